/**
 * Baselines and slippage: every deadline and every target value keeps its original (the
 * report's, or the first one assigned) and each re-baseline after it — an approved 延期, a
 * target adjusted by a decision, a verdict of 调整 — with who, when, why and on what basis.
 * Lists and details show the original beside the current value and the slip; a slip beyond the
 * plan's threshold needs a written explanation (the public one) before it is accepted.
 *
 * Before the plan is published, a change replaces the original (the office is still planning);
 * after it, a change is a re-baseline and only the plan office makes one.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import type { PROMISE_FIELDS, PROMISE_SOURCES } from '../contract/constants.js';
import { createAuditEvent } from '../plan/audit.js';
import type { Actor, AuditEvent } from '../plan/audit.js';
import { dateOf, daysBetween } from '../plan/dates.js';
import type { GoodSide } from '../plan/expected.js';
import { isSupervisor } from '../plan/supervision.js';
import { cleanText, instantOf, requireDate, requireText, throwIfAny } from './checks.js';

export type PromiseField = (typeof PROMISE_FIELDS)[number];
export type PromiseSource = (typeof PROMISE_SOURCES)[number];

/** The commitment a promise belongs to: a task (its deadline) or a target (deadline and value). */
export interface PromiseSubject {
  type: 'task' | 'target';
  id: number;
  planId: number;
}

/** One version of a promise: the original, or a re-baseline. */
export interface PromiseVersion<V extends string | number> {
  /** An ISO date for a deadline; a number in the target's unit for a value. */
  value: V;
  source: PromiseSource;
  /** ISO instant it took effect. */
  at: string;
  /** Who set it (a user id); null for the report itself. */
  by: number | null;
  /** Why, for the office (required for a re-baseline). */
  reason: string | null;
  /** The written explanation of a slip past the threshold: public. */
  explanation: string | null;
  /** What it rests on: "区政府第12次常务会议议定", a 延期 request's number. */
  basis: string | null;
  /** The 延期 request it comes from, when an approved extension moved it. */
  extensionId: number | null;
}

/** Every version of one promise, the original first. Never empty. */
export interface PromiseLine<V extends string | number> {
  subject: PromiseSubject;
  field: PromiseField;
  versions: PromiseVersion<V>[];
}

export type DeadlineLine = PromiseLine<string> & { field: 'deadline' };

/** A target value's line: its unit, and which way is better (src/plan/expected `deriveGoodSide`). */
export type ValueLine = PromiseLine<number> & { field: 'value'; unit: string; goodSide: GoodSide };

/** The plan's thresholds past which a slip needs a written explanation. */
export interface SlippageThresholds {
  /** A deadline later than the original by more than this many days. Default 30. */
  days: number;
  /** A target value easier than the original by more than this percent of it. Default 5. */
  percent: number;
  /** The shortest explanation accepted, in characters. Default 10. */
  minExplanation: number;
}

export const DEFAULT_SLIPPAGE_THRESHOLDS: Readonly<SlippageThresholds> = Object.freeze({
  days: 30,
  percent: 5,
  minExplanation: 10,
});

/**
 * A plan's overrides merged onto the defaults; BAD_INPUT naming each field out of range.
 * @example
 * resolveSlippageThresholds({ days: 15 }) // { days: 15, percent: 5, minExplanation: 10 }
 */
export function resolveSlippageThresholds(input: Partial<SlippageThresholds> = {}): SlippageThresholds {
  const out = { ...DEFAULT_SLIPPAGE_THRESHOLDS, ...input };
  const problems: ErrorDetail[] = [];
  if (!Number.isInteger(out.days) || out.days < 0 || out.days > 3660) {
    problems.push({ path: 'days', message: 'must be a whole number of days from 0 to 3660' });
  }
  if (!Number.isFinite(out.percent) || out.percent < 0 || out.percent > 100) {
    problems.push({ path: 'percent', message: 'must be a percent from 0 to 100' });
  }
  if (!Number.isInteger(out.minExplanation) || out.minExplanation < 1 || out.minExplanation > 500) {
    problems.push({ path: 'minExplanation', message: 'must be a whole number of characters from 1 to 500' });
  }
  throwIfAny(problems, 'Invalid slippage thresholds');
  return out;
}

