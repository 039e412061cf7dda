/**
 * Parsing uploads off the event loop: the jobs of parse-jobs.ts run in a small pool of worker
 * threads (src/ingest/worker-pool.ts) with a time limit and a capped heap, so a big or hostile
 * file never stalls the other requests of the server. (The CLI reads one file in its own
 * process and calls the readers directly; their zip caps hold there too.)
 */
import type { WorkerPoolOptions } from '../ingest/worker-pool.js';
import { WorkerPool } from '../ingest/worker-pool.js';
import type { ParseJob, ParseJobs } from './parse-jobs.js';

/** Runs a parse job and answers what the job answers (or throws its AppError). */
export interface Parser {
  run<K extends ParseJob>(job: K, ...args: Parameters<ParseJobs[K]>): ReturnType<ParseJobs[K]>;
}

/** A parser backed by worker threads; `close` stops them. */
export interface ParsePool extends Parser {
  close(): Promise<void>;
}

/** The jobs module beside this one, as TypeScript under tsx/vitest and JavaScript once built. */
const JOBS_MODULE = new URL(
  `./parse-jobs${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`,
  import.meta.url,
);

/**
 * A pool of parse workers. Defaults: one worker (two on more than two cores), 90 s per job (a
 * PDF has 60 s of its own), 256 MB of heap per worker, 32 jobs waiting at most.
 */
export function createParsePool(options: Omit<WorkerPoolOptions, 'module'> = {}): ParsePool {
  const pool = new WorkerPool({ timeLimitMs: 90_000, ...options, module: JOBS_MODULE });
  return {
    run: ((job: ParseJob, ...args: unknown[]) => pool.run(job, args)) as Parser['run'],
    close: () => pool.close(),
  };
}

let shared: ParsePool | undefined;

/** One pool for the whole process (the server's default), started on first use. */
export function sharedParsePool(): ParsePool {
  shared ??= createParsePool();
  return shared;
}
