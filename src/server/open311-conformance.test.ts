/**
 * Open311 as real clients use it (issue 12.6, 12.10), through the independent client of
 * testing/georeport-client.ts: the discovery document the spec requires, the spec's 404 for any
 * unknown path under /open311/v2/ (never the web app's page), a place outside the jurisdiction
 * refused with the distance and what to send instead, a multipart POST with its `media` part,
 * and a POST that acts as the api_key's user under the API's rules.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/factories.js';
import { GeoReportClient, parseXml, xmlRecords } from './testing/georeport-client.js';
import { JPEG } from './testing/pictures.js';
import { createTestApp, json } from './testing/test-app.js';
import type { TestApp } from './testing/test-app.js';

const PUBLIC_URL = 'https://12345.example.gov.cn';

describe.each(DIALECTS)('Open311 conformance on %s', (dialect) => {
  let t: TestApp;
  let client: GeoReportClient;
  let sent = 0;
  // Each its own text: the same text twice within a second is one request sent twice (409).
  const form = (extra: Record<string, string> = {}) => ({
    service_code: 'waterlogging',
    description: `回龙观西大街路口积水很深，请尽快处理（第${(sent += 1)}次反映）。`,
    address_string: '回龙观街道回龙观西大街路口',
    ...extra,
  });
  beforeAll(async () => {
    const webRoot = mkdtempSync(join(tmpdir(), 'luoshi-web-'));
    writeFileSync(join(webRoot, 'index.html'), '<!doctype html><html><body>the web app</body></html>');
    t = await createTestApp(dialect, { webRoot, publicUrl: PUBLIC_URL });
    client = new GeoReportClient(t);
  });

  it('serves the discovery document in JSON and XML, naming this endpoint and its formats', async () => {
    const asJson = await client.get('discovery.json');
    expect(asJson.status).toBe(200);
    expect(asJson.type).toMatch(/^application\/json/);
    const discovery = JSON.parse(asJson.body) as Record<string, unknown> & {
      endpoints: Record<string, unknown>[];
    };
    expect(Object.keys(discovery).sort()).toEqual(['changeset', 'contact', 'endpoints', 'key_service']);
    expect(discovery.endpoints).toEqual([
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: `${PUBLIC_URL}/open311/v2`,
        changeset: discovery.changeset,
        type: 'production',
        formats: ['text/xml', 'application/json'],
      },
    ]);
    const asXml = await client.get('discovery.xml');
    expect(asXml.type).toMatch(/^text\/xml/);
    const root = parseXml(asXml.body);
    expect(root.name).toBe('discovery');
    const endpoints = root.children.find((c) => c.name === 'endpoints');
    expect(xmlRecords(endpoints!)[0]).toMatchObject({ url: `${PUBLIC_URL}/open311/v2`, type: 'production' });
  });

  it('answers any unknown path under /open311/v2/ with the spec’s 404, never the web app', async () => {
    for (const [path, format] of [
      ['nothing', 'json'],
      ['requests', 'json'],
      ['services.html', 'json'],
      ['tokens/123.xml', 'xml'],
      ['', 'json'],
      ['a/b/c.json', 'json'],
    ] as const) {
      const answer = await client.get(path);
      expect(answer.status, path).toBe(404);
      expect(answer.body, path).not.toContain('the web app');
      if (format === 'xml') expect(xmlRecords(parseXml(answer.body))[0]?.code).toBe('404');
      else
        expect(JSON.parse(answer.body)).toEqual([
          { code: 404, description: expect.stringMatching(/no resource/) },
        ]);
    }
    const post = await client.post('tokens.json', { api_key: t.tokens.admin });
    expect([post.status, JSON.parse(post.body)[0].code]).toEqual([404, 404]);
  });

  it('refuses a place outside the jurisdiction with the distance found and the hint to send attribute[area]', async () => {
    const answer = await client.post(
      'requests.json',
      form({ address_string: '', lat: '31.2304', long: '121.4737', api_key: t.tokens.supervisor }),
    );
    expect(answer.status).toBe(400);
    const [error] = JSON.parse(answer.body) as { code: number; description: string }[];
    expect(error?.code).toBe(400);
    expect(error?.description).toMatch(
      /the location 31\.2304, 121\.4737 is outside .+: \d+\.\d km from the nearest/,
    );
    expect(error?.description).toContain('send attribute[area]');
    // With the area named, the same client is taken in.
    const named = await client.post(
      'requests.json',
      form({ lat: '40.07', long: '116.33', 'attribute[area]': '回龙观街道', api_key: t.tokens.supervisor }),
    );
    expect(named.status, named.body).toBe(201);
  });

  it('takes a multipart POST with the client’s media part, as the caller, and keeps the picture', async () => {
    const long = '积水'.repeat(900); // longer than a default multipart field
    const answer = await client.postMultipart(
      'requests.json',
      form({ description: long, api_key: t.tokens.admin, first_name: '三', last_name: '张' }),
      { name: 'photo.jpg', type: 'image/jpeg', content: JPEG },
    );
    expect(answer.status, answer.body).toBe(201);
    const [created] = JSON.parse(answer.body) as { service_request_id: string }[];
    const order = json<{ text: string; media: { contentType: string; bytes: number }[]; contact: unknown }>(
      await t.request('admin', { url: `/api/v1/requests/${created!.service_request_id}` }),
    );
    expect(order.text).toBe(long);
    expect(order.media).toMatchObject([{ contentType: 'image/jpeg', bytes: JPEG.length }]);
    expect(order.contact).toEqual({ name: '张三' });
    const xml = await client.postMultipart('requests.xml', form({ api_key: t.tokens.admin }));
    expect(xml.status, xml.body).toBe(201);
    expect(parseXml(xml.body).name).toBe('service_requests');
    const disguised = await client.postMultipart('requests.json', form({ api_key: t.tokens.admin }), {
      name: 'photo.jpg',
      type: 'image/jpeg',
      content: Buffer.from('<html>not a picture</html>'),
    });
    expect(disguised.status).toBe(400);
  });

  it('acts as the api_key’s user: a leader takes nothing in, a unit no request but its grid finds', async () => {
    const before = json<{ total: number }>(await t.request('admin', { url: '/api/v1/requests' })).total;
    for (const caller of ['leader', 'reporter', 'otherReporter'] as const) {
      const answer = await client.post('requests.json', form({ api_key: t.tokens[caller] }));
      expect(answer.status, caller).toBe(403);
      expect(JSON.parse(answer.body)[0].code).toBe(403);
    }
    expect(json<{ total: number }>(await t.request('admin', { url: '/api/v1/requests' })).total).toBe(before);
    const taken = await client.post('requests.json', form({ api_key: t.tokens.supervisor }));
    expect(taken.status).toBe(201);
    const order = json<{ items: { source: string }[] }>(
      await t.request('admin', { url: '/api/v1/requests?limit=1' }),
    );
    expect(order.items.length).toBe(1);
  });
});
