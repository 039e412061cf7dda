/**
 * Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2/) as pure functions: the services
 * list and service definitions from the dispatch catalogue, work orders as public service
 * requests (derivePublicOrder: no personal data), a POSTed request as an intake, the GET requests parameters
 * with paging, JSON and XML output, and the spec's error format. A transport mounts these
 * under /open311/v2/ and checks the api_key on writes.
 */
import { AppError, isAppError } from '../errors.js';
import type { ErrorCode } from '../errors.js';
import type { CatalogueRow, CatalogueVersion } from './catalogue.js';
import { locateArea } from '../jurisdictions/geometry.js';
import type { JurisdictionArea } from '../jurisdictions/types.js';
import type { Jurisdiction } from './places.js';
import { derivePublicOrder } from './privacy.js';
import type { OrderIntake, RequestUnit, WorkOrder } from './types.js';

export interface Open311Service {
  service_code: string;
  service_name: string;
  description: string;
  metadata: boolean;
  type: 'realtime' | 'batch' | 'blackbox';
  keywords: string;
  group: string;
}

export interface Open311Attribute {
  variable: boolean;
  code: string;
  datatype: 'string' | 'number' | 'datetime' | 'text' | 'singlevaluelist' | 'multivaluelist';
  required: boolean;
  datatype_description: string;
  order: number;
  description: string;
  values?: { key: string; name: string }[];
}

export interface Open311ServiceDefinition {
  service_code: string;
  attributes: Open311Attribute[];
}

export interface Open311Request {
  service_request_id: string;
  status: 'open' | 'closed';
  status_notes: string | null;
  service_name: string;
  service_code: string;
  description: string;
  agency_responsible: string | null;
  service_notice: string | null;
  requested_datetime: string;
  updated_datetime: string;
  expected_datetime: string | null;
  address: string;
  address_id: null;
  zipcode: null;
  lat: number | null;
  long: number | null;
  media_url: string | null;
}

export interface Open311Error {
  code: number;
  description: string;
}

const serviceCode = (row: CatalogueRow): string => row.code ?? row.category;

function describeRule(rule: CatalogueRow['finish']): string {
  return rule.calendar === 'natural_hours' ? `${rule.amount}小时` : `${rule.amount}个工作日`;
}

/**
 * The services list: one service per catalogue row. Each has metadata (the street or town is
 * asked for as an attribute), and is `realtime` (a request id comes back at once).
 * @example
 * listServices(catalogue.versions[0]!)[0] // { service_code: 'heating', service_name: '供暖', … }
 */
export function listServices(version: CatalogueVersion): Open311Service[] {
  return version.rows.map((row) => ({
    service_code: serviceCode(row),
    service_name: row.category,
    description: row.description,
    metadata: true,
    type: 'realtime',
    keywords: row.keywords.join(','),
    group: row.group,
  }));
}

/**
 * The definition of a service: `area` (the street or town, required, from the jurisdiction)
 * and `community` (optional). Throws NOT_FOUND for an unknown code.
 * @example
 * getServiceDefinition(version, 'waterlogging', jurisdiction).attributes[0]?.code // 'area'
 */
export function getServiceDefinition(
  version: CatalogueVersion,
  code: string,
  jurisdiction: Jurisdiction,
): Open311ServiceDefinition {
  const row = version.rows.find((r) => serviceCode(r) === code);
  if (!row)
    throw new AppError('NOT_FOUND', `service_code ${code} not found`, [
      { path: 'service_code', message: 'unknown' },
    ]);
  return {
    service_code: serviceCode(row),
    attributes: [
      {
        variable: true,
        code: 'area',
        datatype: 'singlevaluelist',
        required: true,
        datatype_description: '街道或镇',
        order: 1,
        description: `问题所在的街道或镇（${jurisdiction.name}）`,
        values: jurisdiction.areas.map((a) => ({ key: a.name, name: a.name })),
      },
      {
        variable: true,
        code: 'community',
        datatype: 'string',
        required: false,
        datatype_description: '社区或村的名称',
        order: 2,
        description: '问题所在的社区（村）',
      },
    ],
  };
}

/**
 * An instant as W3C date-time in Beijing time, as GeoReport v2 asks.
 * @example
 * toW3C('2024-07-01T02:00:00.000Z') // '2024-07-01T10:00:00+08:00'
 */
export function toW3C(instant: string): string {
  const ms = Date.parse(instant);
  return `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 19)}+08:00`;
}

