import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import {
  DEFAULT_MIN_VOLUME,
  DEFAULT_SCHEMES,
  addScoringScheme,
  beijingMonth,
  computeMonthlyScores,
  getScoringScheme,
  normalizeScoringScheme,
} from './scoring.js';
import type { ScorableOrder } from './scoring.js';
import type { FollowUp } from './types.js';

const f = (
  at: string,
  contacted: boolean,
  resolved: boolean,
  satisfaction: FollowUp['satisfaction'],
  reached = true,
): FollowUp => ({
  at,
  reached,
  contacted,
  resolved,
  satisfaction,
});

const orders: ScorableOrder[] = [
  { id: 1, leadUnitId: 203, source: 'hotline', followUps: [f('2024-07-05T02:00:00Z', true, true, '满意')] },
  {
    id: 2,
    leadUnitId: 203,
    source: 'web',
    followUps: [
      f('2024-07-06T02:00:00Z', true, false, '不满意'),
      f('2024-07-20T02:00:00Z', true, true, '基本满意'),
    ],
  },
  {
    id: 3,
    leadUnitId: 203,
    source: 'hotline',
    followUps: [f('2024-07-10T02:00:00Z', true, true, '满意', false)],
  },
  { id: 4, leadUnitId: 203, source: 'grid', followUps: [f('2024-07-10T02:00:00Z', true, true, '满意')] },
  {
    id: 5,
    leadUnitId: 203,
    source: 'hotline',
    exemption: { reason: '诉求不合理' },
    followUps: [f('2024-07-11T02:00:00Z', false, false, '不满意')],
  },
  { id: 6, leadUnitId: 203, source: 'hotline', followUps: [f('2024-07-31T17:00:00Z', true, true, '满意')] },
  { id: 7, leadUnitId: 203, source: 'api', followUps: [f('2024-07-15T02:00:00Z', false, true, '基本满意')] },
  {
    id: 8,
    leadUnitId: 101,
    source: 'hotline',
    followUps: [f('2024-07-15T02:00:00Z', true, false, '不满意')],
  },
];

describe('computeMonthlyScores', () => {
  const [street, water] = computeMonthlyScores(orders, '2024-07');

  it('counts only reached, non-grid, non-exempt follow-ups of the month, the last one per order', () => {
    expect(water?.volume).toBe(3);
    expect(water?.response.orders).toEqual([
      { orderId: 1, credit: 1 },
      { orderId: 2, credit: 1 },
      { orderId: 7, credit: 0 },
    ]);
    expect(water?.excluded).toEqual([
      { orderId: 4, reason: '来源 grid（未诉先办）不计入' },
      { orderId: 5, reason: '免责：诉求不合理' },
    ]);
  });

  it('computes the three rates with 基本满意 at 0.8 and the weighted overall score', () => {
    expect([water?.response.numerator, water?.response.denominator, water?.response.value]).toEqual([
      2, 3, 0.666667,
    ]);
    expect([water?.resolution.numerator, water?.resolution.value]).toEqual([3, 1]);
    expect([water?.satisfaction.numerator, water?.satisfaction.value]).toEqual([2.6, 0.866667]);
    // 100 × (0.1 × 2/3 + 0.6 × 1 + 0.3 × 2.6/3) = 92.67
    expect(water?.overall).toBe(92.67);
    // Contacted but unresolved and 不满意: 100 × 0.1 × 1 = 10.
    expect(street).toMatchObject({ unitId: 101, volume: 1, overall: 10 });
  });

  it('explains the score in words with numerator and denominator', () => {
    expect(water?.explanation).toContain('解决率 3/3 = 100.00%');
    expect(water?.explanation).toContain('满意率 2.6/3 = 86.67%（基本满意按0.8计）');
    expect(water?.explanation).toContain('未计入 2 件');
  });

  it('puts a follow-up at 01:00 Beijing on 08-01 in August', () => {
    expect(beijingMonth('2024-07-31T17:00:00Z')).toBe('2024-08');
    const august = computeMonthlyScores(orders, '2024-08');
    expect(august.map((s) => [s.unitId, s.volume])).toEqual([[203, 1]]);
  });

  it('recomputes a past month under the scheme then in force after a new scheme is added', () => {
    const history = addScoringScheme(
      DEFAULT_SCHEMES,
      {
        effectiveFrom: '2024-08',
        note: '三率等权，基本满意按0.5计',
        weights: { response: 0.25, resolution: 0.5, satisfaction: 0.25 },
        satisfactionCredit: { 满意: 1, 基本满意: 0.5, 不满意: 0 },
        excludedSources: ['grid'],
        minVolume: 5,
      },
      '2024-08',
    );
    const july = computeMonthlyScores(orders, '2024-07', history).find((s) => s.unitId === 203);
    expect([july?.schemeVersion, july?.overall]).toEqual([1, 92.67]);
    const julyUnderV2 = computeMonthlyScores(
      orders.map((o) => ({
        ...o,
        followUps: o.followUps.map((x) => ({ ...x, at: x.at.replace('2024-07', '2024-08') })),
      })),
      '2024-08',
      history,
    ).find((s) => s.unitId === 203);
    // Same answers in August under v2: 100 × (0.25 × 2/3 + 0.5 × 1 + 0.25 × 2/3) = 83.33
    expect([julyUnderV2?.schemeVersion, julyUnderV2?.satisfaction.numerator, julyUnderV2?.overall]).toEqual([
      2, 2, 83.33,
    ]);
  });
});

