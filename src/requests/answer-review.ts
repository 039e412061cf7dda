/**
 * Answer checks by a person (人工质检, issue 20): a configurable share of replies drawn at
 * random, and every order whose follow-up found the citizen unsatisfied, wait in the checker's
 * queue; the order cannot close until the checker passes the reply, and a failed check returns
 * it to the unit with the checker's note (order.ts `reply_checked`). The draw is reproducible —
 * a hash of the centre's seed, the order and the reply — so an audit can say why an order was
 * drawn and a unit cannot predict it without the seed.
 *
 * Rates per unit and month count both kinds of check: every reply the rules read, and every
 * decision of a checker.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import type { ReplyRuleSet } from './answer-rules.js';
import { beijingMonth } from './scoring.js';
import type { CheckReason, WorkOrder } from './types.js';

export interface SamplingRule {
  /** Share of replies drawn (0–1): 0.05 draws one in twenty. */
  rate: number;
  /** The centre's secret for the draw; changing it changes which replies are drawn. */
  seed: string;
}

export const DEFAULT_SAMPLING: SamplingRule = { rate: 0.05, seed: 'luoshi' };

/** Every problem of a sampling rule, with its field path. */
export function listSamplingProblems(rule: SamplingRule): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!(rule.rate >= 0 && rule.rate <= 1)) problems.push({ path: 'rate', message: '抽检比例应在0到1之间' });
  if (!rule.seed.trim() || rule.seed.length > 100)
    problems.push({ path: 'seed', message: '抽检种子为1至100个字符' });
  return problems;
}

