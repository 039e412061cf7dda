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
  fn(wb.getWorksheet('项目投资进度')!);
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
      },
      {
        projectId: 3,
        name: '青石河湿地公园',
        stage: '建设',
        planned: null,
        completedBefore: 0,
        amount: null,
        progress: null,
      },
      {
        projectId: 4,
        name: '东坡老旧小区综合整治',
        stage: '入库',
        planned: 800,
        completedBefore: 0,
        amount: null,
        progress: null,
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
  it('writes the form with the data-call look: yellow unlocked cells for the month, a protected sheet', async () => {
    const wb = await load(await exportInvestmentCall(input));
    const ws = wb.getWorksheet('项目投资进度')!;
    expect(ws.getCell('A1').value).toBe('示例区重点项目投资完成情况填报表（2022年9月）');
    expect(ws.getCell('A2').value).toContain('填报单位：区发展改革委');
    expect(ws.getCell('A2').value).toContain('报送截止：2022-10-05');
    expect(ws.getRow(4).values).toEqual([
      undefined,
      1,
      '星河生物医药产业基地',
      '开工',
      24_000,
      3000,
      4500,
      '基坑开挖完成',
      undefined,
      1,
    ]);
    for (const cell of ['F4', 'G4', 'H4']) expect(ws.getCell(cell).protection?.locked, cell).toBe(false);
    expect(ws.getCell('B4').protection?.locked).not.toBe(false);
    expect(ws.getCell('F4').dataValidation).toMatchObject({
      type: 'decimal',
      operator: 'greaterThanOrEqual',
    });
    expect(wb.getWorksheet('_luoshi')?.state).toBe('veryHidden');
  });
});

describe('parseInvestmentCallWorkbook', () => {
  it('reads the filled form, blanks as null, and the figures go into the domain', async () => {
    const bytes = await filled((ws) => {
      ws.getCell('F4').value = 5200.5;
      ws.getCell('H4').value = '塔吊进场延迟';
      ws.getCell('F5').value = '1,200';
      ws.getCell('G5').value = '栈道铺设完成80%';
    });
    const submission = await parseInvestmentCallWorkbook(bytes, expected);
    expect(submission).toEqual({
      unitId: 11,
      month: '2022-09',
      lines: [
        {
          projectId: 1,
          amount: 5200.5,
          progress: '基坑开挖完成',
          issues: '塔吊进场延迟',
          cells: { amount: '项目投资进度!F4', progress: '项目投资进度!G4', issues: '项目投资进度!H4' },
        },
        {
          projectId: 3,
          amount: 1200,
          progress: '栈道铺设完成80%',
          issues: null,
          cells: { amount: '项目投资进度!F5', progress: '项目投资进度!G5', issues: '项目投资进度!H5' },
        },
        {
          projectId: 4,
          amount: null,
          progress: null,
          issues: null,
          cells: { amount: '项目投资进度!F6', progress: '项目投资进度!G6', issues: '项目投资进度!H6' },
        },
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
        '项目投资进度!F4',
        /must be a number, got "约五千"/,
      ],
      ['a negative amount', (ws) => (ws.getCell('F5').value = -3), '项目投资进度!F5', /must not be negative/],
      [
        'a project not owed',
        (ws) => (ws.getCell('I5').value = 2),
        '项目投资进度!I5',
        /项目ID 2 is not part of this data call/,
      ],
      ['a project twice', (ws) => (ws.getCell('I5').value = 1), '项目投资进度!I5', /duplicate 项目ID 1/],
      [
        'a line added in the form',
        (ws) => {
          ws.getCell('B7').value = '新项目';
          ws.getCell('F7').value = 100;
        },
        '项目投资进度!I7',
        /has values but no 项目ID/,
      ],
      ['merged cells', (ws) => ws.mergeCells('G4:G5'), '项目投资进度!G4:G5', /merged cells/],
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
      'the form is for 区发展改革委, not unit 12',
    );
    expect((await refused(bytes, { unitId: 11, month: '2022-10' })).message).toContain(
      'the form is for 2022-09, not 2022-10',
    );
    const plain = new ExcelJS.Workbook();
    plain.addWorksheet('项目投资进度').addRow(['项目ID']);
    expect((await refused(Buffer.from(await plain.xlsx.writeBuffer()))).message).toContain(
      'not a Luoshi investment form',
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
      'the workbook investment-call.xlsx inflates beyond 4 MB in one part (xl/worksheets/sheet1.xml): refused',
    );
  });
});
