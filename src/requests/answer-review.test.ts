import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import {
  deriveCheckRates,
  deriveCheckRecord,
  isSampled,
  listCheckerQueue,
  listSamplingProblems,
} from './answer-review.js';
import type { ReplyCheckRecord } from './answer-review.js';
import type { WorkOrder } from './types.js';

describe('isSampled', () => {
  it('gives the same answer for the same reply and draws about the rate over many', () => {
    const rule = { rate: 0.05, seed: '2025年质检' };
    expect(isSampled(1024, 5, rule)).toBe(isSampled(1024, 5, rule));
    let drawn = 0;
    for (let id = 1; id <= 20_000; id++) if (isSampled(id, 6, rule)) drawn++;
    // Binomial(20,000, 0.05): mean 1,000, sd ≈ 31; six sd either side.
    expect(drawn).toBeGreaterThan(1000 - 6 * 31);
    expect(drawn).toBeLessThan(1000 + 6 * 31);
  });

  it('draws other replies under another seed, none at 0 and all at 1', () => {
    const a = Array.from({ length: 400 }, (_, i) => isSampled(i, 3, { rate: 0.5, seed: 'a' }));
    const b = Array.from({ length: 400 }, (_, i) => isSampled(i, 3, { rate: 0.5, seed: 'b' }));
    expect(a.filter((x, i) => x !== b[i]).length).toBeGreaterThan(100);
    expect(isSampled(1, 1, { rate: 0, seed: 'a' })).toBe(false);
    expect(isSampled(1, 1, { rate: 1, seed: 'a' })).toBe(true);
  });

  it('names a bad rate and an empty seed', () => {
    expect(listSamplingProblems({ rate: 1.5, seed: ' ' }).map((p) => p.path)).toEqual(['rate', 'seed']);
  });
});

function order(
  id: number,
  pendingCheck: WorkOrder['pendingCheck'],
  extra: Partial<WorkOrder> = {},
): WorkOrder {
  return { id, leadUnitId: 203, category: '积水', status: 'replied', pendingCheck, ...extra } as WorkOrder;
}

describe('listCheckerQueue', () => {
  it('puts unsatisfied citizens first, then the sample, oldest first', () => {
    const queue = listCheckerQueue(
      [
        order(1, { since: '2025-03-01T02:00:00Z', reason: 'sample' }),
        order(2, { since: '2025-03-02T02:00:00Z', reason: 'unsatisfied' }, { status: 'closed' }),
        order(3, null),
        order(4, { since: '2025-02-28T02:00:00Z', reason: 'sample' }),
      ],
      '2025-03-02T08:00:00Z',
    );
    expect(queue.map((q) => [q.orderId, q.reason, q.waitingHours])).toEqual([
      [2, 'unsatisfied', 6],
      [4, 'sample', 54],
      [1, 'sample', 30],
    ]);
  });
});

const rec = (
  unitId: number,
  kind: ReplyCheckRecord['kind'],
  passed: boolean,
  codes: string[] = [],
  at = '2025-03-10T02:00:00Z',
): ReplyCheckRecord => ({
  orderId: 1,
  unitId,
  at,
  kind,
  passed,
  codes,
  note: null,
  checkerId: null,
});

describe('deriveCheckRates', () => {
  it('counts rule checks and checkers’ decisions per unit in the Beijing month, with the reasons of failures', () => {
    const rates = deriveCheckRates(
      [
        rec(203, 'rules', true),
        rec(203, 'rules', false, ['stock_phrase', 'missing_date']),
        rec(203, 'rules', false, ['stock_phrase']),
        rec(203, 'sample', true),
        rec(203, 'unsatisfied', false, []),
        rec(101, 'rules', true, [], '2025-02-28T17:00:00Z'), // 3月1日 01:00 Beijing
        rec(101, 'rules', true, [], '2025-02-28T15:00:00Z'), // still February in Beijing
      ],
      '2025-03',
    );
    expect(rates.map((r) => [r.unitId, r.passRate])).toEqual([
      [101, 1],
      [203, 0.4],
    ]);
    const unit = rates[1]!;
    expect(unit.rules).toEqual({ checked: 3, passed: 1, byCode: { stock_phrase: 2, missing_date: 1 } });
    expect(unit.unsatisfied.byCode).toEqual({ other: 1 });
    expect(unit.explanation).toBe(
      '2025-03 规则检查 1/3 通过；随机抽检 1/1 合格；不满意回访复核 0/1 合格；合格率 2/5 = 40.0%',
    );
  });
});

describe('deriveCheckRecord', () => {
  it('records the checker’s decision against the unit that answered', () => {
    const waiting = order(9, { since: '2025-03-01T02:00:00Z', reason: 'sample' });
    expect(
      deriveCheckRecord(
        waiting,
        { passed: false, note: ' 未写明处置地点 ', reasons: ['missing_place'] },
        5,
        '2025-03-02T02:00:00Z',
      ),
    ).toEqual({
      orderId: 9,
      unitId: 203,
      at: '2025-03-02T02:00:00.000Z',
      kind: 'sample',
      passed: false,
      codes: ['missing_place'],
      note: '未写明处置地点',
      checkerId: 5,
    });
    const direct = order(
      10,
      { since: '2025-03-01T02:00:00Z', reason: 'unsatisfied' },
      {
        leadUnitId: null,
        directAnswer: { entryId: 1, entryVersion: 1, unitId: 301, text: '…', at: '2025-03-01T01:00:00Z' },
      },
    );
    expect(deriveCheckRecord(direct, { passed: true, note: '' }, 5, '2025-03-02T02:00:00Z').unitId).toBe(301);
  });

  it('refuses an order not in the queue and a failure without a note', () => {
    expect(() =>
      deriveCheckRecord(order(1, null), { passed: true, note: '' }, 5, '2025-03-02T02:00:00Z'),
    ).toThrow(AppError);
    const waiting = order(9, { since: '2025-03-01T02:00:00Z', reason: 'sample' });
    expect(() => deriveCheckRecord(waiting, { passed: false, note: ' ' }, 5, '2025-03-02T02:00:00Z')).toThrow(
      '质检不合格须写明意见',
    );
  });
});
