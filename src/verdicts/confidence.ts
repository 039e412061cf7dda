/**
 * Delivery confidence beside computed health: each period the lead unit gives its own
 * confidence that the commitment will be delivered as promised (five levels, as the UK's
 * Government Major Projects Portfolio grades them), and the 督查室 may give an independent
 * one. Where the two disagree, or either disagrees with the computed health, the cockpit says
 * so. Pure: the caller loads and stores.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import { CONFIDENCE_LEVELS } from '../contract/constants.js';
import type { CONFIDENCE_SOURCES } from '../contract/constants.js';
import { createAuditEvent } from '../plan/audit.js';
import type { Actor, AuditEvent } from '../plan/audit.js';
import { actsForUnit, isSupervisor } from '../plan/supervision.js';
import type { Health } from '../plan/types.js';
import { cleanText, instantOf, limitText, requireText, throwIfAny } from './checks.js';

export type ConfidenceLevel = (typeof CONFIDENCE_LEVELS)[number];
export type ConfidenceSource = (typeof CONFIDENCE_SOURCES)[number];
export { CONFIDENCE_LEVELS };

/** The offices' words for each level, and what it means (shown beside the choice). */
export const CONFIDENCE_LABELS: Readonly<Record<ConfidenceLevel, { name: string; meaning: string }>> =
  Object.freeze({
    green: { name: '很有把握', meaning: '按期按质完成很有把握，未见重大风险' },
    amber_green: { name: '较有把握', meaning: '可以按期完成，存在的风险可控' },
    amber: { name: '存在风险', meaning: '能否按期完成存疑，需要重点关注' },
    amber_red: { name: '风险较大', meaning: '按期完成难度很大，需采取有力措施' },
    red: { name: '难以按期完成', meaning: '按期完成已不可能或基本不可能，需调整或决策' },
  });

/** A level as a number, 0 (green) to 4 (red). */
export function confidenceRank(level: ConfidenceLevel): number {
  return CONFIDENCE_LEVELS.indexOf(level);
}

/** What a confidence is about: a task or a target of a plan. */
export interface ConfidenceSubject {
  type: 'task' | 'target';
  id: number;
  planId: number;
  /** The lead unit (the one that gives the unit's confidence). */
  leadUnitId: number | null;
}

export interface ConfidenceAssessment {
  id: number;
  subject: ConfidenceSubject;
  /** The reporting period it is given for ("2022-06"). */
  periodKey: string;
  source: ConfidenceSource;
  level: ConfidenceLevel;
  /** What it rests on; required from 存在风险 down. */
  comment: string | null;
  by: number;
  at: string;
}

/** The longest comment accepted, in characters. */
export const MAX_CONFIDENCE_COMMENT = 500;

/**
 * Records a confidence. The lead unit's comes from a reporter of the lead unit (or an admin),
 * the independent one from the 督查室 (FORBIDDEN otherwise); a comment is required from
 * 存在风险 (amber) down; BAD_INPUT names each bad field. A second assessment from the same source
 * for the same period replaces the first (the caller keeps both: the event has `before`).
 * @example
 * assessConfidence({ id: 1, subject, periodKey: '2022-06', source: 'lead_unit', level: 'amber',
 *   comment: '拆迁进度慢于预期' }, unitReporter, '2022-07-02T09:00:00.000Z', [])
 */
export function assessConfidence(
  input: Omit<ConfidenceAssessment, 'by' | 'at'>,
  actor: Actor,
  now: string,
  earlier: readonly ConfidenceAssessment[],
): { assessment: ConfidenceAssessment; event: AuditEvent } {
  instantOf(now);
  if (input.source === 'lead_unit' && !actsForUnit(actor, input.subject.leadUnitId)) {
    throw new AppError('FORBIDDEN', 'Only the lead unit gives its own confidence');
  }
  if (input.source === 'independent' && !isSupervisor(actor)) {
    throw new AppError('FORBIDDEN', 'Only the plan office gives an independent confidence');
  }
  const problems: ErrorDetail[] = [];
  if (!(CONFIDENCE_LEVELS as readonly string[]).includes(input.level)) {
    problems.push({ path: 'level', message: `must be one of ${CONFIDENCE_LEVELS.join(', ')}` });
  } else if (confidenceRank(input.level) >= confidenceRank('amber')) {
    requireText(problems, 'comment', input.comment, `a comment on a confidence of ${input.level}`);
  }
  if (!/^\d{4}(-(0[1-9]|1[0-2]|Q[1-4]))?$/.test(input.periodKey)) {
    problems.push({ path: 'periodKey', message: 'must be a period key (2022, 2022-06 or 2022-Q2)' });
  }
  limitText(problems, 'comment', input.comment, MAX_CONFIDENCE_COMMENT);
  throwIfAny(problems, 'The confidence is incomplete');
  const assessment: ConfidenceAssessment = {
    ...input,
    comment: cleanText(input.comment),
    by: actor.userId,
    at: now,
  };
  const before =
    latestOf(earlier, input.subject, input.source, (a) => a.periodKey === input.periodKey) ?? null;
  const event = createAuditEvent({
    at: now,
    actor,
    entity: { type: input.subject.type, id: input.subject.id },
    planId: input.subject.planId,
    action: `confidence.${input.source === 'lead_unit' ? 'assess' : 'assess_independent'}`,
    before: before && { level: before.level, comment: before.comment, periodKey: before.periodKey },
    after: { level: assessment.level, comment: assessment.comment, periodKey: assessment.periodKey },
  });
  return { assessment, event };
}

