import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { deflatedZeros, withBomb } from '../ingest/test-zips.js';
import { inflateZip } from '../ingest/zip.js';
import { ENTERPRISES, PACKAGES, makeCommitment, sampleLibrary } from '../projects/test-fixtures.js';
import type { Commitment } from '../projects/types.js';
import { exportServiceLedger } from './service-ledger.js';
import type { ServiceLedgerInput } from './service-ledger.js';
import { importServiceLedger } from './service-ledger-import.js';
import type { ServiceLedgerImportContext, ServiceLedgerRow } from './service-ledger-import.js';
import { WORKBOOK_LIMITS } from './xlsx.js';

const units = [
  { id: 21, name: '区规划自然资源分局' },
  { id: 22, name: '区市场监管局' },
];
const talents = [{ id: 1, name: '钱七' }];
const projects = sampleLibrary();
const commitments: Commitment[] = [
  makeCommitment({
    id: 1,
    packageId: 1,
    kind: 'land',
    title: '二号地块供地',
    dueOn: '2024-06-30',
    state: 'confirmed',
    confirmedOn: '2024-06-20',
    satisfaction: '满意',
    links: [
      { kind: 'project', projectId: 1 },
      { kind: 'parcel', parcel: 'DK-2' },
    ],
  }),
  makeCommitment({
    id: 2,
    packageId: 1,
    kind: 'policy',
    title: '研发费用加计扣除辅导',
    responsibleUnitId: 22,
    state: 'in_progress',
  }),
  makeCommitment({
    id: 3,
    packageId: 2,
    kind: 'approval',
    title: '环评审批加快',
    state: 'delivered',
    deliveredOn: '2024-03-10',
  }),
  makeCommitment({
    id: 4,
    packageId: 3,
    kind: 'problem',
    title: '子女入学协调',
    butler: '周管家',
    state: 'returned',
  }),
  makeCommitment({ id: 5, packageId: 9, title: '往年事项' }),
];
const input: ServiceLedgerInput = {
  title: '2024年重点企业服务包台账',
  year: 2024,
  packages: [...PACKAGES, { id: 9, holder: { kind: 'enterprise', id: 1 }, year: 2023, butler: '周管家' }],
  commitments,
  enterprises: ENTERPRISES,
  talents,
  units,
  projects,
};
const ctx: ServiceLedgerImportContext = {
  year: 2024,
  units,
  enterprises: ENTERPRISES,
  talents,
  projects,
  commitmentIds: commitments.map((c) => c.id),
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
  const wb = await load(await exportServiceLedger(input));
  fn(wb.getWorksheet('服务包台账')!);
  return save(wb);
}

