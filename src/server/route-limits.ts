/**
 * The per-route flood guards (`config.rateLimit` on a route: the public's uploads, comment codes,
 * comments, follows) counted in the database through store.limits instead of one process's
 * memory, so every server process on one database shares them (issue 12.5) — the same counters
 * as the anonymous intake limits (anonymous-limits.ts). This is the store @fastify/rate-limit
 * takes; each route counts in a bucket of its own, `route:METHOD URL`, keyed as the plugin keys
 * (the client's address). A refused attempt is not counted, so a flood leaves at most `max`
 * rows per key and window, and the scheduled sweep forgets them once their window passed.
 */
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from '@fastify/rate-limit';
import type { Store } from '../store/types.js';

export interface RouteLimits {
  /** The store class to give @fastify/rate-limit (`store:`). */
  Store: FastifyRateLimitStoreCtor;
  /** Each route bucket seen so far and its window (ms), for the sweep. */
  windows(): Record<string, number>;
}

/** What the plugin hands `child`: the merged limit of one route, with the route itself. */
interface RouteLimitParams {
  timeWindow?: unknown;
  routeInfo?: { method?: string | string[]; url?: string };
}

const bucketOf = (params: RouteLimitParams): string => {
  const info = params.routeInfo ?? {};
  const method = Array.isArray(info.method) ? info.method.join(',') : (info.method ?? '*');
  return `route:${method} ${info.url ?? '*'}`;
};

/**
 * Route limits counting in `store` (the primary: every counted request writes) by `now`.
 * @example const limits = createRouteLimits(store, () => new Date()); await app.register(rateLimit, { store: limits.Store })
 */
export function createRouteLimits(store: Store, now: () => Date): RouteLimits {
  const windows = new Map<string, number>();

  class SharedRouteStore implements FastifyRateLimitStore {
    private readonly bucket: string;

    constructor(params: RouteLimitParams = {}) {
      this.bucket = bucketOf(params);
      if (typeof params.timeWindow === 'number') windows.set(this.bucket, params.timeWindow);
    }

    incr(
      key: string,
      callback: (error: Error | null, result?: { current: number; ttl: number }) => void,
      timeWindow: number,
      max: number,
    ): void {
      const at = now().getTime();
      windows.set(this.bucket, Math.max(windows.get(this.bucket) ?? 0, timeWindow));
      store.limits.take(this.bucket, key, at, { max, windowMs: timeWindow }).then(
        ({ taken, count }) => {
          const ttl = count.oldest === null ? timeWindow : Math.max(1, count.oldest + timeWindow - at);
          callback(null, { current: taken ? count.hits : max + 1, ttl });
        },
        (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
      );
    }

    child(params: unknown): FastifyRateLimitStore {
      return new SharedRouteStore(params as RouteLimitParams);
    }
  }

  return { Store: SharedRouteStore, windows: () => Object.fromEntries(windows) };
}
