/** The Beijing month (YYYY-MM) of an instant: the month 三率 and hotspots count in. */
export function beijingMonth(at: number = Date.now()): string {
  return new Date(at + 8 * 3_600_000).toISOString().slice(0, 7);
}

/** The month `n` months after `month` (before, when negative). */
export function shiftMonth(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + n;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
