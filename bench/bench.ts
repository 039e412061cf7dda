/** One figure a benchmark measured, as printed and as recorded in docs/BENCHMARKS.md. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
}

/** A benchmark module: `run` measures, prints its figures as it goes, and returns them. */
export interface Bench {
  name: string;
  run(log: (line: string) => void): Promise<Figure[]>;
}

/** Milliseconds one call of `fn` takes. */
export function time(fn: () => unknown): number {
  const start = performance.now();
  fn();
  return performance.now() - start;
}

/** The median of a list of numbers (the mean of the middle two for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[mid] ?? NaN) : ((sorted[mid - 1] ?? NaN) + (sorted[mid] ?? NaN)) / 2;
}

/** Median milliseconds of `runs` calls of `fn`. */
export function medianTime(fn: () => unknown, runs: number): number {
  return median(Array.from({ length: runs }, () => time(fn)));
}

/** 1234567.8 → "1,234,568". */
export function formatNumber(n: number, digits = 0): string {
  return n.toLocaleString('en', { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

/** Wall-clock and CPU milliseconds (user + system, all threads) of one call. */
export interface Timing {
  wall: number;
  cpu: number;
}

/**
 * Times one call of `fn` by the wall clock and by CPU time. On a shared machine the wall
 * clock includes waiting for a core; CPU time does not, so it is the steadier figure there.
 */
export function measure(fn: () => unknown): Timing {
  const cpu = process.cpuUsage();
  const start = performance.now();
  fn();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}

/** Medians of wall-clock and CPU milliseconds over several timings. */
export function medianTiming(timings: Timing[]): Timing {
  return { wall: median(timings.map((t) => t.wall)), cpu: median(timings.map((t) => t.cpu)) };
}

/** `measure` for a function that returns a promise: times until it settles. */
export async function measureAsync(fn: () => Promise<unknown>): Promise<Timing> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await fn();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  return { wall, cpu: (used.user + used.system) / 1000 };
}
