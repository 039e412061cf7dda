import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { deriveDispatchRules } from './catalogue.js';
import {
  deriveDiscovery,
  escapeXml,
  getServiceDefinition,
  listServices,
  matchesRequestsQuery,
  parseOpen311Post,
  parseRequestsQuery,
  toOpen311Errors,
  toOpen311Json,
  toOpen311PostResponse,
  toOpen311Request,
  toOpen311Xml,
  toW3C,
} from './open311.js';
import { applyEvent, receiveOrder } from './order.js';
import type { RequestActor, WorkOrder } from './types.js';
import { CHANGPING, CHANGPING_CATALOGUE, CHANGPING_UNITS } from '../../test/fixtures/changping-requests.js';

const version = CHANGPING_CATALOGUE.versions[0]!;
const center: RequestActor = { userId: 1, role: 'center', unitIds: [] };
const water: RequestActor = { userId: 2, role: 'unit', unitIds: [203] };
const T0 = '2024-07-01T02:00:00.000Z';

function order(anonymousToPublic: boolean): WorkOrder {
  const received = receiveOrder(
    {
      source: 'hotline',
      text: '我是王先生，电话13812345678，龙腾苑社区5号楼3单元502室门口积水',
      category: '积水',
      location: {
        address: '龙腾苑社区5号楼3单元502室',
        area: '回龙观街道',
        community: '龙腾苑社区',
        lat: 40.0712345,
        long: 116.3298765,
      },
      media: [{ ref: 'm/1.jpg', contentType: 'image/jpeg', bytes: 100 }],
      contact: { name: '王先生', phone: '13812345678' },
      privacy: { anonymousToPublic, anonymousToUnit: false },
    },
    { id: 42, now: T0, actor: center, catalogue: CHANGPING_CATALOGUE, jurisdiction: CHANGPING },
  ).order;
  const rules = deriveDispatchRules(CHANGPING_CATALOGUE, '积水', T0);
  const dispatched = applyEvent(
    received,
    { type: 'dispatched', leadUnitId: 203, coUnits: [], ...rules },
    center,
    T0,
  ).order;
  return applyEvent(dispatched, { type: 'signed', unitId: 203 }, water, '2024-07-01T02:30:00.000Z').order;
}

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('listServices', () => {
  it('lists one service per catalogue row, with metadata, keywords and group', () => {
    const services = listServices(version);
    expect(services).toHaveLength(13);
    expect(services[0]).toEqual({
      service_code: 'heating',
      service_name: '供暖',
      description: '室内温度不达标、暖气不热、漏水等供热问题',
      metadata: true,
      type: 'realtime',
      keywords: '供暖,暖气,供热,室温,不热,采暖',
      group: '城市服务',
    });
  });
});

describe('getServiceDefinition', () => {
  it('asks for the street or town from the jurisdiction, and refuses an unknown code', () => {
    const definition = getServiceDefinition(version, 'waterlogging', CHANGPING);
    expect(definition.service_code).toBe('waterlogging');
    expect(definition.attributes.map((a) => [a.code, a.datatype, a.required])).toEqual([
      ['area', 'singlevaluelist', true],
      ['community', 'string', false],
    ]);
    expect(definition.attributes[0]?.values).toHaveLength(22);
    expect(errorOf(() => getServiceDefinition(version, 'ufo', CHANGPING)).code).toBe('NOT_FOUND');
  });
});

