import { describe, expect, it } from 'vitest';
import type { ItemHealth, PeriodRow, UnitReport } from '../api/tracking';
import { laggingItems, outlineHealthMap, outlineIdOf, rankUnits } from './health';

function item(
  type: ItemHealth['type'],
  id: number,
  health: ItemHealth['health'],
  ratio: number | null,
): ItemHealth {
  return {
    type,
    id,
    health,
    ratio,
    color: 'grey',
    label: '',
    expected: null,
    actual: null,
    comparedAt: null,
    stale: false,
    why: { code: 'NO_COUNT_PROMISED', params: {} },
    reason: '',
  };
}

const period = (key: string, dueOn: string) => ({ key, dueOn }) as PeriodRow;
const report = (unitId: number, periodKey: string, submittedAt: string) =>
  ({ unitId, periodKey, submittedAt }) as UnitReport;

describe('health helpers', () => {
  it('reads outline ids in both spellings', () => {
    expect(outlineIdOf('outline:12')).toBe(12);
    expect(outlineIdOf('plan')).toBeUndefined();
    expect([...outlineHealthMap([{ id: 'outline:3' } as never, { id: 'plan' } as never]).keys()]).toEqual([
      3,
    ]);
  });

  it('lists behind before at risk, worst first, and nothing else', () => {
    const items = [
      item('task', 1, 'at_risk', 0.8),
      item('task', 2, 'behind', 0.5),
      item('target', 3, 'on_track', 1),
      item('task', 4, 'behind', 0.2),
    ];
    expect(laggingItems(items).map((i) => i.id)).toEqual([4, 2, 1]);
  });

  it('ranks units by on-time reports, then fewer lagging items', () => {
    const health = {
      task: new Map([
        [1, item('task', 1, 'behind', 0.3)],
        [2, item('task', 2, 'on_track', 1)],
      ]),
      target: new Map<number, ItemHealth>(),
    };
    const rows = rankUnits(
      [
        { type: 'task', id: 1, leadUnitId: 10 },
        { type: 'task', id: 2, leadUnitId: 20 },
        { type: 'task', id: 3, leadUnitId: null },
      ],
      health,
      [report(10, '2022-01', '2022-02-04T09:00:00Z'), report(20, '2022-01', '2022-02-09T09:00:00Z')],
      [period('2022-01', '2022-02-05'), period('2022-02', '2022-03-05'), period('2022-03', '2022-04-05')],
      '2022-03-10',
    );
    expect(rows).toEqual([
      { unitId: 10, items: 1, lagging: 1, unreported: 0, due: 2, onTime: 1, rate: 0.5 },
      { unitId: 20, items: 1, lagging: 0, unreported: 0, due: 2, onTime: 0, rate: 0 },
    ]);
  });

  it('counts a unit that never reported red, below one that reported late and lags', () => {
    // Issue 14: every unit late, the silent ones (no figure: nothing "behind") ranked first.
    const health = {
      task: new Map([
        [1, item('task', 1, 'behind', 0.4)],
        [2, item('task', 2, 'on_track', 1)],
        [3, item('task', 3, 'no_data', null)],
        [4, item('task', 4, 'no_data', null)],
      ]),
      target: new Map<number, ItemHealth>(),
    };
    const owned = [
      { type: 'task' as const, id: 1, leadUnitId: 10 },
      { type: 'task' as const, id: 2, leadUnitId: 10 },
      { type: 'task' as const, id: 3, leadUnitId: 30 },
      { type: 'task' as const, id: 4, leadUnitId: 30 },
    ];
    const periods = [period('2022-01', '2022-02-05')];
    const rows = rankUnits(
      owned,
      health,
      [report(10, '2022-01', '2022-02-09T09:00:00Z')],
      periods,
      '2022-03-10',
    );
    expect(rows.map((r) => [r.unitId, r.lagging, r.unreported])).toEqual([
      [10, 1, 0],
      [30, 0, 2],
    ]);
    // before any report is due, no figure is no fault
    const early = rankUnits(owned, health, [], periods, '2022-01-20');
    expect(early.find((r) => r.unitId === 30)?.unreported).toBe(0);
  });
});
