import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import {
  deriveAttainment,
  deriveExpectedValue,
  deriveGoodSide,
  deriveSeasonalProfile,
  deriveTargetMeasure,
  deriveTolerance,
  isAchieved,
} from './expected.js';
import type { TargetLike } from './expected.js';

function target(fields: Partial<TargetLike>): TargetLike {
  return {
    comparator: '=',
    value: 100,
    unit: '个',
    metric: '指标',
    period: '2022',
    direction: null,
    baseline: null,
    ...fields,
  };
}

const gdp = target({ comparator: '~', value: 6.5, unit: '%', metric: '地区生产总值增长' });
const jobs = target({ comparator: '=', value: 9000, unit: '人', metric: '新增城乡劳动力就业' });
const forest = target({
  comparator: '>=',
  value: 48.5,
  unit: '%',
  metric: '森林覆盖率',
  baseline: { value: 48.3, unit: '%', period: '2021', achievementId: 1 },
});
const pm25 = target({
  comparator: '=',
  value: 30,
  unit: '微克/立方米',
  metric: '细颗粒物年均浓度',
  direction: 'falling',
  baseline: { value: 35, unit: '微克/立方米', period: '2021', achievementId: 2 },
});
const unemployment = target({ comparator: '<=', value: 5, unit: '%', metric: '城镇调查失业率' });
const incomeRatio = target({ comparator: '~', value: 1.75, unit: '', metric: '城乡居民收入比' });

describe('deriveTargetMeasure', () => {
  it('reads growth wording as a rate, a ratio with a baseline as a level, counts as a flow', () => {
    expect(deriveTargetMeasure(gdp)).toBe('rate');
    expect(deriveTargetMeasure(forest)).toBe('level');
    expect(deriveTargetMeasure(unemployment)).toBe('rate');
    expect(deriveTargetMeasure(jobs)).toBe('flow');
    expect(deriveTargetMeasure(pm25)).toBe('level');
  });

  it('ignores a baseline in another unit', () => {
    const t = target({
      unit: '亿元',
      baseline: { value: 5, unit: '万元', period: '2021', achievementId: 3 },
    });
    expect(deriveTargetMeasure(t)).toBe('flow');
  });
});

describe('deriveGoodSide', () => {
  it('follows the comparator, then direction, wording, measure', () => {
    expect(deriveGoodSide(forest)).toBe('higher');
    expect(deriveGoodSide(unemployment)).toBe('lower');
    expect(deriveGoodSide(pm25)).toBe('lower');
    expect(deriveGoodSide(gdp)).toBe('higher');
    expect(deriveGoodSide(jobs)).toBe('higher');
    expect(deriveGoodSide(incomeRatio)).toBe('near');
    expect(deriveGoodSide(target({ metric: '居民消费价格涨幅', unit: '%', comparator: '~' }))).toBe('near');
  });

  it('reads a rate of decline as better the larger it is', () => {
    const energy = target({ metric: '单位地区生产总值能耗下降', unit: '%', value: 3, direction: 'falling' });
    expect(deriveGoodSide(energy)).toBe('higher');
    expect(isAchieved(energy, 3.2)).toBe(true);
    expect(isAchieved(energy, 2.8)).toBe(false);
    expect(deriveAttainment(energy, 2.8, deriveExpectedValue(energy, '2022-06-30'))).toBeCloseTo(
      1 - 0.2 / 3,
      12,
    );
  });
});

describe('deriveTolerance', () => {
  it('is a share of the target value for 左右 and exact, zero otherwise', () => {
    expect(deriveTolerance(gdp)).toBeCloseTo(0.325, 12);
    expect(deriveTolerance(jobs)).toBeCloseTo(9, 12);
    expect(deriveTolerance(forest)).toBe(0);
    expect(deriveTolerance(gdp, { approx: 0.1, exact: 0 })).toBeCloseTo(0.65, 12);
  });
});

describe('isAchieved', () => {
  it('holds 左右 within the tolerance, and beyond it on the good side', () => {
    expect(isAchieved(gdp, 6.3)).toBe(true);
    expect(isAchieved(gdp, 6.1)).toBe(false);
    expect(isAchieved(gdp, 7.5)).toBe(true);
  });

  it('holds 左右 within the tolerance both ways when no side is better', () => {
    expect(isAchieved(incomeRatio, 1.8)).toBe(true);
    expect(isAchieved(incomeRatio, 1.85)).toBe(false);
    expect(isAchieved(incomeRatio, 1.65)).toBe(false);
  });

  it('reads 以上 as at least and 超过 as strictly more', () => {
    expect(isAchieved(forest, 48.5)).toBe(true);
    expect(isAchieved(forest, 48.49)).toBe(false);
    const firms = target({ comparator: '>', value: 1200, unit: '家' });
    expect(isAchieved(firms, 1200)).toBe(false);
    expect(isAchieved(firms, 1201)).toBe(true);
  });

  it('reads 以内 as at most', () => {
    expect(isAchieved(unemployment, 5)).toBe(true);
    expect(isAchieved(unemployment, 5.1)).toBe(false);
  });

  it('holds an exact count within its small tolerance or above it', () => {
    expect(isAchieved(jobs, 8991)).toBe(true);
    expect(isAchieved(jobs, 8990)).toBe(false);
    expect(isAchieved(jobs, 9500)).toBe(true);
  });

  it('turns a falling target the other way', () => {
    expect(isAchieved(pm25, 28)).toBe(true);
    expect(isAchieved(pm25, 30.02)).toBe(true);
    expect(isAchieved(pm25, 31)).toBe(false);
  });

  it('uses the configured tolerance', () => {
    expect(isAchieved(incomeRatio, 1.85, { approx: 0.1, exact: 0 })).toBe(true);
  });
});

