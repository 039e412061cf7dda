/**
 * The 任务分解表 (task ledger) as an .xlsx workbook, in the layout offices use: 序号, 任务内容,
 * 牵头单位, 配合单位, 责任领导, 完成时限, progress per period, 状态, 健康度, and a narrow 任务ID
 * column that lets the edited file come back (ledger-import.ts).
 */
import type { OutlineNode, Task, Unit } from '../plan/types.js';
import type { HealthById, PlanHeader, ProgressByPeriod, ReportingPeriod } from './types.js';
import { HEALTH_LABELS, TASK_STATE_LABELS } from './types.js';
import type { SheetColumn } from './xlsx.js';
import { addTable, newWorkbook, safeSheetName, workbookBuffer, writeMeta } from './xlsx.js';

/** Column headers, shared with the importer (columns are found by these names). */
export const LEDGER_COLUMNS = {
  seq: '序号',
  text: '任务内容',
  lead: '牵头单位',
  co: '配合单位',
  leader: '责任领导',
  deadline: '完成时限',
  state: '状态',
  health: '健康度',
  id: '任务ID',
} as const;

/** Header of a period's progress column: "3月进度(%)". */
export function progressHeader(period: ReportingPeriod): string {
  return `${period.label}进度(%)`;
}

export const LEDGER_FORMAT = 'luoshi-ledger';

export interface LedgerInput {
  plan: PlanHeader;
  outline: OutlineNode[];
  tasks: Task[];
  units: Unit[];
  /** Progress columns, in order (months or quarters). */
  periods: ReportingPeriod[];
  progress?: ProgressByPeriod;
  health?: HealthById;
  /** Shown under the title ("截至2022年6月30日"). */
  asOf?: string;
}

export interface LedgerOptions {
  /** One sheet for the whole plan (default) or one per chapter (一、二、三…). */
  layout?: 'single' | 'by-chapter';
  /** `hidden` hides the 任务ID column; `narrow` (default) keeps it visible but small. */
  idColumn?: 'narrow' | 'hidden';
}

/**
 * The ledger's progress columns from the domain's approved figures
 * (`deriveApprovedFigures(...).tasks`, observations as of each period's end): the figure
 * whose date is a period's end goes in that period's column.
 */
export function deriveProgressByPeriod(
  observations: ReadonlyMap<number, readonly { progress: number; asOf: string }[]>,
  periods: readonly (ReportingPeriod & { end: string })[],
): ProgressByPeriod {
  const keyOfEnd = new Map(periods.map((p) => [p.end, p.key]));
  const out: ProgressByPeriod = {};
  for (const [taskId, list] of observations) {
    const row: Record<string, number> = {};
    for (const o of list) {
      const key = keyOfEnd.get(o.asOf);
      if (key !== undefined) row[key] = o.progress;
    }
    out[taskId] = row;
  }
  return out;
}

const CN_NUMBERS = '一二三四五六七八九十';

/** 1 → 一, 12 → 十二, 21 → 二十一 (enough for chapters and sections). */
export function chineseNumber(n: number): string {
  if (n <= 10) return CN_NUMBERS[n - 1] ?? String(n);
  if (n < 20) return `十${CN_NUMBERS[n - 11] ?? ''}`;
  if (n < 100)
    return `${CN_NUMBERS[Math.floor(n / 10) - 1]}十${n % 10 === 0 ? '' : CN_NUMBERS[(n % 10) - 1]}`;
  return String(n);
}

/** Outline helpers: depth-first order, level-1 ancestor and numbered labels. */
export interface OutlineIndex {
  byId: Map<number, OutlineNode>;
  /** Depth-first position of each node. */
  order: Map<number, number>;
  /** 一、 / （一） numbering as shown in the report. */
  label: Map<number, string>;
  chapterOf(nodeId: number | null): OutlineNode | undefined;
  sectionOf(nodeId: number | null): OutlineNode | undefined;
  chapters: OutlineNode[];
}

