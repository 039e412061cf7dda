/**
 * A unit's report line by line (issue 14): a unit submits one task or all of them, the 督查室
 * approves or returns each line with its reason, and the report's status follows its lines.
 * The figures that count are the approved lines (figures.ts). Drafts — what a reporter typed
 * and has not submitted — are saved line by line and laid over the editable start of the
 * report (`applyDraftLines`). Pure: the caller loads and stores.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import { createStepEvent } from './audit.js';
import type { Actor } from './audit.js';
import { dateOf } from './dates.js';
import { derivePeriodStatus } from './periods.js';
import type { PeriodLock, ReportingPeriod } from './periods.js';
import { assertPeriodTakesReports, missingLines, validateUnitReport } from './reporting.js';
import type {
  LineStatus,
  ReportContent,
  ReportContext,
  ReportDraft,
  ReportStatus,
  TargetEntry,
  TaskEntry,
  UnitObligation,
  UnitReport,
} from './reporting.js';
import { isSupervisor } from './supervision.js';
import type { EvidenceRef, Transition } from './supervision.js';
import type { TaskState } from './types.js';

const KIND_WORDS = { task: '任务', target: '指标' } as const;

/** A line of a report named by its item. */
export interface LineRef {
  type: 'task' | 'target';
  id: number;
}

/** `task:7`, `target:3`: a line's key. */
export type LineKey = `${LineRef['type']}:${number}`;

type AnyLine = TaskEntry | TargetEntry;

export function lineKey(line: AnyLine): LineKey {
  return 'taskId' in line ? `task:${line.taskId}` : `target:${line.targetId}`;
}

export function refKey(ref: LineRef): LineKey {
  return `${ref.type}:${ref.id}`;
}

/**
 * Where a line stands: its own status, else its report's (a report stored before lines had a
 * status; a report still a draft has its lines waiting as submitted ones did then).
 * @example lineStatusOf({ status: 'returned' }, { taskId: 7, ... }) // 'returned'
 */
export function lineStatusOf(report: Pick<UnitReport, 'status'>, line: AnyLine): LineStatus {
  if (line.status) return line.status;
  return report.status === 'draft' ? 'submitted' : report.status;
}

/**
 * A report's status from its lines: submitted while any line awaits review, returned while
 * any line is returned (and none awaits), approved when every line is approved and every item
 * owed has one (`owed`, when known), else a draft (some lines not handed in yet).
 * @example deriveReportStatus(['approved', 'approved'], 2) // 'approved'
 */
export function deriveReportStatus(statuses: readonly LineStatus[], owedCount?: number): ReportStatus {
  if (statuses.includes('submitted')) return 'submitted';
  if (statuses.includes('returned')) return 'returned';
  const complete = owedCount === undefined || statuses.length >= owedCount;
  return statuses.length > 0 && complete && statuses.every((s) => s === 'approved') ? 'approved' : 'draft';
}

function statusesOf(report: Pick<UnitReport, 'status' | 'tasks' | 'targets'>): LineStatus[] {
  return [...report.tasks, ...report.targets].map((line) => lineStatusOf(report, line));
}

function owedCountOf(obligation: UnitObligation | undefined): number | undefined {
  return obligation?.items.length;
}

/** The lines of a report in the order a unit owes them: tasks then targets, by id. */
function sortLines(content: ReportContent): ReportContent {
  return {
    tasks: [...content.tasks].sort((a, b) => a.taskId - b.taskId),
    targets: [...content.targets].sort((a, b) => a.targetId - b.targetId),
  };
}

export interface SubmitOptions {
  /** The lines to hand in; all that are not already submitted or approved when absent. */
  only?: readonly LineRef[];
}

/**
 * The unit hands in lines of its report for the period: one task, or all it owes. Each line
 * handed in is validated (validateUnitReport) and becomes `submitted`; a line already approved
 * or awaiting review stays as it is. Handing in everything needs a line for every item owed.
 * CONFLICT when a line named in `only` is already submitted or approved, or nothing is left to
 * hand in; otherwise throws as validateUnitReport does.
 * @example
 * submitReport(stored, { tasks: [line7], targets: [] }, context, unitReporter, now, { only: [{ type: 'task', id: 7 }] })
 */
