/**
 * The permission matrix of 接诉即办 (issue 7): every caller against every requests endpoint.
 * The centre is admin/supervisor, a reporter is the unit holding the order (unitA), the other
 * reporter a unit that does not, the leader reads, the public submits and reads what the one
 * public rule shows (src/requests/privacy.ts).
 */
import type { InjectOptions } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/factories.js';
import { JPEG } from './testing/pictures.js';
import { CALLERS, createTestApp, json, multipart } from './testing/test-app.js';
import type { Caller, TestApp } from './testing/test-app.js';

type Expected = Record<Caller, number>;
function all(status: number, except: Partial<Expected> = {}): Expected {
  return { ...Object.fromEntries(CALLERS.map((caller) => [caller, status])), ...except } as Expected;
}
const ANY_SIGNED_IN = (status: number): Expected => all(status, { public: 401 });
const CENTRE = (status: number): Expected => all(403, { public: 401, admin: status, supervisor: status });

const V1 = '/api/v1';
let counter = 0;
const intake = (source = 'web') => ({
  source,
  text: `小区门口积水很深 ${(counter += 1)}`,
  category: '积水',
  location: { address: '回龙观西大街', area: '回龙观街道' },
  contact: { name: '李女士', phone: '13900000000' },
});

/** A new order dispatched to unitA (the reporter's unit). */
async function dispatchedOrder(t: TestApp): Promise<number> {
  const created = json<{ id: number }>(
    await t.request('admin', { method: 'POST', url: `${V1}/requests`, payload: intake('hotline') }),
  );
  const answer = await t.request('admin', {
    method: 'POST',
    url: `${V1}/requests/${created.id}/dispatch`,
    payload: { leadUnitId: t.unitA.id, reason: '测试派单' },
  });
  if (answer.statusCode !== 200) throw new Error(answer.body);
  return created.id;
}

// A real photo: the public copy is the picture stripped of its metadata, so it must be one.
const uploadJpeg = () => ({
  method: 'POST' as const,
  url: `${V1}/requests/media`,
  ...multipart({ name: '现场.jpg', content: JPEG, type: 'image/jpeg' }),
});

/** An order of unitA with one photo, made once per app and privacy choice. */
const withMedia = new WeakMap<TestApp, Map<boolean, Promise<{ id: number; ref: string }>>>();
function orderWithMedia(t: TestApp, anonymousToPublic: boolean): Promise<{ id: number; ref: string }> {
  let byChoice = withMedia.get(t);
  if (!byChoice) withMedia.set(t, (byChoice = new Map()));
  let made = byChoice.get(anonymousToPublic);
  if (!made) {
    made = (async () => {
      const media = json<{ ref: string; contentType: string; bytes: number }>(
        await t.request('admin', uploadJpeg()),
      );
      const created = json<{ id: number }>(
        await t.request('admin', {
          method: 'POST',
          url: `${V1}/requests`,
          payload: { ...intake('hotline'), media: [media], privacy: { anonymousToPublic } },
        }),
      );
      await t.request('admin', {
        method: 'POST',
        url: `${V1}/requests/${created.id}/dispatch`,
        payload: { leadUnitId: t.unitA.id, reason: '测试派单' },
      });
      return { id: created.id, ref: media.ref };
    })();
    byChoice.set(anonymousToPublic, made);
  }
  return made;
}

interface Cell {
  name: string;
  expected: Expected;
  request: (t: TestApp, caller: Caller, order: number) => Promise<InjectOptions> | InjectOptions;
}

const MONTHS: Record<Caller, string> = {
  public: '2024-01',
  admin: '2024-02',
  supervisor: '2024-03',
  reporter: '2024-04',
  otherReporter: '2024-05',
  leader: '2024-06',
};

/** Next year in Beijing (the only year besides this one a holiday table may be loaded for). */
const NEXT_YEAR = Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4)) + 1;
const nextYearTable = () => ({ holidays: { [`${NEXT_YEAR}-01-01`]: '元旦' }, workdays: {} });

