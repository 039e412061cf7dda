import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { deriveDataCallInput, exportDataCall, parseDataCallWorkbook } from './data-call.js';
import { deriveReportingPeriods, getPeriod } from '../plan/periods.js';
import { deriveCarryForward, deriveObligations } from '../plan/reporting.js';
import * as fx from './testing/fixtures.js';
import { dataCallInput } from './testing/fixtures.js';

const expected = { planId: 7, unitId: 1, periodKey: '2022-06' };

async function edit(fn: (tasks: ExcelJS.Worksheet, targets: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await exportDataCall(dataCallInput)) as unknown as ArrayBuffer);
  fn(wb.getWorksheet('任务进展')!, wb.getWorksheet('指标数据')!);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe('deriveDataCallInput', () => {
  it("builds the form from the domain's obligation and carried-forward draft", () => {
    const periods = deriveReportingPeriods(2022);
    const june = getPeriod(periods, '2022-06');
    const obligation = deriveObligations(june, fx.tasks, fx.targets).find((o) => o.unitId === 1)!;
    const may = {
      periodKey: '2022-05',
      tasks: [{ taskId: 104, progress: 20, state: 'in_progress' as const, note: '已完成项目库梳理' }],
      targets: [{ targetId: 202, value: 5.1, unit: '%', note: '' }],
    };
    const draft = deriveCarryForward(may, obligation, fx.targets);
    const input = deriveDataCallInput({
      plan: fx.plan,
      unit: fx.units[0]!, // 区发展改革委
      period: june,
      obligation,
      draft,
      tasks: fx.tasks,
      targets: fx.targets,
    });
    expect(input.tasks.map((t) => [t.task.id, t.role, t.last?.progress, t.last?.note])).toEqual([
      [101, 'co', 0, ''],
      [103, 'co', 0, ''],
      [104, 'lead', 20, '已完成项目库梳理'],
      [105, 'co', 0, ''],
    ]);
    expect(input.targets.map((t) => [t.target.id, t.role, t.last?.value])).toEqual([
      [201, 'lead', null],
      [202, 'lead', 5.1],
      [207, 'lead', null],
    ]);
  });
});

describe('exportDataCall', () => {
  it("carries last period's values forward into the cells to fill", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportDataCall(dataCallInput)) as unknown as ArrayBuffer);
    const tasks = wb.getWorksheet('任务进展')!;
    expect(tasks.getCell('A2').value).toContain('填报单位：区发展改革委');
    expect(tasks.getRow(4).values).toEqual([
      undefined,
      1,
      fx.tasks[3]!.text,
      '牵头',
      '2022-12-31',
      20,
      20,
      '推进中',
      '已完成项目库梳理',
      104,
    ]);
    expect(tasks.getCell('F4').protection?.locked).toBe(false);
    expect(tasks.getCell('B4').protection?.locked).not.toBe(false);
    expect(tasks.getCell('G5').value).toBe('推进中'); // no report yet: the task's own state
    const targets = wb.getWorksheet('指标数据')!;
    expect(targets.getRow(4).values).toEqual([
      undefined,
      1,
      '地区生产总值增长',
      '6.5%左右',
      '%',
      6.1,
      6.1,
      '一季度数据',
      201,
    ]);
  });
});