export interface RequestMappingContext {
  version: CatalogueVersion;
  units: readonly RequestUnit[];
  /** A public URL for a media ref, or undefined to publish none. */
  mediaUrl?: (ref: string) => string | undefined;
  /** When the order last changed (its last event); defaults to the latest time on the order. */
  updatedAt?: string;
  /**
   * The jurisdiction an order was handed to (市级派单): its name and Open311 `jurisdiction_id`,
   * for the handed-down order's status notes. Undefined when it is not known.
   */
  jurisdictionOf?: (id: number) => { name: string; open311Id: string | null } | undefined;
}

/**
 * An order's GeoReport v2 status: closed once closed, and once handed down to another
 * jurisdiction (市级派单: this one will do nothing more; the receiving order carries it on).
 * @example
 * toOpen311Status({ status: 'transferred' }) // 'closed'
 */
export function toOpen311Status(order: Pick<WorkOrder, 'status'>): 'open' | 'closed' {
  return order.status === 'closed' || order.status === 'transferred' ? 'closed' : 'open';
}

/** The order's statuses that GeoReport v2 calls closed (toOpen311Status), for the store's filter. */
export const OPEN311_CLOSED_STATUSES = ['closed', 'transferred'] as const;

/**
 * The status notes of an order handed down: where to, and the receiving order's
 * `service_request_id` (with that jurisdiction's `jurisdiction_id`, under which a client reads it).
 */
function describeTransfer(
  to: NonNullable<WorkOrder['transferredTo']>,
  ctx: RequestMappingContext,
): { notes: string; agency: string | null } {
  const there = ctx.jurisdictionOf?.(to.jurisdictionId);
  const where = there?.name ?? '下级辖区';
  const key = there?.open311Id ? `，jurisdiction_id ${there.open311Id}` : '';
  return {
    notes: `已转办至${where}办理（service_request_id ${to.orderId}${key}），办理结果请查询该工单。`,
    agency: there?.name ?? null,
  };
}

function latestTime(order: WorkOrder): string {
  const times = [
    order.receivedAt,
    order.signedAt,
    order.contactedAt,
    order.repliedAt,
    order.closedAt,
    order.transferredTo?.at ?? null,
    ...order.followUps.map((f) => f.at),
  ];
  return (
    times
      .filter((t): t is string => t !== null)
      .sort()
      .at(-1) ?? order.receivedAt
  );
}

/**
 * A work order as a public GeoReport v2 request: derivePublicOrder's view of it (the one rule
 * for the public, open orders included), in the spec's fields. `media_url` is the first
 * picture the public may open, when `mediaUrl` makes a URL for it.
 * @example
 * toOpen311Request(order, { version, units }).status // 'open'
 */
export function toOpen311Request(order: WorkOrder, ctx: RequestMappingContext): Open311Request {
  const row = ctx.version.rows.find((r) => r.category === order.category);
  const view = derivePublicOrder(order);
  const firstMedia = view.media[0];
  const lead = view.leadUnitId === null ? undefined : ctx.units.find((u) => u.id === view.leadUnitId);
  const transfer = order.transferredTo ? describeTransfer(order.transferredTo, ctx) : undefined;
  return {
    service_request_id: String(view.id),
    status: toOpen311Status(order),
    status_notes: transfer?.notes ?? view.publicNote,
    service_name: view.category,
    service_code: row ? serviceCode(row) : view.category,
    description: view.text,
    agency_responsible: transfer ? transfer.agency : (lead?.name ?? null),
    service_notice: row
      ? `${row.category}类诉求：${describeRule(row.sign)}内签收，${describeRule(row.finish)}内办结`
      : null,
    requested_datetime: toW3C(view.receivedAt),
    updated_datetime: toW3C(ctx.updatedAt ?? latestTime(order)),
    expected_datetime: transfer || view.expectedAt === null ? null : toW3C(view.expectedAt),
    address: view.address,
    address_id: null,
    zipcode: null,
    lat: view.lat,
    long: view.long,
    media_url: firstMedia && ctx.mediaUrl ? (ctx.mediaUrl(firstMedia.ref) ?? null) : null,
  };
}

/** The Service Discovery document (http://wiki.open311.org/Service_Discovery), required by GeoReport v2. */
export interface Open311Discovery {
  changeset: string;
  contact: string;
  key_service: string;
  endpoints: {
    specification: string;
    url: string;
    changeset: string;
    type: 'production' | 'test';
    formats: string[];
  }[];
}