describe('deriveExpectedValue', () => {
  it('runs a flow linearly from zero over the year', () => {
    const e = deriveExpectedValue(jobs, '2022-06-30');
    expect(e.method).toBe('linear');
    expect(e.value).toBeCloseTo((9000 * 181) / 365, 9);
    expect(deriveExpectedValue(jobs, '2021-12-31').value).toBe(0);
    expect(deriveExpectedValue(jobs, '2022-12-31').value).toBe(9000);
  });

  it('runs a level from its baseline, down for a falling target', () => {
    expect(deriveExpectedValue(forest, '2022-07-02').value).toBeCloseTo(48.3 + (0.2 * 183) / 365, 9);
    expect(deriveExpectedValue(pm25, '2022-07-02').value).toBeCloseTo(35 - (5 * 183) / 365, 9);
  });

  it('expects a rate at its target all year (cumulative-to-date is compared)', () => {
    const e = deriveExpectedValue(gdp, '2022-03-31');
    expect(e).toMatchObject({ value: 6.5, method: 'flat', measure: 'rate' });
  });

  it('steps through interim milestones, ending at the target', () => {
    const milestones = [
      { date: '2022-09-30', value: 7000 },
      { date: '2022-06-30', value: 4000 },
    ];
    const at = (date: string) => deriveExpectedValue(jobs, date, { milestones }).value;
    expect(at('2022-06-29')).toBe(0);
    expect(at('2022-06-30')).toBe(4000);
    expect(at('2022-10-15')).toBe(7000);
    expect(at('2022-12-31')).toBe(9000);
    expect(deriveExpectedValue(jobs, '2022-06-30', { milestones }).share).toBeCloseTo(4000 / 9000, 12);
  });

  it('follows last year’s seasonal profile, interpolating within a month by days', () => {
    const seasonal = [2, 2, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4];
    expect(deriveExpectedValue(jobs, '2022-03-31', { seasonal }).value).toBeCloseTo((9000 * 8) / 44, 9);
    expect(deriveExpectedValue(jobs, '2022-02-14', { seasonal }).value).toBeCloseTo((9000 * 3) / 44, 9);
  });

  it('refuses a seasonal profile of the wrong length, listing each problem', () => {
    try {
      deriveExpectedValue(jobs, '2022-03-31', { seasonal: [1, -1, 2] });
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'BAD_INPUT')).toBe(true);
      expect((error as { details: { path: string }[] }).details.map((d) => d.path)).toEqual([
        'seasonal.1',
        'seasonal',
      ]);
    }
  });

  it('refuses a level without a baseline and a period without dates', () => {
    expect(() => deriveExpectedValue(gdp, '2022-03-31', { measure: 'level' })).toThrow(/baseline/);
    expect(() => deriveExpectedValue(target({ period: '十四五' }), '2022-03-31')).toThrow(/period/);
  });

  it('accepts an explicit span', () => {
    const e = deriveExpectedValue(jobs, '2022-02-01', { start: '2022-01-01', end: '2022-03-31' });
    expect(e.value).toBeCloseTo((9000 * 32) / 90, 9);
  });
});

describe('deriveSeasonalProfile', () => {
  it('turns cumulative figures into monthly amounts, a fall counting 0', () => {
    expect(deriveSeasonalProfile([10, 25, 45])).toEqual([10, 15, 20]);
    expect(deriveSeasonalProfile([10, 8, 20])).toEqual([10, 0, 10]);
    expect(() => deriveSeasonalProfile([1, Number.NaN])).toThrow(/cumulative/);
  });

  it('feeds a seasonal expectation', () => {
    const cumulative = [2, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44];
    const seasonal = deriveSeasonalProfile(cumulative);
    expect(deriveExpectedValue(jobs, '2022-03-31', { seasonal }).value).toBeCloseTo((9000 * 8) / 44, 9);
  });
});

describe('deriveAttainment', () => {
  it('gives a rate its shortfall against the target', () => {
    const e = deriveExpectedValue(gdp, '2022-06-30');
    expect(deriveAttainment(gdp, 6.0, e)).toBeCloseTo(1 - 0.5 / 6.5, 12);
    expect(deriveAttainment(gdp, 7.0, e)).toBe(1);
  });

  it('gives a cap its overshoot as a shortfall', () => {
    const e = deriveExpectedValue(unemployment, '2022-06-30');
    expect(deriveAttainment(unemployment, 5.3, e)).toBeCloseTo(0.94, 12);
    expect(deriveAttainment(unemployment, 4.2, e)).toBe(1);
  });

  it('gives a path the progress made over the progress expected', () => {
    const e = deriveExpectedValue(jobs, '2022-06-30');
    expect(deriveAttainment(jobs, 4000, e)).toBeCloseTo(4000 / ((9000 * 181) / 365), 12);
    const p = deriveExpectedValue(pm25, '2022-07-02');
    expect(deriveAttainment(pm25, 33.5, p)).toBeCloseTo(1.5 / ((5 * 183) / 365), 12);
  });

  it('gives 1 when nothing is expected yet', () => {
    const e = deriveExpectedValue(jobs, '2021-12-01');
    expect(deriveAttainment(jobs, 0, e)).toBe(1);
  });
});