describe('parseDataCallWorkbook', () => {
  it('returns what a web report would submit, with the cell of every value', async () => {
    const bytes = await edit((tasks, targets) => {
      tasks.getCell('F4').value = 45;
      tasks.getCell('H4').value = '新入库项目12个';
      tasks.getCell('F5').value = '30%';
      targets.getCell('F4').value = { formula: 'ROUND(6.34,1)', result: 6.3 };
      targets.getCell('F5').value = '5.5';
    });
    const submission = await parseDataCallWorkbook(bytes, expected);
    expect(submission).toEqual({
      planId: 7,
      unitId: 1,
      periodKey: '2022-06',
      tasks: [
        {
          taskId: 104,
          progress: 45,
          state: 'in_progress',
          note: '新入库项目12个',
          cells: { progress: '任务进展!F4', state: '任务进展!G4', note: '任务进展!H4' },
        },
        {
          taskId: 101,
          progress: 30,
          state: 'in_progress',
          note: '',
          cells: { progress: '任务进展!F5', state: '任务进展!G5', note: '任务进展!H5' },
        },
      ],
      targets: [
        {
          targetId: 201,
          value: 6.3,
          unit: '%',
          note: '一季度数据',
          cells: { value: '指标数据!F4', unit: '指标数据!D4', note: '指标数据!G4' },
        },
        {
          targetId: 202,
          value: 5.5,
          unit: '%',
          note: '',
          cells: { value: '指标数据!F5', unit: '指标数据!D5', note: '指标数据!G5' },
        },
      ],
    });
  });

  it("submits last period's values when the form comes back untouched", async () => {
    const submission = await parseDataCallWorkbook(await exportDataCall(dataCallInput), expected);
    expect(submission.tasks.map((t) => [t.taskId, t.progress, t.state, t.note])).toEqual([
      [104, 20, 'in_progress', '已完成项目库梳理'],
      [101, 60, 'in_progress', ''], // no report yet: the task's approved progress
    ]);
    expect(submission.targets.map((t) => [t.targetId, t.value, t.note])).toEqual([
      [201, 6.1, '一季度数据'],
      [202, null, ''],
    ]);
  });

  it("needs a percent and a state on every task line, as the domain's TaskEntry does", async () => {
    const bytes = await edit((tasks) => {
      tasks.getCell('F4').value = null;
      tasks.getCell('G5').value = null;
    });
    const error = (await parseDataCallWorkbook(bytes, expected).catch((e: unknown) => e)) as AppError;
    expect(error.details).toEqual([
      { path: '任务进展!F4', message: '本期进度(%)不能为空' },
      { path: '任务进展!G5', message: '状态不能为空' },
    ]);
  });

  it('leaves range checks to the domain: a percent over 100 is returned as typed', async () => {
    const bytes = await edit((tasks) => (tasks.getCell('F4').value = 120));
    expect((await parseDataCallWorkbook(bytes, expected)).tasks[0]!.progress).toBe(120);
  });

  it('lists every problem of shape with its cell', async () => {
    const bytes = await edit((tasks, targets) => {
      tasks.getCell('F4').value = '大部分';
      tasks.getCell('G5').value = '快完成了';
      targets.getCell('H5').value = 206; // a target not owed by this unit
      targets.getCell('F4').value = { formula: 'A1' } as ExcelJS.CellFormulaValue;
    });
    const error = (await parseDataCallWorkbook(bytes, expected).catch((e: unknown) => e)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.details.map((d) => d.path)).toEqual([
      '任务进展!F4',
      '任务进展!G5',
      '指标数据!F4',
      '指标数据!H5',
    ]);
    expect(error.details[3]!.message).toBe('指标ID206不在本次报送范围内，请核对');
  });

  it("refuses another unit's or period's form, and a ledger sent in its place", async () => {
    const bytes = await exportDataCall(dataCallInput);
    await expect(parseDataCallWorkbook(bytes, { ...expected, unitId: 2 })).rejects.toThrow(
      '是区发展改革委的填报表，不是本单位的',
    );
    await expect(parseDataCallWorkbook(bytes, { ...expected, periodKey: '2022-07' })).rejects.toThrow(
      '是2022-06的填报表，不是本期（2022-07）的',
    );
    const { exportLedger } = await import('./ledger.js');
    const ledger = await exportLedger({
      plan: fx.plan,
      outline: fx.outline,
      tasks: fx.tasks,
      units: fx.units,
      periods: [],
    });
    await expect(parseDataCallWorkbook(ledger, expected)).rejects.toThrow('不是系统下载的数据填报表');
  });
});