export interface DiscoveryContext {
  /** The GeoReport v2 endpoint as clients reach it (from configuration, never a request's Host). */
  url: string;
  /** When services or their definitions last changed: the catalogue version in force. */
  changeset: string;
  contact: string;
  keyService: string;
  type?: 'production' | 'test';
}

/**
 * The discovery document: one GeoReport v2 endpoint in XML and JSON. `changeset` is sortable
 * (an ISO instant), so a client knows when to fetch the services again.
 * @example
 * deriveDiscovery({ url: 'https://x.gov.cn/open311/v2', changeset: '2024-01-01T00:00:00Z', contact: '…', keyService: '…' }).endpoints[0].formats
 * // ['text/xml', 'application/json']
 */
export function deriveDiscovery(ctx: DiscoveryContext): Open311Discovery {
  return {
    changeset: ctx.changeset,
    contact: ctx.contact,
    key_service: ctx.keyService,
    endpoints: [
      {
        specification: 'http://wiki.open311.org/GeoReport_v2',
        url: ctx.url,
        changeset: ctx.changeset,
        type: ctx.type ?? 'production',
        formats: ['text/xml', 'application/json'],
      },
    ],
  };
}

/** Parameters as a transport hands them over: every value a string (or absent). */
export type Open311Params = Record<string, string | undefined>;

const trim = (v: string | undefined): string => (v ?? '').trim();

function bad(path: string, message: string): never {
  throw new AppError('BAD_INPUT', message, [{ path, message }]);
}

/** A point this close outside an area's boundary still counts as in it (GPS error, boundary lines). */
const BOUNDARY_TOLERANCE_M = 200;

function toJurisdictionAreas(jurisdiction: Jurisdiction): JurisdictionArea[] {
  return jurisdiction.areas.map((a) => ({
    name: a.name,
    kind: a.kind,
    communities: a.communities,
    ...(a.lat !== undefined && a.long !== undefined ? { centre: { lat: a.lat, long: a.long } } : {}),
    ...(a.boundary ? { boundary: a.boundary } : {}),
  }));
}

const HINT = 'send attribute[area] with the street or town (its values: GET services/{service_code}.json)';

/**
 * The street or town of a POSTed request: `attribute[area]` when given (it must be one of the
 * jurisdiction's), else one named in `address_string`, else the nearest area centre to lat/long
 * within `maxKm`. Refuses with the distance it found and the hint to send `attribute[area]`.
 */
function deriveArea(
  params: Open311Params,
  addressString: string,
  lat: number | undefined,
  long: number | undefined,
  jurisdiction: Jurisdiction,
  maxKm: number,
): string {
  const given = trim(params['attribute[area]']);
  if (given) {
    if (jurisdiction.areas.some((a) => a.name === given)) return given;
    bad(
      'attribute[area]',
      `attribute[area] "${given}" is not a street or town of ${jurisdiction.name}: ${HINT}`,
    );
  }
  const named = jurisdiction.areas.find((a) => addressString.includes(a.name));
  if (named) return named.name;
  if (lat === undefined || long === undefined) {
    bad('attribute[area]', `address_string names no street or town of ${jurisdiction.name}: ${HINT}`);
  }
  // The area whose boundary holds the point (or lies within 200 m of it) when the jurisdiction
  // has boundaries, else the nearest area centre within maxKm.
  const located = locateArea(toJurisdictionAreas(jurisdiction), { lat, long });
  if (located?.inside) return located.area;
  if (located && located.metres <= (located.by === 'centre' ? maxKm * 1000 : BOUNDARY_TOLERANCE_M)) {
    return located.area;
  }
  if (located?.by === 'boundary') {
    bad(
      'lat',
      `the location is outside ${jurisdiction.name}: ${located.metres} m from ${located.area}; ${HINT}`,
    );
  }
  const found = located
    ? `${(located.metres / 1000).toFixed(1)} km from the nearest (${located.area})`
    : 'not near any';
  return bad(
    'lat',
    `the location ${lat}, ${long} is outside ${jurisdiction.name}: ${found}; a street or town's ` +
      `centre must be within ${maxKm} km. If the place is in ${jurisdiction.name}, ${HINT}`,
  );
}

