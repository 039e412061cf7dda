/**
 * The stocktake pack (盘点材料) a leader takes into the 常务会议: for each commitment in the
 * leader's portfolio one page — the promise (original and current), the trajectory, the
 * confidence of the lead unit and of the 督查室, the issues, and the decisions needed from the
 * leader. This file decides what a page says; src/documents lays it out as .docx.
 */
import type { HealthWhy } from '../plan/health-why.js';
import type { Health } from '../plan/types.js';
import { CONFIDENCE_LABELS, confidenceRank } from './confidence.js';
import type { ConfidenceLevel, ConfidenceView, Disagreement } from './confidence.js';
import type { Trajectory } from './cockpit.js';
import { formatChineseDate } from './messages.js';
import type { PromiseView, SlippageThresholds } from './promise-line.js';
import { DEFAULT_SLIPPAGE_THRESHOLDS } from './promise-line.js';
import type { PublicVerdict } from './verdict.js';
import { describeHealthWhyZh, HEALTH_LABELS } from './words.js';

/** A commitment with everything its page needs, loaded by the caller. */
export interface StocktakeInput {
  item: {
    type: 'task' | 'target';
    id: number;
    /** The promise in the report's words (the task's text, the target's sentence). */
    promise: string;
    chapter: string | null;
    leadUnit: string | null;
    coUnits: string[];
    leader: string | null;
  };
  health: { health: Health; why: HealthWhy };
  promise: PromiseView;
  verdict: PublicVerdict | null;
  confidence: ConfidenceView;
  /** A target's months (cockpit `deriveTrajectory`). */
  trajectory: Trajectory | null;
  /** A task's approved progress by period against 序时进度. */
  progress: { label: string; progress: number | null; expected: number }[];
  /** 督办单 not closed. */
  notices: { urgency: 'red' | 'yellow' | 'blue'; dueOn: string; overdue: boolean; escalated: boolean }[];
  /** 延期 requests awaiting a decision. */
  extensions: { requestedDeadline: string; reason: string }[];
  /** The lead unit's latest note in its approved report (problems and next steps). */
  latestNote: string | null;
}

export type StocktakeIssue =
  | { code: 'HEALTH'; health: Health; why: HealthWhy }
  | { code: 'OVERDUE'; deadline: string }
  | { code: 'SLIPPED'; original: string; current: string; days: number; overThreshold: boolean }
  | { code: 'VALUE_EASED'; original: number; current: number; unit: string; percent: number | null }
  | {
      code: 'LOW_CONFIDENCE';
      level: ConfidenceLevel;
      source: 'lead_unit' | 'independent';
      comment: string | null;
    }
  | { code: 'DISAGREEMENT'; disagreement: Disagreement }
  | { code: 'NO_CONFIDENCE' }
  | { code: 'OPEN_NOTICE'; urgency: 'red' | 'yellow' | 'blue'; dueOn: string; overdue: boolean }
  | { code: 'UNIT_NOTE'; text: string };

export type DecisionNeeded =
  /** A 延期 request waits: grant it, or hold the date. */
  | { code: 'EXTENSION'; requestedDeadline: string; reason: string }
  /** 难以按期完成 (from either side): adjust the promise, add means, or stop. */
  | { code: 'RED_CONFIDENCE' }
  /** The unit and the 督查室 see it two levels or more apart: whose view stands. */
  | { code: 'CONFIDENCE_DISPUTE' }
  /** A 督办单 was escalated to the leader. */
  | { code: 'ESCALATED_NOTICE' }
  /** Behind and overdue with no 延期 asked: hold the unit to it or re-baseline. */
  | { code: 'OVERDUE_NO_EXTENSION' };

export interface StocktakePage {
  input: StocktakeInput;
  issues: StocktakeIssue[];
  decisions: DecisionNeeded[];
  /** For ordering the pack: worst first. */
  severity: number;
}