describe('toOpen311Request', () => {
  it('maps an open order with the lead unit, the finish deadline and no personal data', () => {
    const request = toOpen311Request(order(true), {
      version,
      units: CHANGPING_UNITS,
      mediaUrl: (ref) => `https://x.test/${ref}`,
    });
    expect(request).toEqual({
      service_request_id: '42',
      status: 'open',
      status_notes: null,
      service_name: '积水',
      service_code: 'waterlogging',
      description: '我是＊，电话＊，龙腾苑社区＊门口积水',
      agency_responsible: '区水务局',
      service_notice: '积水类诉求：1小时内签收，72小时内办结',
      requested_datetime: '2024-07-01T10:00:00+08:00',
      updated_datetime: '2024-07-01T10:30:00+08:00',
      expected_datetime: '2024-07-04T10:00:00+08:00',
      address: '回龙观街道龙腾苑社区',
      address_id: null,
      zipcode: null,
      lat: 40.071,
      long: 116.33,
      media_url: null,
    });
    const text = JSON.stringify(request);
    expect(text).not.toContain('138');
    expect(text).not.toContain('王');
  });

  it('shows the street-level address and the picture when the citizen did not ask for anonymity, the position rounded all the same', () => {
    const request = toOpen311Request(order(false), {
      version,
      units: CHANGPING_UNITS,
      mediaUrl: (ref) => `https://x.test/${ref}`,
    });
    expect([request.address, request.lat, request.long, request.media_url]).toEqual([
      '回龙观街道龙腾苑社区＊',
      40.071,
      116.33,
      'https://x.test/m/1.jpg',
    ]);
  });

  it('is closed once the order is closed, with the public note', () => {
    let o = order(true);
    o = applyEvent(o, { type: 'contacted', unitId: 203 }, water, T0).order;
    o = applyEvent(
      o,
      { type: 'replied', unitId: 203, text: '内部答复', publicNote: '已疏通雨水口，联系人王先生已确认' },
      water,
      T0,
    ).order;
    o = applyEvent(o, { type: 'closed' }, center, '2024-07-02T00:00:00Z').order;
    const request = toOpen311Request(o, { version, units: CHANGPING_UNITS });
    expect([request.status, request.status_notes, request.updated_datetime]).toEqual([
      'closed',
      '已疏通雨水口，联系人＊已确认',
      '2024-07-02T08:00:00+08:00',
    ]);
  });
});

describe('parseOpen311Post', () => {
  it('takes the area from address_string and the contact from the spec fields', () => {
    const intake = parseOpen311Post(
      {
        service_code: 'waterlogging',
        description: ' 路口积水 ',
        address_string: '回龙观街道回龙观西大街',
        phone: '13800000000',
        last_name: '李',
        first_name: '雷',
      },
      version,
      CHANGPING,
    );
    expect(intake).toEqual({
      source: 'api',
      text: '路口积水',
      category: '积水',
      location: { address: '回龙观街道回龙观西大街', area: '回龙观街道' },
      media: [],
      contact: { name: '李雷', phone: '13800000000' },
      privacy: { anonymousToPublic: true, anonymousToUnit: false },
    });
  });

  it('finds the nearest area to lat/long, and refuses a place far outside', () => {
    const near = parseOpen311Post(
      { service_code: 'noise', description: '噪音', lat: '40.231', long: '116.13' },
      version,
      CHANGPING,
    );
    expect(near.location.area).toBe('南口镇');
    const e = errorOf(() =>
      parseOpen311Post(
        { service_code: 'noise', description: '噪音', lat: '31.23', long: '121.47' },
        version,
        CHANGPING,
      ),
    );
    expect([e.code, e.details[0]?.path]).toEqual(['BAD_INPUT', 'lat']);
    // The distance found (Shanghai is about 1,070 km from Changping) and what to send instead.
    expect(e.message).toMatch(/outside 昌平区: 10\d\d\.\d km from the nearest \(.+\)/);
    expect(e.message).toContain('send attribute[area]');
  });

  it('names an unknown attribute[area] and an address_string that names no area, with the hint', () => {
    const unknown = errorOf(() =>
      parseOpen311Post(
        {
          service_code: 'noise',
          description: '噪音',
          'attribute[area]': '外滩街道',
          lat: '40.2',
          long: '116.2',
        },
        version,
        CHANGPING,
      ),
    );
    expect([unknown.details[0]?.path, unknown.message]).toEqual([
      'attribute[area]',
      'attribute[area] "外滩街道" is not a street or town of 昌平区: send attribute[area] with the street or town (its values: GET services/{service_code}.json)',
    ]);
    const vague = errorOf(() =>
      parseOpen311Post(
        { service_code: 'noise', description: '噪音', address_string: '某路口' },
        version,
        CHANGPING,
      ),
    );
    expect(vague.message).toContain('address_string names no street or town of 昌平区');
  });

  it('routes lat/long by boundaries when the jurisdiction has them, 200 m of slack, refusing beyond', () => {
    const square = (long: number): [number, number][] => [
      [long, 40],
      [long + 0.1, 40],
      [long + 0.1, 40.1],
      [long, 40.1],
      [long, 40],
    ];
    const bounded = {
      name: '某区',
      areas: [
        {
          name: '东街道',
          kind: 'street' as const,
          communities: [],
          boundary: { type: 'Polygon' as const, coordinates: [square(116.1)] },
        },
        // Its centre lies nearer the point below than 东街道's does: the boundary must decide.
        {
          name: '西街道',
          kind: 'street' as const,
          communities: [],
          lat: 40.05,
          long: 116.09,
          boundary: { type: 'Polygon' as const, coordinates: [square(116)] },
        },
      ],
    };
    const post = (lat: string, long: string) =>
      parseOpen311Post({ service_code: 'noise', description: '噪音', lat, long }, version, bounded);
    expect(post('40.05', '116.101').location.area).toBe('东街道');
    // 0.001° north of the boundary is 111 m: within the slack.
    expect(post('40.101', '116.15').location.area).toBe('东街道');
    const far = errorOf(() => post('40.11', '116.15'));
    expect([far.code, far.details[0]?.path, far.message]).toEqual([
      'BAD_INPUT',
      'lat',
      expect.stringMatching(/^the location is outside 某区: 1112 m from 东街道; send attribute\[area\]/),
    ]);
  });

  it('refuses a missing code, an unknown code, and a missing description', () => {
    expect(errorOf(() => parseOpen311Post({}, version, CHANGPING)).details[0]?.path).toBe('service_code');
    expect(errorOf(() => parseOpen311Post({ service_code: 'ufo' }, version, CHANGPING)).code).toBe(
      'NOT_FOUND',
    );
    expect(
      errorOf(() => parseOpen311Post({ service_code: 'noise', address_string: '南口镇' }, version, CHANGPING))
        .details[0]?.path,
    ).toBe('description');
  });
});

