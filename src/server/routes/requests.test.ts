import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import { generateOrders } from '../../requests/index.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';
import { createUnit } from '../../commands/units.js';
import { EXAMPLE_PLACE } from '../../../test/fixtures/changping-requests.js';

const V1 = '/api/v1';
let clock = new Date('2024-07-01T02:00:00.000Z'); // Monday 10:00 Beijing
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};

const intake = {
  source: 'hotline',
  text: '回龙观西大街路口积水很深，车辆无法通行，电话13812345678',
  category: '积水',
  location: { address: '回龙观西大街路口', area: '回龙观街道' },
  contact: { name: '王先生', phone: '13800000000' },
  privacy: { anonymousToUnit: true },
};

interface Order {
  id: number;
  status: string;
  version: number;
  contact: unknown;
  leadUnitId: number | null;
  catalogueVersion: number | null;
}

interface RankingsAnswer {
  rule: { schemeVersion: number; schemeMinVolume: number; minVolume: number; overridden: boolean };
  rankings: { entries: { unitId: number; status: string; explanation: string }[] }[];
}

describe.each(DIALECTS)('requests API on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    clock = new Date('2024-07-01T02:00:00.000Z');
    t = await createTestApp(dialect, { now: () => clock });
  });

  const post = (caller: Parameters<TestApp['request']>[0], url: string, payload: unknown) =>
    t.request(caller, { method: 'POST', url: `${V1}${url}`, payload: payload as Record<string, unknown> });
  const get = (caller: Parameters<TestApp['request']>[0], url: string) =>
    t.request(caller, { url: `${V1}${url}` });

  it('takes a request in, dispatches it to a unit, and the unit works it to a follow-up counted in 三率', async () => {
    const created = await post('admin', '/requests', intake);
    expect(created.statusCode).toBe(201);
    const order = json<Order>(created);
    expect(order.status).toBe('received');

    const queue = json<{ items: { order: Order; suggestions: { categories: { category: string }[] } }[] }>(
      await get('supervisor', '/requests/queue'),
    );
    const queued = queue.items.find((item) => item.order.id === order.id);
    expect(queued?.suggestions.categories[0]?.category).toBe('积水');

    advance(60_000);
    const dispatched = await post('admin', `/requests/${order.id}/dispatch`, {
      leadUnitId: t.unitA.id,
      reason: '试点：由发改委牵头',
    });
    expect(dispatched.statusCode).toBe(200);
    expect(json<Order>(dispatched)).toMatchObject({
      status: 'dispatched',
      leadUnitId: t.unitA.id,
      catalogueVersion: 1,
    });

    // The citizen chose to stay anonymous to the unit: its view has no contact.
    const seen = json<Order>(await get('reporter', `/requests/${order.id}`));
    expect(seen.contact).toBeNull();
    const events = json<{ items: { type: string; contact?: unknown }[] }>(
      await get('reporter', `/requests/${order.id}/events`),
    );
    expect(events.items[0]).toMatchObject({ type: 'received', contact: null });
    expect(json<Order>(await get('admin', `/requests/${order.id}`)).contact).toEqual(intake.contact);
    expect((await get('otherReporter', `/requests/${order.id}`)).statusCode).toBe(403);

    // Closing before signing is refused and leaves the order as it was.
    const early = await post('admin', `/requests/${order.id}/events`, { type: 'closed' });
    expect(early.statusCode).toBe(409);
    expect(json<Order>(await get('admin', `/requests/${order.id}`)).version).toBe(2);

    // A unit that does not hold the order cannot act on it.
    const foreign = await post('otherReporter', `/requests/${order.id}/events`, {
      type: 'signed',
      unitId: t.unitB.id,
    });
    expect(foreign.statusCode).toBe(403);

    const unitSteps = [
      { type: 'signed', unitId: t.unitA.id },
      { type: 'contacted', unitId: t.unitA.id },
      {
        type: 'replied',
        unitId: t.unitA.id,
        // A reply the answer rules take: what was done, when, where (issue 20).
        text: '7月1日已派人到回龙观西大街路口现场疏通雨水口3处，积水已排除，已电话告知市民。',
        publicNote: '已疏通雨水口',
      },
    ];
    for (const step of unitSteps) {
      advance(3_600_000);
      const answer = await post('reporter', `/requests/${order.id}/events`, step);
      expect(answer.statusCode, answer.body).toBe(200);
    }
    const mine = json<{ items: { order: Order }[] }>(await get('reporter', '/requests/mine'));
    expect(mine.items.map((item) => item.order.id)).toContain(order.id);
    for (const step of [
      { type: 'closed' },
      { type: 'followed_up', reached: true, contacted: true, resolved: true, satisfaction: '基本满意' },
    ]) {
      advance(3_600_000);
      const answer = await post('supervisor', `/requests/${order.id}/events`, step);
      expect(answer.statusCode, answer.body).toBe(200);
    }
    const scores = json<{
      items: { unitId: number; volume: number; overall: number; explanation: string }[];
    }>(await get('leader', '/requests/scores?month=2024-07'));
    const score = scores.items.find((s) => s.unitId === t.unitA.id);
    expect(score).toMatchObject({ volume: 1, overall: 94 });
    expect(score?.explanation).toContain('基本满意按0.8计');
    // One counted order is below scheme v1's minimum (10): the unit is not ranked, and says why.
    const ranked = json<RankingsAnswer>(await get('leader', '/requests/rankings?month=2024-07'));
    expect(ranked.rule).toEqual({ schemeVersion: 1, schemeMinVolume: 10, minVolume: 10, overridden: false });
    expect(ranked.rankings.flatMap((r) => r.entries).find((e) => e.unitId === t.unitA.id)).toMatchObject({
      status: 'below_minimum',
      explanation: '计入工单 1 件，少于评分方案第1版规定的排名最低件数 10 件',
    });
    // A what-if minimum of 1 ranks it, and says the scheme's minimum is another.
    const rankings = json<RankingsAnswer>(
      await get('leader', '/requests/rankings?month=2024-07&minVolume=1'),
    );
    expect(rankings.rule).toMatchObject({ schemeMinVolume: 10, minVolume: 1, overridden: true });
    const entry = rankings.rankings.flatMap((r) => r.entries).find((e) => e.unitId === t.unitA.id);
    expect(entry?.status).toBe('ranked');

    // The public sees the outcome, without the citizen's contact or phone number.
    const published = await get('public', `/requests/${order.id}`);
    expect(published.statusCode).toBe(200);
    expect(published.body).not.toContain('13800000000');
    expect(published.body).not.toContain('13812345678');
    expect(published.body).not.toContain('王先生');
    expect(json(published)).toMatchObject({ status: 'closed', publicNote: '已疏通雨水口' });
  });

  it('refuses bad input with the domain reason and stores nothing', async () => {
    const before = json<{ total: number }>(await get('admin', '/requests')).total;
    const cases: [unknown, number][] = [
      [{ ...intake, text: '   ' }, 400],
      [{ ...intake, category: '外星人' }, 400],
      [{ ...intake, location: { address: '朝阳门', area: '朝阳区' } }, 400],
      [{ ...intake, media: [{ ref: 'a.exe', contentType: 'application/x-msdownload', bytes: 10 }] }, 400],
      [{ ...intake, media: [{ ref: 'a.jpg', contentType: 'image/jpeg', bytes: 200 * 1024 * 1024 }] }, 413],
    ];
    for (const [payload, status] of cases) {
      const answer = await post('admin', '/requests', payload);
      expect(answer.statusCode, answer.body).toBe(status);
      expect(json<{ error: { message: string } }>(answer).error.message.length).toBeGreaterThan(0);
    }
    expect(json<{ total: number }>(await get('admin', '/requests')).total).toBe(before);

    const first = await post('admin', '/requests', { ...intake, text: '同一诉求提交两次' });
    expect(first.statusCode).toBe(201);
    const twice = await post('admin', '/requests', { ...intake, text: '同一诉求提交两次' });
    expect(twice.statusCode).toBe(409);
    expect(json<{ total: number }>(await get('admin', '/requests')).total).toBe(before + 1);
  });

  it('refuses an extension after the deadline and lists the order as overdue', async () => {
    advance(5_000);
    const order = json<Order>(
      await post('admin', '/requests?dispatch=auto', { ...intake, text: '路灯不亮积水' }),
    );
    expect(order.status).toBe('dispatched');
    const redispatched = await post('admin', `/requests/${order.id}/events`, {
      type: 'redispatched',
      leadUnitId: t.unitA.id,
      coUnits: [],
      designated: false,
    });
    expect(redispatched.statusCode, redispatched.body).toBe(200);
    advance(60 * 24 * 3_600_000);
    const overdue = json<{ items: { orderId: number; step: string }[] }>(
      await get('supervisor', '/requests/overdue'),
    );
    expect(overdue.items.filter((i) => i.orderId === order.id).map((i) => i.step)).toContain('finish');
    const late = await post('reporter', `/requests/${order.id}/events`, {
      type: 'extension_requested',
      unitId: t.unitA.id,
      until: new Date(clock.getTime() + 86_400_000).toISOString(),
      reason: '需协调管网单位',
    });
    expect(late.statusCode).toBe(409);
    const unitOverdue = json<{ items: { orderId: number }[] }>(
      await get('otherReporter', '/requests/overdue'),
    );
    expect(unitOverdue.items.map((i) => i.orderId)).not.toContain(order.id);
  });

  it('keeps a monthly theme, suggests plan tasks by text and shows confirmed links on the task', async () => {
    const theme = await post('supervisor', '/requests/themes', {
      month: '2024-07',
      title: '积水点治理',
      leadUnitId: t.unitA.id,
      categories: ['积水'],
      problems: ['下凹桥、路口积水'],
    });
    expect(theme.statusCode, theme.body).toBe(201);
    const { id } = json<{ id: number }>(theme);
    const suggestions = json<{ items: { taskId: number; score: number }[] }>(
      await get('admin', `/requests/themes/${id}/task-suggestions?planId=${t.published.plan.id}`),
    );
    const best = suggestions.items[0] ?? { taskId: t.taskA.id, score: 0 };
    const confirmed = await post('admin', '/requests/task-links', {
      sourceKey: `theme:${id}`,
      taskId: best.taskId,
      score: best.score,
      accept: true,
    });
    expect(confirmed.statusCode).toBe(201);
    const onTask = json<{ themes: { id: number }[]; orders: { total: number } }>(
      await get('public', `/requests/by-task/${best.taskId}`),
    );
    expect(onTask.themes.map((x) => x.id)).toContain(id);
    expect(onTask.orders.total).toBeGreaterThan(0);
    const measured = json<{ measure: { topicId: number } }>(
      await get('leader', `/requests/themes/${id}?asOf=2024-08`),
    );
    expect(measured.measure.topicId).toBe(id);
    const unknown = await post('supervisor', '/requests/themes', {
      month: '2024-07',
      title: 'x',
      leadUnitId: t.unitA.id,
      categories: ['外星人'],
      problems: ['x'],
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('adds a catalogue version that only orders dispatched later use, and a scheme for a coming month', async () => {
    const old = json<Order & { rules: { finish: { amount: number } } }>(
      await post('admin', '/requests?dispatch=auto', { ...intake, text: '目录变更前的积水诉求' }),
    );
    const catalogue = json<{
      versions: { version: number; rows: { category: string; finish: { amount: number } }[] }[];
    }>(await get('leader', '/requests/catalogue'));
    const current = catalogue.versions.at(-1);
    if (!current) throw new Error('no catalogue');
    const rows = current.rows.map((row) =>
      row.category === '积水' ? { ...row, finish: { amount: 99, calendar: 'working_days' } } : row,
    );
    const retro = await post('supervisor', '/requests/catalogue', {
      effectiveFrom: '2020-01-01T00:00:00Z',
      note: '回溯',
      rows,
    });
    expect(retro.statusCode).toBe(400);
    const effectiveFrom = new Date(clock.getTime() + 60_000).toISOString();
    expect(
      (await post('reporter', '/requests/catalogue', { effectiveFrom, note: '调整', rows })).statusCode,
    ).toBe(403);
    const added = await post('supervisor', '/requests/catalogue', {
      effectiveFrom,
      note: '调整积水办结时限',
      rows,
    });
    expect(added.statusCode, added.body).toBe(201);
    advance(120_000);
    const fresh = json<Order & { rules: { finish: { amount: number } } }>(
      await post('admin', '/requests?dispatch=auto', { ...intake, text: '目录变更后的积水诉求' }),
    );
    expect(fresh.catalogueVersion).toBe(current.version + 1);
    expect(fresh.rules.finish.amount).toBe(99);
    const kept = json<Order & { rules: { finish: { amount: number } } }>(
      await get('admin', `/requests/${old.id}`),
    );
    expect(kept.catalogueVersion).toBe(current.version);
    expect(kept.rules).toEqual(old.rules);

    const scheme = {
      effectiveFrom: '2099-01',
      note: '解决率优先',
      weights: { response: 0.2, resolution: 0.5, satisfaction: 0.3 },
      satisfactionCredit: { 满意: 1, 基本满意: 0.7, 不满意: 0 },
      excludedSources: ['grid'],
      minVolume: 1,
    };
    expect(
      (await post('supervisor', '/requests/schemes', { ...scheme, effectiveFrom: '2020-01' })).statusCode,
    ).toBe(400);
    const fractional = await post('supervisor', '/requests/schemes', { ...scheme, minVolume: 2.5 });
    expect(fractional.statusCode).toBe(400);
    expect(
      json<{ error: { details: { path: string; message: string }[] } }>(fractional).error.details,
    ).toEqual([{ path: 'minVolume', message: 'must be a whole number ≥ 0' }]);
    expect(
      (
        await post('supervisor', '/requests/schemes', {
          ...scheme,
          weights: { response: 0.5, resolution: 0.5, satisfaction: 0.5 },
        })
      ).statusCode,
    ).toBe(400);
    const created = await post('supervisor', '/requests/schemes', scheme);
    expect(created.statusCode, created.body).toBe(201);
    const schemes = json<{ schemes: { version: number; minVolume: number }[] }>(
      await get('leader', '/requests/schemes'),
    );
    expect(schemes.schemes.map((x) => [x.version, x.minVolume])).toEqual([
      [1, 10],
      [2, 1],
    ]);
    // Each month ranks under its own scheme's minimum: July 2024 keeps v1's 10.
    const pastRule = json<RankingsAnswer>(await get('leader', '/requests/rankings?month=2024-07')).rule;
    expect(pastRule).toMatchObject({ schemeVersion: 1, minVolume: 10 });
    const futureRule = json<RankingsAnswer>(await get('leader', '/requests/rankings?month=2099-02')).rule;
    expect(futureRule).toEqual({ schemeVersion: 2, schemeMinVolume: 1, minVolume: 1, overridden: false });
    const july = json<{ items: { schemeVersion: number }[] }>(
      await get('leader', '/requests/scores?month=2024-07'),
    );
    expect(july.items.length).toBeGreaterThan(0);
    expect(july.items.every((x) => x.schemeVersion === 1)).toBe(true);
  });

  it('trains the category model on dispatched orders and reports its held-back accuracy', async () => {
    expect((await post('reporter', '/requests/model', {})).statusCode).toBe(403);
    for (const o of generateOrders({
      ...EXAMPLE_PLACE,
      seed: 3,
      count: 60,
      from: '2024-06-01T00:00:00Z',
      to: '2024-06-30T00:00:00Z',
    })) {
      advance(1_000);
      const answer = await post('admin', '/requests?dispatch=auto', {
        source: 'hotline',
        text: `${o.text}（${o.id}）`,
        category: o.category,
        location: { address: o.address, area: o.area },
      });
      expect(answer.statusCode, answer.body).toBe(201);
    }
    const trained = await post('supervisor', '/requests/model', {});
    expect(trained.statusCode, trained.body).toBe(201);
    const figures = json<{
      trainedOn: number;
      heldBack: number;
      withModel: { total: number; accuracy: number };
    }>(trained);
    expect(figures.trainedOn).toBeGreaterThanOrEqual(60);
    expect(figures.withModel.total).toBe(figures.heldBack);
    expect(figures.withModel.accuracy).toBeGreaterThan(0.5);

    // The 60 orders arrived this month: the biggest categories are hotspots (high volume).
    const month = new Date(clock.getTime() + 8 * 3_600_000).toISOString().slice(0, 7);
    const hot = json<{ items: { key: string; count: number; reasons: string[] }[] }>(
      await get('leader', `/requests/hotspots?month=${month}&minCount=5`),
    );
    expect(hot.items.length).toBeGreaterThan(0);
    expect(hot.items.every((h) => h.count >= 5 && h.reasons.length > 0)).toBe(true);
  });
});

describe.each(DIALECTS)('requests intake aids and the task panel on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => new Date('2024-07-01T02:00:00.000Z') });
  });
  const post = (caller: Parameters<TestApp['request']>[0], url: string, payload: unknown) =>
    t.request(caller, { method: 'POST', url: `${V1}${url}`, payload: payload as Record<string, unknown> });
  const get = (caller: Parameters<TestApp['request']>[0], url: string) =>
    t.request(caller, { url: `${V1}${url}` });
  interface Suggestion {
    category: string;
    score: number;
    reasons: string[];
    dispatch: { leadUnitId: number; unitName: string | null; designated: boolean; reason: string } | null;
  }
  interface ErrorAnswer {
    error: { code: string; message: string; details: { path: string; message: string }[] };
  }
  const PUBLIC_FIELDS = [
    'address',
    'area',
    'category',
    'closedAt',
    'community',
    'expectedAt',
    'id',
    'lat',
    'leadUnitId',
    'long',
    'media',
    'publicNote',
    'receivedAt',
    'status',
    'text',
  ];

  it("lists the jurisdiction's areas, and refuses an intake outside them with the reason", async () => {
    const areas = json<{ jurisdiction: string; items: { name: string; communities: string[] }[] }>(
      await get('public', '/requests/areas'),
    );
    expect(areas.jurisdiction).toBe('北京市昌平区');
    expect(areas.items.find((a) => a.name === '回龙观街道')?.communities).toContain('龙腾苑社区');
    expect(areas.items.map((a) => a.name)).not.toContain('朝阳区');

    const outside = await post('admin', '/requests', {
      ...intake,
      text: '辖区外的诉求',
      location: { address: '朝阳门外大街', area: '朝阳区' },
    });
    expect(outside.statusCode).toBe(400);
    expect(json<ErrorAnswer>(outside).error).toMatchObject({
      message: '「朝阳区」不在北京市昌平区辖区内',
      details: [{ path: 'location.area' }],
    });
    const wrongCommunity = await post('admin', '/requests', {
      ...intake,
      text: '社区不属于该街道',
      location: { address: '南口路1号', area: '南口镇', community: '龙腾苑社区' },
    });
    expect(wrongCommunity.statusCode).toBe(400);
    expect(json<ErrorAnswer>(wrongCommunity).error.message).toBe('「龙腾苑社区」不是南口镇的社区（村）');
  });

  it('suggests categories as one types, with the unit the catalogue sends each to, storing nothing', async () => {
    const before = json<{ total: number }>(await get('admin', '/requests')).total;
    const suggest = async (caller: Parameters<TestApp['request']>[0], body: unknown) => {
      const answer = await post(caller, '/requests/suggest', body);
      expect(answer.statusCode, answer.body).toBe(200);
      return json<{ items: Suggestion[] }>(answer).items;
    };
    const water = await suggest('admin', { text: '下雨后小区门口积水很深', area: '回龙观街道' });
    expect(water[0]).toMatchObject({ category: '积水', dispatch: { unitName: '区水务局' } });
    expect(water[0]?.reasons.join()).toContain('积水');
    // A territorial category goes to the street or town of the place.
    const nankou = await suggest('public', { text: '小区物业不管电梯维修', area: '南口镇' });
    // The offices the plan had brought in keep their names (南口镇 is the files' 南口镇人民政府).
    expect(nankou[0]).toMatchObject({ category: '物业', dispatch: { unitName: '南口镇' } });
    const huilongguan = await suggest('reporter', { text: '小区物业不管电梯维修', area: '回龙观街道' });
    expect(huilongguan[0]?.dispatch?.unitName).toBe('回龙观街道');
    // No place yet: categories only. No evidence: nothing suggested.
    expect((await suggest('leader', { text: '小区物业不管电梯维修' }))[0]?.dispatch).toBeNull();
    expect(await suggest('admin', { text: '您好' })).toEqual([]);
    expect(await suggest('admin', { text: '   ' })).toEqual([]);

    const outside = await post('admin', '/requests/suggest', { text: '积水', area: '朝阳区' });
    expect(outside.statusCode).toBe(400);
    expect(json<ErrorAnswer>(outside).error.message).toBe('「朝阳区」不在北京市昌平区辖区内');
    expect(json<{ total: number }>(await get('admin', '/requests')).total).toBe(before);
  });

  it('shows a task’s requests to anyone who may see the task, without personal data', async () => {
    const secret = {
      name: '赵秀兰',
      phone: '13911112222',
      inText: '13700001111',
      email: 'zhao@example.com',
      address: '回龙观西大街18号院3单元502',
    };
    for (const anonymousToPublic of [true, false]) {
      const created = await post('admin', '/requests', {
        source: 'hotline',
        text: `小区门口积水很深，赵秀兰，回电${secret.inText}（${String(anonymousToPublic)}）`,
        category: '积水',
        location: { address: secret.address, area: '回龙观街道', community: '龙腾苑社区' },
        contact: { name: secret.name, phone: secret.phone, email: secret.email },
        privacy: { anonymousToPublic },
      });
      expect(created.statusCode, created.body).toBe(201);
    }
    const link = await post('supervisor', '/requests/task-links', {
      sourceKey: 'category:积水',
      taskId: t.taskA.id,
      score: 0.4,
      accept: true,
    });
    expect(link.statusCode).toBe(201);

    for (const caller of ['public', 'reporter', 'otherReporter', 'leader', 'admin'] as const) {
      const answer = await get(caller, `/requests/by-task/${t.taskA.id}`);
      expect(answer.statusCode, caller).toBe(200);
      const body = json<{ orders: { total: number; recent: Record<string, unknown>[] } }>(answer);
      expect(body.orders.total, caller).toBe(2);
      for (const value of Object.values(secret)) {
        expect(answer.body, `${caller}: ${value}`).not.toContain(value);
      }
      // The public shape (derivePublicOrder), whoever asks: no contact, no events, no file names.
      for (const order of body.orders.recent) expect(Object.keys(order).sort()).toEqual(PUBLIC_FIELDS);
    }

    // A draft plan's task is no public page: the public gets 404, as for the task itself.
    const draftTask = (await t.store.tasks.list(t.draft.plan.id, { limit: 1, offset: 0 })).items[0];
    expect(draftTask).toBeDefined();
    expect((await get('public', `/requests/by-task/${draftTask!.id}`)).statusCode).toBe(404);
    expect((await get('admin', `/requests/by-task/${draftTask!.id}`)).statusCode).toBe(200);
    expect((await get('public', '/requests/by-task/999999')).statusCode).toBe(404);
  });
});

