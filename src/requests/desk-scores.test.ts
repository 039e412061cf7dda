import { describe, expect, it } from 'vitest';
import type { ReplyCheckRecord } from './answer-review.js';
import { applySchemeOptions, beijingMonthBounds, deriveDeskFigures, lastDayOfMonth } from './desk-scores.js';
import type { DeskFigures, DeskOrder } from './desk-scores.js';
import type { KnowledgeEntry, KnowledgeVersion } from './knowledge.js';
import { DEFAULT_SCHEMES, addScoringScheme, computeMonthlyScores } from './scoring.js';
import type { ScorableOrder } from './scoring.js';

const received = '2025-03-05T02:00:00Z';
const direct = (id: number, unitId: number, status: DeskOrder['status'] = 'closed'): DeskOrder => ({
  id,
  source: 'hotline',
  receivedAt: received,
  leadUnitId: null,
  status,
  directAnswer: { entryId: 1, entryVersion: 1, unitId, text: '…', at: received },
});
const dispatched = (
  id: number,
  unitId: number,
  source: DeskOrder['source'] = 'hotline',
  at = received,
): DeskOrder => ({
  id,
  source,
  receivedAt: at,
  leadUnitId: unitId,
  status: 'signed',
  directAnswer: null,
});

function entry(
  id: number,
  ownerUnitId: number,
  reviewBy: string,
  validTo: string | null = null,
): KnowledgeEntry {
  const version: KnowledgeVersion = {
    question: `问题${id}`,
    answer: '答案答案答案答案答案',
    category: '供暖',
    area: null,
    ownerUnitId,
    source: '文件',
    validFrom: '2025-01-01',
    validTo,
    reviewBy,
    keywords: [],
    version: 1,
    status: 'approved',
    editedBy: 2,
    editedAt: '2025-01-01T00:00:00Z',
    submittedAt: '2025-01-01T00:00:00Z',
    decision: { by: 1, at: '2025-01-01T00:00:00Z', note: '' },
    confirms: null,
  };
  return { id, versions: [version], retired: null };
}

const check = (unitId: number, passed: boolean): ReplyCheckRecord => ({
  orderId: 1,
  unitId,
  at: '2025-03-10T02:00:00Z',
  kind: 'rules',
  passed,
  codes: passed ? [] : ['too_short'],
  note: null,
  checkerId: null,
});

describe('deriveDeskFigures', () => {
  it('counts direct answers against dispatched calls, fresh entries and passed checks per unit', () => {
    const figures = deriveDeskFigures(
      {
        orders: [
          direct(1, 301),
          direct(2, 301),
          direct(3, 301, 'received'), // reopened, not yet dispatched: counts nowhere
          dispatched(4, 301),
          dispatched(5, 301),
          dispatched(6, 301, 'grid'), // a grid find is no call
          dispatched(7, 301, 'hotline', '2025-02-28T15:00:00Z'), // February in Beijing
          dispatched(8, 203),
        ],
        entries: [
          entry(1, 301, '2025-04-30'),
          entry(2, 301, '2025-03-31'),
          entry(3, 301, '2025-03-30'), // stale on 31 March
          entry(4, 301, '2025-01-31', '2025-02-28'), // lapsed: not in force
          entry(5, 203, '2025-03-01'),
        ],
        checks: [check(301, true), check(301, true), check(301, false), check(404, true)],
      },
      '2025-03',
    );
    const byUnit = new Map(figures.map((f) => [f.unitId, f]));
    expect(figures.map((f) => f.unitId)).toEqual([203, 301, 404]);
    expect(byUnit.get(301)).toEqual({
      unitId: 301,
      month: '2025-03',
      directAnswer: { numerator: 2, denominator: 4, value: 0.5 },
      knowledgeUpkeep: { numerator: 2, denominator: 3, value: 0.666667 },
      answerQuality: { numerator: 2, denominator: 3, value: 0.666667 },
    });
    expect(byUnit.get(203)?.directAnswer).toEqual({ numerator: 0, denominator: 1, value: 0 });
    expect(byUnit.get(203)?.knowledgeUpkeep.value).toBe(0);
    expect(byUnit.get(404)?.directAnswer.value).toBeNull();
  });

  it('knows where a Beijing month starts and ends in UTC', () => {
    expect(beijingMonthBounds('2025-03')).toEqual({
      from: '2025-02-28T16:00:00.000Z',
      to: '2025-03-31T16:00:00.000Z',
    });
    expect(beijingMonthBounds('2025-12').to).toBe('2025-12-31T16:00:00.000Z');
  });

  it('knows the last day of every month', () => {
    expect(lastDayOfMonth('2024-02')).toBe('2024-02-29');
    expect(lastDayOfMonth('2025-12')).toBe('2025-12-31');
  });
});

const f = (at: string, contacted: boolean, resolved: boolean, satisfaction: '满意' | '不满意') => ({
  at,
  reached: true,
  contacted,
  resolved,
  satisfaction,
});

describe('applySchemeOptions', () => {
  const orders: ScorableOrder[] = [
    { id: 1, leadUnitId: 301, source: 'hotline', followUps: [f('2025-03-10T02:00:00Z', true, true, '满意')] },
    {
      id: 2,
      leadUnitId: 301,
      source: 'hotline',
      followUps: [f('2025-03-11T02:00:00Z', true, false, '不满意')],
    },
    { id: 3, leadUnitId: 203, source: 'hotline', followUps: [f('2025-03-11T02:00:00Z', true, true, '满意')] },
  ];
  const scores = computeMonthlyScores(orders, '2025-03', DEFAULT_SCHEMES);
  const rate = (value: number | null) => ({ numerator: 0, denominator: value === null ? 0 : 1, value });
  const figures: DeskFigures[] = [
    {
      unitId: 301,
      month: '2025-03',
      directAnswer: rate(0.5),
      knowledgeUpkeep: rate(1),
      answerQuality: rate(null),
    },
  ];

  it('leaves scores as they were under a scheme that scores no option', () => {
    expect(applySchemeOptions(scores, figures, '2025-03', DEFAULT_SCHEMES)).toEqual(scores);
  });

  it('blends the options into the overall, giving back the share of a figure the unit lacks', () => {
    const history = addScoringScheme(
      DEFAULT_SCHEMES,
      {
        ...DEFAULT_SCHEMES.schemes[0]!,
        effectiveFrom: '2025-03',
        options: { directAnswer: 0.1, answerQuality: 0.1 },
      },
      '2025-03',
    );
    const base = computeMonthlyScores(orders, '2025-03', history);
    expect(base.map((s) => s.overall)).toEqual([100, 55]);
    const [other, unit] = applySchemeOptions(base, figures, '2025-03', history);
    // 0.8 × 55 + 0.1 × 50 = 49 over the 0.9 with figures; 答复质检合格率 gives its 0.1 back.
    expect(unit?.overall).toBe(54.44);
    expect(unit?.explanation).toContain(
      '；计入服务台指标：(0.8×三率综合55 + 0.1×直接答复率50.00%) ÷ 0.9 = 54.44（答复质检合格率本月无数据，其权重按比例分摊）',
    );
    // No figures at all: the 三率 composite alone.
    expect(other?.overall).toBe(100);
  });
});
