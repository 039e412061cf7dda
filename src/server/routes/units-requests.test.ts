import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import { applyEvent, deriveDispatchRules, receiveOrder } from '../../requests/index.js';
import type { OrderEventInput, RequestActor, WorkOrder } from '../../requests/types.js';
import type { Database } from '../../store/schema.js';
import { createRequestsCache } from '../../commands/requests-setup.js';
import { createTestApp, createUnitThroughApi, json } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';
import type { UnitUsage, VersionedUnit } from '../../contract/index.js';

const V1 = '/api/v1';

interface ErrorAnswer {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}

// 接诉即办 (issue 7): a merge moves work orders, 三率, themes, exemptions and the catalogue too
// (职责划转). These set the jurisdiction's offices and areas up, in a store of their own.
describe.each(DIALECTS)('unit merges with 接诉即办 data on %s', (dialect) => {
  let t: TestApp;
  let db: Kysely<Database>;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    db = (t.store as unknown as { kysely: Kysely<Database> }).kysely;
  });

  const create = (name: string, kind = 'department'): Promise<VersionedUnit> =>
    createUnitThroughApi(t, name, kind);

  const T0 = '2024-07-01T02:00:00.000Z'; // Mon 10:00 Beijing
  const later = (hours: number) => new Date(Date.parse(T0) + hours * 3_600_000).toISOString();
  const center: RequestActor = { userId: null, role: 'center', unitIds: [] };
  const acting = (unitId: number): RequestActor => ({ userId: null, role: 'unit', unitIds: [unitId] });
  /** An order of 积水 in `area`, received at T0, taken through `steps` (each appended as the API would). */
  const seedOrder = async (area: string, steps: [OrderEventInput, RequestActor, string][]) => {
    const requests = t.store;
    const setup = await createRequestsCache(t.store).setup(1);
    const id = await requests.requests.nextOrderId();
    const received = receiveOrder(
      {
        source: 'hotline',
        text: `${area}路口积水很深（${id}）`,
        category: '积水',
        location: { address: '路口', area },
        contact: { name: '王先生', phone: '13800000000' },
      },
      {
        id,
        now: T0,
        actor: center,
        catalogue: setup.catalogue,
        jurisdiction: setup.jurisdiction,
        jurisdictionId: 1,
      },
    );
    await requests.requests.insertOrder(received.order, received.event);
    let order: WorkOrder = received.order;
    for (const [input, actor, at] of steps) {
      const next = applyEvent(order, input, actor, at);
      await requests.requests.appendEvent(next.order, next.event, order.version);
      order = next.order;
    }
    return order;
  };
  const dispatch = async (leadUnitId: number, coUnitIds: number[] = []): Promise<OrderEventInput> => ({
    type: 'dispatched',
    leadUnitId,
    coUnits: coUnitIds.map((unitId) => ({ unitId })),
    ...deriveDispatchRules((await createRequestsCache(t.store).setup(1)).catalogue, '积水', T0),
  });
  const streetOffice = async (except: string[] = []) => {
    const office = (await t.store.units.list()).find(
      (u) => u.kind === 'street' && u.area !== undefined && !except.includes(u.area),
    );
    if (office?.area === undefined) throw new Error('no street office set up');
    return { ...office, area: office.area };
  };

  it('merges a street office with 接诉即办 data: orders are transferred, 三率, themes, exemptions and the catalogue follow', async () => {
    const requests = t.store;
    await createRequestsCache(t.store).setup(1);
    const office = await streetOffice();
    const into = await create(`${office.area}地区办事处`, 'street');
    const closed = await seedOrder(office.area, [
      [await dispatch(office.id), center, T0],
      [{ type: 'signed', unitId: office.id }, acting(office.id), later(1)],
      [{ type: 'contacted', unitId: office.id }, acting(office.id), later(2)],
      [{ type: 'replied', unitId: office.id, text: '已抽排积水' }, acting(office.id), later(3)],
      [{ type: 'closed' }, center, later(4)],
      [
        { type: 'followed_up', reached: true, contacted: true, resolved: true, satisfaction: '满意' },
        center,
        later(48),
      ],
    ]);
    const open = await seedOrder(office.area, [
      [await dispatch(office.id), center, T0],
      [{ type: 'signed', unitId: office.id }, acting(office.id), later(1)],
    ]);
    const helped = await seedOrder(office.area, [[await dispatch(t.unitC.id, [office.id]), center, T0]]);
    const theme = await requests.requestThemes.insertTheme(
      1,
      {
        month: '2024-07',
        title: '下凹桥积水治理',
        leadUnitId: office.id,
        categories: ['积水'],
        problems: ['下凹桥积水'],
        tasks: [{ text: '疏通雨水口', unitId: office.id, due: '2024-08-31' }],
        planTaskIds: [],
      },
      null,
      T0,
    );
    const exempt = (unitId: number, month: string, reason: string) =>
      requests.requestSettings.insertExemption({ unitId, month, reason, createdBy: null, createdAt: T0 });
    await exempt(office.id, '2024-06', '汛期抢险');
    await exempt(office.id, '2024-07', '合并前的免责');
    await exempt(into.id, '2024-07', '承接单位的免责');
    // A version in force that routes 积水 to the office by id.
    const versions = await requests.requestSettings.listCatalogueVersions(1);
    const inForce = versions.at(-1)!;
    const routed = {
      ...inForce,
      version: inForce.version + 1,
      effectiveFrom: '2025-01-01T00:00:00.000Z',
      note: '积水由街道办牵头',
      rows: inForce.rows.map((row) =>
        row.category === '积水' ? { ...row, owner: { by: 'unit' as const, unitId: office.id } } : row,
      ),
    };
    await requests.requestSettings.addCatalogueVersion(1, routed);
    const before = new Date().toISOString();

    const response = await t.request('admin', {
      method: 'POST',
      url: `${V1}/units/${office.id}/merge`,
      payload: { into: into.id, version: office.version },
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = json<{ unit: VersionedUnit; moved: UnitUsage }>(response);
    expect(body.unit).toMatchObject({ id: into.id, area: office.area });
    expect(body.moved).toMatchObject({
      requestOrdersLed: 2,
      requestOrdersCoHandled: 1,
      requestFollowUps: 1,
      requestThemes: 1,
      requestExemptions: 2,
      catalogueRows: 1,
    });

    // Every order now names the successor, through a `transferred` event; nothing else changed.
    for (const was of [closed, open, helped]) {
      const order = await requests.requests.getOrder(was.id);
      const events = await requests.requests.listEvents(was.id);
      expect(events.at(-1)).toMatchObject({
        type: 'transferred',
        fromUnitId: office.id,
        toUnitId: into.id,
        seq: was.version + 1,
        actor: { userId: t.users.admin.id, role: 'system' },
      });
      expect(order).toMatchObject({
        status: was.status,
        deadlines: was.deadlines,
        catalogueVersion: was.catalogueVersion,
        version: was.version + 1,
      });
    }
    expect((await requests.requests.getOrder(closed.id)).leadUnitId).toBe(into.id);
    expect((await requests.requests.getOrder(open.id)).leadUnitId).toBe(into.id);
    const co = await requests.requests.getOrder(helped.id);
    expect(co.leadUnitId).toBe(t.unitC.id);
    expect(co.coUnits.map((c) => c.unitId)).toEqual([into.id]);
    expect((await requests.requests.listOrders({ unitId: office.id, limit: 10, offset: 0 })).total).toBe(0);

    // 三率 of the past month count the closed order under the successor.
    const counts = await requests.requests.countMonthlyFollowUps(1, '2024-07', ['grid']);
    expect(counts.find((c) => c.unitId === into.id)).toMatchObject({ volume: 1, satisfied: 1 });
    expect(counts.some((c) => c.unitId === office.id)).toBe(false);

    const moved = await requests.requestThemes.getTheme(theme.id);
    expect(moved.leadUnitId).toBe(into.id);
    expect(moved.tasks.map((task) => task.unitId)).toEqual([into.id]);
    expect(
      (await requests.requestSettings.listExemptions(1, '2024-07')).filter((e) =>
        [office.id, into.id].includes(e.unitId),
      ),
    ).toEqual([expect.objectContaining({ unitId: into.id, reason: '承接单位的免责' })]);
    expect(await requests.requestSettings.listExemptions(1, '2024-06')).toEqual([
      expect.objectContaining({ unitId: into.id, reason: '汛期抢险' }),
    ]);

    // A new catalogue version, effective now, routes to the successor; the old ones are as they were.
    const after = await requests.requestSettings.listCatalogueVersions(1);
    expect(after.slice(0, -1)).toEqual([...versions, routed]);
    const published = after.at(-1)!;
    expect(published.version).toBe(routed.version + 1);
    expect(Date.parse(published.effectiveFrom)).toBeGreaterThanOrEqual(Date.parse(before));
    expect(published.rows.find((row) => row.category === '积水')?.owner).toEqual({
      by: 'unit',
      unitId: into.id,
    });
    expect((await t.store.units.list()).some((u) => u.id === office.id)).toBe(false);
    const rules = deriveDispatchRules(
      (await createRequestsCache(t.store).setup(1)).catalogue,
      '积水',
      new Date().toISOString(),
    );
    expect(rules.catalogueVersion).toBe(published.version);
  });

  it('changes nothing when a transfer fails half-way (an order changed meanwhile)', async () => {
    const requests = t.store;
    await createRequestsCache(t.store).setup(1);
    const office = await streetOffice();
    const into = await create(`${office.area}综合办事处`, 'street');
    const first = await seedOrder(office.area, [[await dispatch(office.id), center, T0]]);
    const second = await seedOrder(office.area, [[await dispatch(office.id), center, T0]]);
    await requests.requestSettings.insertExemption({
      unitId: office.id,
      month: '2024-05',
      reason: '机构调整',
      createdBy: null,
      createdAt: T0,
    });
    // Someone else acted on the second order after the merge read it: its row is a version ahead.
    await sql`update request_orders set version = version + 1 where id = ${second.id}`.execute(db);
    const versions = await requests.requestSettings.listCatalogueVersions(1);

    const response = await t.request('admin', {
      method: 'POST',
      url: `${V1}/units/${office.id}/merge`,
      payload: { into: into.id },
    });
    expect(response.statusCode).toBe(409);
    expect(json<ErrorAnswer>(response).error.message).toMatch(`order ${second.id}`);
    expect(await requests.requests.getOrder(first.id)).toEqual(first);
    expect((await requests.requests.listEvents(first.id)).map((e) => e.type)).toEqual([
      'received',
      'dispatched',
    ]);
    expect((await t.store.units.get(office.id)).area).toBe(office.area);
    expect((await t.store.units.get(into.id)).area).toBeUndefined();
    expect(await requests.requestSettings.listExemptions(1, '2024-05')).toEqual([
      expect.objectContaining({ unitId: office.id }),
    ]);
    expect(await requests.requestSettings.listCatalogueVersions(1)).toEqual(versions);
  });

  it('refuses a merge while a catalogue version scheduled for later routes to the unit', async () => {
    const requests = t.store;
    const office = await create('区排水集团', 'enterprise');
    const into = await create('北京城市排水集团', 'enterprise');
    const last = (await requests.requestSettings.listCatalogueVersions(1)).at(-1)!;
    const scheduled = {
      version: last.version + 1,
      effectiveFrom: '2099-01-01T00:00:00.000Z',
      note: '积水改由排水集团牵头',
      rows: last.rows.map((row) =>
        row.category === '积水' ? { ...row, owner: { by: 'unit' as const, unitId: office.id } } : row,
      ),
    };
    await requests.requestSettings.addCatalogueVersion(1, scheduled);
    const response = await t.request('admin', {
      method: 'POST',
      url: `${V1}/units/${office.id}/merge`,
      payload: { into: into.id },
    });
    expect(response.statusCode).toBe(409);
    expect(json<ErrorAnswer>(response).error.details).toEqual([
      { path: `catalogue.${scheduled.version}`, message: 'scheduled for 2099-01-01T00:00:00.000Z' },
    ]);
    expect((await t.store.units.get(office.id)).name).toBe('区排水集团');
    expect((await requests.requestSettings.listCatalogueVersions(1)).at(-1)).toEqual(scheduled);
  });
});
