import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { parseCsv, unescapeCsvFormula } from './csv.js';
import {
  achievementsTable,
  auditTable,
  formatPromise,
  projectsTable,
  tableToCsv,
  tasksTable,
  tablesToXlsx,
  targetsTable,
} from './tables.js';
import * as fx from './testing/fixtures.js';

const audit = fx.auditEvents;
const userName = (id: number) => fx.userNames[id];

describe('tables', () => {
  it('phrases a promise as the report does', () => {
    expect(formatPromise(fx.targets[0]!)).toBe('6.5%左右');
    expect(formatPromise(fx.targets[3]!)).toBe('2500亩以上');
    expect(formatPromise(fx.targets[2]!)).toBe('5%以内');
    expect(formatPromise(fx.targets[4]!)).toBe('超过1.2万户');
  });

  it('writes targets as CSV with a BOM that Excel reads as UTF-8, and the rows parse back', () => {
    const csv = tableToCsv(targetsTable(fx.targets, fx.units, { 201: { value: 6.8, asOf: '2022-12-31' } }));
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain('\r\n');
    const { records, errors } = parseCsv(csv);
    expect(errors).toEqual([]);
    expect(records[0]!.fields.map((f) => f.value).slice(0, 3)).toEqual(['指标ID', '指标', '目标']);
    const gdp = records[1]!.fields.map((f) => f.value);
    expect(gdp.slice(0, 10)).toEqual([
      '201',
      '地区生产总值增长',
      '6.5%左右',
      '左右',
      '6.5',
      '%',
      '2022',
      '',
      '6.8',
      '2022-12-31',
    ]);
    expect(gdp[10]).toBe('区发展改革委');
    const forest = records[6]!.fields.map((f) => f.value);
    expect(forest[7]).toBe('48.3%（2021）');
  });

  it('lists tasks with their chapter path, owners, state and health', () => {
    const { records } = parseCsv(tableToCsv(tasksTable(fx.tasks, fx.units, fx.outline, { 103: 'at_risk' })));
    expect(records.length).toBe(7);
    expect(records[3]!.fields.map((f) => f.value)).toEqual([
      '103',
      '二、2022年重点任务 > （二）以“两区”建设为引领，实现更高水平改革开放',
      fx.tasks[2]!.text,
      '区市场监管局',
      '区发展改革委、回龙观街道',
      '李副区长',
      '2022-12-31',
      '推进中',
      '30',
      '预警',
    ]);
  });

  it('writes the audit trail one changed field per row, escaping formula-looking text', () => {
    const spec = auditTable(audit, {
      userName,
      entityLabel: (type, id) => (type === 'task' ? `任务${id}` : undefined),
    });
    const { records } = parseCsv(tableToCsv(spec));
    expect(records.map((r) => r.fields.map((f) => f.value))).toEqual([
      [
        '序号',
        '时间',
        '操作人',
        '角色',
        '操作',
        '对象',
        '对象ID',
        '名称',
        '字段',
        '修改前',
        '修改后',
        '理由',
      ],
      [
        '1',
        '2022-03-05 08:30:00',
        '王芳',
        '督查室',
        'task.assign',
        'task',
        '101',
        '任务101',
        'deadline',
        '2022-12-31',
        '2022-10-31',
        '按区政府常务会要求提前',
      ],
      [
        '2',
        '2022-03-06 09:00:00',
        '李明',
        '填报单位',
        'task.assign',
        'task',
        '102',
        '任务102',
        'coUnitIds',
        '[]',
        '[1,6]',
        '',
      ],
      [
        '3',
        '2022-04-06 09:00:00',
        '王芳',
        '督查室',
        'report.return',
        'report',
        '55',
        '',
        'reviewedBy',
        '',
        '3',
        "'=进度与佐证不符",
      ],
      [
        '3',
        '2022-04-06 09:00:00',
        '王芳',
        '督查室',
        'report.return',
        'report',
        '55',
        '',
        'status',
        'submitted',
        'returned',
        "'=进度与佐证不符",
      ],
    ]);
  });

  it('leaves out who acted, and fields naming a user, in the public audit export', () => {
    const rows = auditTable(audit, { audience: 'public', userName }).rows;
    expect(rows.map((r) => [r[2], r[3], r[8]])).toEqual([
      [null, '督查室', 'deadline'],
      [null, '填报单位', 'coUnitIds'],
      [null, '督查室', 'status'],
    ]);
  });

  it('writes every list into one workbook with a sheet each', async () => {
    const buf = await tablesToXlsx(
      fx.plan,
      [
        targetsTable(fx.targets, fx.units),
        achievementsTable(fx.achievements),
        projectsTable(fx.projects, fx.projectLists),
        auditTable(audit, { userName }),
      ],
      '2022年12月31日',
    );
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['主要指标', '主要成绩', '重点项目', '修改记录']);
    const projects = wb.getWorksheet('重点项目')!;
    expect(projects.getCell('A1').value).toBe('2022年北京市昌平区政府工作报告重点项目');
    expect(projects.getRow(4).values).toEqual([
      undefined,
      501,
      '科兴生物疫苗质量研究中心',
      '签约落地',
      40,
      '签约',
      undefined,
      '2022-05-20',
      undefined,
      undefined,
      401,
    ]);
    expect(wb.getWorksheet('修改记录')!.getCell('L4').value).toBe('按区政府常务会要求提前');
  });

  it('every list re-imports to the same data, from CSV and from the workbook', async () => {
    const specs = [
      targetsTable(fx.targets, fx.units, { 201: { value: 6.3 } }),
      tasksTable(fx.tasks, fx.units, fx.outline),
      achievementsTable(fx.achievements),
      projectsTable(fx.projects, fx.projectLists),
      auditTable(audit),
    ];
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await tablesToXlsx(fx.plan, specs)) as unknown as ArrayBuffer);
    for (const spec of specs) {
      const csv = parseCsv(tableToCsv(spec))
        .records.slice(1)
        .map((r) => r.fields.map((f) => unescapeCsvFormula(f.value)));
      expect(csv).toEqual(
        spec.rows.map((row) => row.map((v) => (v === null || v === undefined ? '' : String(v)))),
      );
      const ws = wb.getWorksheet(spec.name)!; // title row 1, header row 2, data from row 3
      const cells = spec.rows.map((_, r) => spec.columns.map((_, c) => ws.getCell(3 + r, 1 + c).value));
      expect(cells).toEqual(spec.rows.map((row) => row.map((v) => v ?? null)));
    }
  });
});
