import { describe, expect, it } from 'vitest';
import { rankDistricts, sumCounts } from './district-ranking.js';
import { DEFAULT_SCHEMES } from './scoring.js';
import type { UnitMonthCounts } from './scoring.js';

/** A unit's counts: `n` orders all contacted, `resolved` of them resolved, all 满意. */
const unit = (unitId: number, n: number, resolved: number): UnitMonthCounts => ({
  unitId,
  volume: n,
  contactedYes: n,
  contactedAnswered: n,
  resolvedYes: resolved,
  resolvedAnswered: n,
  satisfied: n,
  basicallySatisfied: 0,
  dissatisfied: 0,
  excludedSources: 1,
  excludedExempt: 0,
});

describe('rankDistricts', () => {
  it('sums each district over its units', () => {
    expect(sumCounts([unit(1, 2, 1), unit(2, 3, 3)], 9)).toMatchObject({
      unitId: 9,
      volume: 5,
      resolvedYes: 4,
      excludedSources: 2,
    });
  });

  it('ranks best first, equal scores share a rank, districts without orders last', () => {
    const ranked = rankDistricts(
      [
        { jurisdictionId: 4, name: '丁区', counts: [] },
        { jurisdictionId: 1, name: '甲区', counts: [unit(11, 2, 1)] },
        { jurisdictionId: 2, name: '乙区', counts: [unit(21, 1, 1), unit(22, 1, 1)] },
        { jurisdictionId: 3, name: '丙区', counts: [unit(31, 4, 4)] },
      ],
      '2026-03',
      DEFAULT_SCHEMES,
    );
    // 乙 and 丙: all resolved → 100; 甲: 解决 1/2 → 0.1 + 0.3 + 0.3 = 70.
    expect(ranked.map((d) => [d.name, d.rank, d.volume, d.overall])).toEqual([
      ['丙区', 1, 4, 100],
      ['乙区', 1, 2, 100],
      ['甲区', 3, 2, 70],
      ['丁区', null, 0, null],
    ]);
    expect(ranked[2]!.resolution).toBe(0.5);
    expect(ranked[3]!.explanation).toBe('本月没有计入三率的工单');
  });
});
