/**
 * Data calls and unit reports: what each unit owes for a period, the validation of its one
 * report ("最多报一次"), carry-forward of last period's report as the editable start of the
 * next, and corrections after locking; submitting and reviewing line by line are in
 * report-lines.ts, reminders and the approved figures that health reads in figures.ts. Pure:
 * the caller loads and stores.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import { createAuditEvent } from './audit.js';
import type { Actor } from './audit.js';
import { dateOf } from './dates.js';
import { checkEvidenceFile, DEFAULT_EVIDENCE_POLICY } from './evidence.js';
import type { EvidenceFile, EvidencePolicy } from './evidence.js';
import { normalizeUnit } from './expected.js';
import { derivePeriodStatus } from './periods.js';
import type { PeriodLock, ReportingPeriod } from './periods.js';
import { actsForUnit, isSupervisor } from './supervision.js';
import type { EvidenceRef, Transition } from './supervision.js';
import type { Target, Task, TaskState } from './types.js';

export * from './figures.js';

export type ObligationRole = 'lead' | 'co';

/** One item a unit owes a figure for in a period. */
export interface OwedItem {
  type: 'task' | 'target';
  id: number;
  role: ObligationRole;
  /** The lead unit's due date, or the co-units' earlier one. */
  dueOn: string;
}

export interface UnitObligation {
  unitId: number;
  periodKey: string;
  /** The earliest due date among its items. */
  dueOn: string;
  items: OwedItem[];
}

type OwnedTask = Pick<Task, 'id' | 'leadUnitId' | 'coUnitIds' | 'state'>;
type OwnedTarget = Pick<Target, 'id' | 'leadUnitId' | 'coUnitIds'>;

/**
 * What each unit owes for a period: the tasks it leads or co-handles (not closed ones: they
 * left the open list) and the targets whose values it supplies (as lead or co-unit), each
 * with its due date. Sorted by unit id; tasks before targets, by id.
 * @example
 * deriveObligations(march, [{ id: 7, leadUnitId: 11, coUnitIds: [12], state: 'in_progress' }], [])
 * // [{ unitId: 11, dueOn: '2022-04-05', items: [task 7 lead] }, { unitId: 12, dueOn: '2022-04-03', ... }]
 */
export function deriveObligations(
  period: ReportingPeriod,
  tasks: readonly OwnedTask[],
  targets: readonly OwnedTarget[],
): UnitObligation[] {
  const byUnit = new Map<number, OwedItem[]>();
  const owe = (unitId: number, item: OwedItem) => {
    const list = byUnit.get(unitId);
    if (list) {
      if (!list.some((i) => i.type === item.type && i.id === item.id)) list.push(item);
    } else byUnit.set(unitId, [item]);
  };
  const add = (type: 'task' | 'target', id: number, lead: number | null, co: readonly number[]) => {
    if (lead !== null) owe(lead, { type, id, role: 'lead', dueOn: period.dueOn });
    for (const unitId of co)
      if (unitId !== lead) owe(unitId, { type, id, role: 'co', dueOn: period.coUnitDueOn });
  };
  for (const task of [...tasks].sort((a, b) => a.id - b.id)) {
    if (task.state !== 'closed') add('task', task.id, task.leadUnitId, task.coUnitIds);
  }
  for (const target of [...targets].sort((a, b) => a.id - b.id)) {
    add('target', target.id, target.leadUnitId, target.coUnitIds);
  }
  return [...byUnit.entries()]
    .sort(([a], [b]) => a - b)
    .map(([unitId, items]) => ({
      unitId,
      periodKey: period.key,
      dueOn: items.reduce((min, i) => (i.dueOn < min ? i.dueOn : min), items[0]!.dueOn),
      items: [...items].sort((a, b) => (a.type === b.type ? a.id - b.id : a.type === 'task' ? -1 : 1)),
    }));
}

/**
 * Where a line of a report stands: a unit submits lines one by one or all at once, and the
 * 督查室 approves or returns each (a returned line carries its reason). A line without a status
 * (a report stored before lines had one) stands where its report does.
 */
export type LineStatus = 'submitted' | 'approved' | 'returned';

/** What every line of a report may carry besides its figure. */
export interface LineFields {
  /** Evidence for this task or target (佐证材料), uploaded before. */
  evidence?: EvidenceRef[];
  status?: LineStatus;
  /** Why the 督查室 returned the line; null once it is submitted again. */
  returnReason?: string | null;
}

/** A task's line in a report: progress (0–100), lifecycle state and a note. */
export interface TaskEntry extends LineFields {
  taskId: number;
  progress: number;
  /** not_started / in_progress / done; closed comes only through 销号. */
  state: TaskState;
  note: string;
}

