/**
 * What health reads from reports: the approved figures of each task and target, period by
 * period, and the reminders of what units still owe. Pure: the caller loads and stores.
 */
import type { TargetObservation, TaskObservation } from './health.js';
import { toDayNumber } from './dates.js';
import { derivePeriodStatus } from './periods.js';
import type { PeriodLock, ReportingPeriod } from './periods.js';
import type { FigureCorrection, OwedItem, UnitObligation, UnitReport } from './reporting.js';
import type { Target, Task, TaskState } from './types.js';

export interface ApprovedFigures {
  /** Per target id, its approved values as of each period's end, oldest first. */
  targets: Map<number, TargetObservation[]>;
  /** Per task id, its approved progress as of each period's end, oldest first. */
  tasks: Map<number, TaskObservation[]>;
}

/**
 * The figures that count: approved lines only (a line approved while the rest of its report
 * awaits review counts; report-lines.ts), the lead unit's line for each item
 * (co-units' lines are contributions the lead sums up and never count on their own; when an
 * item has no lead unit, the lowest unit id's line),
 * as of the period's end; a correction replaces the figure of its period (the latest wins).
 * @example
 * deriveApprovedFigures(reports, periods, { tasks, targets }, corrections).targets.get(3)
 * // [{ value: 2100, asOf: '2022-03-31' }, …]
 */
export function deriveApprovedFigures(
  reports: readonly Pick<UnitReport, 'unitId' | 'periodKey' | 'status' | 'tasks' | 'targets'>[],
  periods: readonly ReportingPeriod[],
  items: {
    tasks: readonly Pick<Task, 'id' | 'leadUnitId'>[];
    targets: readonly Pick<Target, 'id' | 'leadUnitId'>[];
  },
  corrections: readonly FigureCorrection[] = [],
): ApprovedFigures {
  const ends = new Map(periods.map((p) => [p.key, p.end]));
  const taskLead = new Map(items.tasks.map((t) => [t.id, t.leadUnitId]));
  const targetLead = new Map(items.targets.map((t) => [t.id, t.leadUnitId]));
  // key "type:id:period" → the figure. An item with a lead unit takes only the lead's line: a
  // co-unit's value is a contribution the lead sums up, never the total, even while the lead's
  // report is pending. An item without a lead takes the lowest unit id's line.
  const chosen = new Map<string, { unitId: number; value: number; state: TaskState | null }>();
  const offer = (
    key: string,
    lead: number | null | undefined,
    unitId: number,
    value: number,
    state: TaskState | null,
  ) => {
    if (lead !== null && lead !== undefined && lead !== unitId) return;
    const held = chosen.get(key);
    if (!held || unitId < held.unitId) chosen.set(key, { unitId, value, state });
  };
  for (const report of reports) {
    if (!ends.has(report.periodKey)) continue;
    const approved = (line: { status?: string }) =>
      (line.status ?? (report.status === 'draft' ? 'submitted' : report.status)) === 'approved';
    for (const t of report.tasks) {
      if (!approved(t)) continue;
      offer(
        `task:${t.taskId}:${report.periodKey}`,
        taskLead.get(t.taskId),
        report.unitId,
        t.progress,
        t.state,
      );
    }
    for (const t of report.targets) {
      if (!approved(t)) continue;
      offer(
        `target:${t.targetId}:${report.periodKey}`,
        targetLead.get(t.targetId),
        report.unitId,
        t.value,
        null,
      );
    }
  }
  const latest = new Map<string, FigureCorrection>();
  for (const c of corrections) {
    const key = `${c.item.type}:${c.item.id}:${c.periodKey}`;
    const held = latest.get(key);
    if (!held || Date.parse(c.correctedAt) >= Date.parse(held.correctedAt)) latest.set(key, c);
  }
  for (const [key, c] of latest) {
    if (!ends.has(c.periodKey)) continue;
    const held = chosen.get(key);
    const state =
      c.item.type === 'task' ? (c.state ?? held?.state ?? (c.value >= 100 ? 'done' : 'in_progress')) : null;
    chosen.set(key, { unitId: held?.unitId ?? -1, value: c.value, state });
  }

  const figures: ApprovedFigures = { targets: new Map(), tasks: new Map() };
  for (const [key, held] of chosen) {
    const [type, id, periodKey] = key.split(':') as [string, string, string];
    const asOf = ends.get(periodKey)!;
    if (type === 'task') {
      const list = figures.tasks.get(Number(id)) ?? [];
      list.push({ progress: held.value, state: held.state ?? 'in_progress', asOf });
      figures.tasks.set(Number(id), list);
    } else {
      const list = figures.targets.get(Number(id)) ?? [];
      list.push({ value: held.value, asOf });
      figures.targets.set(Number(id), list);
    }
  }
  for (const list of figures.tasks.values()) list.sort((a, b) => toDayNumber(a.asOf) - toDayNumber(b.asOf));
  for (const list of figures.targets.values()) list.sort((a, b) => toDayNumber(a.asOf) - toDayNumber(b.asOf));
  return figures;
}

