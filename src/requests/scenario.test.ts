import { describe, expect, it } from 'vitest';
import { generateOrders, materializeOrder } from './generator.js';
import { countVolumes, countableFromOrder, detectHotspots, measureTopic } from './hotspots.js';
import { listOverdue } from './overdue.js';
import { rankUnits } from './ranking.js';
import { computeMonthlyScores } from './scoring.js';
import {
  CHANGPING_CATALOGUE,
  CHANGPING_UNITS,
  EXAMPLE_PLACE,
} from '../../test/fixtures/changping-requests.js';

// Two years of synthetic Changping orders seen on 2024-12-31 noon, Beijing.
const NOW = '2024-12-31T04:00:00.000Z';
const orders = [
  ...generateOrders({ ...EXAMPLE_PLACE, seed: 2024, count: 24_000, from: '2022-12-31T16:00:00Z', to: NOW }),
].map((o) => materializeOrder(o, { now: NOW, catalogue: CHANGPING_CATALOGUE }));

describe('requests scenario on synthetic orders', () => {
  it('scores every unit with orders in July and ranks all four classes', () => {
    const scores = computeMonthlyScores(orders, '2024-07');
    // 22 streets and towns + 7 departments and 2 utilities own categories; 供暖 may have no July follow-up.
    expect(scores.length).toBeGreaterThanOrEqual(29);
    for (const s of scores) {
      expect(s.overall === null || (s.overall >= 0 && s.overall <= 100)).toBe(true);
      expect(s.response.denominator).toBeLessThanOrEqual(s.volume);
    }
    const rankings = rankUnits(scores, CHANGPING_UNITS, '2024-07', { minVolume: 5 });
    expect(rankings.map((r) => r.className).sort()).toEqual(
      ['公共服务企业', '区政府部门', '街道', '镇'].sort(),
    );
    const streets = rankings.find((r) => r.className === '街道');
    expect(streets?.entries[0]?.rank).toBe(1);
  });

  it('finds 积水 rising and seasonal in July, and 供暖 high in January', () => {
    const table = countVolumes(orders.map(countableFromOrder), 'category');
    const july = detectHotspots(table, 'category', '2024-07', { minCount: 50 });
    expect(july.find((h) => h.key === '积水')?.reasons).toEqual(
      expect.arrayContaining(['rising', 'seasonal']),
    );
    const january = detectHotspots(table, 'category', '2024-01', { minCount: 50 });
    expect(january[0]?.key).toBe('供暖');
  });

  it('measures a 积水 topic started in September: orders fall after the rainy season', () => {
    const measure = measureTopic(
      {
        id: 1,
        month: '2024-09',
        title: '积水点治理',
        leadUnitId: 203,
        categories: ['积水'],
        problems: ['积水'],
        tasks: [],
        planTaskIds: [],
      },
      orders.map(countableFromOrder),
      '2024-11',
    );
    expect(measure.fall).toBeGreaterThan(0.5);
  });

  it('lists overdue only among open orders', () => {
    const overdue = listOverdue(orders, NOW);
    const open = new Set(
      orders.filter((o) => o.status !== 'closed' && o.status !== 'replied').map((o) => o.id),
    );
    expect(overdue.every((i) => open.has(i.orderId))).toBe(true);
  });
});