describe('parseRequestsQuery', () => {
  const now = '2024-07-01T00:00:00.000Z';
  it('defaults to the last 90 days, page 1 of 100', () => {
    expect(parseRequestsQuery({}, now)).toEqual({
      ids: null,
      serviceCodes: null,
      start: '2024-04-02T00:00:00.000Z',
      end: now,
      statuses: null,
      page: 1,
      pageSize: 100,
    });
  });

  it('reads ids, codes, dates with offsets, statuses and paging', () => {
    const q = parseRequestsQuery(
      {
        service_request_id: '4,5',
        service_code: 'noise,roads',
        start_date: '2024-06-01T00:00:00+08:00',
        end_date: '2024-06-30T00:00:00Z',
        status: 'open',
        page: '3',
        page_size: '20',
      },
      now,
    );
    expect(q).toEqual({
      ids: [4, 5],
      serviceCodes: ['noise', 'roads'],
      start: '2024-05-31T16:00:00.000Z',
      end: '2024-06-30T00:00:00.000Z',
      statuses: ['open'],
      page: 3,
      pageSize: 20,
    });
  });

  it('names every bad parameter', () => {
    const e = errorOf(() =>
      parseRequestsQuery(
        {
          service_request_id: 'x',
          start_date: '2024-01-01',
          status: 'pending',
          page: '0',
          page_size: '5000',
        },
        now,
      ),
    );
    expect(e.details.map((d) => d.path)).toEqual([
      'service_request_id',
      'start_date',
      'status',
      'page',
      'page_size',
    ]);
    expect(
      errorOf(() =>
        parseRequestsQuery({ start_date: '2024-01-01T00:00:00Z', end_date: '2024-06-01T00:00:00Z' }, now),
      ).details,
    ).toEqual([{ path: 'end_date', message: 'at most 90 days after start_date' }]);
  });
});

describe('matchesRequestsQuery', () => {
  it('filters by code, time and status, or by ids alone', () => {
    const o = order(true);
    const q = parseRequestsQuery({ service_code: 'waterlogging', status: 'open' }, '2024-07-02T00:00:00Z');
    expect(matchesRequestsQuery(o, q, version)).toBe(true);
    expect(matchesRequestsQuery(o, { ...q, statuses: ['closed'] }, version)).toBe(false);
    expect(matchesRequestsQuery(o, { ...q, serviceCodes: ['noise'] }, version)).toBe(false);
    expect(matchesRequestsQuery(o, { ...q, ids: [42], serviceCodes: ['noise'] }, version)).toBe(true);
  });
});

describe('toOpen311PostResponse', () => {
  it('returns the id and the notice', () => {
    expect(toOpen311PostResponse(order(true), version)).toEqual([
      { service_request_id: '42', service_notice: '积水类诉求：1小时内签收，72小时内办结', account_id: null },
    ]);
  });
});