export function submitReport(
  current: UnitReport,
  incoming: ReportContent,
  context: ReportContext,
  actor: Actor,
  now: string,
  options: SubmitOptions = {},
): Transition<UnitReport> {
  if (current.periodKey !== context.period.key) {
    throw new AppError('BAD_INPUT', `这份填报属于${current.periodKey}，不是${context.period.label}的填报`);
  }
  // A locked period is the clearer reason, whatever the lines' status.
  assertPeriodTakesReports(context.period, context.lock, now);
  const stored = new Map<LineKey, AnyLine>(
    [...current.tasks, ...current.targets].map((line) => [lineKey(line), line]),
  );
  const only = options.only ? new Set(options.only.map(refKey)) : undefined;
  const held: string[] = [];
  const take = <T extends AnyLine>(lines: readonly T[]): T[] =>
    lines.filter((line) => {
      const key = lineKey(line);
      if (only && !only.has(key)) return false;
      const before = stored.get(key);
      const status = before ? lineStatusOf(current, before) : undefined;
      if (status === 'submitted' || status === 'approved') {
        if (only)
          held.push(
            `${KIND_WORDS['taskId' in line ? 'task' : 'target']}（${status === 'approved' ? '已审核通过' : '已报送'}）`,
          );
        return false;
      }
      return true;
    });
  const candidates = { tasks: take(incoming.tasks), targets: take(incoming.targets) };
  if (held.length > 0)
    throw new AppError('CONFLICT', `所选事项中有${held.length}项已经报送，不能再次报送：${held.join('、')}`);
  if (only) {
    const given = new Set([...incoming.tasks, ...incoming.targets].map(lineKey));
    const missing = [...only].filter((key) => !given.has(key));
    if (missing.length > 0) {
      throw new AppError(
        'BAD_INPUT',
        `要报送的事项中有${missing.length}项没有填写内容`,
        missing.map(() => ({ path: 'only', message: '要报送的事项还没有填写内容：请先填写再报送' })),
      );
    }
  }
  if (candidates.tasks.length + candidates.targets.length === 0) {
    throw new AppError('CONFLICT', '这份填报的事项都已报送，没有可以再报送的内容');
  }
  // Handing in everything: the items owed with no line are problems beside the lines' own.
  const have = new Set([...stored.keys(), ...[...candidates.tasks, ...candidates.targets].map(lineKey)]);
  const missing: { type: 'task' | 'target' }[] = only
    ? []
    : (context.obligation?.items ?? [])
        .filter((item) => !have.has(`${item.type}:${item.id}`))
        .map((item) => ({ type: item.type }));
  let content: ReportContent;
  try {
    content = validateUnitReport({ unitId: current.unitId, ...candidates }, context, actor, now, {
      complete: false,
    });
  } catch (error) {
    if (missing.length > 0 && error instanceof AppError && error.code === 'BAD_INPUT') {
      throw new AppError('BAD_INPUT', error.message, [...error.details, ...missingLines(missing)]);
    }
    throw error;
  }
  if (missing.length > 0) {
    throw new AppError(
      'BAD_INPUT',
      `${context.period.label}的填报还没有填完：${missingLines(missing)[0]!.message}`,
      missingLines(missing),
    );
  }
  const submitted = (line: AnyLine) => ({ ...line, status: 'submitted' as const, returnReason: null });
  for (const line of [...content.tasks, ...content.targets]) stored.set(lineKey(line), submitted(line));
  const lines = [...stored.values()];
  const next: UnitReport = {
    ...current,
    ...sortLines({
      tasks: lines.filter((l): l is TaskEntry => 'taskId' in l),
      targets: lines.filter((l): l is TargetEntry => 'targetId' in l),
    }),
    submittedBy: actor.userId,
    submittedAt: now,
    returnReason: null,
    status: 'draft',
  };
  next.status = deriveReportStatus(statusesOf(next), owedCountOf(context.obligation));
  return { next, event: createStepEvent('report', current, next, actor, now, 'report.submit', null) };
}

/** A review: approve lines, or return them with a reason (each line's own, or one for all). */
export type ReviewAction =
  | { type: 'approve'; lines?: readonly LineRef[] }
  | { type: 'return'; reason?: string; lines?: readonly (LineRef & { reason?: string })[] };

/**
 * The 督查室 approves or returns lines awaiting review — those named, else all of them. Every
 * returned line needs a reason (its own or the one given for all); a return is refused once
 * the period is locked (the unit could no longer answer it). FORBIDDEN for anyone else;
 * CONFLICT when a line named is not awaiting review or none is.
 * @example
 * reviewReport(submitted, { type: 'return', lines: [{ type: 'task', id: 7, reason: '口径有误' }] }, supervisor, now)
 */