export interface Reminder {
  unitId: number;
  periodKey: string;
  dueOn: string;
  kind: 'due_soon' | 'overdue';
  /** Days until due (negative when overdue). */
  daysLeft: number;
  /** What is still owed: everything, since the unit's report is not in. */
  missing: OwedItem[];
}

/**
 * Reminders for a period at a date, per unit: `due_soon` within `soonDays` of an item's due
 * date, `overdue` after it, with the items whose line is not handed in yet (submitted or
 * approved); a unit that handed in every line owes nothing more. Nothing for a locked period.
 * @example
 * deriveReminders(march, obligations, reports, '2022-04-04') // co-units overdue, lead due soon
 */
export function deriveReminders(
  period: ReportingPeriod,
  obligations: readonly UnitObligation[],
  reports: readonly (Pick<UnitReport, 'unitId' | 'periodKey' | 'status'> &
    Partial<Pick<UnitReport, 'tasks' | 'targets'>>)[],
  date: string,
  options: { lock?: PeriodLock | null; soonDays?: number } = {},
): Reminder[] {
  if (derivePeriodStatus(period, date, { lock: options.lock ?? null }) === 'locked') return [];
  const soon = options.soonDays ?? 3;
  // unit id → the keys of its lines handed in ("task:7"); a whole report handed in counts all.
  const handedIn = new Map<number, Set<string> | 'all'>();
  for (const r of reports) {
    if (r.periodKey !== period.key) continue;
    const inherited = r.status === 'draft' ? 'submitted' : r.status;
    if (!r.tasks && !r.targets) {
      if (inherited === 'submitted' || inherited === 'approved') handedIn.set(r.unitId, 'all');
      continue;
    }
    const keys = new Set<string>();
    for (const line of r.tasks ?? []) {
      const status = line.status ?? inherited;
      if (status === 'submitted' || status === 'approved') keys.add(`task:${line.taskId}`);
    }
    for (const line of r.targets ?? []) {
      const status = line.status ?? inherited;
      if (status === 'submitted' || status === 'approved') keys.add(`target:${line.targetId}`);
    }
    handedIn.set(r.unitId, keys);
  }
  const day = toDayNumber(date);
  const reminders: Reminder[] = [];
  for (const obligation of obligations) {
    if (obligation.periodKey !== period.key) continue;
    const handed = handedIn.get(obligation.unitId);
    if (handed === 'all') continue;
    const missing = obligation.items.filter((i) => !handed?.has(`${i.type}:${i.id}`));
    if (missing.length === 0) continue;
    const daysLeft = toDayNumber(obligation.dueOn) - day;
    if (daysLeft > soon) continue;
    reminders.push({
      unitId: obligation.unitId,
      periodKey: period.key,
      dueOn: obligation.dueOn,
      kind: daysLeft < 0 ? 'overdue' : 'due_soon',
      daysLeft,
      missing,
    });
  }
  return reminders;
}
