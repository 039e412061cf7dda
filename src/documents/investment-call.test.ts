import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { deflatedZeros, withBomb } from '../ingest/test-zips.js';
import { inflateZip } from '../ingest/zip.js';
import { addProgressReport, recordInvestment } from '../projects/project.js';
import { DEFAULT_STAGE_MODEL } from '../projects/stages.js';
import { sampleLibrary } from '../projects/test-fixtures.js';
import {
  deriveInvestmentCallInput,
  exportInvestmentCall,
  parseInvestmentCallWorkbook,
} from './investment-call.js';
import { WORKBOOK_LIMITS } from './xlsx.js';

const unit = { id: 11, name: '区发展改革委' };
const projects = sampleLibrary();
projects[0] = addProgressReport(projects[0]!, { date: '2022-08-25', note: '基坑开挖完成' });
const input = deriveInvestmentCallInput({
  title: '示例区重点项目',
  unit,
  month: '2022-09',
  dueOn: '2022-10-05',
  projects,
  model: DEFAULT_STAGE_MODEL,
});
const expected = { unitId: 11, month: '2022-09' };

async function load(buf: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

async function filled(fn: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = await load(await exportInvestmentCall(input));
  fn(wb.getWorksheet('项目投资')!);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function refused(bytes: Uint8Array, e = expected): Promise<AppError> {
  const error = await parseInvestmentCallWorkbook(bytes, e).then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('deriveInvestmentCallInput', () => {
  it("lists the unit's projects under construction or planned for the year, with what is known", () => {
    expect(input.lines).toEqual([
      {
        projectId: 1,
        name: '星河生物医药产业基地',
        stage: '开工',
        planned: 24_000,
        completedBefore: 3000,
        amount: 4500,
        progress: '基坑开挖完成',
        statsRegisteredOn: '2022-09-20',
      },
      {
        projectId: 3,
        name: '青石河湿地公园',
        stage: '建设',
        planned: null,
        completedBefore: 0,
        amount: null,
        progress: null,
        statsRegisteredOn: null,
      },
      {
        projectId: 4,
        name: '东坡老旧小区综合整治',
        stage: '入库',
        planned: 800,
        completedBefore: 0,
        amount: null,
        progress: null,
        statsRegisteredOn: null,
      },
    ]);
    const other = deriveInvestmentCallInput({
      title: 't',
      unit: { id: 99, name: '别的单位' },
      month: '2022-09',
      projects,
      model: DEFAULT_STAGE_MODEL,
    });
    expect(other.lines).toEqual([]);
    // In October 3 is finished: no longer owed.
    const october = deriveInvestmentCallInput({
      title: 't',
      unit,
      month: '2022-10',
      projects,
      model: DEFAULT_STAGE_MODEL,
    });
    expect(october.lines.map((l) => l.projectId)).toEqual([1, 4]);
  });
});

describe('exportInvestmentCall', () => {
  it('writes the form with the data-call look: the month on every row, yellow unlocked cells, the year to date as a formula', async () => {
    const wb = await load(await exportInvestmentCall(input));
    const ws = wb.getWorksheet('项目投资')!;
    expect(ws.getCell('A1').value).toBe('示例区重点项目投资完成情况月报表（2022年9月）');
    expect(ws.getCell('A2').value).toContain('填报单位：区发展改革委');
    expect(ws.getCell('A2').value).toContain('报送截止：2022-10-05');
    expect(ws.getRow(3).values).toEqual([
      undefined,
      '序号',
      '项目名称',
      '阶段',
      '月份',
      '年度计划投资(万元)',
      '本月完成投资(万元)',
      '本年累计完成(万元)',
      '形象进度',
      '入统',
      '项目ID',
    ]);
    expect(ws.getRow(4).values).toEqual([
      undefined,
      1,
      '星河生物医药产业基地',
      '开工',
      '2022-09',
      24_000,
      4500,
      { formula: '3000+N(F4)', result: 7500 },
      '基坑开挖完成',
      '是',
      1,
    ]);
    for (const cell of ['F4', 'H4', 'I4']) expect(ws.getCell(cell).protection?.locked, cell).toBe(false);
    for (const cell of ['B4', 'D4', 'G4']) expect(ws.getCell(cell).protection?.locked, cell).not.toBe(false);
    expect(ws.getCell('F4').dataValidation).toMatchObject({
      type: 'decimal',
      operator: 'greaterThanOrEqual',
    });
    expect(ws.getCell('I4').dataValidation).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(wb.getWorksheet('_luoshi')?.state).toBe('veryHidden');
  });
});

describe('parseInvestmentCallWorkbook', () => {
  it('reads the filled form (入统 as 是, 否 or a day, blanks as null) and the figures go into the domain', async () => {
    const bytes = await filled((ws) => {
      ws.getCell('F4').value = 5200.5;
      ws.getCell('I4').value = '是';
      ws.getCell('F5').value = '1,200';
      ws.getCell('H5').value = '栈道铺设完成80%';
      ws.getCell('I5').value = new Date(Date.UTC(2022, 8, 20));
      ws.getCell('I5').numFmt = 'yyyy-mm-dd';
      ws.getCell('I6').value = '否';
    });
    const submission = await parseInvestmentCallWorkbook(bytes, expected);
    const cells = (r: number) => ({
      projectId: `项目投资!J${r}`,
      amount: `项目投资!F${r}`,
      progress: `项目投资!H${r}`,
      stats: `项目投资!I${r}`,
    });
    expect(submission).toEqual({
      unitId: 11,
      month: '2022-09',
      lines: [
        {
          projectId: 1,
          amount: 5200.5,
          progress: '基坑开挖完成',
          stats: { registered: true, on: null },
          cells: cells(4),
        },
        {
          projectId: 3,
          amount: 1200,
          progress: '栈道铺设完成80%',
          stats: { registered: true, on: '2022-09-20' },
          cells: cells(5),
        },
        { projectId: 4, amount: null, progress: null, stats: { registered: false }, cells: cells(6) },
      ],
    });
    const line = submission.lines[0]!;
    const recorded = recordInvestment(projects[0]!, submission.month, line.amount!);
    expect(recorded.investments.find((m) => m.month === '2022-09')).toEqual({
      month: '2022-09',
      amount: 5200.5,
    });
  });

  it('answers every bad cell with its place, and refuses a form of another unit or month', async () => {
    const cases: [string, (ws: ExcelJS.Worksheet) => void, string, RegExp][] = [
      [
        'text for an amount',
        (ws) => (ws.getCell('F4').value = '约五千'),
        '项目投资!F4',
        /本月完成投资\(万元\)应填数字（填的是“约五千”）/,
      ],
      ['a negative amount', (ws) => (ws.getCell('F5').value = -3), '项目投资!F5', /不能为负数（填的是-3）/],
      [
        'a project not owed',
        (ws) => (ws.getCell('J5').value = 2),
        '项目投资!J5',
        /项目ID2不在本次报送范围内/,
      ],
      [
        'a project twice',
        (ws) => (ws.getCell('J5').value = 1),
        '项目投资!J5',
        /项目ID1重复（项目投资!J4已填）/,
      ],
      [
        'a line added in the form',
        (ws) => {
          ws.getCell('B7').value = '新项目';
          ws.getCell('F7').value = 100;
        },
        '项目投资!J7',
        /第7行填了内容但没有项目ID：新增事项请在系统中添加/,
      ],
      [
        'merged cells',
        (ws) => ws.mergeCells('H4:H5'),
        '项目投资!H4:H5',
        /数据行中有合并单元格（H4:H5）：请取消合并/,
      ],
      [
        'a row of another month',
        (ws) => (ws.getCell('D5').value = '2022年8月'),
        '项目投资!D5',
        /月份“2022年8月”不是本次调度的月份（2022-09）/,
      ],
      [
        'a month that is none',
        (ws) => (ws.getCell('D4').value = '九月'),
        '项目投资!D4',
        /月份“九月”无法识别：请写作2022-09或2022年9月/,
      ],
      [
        'an 入统 that is no answer',
        (ws) => (ws.getCell('I6').value = '待定'),
        '项目投资!I6',
        /入统“待定”无法识别：请填“是”“否”或入统日期/,
      ],
    ];
    for (const [what, edit, path, message] of cases) {
      const error = await refused(await filled(edit));
      expect(error.code, what).toBe('BAD_INPUT');
      expect(
        error.details.some((d) => d.path === path && message.test(d.message)),
        `${what}: ${JSON.stringify(error.details)}`,
      ).toBe(true);
    }
    const bytes = await exportInvestmentCall(input);
    expect((await refused(bytes, { unitId: 12, month: '2022-09' })).message).toContain(
      '是区发展改革委的报表，不是本单位的',
    );
    const otherMonth = await refused(bytes, { unitId: 11, month: '2022-10' });
    expect(otherMonth.message).toContain('是2022-09的报表，不是本次调度（2022-10）的');
    expect(otherMonth.details[0]?.path).toBe('项目投资!A2');
    const plain = new ExcelJS.Workbook();
    plain.addWorksheet('项目投资').addRow(['项目ID']);
    expect((await refused(Buffer.from(await plain.xlsx.writeBuffer()))).message).toContain(
      '不是系统下载的项目投资月报表',
    );
  });

  it('reads through the capped zip reader with the data-call caps', async () => {
    const parts = (
      await inflateZip(await exportInvestmentCall(input), { ...WORKBOOK_LIMITS.dataCall.zip, what: 'x' })
    ).entries;
    const bomb = withBomb(parts, {
      name: 'xl/worksheets/sheet1.xml',
      body: deflatedZeros(64 * 1024 * 1024),
      declaredSize: 64 * 1024 * 1024,
    });
    const error = await refused(bomb);
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toBe(
      '工作簿investment-call.xlsx的部件xl/worksheets/sheet1.xml解压后超过4 MB，已拒收',
    );
  });
});
