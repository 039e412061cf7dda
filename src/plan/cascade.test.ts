import { describe, expect, it } from 'vitest';
import {
  convertUnit,
  deriveCascadeRollup,
  deriveHandedDownTarget,
  deriveHandedDownTask,
  parseHandDownCell,
  suggestCascadeLinks,
} from './cascade.js';
import type { Contribution } from './cascade.js';
import { deriveTargetHealth } from './health.js';
import type { TargetLike } from './expected.js';

// Targets as the 2026 Shanghai report writes them (test/fixtures/reports/2026-shanghai.txt).
const cityGrowth = {
  id: 1,
  planId: 10,
  metric: '生产总值增长',
  comparator: '~' as const,
  value: 5,
  unit: '%',
  period: '2026',
  direction: null,
  baseline: null,
  quote: '生产总值增长5%左右',
  sentence: '全市生产总值增长5%左右。',
};
const cityJobs = {
  ...cityGrowth,
  id: 2,
  metric: '新增就业岗位',
  comparator: '>=' as const,
  value: 55,
  unit: '万个',
  quote: '新增就业岗位55万个以上',
};

describe('handing down', () => {
  it("gives the lower plan the higher target's words, with its share when given", () => {
    expect(deriveHandedDownTarget(cityGrowth)).toMatchObject({
      metric: '生产总值增长',
      value: 5,
      unit: '%',
      source: { planId: 10, kind: 'target', itemId: 1 },
    });
    expect(deriveHandedDownTarget(cityJobs, { value: 3, unit: '万个' })).toMatchObject({
      value: 3,
      quote: cityJobs.quote,
    });
    expect(deriveHandedDownTask({ id: 7, planId: 10, text: '推进城市更新' })).toEqual({
      text: '推进城市更新',
      source: { planId: 10, kind: 'task', itemId: 7 },
    });
  });

  it('reads a 下达辖区 cell by full or short names, or all', () => {
    const lower = [
      { id: 2, name: '上海市黄浦区' },
      { id: 3, name: '上海市静安区' },
    ];
    expect(parseHandDownCell('黄浦区、静安', lower)).toEqual({ ids: [2, 3], unknown: [] });
    expect(parseHandDownCell('上海市静安区；浦东新区', lower)).toEqual({ ids: [3], unknown: ['浦东新区'] });
    expect(parseHandDownCell('各区', lower)).toEqual({ ids: [2, 3], unknown: [] });
  });
});

describe('convertUnit', () => {
  it('converts within a kind of unit and refuses across kinds', () => {
    expect(convertUnit(2.5, '万人', '人')).toBe(25000);
    expect(convertUnit(9000, '人', '万人')).toBe(0.9);
    expect(convertUnit(1, '亿元', '万元')).toBe(10000);
    expect(convertUnit(5, '％', '%')).toBe(5);
    expect(convertUnit(1, '人', '%')).toBeUndefined();
  });
});

describe('suggestCascadeLinks', () => {
  it('suggests by metric and unit, growth to growth, best first', () => {
    const district = [
      { id: 41, metric: '地区生产总值增长', unit: '%' },
      { id: 42, metric: '新增就业岗位', unit: '个' },
      { id: 43, metric: '地区生产总值', unit: '亿元' },
      { id: 44, metric: '森林覆盖率', unit: '%' },
    ];
    expect(suggestCascadeLinks([cityGrowth, cityJobs], district)).toEqual([
      { parentTargetId: 2, childTargetId: 42, score: 1, reason: '指标相同，单位可换算（个→万个）' },
      { parentTargetId: 1, childTargetId: 41, score: 0.8, reason: '指标相近（0.8），单位相同' },
    ]);
    expect(
      suggestCascadeLinks([cityGrowth, cityJobs], district, new Set([42])).map((s) => s.childTargetId),
    ).toEqual([41]);
  });
});

function contribution(
  id: number,
  name: string,
  target: TargetLike,
  latest: { value: number; asOf: string } | null,
  date: string,
): Contribution {
  return {
    jurisdictionId: id,
    jurisdictionName: name,
    target: { ...target, id: 100 + id, planId: 20 + id },
    latest,
    health: deriveTargetHealth(target, latest ? [latest] : [], date),
    evidence: latest ? 2 : 0,
  };
}

describe('deriveCascadeRollup', () => {
  const date = '2026-06-30';

  it('sums amounts in units of one kind and judges the total against the higher target', () => {
    const huangpu = { ...cityJobs, value: 3, unit: '万个' };
    const jingan = { ...cityJobs, value: 30000, unit: '个' };
    const rollup = deriveCascadeRollup(
      cityJobs,
      [
        contribution(2, '黄浦区', huangpu, { value: 1.5, asOf: '2026-06-30' }, date),
        contribution(3, '静安区', jingan, { value: 12000, asOf: '2026-05-31' }, date),
      ],
      date,
    );
    expect(rollup).toMatchObject({ method: 'sum', total: 2.7, reporting: 2, linked: 2, evidence: 4 });
    expect(rollup.explain.formula).toBe('黄浦区 1.5万个 + 静安区 12000个 = 2.7万个');
    // 2.7 of 55万 by the end of May is far behind 序时进度 (55 × 151/365 ≈ 22.8), though each
    // district is on track against its own share (静安 12000 of 30000 × 151/365 ≈ 12411).
    expect(rollup.health).toBe('behind');
    expect(rollup.byHealth).toEqual({ on_track: 2 });
  });

  it('says who has not reported, and no_data when none has', () => {
    const huangpu = { ...cityJobs, value: 3 };
    const rollup = deriveCascadeRollup(
      cityJobs,
      [
        contribution(2, '黄浦区', huangpu, { value: 1.5, asOf: date }, date),
        contribution(3, '静安区', huangpu, null, date),
      ],
      date,
    );
    expect([rollup.reporting, rollup.explain.formula]).toEqual([
      1,
      '黄浦区 1.5万个 = 1.5万个（静安区未报送）',
    ]);
    const none = deriveCascadeRollup(cityJobs, [contribution(3, '静安区', huangpu, null, date)], date);
    expect([none.health, none.total, none.explain.formula]).toEqual(['no_data', null, '下级辖区尚未报送']);
  });

  it('rolls rates up as the weighted mean of attainment, with the arithmetic', () => {
    const rollup = deriveCascadeRollup(
      cityGrowth,
      [
        { ...contribution(2, '黄浦区', cityGrowth, { value: 5.1, asOf: date }, date), weight: 3 },
        { ...contribution(3, '静安区', cityGrowth, { value: 3.5, asOf: date }, date), weight: 1 },
      ],
      date,
    );
    // 黄浦 reaches 5%左右 → 1; growth is better higher, so 静安 falls 1.5 short of 5 → 0.7.
    // 0.75 × 100 + 0.25 × 70 = 92.5: on track (≥ 0.9).
    expect(rollup).toMatchObject({ method: 'weighted', total: null, health: 'on_track' });
    expect(rollup.ratio).toBeCloseTo(0.925, 6);
    expect(rollup.explain.formula).toBe('0.75 × 100 + 0.25 × 70 = 92.5');
    expect(rollup.explain.rollup?.children.map((c) => c.label)).toEqual(['黄浦区', '静安区']);
  });
});