/**
 * A POSTed service request as an intake (source `api`). The street or town comes from
 * `attribute[area]`, or from an area name in `address_string`, or from lat/long: the area whose
 * boundary holds the point (or lies within 200 m of it) when the jurisdiction has boundaries,
 * else the nearest area centre (within `maxKm`, default 8 km). Throws BAD_INPUT (the spec's 400) or NOT_FOUND
 * (an unknown service_code); a place outside the jurisdiction is refused with the distance to
 * the nearest street or town and the hint to send `attribute[area]`.
 * @example
 * parseOpen311Post({ service_code: 'waterlogging', description: '路口积水', address_string: '回龙观街道回龙观西大街' }, version, jurisdiction)
 */
export function parseOpen311Post(
  params: Open311Params,
  version: CatalogueVersion,
  jurisdiction: Jurisdiction,
  maxKm = 8,
): OrderIntake {
  const code = trim(params.service_code);
  if (!code) bad('service_code', 'service_code is required');
  const row = version.rows.find((r) => serviceCode(r) === code);
  if (!row)
    throw new AppError('NOT_FOUND', `service_code ${code} not found`, [
      { path: 'service_code', message: 'unknown' },
    ]);
  const description = trim(params.description);
  if (!description) bad('description', 'description is required');
  const lat = params.lat === undefined ? undefined : Number(params.lat);
  const long = params.long === undefined ? undefined : Number(params.long);
  if ((lat !== undefined && !Number.isFinite(lat)) || (long !== undefined && !Number.isFinite(long))) {
    bad('lat', 'lat and long must be numbers');
  }
  if ((lat === undefined) !== (long === undefined)) bad('lat', 'lat and long go together');
  const addressString = trim(params.address_string);
  if (!addressString && lat === undefined)
    bad('address_string', 'a location is required: lat & long or address_string');
  const area = deriveArea(params, addressString, lat, long, jurisdiction, maxKm);
  const community = trim(params['attribute[community]']);
  const phone = trim(params.phone);
  const email = trim(params.email);
  const name = `${trim(params.last_name)}${trim(params.first_name)}`;
  const media = trim(params.media_url);
  return {
    source: 'api',
    text: description,
    category: row.category,
    location: {
      address: addressString || `${area}（坐标 ${lat}, ${long}）`,
      area,
      ...(community ? { community } : {}),
      ...(lat !== undefined && long !== undefined ? { lat, long } : {}),
    },
    media: media ? [{ ref: media, contentType: 'image/jpeg', bytes: 0 }] : [],
    contact:
      phone || email || name
        ? { ...(name ? { name } : {}), ...(phone ? { phone } : {}), ...(email ? { email } : {}) }
        : null,
    privacy: { anonymousToPublic: true, anonymousToUnit: false },
  };
}

export interface RequestsQuery {
  /** When given, the other filters are ignored (GeoReport v2). */
  ids: number[] | null;
  serviceCodes: string[] | null;
  start: string;
  end: string;
  statuses: ('open' | 'closed')[] | null;
  page: number;
  pageSize: number;
}

const W3C = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const DAY_MS = 86_400_000;
export const MAX_PAGE_SIZE = 1000;
export const MAX_SPAN_DAYS = 90;

/**
 * Validates GET requests parameters: service_request_id (comma list of ids), service_code
 * (comma list), start_date / end_date (W3C; by default the 90 days before `now`, and at most 90
 * days apart), status (open, closed), page (from 1) and page_size (1–1000, default 100).
 * Throws BAD_INPUT naming every bad parameter.
 * @example
 * parseRequestsQuery({ status: 'open', page: '2' }, '2024-07-01T00:00:00Z').page // 2
 */
