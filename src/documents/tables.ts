/**
 * Flat exports of a plan's lists — targets, achievements, projects, the audit trail — as .xlsx
 * (one titled sheet per list, A4 landscape) and as CSV (UTF-8 with BOM and CRLF, so that Excel
 * opens the Chinese text correctly; formula-looking strings escaped).
 */
import type { AuditEvent } from '../plan/audit.js';
import { deriveHistory } from '../plan/audit.js';
import type { Achievement, OutlineNode, Project, ProjectList, Target, Task, Unit } from '../plan/types.js';
import { PROJECT_STAGES } from '../plan/types.js';
import type { CsvValue } from './csv.js';
import { formatCsv } from './csv.js';
import { indexOutline, sortTasks } from './ledger.js';
import type { HealthById, PlanHeader } from './types.js';
import { COMPARATOR_SUFFIX, COMPARATOR_WORDS, HEALTH_LABELS, TASK_STATE_LABELS } from './types.js';
import type { SheetColumn } from './xlsx.js';
import { addTable, newWorkbook, safeSheetName, workbookBuffer } from './xlsx.js';

/** A list to export: a sheet title, columns, rows of cell values (already in display form). */
export interface TableSpec {
  /** Sheet name and the last part of the title ("主要指标"). */
  name: string;
  columns: SheetColumn[];
  rows: CsvValue[][];
}

/** Achieved value of a target to date, as approved (issue 4). */
export interface TargetActual {
  value: number;
  unit?: string;
  /** ISO date of the figure. */
  asOf?: string;
  source?: string;
}

const unitNameOf = (units: Unit[]) => {
  const names = new Map(units.map((u) => [u.id, u.name]));
  return (id: number | null) => (id === null ? null : (names.get(id) ?? null));
};

/** "6.5%左右", "2500亩以上", "超过1.2万户": the promise as the report phrases it. */
export function formatPromise(t: Pick<Target, 'value' | 'unit' | 'comparator'>): string {
  return `${t.comparator === '>' ? '超过' : ''}${t.value}${t.unit}${COMPARATOR_SUFFIX[t.comparator]}`;
}

export function targetsTable(
  targets: Target[],
  units: Unit[],
  actuals: Record<number, TargetActual | undefined> = {},
): TableSpec {
  const unitName = unitNameOf(units);
  return {
    name: '主要指标',
    columns: [
      { header: '指标ID', width: 7, center: true },
      { header: '指标', width: 22 },
      { header: '目标', width: 14, center: true },
      { header: '比较', width: 6, center: true },
      { header: '目标值', width: 9, center: true },
      { header: '单位', width: 7, center: true },
      { header: '期间', width: 10, center: true },
      { header: '基数', width: 10, center: true },
      { header: '实际值', width: 9, center: true },
      { header: '截至', width: 11, center: true },
      { header: '牵头单位', width: 16 },
      { header: '配合单位', width: 18 },
      { header: '原文', width: 40 },
    ],
    rows: targets.map((t) => {
      const a = actuals[t.id];
      return [
        t.id,
        t.metric,
        formatPromise(t),
        COMPARATOR_WORDS[t.comparator],
        t.value,
        t.unit,
        t.period,
        t.baseline ? `${t.baseline.value}${t.baseline.unit}（${t.baseline.period}）` : null,
        a?.value ?? null,
        a?.asOf ?? null,
        unitName(t.leadUnitId),
        t.coUnitIds.map(unitName).filter(Boolean).join('、') || null,
        t.quote,
      ];
    }),
  };
}

/** Tasks as a flat list (the CSV/JSON download of a plan; the ledger is the office layout). */
export function tasksTable(
  tasks: Task[],
  units: Unit[],
  outline: OutlineNode[],
  health: HealthById = {},
): TableSpec {
  const unitName = unitNameOf(units);
  const index = indexOutline(outline);
  const path = (nodeId: number | null): string | null => {
    const titles: string[] = [];
    let node = nodeId === null ? undefined : index.byId.get(nodeId);
    const seen = new Set<number>();
    while (node && !seen.has(node.id)) {
      seen.add(node.id);
      titles.unshift(`${index.label.get(node.id) ?? ''}${node.title}`);
      node = node.parentId === null ? undefined : index.byId.get(node.parentId);
    }
    return titles.length > 0 ? titles.join(' > ') : null;
  };
  return {
    name: '重点任务',
    columns: [
      { header: '任务ID', width: 7, center: true },
      { header: '章节', width: 24 },
      { header: '任务内容', width: 60 },
      { header: '牵头单位', width: 16 },
      { header: '配合单位', width: 18 },
      { header: '责任领导', width: 10 },
      { header: '完成时限', width: 11, center: true },
      { header: '状态', width: 8, center: true },
      { header: '进度(%)', width: 8, center: true },
      { header: '健康度', width: 8, center: true },
    ],
    rows: sortTasks(tasks, index).map((t) => {
      const h = health[t.id];
      return [
        t.id,
        path(t.outlineNodeId),
        t.text,
        unitName(t.leadUnitId),
        t.coUnitIds.map(unitName).filter(Boolean).join('、') || null,
        t.leader,
        t.deadline,
        TASK_STATE_LABELS[t.state],
        t.progress,
        h ? HEALTH_LABELS[h] : null,
      ];
    }),
  };
}

