/**
 * Test helper: a local HTTP receiver standing in for a robot, an SMS gateway or a platform's
 * webhook. It records every request (method, path and query, headers, raw body) and answers
 * with what the test's handler returns, so tests check the exact format a channel sends and
 * make the channel fail, rate-limit or go down.
 */
import { createServer } from 'node:http';
import type { IncomingHttpHeaders, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedRequest {
  method: string;
  /** Path with query string, as sent. */
  url: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface TestReceiver {
  /** Base URL, e.g. http://127.0.0.1:40123 */
  url: string;
  port: number;
  requests: ReceivedRequest[];
  /** Replaces the handler (default: 200 with `{ errcode: 0, errmsg: 'ok' }`). */
  answer(handler: (request: ReceivedRequest) => Reply): void;
  waitFor(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  stop(): Promise<void>;
  restart(): Promise<void>;
}

export async function startReceiver(port = 0): Promise<TestReceiver> {
  const requests: ReceivedRequest[] = [];
  const waiters: { count: number; resolve: (r: ReceivedRequest[]) => void }[] = [];
  let handler: (request: ReceivedRequest) => Reply = () => ({ body: { errcode: 0, errmsg: 'ok' } });
  const make = (): Server =>
    createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const url = req.url ?? '/';
        const request: ReceivedRequest = {
          method: req.method ?? 'GET',
          url,
          query: new URL(url, 'http://local').searchParams,
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        };
        requests.push(request);
        let reply: Reply;
        try {
          reply = handler(request);
        } catch (error) {
          reply = { status: 500, body: { error: String(error) } };
        }
        const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
        res.end(body);
        for (const w of waiters.splice(0)) {
          if (requests.length >= w.count) w.resolve(requests.slice());
          else waiters.push(w);
        }
      });
    });
  let server = make();
  const listen = (p: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(p, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
    });
  const bound = await listen(port);
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    requests,
    answer: (h) => {
      handler = h;
    },
    waitFor(count, timeoutMs = 10_000) {
      if (requests.length >= count) return Promise.resolve(requests.slice());
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`only ${requests.length} of ${count} requests arrived`)),
          timeoutMs,
        );
        waiters.push({ count, resolve: (r) => (clearTimeout(timer), resolve(r)) });
      });
    },
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
    async restart() {
      server = make();
      await listen(bound);
    },
  };
}