async function refused(bytes: Uint8Array): Promise<AppError> {
  const error = await importServiceLedger(bytes, ctx).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('exportServiceLedger', () => {
  it("writes the year's commitments, a row each, with the holder's name and code", async () => {
    const wb = await load(await exportServiceLedger(input));
    const ws = wb.getWorksheet('服务包台账')!;
    expect(ws.getCell('A1').value).toBe('2024年重点企业服务包台账');
    expect(ws.getRow(3).values).toEqual([
      undefined,
      '序号',
      '企业名称',
      '统一社会信用代码',
      '诉求/事项',
      '事项类别',
      '责任单位',
      '服务管家',
      '办结时限',
      '状态',
      '满意度',
      '关联项目',
      '事项ID',
    ]);
    expect(ws.getRow(4).values).toEqual([
      undefined,
      1,
      '星河生物科技有限公司',
      '91330100MA2H0001XF',
      '二号地块供地',
      '用地保障',
      '区规划自然资源分局',
      '周管家',
      '2024-06-30',
      '已确认',
      '满意',
      '星河生物医药产业基地',
      1,
    ]);
    // The talent's row: a name and no code; the 2023 package is not in the 2024 ledger.
    expect(ws.getRow(7).getCell(2).value).toBe('钱七');
    expect(ws.getRow(7).getCell(3).value).toBeNull();
    expect(ws.rowCount).toBe(7);
  });
});

describe('importServiceLedger', () => {
  it('reads its own export back (round trip), grouped into one 服务包 per holder', async () => {
    const result = await importServiceLedger(await exportServiceLedger(input), ctx);
    const expected: ServiceLedgerRow[] = commitments.slice(0, 4).map((c, i) => {
      const holder =
        c.packageId === 3
          ? { kind: 'talent' as const, talentId: 1, name: '钱七' }
          : {
              kind: 'enterprise' as const,
              creditCode: ENTERPRISES[c.packageId - 1]!.creditCode,
              name: ENTERPRISES[c.packageId - 1]!.name,
              enterpriseId: c.packageId,
            };
      return {
        at: `服务包台账!${i + 4}`,
        // 状态 is the 9th column of the export.
        stateCell: `服务包台账!I${i + 4}`,
        id: c.id,
        holder,
        title: c.title,
        kind: c.kind,
        responsibleUnitId: c.responsibleUnitId,
        butler: c.butler,
        dueOn: c.dueOn,
        workingDays: null,
        state: c.state,
        satisfaction: c.satisfaction,
        projectIds: c.links.flatMap((l) => (l.kind === 'project' ? [l.projectId] : [])),
      };
    });
    expect(result.rows).toEqual(expected);
    expect(result.packages.map((p) => [p.key, p.rows])).toEqual([
      ['enterprise:91330100MA2H0001XF', [0, 1]],
      ['enterprise:91330100MA2H0002YK', [2]],
      ['talent:1', [3]],
    ]);
    expect(result.year).toBe(2024);
    expect(result.warnings).toEqual([]);
  });

  it("reads an office's ledger: its own headers, a new enterprise, working days, a lower-case code", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Sheet1');
    ws.addRow(['序号', '企业名称', '统一社会信用代码', '诉求', '责任单位', '服务管家', '办结时限', '状态']);
    ws.addRow([
      1,
      '新来科技有限公司',
      '91330100ma2h000621',
      '办公用房租金补贴',
      '区市场监管局',
      '吴管家',
      '15个工作日',
      '',
    ]);
    ws.addRow([
      2,
      '星河生物科技公司',
      '91330100MA2H0001XF',
      '人才公寓',
      '区市场监管局',
      '周管家',
      '2024年9月底',
      '已办结',
    ]);
    const result = await importServiceLedger(await save(wb), { ...ctx, commitmentIds: undefined });
    expect(result.rows.map((r) => [r.holder, r.dueOn, r.workingDays, r.state, r.kind])).toEqual([
      [
        {
          kind: 'enterprise',
          creditCode: '91330100MA2H000621',
          name: '新来科技有限公司',
          enterpriseId: null,
        },
        null,
        15,
        'open',
        null,
      ],
      [
        {
          kind: 'enterprise',
          creditCode: '91330100MA2H0001XF',
          name: '星河生物科技有限公司',
          enterpriseId: 1,
        },
        '2024-09-30',
        null,
        'delivered',
        null,
      ],
    ]);
    expect(result.warnings).toEqual([
      {
        path: 'Sheet1!B3',
        message: '统一社会信用代码91330100MA2H0001XF在企业名单中是“星河生物科技有限公司”，已按该企业导入',
      },
    ]);
  });

  it('answers every bad cell with its sheet, row and column, and returns nothing', async () => {
    const cases: [string, (ws: ExcelJS.Worksheet) => void, string, RegExp][] = [
      [
        'a code of 17 characters',
        (ws) => (ws.getCell('C4').value = '91330100MA2H0001X'),
        '服务包台账!C4',
        /统一社会信用代码“.*”有17位，应为18位/,
      ],
      [
        'a wrong check character',
        (ws) => (ws.getCell('C4').value = '91330100MA2H0001XA'),
        '服务包台账!C4',
        /校验位应为“F”，填的是“A”/,
      ],
      [
        'a letter never used',
        (ws) => (ws.getCell('C4').value = '91330100MA2H0001IF'),
        '服务包台账!C4',
        /第17位“I”不是代码用字/,
      ],
      [
        'a bad kind of body',
        (ws) => (ws.getCell('C4').value = '95330100MA2H0001XF'),
        '服务包台账!C4',
        /不是登记管理部门9下的机构类别代码/,
      ],
      [
        'no code for a stranger',
        (ws) => (ws.getCell('B7').value = '孙八'),
        '服务包台账!C7',
        /统一社会信用代码为空，“孙八”也不在人才名单中/,
      ],
      [
        'one code, two names',
        (ws) => (ws.getCell('B5').value = '别的公司'),
        '服务包台账!B5',
        /在服务包台账!B4对应“星河生物科技有限公司”，与“别的公司”不一致/,
      ],
      ['no content', (ws) => (ws.getCell('D5').value = null), '服务包台账!D5', /^诉求\/事项不能为空$/],
      [
        'an unknown kind',
        (ws) => (ws.getCell('E5').value = '资金支持'),
        '服务包台账!E5',
        /事项类别“资金支持”不是可选的值/,
      ],
      [
        'an unknown unit',
        (ws) => (ws.getCell('F5').value = '区水务局'),
        '服务包台账!F5',
        /责任单位“区水务局”不在本辖区单位名单中/,
      ],
      ['no 服务管家', (ws) => (ws.getCell('G5').value = null), '服务包台账!G5', /^服务管家不能为空$/],
      [
        'a deadline that is no date',
        (ws) => (ws.getCell('H5').value = '尽快'),
        '服务包台账!H5',
        /办结时限“尽快”不是日期/,
      ],
      [
        'no deadline',
        (ws) => (ws.getCell('H5').value = null),
        '服务包台账!H5',
        /办结时限不能为空：请填日期或“15个工作日”/,
      ],
      [
        '0 working days',
        (ws) => (ws.getCell('H5').value = '0个工作日'),
        '服务包台账!H5',
        /办结时限应为1到250个工作日/,
      ],
      [
        'an unknown state',
        (ws) => (ws.getCell('I5').value = '已完成'),
        '服务包台账!I5',
        /状态“已完成”不是可选的值：请填“未启动”、“办理中”/,
      ],
      [
        'confirmed, no satisfaction',
        (ws) => (ws.getCell('J4').value = null),
        '服务包台账!J4',
        /状态为“已确认”时须填写企业的满意度/,
      ],
      [
        'satisfaction before confirmation',
        (ws) => (ws.getCell('J5').value = '满意'),
        '服务包台账!J5',
        /企业确认后（状态为“已确认”）才能填写满意度/,
      ],
      [
        'an unknown satisfaction',
        (ws) => (ws.getCell('J4').value = '非常满意'),
        '服务包台账!J4',
        /满意度“.*”不是可选的值/,
      ],
      [
        'an unknown project',
        (ws) => (ws.getCell('K5').value = '不存在的项目'),
        '服务包台账!K5',
        /关联项目“不存在的项目”不在项目库中/,
      ],
      ['an unknown id', (ws) => (ws.getCell('L5').value = 99), '服务包台账!L5', /没有事项ID为99的事项/],
      [
        'a repeated id',
        (ws) => (ws.getCell('L5').value = 1),
        '服务包台账!L5',
        /事项ID1重复（服务包台账!L4已填）/,
      ],
      [
        'no holder',
        (ws) => (ws.getCell('B6').value = null),
        '服务包台账!B6',
        /^第6行填了.*，但没有企业名称$/,
      ],
    ];
    for (const [what, edit, path, message] of cases) {
      const error = await refused(await edited(edit));
      expect(error.code, what).toBe('BAD_INPUT');
      expect(error.message, what).toMatch(/^service-ledger\.xlsx未导入：共\d+处问题/);
      expect(
        error.details.some((d) => d.path === path && message.test(d.message)),
        `${what}: ${JSON.stringify(error.details)}`,
      ).toBe(true);
    }
  });

  it('refuses a sheet without the required columns, another workbook, and a zip bomb', async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Sheet1').addRow(['企业名称', '统一社会信用代码', '诉求']);
    let error = await refused(await save(wb));
    expect(error.details.map((d) => d.message)).toEqual([
      '缺少必填列“责任单位”：请不要删除或改名',
      '缺少必填列“服务管家”：请不要删除或改名',
      '缺少必填列“办结时限”：请不要删除或改名',
    ]);
    expect(error.details[0]!.path).toBe('Sheet1!1:1');

    const parts = (
      await inflateZip(await exportServiceLedger(input), { ...WORKBOOK_LIMITS.ledger.zip, what: 'x' })
    ).entries;
    const bomb = withBomb(parts, {
      name: 'xl/worksheets/sheet1.xml',
      body: deflatedZeros(2 * 1024 * 1024 * 1024),
      declaredSize: 2 ** 31,
    });
    error = await refused(bomb);
    expect(error.code).toBe('TOO_LARGE');
  });
});
