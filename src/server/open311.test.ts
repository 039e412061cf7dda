/**
 * The Open311 façade tested by an independent client written from the GeoReport v2
 * specification (wiki.open311.org/GeoReport_v2): it builds the spec's URLs and form bodies and
 * parses its JSON and XML itself. It imports nothing from src/requests.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/factories.js';
import { GeoReportClient, parseXml, xmlRecords } from './testing/georeport-client.js';
import { createTestApp } from './testing/test-app.js';
import type { TestApp } from './testing/test-app.js';

const PERSONAL = ['13700001111', 'zhang@example.com', '张'];

describe.each(DIALECTS)('Open311 GeoReport v2 on %s', (dialect) => {
  let t: TestApp;
  let client: GeoReportClient;
  let serviceCode: string;
  let requestId: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    client = new GeoReportClient(t);
  });

  it('lists services in JSON and XML with the spec fields', async () => {
    const json = await client.get('services.json');
    expect(json.status).toBe(200);
    expect(json.type).toContain('application/json');
    const services = JSON.parse(json.body) as Record<string, unknown>[];
    expect(services.length).toBeGreaterThan(5);
    for (const s of services) {
      for (const field of [
        'service_code',
        'service_name',
        'description',
        'metadata',
        'type',
        'keywords',
        'group',
      ]) {
        expect(s).toHaveProperty(field);
      }
      expect(['realtime', 'batch', 'blackbox']).toContain(s.type);
    }
    serviceCode = String(
      services.find((s) => s.service_name === '积水')?.service_code ?? services[0]?.service_code,
    );
    const xml = await client.get('services.xml');
    expect(xml.type).toContain('xml');
    const doc = parseXml(xml.body);
    expect(doc.name).toBe('services');
    expect(xmlRecords(doc).map((s) => s.service_code)).toEqual(services.map((s) => String(s.service_code)));
  });

  it('gives a service definition with its attributes, and 404 in the error format for an unknown code', async () => {
    const definition = JSON.parse((await client.get(`services/${serviceCode}.json`)).body) as {
      service_code: string;
      attributes: { code: string; datatype: string; required: boolean; order: number }[];
    };
    expect(definition.service_code).toBe(serviceCode);
    expect(definition.attributes.length).toBeGreaterThan(0);
    for (const a of definition.attributes) expect(typeof a.required).toBe('boolean');
    const xml = parseXml((await client.get(`services/${serviceCode}.xml`)).body);
    expect(xml.name).toBe('service_definition');
    const missing = await client.get('services/no-such-service.xml');
    expect(missing.status).toBe(404);
    const errors = parseXml(missing.body);
    expect(errors.name).toBe('errors');
    expect(xmlRecords(errors)[0]?.code).toBe('404');
  });

  it('requires an api_key to POST, then answers the new service_request_id', async () => {
    const form = {
      service_code: serviceCode,
      description: '回龙观西大街路口积水很深，请尽快处理。我的电话13700001111',
      address_string: '回龙观街道回龙观西大街路口',
      attribute: '',
      first_name: '张',
      email: 'zhang@example.com',
      phone: '13700001111',
    };
    const without = await client.post('requests.json', form);
    expect(without.status).toBe(403);
    expect(JSON.parse(without.body)).toEqual([{ code: 403, description: expect.any(String) }]);
    const wrong = await client.post('requests.json', { ...form, api_key: 'not-a-key' });
    expect(wrong.status).toBe(403);
    const posted = await client.post('requests.json', { ...form, api_key: t.tokens.supervisor });
    expect(posted.status, posted.body).toBeLessThan(300);
    const [created] = JSON.parse(posted.body) as { service_request_id: string }[];
    expect(created?.service_request_id).toMatch(/^\d+$/);
    requestId = String(created?.service_request_id);
    const noService = await client.post('requests.xml', {
      ...form,
      service_code: 'nope',
      api_key: t.tokens.supervisor,
    });
    expect(noService.status).toBe(404);
    expect(parseXml(noService.body).name).toBe('errors');
    const noDescription = await client.post('requests.json', {
      service_code: serviceCode,
      address_string: '回龙观街道',
      api_key: t.tokens.supervisor,
    });
    expect(noDescription.status).toBe(400);
  });

  it('returns one request and filtered, paged lists without personal data', async () => {
    const one = await client.get(`requests/${requestId}.json`);
    expect(one.status).toBe(200);
    const [request] = JSON.parse(one.body) as Record<string, unknown>[];
    expect(request).toMatchObject({
      service_request_id: requestId,
      service_code: serviceCode,
      status: 'open',
    });
    for (const word of PERSONAL) expect(one.body).not.toContain(word);
    const xml = parseXml((await client.get(`requests/${requestId}.xml`)).body);
    expect(xml.name).toBe('service_requests');
    expect(xmlRecords(xml)[0]?.service_request_id).toBe(requestId);
    for (const word of PERSONAL) expect(JSON.stringify(xmlRecords(xml))).not.toContain(word);

    const byId = JSON.parse(
      (await client.get('requests.json', { service_request_id: requestId })).body,
    ) as unknown[];
    expect(byId).toHaveLength(1);
    const open = JSON.parse(
      (await client.get('requests.json', { status: 'open', service_code: serviceCode })).body,
    ) as {
      service_request_id: string;
    }[];
    expect(open.map((r) => r.service_request_id)).toContain(requestId);
    const closed = JSON.parse((await client.get('requests.json', { status: 'closed' })).body) as unknown[];
    expect(closed).toEqual([]);
    await client.post('requests.json', {
      service_code: serviceCode,
      description: '另一个路口也积水',
      address_string: '回龙观街道龙锦三街',
      api_key: t.tokens.admin,
    });
    const first = JSON.parse(
      (await client.get('requests.json', { page_size: '1', page: '1' })).body,
    ) as unknown[];
    const second = JSON.parse(
      (await client.get('requests.json', { page_size: '1', page: '2' })).body,
    ) as unknown[];
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    expect(second).not.toEqual(first);
    expect(await client.get('requests/999999.json')).toMatchObject({ status: 404 });
  });

  it('answers bad parameters with 400 in the error format of the asked format', async () => {
    const bad = await client.get('requests.xml', { page_size: '0', start_date: 'yesterday' });
    expect(bad.status).toBe(400);
    const errors = xmlRecords(parseXml(bad.body));
    expect(errors.length).toBe(2);
    expect(errors.every((e) => e.code === '400')).toBe(true);
  });
});