export function reviewReport(
  current: UnitReport,
  action: ReviewAction,
  actor: Actor,
  now: string,
  context: { period: ReportingPeriod; lock: PeriodLock | null; obligation?: UnitObligation } | null = null,
): Transition<UnitReport> {
  if (!isSupervisor(actor)) throw new AppError('FORBIDDEN', '只有督查室可以审核填报');
  const waiting = new Set(
    [...current.tasks, ...current.targets]
      .filter((line) => lineStatusOf(current, line) === 'submitted')
      .map(lineKey),
  );
  const named = action.lines?.map((ref) => ({
    key: refKey(ref),
    reason: 'reason' in ref ? ref.reason : undefined,
  }));
  const chosen = named ?? [...waiting].map((key) => ({ key, reason: undefined }));
  const notWaiting = chosen.filter((c) => !waiting.has(c.key));
  if (chosen.length === 0 || notWaiting.length > 0) {
    throw new AppError(
      'CONFLICT',
      chosen.length === 0
        ? '这份填报没有待审核的事项'
        : `所选事项中有${notWaiting.length}项不在待审核之列：请刷新后重新选择`,
    );
  }
  const common = action.type === 'return' ? (action.reason ?? '').trim() : '';
  const reasons = new Map<LineKey, string>();
  if (action.type === 'return') {
    const problems: ErrorDetail[] = [];
    chosen.forEach((c, i) => {
      const reason = (c.reason ?? '').trim() || common;
      if (!reason)
        problems.push({
          path: named ? `lines.${i}.reason` : 'reason',
          message: named ? `退回第${i + 1}项须说明原因` : '退回须说明原因',
        });
      reasons.set(c.key, reason);
    });
    if (problems.length > 0) throw new AppError('BAD_INPUT', problems[0]!.message, problems);
    if (context && derivePeriodStatus(context.period, dateOf(now), { lock: context.lock }) === 'locked') {
      throw new AppError(
        'CONFLICT',
        `${context.period.label}的填报已锁定：不能退回，请直接更正数据并说明原因`,
      );
    }
  }
  const keys = new Set(chosen.map((c) => c.key));
  const move = <T extends AnyLine>(line: T): T => {
    const key = lineKey(line);
    if (!keys.has(key)) return line.status ? line : { ...line, status: lineStatusOf(current, line) };
    return action.type === 'approve'
      ? { ...line, status: 'approved', returnReason: null }
      : { ...line, status: 'returned', returnReason: reasons.get(key) ?? null };
  };
  const next: UnitReport = {
    ...current,
    tasks: current.tasks.map(move),
    targets: current.targets.map(move),
    reviewedBy: actor.userId,
    reviewedAt: now,
    returnReason:
      action.type === 'return' ? common || [...reasons.values()][0] || null : current.returnReason,
  };
  next.status = deriveReportStatus(statusesOf(next), owedCountOf(context?.obligation));
  const reason = action.type === 'return' ? common || null : null;
  return {
    next,
    event: createStepEvent(
      'report',
      current,
      next,
      actor,
      now,
      action.type === 'approve' ? 'report.approve' : 'report.return',
      reason,
    ),
  };
}

/** What a reporter typed in one line and has not submitted: any field, as last saved. */
export interface DraftLine {
  item: LineRef;
  progress?: number | null;
  state?: TaskState | null;
  value?: number | null;
  note?: string;
  evidence?: EvidenceRef[];
  savedAt: string;
  savedBy: number | null;
}

/** The fields a reporter may save in a draft line, and their limits. */
const MAX_DRAFT_NOTE = 2000;

/**
 * Checks the fields of one autosaved line: numbers are numbers, a note fits, a state is a
 * report's state. A figure out of range (a percent of 120) is kept: the reporter sees it
 * flagged and fixes it before submitting. BAD_INPUT with the field's path otherwise.
 */