describe.each(DIALECTS)('属地 dispatch after units change on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => new Date('2024-07-01T02:00:00.000Z') });
  });
  interface ListedUnit {
    id: number;
    name: string;
    kind: string;
    area?: string;
    version: number;
  }
  const listUnits = async () =>
    json<{ items: ListedUnit[] }>(await t.request('public', { url: `${V1}/units?limit=500` })).items;
  const patchUnit = async (unit: ListedUnit, payload: Record<string, unknown>) => {
    const answer = await t.request('supervisor', {
      method: 'PATCH',
      url: `${V1}/units/${unit.id}`,
      payload: { ...payload, version: unit.version },
    });
    expect(answer.statusCode, answer.body).toBe(200);
    return json<ListedUnit>(answer);
  };
  /** A 噪声 request (a territorial category) in 回龙观街道, dispatched automatically. */
  const noise = async (text: string) => {
    const answer = await t.request('admin', {
      method: 'POST',
      url: `${V1}/requests?dispatch=auto`,
      payload: {
        source: 'hotline',
        text,
        category: '噪声',
        location: { address: '回龙观西大街8号院', area: '回龙观街道' },
        privacy: {},
      },
    });
    expect(answer.statusCode, answer.body).toBe(201);
    return json<Order>(answer);
  };

  it('dispatches to the renamed office, and never recreates a unit of the old name', async () => {
    // An office a plan had brought in before the jurisdiction was set up: the setup kept it.
    const first = await noise('小区楼下夜间施工噪声扰民');
    const office = (await listUnits()).find((u) => u.name === '回龙观街道');
    expect(office).toMatchObject({ id: t.units['回龙观街道']!.id, kind: 'street', area: '回龙观街道' });
    expect((await listUnits()).filter((u) => u.area === '霍营街道')).toEqual([
      expect.objectContaining({ name: '霍营街道办事处' }),
    ]);
    // A unit of a name the rule makes one with an office is refused, not made twice.
    await expect(
      createUnit(t.store, { jurisdictionId: 1, name: '霍营街道', kind: 'street' }),
    ).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(first).toMatchObject({ status: 'dispatched', leadUnitId: office!.id });

    const renamed = await patchUnit(office!, { name: '回龙观街道党群服务中心' });
    expect(renamed).toMatchObject({ id: office!.id, area: '回龙观街道' });
    const second = await noise('小区楼下夜间施工噪声又扰民了');
    expect(second).toMatchObject({ status: 'dispatched', leadUnitId: office!.id });

    const names = (await listUnits()).map((u) => u.name);
    expect(names).not.toContain('回龙观街道');
    expect(names.filter((n) => n === '回龙观街道党群服务中心')).toHaveLength(1);
    // Every area still has exactly one office.
    const governed = (await listUnits()).flatMap((u) => (u.area ? [u.area] : []));
    expect(new Set(governed).size).toBe(governed.length);
  });

  it('dispatches an area to the unit it was moved to', async () => {
    const units = await listUnits();
    const office = units.find((u) => u.area === '回龙观街道')!;
    await patchUnit(office, { area: null });
    // Meanwhile no office governs the area: the order is taken and waits for the operator.
    const waiting = await noise('回龙观西大街夜间噪声扰民，辖区交接中');
    expect(waiting).toMatchObject({ status: 'received', leadUnitId: null });
    const created = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/units`,
      payload: { name: '回龙观地区综合服务中心', kind: 'street' },
    });
    expect(created.statusCode, created.body).toBe(201);
    const successor = await patchUnit(json<ListedUnit>(created), { area: '回龙观街道' });

    const order = await noise('回龙观西大街夜间噪声扰民，已换了单位');
    expect(order).toMatchObject({ status: 'dispatched', leadUnitId: successor.id });
    // The old office, with no area now, is neither recreated nor renamed back.
    const after = await listUnits();
    expect(after.find((u) => u.id === office.id)).not.toHaveProperty('area');
    expect(after.map((u) => u.name)).not.toContain('回龙观街道办事处');

    // An office created with its area takes that area's orders at once.
    await patchUnit(successor, { area: null });
    const founded = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/units`,
      payload: { name: '回龙观街道工作委员会', kind: 'street', area: '回龙观街道' },
    });
    expect(founded.statusCode, founded.body).toBe(201);
    const next = await noise('回龙观西大街夜间噪声扰民，新机构成立后');
    expect(next).toMatchObject({ status: 'dispatched', leadUnitId: json<ListedUnit>(founded).id });
  });
});