/** The original version (the first). */
export function getOriginal<V extends string | number>(line: PromiseLine<V>): PromiseVersion<V> {
  const first = line.versions[0];
  if (!first)
    throw new AppError(
      'INTERNAL',
      `The ${line.field} line of ${line.subject.type} ${line.subject.id} is empty`,
    );
  return first;
}

/** The version in force (the last). */
export function getCurrent<V extends string | number>(line: PromiseLine<V>): PromiseVersion<V> {
  const last = line.versions.at(-1);
  if (!last)
    throw new AppError(
      'INTERNAL',
      `The ${line.field} line of ${line.subject.type} ${line.subject.id} is empty`,
    );
  return last;
}

/** How far a deadline moved from its original. */
export interface DeadlineSlip {
  original: string;
  current: string;
  /** Days from the original to the current deadline: positive when later. */
  days: number;
  /** Re-baselines after the original. */
  rebaselines: number;
}

/** How far a target value moved from its original. */
export interface ValueSlip {
  original: number;
  current: number;
  unit: string;
  /** (current − original) / |original| × 100, one decimal; null when the original is 0. */
  percent: number | null;
  /** True when the change makes the promise easier to keep (lower for "more is better"). */
  easing: boolean;
  rebaselines: number;
}

/**
 * The slip of a deadline line.
 * @example
 * deriveDeadlineSlip(line) // { original: '2022-06-30', current: '2022-09-30', days: 92, rebaselines: 1 }
 */
export function deriveDeadlineSlip(line: PromiseLine<string>): DeadlineSlip {
  const original = getOriginal(line).value;
  const current = getCurrent(line).value;
  return { original, current, days: daysBetween(original, current), rebaselines: line.versions.length - 1 };
}

function percentChange(original: number, current: number): number | null {
  if (original === 0) return null;
  return Math.round(((current - original) / Math.abs(original)) * 1000) / 10;
}

function isEasing(goodSide: GoodSide, original: number, current: number): boolean {
  if (goodSide === 'higher') return current < original;
  if (goodSide === 'lower') return current > original;
  return current !== original;
}

/**
 * The slip of a target value line.
 * @example
 * // 新增就业9000人 lowered to 8000人
 * deriveValueSlip(line) // { original: 9000, current: 8000, unit: '人', percent: -11.1, easing: true, rebaselines: 1 }
 */
export function deriveValueSlip(line: ValueLine): ValueSlip {
  const original = getOriginal(line).value;
  const current = getCurrent(line).value;
  return {
    original,
    current,
    unit: line.unit,
    percent: percentChange(original, current),
    easing: isEasing(line.goodSide, original, current),
    rebaselines: line.versions.length - 1,
  };
}

/** A proposed value against the original: the variance, and whether it passes the threshold. */
export interface Variance {
  field: PromiseField;
  /** Days later than the original (deadline); null for a value. */
  days: number | null;
  /** Percent of the original (value); null for a deadline, or when the original is 0. */
  percent: number | null;
  /** True when the change slips (later, easier) past the plan's threshold. */
  overThreshold: boolean;
}

/**
 * The variance of a proposed deadline or value from the line's original. Only a slip counts
 * against the threshold: an earlier deadline or a harder target never needs an explanation;
 * for a value to keep near (左右) any change is a slip. A value with an original of 0 passes the
 * threshold on any easing change.
 * @example
 * deriveVariance(deadlineLine, '2022-09-30', { days: 30, percent: 5, minExplanation: 10 })
 * // { field: 'deadline', days: 92, percent: null, overThreshold: true }
 */