/** A target's line: its value to date, in the target's unit. */
export interface TargetEntry extends LineFields {
  targetId: number;
  value: number;
  unit: string;
  note: string;
}

export interface ReportContent {
  tasks: TaskEntry[];
  targets: TargetEntry[];
}

export type ReportStatus = 'draft' | 'submitted' | 'approved' | 'returned';

export interface UnitReport extends ReportContent {
  id: number;
  planId: number;
  unitId: number;
  periodKey: string;
  status: ReportStatus;
  evidence: EvidenceRef[];
  /** The period whose report this one started from, when carried forward. */
  carriedFrom: string | null;
  submittedBy: number | null;
  submittedAt: string | null;
  reviewedBy: number | null;
  reviewedAt: string | null;
  returnReason: string | null;
}

export interface ReportContext {
  period: ReportingPeriod;
  lock: PeriodLock | null;
  /** What the unit owes for the period (deriveObligations); undefined when nothing. */
  obligation: UnitObligation | undefined;
  /** The plan's targets, for their units. */
  targets: readonly Pick<Target, 'id' | 'unit'>[];
}

export interface ValidateOptions {
  /** Require a line for every owed item (default true: a submission is complete). */
  complete?: boolean;
  /** Files sent with the report, checked against `policy`. */
  evidence?: readonly EvidenceFile[];
  policy?: EvidencePolicy;
}

const MAX_NOTE = 2000;

/**
 * Checks a unit's report for a period, and gives its content normalised (notes trimmed, units
 * folded). Refuses, listing every problem with its path:
 * - FORBIDDEN when the actor does not act for the unit, or a line is for an item the unit
 *   does not owe (another unit's item);
 * - CONFLICT when the period is locked (a correction is then a supervisor's audited entry) or
 *   has not started;
 * - BAD_INPUT for a percent over 100 or negative, a closed state, a state that contradicts
 *   the percent, a value not a number or in the wrong unit, a duplicate or missing line, a
 *   note too long, an evidence file too large or of a forbidden type.
 * @example
 * validateUnitReport({ unitId: 11, tasks: [{ taskId: 7, progress: 40, state: 'in_progress', note: '' }],
 *   targets: [] }, context, unitReporter, '2022-04-02T09:00:00.000Z')
 */