function latestOf(
  list: readonly ConfidenceAssessment[],
  subject: Pick<ConfidenceSubject, 'type' | 'id'>,
  source: ConfidenceSource,
  keep: (a: ConfidenceAssessment) => boolean = () => true,
): ConfidenceAssessment | undefined {
  let best: ConfidenceAssessment | undefined;
  for (const a of list) {
    if (a.subject.type !== subject.type || a.subject.id !== subject.id || a.source !== source || !keep(a))
      continue;
    if (!best || a.at > best.at || (a.at === best.at && a.id > best.id)) best = a;
  }
  return best;
}

/**
 * The confidence levels that agree with a computed health. On track: 很有把握 to 存在风险 (a
 * unit may see a risk coming that the figures do not show yet); at risk: 较有把握 to 风险较大;
 * behind: 风险较大 or 难以按期完成. Done, not started and no data compare with nothing.
 */
export const HEALTH_AGREES_WITH: Readonly<Partial<Record<Health, readonly ConfidenceLevel[]>>> =
  Object.freeze({
    on_track: ['green', 'amber_green', 'amber'],
    at_risk: ['amber_green', 'amber', 'amber_red'],
    behind: ['amber_red', 'red'],
  });

/** The smallest gap (in levels) at which the unit's and the independent confidence disagree. */
export const DEFAULT_CONFIDENCE_GAP = 2;

export type DisagreementKind = 'unit_vs_independent' | 'unit_vs_health' | 'independent_vs_health';

export interface Disagreement {
  kind: DisagreementKind;
  /** `optimistic`: the first named (the unit, or the assessment) sees it better than the second. */
  direction: 'optimistic' | 'pessimistic';
  /** Levels apart (for two confidences), or from the nearest level that agrees with health. */
  gap: number;
}

/** One commitment's confidence as the cockpit shows it. */
export interface ConfidenceView {
  unit: ConfidenceAssessment | null;
  independent: ConfidenceAssessment | null;
  /** True when the lead unit gave none for the current period. */
  unitMissing: boolean;
  disagreements: Disagreement[];
}

function againstHealth(
  kind: 'unit_vs_health' | 'independent_vs_health',
  level: ConfidenceLevel,
  health: Health,
): Disagreement | undefined {
  const agree = HEALTH_AGREES_WITH[health];
  if (!agree || agree.includes(level)) return undefined;
  const rank = confidenceRank(level);
  const ranks = agree.map(confidenceRank);
  const best = Math.min(...ranks);
  const worst = Math.max(...ranks);
  return rank < best
    ? { kind, direction: 'optimistic', gap: best - rank }
    : { kind, direction: 'pessimistic', gap: rank - worst };
}

/**
 * The latest confidences of a commitment (the lead unit's and the independent one, each the
 * latest given up to and including the current period) and every disagreement: the two levels
 * `gap` or more apart, or either outside the levels that agree with the computed health.
 * @example
 * // the unit says 很有把握 while the figures say behind
 * deriveConfidenceView(assessments, { type: 'task', id: 7 }, 'behind', '2022-06').disagreements
 * // [{ kind: 'unit_vs_health', direction: 'optimistic', gap: 3 }]
 */
export function deriveConfidenceView(
  assessments: readonly ConfidenceAssessment[],
  subject: Pick<ConfidenceSubject, 'type' | 'id'>,
  health: Health,
  currentPeriod: string,
  gap = DEFAULT_CONFIDENCE_GAP,
): ConfidenceView {
  const upTo = (a: ConfidenceAssessment) => a.periodKey <= currentPeriod;
  const unit = latestOf(assessments, subject, 'lead_unit', upTo) ?? null;
  const independent = latestOf(assessments, subject, 'independent', upTo) ?? null;
  const disagreements: Disagreement[] = [];
  if (unit && independent) {
    const d = confidenceRank(unit.level) - confidenceRank(independent.level);
    if (Math.abs(d) >= gap) {
      disagreements.push({
        kind: 'unit_vs_independent',
        direction: d < 0 ? 'optimistic' : 'pessimistic',
        gap: Math.abs(d),
      });
    }
  }
  if (unit) {
    const d = againstHealth('unit_vs_health', unit.level, health);
    if (d) disagreements.push(d);
  }
  if (independent) {
    const d = againstHealth('independent_vs_health', independent.level, health);
    if (d) disagreements.push(d);
  }
  return { unit, independent, unitMissing: unit?.periodKey !== currentPeriod, disagreements };
}
