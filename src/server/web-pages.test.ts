import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/factories.js';
import { SESSION_COOKIE } from './auth/actor.js';
import { createTestApp, json } from './testing/test-app.js';
import type { TestApp } from './testing/test-app.js';
import { PUBLISHED_PLANS_URL } from './web-pages.js';

const INDEX =
  '<!doctype html>\n<html lang="zh-CN">\n  <head>\n    <title>落实</title>\n' +
  '    <script type="module" crossorigin src="/assets/index-a.js"></script>\n  </head>\n' +
  '  <body><div id="root"></div></body>\n</html>\n';
const PRELOADS = {
  pages: {
    'public-page': {
      // As many as a build names (36 for the public page): the page is then worth compressing.
      scripts: [
        '/assets/public-page-b.js',
        '/assets/list-c.js',
        ...Array.from({ length: 30 }, (_, i) => `/assets/part${i}-0123abcd.js`),
      ],
      styles: ['/assets/list-c.css'],
    },
  },
};

describe.each(DIALECTS)('the page sent for the public plan page on %s (web-pages.ts)', (dialect) => {
  let t: TestApp;
  let webRoot: string;
  beforeAll(async () => {
    webRoot = mkdtempSync(join(tmpdir(), 'luoshi-web-pages-'));
    writeFileSync(join(webRoot, 'index.html'), INDEX);
    writeFileSync(join(webRoot, 'route-preloads.json'), JSON.stringify(PRELOADS));
    t = await createTestApp(dialect, { webRoot });
  });
  afterAll(() => rmSync(webRoot, { recursive: true, force: true }));

  const fetchLink = (url: string) =>
    `<link rel="preload" as="fetch" crossorigin="use-credentials" href="${url}">`;

  it('names the plan list, the first published plan’s one answer, the page’s scripts and styles; compressed, never cached', async () => {
    const answer = await t.app.inject({ url: '/public', headers: { 'accept-encoding': 'br' } });
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^text\/html/);
    expect(answer.headers['cache-control']).toBe('no-cache');
    expect(answer.headers['content-encoding']).toBe('br');
    const html = brotliDecompressSync(answer.rawPayload).toString('utf8');
    const page = `/api/v1/public/plans/${t.published.plan.id}/page`;
    expect(html).toContain(fetchLink(PUBLISHED_PLANS_URL.replace(/&/g, '&amp;')));
    expect(html).toContain(fetchLink(page));
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/public-page-b.js">');
    expect(html).toContain('<link rel="modulepreload" crossorigin href="/assets/list-c.js">');
    expect(html).toContain('<link rel="preload" as="style" crossorigin href="/assets/list-c.css">');
    // The answers are asked first, before the app's first script; the page's files after it.
    expect(html.indexOf(page)).toBeLessThan(html.indexOf('<script'));
    expect(html.indexOf('/assets/list-c.js')).toBeGreaterThan(html.indexOf('<script'));
    expect(html).toContain('<div id="root"></div>');
  });

  it('preloads what the app then asks for: the public’s plan list starts with that plan, and its answer is there', async () => {
    const list = await t.request('public', { url: PUBLISHED_PLANS_URL });
    expect(list.statusCode).toBe(200);
    const first = json<{ items: { id: number }[] }>(list).items[0]?.id;
    expect(first).toBe(t.published.plan.id);
    const page = await t.request('public', { url: `/api/v1/public/plans/${first}/page` });
    expect(page.statusCode).toBe(200);
  });

  it('names the plan of the address on /public/:planId, and for a signed-in visitor on /public only the list', async () => {
    const one = await t.app.inject({ url: '/public/7' });
    expect(one.body).toContain(fetchLink('/api/v1/public/plans/7/page'));
    const signedIn = await t.app.inject({ url: '/public', cookies: { [SESSION_COOKIE]: 'a-session' } });
    expect(signedIn.body).toContain('/assets/public-page-b.js');
    expect(signedIn.body).not.toContain('/page"');
  });

  it('sends index.html as it is for every other address of the app', async () => {
    for (const url of ['/plans/1', '/public/7/promises', '/wall/1']) {
      const answer = await t.app.inject({ url });
      expect(answer.statusCode, url).toBe(200);
      expect(answer.body, url).toBe(INDEX);
    }
  });
});
