import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { DEFAULT_REPLY_RULES } from './answer-rules.js';
import { deriveDispatchRules } from './catalogue.js';
import { applyEvent, receiveOrder, replayOrder } from './order.js';
import type { ApplyOptions } from './order.js';
import type { OrderEvent, OrderEventInput, RequestActor, WorkOrder } from './types.js';
import { CHANGPING, CHANGPING_CATALOGUE } from '../../test/fixtures/changping-requests.js';

const center: RequestActor = { userId: 1, role: 'center', unitIds: [] };
const street: RequestActor = { userId: 3, role: 'unit', unitIds: [103] }; // 回龙观街道
const T0 = '2024-07-01T02:00:00.000Z';
const at = (hours: number) => new Date(Date.parse(T0) + hours * 3_600_000).toISOString();

const GOOD =
  '接诉后我街道城管队员于7月2日到回龙观西大街路口现场查看，已疏通雨水篦子3处，积水已排净，已电话告知市民办理结果。';

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

/** A history kept as the store keeps it, so every test can replay it at the end. */
class History {
  events: OrderEvent[];
  order: WorkOrder;
  constructor(category = '积水', text = '回龙观西大街与龙锦三街路口积水很深，车辆无法通行') {
    const received = receiveOrder(
      {
        source: 'hotline',
        text,
        category,
        location: { address: '回龙观西大街与龙锦三街路口', area: '回龙观街道', community: '龙腾苑社区' },
      },
      { id: 7, now: T0, actor: center, catalogue: CHANGPING_CATALOGUE, jurisdiction: CHANGPING },
    );
    this.order = received.order;
    this.events = [received.event];
  }
  apply(input: OrderEventInput, actor: RequestActor, now: string, options: ApplyOptions = {}): WorkOrder {
    const applied = applyEvent(this.order, input, actor, now, options);
    this.order = applied.order;
    this.events.push(applied.event);
    return this.order;
  }
  /** Dispatched to 回龙观街道 and signed. */
  signed(): this {
    const rules = deriveDispatchRules(CHANGPING_CATALOGUE, '积水', T0);
    this.apply({ type: 'dispatched', leadUnitId: 103, coUnits: [], ...rules }, center, at(0.1));
    this.apply({ type: 'signed', unitId: 103 }, street, at(0.5));
    return this;
  }
}

describe('直接答复 (answered_directly)', () => {
  it('closes a call the operator answered from the knowledge base, no unit dispatched', () => {
    const h = new History('供暖', '请问供暖费怎么缴纳');
    const answer = {
      type: 'answered_directly',
      entryId: 12,
      entryVersion: 3,
      unitId: 301,
      text: '可到供热服务站窗口缴纳。',
    } as const;
    const order = h.apply(answer, center, at(0.05));
    expect(order).toMatchObject({
      status: 'closed',
      leadUnitId: null,
      deadlines: null,
      closedAt: at(0.05),
      publicNote: '可到供热服务站窗口缴纳。',
      directAnswer: {
        entryId: 12,
        entryVersion: 3,
        unitId: 301,
        text: '可到供热服务站窗口缴纳。',
        at: at(0.05),
      },
    });
    expect(replayOrder(h.events)).toEqual(order);
  });

  it('is the centre’s alone, and only before dispatch', () => {
    const h = new History();
    const answer = {
      type: 'answered_directly',
      entryId: 1,
      entryVersion: 1,
      unitId: 301,
      text: '答复内容',
    } as const;
    expect(errorOf(() => applyEvent(h.order, answer, street, at(1))).code).toBe('FORBIDDEN');
    h.signed();
    expect(errorOf(() => applyEvent(h.order, answer, center, at(1))).message).toBe(
      '工单状态为 signed，不能直接答复',
    );
  });

  it('goes back to the dispatchers when the citizen says it did not help, and to the checker', () => {
    const h = new History('供暖', '请问供暖费怎么缴纳');
    h.apply(
      {
        type: 'answered_directly',
        entryId: 12,
        entryVersion: 3,
        unitId: 301,
        text: '可到供热服务站窗口缴纳。',
      },
      center,
      at(0.05),
    );
    const order = h.apply(
      { type: 'followed_up', reached: true, contacted: true, resolved: false, satisfaction: '不满意' },
      center,
      at(24),
    );
    expect(order).toMatchObject({ status: 'received', closedAt: null, reopenCount: 1 });
    expect(order.pendingCheck).toEqual({ since: at(24), reason: 'unsatisfied' });
    expect(replayOrder(h.events)).toEqual(order);
  });
});

