/**
 * The commands of plans, units, users and items on the store, on both engines: imports and
 * re-imports with every row, lists and filters, optimistic locking, transactions.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import type { AppError } from '../errors.js';
import type { Unit } from '../plan/types.js';
import { DIALECTS, createTestStore, seedExamplePlan, seedUnits, seedUser } from '../../test/factories.js';
import { exampleReport } from '../../test/fixtures/example.js';
import type { PlanSummary, Store } from '../store/index.js';
import { createUnit, updateUnit } from './units.js';
import { updateUser } from './users.js';
import { deletePlan, importPlan, reimportPlan, updatePlan } from './plans.js';
import { updateProject, updateTarget, updateTask } from './items.js';

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('expected the promise to reject');
}

describe.each(DIALECTS)('store on %s', (dialect) => {
  let store: Store;
  let units: Record<string, Unit>;
  let plan: PlanSummary;
  const unit = (name: string) => {
    const u = units[name];
    if (!u) throw new Error(`no unit ${name}`);
    return u;
  };

  beforeAll(async () => {
    store = await createTestStore(dialect);
    units = await seedUnits(store);
    plan = await seedExamplePlan(store, { state: 'draft' });
  });

  it('reports its dialect', () => {
    expect(store.dialect).toBe(dialect);
  });

  describe('units', () => {
    it('creates, finds and lists units', async () => {
      const created = await createUnit(store, { jurisdictionId: 1, name: '流村镇', kind: 'town' });
      expect(await store.units.get(created.id)).toEqual(created);
      expect(await store.units.findByName(1, '流村镇')).toEqual(created);
      expect(await store.units.findByName(1, '不存在的单位')).toBeUndefined();
      expect((await store.units.list()).map((u) => u.name)).toContain('回龙观街道');
    });

    it('refuses a duplicate name with CONFLICT and an unknown id with NOT_FOUND', async () => {
      expect(
        (await rejection(createUnit(store, { jurisdictionId: 1, name: '区科委', kind: 'department' }))).code,
      ).toBe('CONFLICT');
      expect((await rejection(store.units.get(99999))).code).toBe('NOT_FOUND');
    });

    it('keeps the area a street or town office governs, one office per area', async () => {
      const office = await createUnit(store, {
        jurisdictionId: 1,
        name: '阳坊镇人民政府',
        kind: 'town',
        area: '阳坊镇',
      });
      expect(office).toMatchObject({ kind: 'town', area: '阳坊镇' });
      expect((await store.units.list()).find((u) => u.id === office.id)?.area).toBe('阳坊镇');
      expect(await store.units.get(unit('区科委').id)).not.toHaveProperty('area');

      const second = await rejection(
        createUnit(store, { jurisdictionId: 1, name: '阳坊镇政务中心', kind: 'town', area: '阳坊镇' }),
      );
      expect(second).toMatchObject({ code: 'CONFLICT', details: [{ path: 'area' }] });
      const department = await rejection(
        createUnit(store, { jurisdictionId: 1, name: '区阳坊办', kind: 'department', area: '百善镇' }),
      );
      expect(department).toMatchObject({ code: 'BAD_INPUT', details: [{ path: 'area' }] });
      const toDepartment = await rejection(
        updateUnit(store, office.id, { kind: 'department' }, office.version),
      );
      expect(toDepartment).toMatchObject({ code: 'BAD_INPUT', details: [{ path: 'area' }] });

      const renamed = await updateUnit(store, office.id, { name: '阳坊镇党群服务中心' }, office.version);
      expect(renamed).toMatchObject({ area: '阳坊镇', version: office.version + 1 });
      const cleared = await updateUnit(store, office.id, { area: null, kind: 'other' }, renamed.version);
      expect(cleared).not.toHaveProperty('area');
      const nankou = unit('南口镇');
      const moved = await updateUnit(
        store,
        nankou.id,
        { area: '阳坊镇' },
        (await store.units.get(nankou.id)).version,
      );
      expect(moved.area).toBe('阳坊镇');
      await updateUnit(store, nankou.id, { area: null }, moved.version);
    });
  });

  describe('users', () => {
    it('creates a reporter with units and finds it with its hash', async () => {
      const user = await seedUser(store, 'reporter', {
        username: 'chengbei',
        unitIds: [unit('城北街道').id],
      });
      expect(user).toMatchObject({ username: 'chengbei', role: 'reporter', disabled: false });
      expect(user.unitIds).toEqual([unit('城北街道').id]);
      const found = await store.users.findByUsername('chengbei');
      expect(found?.passwordHash).toMatch(/^\$argon2id\$/);
      expect(await store.users.findByUsername('nobody')).toBeUndefined();
    });

    it('updates role, units, password and disabled', async () => {
      const user = await seedUser(store, 'leader', { username: 'leader1' });
      const updated = await updateUser(store, user.id, {
        role: 'supervisor',
        unitIds: [unit('区财政局').id, unit('南口镇').id],
        disabled: true,
        passwordHash: 'x',
      });
      expect(updated.role).toBe('supervisor');
      expect(updated.unitIds.sort()).toEqual([unit('区财政局').id, unit('南口镇').id].sort());
      expect(updated.disabled).toBe(true);
      expect((await store.users.findByUsername('leader1'))?.passwordHash).toBe('x');
      expect((await store.users.list()).some((u) => u.username === 'leader1' && u.disabled)).toBe(true);
    });

    it('refuses duplicates, unknown units and unknown users', async () => {
      await seedUser(store, 'admin', { username: 'admin1' });
      expect((await rejection(seedUser(store, 'admin', { username: 'admin1' }))).code).toBe('CONFLICT');
      const bad = await rejection(seedUser(store, 'reporter', { username: 'r9', unitIds: [424242] }));
      expect(bad.code).toBe('BAD_INPUT');
      expect(bad.details[0]?.path).toBe('unitIds');
      expect((await rejection(store.users.get(424242))).code).toBe('NOT_FOUND');
      expect((await rejection(updateUser(store, 424242, { role: 'admin' }))).code).toBe('NOT_FOUND');
    });
  });

  describe('sessions and API tokens', () => {
    it('stores, finds and deletes a session, expired or not', async () => {
      const user = await seedUser(store, 'supervisor', { username: 'ducha' });
      const expiresAt = new Date(Date.now() + 3_600_000).toISOString();
      await store.sessions.insert({ idHash: 'h1', userId: user.id, csrfToken: 'c1', expiresAt });
      expect(await store.sessions.find('h1')).toEqual({ userId: user.id, csrfToken: 'c1', expiresAt });
      await store.sessions.delete('h1');
      expect(await store.sessions.find('h1')).toBeUndefined();
      await store.sessions.insert({
        idHash: 'h2',
        userId: user.id,
        csrfToken: 'c2',
        expiresAt: '2000-01-01T00:00:00.000Z',
      });
      expect((await store.sessions.find('h2'))?.expiresAt).toBe('2000-01-01T00:00:00.000Z');
    });

    it('stores a token by hash', async () => {
      const user = await seedUser(store, 'admin', { username: 'script' });
      const expiresAt = '2030-01-01T00:00:00.000Z';
      const { id } = await store.sessions.insertToken({
        tokenHash: 't1',
        userId: user.id,
        name: 'nightly',
        expiresAt,
      });
      // Made without scopes (a fixture's), a token keeps every scope (migration 20261217T0100).
      expect(await store.sessions.findToken('t1')).toEqual({
        id,
        userId: user.id,
        expiresAt,
        scopes: ['read', 'report', 'requests', 'manage'],
      });
      expect(await store.sessions.findToken('t2')).toBeUndefined();
    });
  });

  describe('importPlan', () => {
    it('imports the example report with every row and counts', async () => {
      const { extraction } = exampleReport();
      expect(plan.plan).toMatchObject({
        title: '2022年北京市昌平区政府工作报告',
        place: '北京市昌平区',
        year: 2022,
        state: 'draft',
        version: 1,
        publishedAt: null,
      });
      expect(plan.counts).toEqual({
        outline: 37,
        targets: extraction.items.filter((i) => i.kind === 'target').length,
        achievements: extraction.items.filter((i) => i.kind === 'achievement').length,
        tasks: extraction.tasks.length,
        projects: 101,
        projectLists: new Set(extraction.projects.map((p) => p.listSpan.join(':'))).size,
        tasksAssigned: 0,
      });
      expect(plan.counts.targets).toBeGreaterThan(60);
    });

    it('keeps the text so every span resolves', async () => {
      const text = await store.plans.getText(plan.plan.id);
      const targets = await store.targets.list(plan.plan.id, { limit: 1000 });
      for (const t of targets.items) {
        expect(text.slice(...t.span)).toBe(t.quote);
        expect(t.sentence).toContain(t.quote);
      }
      const tasks = await store.tasks.list(plan.plan.id, { limit: 1000 });
      for (const t of tasks.items) expect(text.slice(...t.span)).toBe(t.text);
      const projects = await store.projects.list(plan.plan.id, { limit: 1000 });
      for (const p of projects.items) expect(text.slice(...p.span)).toBe(p.name);
    });

    it('builds the outline tree: lead phrases under their section, sections under their chapter', async () => {
      const outline = await store.plans.listOutline(plan.plan.id);
      const byId = new Map(outline.map((n) => [n.id, n]));
      const lead = outline.find((n) => n.title === '支撑构建国家战略科技力量');
      const section = lead?.parentId ? byId.get(lead.parentId) : undefined;
      expect(section?.title).toBe('加快建设未来科学城,更好发挥北京国际科创中心枢纽型主平台作用');
      expect(section?.parentId ? byId.get(section.parentId)?.title : undefined).toBe('2022年重点任务');
      expect(outline.filter((n) => n.parentId === null).map((n) => n.position)).toEqual([0, 1, 2]);
    });

    it('links baselines from the report’s own achievements', async () => {
      const forest = (await store.targets.list(plan.plan.id, { q: '森林覆盖率' })).items[0];
      expect(forest).toMatchObject({ quote: '48.5%以上', direction: 'rising' });
      expect(forest?.baseline).toMatchObject({ value: 48.3, unit: '%', period: '2021' });
      const gdp = (await store.targets.list(plan.plan.id, { q: '6.5%左右' })).items[0];
      expect(gdp?.baseline).toMatchObject({ value: 1270, unit: '亿元', period: '2021' });
      const achievement = await store.achievements.get(plan.plan.id, gdp?.baseline?.achievementId ?? -1);
      expect(achievement.metric).toBe('地区生产总值');
    });

    it('sets the outline node of a target to the deepest heading before it, and its task', async () => {
      const target = (await store.targets.list(plan.plan.id, { q: '40个' })).items[0];
      const outline = await store.plans.listOutline(plan.plan.id);
      expect(outline.find((n) => n.id === target?.outlineNodeId)?.title).toBe('紧抓重点产业项目落地');
      const task = await store.tasks.get(plan.plan.id, target?.taskId ?? -1);
      expect(task.text).toContain('等40个项目签约落地');
    });

    it('groups projects into lists with the promised count', async () => {
      const lists = await store.projects.listLists(plan.plan.id);
      const signing = lists.find((l) => l.count === 40);
      expect(signing).toMatchObject({ stage: '签约落地', kind: 'target' });
      const projects = await store.projects.list(plan.plan.id, { listId: signing?.id ?? -1 });
      expect(projects.items.map((p) => p.name)).toEqual(['科兴生物疫苗质量研究中心', '兴唐创新中心']);
      expect(projects.items[0]).toMatchObject({ currentStage: '储备', stageDates: {}, version: 1 });
    });

    it('writes nothing when the import fails part way', async () => {
      const before = (await store.plans.list({})).total;
      const report = exampleReport();
      const last = report.extraction.projects.at(-1);
      // A NOT NULL column left empty: the last table written fails, after all the others.
      if (last) (last as { name: unknown }).name = null;
      await expect(importPlan(store, { ...report, jurisdictionId: 1 })).rejects.toThrow();
      expect((await store.plans.list({})).total).toBe(before);
    });

    it('refuses an import whose year cannot be told', async () => {
      const report = exampleReport();
      report.extraction.report = {};
      const error = await rejection(
        importPlan(store, { jurisdictionId: 1, ...report, sourceName: 'report.txt' }),
      );
      expect(error.code).toBe('BAD_INPUT');
    });
  });

  describe('lists', () => {
    it('pages with limit and offset and gives the total', async () => {
      const all = await store.tasks.list(plan.plan.id, { limit: 1000 });
      const page = await store.tasks.list(plan.plan.id, { limit: 10, offset: 20 });
      expect(page.total).toBe(all.total);
      expect(page.items.map((t) => t.id)).toEqual(all.items.slice(20, 30).map((t) => t.id));
      const achievements = await store.achievements.list(plan.plan.id, { limit: 5 });
      expect(achievements.items).toHaveLength(5);
      expect(achievements.total).toBe(plan.counts.achievements);
    });

    it('filters tasks by unit (lead or co-unit), state, outline subtree, overdue and text', async () => {
      const tasks = (await store.tasks.list(plan.plan.id, { limit: 3 })).items;
      const [a, b, c] = tasks;
      if (!a || !b || !c) throw new Error('need three tasks');
      const nankou = unit('南口镇').id;
      await updateTask(store, plan.plan.id, a.id, { leadUnitId: nankou, deadline: '2022-03-31' }, a.version);
      await updateTask(
        store,
        plan.plan.id,
        b.id,
        { coUnitIds: [nankou, unit('区科委').id], deadline: '2022-06-30' },
        b.version,
      );
      await updateTask(
        store,
        plan.plan.id,
        c.id,
        { leadUnitId: nankou, state: 'done', deadline: '2022-01-31' },
        c.version,
      );
      const byUnit = await store.tasks.list(plan.plan.id, { unitId: nankou });
      expect(byUnit.items.map((t) => t.id).sort()).toEqual([a.id, b.id, c.id].sort());
      expect(byUnit.total).toBe(3);
      expect(
        (await store.tasks.list(plan.plan.id, { unitId: nankou, state: 'done' })).items.map((t) => t.id),
      ).toEqual([c.id]);
      const overdue = await store.tasks.list(plan.plan.id, { overdueOn: '2022-05-01' });
      expect(overdue.items.map((t) => t.id)).toEqual([a.id]);
      const q = await store.tasks.list(plan.plan.id, { q: '40个项目签约落地' });
      expect(q.total).toBe(1);
      const lead = (await store.plans.listOutline(plan.plan.id)).find((n) => n.title === '2022年重点任务');
      const inChapter = await store.tasks.list(plan.plan.id, { outlineNodeId: lead?.id ?? -1, limit: 1000 });
      expect(inChapter.total).toBeGreaterThan(100);
      expect((await store.plans.getSummary(plan.plan.id)).counts.tasksAssigned).toBe(2);
    });

    it('filters targets by unit and text', async () => {
      const forest = (await store.targets.list(plan.plan.id, { q: '森林' })).items[0];
      if (!forest) throw new Error('no forest target');
      const green = await createUnit(store, { jurisdictionId: 1, name: '区园林绿化局', kind: 'department' });
      await updateTarget(store, plan.plan.id, forest.id, { coUnitIds: [green.id] }, forest.version);
      const byUnit = await store.targets.list(plan.plan.id, { unitId: green.id });
      expect(byUnit.items.map((t) => t.id)).toEqual([forest.id]);
      expect(byUnit.items[0]?.coUnitIds).toEqual([green.id]);
      expect((await store.targets.list(plan.plan.id, { q: '没有这个指标' })).total).toBe(0);
      expect((await store.projects.list(plan.plan.id, { q: '小米' })).total).toBeGreaterThan(0);
    });

    it('answers NOT_FOUND for an unknown plan or row', async () => {
      expect((await rejection(store.tasks.list(424242))).code).toBe('NOT_FOUND');
      expect((await rejection(store.tasks.get(plan.plan.id, 424242))).code).toBe('NOT_FOUND');
      expect((await rejection(store.targets.get(plan.plan.id, 424242))).code).toBe('NOT_FOUND');
      expect((await rejection(store.projects.get(plan.plan.id, 424242))).code).toBe('NOT_FOUND');
      expect((await rejection(store.plans.get(424242))).code).toBe('NOT_FOUND');
    });
  });

  describe('optimistic locking', () => {
    it('lets one of two concurrent updaters win; the other gets CONFLICT and writes nothing', async () => {
      const task = (await store.tasks.list(plan.plan.id, { q: '30个项目开工建设' })).items[0];
      if (!task) throw new Error('no task');
      const results = await Promise.allSettled([
        updateTask(store, plan.plan.id, task.id, { leader: '张三', weight: 2 }, task.version),
        updateTask(store, plan.plan.id, task.id, { leader: '李四', weight: 3 }, task.version),
      ]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(isAppError(lost[0]?.status === 'rejected' ? lost[0].reason : undefined, 'CONFLICT')).toBe(true);
      const now = await store.tasks.get(plan.plan.id, task.id);
      const winner = won[0]?.status === 'fulfilled' ? won[0].value : undefined;
      expect(now).toEqual(winner);
      expect(now.version).toBe(task.version + 1);
    });

    it('refuses a stale version for targets, projects and plans', async () => {
      const target = (await store.targets.list(plan.plan.id, { limit: 1 })).items[0];
      const project = (await store.projects.list(plan.plan.id, { limit: 1 })).items[0];
      if (!target || !project) throw new Error('no rows');
      await updateTarget(store, plan.plan.id, target.id, { deadline: '2022-12-31' }, target.version);
      const stale = await rejection(
        updateTarget(store, plan.plan.id, target.id, { deadline: '2022-06-30' }, target.version),
      );
      expect(stale.code).toBe('CONFLICT');
      expect((await store.targets.get(plan.plan.id, target.id)).deadline).toBe('2022-12-31');
      const moved = await updateProject(
        store,
        plan.plan.id,
        project.id,
        { currentStage: '签约', stageDates: { 签约: '2022-04-01' } },
        project.version,
      );
      expect(moved).toMatchObject({ currentStage: '签约', stageDates: { 签约: '2022-04-01' } });
      expect(
        (
          await rejection(
            updateProject(store, plan.plan.id, project.id, { currentStage: '开工' }, project.version),
          )
        ).code,
      ).toBe('CONFLICT');
      expect((await rejection(updatePlan(store, plan.plan.id, { title: 'x' }, 999))).code).toBe('CONFLICT');
    });

    it('validates patches with BAD_INPUT naming each field', async () => {
      const task = (await store.tasks.list(plan.plan.id, { limit: 1 })).items[0];
      if (!task) throw new Error('no task');
      const error = await rejection(
        updateTask(
          store,
          plan.plan.id,
          task.id,
          { deadline: '2022-02-30', weight: -1, progress: 120, leadUnitId: 424242 },
          task.version,
        ),
      );
      expect(error.code).toBe('BAD_INPUT');
      expect(error.details.map((d) => d.path).sort()).toEqual([
        'deadline',
        'leadUnitId',
        'progress',
        'weight',
      ]);
    });
  });

  describe('plans', () => {
    it('publishes a plan and lists plans by state', async () => {
      const other = await seedExamplePlan(store, { state: 'draft' });
      const published = await updatePlan(store, other.plan.id, { state: 'published' }, other.plan.version);
      expect(published.state).toBe('published');
      expect(published.publishedAt).not.toBeNull();
      expect(published.version).toBe(other.plan.version + 1);
      const list = await store.plans.list({ state: 'published' });
      expect(list.items.map((p) => p.id)).toContain(other.plan.id);
      expect(list.items.every((p) => p.state === 'published')).toBe(true);
      await deletePlan(store, other.plan.id);
      expect((await rejection(store.plans.get(other.plan.id))).code).toBe('NOT_FOUND');
      expect((await rejection(deletePlan(store, other.plan.id))).code).toBe('NOT_FOUND');
    });

    it('rolls back everything written inside a failed transaction', async () => {
      const before = (await store.plans.list({})).total;
      await expect(
        store.transaction(async (tx) => {
          await seedExamplePlan(tx);
          throw new Error('boom');
        }),
      ).rejects.toThrow('boom');
      expect((await store.plans.list({})).total).toBe(before);
    });
  });

  describe('reimportPlan', () => {
    it('changes no row when the extraction is the same', async () => {
      const first = await seedExamplePlan(store, { state: 'draft' });
      const before = await store.tasks.list(first.plan.id, { limit: 1000 });
      const targets = await store.targets.list(first.plan.id, { limit: 1000 });
      const after = await reimportPlan(
        store,
        first.plan.id,
        { ...exampleReport(), jurisdictionId: 1 },
        first.plan.version,
      );
      expect(after.counts).toEqual(first.counts);
      expect(await store.tasks.list(first.plan.id, { limit: 1000 })).toEqual(before);
      expect(await store.targets.list(first.plan.id, { limit: 1000 })).toEqual(targets);
      expect(after.plan.state).toBe('draft');
    });

    it('keeps assignments and progress of matched rows, removes unmatched ones, bumps the version', async () => {
      const first = await seedExamplePlan(store, { state: 'draft' });
      const planId = first.plan.id;
      const task = (await store.tasks.list(planId, { q: '40个项目签约落地' })).items[0];
      const target = (await store.targets.list(planId, { q: '森林覆盖率' })).items[0];
      const project = (await store.projects.list(planId, { q: '兴唐创新中心' })).items[0];
      if (!task || !target || !project) throw new Error('rows missing');
      const kewei = unit('区科委').id;
      await updateTask(
        store,
        planId,
        task.id,
        { leadUnitId: kewei, progress: 40, state: 'in_progress' },
        task.version,
      );
      await updateTarget(
        store,
        planId,
        target.id,
        { leadUnitId: kewei, deadline: '2026-12-31' },
        target.version,
      );
      await updateProject(store, planId, project.id, { currentStage: '签约' }, project.version);

      // The new text has a line added at the top, so every span moves; one task is dropped.
      const report = exampleReport();
      const prefix = '(修订稿)\n';
      const shift = (s: [number, number]): [number, number] => [s[0] + prefix.length, s[1] + prefix.length];
      const x = report.extraction;
      x.outline.forEach((h) => (h.span = shift(h.span)));
      x.items.forEach((i) => (i.span = shift(i.span)));
      x.projects.forEach((p) => {
        p.span = shift(p.span);
        p.listSpan = shift(p.listSpan);
      });
      x.tasks.forEach((t) => (t.span = shift(t.span)));
      const dropped = x.tasks.shift();
      const stale = await rejection(
        reimportPlan(store, planId, { jurisdictionId: 1, ...report, text: prefix + report.text }, 99),
      );
      expect(stale.code).toBe('CONFLICT');
      const after = await reimportPlan(
        store,
        planId,
        { jurisdictionId: 1, ...report, text: prefix + report.text },
        first.plan.version,
      );
      expect(after.plan.version).toBe(first.plan.version + 1);
      expect(after.counts.tasks).toBe(first.counts.tasks - 1);
      expect(after.counts.targets).toBe(first.counts.targets);

      const keptTask = await store.tasks.get(planId, task.id);
      expect(keptTask).toMatchObject({
        leadUnitId: kewei,
        progress: 40,
        state: 'in_progress',
        text: task.text,
      });
      expect(keptTask.span).toEqual(shift(task.span));
      const keptTarget = await store.targets.get(planId, target.id);
      expect(keptTarget).toMatchObject({ leadUnitId: kewei, deadline: '2026-12-31' });
      expect(keptTarget.baseline?.value).toBe(48.3);
      expect((await store.projects.get(planId, project.id)).currentStage).toBe('签约');
      const text = await store.plans.getText(planId);
      expect(text.slice(...keptTarget.span)).toBe(keptTarget.quote);
      expect((await store.tasks.list(planId, { q: dropped?.text ?? '' })).total).toBe(0);
      const outline = await store.plans.listOutline(planId);
      expect(outline).toHaveLength(37);
      expect(new Set(outline.map((n) => n.id))).toEqual(
        new Set((await store.plans.listOutline(planId)).map((n) => n.id)),
      );
    });
  });
});
