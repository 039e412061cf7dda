import { describe, expect, it } from 'vitest';
import { groupHeadlineTargets, parseYears, periodKind } from './headline';

const target = (id: number, period: string, taskId: number | null = null) => ({
  id,
  period,
  taskId,
  span: [id * 10, id * 10 + 5] as [number, number],
});

describe('headline target groups', () => {
  it('reads periods written as years, in the ways reports write them', () => {
    expect(parseYears('2022')).toEqual({ from: 2022, to: 2022 });
    expect(parseYears('2022年')).toEqual({ from: 2022, to: 2022 });
    expect(parseYears('2022-2026')).toEqual({ from: 2022, to: 2026 });
    expect(parseYears('2022—2026年')).toEqual({ from: 2022, to: 2026 });
    expect(parseYears('十四五')).toBeUndefined();
    expect(parseYears('2026-2022')).toBeUndefined();
    expect(periodKind('2022', 2022)).toBe('year');
    expect(periodKind('2022-2026', 2022)).toBe('multiYear');
    expect(periodKind('2023', 2022)).toBe('other');
    expect(periodKind('十四五', 2022)).toBe('other');
  });

  it('leads with the plan year, then spans of years by first year, then other periods', () => {
    const groups = groupHeadlineTargets(
      [
        target(1, '2022-2026'),
        target(2, '2022', 7),
        target(3, '2022'),
        target(4, '十四五'),
        target(5, '2021-2025'),
        target(6, '2022-2026'),
      ],
      2022,
      12,
    );
    // Targets stated on their own come before those inside a task.
    expect(groups.year.map((t) => t.id)).toEqual([3, 2]);
    expect(groups.others.map((g) => [g.period, g.kind, g.items.map((t) => t.id)])).toEqual([
      ['2021-2025', 'multiYear', [5]],
      ['2022-2026', 'multiYear', [1, 6]],
      ['十四五', 'other', [4]],
    ]);
  });

  it('keeps at most `max` in each group', () => {
    const many = Array.from({ length: 20 }, (_, i) => target(i + 1, i % 2 ? '2022' : '2022-2026'));
    const groups = groupHeadlineTargets(many, 2022, 4);
    expect(groups.year).toHaveLength(4);
    expect(groups.others[0]!.items).toHaveLength(4);
  });
});
