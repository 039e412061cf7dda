/**
 * Jobs for the worker pool's own tests (worker-pool.test.ts): echo, fail, spin, and hoard
 * memory, each the smallest way to show one behaviour of the pool.
 */
import { AppError } from '../errors.js';

export const jobs = {
  /** Answers its argument (structured clone both ways) and the thread it ran on. */
  async echo(value: unknown) {
    const { isMainThread } = await import('node:worker_threads');
    return { value, isMainThread };
  },
  /** Throws an AppError with details. */
  async fail(message: string) {
    throw new AppError('BAD_INPUT', message, [{ path: 'Sheet1!C7', message }]);
  },
  /** Keeps its thread busy for `ms` milliseconds without yielding. */
  async spin(ms: number) {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      // busy on purpose: a synchronous parser does the same
    }
    return ms;
  },
  /** Holds ever more JavaScript objects until the heap runs out. */
  async hoard() {
    const held: string[][] = [];
    for (;;) held.push(Array.from({ length: 100_000 }, (_, i) => `row ${i} ${held.length}`));
  },
};
