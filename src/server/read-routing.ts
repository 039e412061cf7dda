/**
 * Reads sent to a streaming replica (DATABASE_READ_URL, issue 16.5). The public's reads — a GET
 * or HEAD with no session cookie, no bearer token, no Open311 api_key and no kiosk key: the
 * published plans, open data, the public's pages and Open311 lists — are answered from the
 * replica; everything a signed-in caller asks, and every write, goes to the primary, so staff
 * always read their own writes. The choice is made once per request, before any route runs, and
 * held for the request's whole async chain (AsyncLocalStorage), so the routes, caches and
 * commands keep taking one `Store` and never know which server answers.
 *
 * What the public reads from the replica is as fresh as the replica (normally milliseconds
 * behind); answers held by plan revision (plan-reads.ts) read the revision from the same
 * server as the data, so none is held under a revision newer than what it was built from.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Store } from '../store/types.js';

type Target = 'primary' | 'replica';

/** True when a request may be answered from the replica: the public, reading. */
export function isPublicRead(
  request: Pick<FastifyRequest, 'method' | 'headers' | 'query'>,
  cookie: string,
): boolean {
  if (request.method !== 'GET' && request.method !== 'HEAD') return false;
  const h = request.headers;
  if (h.authorization !== undefined) return false;
  if (typeof h.cookie === 'string' && h.cookie.split(';').some((c) => c.trim().startsWith(`${cookie}=`)))
    return false;
  if (Object.keys(h).some((name) => name.toLowerCase().startsWith('x-luoshi-kiosk'))) return false;
  const query = (request.query ?? {}) as Record<string, unknown>;
  return query.api_key === undefined && query.token === undefined;
}

export interface ReadRouting {
  /** The store the app uses: each call goes to the server chosen for the current request. */
  store: Store;
  /** The onRequest hook that chooses (register first, on the root instance). */
  hook: (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => void;
  /** Which server the current async context reads from (for tests and logs). */
  current(): Target;
}

/**
 * A Store that reads from `replica` inside a public read and from `primary` everywhere else
 * (outside any request too: background jobs, the chase, start-up).
 * @example const routing = routeReads(primary, replica); app.addHook('onRequest', routing.hook)
 */
export function routeReads(primary: Store, replica: Store, cookie: string): ReadRouting {
  const context = new AsyncLocalStorage<Target>();
  const pick = () => (context.getStore() === 'replica' ? replica : primary);
  const store = new Proxy(primary, {
    get(_target, property) {
      const chosen = pick();
      const value: unknown = Reflect.get(chosen, property, chosen);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(chosen) : value;
    },
  });
  return {
    store,
    hook(request, _reply, done) {
      context.run(isPublicRead(request, cookie) ? 'replica' : 'primary', done);
    },
    current: () => context.getStore() ?? 'primary',
  };
}
