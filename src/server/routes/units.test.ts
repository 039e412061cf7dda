import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import type { SupervisionNotice } from '../../plan/supervision.js';
import { CHANGPING, applyEvent, deriveDispatchRules, receiveOrder } from '../../requests/index.js';
import type { OrderEventInput, RequestActor, WorkOrder } from '../../requests/types.js';
import { openRequestStore } from '../../store/requests-store.js';
import type { Database } from '../../store/schema.js';
import { getRequestsSetup } from '../requests-service.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';
import type { UnitUsage, VersionedUnit } from '../../contract/index.js';

const V1 = '/api/v1';
const AT = '2022-04-01T02:00:00.000Z';

interface ErrorAnswer {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}

describe.each(DIALECTS)('unit routes on %s', (dialect) => {
  let t: TestApp;
  let db: Kysely<Database>;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    db = (t.store as unknown as { kysely: Kysely<Database> }).kysely;
  });

  const create = async (name: string, kind = 'department'): Promise<VersionedUnit> => {
    const response = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/units`,
      payload: { name, kind },
    });
    expect(response.statusCode, response.body).toBe(201);
    return json<VersionedUnit>(response);
  };
  const unitEvents = (id: number) =>
    db
      .selectFrom('audit_events')
      .selectAll()
      .where('entity_type', '=', 'unit')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();

  it('lists units with the version a rename sends back', async () => {
    const page = json<{ items: VersionedUnit[] }>(await t.request('public', { url: `${V1}/units` }));
    expect(page.items.find((u) => u.id === t.unitA.id)).toEqual({
      id: t.unitA.id,
      name: t.unitA.name,
      kind: t.unitA.kind,
      version: 1,
    });
  });

  it('renames a unit and changes its kind, bumping its version and recording who did it', async () => {
    const unit = await create('区水务局');
    const response = await t.request('supervisor', {
      method: 'PATCH',
      url: `${V1}/units/${unit.id}`,
      payload: { name: '  区水务局（区河长办）  ', kind: 'other', version: unit.version },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(json<VersionedUnit>(response)).toEqual({
      id: unit.id,
      name: '区水务局（区河长办）',
      kind: 'other',
      version: unit.version + 1,
    });
    const [event] = await unitEvents(unit.id);
    expect(event).toMatchObject({
      action: 'unit.update',
      actor_user_id: t.users.supervisor.id,
      actor_role: 'supervisor',
      plan_id: null,
    });
    expect(JSON.parse(event?.before ?? 'null')).toEqual({ name: '区水务局', kind: 'department' });
    expect(JSON.parse(event?.after ?? 'null')).toEqual({ name: '区水务局（区河长办）', kind: 'other' });
  });

  it('answers 409 for a stale version and changes nothing', async () => {
    const unit = await create('区民政局');
    const first = await t.request('admin', {
      method: 'PATCH',
      url: `${V1}/units/${unit.id}`,
      payload: { name: '区民政局（新）', version: unit.version },
    });
    expect(first.statusCode).toBe(200);
    const second = await t.request('supervisor', {
      method: 'PATCH',
      url: `${V1}/units/${unit.id}`,
      payload: { name: '区民政局（旧）', version: unit.version },
    });
    expect(second.statusCode).toBe(409);
    expect(json<ErrorAnswer>(second).error.message).toMatch(/changed by someone else/);
    expect((await t.store.getUnit(unit.id)).name).toBe('区民政局（新）');
  });

  it('answers 409 naming the unit that already has the name', async () => {
    const unit = await create('区文旅局');
    const response = await t.request('supervisor', {
      method: 'PATCH',
      url: `${V1}/units/${unit.id}`,
      payload: { name: t.unitB.name, version: unit.version },
    });
    expect(response.statusCode).toBe(409);
    const { error } = json<ErrorAnswer>(response);
    expect(error.message).toBe(`a unit named ${t.unitB.name} already exists (unit ${t.unitB.id})`);
    expect(error.details).toEqual([{ path: 'body.name', message: 'already taken' }]);
    // Its own name, unchanged, is no clash.
    const same = await t.request('supervisor', {
      method: 'PATCH',
      url: `${V1}/units/${unit.id}`,
      payload: { name: '区文旅局', kind: 'other', version: unit.version },
    });
    expect(same.statusCode).toBe(200);
  });

  it('answers 400 for an empty patch or name and 404 for an unknown unit', async () => {
    const unit = await create('区统计局');
    const empty = await t.request('admin', {
      method: 'PATCH',
      url: `${V1}/units/${unit.id}`,
      payload: { version: unit.version },
    });
    expect(empty.statusCode).toBe(400);
    expect(json<ErrorAnswer>(empty).error.details.map((d) => d.path)).toEqual(['body.name']);
    const blank = await t.request('admin', {
      method: 'PATCH',
      url: `${V1}/units/${unit.id}`,
      payload: { name: '   ', version: unit.version },
    });
    expect(blank.statusCode).toBe(400);
    const unknown = await t.request('admin', {
      method: 'PATCH',
      url: `${V1}/units/999999`,
      payload: { name: '无', version: 1 },
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('refuses to delete a unit in use, saying what refers to it', async () => {
    // unitA leads taskA and the reporter acts for it (test-app.ts).
    const response = await t.request('admin', { method: 'DELETE', url: `${V1}/units/${t.unitA.id}` });
    expect(response.statusCode).toBe(409);
    const { error } = json<ErrorAnswer>(response);
    expect(error.message).toMatch(new RegExp(`^unit ${t.unitA.name} is still in use: `));
    expect(error.message).toMatch(/1 tasks it leads/);
    expect(error.message).toMatch(/1 users who act for it/);
    expect(error.details).toEqual(
      expect.arrayContaining([
        { path: 'usage.tasksLed', message: '1 tasks it leads' },
        { path: 'usage.users', message: '1 users who act for it' },
      ]),
    );
    expect(error.details.every((d) => /^usage\.\w+$/.test(d.path) && /^[1-9]\d* /.test(d.message))).toBe(
      true,
    );
    expect((await t.store.getUnit(t.unitA.id)).name).toBe(t.unitA.name);
  });

  it('deletes an unused unit and records it; a stale version or unknown unit is refused', async () => {
    const unit = await create('临时指挥部', 'other');
    const stale = await t.request('admin', {
      method: 'DELETE',
      url: `${V1}/units/${unit.id}?version=${unit.version + 5}`,
    });
    expect(stale.statusCode).toBe(409);
    const response = await t.request('admin', {
      method: 'DELETE',
      url: `${V1}/units/${unit.id}?version=${unit.version}`,
    });
    expect(response.statusCode).toBe(204);
    const list = json<{ items: VersionedUnit[] }>(
      await t.request('public', { url: `${V1}/units?limit=500` }),
    );
    expect(list.items.some((u) => u.id === unit.id)).toBe(false);
    const events = await unitEvents(unit.id);
    expect(events.map((e) => e.action)).toEqual(['unit.delete']);
    expect(JSON.parse(events[0]?.before ?? 'null')).toEqual({ name: '临时指挥部', kind: 'other' });
    expect((await t.request('admin', { method: 'DELETE', url: `${V1}/units/${unit.id}` })).statusCode).toBe(
      404,
    );
  });

  it('merges a unit into another: every reference moves, in one step, with its history', async () => {
    const planId = t.published.plan.id;
    const old = await create('区城管委');
    const into = await create('区城市管理委员会');
    const tasks = (await t.store.listTasks(planId, { limit: 1000 })).items.filter(
      (task) => task.leadUnitId === null,
    );
    const [led, helped, both] = tasks;
    if (!led || !helped || !both) throw new Error('the example plan has too few unassigned tasks');
    const ledBefore = await t.store.updateTask(
      planId,
      led.id,
      { leadUnitId: old.id, coUnitIds: [t.unitC.id] },
      led.version,
    );
    await t.store.updateTask(
      planId,
      helped.id,
      { leadUnitId: t.unitC.id, coUnitIds: [old.id] },
      helped.version,
    );
    // Led by the absorbing unit and helped by the absorbed one: afterwards, just led.
    await t.store.updateTask(planId, both.id, { leadUnitId: into.id, coUnitIds: [old.id] }, both.version);
    const target = (await t.store.listTargets(planId, { limit: 1 })).items[0]!;
    await t.store.updateTarget(planId, target.id, { leadUnitId: old.id }, target.version);
    const reporter = await t.store.createUser({
      username: 'chengguan',
      displayName: '城管填报员',
      role: 'reporter',
      unitIds: [old.id, into.id],
      passwordHash: 'x',
    });
    const report = await t.store.createUnitReport({
      planId,
      unitId: old.id,
      periodKey: '2022-03',
      status: 'draft',
      tasks: [],
      targets: [],
      evidence: [],
      carriedFrom: null,
      submittedBy: null,
      submittedAt: null,
      reviewedBy: null,
      reviewedAt: null,
      returnReason: null,
    });
    const notice: Omit<SupervisionNotice, 'id'> = {
      planId,
      subject: { type: 'task', id: led.id },
      unitId: old.id,
      urgency: 'yellow',
      state: 'issued',
      content: '请加快推进',
      dueOn: '2022-04-20',
      issuedBy: t.users.supervisor.id,
      issuedAt: AT,
      answer: null,
      answeredBy: null,
      answeredAt: null,
      closedBy: null,
      closedAt: null,
      closingNote: null,
      escalations: [],
    };
    const issued = await t.store.createSupervision('notice', notice);

    const response = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/units/${old.id}/merge`,
      payload: { into: into.id, version: old.version },
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = json<{ unit: VersionedUnit; moved: UnitUsage }>(response);
    expect(body.unit).toMatchObject({ id: into.id, name: '区城市管理委员会' });
    expect(body.moved).toMatchObject({
      tasksLed: 1,
      tasksCoLed: 2,
      targetsLed: 1,
      users: 1,
      reports: 1,
      supervision: 1,
      requestOrdersLed: 0,
    });

    const after = async (id: number) => t.store.getTask(planId, id);
    expect(await after(led.id)).toMatchObject({
      leadUnitId: into.id,
      coUnitIds: [t.unitC.id],
      version: ledBefore.version + 1,
    });
    expect(await after(helped.id)).toMatchObject({ leadUnitId: t.unitC.id, coUnitIds: [into.id] });
    expect(await after(both.id)).toMatchObject({ leadUnitId: into.id, coUnitIds: [] });
    expect((await t.store.getTarget(planId, target.id)).leadUnitId).toBe(into.id);
    expect((await t.store.getUser(reporter.id)).unitIds).toEqual([into.id]);
    expect((await t.store.getUnitReport(planId, report.id)).unitId).toBe(into.id);
    expect((await t.store.getSupervision('notice', planId, issued.id)).unitId).toBe(into.id);
    expect((await t.store.listUnits()).some((u) => u.id === old.id)).toBe(false);

    const history = await t.store.listAuditEvents(planId, { item: { type: 'task', id: led.id } });
    expect(history.at(-1)).toMatchObject({
      action: 'task.update',
      actor: { userId: t.users.supervisor.id, role: 'supervisor' },
      before: { leadUnitId: old.id, coUnitIds: [t.unitC.id] },
      after: { leadUnitId: into.id, coUnitIds: [t.unitC.id] },
      reason: 'unit 区城管委 merged into 区城市管理委员会',
    });
    const [merge] = await unitEvents(old.id);
    expect(merge?.action).toBe('unit.merge');
    expect(JSON.parse(merge?.after ?? 'null')).toMatchObject({
      mergedInto: { id: into.id, name: '区城市管理委员会' },
      moved: { tasksLed: 1 },
    });
  });

  it('refuses a merge when both units reported for the same period, and moves nothing', async () => {
    const planId = t.published.plan.id;
    const old = await create('区人防办');
    const into = await create('区国动办');
    const blank = {
      planId,
      periodKey: '2022-05',
      status: 'draft' as const,
      tasks: [],
      targets: [],
      evidence: [],
      carriedFrom: null,
      submittedBy: null,
      submittedAt: null,
      reviewedBy: null,
      reviewedAt: null,
      returnReason: null,
    };
    await t.store.createUnitReport({ ...blank, unitId: old.id });
    await t.store.createUnitReport({ ...blank, unitId: into.id });
    const task = (await t.store.listTasks(planId, { limit: 1000 })).items.find((x) => x.leadUnitId === null)!;
    await t.store.updateTask(planId, task.id, { leadUnitId: old.id }, task.version);
    const response = await t.request('admin', {
      method: 'POST',
      url: `${V1}/units/${old.id}/merge`,
      payload: { into: into.id },
    });
    expect(response.statusCode).toBe(409);
    expect(json<ErrorAnswer>(response).error.message).toBe(
      `both units reported for the same period (plan ${planId} 2022-05): a merge cannot combine two reports`,
    );
    expect((await t.store.getTask(planId, task.id)).leadUnitId).toBe(old.id);
    expect((await t.store.getUnit(old.id)).name).toBe('区人防办');
  });

  it('keeps the area a street or town office governs: set, moved, cleared, checked', async () => {
    const office = await create('流村镇人民政府', 'town');
    const set = await t.request('supervisor', {
      method: 'PATCH',
      url: `${V1}/units/${office.id}`,
      payload: { area: '流村镇', version: office.version },
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(json<VersionedUnit>(set)).toEqual({ ...office, area: '流村镇', version: office.version + 1 });
    const [event] = await unitEvents(office.id);
    expect(JSON.parse(event?.before ?? 'null')).toEqual({ name: '流村镇人民政府', kind: 'town' });
    expect(JSON.parse(event?.after ?? 'null')).toEqual({
      name: '流村镇人民政府',
      kind: 'town',
      area: '流村镇',
    });

    // A rename keeps the area; the list shows it.
    const renamed = await t.request('supervisor', {
      method: 'PATCH',
      url: `${V1}/units/${office.id}`,
      payload: { name: '流村镇党群服务中心', version: office.version + 1 },
    });
    expect(json<VersionedUnit>(renamed)).toMatchObject({ name: '流村镇党群服务中心', area: '流村镇' });
    const list = json<{ items: VersionedUnit[] }>(
      await t.request('public', { url: `${V1}/units?limit=500` }),
    );
    expect(list.items.find((u) => u.id === office.id)?.area).toBe('流村镇');
    expect(list.items.find((u) => u.id === t.unitA.id)).not.toHaveProperty('area');

    const patch = (id: number, payload: Record<string, unknown>) =>
      t.request('supervisor', { method: 'PATCH', url: `${V1}/units/${id}`, payload });
    const error = (response: Awaited<ReturnType<typeof patch>>) => json<ErrorAnswer>(response).error;

    // Another office cannot govern it too; a new office is created with a free area only.
    const other = await create('延寿镇人民政府', 'town');
    const taken = await patch(other.id, { area: '流村镇', version: other.version });
    expect(taken.statusCode).toBe(409);
    expect(error(taken).details).toEqual([{ path: 'body.area', message: `governed by unit ${office.id}` }]);
    const created = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/units`,
      payload: { name: '流村镇便民服务中心', kind: 'town', area: '流村镇' },
    });
    expect(created.statusCode).toBe(409);
    expect(error(created).details.map((d) => d.path)).toEqual(['body.area']);

    // Outside the jurisdiction, on a department, or blank: 400 on body.area.
    const outside = await patch(other.id, { area: '朝阳区', version: other.version });
    expect(outside.statusCode).toBe(400);
    expect(error(outside).details).toEqual([
      { path: 'body.area', message: 'not a street or town of 昌平区' },
    ]);
    const department = await create('区信访办公室');
    const onDepartment = await patch(department.id, { area: '延寿镇', version: department.version });
    expect(onDepartment.statusCode).toBe(400);
    expect(error(onDepartment).details.map((d) => d.path)).toEqual(['body.area']);
    const blank = await patch(other.id, { area: '  ', version: other.version });
    expect(blank.statusCode).toBe(400);
    expect(error(blank).details.map((d) => d.path)).toEqual(['body.area']);
    // An office that governs an area does not become a department without giving it up.
    const toDepartment = await patch(office.id, { kind: 'department', version: office.version + 2 });
    expect(toDepartment.statusCode).toBe(400);
    expect(error(toDepartment).details.map((d) => d.path)).toEqual(['body.area']);

    // Moved: cleared on one (null), then set on the other.
    const cleared = await patch(office.id, { area: null, version: office.version + 2 });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(json<VersionedUnit>(cleared)).not.toHaveProperty('area');
    const moved = await patch(other.id, { area: '流村镇', version: other.version });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await t.store.getUnit(other.id)).area).toBe('流村镇');
    expect((await t.store.getUnit(office.id)).area).toBeUndefined();
  });

  it('refuses to delete the office of an area, and passes its area on in a merge', async () => {
    const office = json<VersionedUnit>(
      await t.request('supervisor', {
        method: 'POST',
        url: `${V1}/units`,
        payload: { name: '十三陵镇人民政府', kind: 'town', area: '十三陵镇' },
      }),
    );
    expect(office.area).toBe('十三陵镇');
    const deleted = await t.request('admin', { method: 'DELETE', url: `${V1}/units/${office.id}` });
    expect(deleted.statusCode).toBe(409);
    expect(json<ErrorAnswer>(deleted).error.details).toEqual([{ path: 'area', message: 'governs 十三陵镇' }]);

    // Into a department, or into an office that governs another area: refused, nothing moves.
    const department = await create('区文物局');
    const busy = json<VersionedUnit>(
      await t.request('supervisor', {
        method: 'POST',
        url: `${V1}/units`,
        payload: { name: '崔村镇人民政府', kind: 'town', area: '崔村镇' },
      }),
    );
    for (const into of [department, busy]) {
      const refused = await t.request('admin', {
        method: 'POST',
        url: `${V1}/units/${office.id}/merge`,
        payload: { into: into.id },
      });
      expect(refused.statusCode).toBe(409);
      expect(json<ErrorAnswer>(refused).error.details).toEqual([
        { path: 'area', message: 'governs 十三陵镇' },
      ]);
    }
    expect((await t.store.getUnit(office.id)).area).toBe('十三陵镇');

    const into = await create('十三陵镇综合办公室', 'town');
    const merged = await t.request('admin', {
      method: 'POST',
      url: `${V1}/units/${office.id}/merge`,
      payload: { into: into.id },
    });
    expect(merged.statusCode, merged.body).toBe(200);
    expect(json<{ unit: VersionedUnit }>(merged).unit).toEqual({
      ...into,
      area: '十三陵镇',
      version: into.version + 1,
    });
    const [event] = await unitEvents(into.id);
    expect(event).toMatchObject({ action: 'unit.update', actor_user_id: t.users.admin.id });
    expect(JSON.parse(event?.after ?? 'null')).toEqual({
      name: '十三陵镇综合办公室',
      kind: 'town',
      area: '十三陵镇',
    });
  });

  it('answers 400 for a merge into itself or into an unknown unit, 404 for an unknown unit', async () => {
    const unit = await create('区审计局');
    const self = await t.request('admin', {
      method: 'POST',
      url: `${V1}/units/${unit.id}/merge`,
      payload: { into: unit.id },
    });
    expect(self.statusCode).toBe(400);
    expect(json<ErrorAnswer>(self).error.details).toEqual([
      { path: 'body.into', message: 'must be another unit' },
    ]);
    const unknown = await t.request('admin', {
      method: 'POST',
      url: `${V1}/units/${unit.id}/merge`,
      payload: { into: 999999 },
    });
    expect(unknown.statusCode).toBe(400);
    expect(json<ErrorAnswer>(unknown).error.details.map((d) => d.path)).toEqual(['body.into']);
    const missing = await t.request('admin', {
      method: 'POST',
      url: `${V1}/units/999999/merge`,
      payload: { into: unit.id },
    });
    expect(missing.statusCode).toBe(404);
  });

  // 接诉即办 (issue 7): these run last, as they set the jurisdiction's offices and areas up.
  const T0 = '2024-07-01T02:00:00.000Z'; // Mon 10:00 Beijing
  const later = (hours: number) => new Date(Date.parse(T0) + hours * 3_600_000).toISOString();
  const center: RequestActor = { userId: null, role: 'center', unitIds: [] };
  const acting = (unitId: number): RequestActor => ({ userId: null, role: 'unit', unitIds: [unitId] });
  /** An order of 积水 in `area`, received at T0, taken through `steps` (each appended as the API would). */
  const seedOrder = async (area: string, steps: [OrderEventInput, RequestActor, string][]) => {
    const requests = openRequestStore(t.store);
    const setup = await getRequestsSetup(t.store);
    const id = await requests.nextOrderId();
    const received = receiveOrder(
      {
        source: 'hotline',
        text: `${area}路口积水很深（${id}）`,
        category: '积水',
        location: { address: '路口', area },
        contact: { name: '王先生', phone: '13800000000' },
      },
      { id, now: T0, actor: center, catalogue: setup.catalogue, jurisdiction: CHANGPING },
    );
    await requests.insertOrder(received.order, received.event);
    let order: WorkOrder = received.order;
    for (const [input, actor, at] of steps) {
      const next = applyEvent(order, input, actor, at);
      await requests.appendEvent(next.order, next.event, order.version);
      order = next.order;
    }
    return order;
  };
  const dispatch = async (leadUnitId: number, coUnitIds: number[] = []): Promise<OrderEventInput> => ({
    type: 'dispatched',
    leadUnitId,
    coUnits: coUnitIds.map((unitId) => ({ unitId })),
    ...deriveDispatchRules((await getRequestsSetup(t.store)).catalogue, '积水', T0),
  });
  const streetOffice = async (except: string[] = []) => {
    const office = (await t.store.listUnits()).find(
      (u) => u.kind === 'street' && u.area !== undefined && !except.includes(u.area),
    );
    if (office?.area === undefined) throw new Error('no street office set up');
    return { ...office, area: office.area };
  };

  it('merges a street office with 接诉即办 data: orders are transferred, 三率, themes, exemptions and the catalogue follow', async () => {
    const requests = openRequestStore(t.store);
    await getRequestsSetup(t.store);
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
    const theme = await requests.createTheme(
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
      requests.addExemption({ unitId, month, reason, createdBy: null, createdAt: T0 });
    await exempt(office.id, '2024-06', '汛期抢险');
    await exempt(office.id, '2024-07', '合并前的免责');
    await exempt(into.id, '2024-07', '承接单位的免责');
    // A version in force that routes 积水 to the office by id.
    const versions = await requests.listCatalogueVersions();
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
    await requests.addCatalogueVersion(routed);
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
      const order = await requests.getOrder(was.id);
      const events = await requests.listEvents(was.id);
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
    expect((await requests.getOrder(closed.id)).leadUnitId).toBe(into.id);
    expect((await requests.getOrder(open.id)).leadUnitId).toBe(into.id);
    const co = await requests.getOrder(helped.id);
    expect(co.leadUnitId).toBe(t.unitC.id);
    expect(co.coUnits.map((c) => c.unitId)).toEqual([into.id]);
    expect((await requests.listOrders({ unitId: office.id, limit: 10, offset: 0 })).total).toBe(0);

    // 三率 of the past month count the closed order under the successor.
    const counts = await requests.countMonthlyFollowUps('2024-07', ['grid']);
    expect(counts.find((c) => c.unitId === into.id)).toMatchObject({ volume: 1, satisfied: 1 });
    expect(counts.some((c) => c.unitId === office.id)).toBe(false);

    const moved = await requests.getTheme(theme.id);
    expect(moved.leadUnitId).toBe(into.id);
    expect(moved.tasks.map((task) => task.unitId)).toEqual([into.id]);
    expect(
      (await requests.listExemptions('2024-07')).filter((e) => [office.id, into.id].includes(e.unitId)),
    ).toEqual([expect.objectContaining({ unitId: into.id, reason: '承接单位的免责' })]);
    expect(await requests.listExemptions('2024-06')).toEqual([
      expect.objectContaining({ unitId: into.id, reason: '汛期抢险' }),
    ]);

    // A new catalogue version, effective now, routes to the successor; the old ones are as they were.
    const after = await requests.listCatalogueVersions();
    expect(after.slice(0, -1)).toEqual([...versions, routed]);
    const published = after.at(-1)!;
    expect(published.version).toBe(routed.version + 1);
    expect(Date.parse(published.effectiveFrom)).toBeGreaterThanOrEqual(Date.parse(before));
    expect(published.rows.find((row) => row.category === '积水')?.owner).toEqual({
      by: 'unit',
      unitId: into.id,
    });
    expect((await t.store.listUnits()).some((u) => u.id === office.id)).toBe(false);
    const rules = deriveDispatchRules(
      (await getRequestsSetup(t.store)).catalogue,
      '积水',
      new Date().toISOString(),
    );
    expect(rules.catalogueVersion).toBe(published.version);
  });

  it('changes nothing when a transfer fails half-way (an order changed meanwhile)', async () => {
    const requests = openRequestStore(t.store);
    await getRequestsSetup(t.store);
    const office = await streetOffice();
    const into = await create(`${office.area}综合办事处`, 'street');
    const first = await seedOrder(office.area, [[await dispatch(office.id), center, T0]]);
    const second = await seedOrder(office.area, [[await dispatch(office.id), center, T0]]);
    await requests.addExemption({
      unitId: office.id,
      month: '2024-05',
      reason: '机构调整',
      createdBy: null,
      createdAt: T0,
    });
    // Someone else acted on the second order after the merge read it: its row is a version ahead.
    await sql`update request_orders set version = version + 1 where id = ${second.id}`.execute(db);
    const versions = await requests.listCatalogueVersions();

    const response = await t.request('admin', {
      method: 'POST',
      url: `${V1}/units/${office.id}/merge`,
      payload: { into: into.id },
    });
    expect(response.statusCode).toBe(409);
    expect(json<ErrorAnswer>(response).error.message).toMatch(`order ${second.id}`);
    expect(await requests.getOrder(first.id)).toEqual(first);
    expect((await requests.listEvents(first.id)).map((e) => e.type)).toEqual(['received', 'dispatched']);
    expect((await t.store.getUnit(office.id)).area).toBe(office.area);
    expect((await t.store.getUnit(into.id)).area).toBeUndefined();
    expect(await requests.listExemptions('2024-05')).toEqual([
      expect.objectContaining({ unitId: office.id }),
    ]);
    expect(await requests.listCatalogueVersions()).toEqual(versions);
  });

  it('refuses a merge while a catalogue version scheduled for later routes to the unit', async () => {
    const requests = openRequestStore(t.store);
    const office = await create('区排水集团', 'enterprise');
    const into = await create('北京城市排水集团', 'enterprise');
    const last = (await requests.listCatalogueVersions()).at(-1)!;
    const scheduled = {
      version: last.version + 1,
      effectiveFrom: '2099-01-01T00:00:00.000Z',
      note: '积水改由排水集团牵头',
      rows: last.rows.map((row) =>
        row.category === '积水' ? { ...row, owner: { by: 'unit' as const, unitId: office.id } } : row,
      ),
    };
    await requests.addCatalogueVersion(scheduled);
    const response = await t.request('admin', {
      method: 'POST',
      url: `${V1}/units/${office.id}/merge`,
      payload: { into: into.id },
    });
    expect(response.statusCode).toBe(409);
    expect(json<ErrorAnswer>(response).error.details).toEqual([
      { path: `catalogue.${scheduled.version}`, message: 'scheduled for 2099-01-01T00:00:00.000Z' },
    ]);
    expect((await t.store.getUnit(office.id)).name).toBe('区排水集团');
    expect((await requests.listCatalogueVersions()).at(-1)).toEqual(scheduled);
  });
});
