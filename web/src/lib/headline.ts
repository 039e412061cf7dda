/**
 * 主要预期目标 on the dashboard: the plan year's own targets first; targets of another period
 * (a five-year span such as 2022-2026, another year, a period not written as years) apart, one
 * group per period, so a five-year promise is never read as this year's.
 */
import type { Target } from '../api/types';

/** How a period relates to the plan's year. */
export type PeriodKind = 'year' | 'multiYear' | 'other';

/** A period written as years ("2022", "2022年", "2022-2026", "2022—2026年"): its first and last year. */
export function parseYears(period: string): { from: number; to: number } | undefined {
  const match = /^\s*(\d{4})\s*年?\s*(?:[-–—~～至到]\s*(\d{4})\s*年?)?\s*$/.exec(period);
  if (!match) return undefined;
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  return to >= from ? { from, to } : undefined;
}

/** 'year' for the plan's year itself, 'multiYear' for a span of years, 'other' for anything else. */
export function periodKind(period: string, year: number): PeriodKind {
  const years = parseYears(period);
  if (years && years.from === year && years.to === year) return 'year';
  if (years && years.to > years.from) return 'multiYear';
  return 'other';
}

export interface TargetGroup<T> {
  period: string;
  kind: Exclude<PeriodKind, 'year'>;
  items: T[];
}

/**
 * The plan year's targets (at most `max`), and the others grouped by period (each at most
 * `max`): spans of years first, by first year, then other periods as written. Within a group,
 * targets stated on their own (not inside a task) come first, then in the report's order.
 * @example
 * groupHeadlineTargets(targets, 2022, 12).year.every((t) => t.period === '2022') // true
 */
export function groupHeadlineTargets<T extends Pick<Target, 'period' | 'taskId' | 'span'>>(
  targets: readonly T[],
  year: number,
  max: number,
): { year: T[]; others: TargetGroup<T>[] } {
  const ordered = [...targets].sort(
    (a, b) => Number(a.taskId !== null) - Number(b.taskId !== null) || a.span[0] - b.span[0],
  );
  const own: T[] = [];
  const others = new Map<string, TargetGroup<T>>();
  for (const target of ordered) {
    const kind = periodKind(target.period, year);
    if (kind === 'year') {
      if (own.length < max) own.push(target);
      continue;
    }
    const key = target.period.trim();
    let group = others.get(key);
    if (!group) others.set(key, (group = { period: key, kind, items: [] }));
    if (group.items.length < max) group.items.push(target);
  }
  const first = (g: TargetGroup<T>) => parseYears(g.period)?.from ?? Infinity;
  const groups = [...others.values()].sort(
    (a, b) => Number(a.kind !== 'multiYear') - Number(b.kind !== 'multiYear') || first(a) - first(b),
  );
  return { year: own, others: groups };
}
