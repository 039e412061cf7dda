/**
 * The 12345 desk's part of the order's state machine (issue 20), kept apart from order.ts:
 * calls answered from the knowledge base (直接答复), the answer rules on a lead unit's reply,
 * the checker's sample and queue (质检) and the checker's decision. order.ts calls these from
 * `applyEvent`; nothing here is exported from the package beyond what order.ts needs.
 */
import { AppError } from '../errors.js';
import { assertReplyPasses, checkReply } from './answer-rules.js';
import type { ReplyRuleSet } from './answer-rules.js';
import { isSampled } from './answer-review.js';
import type { SamplingRule } from './answer-review.js';
import type { FollowUp, OrderEventInput, WorkOrder } from './types.js';

/** The desk's options of applyEvent. */
export interface DeskOptions {
  /**
   * The answer rules in force (answer-rules.ts): given, a lead unit's reply that breaks a
   * refusing rule is refused (UNPROCESSABLE, `rules.<code>`). Replay leaves them out: a reply
   * in the history passed the rules of its day.
   */
  replyRules?: { rules: ReplyRuleSet; previousReply?: string };
  /** The checker's sample (answer-review.ts): given, the domain draws and records it on the reply. */
  sampling?: SamplingRule;
}

type Input<T extends OrderEventInput['type']> = Extract<OrderEventInput, { type: T }>;

function refuse(code: 'CONFLICT' | 'BAD_INPUT', message: string, path = 'event'): never {
  throw new AppError(code, message, [{ path, message }]);
}

const isLeadReply = (order: WorkOrder, input: OrderEventInput): input is Input<'replied'> =>
  input.type === 'replied' && order.leadUnitId === input.unitId;

/** The event as recorded: a lead unit's reply carries whether the sample drew it. */
export function drawSample(order: WorkOrder, input: OrderEventInput, options: DeskOptions): OrderEventInput {
  const recorded = structuredClone(input);
  if (isLeadReply(order, recorded) && options.sampling) {
    recorded.sampled = isSampled(order.id, order.version + 1, options.sampling);
  }
  return recorded;
}

/** Refuses a lead unit's reply that breaks a refusing rule (the state machine accepted it first). */
export function assertReplyRules(order: WorkOrder, input: OrderEventInput, options: DeskOptions): void {
  if (!isLeadReply(order, input) || !options.replyRules) return;
  const { rules, previousReply } = options.replyRules;
  assertReplyPasses(checkReply(input.text, order, rules, previousReply));
}

/** A lead unit's reply: drawn for the checker or not; the checker's last return is answered. */
export function replyChecks(order: WorkOrder, input: Input<'replied'>, at: string): Partial<WorkOrder> {
  return {
    pendingCheck: input.sampled ? { since: at, reason: 'sample' } : (order.pendingCheck ?? null),
    checkReturn: null,
  };
}

/** 直接答复: a call not yet dispatched is answered from the knowledge base and closed. */
export function answerDirectly(order: WorkOrder, input: Input<'answered_directly'>, at: string): WorkOrder {
  if (order.status !== 'received') refuse('CONFLICT', `工单状态为 ${order.status}，不能直接答复`);
  const text = input.text.trim();
  if (!text) refuse('BAD_INPUT', '答复内容不能为空', 'text');
  const { entryId, entryVersion, unitId } = input;
  return {
    ...order,
    status: 'closed',
    repliedAt: at,
    closedAt: at,
    publicNote: text,
    directAnswer: { entryId, entryVersion, unitId, text, at },
  };
}

/** Every order with an unsatisfied follow-up (not resolved, or 不满意) goes to the checker. */
export function followUpChecks(order: WorkOrder, followUp: FollowUp, at: string): Partial<WorkOrder> {
  const unsatisfied = followUp.reached && (followUp.resolved === false || followUp.satisfaction === '不满意');
  return { pendingCheck: unsatisfied ? { since: at, reason: 'unsatisfied' } : (order.pendingCheck ?? null) };
}

/**
 * The checker's decision. Passed: the order leaves the queue. Failed: the note goes back to the
 * unit — a reply not yet closed returns to the unit to answer again (status signed), a closed
 * order is to be reopened (`reopen`), an order already reopened by its follow-up keeps its round.
 */
export function decideCheck(
  order: WorkOrder,
  input: Input<'reply_checked'>,
  at: string,
): { order: WorkOrder; reopen: boolean } {
  if (!order.pendingCheck) refuse('CONFLICT', '该工单不在质检队列中');
  if (input.passed) return { order: { ...order, pendingCheck: null }, reopen: false };
  const note = input.note.trim();
  if (!note) refuse('BAD_INPUT', '质检不合格须写明意见', 'note');
  const checked: WorkOrder = {
    ...order,
    pendingCheck: null,
    checkReturn: { at, note, reasons: input.reasons ?? [] },
  };
  if (order.status === 'replied')
    return { order: { ...checked, status: 'signed', repliedAt: null }, reopen: false };
  return { order: checked, reopen: order.status === 'closed' };
}

/**
 * A call answered from the knowledge base that did not help goes back to the dispatchers
 * (status received); undefined for an order a unit held.
 */
export function reopenDirectAnswer(order: WorkOrder): WorkOrder | undefined {
  if (!order.directAnswer || order.leadUnitId !== null) return undefined;
  return {
    ...order,
    status: 'received',
    closedAt: null,
    repliedAt: null,
    reopenCount: order.reopenCount + 1,
  };
}