const SEVERITY: Partial<Record<Health, number>> = { behind: 3, at_risk: 2, no_data: 1 };

/**
 * A commitment's page: its issues and the decisions it needs, by the rules above each code.
 * @example
 * deriveStocktakePage(input).decisions // [{ code: 'EXTENSION', requestedDeadline: '2022-09-30', reason: '…' }]
 */
export function deriveStocktakePage(
  input: StocktakeInput,
  thresholds: SlippageThresholds = DEFAULT_SLIPPAGE_THRESHOLDS,
): StocktakePage {
  const issues: StocktakeIssue[] = [];
  const decisions: DecisionNeeded[] = [];
  const { health, promise, confidence } = input;
  if (health.health === 'behind' || health.health === 'at_risk' || health.health === 'no_data') {
    issues.push({ code: 'HEALTH', health: health.health, why: health.why });
  }
  if (promise.deadline?.overdue) issues.push({ code: 'OVERDUE', deadline: promise.deadline.current });
  if (promise.deadline && promise.deadline.days > 0) {
    issues.push({
      code: 'SLIPPED',
      original: promise.deadline.original,
      current: promise.deadline.current,
      days: promise.deadline.days,
      overThreshold: promise.deadline.days > thresholds.days,
    });
  }
  if (promise.value?.easing) {
    issues.push({
      code: 'VALUE_EASED',
      original: promise.value.original,
      current: promise.value.current,
      unit: promise.value.unit,
      percent: promise.value.percent,
    });
  }
  let red = false;
  for (const a of [confidence.unit, confidence.independent]) {
    if (a && confidenceRank(a.level) >= confidenceRank('amber')) {
      issues.push({ code: 'LOW_CONFIDENCE', level: a.level, source: a.source, comment: a.comment });
      red ||= a.level === 'red';
    }
  }
  for (const d of confidence.disagreements) issues.push({ code: 'DISAGREEMENT', disagreement: d });
  if (confidence.unitMissing && health.health !== 'done') issues.push({ code: 'NO_CONFIDENCE' });
  for (const n of input.notices)
    issues.push({ code: 'OPEN_NOTICE', urgency: n.urgency, dueOn: n.dueOn, overdue: n.overdue });
  if (input.latestNote) issues.push({ code: 'UNIT_NOTE', text: input.latestNote });

  for (const e of input.extensions) decisions.push({ code: 'EXTENSION', ...e });
  if (red) decisions.push({ code: 'RED_CONFIDENCE' });
  if (confidence.disagreements.some((d) => d.kind === 'unit_vs_independent'))
    decisions.push({ code: 'CONFIDENCE_DISPUTE' });
  if (input.notices.some((n) => n.escalated)) decisions.push({ code: 'ESCALATED_NOTICE' });
  if (promise.deadline?.overdue && input.extensions.length === 0)
    decisions.push({ code: 'OVERDUE_NO_EXTENSION' });

  const worstConfidence = Math.max(
    -1,
    ...[confidence.unit, confidence.independent]
      .filter((a) => a !== null)
      .map((a) => confidenceRank(a.level)),
  );
  const severity =
    (SEVERITY[health.health] ?? 0) * 100 +
    (promise.deadline?.overdue ? 50 : 0) +
    Math.max(0, worstConfidence) * 10 +
    decisions.length;
  return { input, issues, decisions, severity };
}

/** The pack for a leader: the pages worst first (then targets before tasks, then by id), and the tally. */
export interface StocktakePack {
  leader: string;
  asOf: string;
  pages: StocktakePage[];
  tally: { items: number; byHealth: Partial<Record<Health, number>>; decisions: number };
}