describe('toOpen311Errors', () => {
  it('gives one error per bad parameter with the spec code, and 500 for anything unexpected', () => {
    expect(
      toOpen311Errors(
        new AppError('BAD_INPUT', 'x', [
          { path: 'page', message: 'bad' },
          { path: 'status', message: 'bad' },
        ]),
      ),
    ).toEqual([
      { code: 400, description: 'page: bad' },
      { code: 400, description: 'status: bad' },
    ]);
    expect(toOpen311Errors(new AppError('NOT_FOUND', 'service_code ufo not found'))).toEqual([
      { code: 404, description: 'service_code ufo not found' },
    ]);
    expect(toOpen311Errors(new Error('secret stack'))).toEqual([
      { code: 500, description: 'internal error' },
    ]);
  });
});

describe('XML and JSON', () => {
  it('escapes markup and drops characters XML cannot carry', () => {
    expect(escapeXml(`<a & "b" 'c'>\u0001\u0007ok`)).toBe('&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;ok');
  });

  it('writes the spec element names for lists, nested lists and empty values', () => {
    expect(toOpen311Xml('errors', [{ code: 404, description: 'a<b' }])).toBe(
      '<?xml version="1.0" encoding="utf-8"?><errors><error><code>404</code><description>a&lt;b</description></error></errors>',
    );
    const definition = getServiceDefinition(version, 'noise', {
      name: '昌平区',
      areas: [CHANGPING.areas[0]!],
    });
    expect(toOpen311Xml('service_definition', definition)).toBe(
      '<?xml version="1.0" encoding="utf-8"?><service_definition><service_code>noise</service_code><attributes>' +
        '<attribute><variable>true</variable><code>area</code><datatype>singlevaluelist</datatype><required>true</required>' +
        '<datatype_description>街道或镇</datatype_description><order>1</order><description>问题所在的街道或镇（昌平区）</description>' +
        '<values><value><key>城北街道</key><name>城北街道</name></value></values></attribute>' +
        '<attribute><variable>true</variable><code>community</code><datatype>string</datatype><required>false</required>' +
        '<datatype_description>社区或村的名称</datatype_description><order>2</order><description>问题所在的社区（村）</description></attribute>' +
        '</attributes></service_definition>',
    );
    const xml = toOpen311Xml('service_requests', [
      toOpen311Request(order(true), { version, units: CHANGPING_UNITS }),
    ]);
    expect(xml).toContain(
      '<service_requests><request><service_request_id>42</service_request_id><status>open</status><status_notes/>',
    );
  });

  it('writes JSON as plain arrays', () => {
    expect(toOpen311Json([{ code: 400, description: 'x' }])).toBe('[{"code":400,"description":"x"}]');
    expect(toW3C('2024-12-31T16:30:00.000Z')).toBe('2025-01-01T00:30:00+08:00');
  });
});

describe('deriveDiscovery', () => {
  const discovery = deriveDiscovery({
    url: 'https://rx.example.gov.cn/open311/v2',
    changeset: '2024-01-01T00:00:00.000Z',
    contact: '12345热线 api@example.gov.cn',
    keyService: '向区政务服务管理局申请 API 令牌',
  });

  it("names the one GeoReport v2 endpoint with its formats, in the spec's fields", () => {
    expect(discovery).toEqual({
      changeset: '2024-01-01T00:00:00.000Z',
      contact: '12345热线 api@example.gov.cn',
      key_service: '向区政务服务管理局申请 API 令牌',
      endpoints: [
        {
          specification: 'http://wiki.open311.org/GeoReport_v2',
          url: 'https://rx.example.gov.cn/open311/v2',
          changeset: '2024-01-01T00:00:00.000Z',
          type: 'production',
          formats: ['text/xml', 'application/json'],
        },
      ],
    });
  });

  it("writes the XML as the spec's example does (endpoints/endpoint, formats/format)", () => {
    expect(toOpen311Xml('discovery', discovery)).toBe(
      '<?xml version="1.0" encoding="utf-8"?><discovery><changeset>2024-01-01T00:00:00.000Z</changeset>' +
        '<contact>12345热线 api@example.gov.cn</contact><key_service>向区政务服务管理局申请 API 令牌</key_service>' +
        '<endpoints><endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification>' +
        '<url>https://rx.example.gov.cn/open311/v2</url><changeset>2024-01-01T00:00:00.000Z</changeset>' +
        '<type>production</type><formats><format>text/xml</format><format>application/json</format></formats>' +
        '</endpoint></endpoints></discovery>',
    );
  });
});
