import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { WorkerPool } from './worker-pool.js';

const module = new URL('./test-jobs.ts', import.meta.url);
const pools: WorkerPool[] = [];
function pool(options: Partial<ConstructorParameters<typeof WorkerPool>[0]> = {}): WorkerPool {
  const p = new WorkerPool({ module, size: 1, ...options });
  pools.push(p);
  return p;
}
afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('WorkerPool', () => {
  it('runs a job in a worker thread and clones arguments and results both ways', async () => {
    const p = pool();
    const bytes = new Uint8Array([1, 2, 3]);
    const answer = await p.run<{ value: unknown; isMainThread: boolean }>('echo', [
      { bytes, when: new Map([[1, '一季度']]) },
    ]);
    expect(answer.isMainThread).toBe(false);
    expect(answer.value).toEqual({ bytes, when: new Map([[1, '一季度']]) });
  });

  it("keeps an AppError's code, message and details", async () => {
    const error = await failure(pool().run('fail', ['任务分解表!C7 is blank']));
    expect(error.code).toBe('BAD_INPUT');
    expect(error.details).toEqual([{ path: 'Sheet1!C7', message: '任务分解表!C7 is blank' }]);
  });

  it('stops a job past its time limit with TOO_LARGE, and the next job gets a fresh worker', async () => {
    const p = pool({ timeLimitMs: 300 });
    const error = await failure(p.run('spin', [60_000]));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toBe('读取文件超过0.3秒，已拒收');
    await expect(p.run('spin', [1])).resolves.toBe(1);
  });

  it('fails a job that runs out of its heap alone, with TOO_LARGE', async () => {
    const p = pool({ maxHeapMb: 48 });
    const error = await failure(p.run('hoard', []));
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toContain('读取该文件需要超过48 MB内存，已拒收');
    await expect(p.run('spin', [1])).resolves.toBe(1);
  });

  it('keeps the event loop free while a job computes, and runs jobs beyond the pool one after another', async () => {
    const p = pool();
    await p.run('spin', [1]); // the worker is up
    const order: string[] = [];
    const jobs = [p.run('spin', [1500]), p.run('spin', [10])].map((job, i) =>
      job.then(() => order.push(`job ${i + 1}`)),
    );
    // A timer on this thread fires while the worker spins: a job in this thread would block it.
    await new Promise((resolve) => setTimeout(resolve, 20));
    order.push('timer');
    await Promise.all(jobs);
    expect(order).toEqual(['timer', 'job 1', 'job 2']);
    expect(p.workers).toBe(1);
  });

  it('answers UNAVAILABLE when too many jobs wait', async () => {
    const p = pool({ maxQueue: 1 });
    await p.run('spin', [1]); // the worker is up: the next job runs, the one after waits
    const running = p.run('spin', [300]);
    const waiting = p.run('spin', [1]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const error = await failure(p.run('spin', [1]));
    expect(error.code).toBe('UNAVAILABLE');
    await Promise.all([running, waiting]);
  });
});
