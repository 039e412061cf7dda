import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import { inflateZip } from '../ingest/zip.js';
import { deflatedZeros, withBomb } from '../ingest/test-zips.js';
import { resolveListRows } from '../sources/list.js';
import { readWorkList } from './work-list.js';

async function workbook(build: (wb: ExcelJS.Workbook) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** A list as an office keeps it: a merged title row, a header with notes, a heading row. */
const officeSheet = (wb: ExcelJS.Workbook) => {
  const ws = wb.addWorksheet('任务清单');
  ws.addRow(['2024年民生实事任务清单']);
  ws.mergeCells('A1:F1');
  ws.addRow(['序号', '任务内容', '牵头单位', '配合单位', '完成时限（年月日）', '备注']);
  ws.addRow(['一、城市建设']);
  ws.mergeCells('A3:F3');
  ws.addRow([1, '完成12个老旧小区综合整治', '区住房城乡建设委', '各街道、区财政局', '2024年10月底', '']);
  ws.addRow([2, '新建口袋公园5处', '园林绿化局', '', new Date(Date.UTC(2024, 11, 31)), '']);
  ws.addRow([]);
  ws.addRow([3, '建成社区养老服务驿站3个', '区民政局', '', '', '时限待定']);
  wb.addWorksheet('说明').addRow(['填表说明：时限请写日期']);
};

async function problems(
  bytes: Uint8Array,
  name: string,
): Promise<{ code: string; details: { path: string; message: string }[] }> {
  try {
    await readWorkList(bytes, name);
  } catch (error) {
    if (isAppError(error)) return { code: error.code, details: error.details };
    throw error;
  }
  throw new Error('no error');
}

describe('readWorkList', () => {
  it('reads a spreadsheet list past its title and heading rows, each cell with its reference', async () => {
    const read = await readWorkList(await workbook(officeSheet), '清单.xlsx');
    expect(read.tables).toEqual([{ name: '任务清单', rows: 3 }]);
    expect(read.skipped).toEqual(['说明']);
    expect(read.rows[0]).toEqual({
      origin: '任务清单!4',
      reference: '1',
      title: { text: '完成12个老旧小区综合整治', cell: '任务清单!B4' },
      leadUnit: { text: '区住房城乡建设委', cell: '任务清单!C4' },
      coUnits: [
        { text: '各街道', cell: '任务清单!D4(1)' },
        { text: '区财政局', cell: '任务清单!D4(2)' },
      ],
      dueOn: { date: '2024-10-31', cell: '任务清单!E4' },
      requirement: null,
    });
    expect(read.rows[1]!.dueOn).toEqual({ date: '2024-12-31', cell: '任务清单!E5' });
    expect(read.rows[2]).toMatchObject({ origin: '任务清单!7', dueOn: null, leadUnit: { text: '区民政局' } });
  });

  it('names every bad cell at once: a row without its item, a deadline that is not a date', async () => {
    const bytes = await workbook((wb) => {
      const ws = wb.addWorksheet('督办事项');
      ws.addRow(['编号', '事项名称', '责任单位', '办理时限']);
      ws.addRow(['A1', '', '区水务局', '2024-07-01']);
      ws.addRow(['A2', '河道清淤', '区水务局', '下月底']);
      ws.addRow(['A3', '汛前检查', '区应急管理局', '2024-02-30']);
    });
    expect(await problems(bytes, '督办.xlsx')).toEqual({
      code: 'BAD_INPUT',
      details: [
        { path: '督办事项!B2', message: '这一行没有事项：任务内容不能为空' },
        { path: '督办事项!D3', message: '“下月底”不是日期：请写作2024-06-30或2024年6月底' },
        { path: '督办事项!D4', message: '“2024-02-30”不是日期：请写作2024-06-30或2024年6月底' },
      ],
    });
  });

  it('reads a Word table, a unit merged down two rows counted for both', async () => {
    const cell = (text: string, rowSpan = 1) => new TableCell({ children: [new Paragraph(text)], rowSpan });
    const doc = new Document({
      sections: [
        {
          children: [
            new Paragraph('区政府第35次常务会议议定事项分解表'),
            new Table({
              rows: [
                new TableRow({ children: ['序号', '议定事项', '责任单位', '完成时限'].map((t) => cell(t)) }),
                new TableRow({
                  children: [
                    cell('1'),
                    cell('推进节水型社会建设'),
                    cell('区水务局', 2),
                    cell('2024年9月30日'),
                  ],
                }),
                new TableRow({ children: [cell('2'), cell('开展河湖“清四乱”'), cell('2024年12月')] }),
              ],
            }),
          ],
        },
      ],
    });
    const read = await readWorkList(await Packer.toBuffer(doc), '议定事项.docx');
    expect(read.tables).toEqual([{ name: '表1', rows: 2 }]);
    expect(read.rows.map((r) => [r.title.text, r.leadUnit?.text, r.dueOn?.date, r.leadUnit?.cell])).toEqual([
      ['推进节水型社会建设', '区水务局', '2024-09-30', '表1第2行第3列'],
      ['开展河湖“清四乱”', '区水务局', '2024-12-31', '表1第3行第3列'],
    ]);
  });

  it('says what columns it looks for when no table has them, and refuses what is not .xlsx or .docx', async () => {
    const noHeader = await workbook((wb) => wb.addWorksheet('Sheet1').addRow(['名称', '金额']));
    const none = await problems(noHeader, 'x.xlsx');
    expect(none.code).toBe('BAD_INPUT');
    expect(none.details).toEqual([{ path: 'Sheet1', message: '前10行中没有清单表头' }]);
    expect((await problems(Buffer.from('序号,任务内容\n1,x\n'), 'list.csv')).code).toBe('UNSUPPORTED_FORMAT');
    expect((await problems(Buffer.from('%PDF-1.7 ...'), 'list.pdf')).code).toBe('UNSUPPORTED_FORMAT');
  });

  it('hands rows to the sources domain, which resolves unit names by cell', async () => {
    const read = await readWorkList(await workbook(officeSheet), '清单.xlsx');
    const units = [
      { id: 1, name: '区住房城乡建设委', kind: 'department' as const },
      { id: 2, name: '区园林绿化局', kind: 'department' as const },
      { id: 3, name: '区民政局', kind: 'department' as const },
      { id: 4, name: '区财政局', kind: 'department' as const },
    ];
    try {
      resolveListRows(read.rows, units, '2024-06-01T00:00:00.000Z');
      expect.unreachable();
    } catch (error) {
      expect((error as { details: unknown[] }).details).toEqual([
        { path: '任务清单!D4(1)', message: '“各街道”不在本辖区单位名单中，请填写单位全称' },
      ]);
    }
  });

  it('refuses a zip bomb in a list, .xlsx or .docx: too large by its size, unprocessable when it lies about it', async () => {
    const caps = {
      what: 'x',
      maxEntries: 100,
      maxEntryBytes: 64 * 1024 * 1024,
      maxTotalBytes: 64 * 1024 * 1024,
      maxRatio: 1e9,
    };
    const xlsx = await inflateZip(await workbook(officeSheet), caps);
    const sheetBomb = withBomb(xlsx.entries, {
      name: 'xl/worksheets/sheet1.xml',
      body: deflatedZeros(200 * 1024 * 1024),
      declaredSize: 200 * 1024 * 1024,
    });
    expect((await problems(sheetBomb, 'bomb.xlsx')).code).toBe('TOO_LARGE');
    const docx = await inflateZip(
      await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('x')] }] })),
      caps,
    );
    const docBomb = withBomb(docx.entries, {
      name: 'word/document.xml',
      body: deflatedZeros(100 * 1024 * 1024),
      declaredSize: 1000,
    });
    expect((await problems(docBomb, 'bomb.docx')).code).toBe('UNPROCESSABLE');
  });
});