/** The pack of the commitments whose 责任领导 is `leader`, as of a date. */
export function deriveStocktakePack(
  leader: string,
  asOf: string,
  inputs: readonly StocktakeInput[],
  thresholds: SlippageThresholds = DEFAULT_SLIPPAGE_THRESHOLDS,
): StocktakePack {
  const pages = inputs
    .filter((i) => i.item.leader === leader)
    .map((i) => deriveStocktakePage(i, thresholds))
    .sort(
      (a, b) =>
        b.severity - a.severity ||
        (a.input.item.type === b.input.item.type ? 0 : a.input.item.type === 'target' ? -1 : 1) ||
        a.input.item.id - b.input.item.id,
    );
  const byHealth: Partial<Record<Health, number>> = {};
  for (const p of pages) byHealth[p.input.health.health] = (byHealth[p.input.health.health] ?? 0) + 1;
  return {
    leader,
    asOf,
    pages,
    tally: { items: pages.length, byHealth, decisions: pages.reduce((n, p) => n + p.decisions.length, 0) },
  };
}

const SOURCE_WORDS = { lead_unit: '牵头单位自评', independent: '督查室评估' } as const;
const URGENCY_WORDS = { red: '红色督办', yellow: '黄色督办', blue: '蓝色督办' } as const;

function disagreementWords(d: Disagreement): string {
  const side = d.direction === 'optimistic' ? '偏乐观' : '偏悲观';
  if (d.kind === 'unit_vs_independent') return `牵头单位自评与督查室评估相差${d.gap}档，牵头单位${side}`;
  const who = d.kind === 'unit_vs_health' ? '牵头单位自评' : '督查室评估';
  return `${who}与系统测算的健康度不一致（${side}）`;
}

/** An issue as the pack writes it. */
export function describeIssue(issue: StocktakeIssue): string {
  switch (issue.code) {
    case 'HEALTH':
      return `${HEALTH_LABELS[issue.health]}：${describeHealthWhyZh(issue.why)}`;
    case 'OVERDUE':
      return `已超过完成时限（${formatChineseDate(issue.deadline)}）尚未完成`;
    case 'SLIPPED':
      return (
        `完成时限由${formatChineseDate(issue.original)}调整为${formatChineseDate(issue.current)}，推迟${issue.days}天` +
        (issue.overThreshold ? '，超过调整幅度上限' : '')
      );
    case 'VALUE_EASED':
      return `目标值由${issue.original}${issue.unit}调整为${issue.current}${issue.unit}${issue.percent === null ? '' : `（${issue.percent > 0 ? '+' : ''}${issue.percent}%）`}`;
    case 'LOW_CONFIDENCE':
      return `${SOURCE_WORDS[issue.source]}为“${CONFIDENCE_LABELS[issue.level].name}”${issue.comment ? `：${issue.comment}` : ''}`;
    case 'DISAGREEMENT':
      return disagreementWords(issue.disagreement);
    case 'NO_CONFIDENCE':
      return '牵头单位本期未报完成把握';
    case 'OPEN_NOTICE':
      return `${URGENCY_WORDS[issue.urgency]}未办结，答复期限${formatChineseDate(issue.dueOn)}${issue.overdue ? '，已逾期' : ''}`;
    case 'UNIT_NOTE':
      return `牵头单位报告：${issue.text}`;
  }
}

/** A decision as the pack asks for it. */
export function describeDecision(decision: DecisionNeeded): string {
  switch (decision.code) {
    case 'EXTENSION':
      return `牵头单位申请延期至${formatChineseDate(decision.requestedDeadline)}（${decision.reason}），请研究是否同意`;
    case 'RED_CONFIDENCE':
      return '按期完成难度极大，请研究调整目标、增加保障措施或终止推进';
    case 'CONFIDENCE_DISPUTE':
      return '牵头单位与督查室对完成把握判断分歧较大，请明确意见';
    case 'ESCALATED_NOTICE':
      return '督办事项已提级，请领导协调推动';
    case 'OVERDUE_NO_EXTENSION':
      return '已逾期且未申请延期，请明确是否要求限期完成或重新确定完成时限';
  }
}
