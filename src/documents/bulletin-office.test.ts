/**
 * The 通报 opened by LibreOffice headless (one run for both files): the red header, the 文号,
 * the title, the units' figures and the lists show as printed. Fails — never skips — without soffice.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { deriveBulletin } from './bulletin.js';
import { writeBulletinDocx } from './bulletin-docx.js';
import { writeBulletinXlsx } from './bulletin-xlsx.js';
import { bulletinInput } from './testing/bulletin-fixture.js';
import { convertToPdf, pdfPages, squash } from './testing/office.js';
import type { PdfPage } from './testing/office.js';
import { readZipEntry } from './testing/zip.js';

const bulletin = deriveBulletin(bulletinInput);
const files: Record<string, Buffer> = {};
const pages: Record<string, PdfPage[]> = {};
const text = (name: string) => squash((pages[name] ?? []).map((p) => p.text).join('\n'));

beforeAll(async () => {
  files['bulletin.docx'] = await writeBulletinDocx(bulletin);
  files['bulletin.xlsx'] = await writeBulletinXlsx(bulletin);
  const pdfs = await convertToPdf(files);
  for (const [name, pdf] of Object.entries(pdfs)) pages[name] = await pdfPages(pdf);
}, 300_000);

describe('the monthly 通报 opened by LibreOffice', () => {
  it('the .docx is an A4 red-header bulletin with its number, title, table, lists and signature', async () => {
    const p = pages['bulletin.docx']!;
    expect(p[0]!.width).toBe(595);
    expect(p[0]!.height).toBe(842);
    const t = text('bulletin.docx');
    const order = [
      '督查通报',
      '督通〔2024〕5号',
      '关于2024年5月份重点工作落实情况的通报',
      '各镇人民政府、街道办事处，区政府各委、办、局：',
      '一、总体情况',
      '全区共有8项工作到期，按期完成5项，按期完成率62.5%',
      '二、各单位落实情况',
      '区水务局',
      '66.7%',
      '区应急管理局',
      '100%',
      '三、红黑榜',
      '红榜',
      '黑榜',
      '区园林绿化局',
      '逾期未完成3项',
      '四、逾期未完成事项',
      '新建口袋公园5处',
      '2024年3月31日',
      '五、领导点评',
      '张明区长：红榜单位要总结经验',
      '六、下步工作要求',
      '某区人民政府督查室',
      '2024年6月5日',
    ];
    let at = 0;
    for (const s of order) {
      const found = t.indexOf(squash(s), at);
      expect(found, `"${s}" after position ${at}`).toBeGreaterThanOrEqual(0);
      at = found;
    }
    // The header is red and the rule under the 文号 is red (GB/T 9704 红头).
    const xml = (await readZipEntry(files['bulletin.docx']!, 'word/document.xml'))!;
    expect(xml).toMatch(/<w:color w:val="E60000"\/>[\s\S]*?督查通报/);
    expect(xml).toMatch(/<w:bottom w:val="thick" w:color="E60000"/);
  });

  it('the .xlsx holds the same figures as numbers, with the totals', async () => {
    const t = text('bulletin.xlsx');
    for (const s of [
      '2024年5月份各单位重点工作落实情况',
      '区水务局',
      '合计',
      '62.5%',
      '2024年5月份红黑榜',
      '截至2024年5月底逾期未完成事项',
      '节水型社会建设实施方案',
    ]) {
      expect(t).toContain(squash(s));
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(files['bulletin.xlsx']! as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('各单位情况')!;
    // Title, subtitle, header, three units, totals.
    expect(ws.getRow(7).values).toEqual([undefined, undefined, '合计', 8, 5, 2, 4, 0.625, 3, 1, 1]);
    expect(ws.getCell('G4').numFmt).toBe('0.0%');
    expect(wb.getWorksheet('红黑榜')!.getRow(4).values).toEqual([
      undefined,
      '红榜',
      '区应急管理局',
      '本月到期3项，按期完成率100%；无逾期事项；接诉即办满意率92%',
    ]);
  });
});