export function deriveVariance(
  line: DeadlineLine | ValueLine,
  proposed: string | number,
  thresholds: SlippageThresholds = DEFAULT_SLIPPAGE_THRESHOLDS,
): Variance {
  if (line.field === 'deadline') {
    const days = daysBetween(getOriginal(line).value, String(proposed));
    return { field: 'deadline', days, percent: null, overThreshold: days > thresholds.days };
  }
  const original = getOriginal(line).value;
  const value = Number(proposed);
  const percent = percentChange(original, value);
  const easing = isEasing(line.goodSide, original, value);
  const overThreshold = easing && (percent === null || Math.abs(percent) > thresholds.percent);
  return { field: 'value', days: null, percent, overThreshold };
}

/**
 * BAD_INPUT at `path` when the proposed change slips past the threshold and the explanation is
 * missing or shorter than the plan's minimum. Callers run it before accepting any update that
 * moves a promise: a 延期 request, its approval, a decision, a verdict of 调整.
 */
export function checkVarianceExplanation(
  line: DeadlineLine | ValueLine,
  proposed: string | number,
  explanation: string | null | undefined,
  thresholds: SlippageThresholds = DEFAULT_SLIPPAGE_THRESHOLDS,
  path = 'explanation',
): Variance {
  const variance = deriveVariance(line, proposed, thresholds);
  if (!variance.overThreshold) return variance;
  const text = cleanText(explanation);
  const past =
    variance.field === 'deadline'
      ? `${variance.days} days later than the original (threshold ${thresholds.days})`
      : `${variance.percent === null ? 'a change' : `${Math.abs(variance.percent)}%`} off the original (threshold ${thresholds.percent}%)`;
  if (text === null || [...text].length < thresholds.minExplanation) {
    throw new AppError('BAD_INPUT', `The change is ${past}: a written explanation is required`, [
      {
        path,
        message: `an explanation of at least ${thresholds.minExplanation} characters is required: the change is ${past}`,
      },
    ]);
  }
  return variance;
}

/** The first version of a promise: the report's, or the first one assigned. */
export function startDeadlineLine(
  subject: PromiseSubject,
  deadline: string,
  source: 'report' | 'assignment',
  at: string,
  by: number | null,
): DeadlineLine {
  const problems: ErrorDetail[] = [];
  requireDate(problems, 'deadline', deadline);
  throwIfAny(problems, 'The deadline is not a date');
  instantOf(at, 'at');
  return { subject, field: 'deadline', versions: [version(deadline, source, at, by)] };
}

/** A target value's line from the report's value. */
export function startValueLine(
  subject: PromiseSubject,
  value: number,
  unit: string,
  goodSide: GoodSide,
  at: string,
): ValueLine {
  if (!Number.isFinite(value)) {
    throw new AppError('BAD_INPUT', 'The target value is not a number', [
      { path: 'value', message: 'must be a number' },
    ]);
  }
  instantOf(at, 'at');
  return { subject, field: 'value', unit, goodSide, versions: [version(value, 'report', at, null)] };
}

function version<V extends string | number>(
  value: V,
  source: PromiseSource,
  at: string,
  by: number | null,
): PromiseVersion<V> {
  return { value, source, at, by, reason: null, explanation: null, basis: null, extensionId: null };
}

/** A change to a promise: the new value and what it rests on. */
export interface PromiseChange<V extends string | number> {
  value: V;
  /** `extension` (an approved 延期), `decision` (a decision of the government), `verdict` (调整). */
  source: 'extension' | 'decision' | 'verdict' | 'assignment';
  reason?: string | null;
  explanation?: string | null;
  basis?: string | null;
  extensionId?: number | null;
}

export interface PromiseChangeResult<L> {
  line: L;
  event: AuditEvent;
  /** Against the original; null when the change set the original (before publication). */
  variance: Variance | null;
}