describe('answer rules on a reply', () => {
  const rules: ApplyOptions = { replyRules: { rules: DEFAULT_REPLY_RULES } };

  it('refuses a reply that only says it was passed on, with each reason, and leaves the order as it was', () => {
    const h = new History().signed();
    const before = h.order;
    const error = errorOf(() =>
      applyEvent(
        before,
        { type: 'replied', unitId: 103, text: '已转相关部门处理，请耐心等待。' },
        street,
        at(2),
        rules,
      ),
    );
    expect(error.code).toBe('UNPROCESSABLE');
    expect(error.details.map((d) => d.path)).toEqual([
      'rules.too_short',
      'rules.stock_phrase',
      'rules.missing_date',
      'rules.missing_place',
    ]);
    expect(h.order.status).toBe('signed');
    expect(h.apply({ type: 'replied', unitId: 103, text: GOOD }, street, at(2), rules).status).toBe(
      'replied',
    );
  });

  it('tells a unit that may not reply yet so, before judging the words', () => {
    const h = new History();
    const rules2 = { replyRules: { rules: DEFAULT_REPLY_RULES } };
    const rulesDispatch = deriveDispatchRules(CHANGPING_CATALOGUE, '积水', T0);
    h.apply({ type: 'dispatched', leadUnitId: 103, coUnits: [], ...rulesDispatch }, center, at(0.1));
    const error = errorOf(() =>
      applyEvent(h.order, { type: 'replied', unitId: 103, text: '已转' }, street, at(1), rules2),
    );
    expect(error.message).toBe('签收前不能答复');
  });
});

describe('the checker’s sample and queue', () => {
  it('draws a reply for the checker, keeps the order open until passed, and replays without the rule', () => {
    const h = new History().signed();
    const sampled = h.apply({ type: 'replied', unitId: 103, text: GOOD }, street, at(2), {
      sampling: { rate: 1, seed: 's' },
    });
    expect(sampled.pendingCheck).toEqual({ since: at(2), reason: 'sample' });
    expect(h.events.at(-1)).toMatchObject({ type: 'replied', sampled: true });
    expect(errorOf(() => applyEvent(h.order, { type: 'closed' }, center, at(3))).message).toBe(
      '答复在质检中，质检通过后才能结案',
    );
    h.apply({ type: 'reply_checked', passed: true, note: '' }, center, at(3));
    const closed = h.apply({ type: 'closed' }, center, at(4));
    expect(closed.status).toBe('closed');
    expect(replayOrder(h.events)).toEqual(closed);
  });

  it('returns a failed reply to the unit with the checker’s note, and the next reply answers it', () => {
    const h = new History().signed();
    h.apply({ type: 'replied', unitId: 103, text: GOOD }, street, at(2), {
      sampling: { rate: 1, seed: 's' },
    });
    const returned = h.apply(
      { type: 'reply_checked', passed: false, note: '现场照片与地址不符，请核实', reasons: ['other'] },
      center,
      at(3),
    );
    expect(returned).toMatchObject({
      status: 'signed',
      repliedAt: null,
      pendingCheck: null,
      checkReturn: { at: at(3), note: '现场照片与地址不符，请核实', reasons: ['other'] },
    });
    expect(
      errorOf(() => applyEvent(h.order, { type: 'reply_checked', passed: true, note: '' }, center, at(3)))
        .code,
    ).toBe('CONFLICT');
    const again = h.apply(
      { type: 'replied', unitId: 103, text: `${GOOD}经核实现场照片已补充。` },
      street,
      at(5),
      {
        sampling: { rate: 0, seed: 's' },
      },
    );
    expect(again).toMatchObject({ status: 'replied', pendingCheck: null, checkReturn: null });
    expect(replayOrder(h.events)).toEqual(again);
  });

  it('sends every unsatisfied follow-up to the checker, and a failed check reopens the closed order', () => {
    const h = new History().signed();
    h.apply({ type: 'replied', unitId: 103, text: GOOD }, street, at(2));
    h.apply({ type: 'closed' }, center, at(3));
    const unsatisfied = h.apply(
      { type: 'followed_up', reached: true, contacted: true, resolved: true, satisfaction: '不满意' },
      center,
      at(24),
    );
    expect(unsatisfied).toMatchObject({
      status: 'closed',
      pendingCheck: { since: at(24), reason: 'unsatisfied' },
    });
    const reopened = h.apply(
      { type: 'reply_checked', passed: false, note: '未说明排水设施修复时间' },
      center,
      at(26),
    );
    expect(reopened).toMatchObject({ status: 'dispatched', reopenCount: 1, pendingCheck: null });
    expect(reopened.checkReturn?.note).toBe('未说明排水设施修复时间');
    expect(replayOrder(h.events)).toEqual(reopened);
  });

  it('leaves a satisfied follow-up out of the queue and refuses a failure without a note', () => {
    const h = new History().signed();
    h.apply({ type: 'replied', unitId: 103, text: GOOD }, street, at(2), {
      sampling: { rate: 1, seed: 's' },
    });
    expect(
      errorOf(() => applyEvent(h.order, { type: 'reply_checked', passed: false, note: ' ' }, center, at(3)))
        .code,
    ).toBe('BAD_INPUT');
    expect(
      errorOf(() => applyEvent(h.order, { type: 'reply_checked', passed: true, note: '' }, street, at(3)))
        .code,
    ).toBe('FORBIDDEN');
    h.apply({ type: 'reply_checked', passed: true, note: '' }, center, at(3));
    h.apply({ type: 'closed' }, center, at(4));
    const satisfied = h.apply(
      { type: 'followed_up', reached: true, contacted: true, resolved: true, satisfaction: '满意' },
      center,
      at(24),
    );
    expect(satisfied.pendingCheck).toBeNull();
  });
});