export function parseRequestsQuery(params: Open311Params, now: string): RequestsQuery {
  const problems: { path: string; message: string }[] = [];
  const list = (v: string | undefined): string[] | null => {
    const items = trim(v)
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    return items.length ? items : null;
  };
  const idTexts = list(params.service_request_id);
  const ids = idTexts ? idTexts.map(Number) : null;
  if (ids?.some((id) => !Number.isSafeInteger(id) || id < 1))
    problems.push({ path: 'service_request_id', message: 'must be ids (whole numbers)' });
  const date = (key: 'start_date' | 'end_date'): number | undefined => {
    const v = trim(params[key]);
    if (!v) return undefined;
    if (!W3C.test(v) || Number.isNaN(Date.parse(v))) {
      problems.push({ path: key, message: 'must be a W3C date-time, e.g. 2024-07-01T00:00:00+08:00' });
      return undefined;
    }
    return Date.parse(v);
  };
  const startMs = date('start_date');
  const endMs = date('end_date');
  const end =
    endMs ??
    (startMs !== undefined ? Math.min(startMs + MAX_SPAN_DAYS * DAY_MS, Date.parse(now)) : Date.parse(now));
  const start = startMs ?? end - MAX_SPAN_DAYS * DAY_MS;
  if (end < start) problems.push({ path: 'end_date', message: 'must not be before start_date' });
  if (end - start > MAX_SPAN_DAYS * DAY_MS)
    problems.push({ path: 'end_date', message: `at most ${MAX_SPAN_DAYS} days after start_date` });
  const statuses = list(params.status);
  if (statuses?.some((s) => s !== 'open' && s !== 'closed'))
    problems.push({ path: 'status', message: 'must be open, closed or both' });
  const int = (key: string, fallback: number, min: number, max: number): number => {
    const v = trim(params[key]);
    if (!v) return fallback;
    const n = Number(v);
    if (!/^\d+$/.test(v) || n < min || n > max) {
      problems.push({ path: key, message: `must be a whole number from ${min} to ${max}` });
      return fallback;
    }
    return n;
  };
  const page = int('page', 1, 1, 1_000_000);
  const pageSize = int('page_size', 100, 1, MAX_PAGE_SIZE);
  if (problems.length)
    throw new AppError('BAD_INPUT', problems.map((p) => `${p.path} ${p.message}`).join('; '), problems);
  return {
    ids,
    serviceCodes: list(params.service_code),
    start: new Date(start).toISOString(),
    end: new Date(end).toISOString(),
    statuses: statuses as RequestsQuery['statuses'],
    page,
    pageSize,
  };
}

/**
 * The answer to a POST: the new request's id and notice (no account ids: Luoshi keeps none).
 * @example
 * toOpen311PostResponse(order, version) // [{ service_request_id: '7', service_notice: '…', account_id: null }]
 */
export function toOpen311PostResponse(
  order: WorkOrder,
  version: CatalogueVersion,
): { service_request_id: string; service_notice: string | null; account_id: null }[] {
  const row = version.rows.find((r) => r.category === order.category);
  return [
    {
      service_request_id: String(order.id),
      service_notice: row
        ? `${row.category}类诉求：${describeRule(row.sign)}内签收，${describeRule(row.finish)}内办结`
        : null,
      account_id: null,
    },
  ];
}

/**
 * True when an order belongs in the answer to a GET requests query (for small deployments and
 * tests; the store filters in SQL the same way): by ids alone when given, else by service code,
 * received time in [start, end] and status.
 * @example
 * matchesRequestsQuery(order, query, version) // true
 */
export function matchesRequestsQuery(
  order: WorkOrder,
  query: RequestsQuery,
  version: CatalogueVersion,
): boolean {
  if (query.ids) return query.ids.includes(order.id);
  if (query.serviceCodes) {
    const row = version.rows.find((r) => r.category === order.category);
    if (!query.serviceCodes.includes(row ? serviceCode(row) : order.category)) return false;
  }
  const t = Date.parse(order.receivedAt);
  if (t < Date.parse(query.start) || t > Date.parse(query.end)) return false;
  if (query.statuses && !query.statuses.includes(toOpen311Status(order))) return false;
  return true;
}

/** GeoReport v2 error codes are HTTP statuses; this is the one place they appear in requests/. */
const OPEN311_CODES: Partial<Record<ErrorCode, number>> = {
  BAD_INPUT: 400,
  UNAUTHENTICATED: 403,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  UNPROCESSABLE: 422,
  RATE_LIMITED: 429,
  UNAVAILABLE: 503,
};

/**
 * Any error in the spec's format: one `{ code, description }` per problem (400 for each bad
 * parameter), 500 with a neutral text for anything that is not an AppError.
 * @example
 * toOpen311Errors(new AppError('NOT_FOUND', 'service_code x not found')) // [{ code: 404, description: 'service_code x not found' }]
 */
export function toOpen311Errors(error: unknown): Open311Error[] {
  if (!isAppError(error)) return [{ code: 500, description: 'internal error' }];
  const code = OPEN311_CODES[error.code] ?? 500;
  if (error.details.length > 1)
    return error.details.map((d) => ({ code, description: `${d.path}: ${d.message}` }));
  return [{ code, description: error.message }];
}

export { escapeXml, toOpen311Json, toOpen311Xml } from './open311-xml.js';
export type { Open311Root } from './open311-xml.js';