/**
 * Applies a change to a promise line. Before publication (`published` false) the change
 * replaces the original. After it, a re-baseline: only the plan office (FORBIDDEN otherwise);
 * BAD_INPUT when the reason is missing, the value is not a date or number, or the slip passes
 * the threshold without a written explanation; CONFLICT when it equals the value in force.
 * The audit event records before and after with the reason.
 * @example
 * changePromise(line, { value: '2022-09-30', source: 'extension', extensionId: 4,
 *   reason: '征地手续未完成', explanation: '征地补偿方案调整，需重新公示，预计三季度末完成' },
 *   supervisor, '2022-06-03T09:00:00.000Z', { published: true })
 */
export function changePromise<L extends DeadlineLine | ValueLine>(
  line: L,
  change: PromiseChange<L extends DeadlineLine ? string : number>,
  actor: Actor,
  now: string,
  options: { published: boolean; thresholds?: SlippageThresholds },
): PromiseChangeResult<L> {
  instantOf(now);
  const problems: ErrorDetail[] = [];
  if (line.field === 'deadline') requireDate(problems, 'value', String(change.value));
  else if (typeof change.value !== 'number' || !Number.isFinite(change.value)) {
    problems.push({ path: 'value', message: 'must be a number' });
  }
  throwIfAny(problems, `The new ${line.field} is not valid`);
  const current = getCurrent(line as PromiseLine<string | number>);
  const entity = { type: line.subject.type, id: line.subject.id };
  const reason = cleanText(change.reason);

  if (!options.published) {
    if (!isSupervisor(actor)) throw new AppError('FORBIDDEN', `Only the plan office can set a ${line.field}`);
    const original = { ...version(change.value, originalSource(line, change), now, actor.userId), reason };
    const next = { ...line, versions: [original] } as L;
    const event = createAuditEvent({
      at: now,
      actor,
      entity,
      planId: line.subject.planId,
      action: `${line.field}.set`,
      before: { [line.field]: current.value },
      after: { [line.field]: change.value },
      reason,
    });
    return { line: next, event, variance: null };
  }

  if (!isSupervisor(actor)) {
    throw new AppError('FORBIDDEN', `Only the plan office can re-baseline a ${line.field}`);
  }
  if (change.value === current.value) {
    throw new AppError('CONFLICT', `The ${line.field} is already ${String(change.value)}`);
  }
  requireText(problems, 'reason', reason, 'a reason');
  throwIfAny(problems, 'A re-baseline needs its reason');
  const thresholds = options.thresholds ?? DEFAULT_SLIPPAGE_THRESHOLDS;
  const variance = checkVarianceExplanation(line, change.value, change.explanation, thresholds);
  const added: PromiseVersion<string | number> = {
    value: change.value,
    source: change.source,
    at: now,
    by: actor.userId,
    reason,
    explanation: cleanText(change.explanation),
    basis: cleanText(change.basis),
    extensionId: change.extensionId ?? null,
  };
  const next = { ...line, versions: [...line.versions, added] } as L;
  const event = createAuditEvent({
    at: now,
    actor,
    entity,
    planId: line.subject.planId,
    action: `${line.field}.rebaseline`,
    before: { [line.field]: current.value },
    after: {
      [line.field]: change.value,
      source: change.source,
      explanation: added.explanation,
      basis: added.basis,
      extensionId: added.extensionId,
    },
    reason,
  });
  return { line: next, event, variance };
}

function originalSource(line: DeadlineLine | ValueLine, change: { source: PromiseSource }): PromiseSource {
  // A target's value comes from the report whatever the office corrects before publication.
  if (line.field === 'value') return 'report';
  return change.source === 'assignment' ? 'assignment' : getOriginal(line).source;
}

/** One move of a promise as the public reads it: when, from, to, and the explanation. */
export interface PublicPromiseChange {
  field: PromiseField;
  /** The date it took effect. */
  on: string;
  from: string | number;
  to: string | number;
  source: PromiseSource;
  /** The written explanation, else the reason given. */
  explanation: string | null;
  basis: string | null;
}

