import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { deflatedZeros, withBomb } from '../ingest/test-zips.js';
import { inflateZip } from '../ingest/zip.js';
import { completedBetween } from '../projects/investment.js';
import { DEFAULT_LIBRARIES, DEFAULT_STAGE_MODEL } from '../projects/stages.js';
import { ENTERPRISES, sampleLibrary } from '../projects/test-fixtures.js';
import { LIBRARY_COLUMNS, exportProjectLibrary, wanToYi, yiToWan } from './project-library.js';
import type { ProjectLibraryInput } from './project-library.js';
import { importProjectLibrary } from './project-library-import.js';
import type { ProjectLibraryImportContext, ProjectLibraryRow } from './project-library-import.js';
import { WORKBOOK_LIMITS } from './xlsx.js';

const units = [
  { id: 11, name: '区发展改革委' },
  { id: 12, name: '区科委' },
  { id: 13, name: '区住房城乡建设委' },
];
const projects = sampleLibrary();
const input: ProjectLibraryInput = {
  title: '示例区项目库台账',
  year: 2022,
  asOf: '2022-09-30',
  projects,
  libraries: DEFAULT_LIBRARIES,
  model: DEFAULT_STAGE_MODEL,
  units,
  enterprises: ENTERPRISES,
};
const ctx: ProjectLibraryImportContext = {
  libraries: DEFAULT_LIBRARIES,
  model: DEFAULT_STAGE_MODEL,
  units,
  enterprises: ENTERPRISES,
  projectIds: projects.map((p) => p.id),
  year: 2021,
};

async function load(buf: Uint8Array): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ArrayBuffer);
  return wb;
}