export function validateUnitReport(
  report: { unitId: number } & ReportContent,
  context: ReportContext,
  actor: Actor,
  now: string,
  options: ValidateOptions = {},
): ReportContent {
  if (!actsForUnit(actor, report.unitId)) {
    throw new AppError('FORBIDDEN', '您不是该单位的填报人，不能代其填报');
  }
  assertPeriodTakesReports(context.period, context.lock, now);

  const owed = new Map((context.obligation?.items ?? []).map((i) => [`${i.type}:${i.id}`, i]));
  const units = new Map(context.targets.map((t) => [t.id, t.unit]));
  const forbidden: ErrorDetail[] = [];
  const problems: ErrorDetail[] = [];
  const seen = new Set<string>();
  const period = context.period.label;

  const tasks = report.tasks.map((entry, i) => {
    const path = `tasks.${i}`;
    const line = `第${i + 1}项任务`;
    const key = `task:${entry.taskId}`;
    if (!owed.has(key)) {
      forbidden.push({
        path: `${path}.taskId`,
        message: `${line}不是本单位${period}应报的事项`,
      });
    }
    if (seen.has(key))
      problems.push({ path: `${path}.taskId`, message: `${line}与前面的任务重复，每项任务只填一次` });
    seen.add(key);
    const progress = entry.progress;
    if (typeof progress !== 'number' || !Number.isFinite(progress) || progress < 0 || progress > 100) {
      problems.push({
        path: `${path}.progress`,
        message: `${line}的完成进度应为0至100之间的数，填的是${String(progress)}`,
      });
    }
    if (entry.state === 'closed') {
      problems.push({
        path: `${path}.state`,
        message: `${line}不能通过填报关闭：已完成的任务请申请销号`,
      });
    } else if (entry.state === 'done' && progress !== 100) {
      problems.push({ path: `${path}.state`, message: `${line}填为“已完成”，完成进度应为100%` });
    } else if (entry.state === 'not_started' && progress !== 0) {
      problems.push({ path: `${path}.state`, message: `${line}填为“未启动”，完成进度应为0` });
    } else if (!['not_started', 'in_progress', 'done'].includes(entry.state)) {
      problems.push({
        path: `${path}.state`,
        message: `${line}的办理状态应为“未启动”、“推进中”或“已完成”`,
      });
    }
    const note = (entry.note ?? '').trim();
    if (note.length > MAX_NOTE)
      problems.push({ path: `${path}.note`, message: `${line}的进展说明不能超过${MAX_NOTE}字` });
    return { taskId: entry.taskId, progress, state: entry.state, note, ...keepEvidence(entry) };
  });

  const targets = report.targets.map((entry, i) => {
    const path = `targets.${i}`;
    const line = `第${i + 1}项指标`;
    const key = `target:${entry.targetId}`;
    if (!owed.has(key)) {
      forbidden.push({
        path: `${path}.targetId`,
        message: `${line}不是本单位${period}应报的事项`,
      });
    }
    if (seen.has(key))
      problems.push({ path: `${path}.targetId`, message: `${line}与前面的指标重复，每项指标只填一次` });
    seen.add(key);
    if (typeof entry.value !== 'number' || !Number.isFinite(entry.value)) {
      problems.push({ path: `${path}.value`, message: `${line}的完成值应填数字` });
    }
    const expectedUnit = units.get(entry.targetId);
    const unit = normalizeUnit(entry.unit ?? '');
    if (expectedUnit !== undefined && unit !== normalizeUnit(expectedUnit)) {
      problems.push({
        path: `${path}.unit`,
        message: `${line}的计量单位应为“${expectedUnit || '无单位'}”，填的是“${unit || '无单位'}”`,
      });
    }
    const note = (entry.note ?? '').trim();
    if (note.length > MAX_NOTE)
      problems.push({ path: `${path}.note`, message: `${line}的情况说明不能超过${MAX_NOTE}字` });
    return {
      targetId: entry.targetId,
      value: entry.value,
      unit: expectedUnit ?? unit,
      note,
      ...keepEvidence(entry),
    };
  });

  if (options.complete ?? true) {
    problems.push(
      ...missingLines(
        (context.obligation?.items ?? []).filter((item) => !seen.has(`${item.type}:${item.id}`)),
      ),
    );
  }
  (options.evidence ?? []).forEach((file, i) => {
    problems.push(...checkEvidenceFile(file, `evidence.${i}`, options.policy ?? DEFAULT_EVIDENCE_POLICY));
  });

  if (forbidden.length > 0) {
    throw new AppError('FORBIDDEN', `填报中有本单位${period}不应报的事项：${forbidden[0]!.message}`, [
      ...forbidden,
      ...problems,
    ]);
  }
  if (problems.length > 0) {
    throw new AppError(
      'BAD_INPUT',
      `${period}的填报有${problems.length}处问题：${problems[0]!.message}`,
      problems,
    );
  }
  return { tasks, targets };
}

/**
 * The owed items a report leaves out, one problem per kind saying how many (at `tasks` or
 * `targets`): 本期应报的指标还有2项未填报.
 */
export function missingLines(missing: readonly Pick<OwedItem, 'type'>[]): ErrorDetail[] {
  return (
    [
      ['task', '任务'],
      ['target', '指标'],
    ] as const
  ).flatMap(([type, word]) => {
    const left = missing.filter((item) => item.type === type).length;
    return left > 0 ? [{ path: `${type}s`, message: `本期应报的${word}还有${left}项未填报` }] : [];
  });
}

/** A line's evidence, when it has some: a line without evidence stays as it was written. */
function keepEvidence(entry: LineFields): Pick<LineFields, 'evidence'> {
  return entry.evidence && entry.evidence.length > 0
    ? { evidence: entry.evidence.map((e) => ({ ...e })) }
    : {};
}

/** CONFLICT when the period is locked or has not started: no report is taken then. */
export function assertPeriodTakesReports(
  period: ReportingPeriod,
  lock: PeriodLock | null,
  now: string,
): void {
  const status = derivePeriodStatus(period, dateOf(now), { lock });
  if (status === 'locked') {
    throw new AppError('CONFLICT', `${period.label}的填报已锁定：如需修改，请联系督查室说明原因后更正`);
  }
  if (status === 'upcoming')
    throw new AppError('CONFLICT', `${period.label}的填报尚未开始：${period.start}起可以填报`);
}

/** A report being prepared: target values may still be blank. */
export interface ReportDraft {
  unitId: number;
  periodKey: string;
  carriedFrom: string | null;
  tasks: (TaskEntry & DraftMark)[];
  targets: (Omit<TargetEntry, 'value'> & { value: number | null } & DraftMark)[];
}

/** When a line of the draft was last saved (autosave), absent for a line nobody touched. */
export interface DraftMark {
  savedAt?: string;
}

