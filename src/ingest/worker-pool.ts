/**
 * A small pool of worker threads that run parse jobs off the event loop: a .docx through
 * mammoth, a workbook through exceljs, a PDF through pdf.js are CPU-bound and synchronous for
 * seconds, and would stall every other request of the server meanwhile. Each job runs with a
 * time limit and in a worker whose heap is capped, so a file that is slow or hungry to parse
 * fails alone with a clear error (TOO_LARGE) instead of taking the server down with it.
 *
 * The workers load one module (`jobs`: a record of async functions of plain data); arguments
 * and results cross the thread boundary by structured clone, AppErrors keep their code,
 * message and details.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { AppError, ERROR_CODES } from '../errors.js';
import type { ErrorCode, ErrorDetail } from '../errors.js';

/** A module the workers load: it exports `jobs`, each an async function of plain data. */
export type JobModule = Record<string, (...args: never[]) => Promise<unknown>>;

export interface WorkerPoolOptions {
  /** The URL of the module exporting `jobs` (a `.ts` URL works too: the worker loads tsx). */
  module: URL;
  /** Workers at most (default: one, or two on a machine with more than two cores). */
  size?: number;
  /** Time one job may take before its worker is stopped (default 60 s). */
  timeLimitMs?: number;
  /** Old-generation heap of each worker, in MB (default 256); a job needing more fails alone. */
  maxHeapMb?: number;
  /** Jobs that may wait for a worker; more answer UNAVAILABLE at once (default 32). */
  maxQueue?: number;
  /** A worker idle this long is stopped, giving its memory back (default 30 s). */
  idleMs?: number;
}

interface Pending {
  id: number;
  job: string;
  args: unknown[];
  timeLimitMs: number;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  current: Pending | undefined;
  timer: NodeJS.Timeout | undefined;
  idle: NodeJS.Timeout | undefined;
}

/** What a worker answers for one job. */
type Answer =
  | { id: number; ok: true; value: unknown }
  | { id: number; ok: false; error: { code?: string; message: string; details?: ErrorDetail[] } };

/**
 * The worker's own code, evaluated as CommonJS: registers tsx when the job module is
 * TypeScript (tests, `tsx` runs), loads the module, then answers jobs one at a time.
 */
const BOOTSTRAP = `
const { parentPort, workerData } = require('node:worker_threads');
const describe = (e) => e && e.name === 'AppError'
  ? { code: e.code, message: e.message, details: e.details }
  : { message: e instanceof Error ? e.message : String(e) };
(async () => {
  if (workerData.tsx) (await import(workerData.tsx)).register();
  const { jobs } = await import(workerData.module);
  parentPort.on('message', async ({ id, job, args }) => {
    try {
      const value = await jobs[job](...args);
      parentPort.postMessage({ id, ok: true, value });
    } catch (e) {
      parentPort.postMessage({ id, ok: false, error: describe(e) });
    }
  });
  parentPort.postMessage({ ready: true });
})().catch((e) => { throw e; });
`;

/** tsx's ESM API, resolved from here (where node_modules is), for a worker to load .ts modules. */
function tsxApi(): string {
  return import.meta.resolve('tsx/esm/api');
}

function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}

