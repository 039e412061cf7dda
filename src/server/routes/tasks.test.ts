import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import type { Achievement, OutlineNode, Project, ProjectList, Target, Task } from '../../contract/index.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';

const V1 = '/api/v1';

interface ErrorAnswer {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}
interface PageOf<T> {
  items: T[];
  total: number;
}

describe.each(DIALECTS)('plan item routes on %s', (dialect) => {
  let t: TestApp;
  let plan: string;
  beforeAll(async () => {
    t = await createTestApp(dialect);
    plan = `${V1}/plans/${t.published.plan.id}`;
  });

  describe('tasks', () => {
    it('lists tasks as { items, total } with limit and offset', async () => {
      const page = json<PageOf<Task>>(await t.request('public', { url: `${plan}/tasks?limit=5&offset=5` }));
      expect(page.items).toHaveLength(5);
      expect(page.total).toBe(t.published.counts.tasks);
    });

    it('filters tasks by unit (lead or co-unit)', async () => {
      const page = json<PageOf<Task>>(
        await t.request('public', { url: `${plan}/tasks?unitId=${t.unitA.id}` }),
      );
      expect(page.items.map((task) => task.id)).toEqual([t.taskA.id]);
      expect(page.total).toBe(1);
    });

    it('filters tasks by text and by overdue date', async () => {
      const word = t.taskB.text.slice(0, 6);
      const byText = json<PageOf<Task>>(
        await t.request('public', { url: `${plan}/tasks?q=${encodeURIComponent(word)}` }),
      );
      expect(byText.items.map((task) => task.id)).toContain(t.taskB.id);
      expect(byText.items.every((task) => task.text.includes(word))).toBe(true);
      const overdue = json<PageOf<Task>>(
        await t.request('admin', { url: `${plan}/tasks?overdueOn=2022-07-01` }),
      );
      expect(overdue.items.map((task) => task.id)).toEqual([t.taskA.id]);
    });

    it('answers one task, and 404 for an unknown task or one of another plan', async () => {
      const one = await t.request('public', { url: `${plan}/tasks/${t.taskA.id}` });
      expect(json<Task>(one)).toMatchObject({ id: t.taskA.id, text: t.taskA.text, leadUnitId: t.unitA.id });
      expect((await t.request('admin', { url: `${plan}/tasks/999999` })).statusCode).toBe(404);
      const elsewhere = await t.request('admin', {
        url: `${V1}/plans/${t.draft.plan.id}/tasks/${t.taskA.id}`,
      });
      expect(elsewhere.statusCode).toBe(404);
    });

    it("hides the responsible leader's name from the public and shows it to staff", async () => {
      const publicTask = json<Task>(await t.request('public', { url: `${plan}/tasks/${t.taskA.id}` }));
      expect(publicTask).not.toHaveProperty('leader');
      const publicList = json<PageOf<Task>>(
        await t.request('public', { url: `${plan}/tasks?unitId=${t.unitA.id}` }),
      );
      expect(publicList.items[0]).not.toHaveProperty('leader');
      const staffTask = json<Task>(await t.request('leader', { url: `${plan}/tasks/${t.taskA.id}` }));
      expect(staffTask.leader).toBe('王区长');
    });

    it('assigns a task and bumps its version', async () => {
      const current = await t.store.tasks.get(t.published.plan.id, t.taskB.id);
      const response = await t.request('supervisor', {
        method: 'PATCH',
        url: `${plan}/tasks/${t.taskB.id}`,
        payload: {
          leadUnitId: t.unitB.id,
          coUnitIds: [t.unitC.id, t.unitC.id],
          leader: '李副区长',
          deadline: '2022-11-30',
          weight: 2,
          version: current.version,
        },
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(json<Task>(response)).toMatchObject({
        leadUnitId: t.unitB.id,
        coUnitIds: [t.unitC.id],
        deadline: '2022-11-30',
        weight: 2,
        version: current.version + 1,
      });
    });

    it('answers 409 for a stale version and overwrites nothing', async () => {
      const current = await t.store.tasks.get(t.published.plan.id, t.taskB.id);
      const url = `${plan}/tasks/${t.taskB.id}`;
      const first = await t.request('supervisor', {
        method: 'PATCH',
        url,
        payload: { weight: 3, version: current.version },
      });
      expect(first.statusCode).toBe(200);
      const stale = await t.request('admin', {
        method: 'PATCH',
        url,
        payload: { weight: 9, version: current.version },
      });
      expect(stale.statusCode).toBe(409);
      expect(json<ErrorAnswer>(stale).error.code).toBe('CONFLICT');
      expect((await t.store.tasks.get(t.published.plan.id, t.taskB.id)).weight).toBe(3);
    });

    it('answers 400 naming each bad field of an update', async () => {
      const response = await t.request('supervisor', {
        method: 'PATCH',
        url: `${plan}/tasks/${t.taskB.id}`,
        payload: { deadline: 'next spring', weight: -1, coUnitIds: ['x'], progress: 140, version: 1 },
      });
      expect(response.statusCode).toBe(400);
      const paths = json<ErrorAnswer>(response).error.details.map((d) => d.path);
      expect(paths).toEqual(
        expect.arrayContaining(['body.deadline', 'body.weight', 'body.coUnitIds.0', 'body.progress']),
      );
    });

    it('answers 400 naming each unknown unit', async () => {
      const current = await t.store.tasks.get(t.published.plan.id, t.taskB.id);
      const response = await t.request('supervisor', {
        method: 'PATCH',
        url: `${plan}/tasks/${t.taskB.id}`,
        payload: { leadUnitId: 99999, coUnitIds: [t.unitA.id, 88888], version: current.version },
      });
      expect(response.statusCode).toBe(400);
      expect(json<ErrorAnswer>(response).error.details.map((d) => d.path)).toEqual([
        'body.leadUnitId',
        'body.coUnitIds.1',
      ]);
      expect((await t.store.tasks.get(t.published.plan.id, t.taskB.id)).version).toBe(current.version);
    });

    it("lets a reporter report progress on its unit's task but not reassign it", async () => {
      const current = await t.store.tasks.get(t.published.plan.id, t.taskA.id);
      const url = `${plan}/tasks/${t.taskA.id}`;
      const progress = await t.request('reporter', {
        method: 'PATCH',
        url,
        payload: { state: 'in_progress', progress: 40, version: current.version },
      });
      expect(progress.statusCode).toBe(200);
      expect(json<Task>(progress)).toMatchObject({ state: 'in_progress', progress: 40 });
      const reassign = await t.request('reporter', {
        method: 'PATCH',
        url,
        payload: { leadUnitId: t.unitB.id, deadline: '2030-01-01', version: current.version + 1 },
      });
      expect(reassign.statusCode).toBe(403);
      expect(json<ErrorAnswer>(reassign).error.details.map((d) => d.path)).toEqual([
        'body.leadUnitId',
        'body.deadline',
      ]);
      expect((await t.store.tasks.get(t.published.plan.id, t.taskA.id)).leadUnitId).toBe(t.unitA.id);
    });
  });

  describe('targets', () => {
    it('lists, filters by text and answers one target', async () => {
      const all = json<PageOf<Target>>(await t.request('public', { url: `${plan}/targets?limit=500` }));
      expect(all.total).toBe(t.published.counts.targets);
      const target = all.items[0];
      if (target === undefined) throw new Error('no targets');
      const byText = json<PageOf<Target>>(
        await t.request('public', { url: `${plan}/targets?q=${encodeURIComponent(target.metric)}` }),
      );
      expect(byText.items.map((x) => x.id)).toContain(target.id);
      const one = json<Target>(await t.request('public', { url: `${plan}/targets/${target.id}` }));
      expect(one).toMatchObject({
        id: target.id,
        metric: target.metric,
        span: target.span,
        quote: target.quote,
      });
      expect(one).not.toHaveProperty('leader');
    });

    it('assigns a target, then finds it by unit; a stale version answers 409', async () => {
      const target = (await t.store.targets.list(t.published.plan.id, { limit: 1, offset: 3 })).items[0];
      if (target === undefined) throw new Error('no targets');
      const url = `${plan}/targets/${target.id}`;
      const assigned = await t.request('supervisor', {
        method: 'PATCH',
        url,
        payload: { leadUnitId: t.unitC.id, deadline: '2022-12-31', version: target.version },
      });
      expect(assigned.statusCode).toBe(200);
      const byUnit = json<PageOf<Target>>(
        await t.request('public', { url: `${plan}/targets?unitId=${t.unitC.id}` }),
      );
      expect(byUnit.items.map((x) => x.id)).toContain(target.id);
      const stale = await t.request('supervisor', {
        method: 'PATCH',
        url,
        payload: { weight: 5, version: target.version },
      });
      expect(stale.statusCode).toBe(409);
      expect((await t.store.targets.get(t.published.plan.id, target.id)).weight).toBe(target.weight);
    });

    it('answers 404 for an unknown target', async () => {
      expect((await t.request('public', { url: `${plan}/targets/999999` })).statusCode).toBe(404);
    });
  });

  describe('outline, achievements and projects', () => {
    it("answers the outline in the report's order with parents", async () => {
      const outline = json<PageOf<OutlineNode>>(await t.request('public', { url: `${plan}/outline` }));
      expect(outline.total).toBe(t.published.counts.outline);
      const starts = outline.items.map((node) => node.span[0]);
      expect(starts).toEqual([...starts].sort((a, b) => a - b));
      expect(outline.items.filter((node) => node.level === 1).every((node) => node.parentId === null)).toBe(
        true,
      );
    });

    it('answers one outline node and one project list, and 404 for ids of another plan', async () => {
      const node = (await t.store.plans.listOutline(t.published.plan.id))[1];
      const one = await t.request('public', { url: `${plan}/outline/${node?.id}` });
      expect(json<OutlineNode>(one)).toEqual(node);
      const list = (await t.store.projects.listLists(t.published.plan.id))[0];
      expect(
        json<ProjectList>(await t.request('public', { url: `${plan}/project-lists/${list?.id}` })),
      ).toEqual(list);
      const draftNode = (await t.store.plans.listOutline(t.draft.plan.id))[0];
      expect((await t.request('admin', { url: `${plan}/outline/${draftNode?.id}` })).statusCode).toBe(404);
      expect((await t.request('admin', { url: `${plan}/project-lists/999999` })).statusCode).toBe(404);
    });

    it('lists achievements and answers one', async () => {
      const page = json<PageOf<Achievement>>(
        await t.request('public', { url: `${plan}/achievements?limit=3` }),
      );
      expect(page.items).toHaveLength(3);
      expect(page.total).toBe(t.published.counts.achievements);
      const first = page.items[0];
      const one = json<Achievement>(await t.request('public', { url: `${plan}/achievements/${first?.id}` }));
      expect(one).toEqual(first);
    });

    it('lists project lists and their projects, filtered by list', async () => {
      const lists = json<PageOf<ProjectList>>(await t.request('public', { url: `${plan}/project-lists` }));
      expect(lists.total).toBe(t.published.counts.projectLists);
      const list = lists.items.find((l) => l.count !== null) ?? lists.items[0];
      const projects = json<PageOf<Project>>(
        await t.request('public', { url: `${plan}/projects?listId=${list?.id}` }),
      );
      expect(projects.total).toBeGreaterThan(0);
      expect(projects.items.every((p) => p.listId === list?.id)).toBe(true);
    });

    it('moves a project along its pipeline with dates', async () => {
      const project = (await t.store.projects.list(t.published.plan.id, { limit: 1000 })).items.find(
        (p) => p.taskId === t.taskA.id,
      );
      if (project === undefined) throw new Error('no project in taskA');
      const response = await t.request('reporter', {
        method: 'PATCH',
        url: `${plan}/projects/${project.id}`,
        payload: {
          currentStage: '开工',
          stageDates: { 签约: '2022-02-01', 开工: '2022-04-15' },
          version: project.version,
        },
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(json<Project>(response)).toMatchObject({
        currentStage: '开工',
        stageDates: { 签约: '2022-02-01', 开工: '2022-04-15' },
      });
      const bad = await t.request('supervisor', {
        method: 'PATCH',
        url: `${plan}/projects/${project.id}`,
        payload: { currentStage: '完工', version: project.version + 1 },
      });
      expect(json<ErrorAnswer>(bad).error.details.map((d) => d.path)).toEqual(['body.currentStage']);
    });
  });
});