/** FNV-1a over the seed and the numbers, mixed once more (murmur3's finaliser). */
function hash(seed: string, a: number, b: number): number {
  let h = 0x811c9dc5;
  const text = `${seed}\u0001${a}\u0001${b}`;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * True when the reply (order, event seq) is drawn for the checker: the same inputs always give
 * the same answer, and over many replies the share drawn is `rate`.
 * @example
 * isSampled(1024, 5, { rate: 1, seed: 's' }) // true
 */
export function isSampled(orderId: number, seq: number, rule: SamplingRule): boolean {
  if (rule.rate <= 0) return false;
  if (rule.rate >= 1) return true;
  return hash(rule.seed, orderId, seq) / 2 ** 32 < rule.rate;
}

/** One order in the checker's queue (质检队列). */
export interface CheckerQueueItem {
  orderId: number;
  reason: CheckReason;
  since: string;
  /** Hours it has waited at `now`. */
  waitingHours: number;
  leadUnitId: number | null;
  category: string;
  status: WorkOrder['status'];
}

/**
 * The orders waiting for a checker: unsatisfied follow-ups first (a citizen is waiting), then
 * the sample, oldest first within each.
 * @example
 * listCheckerQueue(orders, now)[0]?.reason // 'unsatisfied'
 */
export function listCheckerQueue(orders: Iterable<WorkOrder>, now: string): CheckerQueueItem[] {
  const t = Date.parse(now);
  const items: CheckerQueueItem[] = [];
  for (const order of orders) {
    const pending = order.pendingCheck;
    if (!pending) continue;
    items.push({
      orderId: order.id,
      reason: pending.reason,
      since: pending.since,
      waitingHours: Math.max(0, Math.floor((t - Date.parse(pending.since)) / 3_600_000)),
      leadUnitId: order.leadUnitId,
      category: order.category,
      status: order.status,
    });
  }
  const rank = (r: CheckReason) => (r === 'unsatisfied' ? 0 : 1);
  return items.sort(
    (a, b) => rank(a.reason) - rank(b.reason) || a.since.localeCompare(b.since) || a.orderId - b.orderId,
  );
}

/** One check of a reply, as the store records it: by the rules, or by a checker. */
export interface ReplyCheckRecord {
  orderId: number;
  unitId: number;
  at: string;
  kind: 'rules' | CheckReason;
  passed: boolean;
  /** Rule codes that refused the reply, or the checker's reasons. */
  codes: string[];
  /** The checker's note (none for the rules). */
  note: string | null;
  checkerId: number | null;
}

/** A check as the store keeps it, with its row id. */
export interface StoredReplyCheck extends ReplyCheckRecord {
  id: number;
}

/** One version of the desk's settings (the answer rules and the sample), from a day on. */
export interface DeskSettings {
  /** 0: the defaults, before any version was added. */
  version: number;
  effectiveFrom: string;
  rules: ReplyRuleSet;
  sampling: SamplingRule;
  createdBy: number | null;
  createdAt: string;
}

export interface CheckCount {
  checked: number;
  passed: number;
  /** Failures by reason code. */
  byCode: Record<string, number>;
}

/** A unit's answer checks in a month (答复质检情况). */
export interface UnitCheckRates {
  unitId: number;
  month: string;
  rules: CheckCount;
  sample: CheckCount;
  unsatisfied: CheckCount;
  /** Passed checks of all kinds over all checks; null when none. */
  passRate: number | null;
  explanation: string;
}

const emptyCount = (): CheckCount => ({ checked: 0, passed: 0, byCode: {} });
const pct = (v: number | null) => (v === null ? '—' : `${(Math.round(v * 1000) / 10).toFixed(1)}%`);

/**
 * Check rates per unit for a month (Beijing time), sorted by unit id: how many replies the
 * rules read and passed, how many sampled and unsatisfied orders the checkers passed, the
 * reasons of the failures, and one pass rate over all of it.
 * @example
 * deriveCheckRates(records, '2025-03')[0]?.passRate // 0.9
 */
export function deriveCheckRates(records: Iterable<ReplyCheckRecord>, month: string): UnitCheckRates[] {
  const units = new Map<number, UnitCheckRates>();
  for (const record of records) {
    if (beijingMonth(record.at) !== month) continue;
    let unit = units.get(record.unitId);
    if (!unit) {
      unit = {
        unitId: record.unitId,
        month,
        rules: emptyCount(),
        sample: emptyCount(),
        unsatisfied: emptyCount(),
        passRate: null,
        explanation: '',
      };
      units.set(record.unitId, unit);
    }
    const count = record.kind === 'rules' ? unit.rules : unit[record.kind];
    count.checked++;
    if (record.passed) count.passed++;
    else
      for (const code of record.codes.length ? record.codes : ['other'])
        count.byCode[code] = (count.byCode[code] ?? 0) + 1;
  }
  for (const unit of units.values()) {
    const checked = unit.rules.checked + unit.sample.checked + unit.unsatisfied.checked;
    const passed = unit.rules.passed + unit.sample.passed + unit.unsatisfied.passed;
    unit.passRate = checked ? Math.round((passed / checked) * 1e6) / 1e6 : null;
    unit.explanation =
      `${month} 规则检查 ${unit.rules.passed}/${unit.rules.checked} 通过；` +
      `随机抽检 ${unit.sample.passed}/${unit.sample.checked} 合格；` +
      `不满意回访复核 ${unit.unsatisfied.passed}/${unit.unsatisfied.checked} 合格；` +
      `合格率 ${passed}/${checked} = ${pct(unit.passRate)}`;
  }
  return [...units.values()].sort((a, b) => a.unitId - b.unitId);
}

/**
 * The record of a checker's decision on an order from the queue. Throws CONFLICT when the
 * order waits for no check, BAD_INPUT for a failure without a note.
 */
export function deriveCheckRecord(
  order: WorkOrder,
  decision: { passed: boolean; note: string; reasons?: string[] },
  checkerId: number | null,
  now: string,
): ReplyCheckRecord {
  const pending = order.pendingCheck;
  if (!pending)
    throw new AppError('CONFLICT', '该工单不在质检队列中', [{ path: 'orderId', message: 'no check' }]);
  // The unit answers for the reply: the lead unit, or the owner of the entry a call was answered from.
  const unitId = order.leadUnitId ?? order.directAnswer?.unitId;
  if (unitId === undefined)
    throw new AppError('CONFLICT', '工单没有承办单位', [{ path: 'orderId', message: 'no unit' }]);
  if (!decision.passed && !decision.note.trim())
    throw new AppError('BAD_INPUT', '质检不合格须写明意见', [{ path: 'note', message: 'required' }]);
  return {
    orderId: order.id,
    unitId,
    at: new Date(now).toISOString(),
    kind: pending.reason,
    passed: decision.passed,
    codes: decision.passed ? [] : (decision.reasons ?? []),
    note: decision.note.trim() || null,
    checkerId,
  };
}
