import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import type { KnowledgeEntry } from '../requests/knowledge.js';
import { readKnowledgeWorkbook, writeKnowledgeWorkbook } from './knowledge-xlsx.js';
import { newWorkbook, workbookBuffer } from './xlsx.js';

const UNITS = [
  { id: 3, name: '区人力资源和社会保障局' },
  { id: 4, name: '回龙观街道办事处' },
];
const CTX = {
  categories: ['社保', '供暖'],
  areas: ['回龙观街道', '城北街道'],
  unitIds: [3, 4],
  units: UNITS,
  today: '2025-03-01',
};

const entry: KnowledgeEntry = {
  id: 17,
  retired: null,
  versions: [
    {
      question: '社保卡丢失如何补办？',
      answer: '可携带身份证到任一社保卡服务网点办理挂失补办，也可在“北京社保”小程序在线申请。',
      category: '社保',
      area: null,
      ownerUnitId: 3,
      source: '北京市社会保障卡管理办法',
      validFrom: '2024-01-01',
      validTo: null,
      reviewBy: '2025-12-31',
      keywords: ['社保卡', '补办'],
      version: 1,
      status: 'approved',
      editedBy: 1,
      editedAt: '2024-01-01T00:00:00.000Z',
      submittedAt: '2024-01-01T00:00:00.000Z',
      decision: { by: 2, at: '2024-01-02T00:00:00.000Z', note: '' },
      confirms: null,
    },
  ],
};

/** A list as a unit keeps it: its own header order, a blank id for a new entry. */
async function officeList(rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet('本单位知识库');
  ws.addRow([
    '问题',
    '答复口径',
    '诉求类别',
    '适用区域',
    '维护单位',
    '依据文件',
    '生效日期',
    '复核日期',
    '关键词',
  ]);
  for (const row of rows) ws.addRow(row);
  return workbookBuffer(wb);
}

async function problemsOf(bytes: Buffer): Promise<string[]> {
  try {
    await readKnowledgeWorkbook(bytes, CTX);
  } catch (error) {
    if (isAppError(error, 'BAD_INPUT')) return error.details.map((d) => `${d.path} ${d.message}`);
    throw error;
  }
  return [];
}

describe('knowledge workbook', () => {
  it('reads its own export back as the entry it was, with the unit by name', async () => {
    const bytes = await writeKnowledgeWorkbook(
      [entry],
      (id) => UNITS.find((u) => u.id === id)?.name ?? '',
      '2025-03-01',
    );
    const rows = await readKnowledgeWorkbook(bytes, CTX);
    const {
      version: _v,
      status: _s,
      editedBy: _e,
      editedAt: _a,
      submittedAt: _t,
      decision: _d,
      confirms: _c,
      ...content
    } = entry.versions[0]!;
    expect(rows).toEqual([{ at: '知识库!4:4', entryId: 17, content }]);
  });

  it('reads a unit’s own list: new entries, 全区 and keywords split by 、', async () => {
    const bytes = await officeList([
      [
        '供暖费怎么交？',
        '可在供热公司营业厅或手机银行缴纳，每年11月15日前缴清。',
        '供暖',
        '全区',
        '回龙观街道办事处',
        '区供热办法',
        '2025-01-01',
        '2025-09-30',
        '供暖费、缴费',
      ],
    ]);
    const rows = await readKnowledgeWorkbook(bytes, CTX);
    expect(rows[0]).toMatchObject({
      entryId: null,
      content: { area: null, ownerUnitId: 4, keywords: ['供暖费', '缴费'], reviewBy: '2025-09-30' },
    });
  });

  it('names every bad cell and imports nothing', async () => {
    const bytes = await officeList([
      [
        '供暖费怎么交？',
        '可在供热公司营业厅或手机银行缴纳，每年11月15日前缴清。',
        '供暖',
        '城南街道',
        '区供暖办',
        '区供热办法',
        '2025-01-01',
        '2025-09-30',
        '',
      ],
      [
        '社保卡怎么补办？',
        '到社保网点办理，携带身份证原件即可当场补办。',
        '户籍',
        '',
        '区人力资源和社会保障局',
        '管理办法',
        '2025-01-01',
        '2024-12-31',
        '',
      ],
    ]);
    expect(await problemsOf(bytes)).toEqual([
      '本单位知识库!E2 没有名为「区供暖办」的单位',
      '本单位知识库!D2 辖区内没有街道（乡镇）「城南街道」',
      '本单位知识库!C3 派单目录中没有分类「户籍」',
      '本单位知识库!H3 复核日期应晚于今天',
    ]);
  });

  it('says which required column is missing', async () => {
    const wb = newWorkbook();
    wb.addWorksheet('Sheet1').addRow(['问题', '答复口径']);
    const problems = await problemsOf(await workbookBuffer(wb));
    expect(problems[0]).toContain('缺少必填列「诉求类别」');
  });
});