const MATRIX: Cell[] = [
  {
    name: 'POST /requests (web form)',
    expected: all(201, { reporter: 403, otherReporter: 403, leader: 403 }),
    request: () => ({ method: 'POST', url: `${V1}/requests`, payload: intake('web') }),
  },
  {
    name: 'POST /requests (grid worker)',
    expected: all(201, { public: 403, leader: 403 }),
    request: () => ({ method: 'POST', url: `${V1}/requests`, payload: intake('grid') }),
  },
  { name: 'GET /requests', expected: all(200), request: () => ({ url: `${V1}/requests` }) },
  {
    name: 'POST /requests/media (whoever may take a request in)',
    expected: all(201, { leader: 403 }),
    request: uploadJpeg,
  },
  {
    name: 'GET /requests/:id/media/:ref (citizen anonymous to the public)',
    expected: all(200, { public: 404, otherReporter: 403 }),
    request: async (t) => {
      const { id, ref } = await orderWithMedia(t, true);
      return { url: `${V1}/requests/${id}/media/${ref}` };
    },
  },
  {
    name: 'GET /requests/:id/media/:ref (citizen not anonymous to the public)',
    expected: all(200, { otherReporter: 403 }),
    request: async (t) => {
      const { id, ref } = await orderWithMedia(t, false);
      return { url: `${V1}/requests/${id}/media/${ref}` };
    },
  },
  {
    name: 'POST /requests/suggest (side-effect free, for every intake screen)',
    expected: all(200),
    request: () => ({
      method: 'POST',
      url: `${V1}/requests/suggest`,
      payload: { text: '下雨后小区门口积水很深', area: '回龙观街道' },
    }),
  },
  { name: 'GET /requests/areas', expected: all(200), request: () => ({ url: `${V1}/requests/areas` }) },
  {
    name: 'GET /requests/catalogue',
    expected: all(200),
    request: () => ({ url: `${V1}/requests/catalogue` }),
  },
  {
    name: 'POST /requests/catalogue (invalid for all: a past date; the guard answers first)',
    expected: all(403, { public: 401, admin: 400, supervisor: 400 }),
    request: () => ({
      method: 'POST',
      url: `${V1}/requests/catalogue`,
      payload: { effectiveFrom: '2020-01-01T00:00:00Z', note: 'x', rows: [] },
    }),
  },
  {
    name: 'GET /requests/schemes',
    expected: ANY_SIGNED_IN(200),
    request: () => ({ url: `${V1}/requests/schemes` }),
  },
  {
    name: 'POST /requests/model',
    expected: CENTRE(201),
    request: () => ({ method: 'POST', url: `${V1}/requests/model?limit=10` }),
  },
  { name: 'GET /requests/queue', expected: CENTRE(200), request: () => ({ url: `${V1}/requests/queue` }) },
  {
    name: 'GET /requests/mine',
    expected: all(403, { public: 401, reporter: 200, otherReporter: 200 }),
    request: () => ({ url: `${V1}/requests/mine` }),
  },
  {
    name: 'GET /requests/overdue',
    expected: ANY_SIGNED_IN(200),
    request: () => ({ url: `${V1}/requests/overdue` }),
  },
  {
    name: 'GET /requests/scores',
    expected: ANY_SIGNED_IN(200),
    request: () => ({ url: `${V1}/requests/scores?month=2024-07` }),
  },
  {
    name: 'GET /requests/rankings',
    expected: ANY_SIGNED_IN(200),
    request: () => ({ url: `${V1}/requests/rankings?month=2024-07` }),
  },
  {
    // Only a caller granted the jurisdictions below ranks them; none of these is.
    name: 'GET /requests/district-rankings',
    expected: all(403, { public: 401 }),
    request: () => ({ url: `${V1}/requests/district-rankings?month=2024-07` }),
  },
  {
    name: 'GET /requests/hotspots',
    expected: ANY_SIGNED_IN(200),
    request: () => ({ url: `${V1}/requests/hotspots?month=2024-07` }),
  },
  {
    name: 'POST /requests/exemptions',
    expected: CENTRE(201),
    request: (t, caller) => ({
      method: 'POST',
      url: `${V1}/requests/exemptions`,
      payload: { unitId: t.unitC.id, month: MONTHS[caller], reason: '机构改革' },
    }),
  },
  {
    name: 'GET /requests/exemptions',
    expected: CENTRE(200),
    request: () => ({ url: `${V1}/requests/exemptions` }),
  },
  {
    name: 'DELETE /requests/exemptions/:unitId/:month (an exemption the admin just recorded)',
    expected: CENTRE(200),
    request: async (t, caller) => {
      const month = MONTHS[caller].replace('2024', '2023');
      await t.request('admin', {
        method: 'POST',
        url: `${V1}/requests/exemptions`,
        payload: { unitId: t.unitC.id, month, reason: '机构改革' },
      });
      return { method: 'DELETE', url: `${V1}/requests/exemptions/${t.unitC.id}/${month}` };
    },
  },
  {
    name: 'GET /requests/calendar',
    expected: CENTRE(200),
    request: () => ({ url: `${V1}/requests/calendar` }),
  },
  {
    name: "PUT /requests/calendar/:year (next year's table)",
    expected: CENTRE(200),
    request: () => ({ method: 'PUT', url: `${V1}/requests/calendar/${NEXT_YEAR}`, payload: nextYearTable() }),
  },
  {
    name: 'DELETE /requests/calendar/:year (a year the admin just loaded)',
    expected: CENTRE(200),
    request: async (t) => {
      await t.request('admin', {
        method: 'PUT',
        url: `${V1}/requests/calendar/${NEXT_YEAR}`,
        payload: nextYearTable(),
      });
      return { method: 'DELETE', url: `${V1}/requests/calendar/${NEXT_YEAR}` };
    },
  },
  {
    name: 'GET /requests/themes',
    expected: ANY_SIGNED_IN(200),
    request: () => ({ url: `${V1}/requests/themes` }),
  },
  {
    name: 'POST /requests/themes',
    expected: CENTRE(201),
    request: (t) => ({
      method: 'POST',
      url: `${V1}/requests/themes`,
      payload: {
        month: '2024-07',
        title: '积水点治理',
        leadUnitId: t.unitA.id,
        categories: ['积水'],
        problems: ['路口积水'],
      },
    }),
  },
  {
    name: 'POST /requests/task-links',
    expected: CENTRE(201),
    request: (t) => ({
      method: 'POST',
      url: `${V1}/requests/task-links`,
      payload: { sourceKey: 'category:积水', taskId: t.taskA.id, score: 0.3, accept: true },
    }),
  },
  {
    name: 'GET /requests/by-task/:id (a task of the published plan: public, anonymised)',
    expected: all(200),
    request: (t) => ({ url: `${V1}/requests/by-task/${t.taskA.id}` }),
  },
  {
    name: 'GET /requests/by-task/:id (a task of a draft plan)',
    expected: all(200, { public: 404 }),
    request: async (t) => {
      const task = (await t.store.tasks.list(t.draft.plan.id, { limit: 1, offset: 0 })).items[0];
      return { url: `${V1}/requests/by-task/${task?.id ?? 0}` };
    },
  },
  {
    // The public sees every order as the one public rule shows it, open ones too (as Open311 does).
    name: 'GET /requests/:id (open, held by unitA)',
    expected: all(200, { otherReporter: 403 }),
    request: (_t, _caller, order) => ({ url: `${V1}/requests/${order}` }),
  },
  {
    name: 'GET /requests/:id/events',
    expected: all(200, { public: 401, otherReporter: 403 }),
    request: (_t, _caller, order) => ({ url: `${V1}/requests/${order}/events` }),
  },
  {
    name: 'POST /requests/:id/events (催办)',
    expected: CENTRE(200),
    request: (_t, _caller, order) => ({
      method: 'POST',
      url: `${V1}/requests/${order}/events`,
      payload: { type: 'reminded', note: '请尽快办理' },
    }),
  },
  {
    name: 'POST /requests/:id/events (签收 by the holding unit only, a fresh order of unitA)',
    expected: all(403, { public: 401, reporter: 200 }),
    request: async (t) => ({
      method: 'POST',
      url: `${V1}/requests/${await dispatchedOrder(t)}/events`,
      payload: { type: 'signed', unitId: t.unitA.id },
    }),
  },
  {
    name: 'POST /requests/:id/dispatch (a fresh received order)',
    expected: CENTRE(200),
    request: async (t) => {
      const created = json<{ id: number }>(
        await t.request('admin', { method: 'POST', url: `${V1}/requests`, payload: intake('hotline') }),
      );
      return { method: 'POST', url: `${V1}/requests/${created.id}/dispatch`, payload: {} };
    },
  },
];

describe.each(DIALECTS)('requests permission matrix on %s', (dialect) => {
  let t: TestApp;
  let order: number;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    order = await dispatchedOrder(t);
    // Enough dispatched orders for the category model to train on.
    for (let i = 0; i < 10; i++) await dispatchedOrder(t);
  });

  it.each(MATRIX)('$name', async (cell) => {
    const got: Partial<Expected> = {};
    for (const caller of CALLERS) {
      const answer = await t.request(caller, await cell.request(t, caller, order));
      got[caller] = answer.statusCode;
    }
    expect(got).toEqual(cell.expected);
  });
});