/** A promise as the public page shows it: original beside current, slip, due and overdue. */
export interface PromiseView {
  deadline: (DeadlineSlip & { overdue: boolean; daysLeft: number | null }) | null;
  value: ValueSlip | null;
  /** Every re-baseline, oldest first; who made it is never shown. */
  changes: PublicPromiseChange[];
}

/**
 * The promise of a commitment for lists, details and the public page: original vs current,
 * the slip, days left, and overdue (the deadline in force passed and the work not finished).
 * @example
 * derivePromiseView(deadlineLine, null, { today: '2022-10-08', finished: false }).deadline
 * // { original: '2022-06-30', current: '2022-09-30', days: 92, rebaselines: 1, overdue: true, daysLeft: null }
 */
export function derivePromiseView(
  deadline: PromiseLine<string> | null,
  value: ValueLine | null,
  status: { today: string; finished: boolean },
): PromiseView {
  const changes: PublicPromiseChange[] = [];
  for (const line of [deadline, value]) {
    if (!line) continue;
    line.versions.slice(1).forEach((v, i) => {
      changes.push({
        field: line.field,
        on: dateOf(v.at),
        from: line.versions[i]!.value,
        to: v.value,
        source: v.source,
        explanation: v.explanation ?? v.reason,
        basis: v.basis,
      });
    });
  }
  changes.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0));
  let deadlineView: PromiseView['deadline'] = null;
  if (deadline) {
    const slip = deriveDeadlineSlip(deadline);
    const left = daysBetween(status.today, slip.current);
    const overdue = !status.finished && left < 0;
    deadlineView = { ...slip, overdue, daysLeft: status.finished || overdue ? null : left };
  }
  return { deadline: deadlineView, value: value ? deriveValueSlip(value) : null, changes };
}

/** The fields of a 延期 request a deadline line reads (src/plan/supervision.ts `ExtensionRequest`). */
export interface ExtensionVersion {
  id: number;
  state: 'requested' | 'approved' | 'denied';
  reason: string;
  decidedBy: number | null;
  decidedAt: string | null;
  approvedDeadline: string | null;
  decisionNote: string | null;
  explanation?: string | null;
  origin?: 'unit' | 'decision';
}

/**
 * A deadline's line from what the plan keeps: the versions the plan office set by assignment
 * after publication (`assigned`, the first being the original in force before the first move),
 * else the deadline assigned (the original, in force since `since`: the plan's publication);
 * then the approved 延期 in the order decided — each a re-baseline with who decided, when, the
 * unit's reason, its explanation and the decision's note as basis; a 延期 the plan office
 * recorded by a decision has source `decision`. Assignment moves precede every approved 延期
 * (the commands refuse one after), so the current version is the deadline in force
 * (src/plan/supervision.ts `deriveEffectiveDeadline`). Undefined when the item has no deadline.
 */
export function deriveDeadlineLine(
  subject: PromiseSubject,
  deadline: string | null,
  since: string,
  extensions: readonly ExtensionVersion[],
  assigned: readonly PromiseVersion<string>[] = [],
): DeadlineLine | undefined {
  const approved = extensions
    .filter((r) => r.state === 'approved' && r.approvedDeadline !== null && r.decidedAt !== null)
    .sort((a, b) => Date.parse(a.decidedAt!) - Date.parse(b.decidedAt!) || a.id - b.id);
  const versions: PromiseVersion<string>[] = [...assigned];
  if (versions.length === 0 && deadline !== null) versions.push(version(deadline, 'assignment', since, null));
  for (const r of approved) {
    versions.push({
      value: r.approvedDeadline!,
      source: r.origin === 'decision' ? 'decision' : 'extension',
      at: r.decidedAt!,
      by: r.decidedBy,
      reason: cleanText(r.reason),
      explanation: cleanText(r.explanation),
      basis: cleanText(r.decisionNote),
      extensionId: r.id,
    });
  }
  return versions.length === 0 ? undefined : { subject, field: 'deadline', versions };
}