export function checkDraftFields(
  fields: Omit<DraftLine, 'item' | 'savedAt' | 'savedBy'>,
  item: LineRef,
): void {
  const problems: ErrorDetail[] = [];
  const number = (name: 'progress' | 'value') => {
    const v = fields[name];
    if (v !== undefined && v !== null && (typeof v !== 'number' || !Number.isFinite(v)))
      problems.push({ path: name, message: name === 'progress' ? '完成进度应填数字' : '完成值应填数字' });
  };
  number('progress');
  number('value');
  if (item.type === 'target' && (fields.progress !== undefined || fields.state !== undefined))
    problems.push({ path: 'progress', message: '指标填完成值，不填完成进度或办理状态' });
  if (item.type === 'task' && fields.value !== undefined)
    problems.push({ path: 'value', message: '任务填完成进度，不填完成值' });
  if (
    fields.state !== undefined &&
    fields.state !== null &&
    !['not_started', 'in_progress', 'done'].includes(fields.state)
  )
    problems.push({ path: 'state', message: '办理状态应为“未启动”、“推进中”或“已完成”' });
  if ((fields.note ?? '').length > MAX_DRAFT_NOTE)
    problems.push({ path: 'note', message: `进展说明不能超过${MAX_DRAFT_NOTE}字` });
  if (problems.length > 0) throw new AppError('BAD_INPUT', problems[0]!.message, problems);
}

/**
 * Two people (or two tabs) typing in the same line: a save names the line as its writer last
 * read it (`basedOn`: its savedAt, null when nothing was saved). When the saved line has moved
 * on since, the save is refused with CONFLICT naming when and by whom, so nobody's typing is
 * overwritten unseen; the writer reloads the line and saves again. A save without `basedOn`
 * (a client that does not say) replaces the line.
 * @example checkDraftBase({ savedAt: '2022-04-02T09:00:00Z', savedBy: 7, ... }, null) // throws CONFLICT
 */
export function checkDraftBase(saved: DraftLine | undefined, basedOn: string | null | undefined): void {
  if (basedOn === undefined) return;
  const current = saved?.savedAt ?? null;
  if (current === basedOn) return;
  throw new AppError(
    'CONFLICT',
    saved
      ? `The line of ${saved.item.type} ${saved.item.id} was saved by another writer at ${saved.savedAt}`
      : 'The line was submitted or cleared since it was read',
    [
      {
        path: 'basedOn',
        message: saved
          ? `saved at ${saved.savedAt} by user ${saved.savedBy ?? '-'}, not ${basedOn ?? 'never'}`
          : `no saved line, not ${basedOn ?? 'never'}`,
      },
    ],
  );
}

/**
 * Lays the saved draft lines over the editable start of a report: each field a reporter saved
 * replaces the one carried forward (or submitted and returned), and the line says when it was
 * saved. Lines of items no longer owed are left out.
 * @example applyDraftLines(draft, [{ item: { type: 'task', id: 7 }, progress: 60, savedAt, savedBy: 4 }]).tasks[0].progress // 60
 */
export function applyDraftLines(draft: ReportDraft, saved: readonly DraftLine[]): ReportDraft {
  const byKey = new Map(saved.map((line) => [refKey(line.item), line]));
  return {
    ...draft,
    tasks: draft.tasks.map((line) => {
      const d = byKey.get(`task:${line.taskId}`);
      if (!d) return line;
      return {
        ...line,
        ...(d.progress !== undefined && d.progress !== null ? { progress: d.progress } : {}),
        ...(d.state ? { state: d.state } : {}),
        ...(d.note !== undefined ? { note: d.note } : {}),
        ...(d.evidence !== undefined ? { evidence: d.evidence } : {}),
        savedAt: d.savedAt,
      };
    }),
    targets: draft.targets.map((line) => {
      const d = byKey.get(`target:${line.targetId}`);
      if (!d) return line;
      return {
        ...line,
        ...(d.value !== undefined ? { value: d.value } : {}),
        ...(d.note !== undefined ? { note: d.note } : {}),
        ...(d.evidence !== undefined ? { evidence: d.evidence } : {}),
        savedAt: d.savedAt,
      };
    }),
  };
}

/**
 * The editable start of the period's report with what is already in: lines submitted, approved
 * or returned replace the carried-forward ones (a returned line keeps its reason to show).
 */
export function withReportLines(draft: ReportDraft, report: UnitReport | null): ReportDraft {
  if (!report) return draft;
  const tasks = new Map(report.tasks.map((l) => [l.taskId, l]));
  const targets = new Map(report.targets.map((l) => [l.targetId, l]));
  const status = (line: AnyLine) => ({ status: lineStatusOf(report, line) });
  return {
    ...draft,
    tasks: draft.tasks.map((line) => {
      const held = tasks.get(line.taskId);
      return held ? { ...held, ...status(held) } : line;
    }),
    targets: draft.targets.map((line) => {
      const held = targets.get(line.targetId);
      return held ? { ...held, ...status(held) } : line;
    }),
  };
}