export function achievementsTable(achievements: Achievement[]): TableSpec {
  return {
    name: '主要成绩',
    columns: [
      { header: 'ID', width: 7, center: true },
      { header: '指标', width: 24 },
      { header: '比较', width: 6, center: true },
      { header: '数值', width: 10, center: true },
      { header: '单位', width: 8, center: true },
      { header: '期间', width: 11, center: true },
      { header: '原文', width: 60 },
    ],
    rows: achievements.map((a) => [
      a.id,
      a.metric,
      COMPARATOR_WORDS[a.comparator],
      a.value,
      a.unit,
      a.period,
      a.quote,
    ]),
  };
}

export function projectsTable(projects: Project[], lists: ProjectList[]): TableSpec {
  const listOf = new Map(lists.map((l) => [l.id, l]));
  return {
    name: '重点项目',
    columns: [
      { header: '项目ID', width: 7, center: true },
      { header: '项目名称', width: 30 },
      { header: '承诺环节', width: 10, center: true },
      { header: '清单承诺数', width: 9, center: true },
      { header: '当前环节', width: 10, center: true },
      ...PROJECT_STAGES.map((s) => ({ header: `${s}日期`, width: 11, center: true })),
      { header: '清单ID', width: 7, center: true },
    ],
    rows: projects.map((p) => [
      p.id,
      p.name,
      p.stage,
      listOf.get(p.listId)?.count ?? null,
      p.currentStage,
      ...PROJECT_STAGES.map((s) => p.stageDates[s] ?? null),
      p.listId,
    ]),
  };
}

function auditValue(v: unknown): CsvValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  return JSON.stringify(v);
}

const ROLE_LABELS: Record<string, string> = {
  admin: '管理员',
  supervisor: '督查室',
  reporter: '填报单位',
  leader: '区领导',
};

export interface AuditTableOptions {
  /** `public` drops who acted and the fields that name a user (the domain's deriveHistory rule). */
  audience?: 'internal' | 'public';
  /** A user's display name (internal view); the id is shown when undefined. */
  userName?: (userId: number) => string | undefined;
  /** A human name of the item ("森林覆盖率", a task's first words). */
  entityLabel?: (type: AuditEvent['entity']['type'], id: number | string) => string | undefined;
}

/**
 * The audit trail (plan/audit.ts events), one row per changed field — as the history view
 * shows it, via the domain's `deriveHistory` — or one row for an event that changed no field.
 */
export function auditTable(events: readonly AuditEvent[], options: AuditTableOptions = {}): TableSpec {
  const audience = options.audience ?? 'internal';
  const rows: CsvValue[][] = [];
  const sorted = [...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  sorted.forEach((event, i) => {
    const history = deriveHistory([event], audience)[0]!;
    const actor =
      history.actor === null
        ? '系统'
        : history.actor.userId === undefined
          ? ''
          : (options.userName?.(history.actor.userId) ?? `#${history.actor.userId}`);
    const base: CsvValue[] = [
      i + 1,
      event.at.replace('T', ' ').replace(/(\.\d+)?Z$/, ''),
      actor || null,
      history.actor ? (ROLE_LABELS[history.actor.role] ?? history.actor.role) : null,
      event.action,
      event.entity.type,
      typeof event.entity.id === 'number' ? event.entity.id : String(event.entity.id),
      options.entityLabel?.(event.entity.type, event.entity.id) ?? null,
    ];
    const changes = history.changes.length > 0 ? history.changes : [undefined];
    for (const c of changes) {
      rows.push([...base, c?.path ?? null, auditValue(c?.before), auditValue(c?.after), event.reason]);
    }
  });
  return {
    name: '修改记录',
    columns: [
      { header: '序号', width: 6, center: true },
      { header: '时间', width: 19, center: true },
      { header: '操作人', width: 10, center: true },
      { header: '角色', width: 9, center: true },
      { header: '操作', width: 16 },
      { header: '对象', width: 9, center: true },
      { header: '对象ID', width: 7, center: true },
      { header: '名称', width: 26 },
      { header: '字段', width: 14 },
      { header: '修改前', width: 18 },
      { header: '修改后', width: 18 },
      { header: '理由', width: 18 },
    ],
    rows,
  };
}

/** Writes one or more lists into one workbook, one titled sheet each. */
export async function tablesToXlsx(plan: PlanHeader, specs: TableSpec[], asOf?: string): Promise<Buffer> {
  const wb = newWorkbook();
  const taken = new Set<string>();
  for (const spec of specs) {
    const ws = wb.addWorksheet(safeSheetName(spec.name, taken));
    addTable(ws, {
      title: `${plan.title}${spec.name}`,
      subtitle: asOf ? `截至${asOf}` : undefined,
      columns: spec.columns,
      rows: spec.rows.map((r) => r.map((v) => (typeof v === 'boolean' ? (v ? '是' : '否') : v))),
    });
  }
  return workbookBuffer(wb);
}

/** One list as CSV: UTF-8 with BOM, CRLF, header row first. */
export function tableToCsv(spec: TableSpec): string {
  return formatCsv([spec.columns.map((c) => c.header), ...spec.rows], { bom: true });
}