/**
 * The editable start of a unit's report for a period: last period's lines for what is still
 * owed (progress, state, value and note carried forward, not typed again), blank lines for
 * what is newly owed; lines for items no longer owed are dropped.
 * @example
 * deriveCarryForward(marchReport, aprilObligation, targets).tasks[0] // March's progress for task 7
 */
export function deriveCarryForward(
  previous: Pick<UnitReport, 'periodKey' | 'tasks' | 'targets'> | null,
  obligation: UnitObligation,
  targets: readonly Pick<Target, 'id' | 'unit'>[],
): ReportDraft {
  const units = new Map(targets.map((t) => [t.id, t.unit]));
  const lastTask = new Map((previous?.tasks ?? []).map((t) => [t.taskId, t]));
  const lastTarget = new Map((previous?.targets ?? []).map((t) => [t.targetId, t]));
  const draft: ReportDraft = {
    unitId: obligation.unitId,
    periodKey: obligation.periodKey,
    carriedFrom: previous?.periodKey ?? null,
    tasks: [],
    targets: [],
  };
  for (const item of obligation.items) {
    // Figures and notes carry forward; a line's evidence, status and return belong to its period.
    if (item.type === 'task') {
      const last = lastTask.get(item.id);
      draft.tasks.push(
        last
          ? { taskId: last.taskId, progress: last.progress, state: last.state, note: last.note }
          : { taskId: item.id, progress: 0, state: 'not_started', note: '' },
      );
    } else {
      const last = lastTarget.get(item.id);
      draft.targets.push(
        last
          ? { targetId: last.targetId, value: last.value, unit: last.unit, note: last.note }
          : { targetId: item.id, value: null, unit: units.get(item.id) ?? '', note: '' },
      );
    }
  }
  return draft;
}

/** A supervisor's correction of a figure in a locked period: a new entry, never an edit. */
export interface FigureCorrection {
  id: number;
  planId: number;
  periodKey: string;
  item: { type: 'task' | 'target'; id: number };
  /** The target's value, or the task's progress. */
  value: number;
  /** For a task, the state that goes with the progress. */
  state: TaskState | null;
  reason: string;
  correctedBy: number;
  correctedAt: string;
}

/**
 * Corrects an approved figure after its period was locked: a new audited entry with the
 * figure in force before and the corrected one after. Only a supervisor; the period must be
 * locked (before that, the unit's report is returned and resubmitted); a reason is required.
 * @example
 * correctFigure({ id: 1, planId: 1, periodKey: '2022-03', item: { type: 'target', id: 3 },
 *   value: 2150, state: null, reason: '统计局修订' }, { period, lock, before: 2100 }, supervisor, now)
 */
export function correctFigure(
  input: Omit<FigureCorrection, 'correctedBy' | 'correctedAt'>,
  context: { period: ReportingPeriod; lock: PeriodLock | null; before: number | null },
  actor: Actor,
  now: string,
): Transition<FigureCorrection> {
  if (!isSupervisor(actor)) throw new AppError('FORBIDDEN', '只有督查室可以更正已锁定的数据');
  if (derivePeriodStatus(context.period, dateOf(now), { lock: context.lock }) !== 'locked') {
    throw new AppError('CONFLICT', `${context.period.label}的填报尚未锁定：请退回单位修改，不必更正`);
  }
  const problems: ErrorDetail[] = [];
  if (!input.reason || input.reason.trim() === '')
    problems.push({ path: 'reason', message: '更正须说明原因' });
  if (!Number.isFinite(input.value)) problems.push({ path: 'value', message: '更正值应填数字' });
  else if (input.item.type === 'task' && (input.value < 0 || input.value > 100)) {
    problems.push({ path: 'value', message: '任务的完成进度应为0至100之间的数' });
  }
  if (input.item.type === 'task' && input.state === 'closed') {
    problems.push({ path: 'state', message: '任务只能通过销号关闭，不能更正为已销号' });
  }
  if (problems.length > 0)
    throw new AppError('BAD_INPUT', `更正内容不完整：${problems[0]!.message}`, problems);
  const next: FigureCorrection = {
    ...input,
    reason: input.reason.trim(),
    correctedBy: actor.userId,
    correctedAt: now,
  };
  const event = createAuditEvent({
    at: now,
    actor,
    entity: { type: 'figure_correction', id: next.id },
    planId: next.planId,
    action: `${input.item.type}.correct`,
    before: { periodKey: input.periodKey, item: input.item, value: context.before },
    after: { periodKey: input.periodKey, item: input.item, value: input.value, state: input.state },
    reason: next.reason,
  });
  return { next, event };
}
