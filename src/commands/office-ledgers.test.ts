/**
 * The office ledgers through the commands, on both engines: a 项目库台账 and a 服务包台账 read back
 * and applied (new rows created, edited rows changed, each with its audit event); a bad workbook
 * answered with every bad cell by sheet/row/column and nothing changed.
 */
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, createTestStore, seedUnits } from '../../test/factories.js';
import { AppError } from '../errors.js';
import type { Actor } from '../plan/audit.js';
import type { Unit } from '../plan/types.js';
import { creditCodeCheckChar } from '../projects/index.js';
import type { Store } from '../store/types.js';
import { createLibraryProject } from './library.js';
import {
  exportLibraryLedger,
  exportServiceLedgerFile,
  importLibraryLedger,
  importServiceLedgerFile,
} from './office-ledgers.js';

const OFFICE: Actor = { userId: 1, role: 'supervisor', unitIds: [] };
const NOW = '2022-06-15T02:00:00.000Z';
const code = (serial: string) => {
  const first = `91110114MA${serial}`;
  return first + creditCodeCheckChar(first);
};

async function edit(bytes: Uint8Array, fn: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  fn(wb.worksheets[0]!);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function refusal(p: Promise<unknown>): Promise<AppError> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** The row of the sheet whose column B (项目名称 / 企业名称) reads `name`. */
function rowNamed(ws: ExcelJS.Worksheet, name: string): number {
  for (let r = 1; r <= ws.rowCount; r++) if (ws.getCell(`B${r}`).text === name) return r;
  throw new Error(`no row ${name}`);
}

describe.each(DIALECTS)('office ledgers through the commands on %s', (dialect) => {
  let store: Store;
  let units: Unit[];
  let projectId: number;

  beforeAll(async () => {
    store = await createTestStore(dialect);
    units = Object.values(await seedUnits(store));
    projectId = (
      await createLibraryProject(
        store,
        {
          name: '示例生物医药基地',
          aliases: [],
          library: 'major',
          class: 'A',
          history: [{ stage: '签约', date: '2022-03-01' }],
          totalInvestment: 200_000,
          annualPlans: [{ year: 2022, planned: 30_000 }],
          investments: [{ month: '2022-04', amount: 5_000 }],
          parcel: null,
          location: null,
          leadUnitId: units[0]!.id,
          leader: null,
          enterpriseId: null,
          milestones: [],
          targets: [],
          progress: [],
          statsRegisteredOn: null,
          exited: null,
        },
        OFFICE,
        '2022-04-30T02:00:00.000Z',
      )
    ).id;
  });

  it('applies an edited 项目库台账: the known project moved on with the month’s investment, a new row created', async () => {
    const exported = await exportLibraryLedger(store, {
      title: '示例区项目库台账',
      year: 2022,
      asOf: '2022-06-15',
    });
    const bytes = await edit(exported, (ws) => {
      const r = rowNamed(ws, '示例生物医药基地');
      ws.getCell(`F${r}`).value = '入库';
      ws.getCell(`G${r}`).value = '2022-06-01';
      ws.getCell(`J${r}`).value = 0.8; // 累计 8000 万元: 3000 more in June
      const n = r + 1;
      ws.getCell(`B${n}`).value = '示例新材料产业园';
      ws.getCell(`D${n}`).value = '重大项目库';
      ws.getCell(`E${n}`).value = 'B';
      ws.getCell(`F${n}`).value = '洽谈';
      ws.getCell(`G${n}`).value = '2022-05-20';
      ws.getCell(`K${n}`).value = units[1]!.name;
    });
    const before = (await store.audit.listUnplanned('library_project')).length;
    const result = await importLibraryLedger(store, bytes, '台账.xlsx', OFFICE, NOW);
    expect(result).toMatchObject({ created: 1, updated: 1, unchanged: 0 });
    const moved = await store.library.get(projectId);
    expect(moved.history.map((h) => `${h.stage} ${h.date}`)).toEqual(['签约 2022-03-01', '入库 2022-06-01']);
    expect(moved.investments).toEqual([
      { month: '2022-04', amount: 5_000 },
      { month: '2022-06', amount: 3_000 },
    ]);
    const created = (await store.library.list({ q: '示例新材料产业园' })).items[0]!;
    expect(created).toMatchObject({ library: 'major', class: 'B', leadUnitId: units[1]!.id });
    expect(created.history).toEqual([{ stage: '洽谈', date: '2022-05-20' }]);
    const events = await store.audit.listUnplanned('library_project');
    expect(events.length - before).toBe(2);
    expect(events.every((e) => e.action.startsWith('library_project.'))).toBe(true);
  });

  it('refuses a ledger with bad cells, naming each by sheet/row/column, and changes nothing', async () => {
    const exported = await exportLibraryLedger(store, {
      title: '示例区项目库台账',
      year: 2022,
      asOf: '2022-06-15',
    });
    const bytes = await edit(exported, (ws) => {
      const r = rowNamed(ws, '示例生物医药基地');
      ws.getCell(`F${r}`).value = '洽谈'; // a move back
      const s = rowNamed(ws, '示例新材料产业园');
      ws.getCell(`J${s}`).value = 0.1; // ok on its own …
      ws.getCell(`B${s + 1}`).value = '又一个项目';
      ws.getCell(`D${s + 1}`).value = '重大项目库';
      ws.getCell(`F${s + 1}`).value = '洽谈';
      ws.getCell(`E${s + 1}`).value = 'Z'; // … but this class is no class
    });
    const project = await store.library.get(projectId);
    const audit = (await store.audit.listUnplanned('library_project')).length;
    const cellError = await refusal(importLibraryLedger(store, bytes, '台账.xlsx', OFFICE, NOW));
    expect(cellError.code).toBe('BAD_INPUT');
    expect(cellError.details.map((d) => d.path)).toContain(
      `项目库台账!E${rowNamed(await load(bytes), '又一个项目')}`,
    );
    // Cells fine, a stage moved back: refused at its 阶段 cell.
    const backOnly = await edit(exported, (ws) => {
      ws.getCell(`F${rowNamed(ws, '示例生物医药基地')}`).value = '洽谈';
    });
    const back = await refusal(importLibraryLedger(store, backOnly, '台账.xlsx', OFFICE, NOW));
    const r = rowNamed(await load(backOnly), '示例生物医药基地');
    expect(back.details).toEqual([
      {
        path: `项目库台账!F${r}`,
        message: expect.stringMatching(/^阶段从“.*”退回“.*”需要说明理由：请在系统中办理$/),
      },
    ]);
    expect(await store.library.get(projectId)).toEqual(project);
    expect((await store.library.list({ q: '又一个项目' })).items).toEqual([]);
    expect((await store.audit.listUnplanned('library_project')).length).toBe(audit);
  });

  it('applies a 服务包台账: a new enterprise, its package and commitments; then refuses a state changed in the ledger', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('服务包台账');
    ws.addRow([
      '序号',
      '企业名称',
      '统一社会信用代码',
      '诉求/事项',
      '责任单位',
      '服务管家',
      '办结时限',
      '状态',
    ]);
    ws.addRow([
      1,
      '示例科技有限公司',
      code('0000001'),
      '协调用地指标',
      units[0]!.name,
      '王伟',
      '15个工作日',
      '办理中',
    ]);
    ws.addRow([
      2,
      '示例科技有限公司',
      code('0000001'),
      '研发补贴兑现',
      units[1]!.name,
      '王伟',
      '2022-09-30',
      '',
    ]);
    const bytes = Buffer.from(await wb.xlsx.writeBuffer());
    const result = await importServiceLedgerFile(store, bytes, '服务包.xlsx', 2022, OFFICE, NOW);
    expect(result).toEqual({
      created: 2,
      updated: 0,
      unchanged: 0,
      packagesCreated: 1,
      enterprisesCreated: 1,
    });
    const [enterprise] = (await store.services.listAllEnterprises()).filter(
      (e) => e.creditCode === code('0000001'),
    );
    const [pkg] = await store.services.listPackages({
      year: 2022,
      holder: { kind: 'enterprise', id: enterprise!.id },
    });
    expect(pkg).toMatchObject({ butler: '王伟', year: 2022 });
    const commitments = await store.services.listCommitments({ packageIds: [pkg!.id] });
    expect(commitments.map((c) => [c.title, c.state, c.dueOn])).toEqual([
      ['协调用地指标', 'in_progress', expect.stringMatching(/^2022-07-/)],
      ['研发补贴兑现', 'open', '2022-09-30'],
    ]);

    // The export comes back unchanged; a 服务管家 changed is applied, a 状态 changed is refused.
    const exported = await exportServiceLedgerFile(store, 2022, '2022年服务包台账');
    expect(await importServiceLedgerFile(store, exported, '服务包.xlsx', 2022, OFFICE, NOW)).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: 2,
    });
    const butlerChanged = await edit(exported, (s) => {
      s.getCell(`G${rowNamed(s, '示例科技有限公司')}`).value = '李强';
    });
    expect(
      await importServiceLedgerFile(store, butlerChanged, '服务包.xlsx', 2022, OFFICE, NOW),
    ).toMatchObject({
      updated: 1,
      unchanged: 1,
    });
    const stateChanged = await edit(exported, (s) => {
      s.getCell(`I${rowNamed(s, '示例科技有限公司')}`).value = '已确认';
      s.getCell(`J${rowNamed(s, '示例科技有限公司')}`).value = '满意';
    });
    const before = await store.services.listCommitments({ packageIds: [pkg!.id] });
    const error = await refusal(
      importServiceLedgerFile(store, stateChanged, '服务包.xlsx', 2022, OFFICE, NOW),
    );
    const r = rowNamed(await load(stateChanged), '示例科技有限公司');
    expect(error.details).toEqual([
      {
        path: `服务包台账!I${r}`,
        message: expect.stringMatching(
          /^事项ID\d+在系统中的状态是“.*”：办结和确认请在系统中办理，不能通过台账修改$/,
        ),
      },
    ]);
    expect(await store.services.listCommitments({ packageIds: [pkg!.id] })).toEqual(before);
  });

  it('refuses a 服务包台账 with a bad credit code at its cell and creates nothing', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('服务包台账');
    ws.addRow(['企业名称', '统一社会信用代码', '诉求/事项', '责任单位', '服务管家', '办结时限']);
    ws.addRow(['另一示例公司', code('0000002'), '办理施工许可', units[0]!.name, '王伟', '10个工作日']);
    const wrong = code('0000003').slice(0, 17) + (code('0000003').endsWith('0') ? '1' : '0');
    ws.addRow(['第三示例公司', wrong, '人才公寓', units[0]!.name, '王伟', '10个工作日']);
    const enterprises = (await store.services.listAllEnterprises()).length;
    const packages = (await store.services.listPackages({ year: 2022 })).length;
    const error = await refusal(
      importServiceLedgerFile(
        store,
        Buffer.from(await wb.xlsx.writeBuffer()),
        '服务包.xlsx',
        2022,
        OFFICE,
        NOW,
      ),
    );
    expect(error.details.map((d) => d.path)).toEqual(['服务包台账!B3']);
    expect((await store.services.listAllEnterprises()).length).toBe(enterprises);
    expect((await store.services.listPackages({ year: 2022 })).length).toBe(packages);
  });
});

async function load(bytes: Uint8Array): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb.worksheets[0]!;
}
