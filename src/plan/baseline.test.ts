import { describe, expect, it } from 'vitest';
import { exampleExtraction } from '../../test/fixtures/example.js';
import type { BaselineItem } from './baseline.js';
import {
  deriveBaseUnit,
  deriveBaselines,
  deriveMetricCore,
  deriveMetricSimilarity,
  isChangeMetric,
} from './baseline.js';

const item = (metric: string, unit: string, period: string, at = 0): BaselineItem => ({
  metric,
  unit,
  period,
  span: [at, at + 4],
});

describe('deriveMetricCore', () => {
  it.each([
    ['地区生产总值年均增长', '地区生产总值'],
    ['地区生产总值增长', '地区生产总值'],
    ['森林覆盖率提高到', '森林覆盖率'],
    ['单位产值能耗下降', '单位产值能耗'],
    ['森林覆盖率', '森林覆盖率'],
  ])('%s → %s', (metric, core) => {
    expect(deriveMetricCore(metric)).toBe(core);
  });
});

describe('isChangeMetric', () => {
  it('tells a rate of change from a level', () => {
    expect(isChangeMetric('社会消费品零售额增长')).toBe(true);
    expect(isChangeMetric('单位产值水耗下降')).toBe(true);
    expect(isChangeMetric('社会消费品零售额')).toBe(false);
    expect(isChangeMetric('森林覆盖率提高到')).toBe(false);
  });
});

describe('deriveMetricSimilarity', () => {
  it('is 1 for the same core, 0.8 for a contained core, low for unrelated metrics', () => {
    expect(deriveMetricSimilarity('森林覆盖率', '森林覆盖率提高到')).toBe(1);
    expect(deriveMetricSimilarity('医药健康产业年收入', '医药健康产业')).toBe(0.8);
    expect(deriveMetricSimilarity('森林覆盖率', '林木绿化率')).toBeLessThan(0.5);
    expect(deriveMetricSimilarity('', '森林覆盖率')).toBe(0);
  });
});

describe('deriveBaseUnit', () => {
  it('folds the multiplier away', () => {
    expect(deriveBaseUnit('万人')).toBe('人');
    expect(deriveBaseUnit('亿元')).toBe('元');
    expect(deriveBaseUnit('万平方米')).toBe('平方米');
    expect(deriveBaseUnit('%')).toBe('%');
    expect(deriveBaseUnit('万')).toBe('万');
  });
});

describe('deriveBaselines', () => {
  it('links a level target to the same metric at the last past year: 森林覆盖率 48.3% → 48.5%以上', () => {
    const achievements = [item('森林覆盖率', '%', '2021', 100), item('林木绿化率', '%', '2021', 120)];
    expect(deriveBaselines([item('森林覆盖率', '%', '2022-2026', 900)], achievements)).toEqual([0]);
  });

  it('links a growth target to the level it grows from, not to last year’s growth', () => {
    const achievements = [
      item('地区生产总值', '亿元', '2021', 100),
      item('地区生产总值增长', '%', '2021', 110),
    ];
    expect(deriveBaselines([item('地区生产总值增长', '%', '2022', 900)], achievements)).toEqual([0]);
  });

  it('ignores five-year totals, later years and other units', () => {
    const achievements = [
      item('新增城乡劳动力就业', '万人', '2017-2021', 100),
      item('污水处理率', '%', '2022', 200),
      item('拆除违法建设', '公顷', '2021', 300),
    ];
    const targets = [
      item('新增城乡劳动力就业', '人', '2022', 900),
      item('污水处理率', '%', '2022', 950),
      item('拆除违法建设', '万平方米', '2022', 990),
    ];
    expect(deriveBaselines(targets, achievements)).toEqual([null, null, null]);
  });

  it('prefers the latest year, then the nearest mention', () => {
    const achievements = [item('优良天数', '天', '2016', 100), item('优良天数', '天', '2021', 110)];
    expect(deriveBaselines([item('优良天数', '天', '2022', 900)], achievements)).toEqual([1]);
    const twice = [item('固定资产投资', '亿元', '2021', 100), item('固定资产投资', '亿元', '2021', 800)];
    expect(deriveBaselines([item('固定资产投资', '亿元', '2022', 900)], twice)).toEqual([1]);
  });

  it('links the pairs a reader expects in the example report (its frozen extraction)', () => {
    // The reader names the 一网通办 pair's metrics too differently to link ("区级事项实现“一网通办”",
    // "区级事项“一网通办”比例"); every other pair a reader of the report would draw is found.
    const { items } = exampleExtraction();
    const targets = items.filter((i) => i.kind === 'target');
    const achievements = items.filter((i) => i.kind === 'achievement');
    const pairs = deriveBaselines(targets, achievements).flatMap((a, t) =>
      a === null ? [] : [`${targets[t]?.quote} ← ${achievements[a]?.quote}`],
    );
    expect(pairs).toEqual(
      expect.arrayContaining([
        '48.5%以上 ← 48.3%',
        '98%以上 ← 96%',
        '6.5%左右 ← 1270亿元',
        '6%左右 ← 1270亿元',
        '520亿元 ← 510亿元',
        '5% ← 717亿元',
      ]),
    );
    // Every link is between the same metric core: no false friends.
    for (const [t, a] of deriveBaselines(targets, achievements).entries()) {
      if (a === null) continue;
      expect(
        deriveMetricSimilarity(targets[t]?.metric ?? '', achievements[a]?.metric ?? ''),
      ).toBeGreaterThanOrEqual(0.75);
    }
    expect(pairs.length).toBeGreaterThanOrEqual(10);
  });
});