export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private readonly size: number;
  private readonly timeLimitMs: number;
  private readonly maxHeapMb: number;
  private readonly maxQueue: number;
  private readonly idleMs: number;
  private nextId = 1;
  private closed = false;

  constructor(private readonly options: WorkerPoolOptions) {
    this.size = Math.max(1, options.size ?? (availableParallelism() > 2 ? 2 : 1));
    this.timeLimitMs = options.timeLimitMs ?? 60_000;
    this.maxHeapMb = options.maxHeapMb ?? 256;
    this.maxQueue = options.maxQueue ?? 32;
    this.idleMs = options.idleMs ?? 30_000;
  }

  /**
   * Runs `job` of the pool's module with `args` in a worker. Rejects with the job's AppError
   * as thrown there; TOO_LARGE when it runs past the time limit or out of its heap;
   * UNAVAILABLE when too many jobs already wait.
   */
  run<T>(job: string, args: unknown[], options: { timeLimitMs?: number } = {}): Promise<T> {
    if (this.closed) return Promise.reject(new AppError('UNAVAILABLE', '文件读取服务已关闭'));
    if (this.queue.length >= this.maxQueue) {
      return Promise.reject(new AppError('UNAVAILABLE', '正在读取的文件过多：请一分钟后再试'));
    }
    return new Promise<T>((resolve, reject) => {
      this.queue.push({
        id: this.nextId++,
        job,
        args,
        timeLimitMs: options.timeLimitMs ?? this.timeLimitMs,
        resolve: resolve as (value: unknown) => void,
        reject,
      });
      this.dispatch();
    });
  }

  /** Workers running now (for tests and benchmarks). */
  get workers(): number {
    return this.slots.length;
  }

  /** Stops every worker; waiting and running jobs fail with UNAVAILABLE. */
  async close(): Promise<void> {
    this.closed = true;
    for (const pending of this.queue.splice(0)) {
      pending.reject(new AppError('UNAVAILABLE', '文件读取服务已关闭'));
    }
    await Promise.all(
      [...this.slots].map((slot) => this.stop(slot, new AppError('UNAVAILABLE', '文件读取服务已关闭'))),
    );
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => s.ready && !s.current) ?? this.spawn();
      if (!slot) return;
      if (!slot.ready) return;
      this.start(slot, this.queue.shift()!);
    }
  }

  /** A new worker when the pool has room, else undefined. */
  private spawn(): Slot | undefined {
    if (this.slots.length >= this.size) return undefined;
    const module = this.options.module;
    const typescript = module.pathname.endsWith('.ts');
    const worker = new Worker(BOOTSTRAP, {
      eval: true,
      workerData: {
        module: module.href,
        tsx: typescript ? tsxApi() : undefined,
      },
      resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb },
      stdout: false,
      stderr: false,
    });
    worker.unref();
    const slot: Slot = { worker, ready: false, current: undefined, timer: undefined, idle: undefined };
    this.slots.push(slot);
    worker.on('message', (message: Answer | { ready: true }) => this.onMessage(slot, message));
    worker.on('error', (error: Error & { code?: string }) => this.onFailure(slot, error));
    worker.on('exit', () => this.onFailure(slot, new Error('the worker stopped')));
    return slot;
  }

  private start(slot: Slot, pending: Pending): void {
    clearTimeout(slot.idle);
    slot.current = pending;
    slot.timer = setTimeout(() => {
      const seconds = (pending.timeLimitMs / 1000).toLocaleString('en', { maximumFractionDigits: 1 });
      void this.stop(
        slot,
        new AppError('TOO_LARGE', `读取文件超过${seconds}秒，已拒收`, [
          { path: 'file', message: `读取${seconds}秒后已停止` },
        ]),
      );
    }, pending.timeLimitMs);
    slot.timer.unref();
    slot.worker.postMessage({ id: pending.id, job: pending.job, args: pending.args });
  }

  private onMessage(slot: Slot, message: Answer | { ready: true }): void {
    if ('ready' in message) {
      slot.ready = true;
      this.dispatch();
      this.idleLater(slot);
      return;
    }
    const pending = slot.current;
    if (!pending || pending.id !== message.id) return;
    clearTimeout(slot.timer);
    slot.current = undefined;
    if (message.ok) pending.resolve(message.value);
    else {
      const { code, message: text, details } = message.error;
      pending.reject(isErrorCode(code) ? new AppError(code, text, details ?? []) : new Error(text));
    }
    this.dispatch();
    this.idleLater(slot);
  }

  /** A worker died (out of heap, a crash) or could not start: its job fails, the slot is freed. */
  private onFailure(slot: Slot, error: Error & { code?: string }): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return;
    this.slots.splice(index, 1);
    clearTimeout(slot.timer);
    clearTimeout(slot.idle);
    const pending = slot.current;
    slot.current = undefined;
    if (pending) {
      pending.reject(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? new AppError('TOO_LARGE', `读取该文件需要超过${this.maxHeapMb} MB内存，已拒收`, [
              { path: 'file', message: `需要超过${this.maxHeapMb} MB内存` },
            ])
          : error,
      );
    } else if (!slot.ready) {
      // The worker could not even load its module: every waiting job would fail the same way.
      for (const waiting of this.queue.splice(0)) waiting.reject(error);
    }
    void slot.worker.terminate();
    this.dispatch();
  }

  private async stop(slot: Slot, reason: Error): Promise<void> {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    clearTimeout(slot.timer);
    clearTimeout(slot.idle);
    const pending = slot.current;
    slot.current = undefined;
    pending?.reject(reason);
    await slot.worker.terminate();
    this.dispatch();
  }

  private idleLater(slot: Slot): void {
    clearTimeout(slot.idle);
    if (slot.current) return;
    slot.idle = setTimeout(() => {
      if (!slot.current) void this.stop(slot, new Error('idle'));
    }, this.idleMs);
    slot.idle.unref();
  }
}