async function save(wb: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function edited(fn: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = await load(await exportProjectLibrary(input));
  fn(wb.getWorksheet('项目库台账')!);
  return save(wb);
}

async function refused(bytes: Uint8Array, c = ctx): Promise<AppError> {
  const error = await importProjectLibrary(bytes, c).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('wanToYi and yiToWan', () => {
  it('convert exactly to the 100 元 kept', () => {
    const cases: [number, number][] = [
      [250_000, 25],
      [4500, 0.45],
      [1234.56, 0.123456],
      [0, 0],
    ];
    for (const [wan, yi] of cases) {
      expect(wanToYi(wan)).toBe(yi);
      expect(yiToWan(yi)).toBe(wan);
    }
  });
});

describe('exportProjectLibrary', () => {
  it('writes the 项目库台账 with the office columns, amounts in 亿元', async () => {
    const wb = await load(await exportProjectLibrary(input));
    const ws = wb.getWorksheet('项目库台账')!;
    expect(ws.getCell('A1').value).toBe('示例区项目库台账');
    expect(ws.getCell('A2').value).toBe('年度计划投资为2022年；累计完成投资截至2022-09-30；金额单位：亿元');
    expect(ws.getRow(3).values).toEqual([
      undefined,
      '序号',
      '项目名称',
      '别名',
      '所属库',
      '类别',
      '阶段',
      '阶段时间',
      '总投资(亿元)',
      '2022年度计划投资(亿元)',
      '累计完成投资(亿元)',
      '牵头单位',
      '包联领导',
      '企业名称',
      '计划开工时间',
      '计划竣工时间',
      '地块',
      '坐标',
      '入统时间',
      '项目ID',
    ]);
    expect(ws.getRow(4).values).toEqual([
      undefined,
      1,
      '星河生物医药产业基地',
      '星河生物医药基地',
      '产业项目库',
      'A',
      '开工',
      '2022-08-01',
      25,
      2.4,
      0.75,
      '区发展改革委',
      undefined,
      '星河生物科技有限公司',
      '2022-06-30',
      '2024-06-30',
      undefined,
      undefined,
      '2022-09-20',
      1,
    ]);
    expect(wb.getWorksheet('_luoshi')?.state).toBe('veryHidden');
  });
});

/** What the import must give back for a project of the sample. */
function expectedRow(p: (typeof projects)[number], at: string): ProjectLibraryRow {
  const plan = p.annualPlans.find((a) => a.year === 2022);
  // Every column of the export (序号 in A aside), each field at its cell of the row.
  const row = at.split('!')[1]!;
  const fields = Object.keys(LIBRARY_COLUMNS).filter((f) => f !== 'seq');
  const cells = Object.fromEntries(
    fields.map((f, i) => [f, `项目库台账!${String.fromCharCode(66 + i)}${row}`]),
  );
  return {
    at,
    cells,
    id: p.id,
    name: p.name,
    aliases: p.aliases,
    library: p.library,
    class: p.class,
    stage: p.history.at(-1)!.stage,
    stageDate: p.history.at(-1)!.date,
    totalInvestment: p.totalInvestment,
    annualPlan: plan ? { year: 2022, planned: plan.planned } : null,
    completedToDate: p.investments.length > 0 ? completedBetween(p, '0000-01', '2022-09') : null,
    leadUnitId: p.leadUnitId,
    leader: p.leader,
    enterpriseId: p.enterpriseId,
    milestones: p.milestones.filter((m) => m.stage === '开工' || m.stage === '建成投用'),
    parcel: p.parcel,
    location: p.location,
    statsRegisteredOn: p.statsRegisteredOn,
  };
}

describe('importProjectLibrary', () => {
  it('reads its own export back unchanged (round trip)', async () => {
    const located = projects.map((p, i) =>
      i === 0
        ? { ...p, location: { lng: 100.123456, lat: 30.654321 }, parcel: 'DK-2022-0001', leader: '王伟' }
        : p,
    );
    const bytes = await exportProjectLibrary({ ...input, projects: located });
    const result = await importProjectLibrary(bytes, ctx);
    expect(result.year).toBe(2022);
    expect(result.meta).toMatchObject({ format: 'luoshi-project-library', asOf: '2022-09-30' });
    expect(result.rows).toEqual(located.map((p, i) => expectedRow(p, `项目库台账!${i + 4}`)));
  });

  it("reads an office's own ledger: any column order, 万元, the year in the header, the library from the sheet name", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('产业项目库');
    ws.addRow(['2023年产业项目库台账']);
    ws.addRow([
      '序号',
      '项目名称',
      '项目类别',
      '当前阶段',
      '计划总投资（万元）',
      '2023年度计划投资(万元)',
      '牵头单位',
      '计划开工',
      '经纬度',
      '企业',
    ]);
    ws.addRow([
      1,
      '  云杉智能制造产业园二期 ',
      'A类',
      '在建',
      '12,500',
      3000,
      '区科委',
      '2023年6月底',
      '100.5，30.1',
      '91330100ma2h0002yk',
    ]);
    ws.addRow([]);
    ws.addRow([
      2,
      '南山中试基地',
      'C',
      '投产',
      800.5,
      null,
      null,
      new Date(Date.UTC(2023, 2, 1)),
      null,
      '云杉智造有限公司',
    ]);
    const result = await importProjectLibrary(await save(wb), ctx);
    expect(result.year).toBe(2023);
    expect(
      result.rows.map((r) => [
        r.at,
        r.name,
        r.library,
        r.class,
        r.stage,
        r.totalInvestment,
        r.annualPlan,
        r.leadUnitId,
      ]),
    ).toEqual([
      [
        '产业项目库!3',
        '云杉智能制造产业园二期',
        'industry',
        'A',
        '建设',
        12_500,
        { year: 2023, planned: 3000 },
        12,
      ],
      ['产业项目库!5', '南山中试基地', 'industry', 'C', '建成投用', 800.5, null, null],
    ]);
    expect(result.rows[0]).toMatchObject({
      id: null,
      milestones: [{ stage: '开工', planned: '2023-06-30' }],
      location: { lng: 100.5, lat: 30.1 },
      enterpriseId: 2,
    });
    expect(result.rows[1]).toMatchObject({
      milestones: [{ stage: '开工', planned: '2023-03-01' }],
      enterpriseId: 2,
    });
  });

  it('answers every bad cell with its sheet, row and column, and returns nothing', async () => {
    const cases: [string, (ws: ExcelJS.Worksheet) => void, string, RegExp][] = [
      [
        'an unknown library',
        (ws) => (ws.getCell('D5').value = '特色项目库'),
        '项目库台账!D5',
        /所属库“特色项目库”不是可选的值：请填“重大项目库”/,
      ],
      [
        'an unknown stage',
        (ws) => (ws.getCell('F5').value = '封顶'),
        '项目库台账!F5',
        /阶段“封顶”不是可选的值：请填“/,
      ],
      ['an empty stage', (ws) => (ws.getCell('F5').value = null), '项目库台账!F5', /^阶段不能为空$/],
      [
        'a bad class',
        (ws) => (ws.getCell('E6').value = 'D'),
        '项目库台账!E6',
        /类别“D”不是可选的值：请填“A”、“B”或“C”/,
      ],
      [
        'a bad date',
        (ws) => (ws.getCell('G4').value = '八月初'),
        '项目库台账!G4',
        /阶段时间“八月初”不是日期：请写作2022-06-30或2022年6月底/,
      ],
      [
        'a number for a date',
        (ws) => (ws.getCell('N4').value = 45000),
        '项目库台账!N4',
        /应填日期（填的是数字45000）/,
      ],
      [
        'text for money',
        (ws) => (ws.getCell('H4').value = '约25亿'),
        '项目库台账!H4',
        /总投资\(亿元\)应填数字（填的是“约25”）/,
      ],
      ['negative money', (ws) => (ws.getCell('I4').value = -1), '项目库台账!I4', /不能为负数（填的是-1）/],
      [
        'an error value',
        (ws) => (ws.getCell('J4').value = { error: '#REF!' }),
        '项目库台账!J4',
        /显示错误值#REF!：请改正后重新上传/,
      ],
      [
        'a formula never computed',
        (ws) => (ws.getCell('H5').value = { formula: 'SUM(H6:H7)' } as ExcelJS.CellFormulaValue),
        '项目库台账!H5',
        /是没有计算结果的公式：请直接填写数值/,
      ],
      [
        'an unknown unit',
        (ws) => (ws.getCell('K4').value = '区水务局'),
        '项目库台账!K4',
        /牵头单位“区水务局”不在本辖区单位名单中/,
      ],
      [
        'an unknown enterprise',
        (ws) => (ws.getCell('M4').value = '不存在公司'),
        '项目库台账!M4',
        /企业“不存在公司”不在企业名单中：请先在企业名单中添加/,
      ],
      [
        'a bad point',
        (ws) => (ws.getCell('Q4').value = '东经100度'),
        '项目库台账!Q4',
        /坐标“东经100度”无法识别：请按“经度, 纬度”填写/,
      ],
      [
        'a point off Earth',
        (ws) => (ws.getCell('Q4').value = '200, 30'),
        '项目库台账!Q4',
        /坐标“200, 30”无法识别：请按“经度, 纬度”填写/,
      ],
      [
        'an unknown id',
        (ws) => (ws.getCell('S4').value = 99),
        '项目库台账!S4',
        /项目库中没有项目ID为99的项目/,
      ],
      [
        'a repeated id',
        (ws) => (ws.getCell('S5').value = 1),
        '项目库台账!S5',
        /项目ID1重复（项目库台账!S4已填）/,
      ],
      [
        'a fractional id',
        (ws) => (ws.getCell('S5').value = 1.5),
        '项目库台账!S5',
        /项目ID应为正整数（填的是1.5）/,
      ],
      [
        'the same project twice',
        (ws) => (ws.getCell('B5').value = '星河生物医药产业基地项目'),
        '项目库台账!B5',
        /项目“星河生物医药产业基地项目”与项目库台账!B4是同一个项目/,
      ],
      [
        'values but no name',
        (ws) => (ws.getCell('B6').value = null),
        '项目库台账!B6',
        /第6行填了.*，但没有项目名称/,
      ],
      [
        'merged data cells',
        (ws) => ws.mergeCells('K4:K5'),
        '项目库台账!K4:K5',
        /数据行中有合并单元格（K4:K5）/,
      ],
    ];
    for (const [what, edit, path, message] of cases) {
      const error = await refused(await edited(edit));
      expect(error.code, what).toBe('BAD_INPUT');
      expect(error.message, what).toMatch(/^project-library\.xlsx未导入：共\d+处问题/);
      expect(
        error.details.some((d) => d.path === path && message.test(d.message)),
        `${what}: ${JSON.stringify(error.details)}`,
      ).toBe(true);
    }
    // Several at once: all listed.
    const error = await refused(
      await edited((ws) => {
        ws.getCell('D5').value = '特色项目库';
        ws.getCell('E6').value = 'D';
        ws.getCell('S8').value = 99;
      }),
    );
    expect(error.details.map((d) => d.path)).toEqual(['项目库台账!D5', '项目库台账!E6', '项目库台账!S8']);
  });

  it('refuses a file with no ledger in it, another kind of workbook, and what is not a workbook or too big', async () => {
    const empty = new ExcelJS.Workbook();
    empty.addWorksheet('Sheet1').addRow(['名称', '阶段']);
    let error = await refused(await save(empty));
    expect(error.details).toEqual([
      { path: 'Sheet1!A1', message: expect.stringContaining('没有一个工作表的前10行有“项目名称”表头') },
    ]);

    const noStage = new ExcelJS.Workbook();
    noStage.addWorksheet('台账').addRow(['项目名称', '所属库']);
    error = await refused(await save(noStage));
    expect(error.details.map((d) => d.message)).toEqual(['缺少必填列“阶段”：请不要删除或改名']);

    const other = await load(await exportProjectLibrary(input));
    other.getWorksheet('_luoshi')!.getCell('B1').value = 'luoshi-ledger';
    error = await refused(await save(other));
    expect(error.details[0]).toEqual({
      path: '_luoshi!B1',
      message: 'project-library.xlsx不是项目库台账：请上传从系统下载的项目库台账',
    });

    error = await refused(new TextEncoder().encode('项目名称,阶段\n甲,开工\n'));
    expect(error.code).toBe('UNSUPPORTED_FORMAT');

    const parts = (
      await inflateZip(await exportProjectLibrary(input), { ...WORKBOOK_LIMITS.ledger.zip, what: 'x' })
    ).entries;
    const bomb = withBomb(parts, {
      name: 'xl/worksheets/sheet1.xml',
      body: deflatedZeros(2 * 1024 * 1024 * 1024),
      declaredSize: 2 ** 31,
    });
    error = await refused(bomb);
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toBe('工作簿project-library.xlsx解压后超过24 MB，已拒收');
  });
});