describe('addScoringScheme', () => {
  it('refuses a past month, weights that do not add up to 1, a credit above 1 and a fractional minimum', () => {
    let caught: unknown;
    try {
      addScoringScheme(
        DEFAULT_SCHEMES,
        {
          effectiveFrom: '2024-06',
          note: '',
          weights: { response: 0.5, resolution: 0.5, satisfaction: 0.5 },
          satisfactionCredit: { 满意: 1, 基本满意: 1.2, 不满意: 0 },
          excludedSources: [],
          minVolume: 2.5,
        },
        '2024-07',
      );
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).details.map((d) => d.path)).toEqual([
      'effectiveFrom',
      'weights',
      'satisfactionCredit.基本满意',
      'minVolume',
    ]);
    let negative: unknown;
    try {
      addScoringScheme(
        DEFAULT_SCHEMES,
        { ...DEFAULT_SCHEMES.schemes[0]!, effectiveFrom: '2024-08', minVolume: -1 },
        '2024-07',
      );
    } catch (error) {
      negative = error;
    }
    expect((negative as AppError).details).toEqual([
      { path: 'minVolume', message: 'must be a whole number ≥ 0' },
    ]);
    const none = addScoringScheme(
      DEFAULT_SCHEMES,
      { ...DEFAULT_SCHEMES.schemes[0]!, effectiveFrom: '2024-08', minVolume: 0 },
      '2024-07',
    );
    expect(none.schemes.map((x) => x.minVolume)).toEqual([10, 0]);
  });

  it('reads a scheme stored before the minimum volume was versioned with the minimum of then, 10', () => {
    const { minVolume, ...old } = DEFAULT_SCHEMES.schemes[0]!;
    expect(minVolume).toBe(DEFAULT_MIN_VOLUME);
    expect(normalizeScoringScheme(old).minVolume).toBe(10);
    expect(normalizeScoringScheme({ ...old, minVolume: 3 }).minVolume).toBe(3);
  });

  it('reads a scheme stored before the desk’s options as scoring none of them', () => {
    const { options: _options, ...old } = DEFAULT_SCHEMES.schemes[0]!;
    expect(normalizeScoringScheme(old).options).toEqual({
      directAnswer: 0,
      knowledgeUpkeep: 0,
      answerQuality: 0,
    });
    expect(normalizeScoringScheme({ ...old, options: { directAnswer: 0.1 } }).options).toEqual({
      directAnswer: 0.1,
      knowledgeUpkeep: 0,
      answerQuality: 0,
    });
  });

  it('scores the desk’s options beside 三率 only as shares that leave 三率 part of every score', () => {
    const v1 = DEFAULT_SCHEMES.schemes[0]!;
    const added = addScoringScheme(
      DEFAULT_SCHEMES,
      { ...v1, effectiveFrom: '2024-08', options: { knowledgeUpkeep: 0.15 } },
      '2024-07',
    );
    expect(added.schemes[1]?.options).toEqual({ directAnswer: 0, knowledgeUpkeep: 0.15, answerQuality: 0 });
    let caught: unknown;
    try {
      addScoringScheme(
        DEFAULT_SCHEMES,
        {
          ...v1,
          effectiveFrom: '2024-08',
          options: { directAnswer: 0.6, knowledgeUpkeep: 0.5, answerQuality: -0.1 },
        },
        '2024-07',
      );
    } catch (error) {
      caught = error;
    }
    expect((caught as AppError).details).toEqual([
      { path: 'options.answerQuality', message: 'must lie in [0, 1)' },
      { path: 'options', message: 'must add up to less than 1' },
    ]);
  });

  it('keeps the history: earlier schemes stay as they were', () => {
    expect(getScoringScheme(DEFAULT_SCHEMES, '2030-01').version).toBe(1);
    expect(() => getScoringScheme(DEFAULT_SCHEMES, '2023-12')).toThrow(/No scoring scheme/);
  });
});