export function indexOutline(outline: OutlineNode[]): OutlineIndex {
  const byId = new Map(outline.map((n) => [n.id, n]));
  const children = new Map<number | null, OutlineNode[]>();
  for (const n of outline) {
    const key = n.parentId !== null && byId.has(n.parentId) ? n.parentId : null;
    const list = children.get(key) ?? [];
    list.push(n);
    children.set(key, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.position - b.position || a.span[0] - b.span[0]);
  const order = new Map<number, number>();
  const label = new Map<number, string>();
  const walk = (parent: number | null) => {
    (children.get(parent) ?? []).forEach((n, i) => {
      order.set(n.id, order.size);
      if (n.level === 1) label.set(n.id, `${chineseNumber(i + 1)}、`);
      else if (n.level === 2) label.set(n.id, `（${chineseNumber(i + 1)}）`);
      else label.set(n.id, `${i + 1}.`);
      walk(n.id);
    });
  };
  walk(null);
  const ancestorAt = (nodeId: number | null, level: number): OutlineNode | undefined => {
    let node = nodeId === null ? undefined : byId.get(nodeId);
    const seen = new Set<number>();
    while (node && node.level > level && node.parentId !== null && !seen.has(node.id)) {
      seen.add(node.id);
      node = byId.get(node.parentId);
    }
    return node?.level === level ? node : undefined;
  };
  return {
    byId,
    order,
    label,
    chapterOf: (id) => ancestorAt(id, 1),
    sectionOf: (id) => ancestorAt(id, 2),
    chapters: children.get(null)?.filter((n) => n.level === 1) ?? [],
  };
}

/** Tasks in the report's order: by outline position, then by where they stand in the text. */
export function sortTasks<T extends Pick<Task, 'outlineNodeId' | 'span' | 'id'>>(
  tasks: T[],
  index: OutlineIndex,
): T[] {
  const pos = (t: T) =>
    t.outlineNodeId === null
      ? Number.MAX_SAFE_INTEGER
      : (index.order.get(t.outlineNodeId) ?? Number.MAX_SAFE_INTEGER);
  return [...tasks].sort((a, b) => pos(a) - pos(b) || a.span[0] - b.span[0] || a.id - b.id);
}

/**
 * Writes the ledger workbook. Pure apart from building the bytes; the same input gives the
 * same workbook (creation dates are fixed).
 */
export async function exportLedger(input: LedgerInput, options: LedgerOptions = {}): Promise<Buffer> {
  const layout = options.layout ?? 'single';
  const index = indexOutline(input.outline);
  const unitName = new Map(input.units.map((u) => [u.id, u.name]));
  const tasks = sortTasks(input.tasks, index);

  const columns: SheetColumn[] = [
    { header: LEDGER_COLUMNS.seq, width: 6, center: true },
    { header: LEDGER_COLUMNS.text, width: 60 },
    { header: LEDGER_COLUMNS.lead, width: 16 },
    { header: LEDGER_COLUMNS.co, width: 20 },
    { header: LEDGER_COLUMNS.leader, width: 10, center: true },
    { header: LEDGER_COLUMNS.deadline, width: 12, center: true },
    ...input.periods.map((p) => ({
      header: progressHeader(p),
      width: input.periods.length > 6 ? 7 : 9,
      center: true,
    })),
    { header: LEDGER_COLUMNS.state, width: 8, center: true },
    { header: LEDGER_COLUMNS.health, width: 8, center: true },
    { header: LEDGER_COLUMNS.id, width: 7, center: true, hidden: options.idColumn === 'hidden' },
  ];

  // Group tasks into sheets.
  const groups: { title: string; chapter: OutlineNode | undefined; tasks: Task[] }[] = [];
  if (layout === 'single') {
    groups.push({ title: '任务分解表', chapter: undefined, tasks });
  } else {
    const byChapter = new Map<number | null, Task[]>();
    for (const t of tasks) {
      const ch = index.chapterOf(t.outlineNodeId)?.id ?? null;
      const list = byChapter.get(ch) ?? [];
      list.push(t);
      byChapter.set(ch, list);
    }
    for (const ch of index.chapters) {
      const list = byChapter.get(ch.id);
      if (list)
        groups.push({ title: `${index.label.get(ch.id) ?? ''}${ch.title}`, chapter: ch, tasks: list });
    }
    const rest = byChapter.get(null);
    if (rest) groups.push({ title: '其他任务', chapter: undefined, tasks: rest });
    if (groups.length === 0) groups.push({ title: '任务分解表', chapter: undefined, tasks: [] });
  }

  const wb = newWorkbook();
  wb.title = `${input.plan.title}任务分解表`;
  const taken = new Set<string>([`_luoshi`]);
  const sheetNames: string[] = [];
  for (const group of groups) {
    const name = safeSheetName(group.title, taken);
    sheetNames.push(name);
    const ws = wb.addWorksheet(name);
    const rows: (string | number | null)[][] = [];
    const groupRows = new Set<number>();
    let seq = 0;
    let lastChapter: number | undefined;
    let lastSection: number | undefined;
    const blank = () => columns.map(() => null as string | number | null);
    for (const t of group.tasks) {
      const chapter = index.chapterOf(t.outlineNodeId);
      const section = index.sectionOf(t.outlineNodeId);
      if (layout === 'single' && chapter && chapter.id !== lastChapter) {
        const row = blank();
        row[1] = `${index.label.get(chapter.id) ?? ''}${chapter.title}`;
        groupRows.add(rows.length);
        rows.push(row);
        lastSection = undefined;
      }
      lastChapter = chapter?.id;
      if (section && section.id !== lastSection) {
        const row = blank();
        row[1] = `${index.label.get(section.id) ?? ''}${section.title}`;
        groupRows.add(rows.length);
        rows.push(row);
      }
      lastSection = section?.id;
      seq++;
      const progress = input.progress?.[t.id] ?? {};
      const health = input.health?.[t.id];
      rows.push([
        seq,
        t.text,
        t.leadUnitId === null ? null : (unitName.get(t.leadUnitId) ?? null),
        t.coUnitIds
          .map((id) => unitName.get(id))
          .filter((n): n is string => n !== undefined)
          .join('、') || null,
        t.leader,
        t.deadline,
        ...input.periods.map((p) => progress[p.key] ?? null),
        TASK_STATE_LABELS[t.state],
        health ? HEALTH_LABELS[health] : null,
        t.id,
      ]);
    }
    const layoutInfo = addTable(ws, {
      title: `${input.plan.title}重点任务分解表${group.chapter ? `（${group.chapter.title}）` : ''}`,
      subtitle: input.asOf ? `截至${input.asOf}` : undefined,
      columns,
      rows,
      groupRows,
    });
    // A drop-down for 状态 on task rows, so that only the four states are typed.
    const stateCol = columns.findIndex((c) => c.header === LEDGER_COLUMNS.state) + 1;
    rows.forEach((_, i) => {
      if (groupRows.has(i)) return;
      ws.getCell(layoutInfo.firstRow + i, stateCol).dataValidation = {
        type: 'list',
        allowBlank: false,
        formulae: [`"${Object.values(TASK_STATE_LABELS).join(',')}"`],
        showErrorMessage: true,
        error: '请选择：未启动、推进中、已完成、已销号',
      };
    });
  }
  writeMeta(wb, {
    format: LEDGER_FORMAT,
    version: '1',
    planId: String(input.plan.id),
    layout,
    sheets: JSON.stringify(sheetNames),
    periods: JSON.stringify(input.periods),
  });
  return workbookBuffer(wb);
}
