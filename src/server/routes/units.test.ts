import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, writePlanRows } from '../../../test/factories.js';
import type { SupervisionNotice } from '../../plan/supervision.js';
import type { Database } from '../../store/schema.js';
import { createTestApp, createUnitThroughApi, json } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';
import type { UnitUsage, VersionedUnit } from '../../contract/index.js';
import { createUser } from '../../commands/users.js';
import { updateTarget, updateTask } from '../../commands/items.js';

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
    // The example files give every area its office: these tests set up two areas' offices themselves.
    for (const area of ['流村镇', '十三陵镇', '延寿镇']) {
      const office = await t.store.units.findByArea(1, area);
      if (office) await t.store.transaction((tx) => tx.units.delete(office.id));
    }
  });

  const create = (name: string, kind = 'department'): Promise<VersionedUnit> =>
    createUnitThroughApi(t, name, kind);
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
    // The plan's 区发展改革委 is the files' 区发展和改革委员会: one unit, the files' names its aliases.
    expect(page.items.find((u) => u.id === t.unitA.id)).toEqual({
      id: t.unitA.id,
      jurisdictionId: 1,
      name: t.unitA.name,
      aliases: ['区发展和改革委员会', '区发改委'],
      kind: t.unitA.kind,
      version: 1,
    });
  });

  it('renames a unit and changes its kind, bumping its version and recording who did it', async () => {
    const unit = await create('区文化和旅游局');
    const response = await t.request('supervisor', {
      method: 'PATCH',
      url: `${V1}/units/${unit.id}`,
      payload: { name: '  区文化和旅游局（区河长办）  ', kind: 'other', version: unit.version },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(json<VersionedUnit>(response)).toEqual({
      id: unit.id,
      jurisdictionId: 1,
      name: '区文化和旅游局（区河长办）',
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
    expect(JSON.parse(event?.before ?? 'null')).toEqual({ name: '区文化和旅游局', kind: 'department' });
    expect(JSON.parse(event?.after ?? 'null')).toEqual({ name: '区文化和旅游局（区河长办）', kind: 'other' });
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
    expect(json<ErrorAnswer>(second).error.message).toMatch(
      /^您编辑期间已有他人修改并保存了此内容：请刷新后核对/,
    );
    expect((await t.store.units.get(unit.id)).name).toBe('区民政局（新）');
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
    expect((await t.store.units.get(t.unitA.id)).name).toBe(t.unitA.name);
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
    const old = await create('区商务局');
    const into = await create('区投资促进局');
    const tasks = (await t.store.tasks.list(planId, { limit: 1000 })).items.filter(
      (task) => task.leadUnitId === null,
    );
    const [led, helped, both] = tasks;
    if (!led || !helped || !both) throw new Error('the example plan has too few unassigned tasks');
    const ledBefore = await updateTask(
      t.store,
      planId,
      led.id,
      { leadUnitId: old.id, coUnitIds: [t.unitC.id] },
      led.version,
    );
    await updateTask(
      t.store,
      planId,
      helped.id,
      { leadUnitId: t.unitC.id, coUnitIds: [old.id] },
      helped.version,
    );
    // Led by the absorbing unit and helped by the absorbed one: afterwards, just led.
    await updateTask(t.store, planId, both.id, { leadUnitId: into.id, coUnitIds: [old.id] }, both.version);
    const target = (await t.store.targets.list(planId, { limit: 1 })).items[0]!;
    await updateTarget(t.store, planId, target.id, { leadUnitId: old.id }, target.version);
    const reporter = await createUser(t.store, {
      jurisdictionId: 1,
      username: 'chengguan',
      displayName: '城管填报员',
      role: 'reporter',
      unitIds: [old.id, into.id],
      passwordHash: 'x',
    });
    const report = await writePlanRows(t.store, planId, (tx) =>
      tx.tracking.insertReport({
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
      }),
    );
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
    const issued = await writePlanRows(t.store, planId, (tx) => tx.supervision.insert('notice', notice));

    const response = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/units/${old.id}/merge`,
      payload: { into: into.id, version: old.version },
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = json<{ unit: VersionedUnit; moved: UnitUsage }>(response);
    expect(body.unit).toMatchObject({ id: into.id, name: '区投资促进局' });
    expect(body.moved).toMatchObject({
      tasksLed: 1,
      tasksCoLed: 2,
      targetsLed: 1,
      users: 1,
      reports: 1,
      supervision: 1,
      requestOrdersLed: 0,
    });

    const after = async (id: number) => t.store.tasks.get(planId, id);
    expect(await after(led.id)).toMatchObject({
      leadUnitId: into.id,
      coUnitIds: [t.unitC.id],
      version: ledBefore.version + 1,
    });
    expect(await after(helped.id)).toMatchObject({ leadUnitId: t.unitC.id, coUnitIds: [into.id] });
    expect(await after(both.id)).toMatchObject({ leadUnitId: into.id, coUnitIds: [] });
    expect((await t.store.targets.get(planId, target.id)).leadUnitId).toBe(into.id);
    expect((await t.store.users.get(reporter.id)).unitIds).toEqual([into.id]);
    expect((await t.store.tracking.getReport(planId, report.id)).unitId).toBe(into.id);
    expect((await t.store.supervision.get('notice', planId, issued.id)).unitId).toBe(into.id);
    expect((await t.store.units.list()).some((u) => u.id === old.id)).toBe(false);

    const history = await t.store.audit.list(planId, { item: { type: 'task', id: led.id } });
    expect(history.at(-1)).toMatchObject({
      action: 'task.update',
      actor: { userId: t.users.supervisor.id, role: 'supervisor' },
      before: { leadUnitId: old.id, coUnitIds: [t.unitC.id] },
      after: { leadUnitId: into.id, coUnitIds: [t.unitC.id] },
      reason: 'unit 区商务局 merged into 区投资促进局',
    });
    const [merge] = await unitEvents(old.id);
    expect(merge?.action).toBe('unit.merge');
    expect(JSON.parse(merge?.after ?? 'null')).toMatchObject({
      mergedInto: { id: into.id, name: '区投资促进局' },
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
    await writePlanRows(t.store, planId, async (tx) => {
      await tx.tracking.insertReport({ ...blank, unitId: old.id });
      await tx.tracking.insertReport({ ...blank, unitId: into.id });
    });
    const task = (await t.store.tasks.list(planId, { limit: 1000 })).items.find(
      (x) => x.leadUnitId === null,
    )!;
    await updateTask(t.store, planId, task.id, { leadUnitId: old.id }, task.version);
    const response = await t.request('admin', {
      method: 'POST',
      url: `${V1}/units/${old.id}/merge`,
      payload: { into: into.id },
    });
    expect(response.statusCode).toBe(409);
    expect(json<ErrorAnswer>(response).error.message).toBe(
      `both units reported for the same period (plan ${planId} 2022-05): a merge cannot combine two reports`,
    );
    expect((await t.store.tasks.get(planId, task.id)).leadUnitId).toBe(old.id);
    expect((await t.store.units.get(old.id)).name).toBe('区人防办');
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
      { path: 'body.area', message: 'not a street or town of 北京市昌平区' },
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
    expect((await t.store.units.get(other.id)).area).toBe('流村镇');
    expect((await t.store.units.get(office.id)).area).toBeUndefined();
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
    // The office of 崔村镇, as the example files set it up.
    const busy = (await t.store.units.findByArea(1, '崔村镇'))!;
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
    expect((await t.store.units.get(office.id)).area).toBe('十三陵镇');

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
});
