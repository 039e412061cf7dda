import { describe, expect, it } from 'vitest';
import { createRng, generateOrders } from './generator.js';
import {
  CHANGPING,
  CHANGPING_CATALOGUE_ROWS,
  CHANGPING_UNITS,
  EXAMPLE_PLACE,
} from '../../test/fixtures/changping-requests.js';

const YEAR = { from: '2024-01-01T00:00:00Z', to: '2025-01-01T00:00:00Z' };

describe('createRng', () => {
  it('repeats its sequence for a seed and differs for another seed', () => {
    const a = createRng(7);
    const b = createRng(7);
    const c = createRng(8);
    const xs = [a(), a(), a()];
    expect([b(), b(), b()]).toEqual(xs);
    expect(c()).not.toBe(xs[0]);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });
});

describe('generateOrders', () => {
  const orders = [...generateOrders({ ...EXAMPLE_PLACE, seed: 3, count: 6000, ...YEAR })];

  it('is deterministic by seed', () => {
    const again = [...generateOrders({ ...EXAMPLE_PLACE, seed: 3, count: 50, ...YEAR })];
    expect(again).toEqual([...generateOrders({ ...EXAMPLE_PLACE, seed: 3, count: 50, ...YEAR })]);
    expect(again[0]).not.toEqual([...generateOrders({ ...EXAMPLE_PLACE, seed: 4, count: 50, ...YEAR })][0]);
  });

  it('streams orders in time order, inside the range, with ids from 1', () => {
    expect(orders.map((o) => o.id).slice(0, 3)).toEqual([1, 2, 3]);
    for (let i = 1; i < orders.length; i++)
      expect(orders[i]!.receivedAt >= orders[i - 1]!.receivedAt).toBe(true);
    expect(orders[0]!.receivedAt >= '2024-01-01').toBe(true);
    expect(orders.at(-1)!.receivedAt < '2025-01-01').toBe(true);
  });

  it('writes every time as the exact ISO form of its instant', () => {
    for (const o of orders.slice(0, 500)) {
      for (const t of [o.receivedAt, o.signedAt, o.contactedAt, o.repliedAt, o.closedAt, o.followUp?.at]) {
        if (t != null) expect(new Date(t).toISOString()).toBe(t);
      }
    }
  });

  it('uses only catalogue categories, jurisdiction places and the owning unit', () => {
    const categories = new Set(CHANGPING_CATALOGUE_ROWS.map((r) => r.category));
    const areas = new Set(CHANGPING.areas.map((a) => a.name));
    const unitIds = new Set(CHANGPING_UNITS.map((u) => u.id));
    for (const o of orders) {
      expect(categories.has(o.category) && areas.has(o.area) && unitIds.has(o.leadUnitId)).toBe(true);
      if (o.category === '积水') expect(o.leadUnitId).toBe(203);
    }
  });

  it('puts 供暖 in winter and 积水 in summer', () => {
    const count = (category: string, months: number[]): number =>
      orders.filter(
        (o) =>
          o.category === category &&
          months.includes(new Date(Date.parse(o.receivedAt) + 8 * 3_600_000).getUTCMonth()),
      ).length;
    // Jan + Dec against Jun + Jul: a seasonal share far above the flat one.
    expect(count('供暖', [0, 11])).toBeGreaterThan(20 * count('供暖', [5, 6]));
    expect(count('积水', [5, 6])).toBeGreaterThan(10 * count('积水', [0, 11]));
  });

  it('gives grid finds (未诉先办) no follow-up, and follows up every other order after it closes', () => {
    const grid = orders.filter((o) => o.source === 'grid');
    expect(grid.length).toBeGreaterThan(300);
    expect(grid.every((o) => o.followUp === null && o.text.startsWith('网格员巡查发现'))).toBe(true);
    const others = orders.filter((o) => o.source !== 'grid');
    expect(
      others.every((o) => o.followUp !== null && o.followUp.at > o.closedAt && o.closedAt > o.repliedAt),
    ).toBe(true);
  });

  it('repeats some addresses (the recurring ones)', () => {
    const counts = new Map<string, number>();
    for (const o of orders)
      counts.set(`${o.area}|${o.address}`, (counts.get(`${o.area}|${o.address}`) ?? 0) + 1);
    expect(Math.max(...counts.values())).toBeGreaterThanOrEqual(10);
  });
});
