/**
 * The 服务包台账 (service package ledger) as an .xlsx workbook in the layout offices keep: one row
 * per commitment — 序号, 企业名称, 统一社会信用代码, 诉求/事项, 事项类别, 责任单位, 服务管家, 办结时限,
 * 状态, 满意度, 关联项目, and a narrow 事项ID that lets the edited file come back
 * (service-ledger-import.ts). Enterprise data: for the offices that serve them, never public.
 */
import type { Unit } from '../plan/types.js';
import type {
  Commitment,
  CommitmentKind,
  CommitmentState,
  Enterprise,
  LibraryProject,
  ServicePackage,
  Talent,
} from '../projects/types.js';
import type { SheetColumn } from './xlsx.js';
import { addTable, newWorkbook, workbookBuffer, writeMeta } from './xlsx.js';

export const SERVICE_COLUMNS = {
  seq: '序号',
  holder: '企业名称',
  code: '统一社会信用代码',
  title: '诉求/事项',
  kind: '事项类别',
  unit: '责任单位',
  butler: '服务管家',
  due: '办结时限',
  state: '状态',
  satisfaction: '满意度',
  projects: '关联项目',
  id: '事项ID',
} as const;

export const SERVICE_FORMAT = 'luoshi-service-ledger';
export const SERVICE_SHEET = '服务包台账';

/** Kinds of commitment as offices name them. */
export const COMMITMENT_KIND_LABELS: Record<CommitmentKind, string> = {
  policy: '政策兑现',
  land: '用地保障',
  approval: '审批服务',
  problem: '问题解决',
};

/** States of a commitment as offices write them. */
export const COMMITMENT_STATE_LABELS: Record<CommitmentState, string> = {
  open: '未启动',
  in_progress: '办理中',
  delivered: '已办结待确认',
  confirmed: '已确认',
  returned: '已退回',
};

export interface ServiceLedgerInput {
  /** The title row ("2024年重点企业服务包台账"). */
  title: string;
  year: number;
  packages: ServicePackage[];
  commitments: Commitment[];
  enterprises: Pick<Enterprise, 'id' | 'name' | 'creditCode'>[];
  /** Talents' packages are written with the talent's name and no code. */
  talents?: Pick<Talent, 'id' | 'name'>[];
  units: Pick<Unit, 'id' | 'name'>[];
  projects?: Pick<LibraryProject, 'id' | 'name'>[];
}

/**
 * Writes the year's 服务包台账: the commitments of the year's packages, grouped by package in the
 * order of `packages`, then by id.
 */
export async function exportServiceLedger(input: ServiceLedgerInput): Promise<Buffer> {
  const wb = newWorkbook();
  const ws = wb.addWorksheet(SERVICE_SHEET);
  const enterprises = new Map(input.enterprises.map((e) => [e.id, e]));
  const talents = new Map((input.talents ?? []).map((t) => [t.id, t.name]));
  const units = new Map(input.units.map((u) => [u.id, u.name]));
  const projects = new Map((input.projects ?? []).map((p) => [p.id, p.name]));
  const packages = input.packages.filter((p) => p.year === input.year);
  const order = new Map(packages.map((p, i) => [p.id, i]));
  const byId = new Map(packages.map((p) => [p.id, p]));
  const commitments = input.commitments
    .filter((c) => order.has(c.packageId))
    .sort((a, b) => order.get(a.packageId)! - order.get(b.packageId)! || a.id - b.id);
  const S = SERVICE_COLUMNS;
  const columns: SheetColumn[] = [
    { header: S.seq, width: 6, center: true },
    { header: S.holder, width: 24 },
    { header: S.code, width: 21, center: true },
    { header: S.title, width: 36 },
    { header: S.kind, width: 10, center: true },
    { header: S.unit, width: 16 },
    { header: S.butler, width: 10, center: true },
    { header: S.due, width: 12, center: true },
    { header: S.state, width: 12, center: true },
    { header: S.satisfaction, width: 9, center: true },
    { header: S.projects, width: 22 },
    { header: S.id, width: 7, center: true },
  ];
  const rows = commitments.map((c, i) => {
    const holder = byId.get(c.packageId)!.holder;
    const enterprise = holder.kind === 'enterprise' ? enterprises.get(holder.id) : undefined;
    const name = holder.kind === 'enterprise' ? enterprise?.name : talents.get(holder.id);
    const linked = c.links.flatMap((l) =>
      l.kind === 'project' ? [projects.get(l.projectId) ?? `#${l.projectId}`] : [],
    );
    return [
      i + 1,
      name ?? null,
      enterprise?.creditCode ?? null,
      c.title,
      COMMITMENT_KIND_LABELS[c.kind],
      units.get(c.responsibleUnitId) ?? null,
      c.butler,
      c.dueOn,
      COMMITMENT_STATE_LABELS[c.state],
      c.satisfaction,
      linked.join('、') || null,
      c.id,
    ];
  });
  addTable(ws, { title: input.title, subtitle: `服务包年度：${input.year}年`, columns, rows });
  writeMeta(wb, { format: SERVICE_FORMAT, version: '1', year: String(input.year) });
  return workbookBuffer(wb);
}
