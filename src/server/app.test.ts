import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from 'node:zlib';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStore } from '../../test/factories.js';
import { createApp } from './app.js';
import { json } from './testing/test-app.js';

interface ErrorAnswer {
  error: { code: string; message: string; details: unknown[] };
}

/** A built file whose name carries its content's hash, and its precompressed twin. */
const HASHED = 'index-B4xQ9k2Z.js';
const HASHED_JS = `export const words = ${JSON.stringify(Array.from({ length: 300 }, (_, i) => `第${i}项`))};`;

describe('createApp', () => {
  let webRoot: string;
  beforeAll(() => {
    webRoot = mkdtempSync(join(tmpdir(), 'luoshi-web-'));
    mkdirSync(join(webRoot, 'assets'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>落实</title><div id="root"></div>');
    writeFileSync(join(webRoot, 'assets', 'app.js'), 'console.log("luoshi")');
    writeFileSync(join(webRoot, 'assets', HASHED), HASHED_JS);
    writeFileSync(join(webRoot, 'assets', `${HASHED}.br`), brotliCompressSync(HASHED_JS));
  });
  afterAll(() => rmSync(webRoot, { recursive: true, force: true }));

  it('documents the API as OpenAPI at /api/docs/json with every v1 route and the resource schemas', async () => {
    const app = await createApp({ store: await createTestStore('sqlite'), webRoot: false });
    const response = await app.inject({ url: '/api/docs/json' });
    expect(response.statusCode).toBe(200);
    const spec = json<{
      openapi: string;
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    }>(response);
    expect(spec.openapi).toBe('3.1.0');
    expect(Object.keys(spec.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/plans',
        '/api/v1/plans/{planId}',
        '/api/v1/plans/{planId}/tasks/{taskId}',
        '/api/v1/session',
        '/api/v1/tokens',
      ]),
    );
    // The native API and the Open311 GeoReport v2 façade; nothing else (no static or docs routes).
    expect(Object.keys(spec.paths).filter((path) => !/^\/(api\/v1|open311\/v2)\//.test(path))).toEqual([]);
    expect(Object.keys(spec.components.schemas)).toEqual(
      expect.arrayContaining(['Plan', 'Task', 'Target', 'ErrorBody']),
    );
    const docs = await app.inject({ url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
    expect(docs.headers['content-type']).toMatch(/text\/html/);
  });

  it('answers unknown API routes with a JSON 404', async () => {
    const app = await createApp({ store: await createTestStore('sqlite'), webRoot: false });
    const response = await app.inject({ method: 'POST', url: '/api/v1/nothing-here' });
    expect(response.statusCode).toBe(404);
    expect(json<ErrorAnswer>(response).error.code).toBe('NOT_FOUND');
  });

  it('answers 500 with a generic message and no stack when the store fails, and logs the error', async () => {
    const store = await createTestStore('sqlite');
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = await createApp({ store, webRoot: false, logger: pino({ level: 'error' }, sink) });
    await store.close(); // every query now fails inside the driver
    const response = await app.inject({ url: '/api/v1/plans' });
    expect(response.statusCode).toBe(500);
    expect(json<ErrorAnswer>(response)).toEqual({
      error: { code: 'INTERNAL', message: 'internal error', details: [] },
    });
    expect(response.body).not.toMatch(/at .+\.(ts|js):\d+/);
    expect(lines.join('')).toMatch(/"level":50.*request failed/);
  });

  it('answers /api/v1/health while the database answers, and 503 when it does not', async () => {
    const store = await createTestStore('sqlite');
    const app = await createApp({ store, webRoot: false });
    const ok = await app.inject({ url: '/api/v1/health' });
    expect(json(ok)).toEqual({ ok: true, database: 'sqlite' });
    await store.close();
    const down = await app.inject({ url: '/api/v1/health' });
    expect(down.statusCode).toBe(503);
    expect(json<ErrorAnswer>(down).error.code).toBe('UNAVAILABLE');
  });

  it('serves the built web app, its assets, and index.html for client routes', async () => {
    const app = await createApp({ store: await createTestStore('sqlite'), webRoot });
    const home = await app.inject({ url: '/' });
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('<div id="root">');
    const asset = await app.inject({ url: '/assets/app.js' });
    expect(asset.headers['content-type']).toMatch(/javascript/);
    const clientRoute = await app.inject({ url: '/plans/3/tasks?unit=2' });
    expect(clientRoute.statusCode).toBe(200);
    expect(clientRoute.body).toContain('<div id="root">');
  });

  it('sends CSP with frame-ancestors, X-Frame-Options and Referrer-Policy on the app, the API and the docs; no-store on sign-in', async () => {
    const app = await createApp({ store: await createTestStore('sqlite'), webRoot });
    for (const url of [
      '/',
      '/plans/3',
      '/assets/app.js',
      '/api/v1/plans',
      '/api/v1/nothing',
      '/api/docs/',
      '/api/docs/json',
    ]) {
      const answer = await app.inject({ url });
      expect(answer.headers['content-security-policy'], url).toMatch(
        /default-src 'self'.*frame-ancestors 'none'/,
      );
      expect(answer.headers['content-security-policy'], url).toContain("script-src 'self';");
      expect(answer.headers['x-frame-options'], url).toBe('DENY');
      expect(answer.headers['referrer-policy'], url).toBe('same-origin');
    }
    const signIn = (password: string) =>
      app.inject({ method: 'POST', url: '/api/v1/session', payload: { username: 'nobody', password } });
    expect((await signIn('guess')).headers['cache-control']).toBe('no-store');
    const invalid = await app.inject({ method: 'POST', url: '/api/v1/session', payload: {} });
    expect([invalid.statusCode, invalid.headers['cache-control']]).toEqual([400, 'no-store']);
  });

  it('keeps hashed assets for a year, precompressed, and asks again for everything else', async () => {
    const app = await createApp({ store: await createTestStore('sqlite'), webRoot });
    const br = await app.inject({ url: `/assets/${HASHED}`, headers: { 'accept-encoding': 'br, gzip' } });
    expect(br.statusCode).toBe(200);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(HASHED_JS);
    // No .gz beside it: compressed on the way out.
    const gz = await app.inject({ url: `/assets/${HASHED}`, headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(HASHED_JS);
    const plain = await app.inject({ url: `/assets/${HASHED}` });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(HASHED_JS);
    for (const url of ['/', '/index.html', '/assets/app.js', '/plans/3']) {
      expect((await app.inject({ url })).headers['cache-control'], url).toBe('no-cache');
    }
  });

  it('never answers API paths with the web app', async () => {
    const app = await createApp({ store: await createTestStore('sqlite'), webRoot });
    const response = await app.inject({ url: '/api/v1/unknown' });
    expect(response.statusCode).toBe(404);
    expect(json<ErrorAnswer>(response).error.code).toBe('NOT_FOUND');
  });

  it('answers / with a JSON 404 when there is no built web app', async () => {
    const app = await createApp({
      store: await createTestStore('sqlite'),
      webRoot: join(webRoot, 'missing'),
    });
    expect((await app.inject({ url: '/' })).statusCode).toBe(404);
  });
});
