import { readFileSync } from 'node:fs';
import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../documents/index.js';
import { DIALECTS } from '../../../test/factories.js';
import { exampleReport } from '../../../test/fixtures/example.js';
import { createTestApp, json, multipart } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';
import { updateTask } from '../../commands/items.js';
import { deletePlan, importPlan, reimportPlan } from '../../commands/plans.js';

const V1 = '/api/v1';
const NOW = new Date('2023-03-10T08:00:00.000Z');
/** Decidim's own fixtures, copied into the repository (test/fixtures/interop/decidim/README.md). */
const decidim = (name: string) =>
  readFileSync(new URL(`../../../test/fixtures/interop/decidim/${name}`, import.meta.url));

interface ErrorAnswer {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}

interface Summary {
  plan: { id: number; state: string; year: number; title: string };
  counts: { outline: number; tasks: number };
}

/** Tasks of a plan as Decidim keeps them: chapter title, text, progress, state, deadline. */
async function decidimView(t: TestApp, planId: number) {
  const items = await t.store.plans.getItems(planId);
  const byId = new Map(items.outline.map((n) => [n.id, n]));
  const chapter = (id: number | null): string | null => {
    let node = id === null ? undefined : byId.get(id);
    while (node && node.parentId !== null) node = byId.get(node.parentId);
    return node?.title ?? null;
  };
  return items.tasks
    .map((task) => ({
      chapter: chapter(task.outlineNodeId),
      text: task.text,
      progress: task.progress,
      state: task.state,
      deadline: task.deadline,
    }))
    .sort((a, b) => a.text.localeCompare(b.text));
}

describe.each(DIALECTS)('interop routes on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => NOW });
  });

  describe('Decidim', () => {
    it('imports valid_result.csv as a draft plan: the parent a chapter, its results tasks with progress', async () => {
      const response = await t.request('supervisor', {
        method: 'POST',
        url: `${V1}/plans/import/decidim`,
        ...multipart({ name: 'valid_result.csv', content: decidim('valid_result.csv'), type: 'text/csv' }),
      });
      expect(response.statusCode, response.body).toBe(201);
      const body = json<Summary & { decidim: { results: number } }>(response);
      expect(body.plan).toMatchObject({ state: 'draft', year: 2020, title: 'valid_result' });
      expect(body.decidim.results).toBe(4);
      expect(body.counts).toMatchObject({ outline: 1, tasks: 3 });
      const view = await decidimView(t, body.plan.id);
      expect(view).toEqual([
        {
          chapter: 'test en 69',
          text: 'test en 70',
          progress: 96,
          state: 'in_progress',
          deadline: '2020-06-05',
        },
        {
          chapter: 'test en 69',
          text: 'test en 71',
          progress: 31,
          state: 'in_progress',
          deadline: '2020-06-05',
        },
        {
          chapter: 'test en 69',
          text: 'test en 72',
          progress: 27,
          state: 'in_progress',
          deadline: '2020-06-05',
        },
      ]);
      const text = json<{ text: string }>(
        await t.request('supervisor', { url: `${V1}/plans/${body.plan.id}/text` }),
      ).text;
      const task = (await t.store.plans.getItems(body.plan.id)).tasks[0]!;
      expect(text.slice(task.span[0], task.span[1])).toBe(task.text);
    });

    it('refuses invalid_result.csv with one error per line, and stores nothing', async () => {
      const before = (await t.store.plans.list({ limit: 1000 })).total;
      const response = await t.request('admin', {
        method: 'POST',
        url: `${V1}/plans/import/decidim`,
        ...multipart({
          name: 'invalid_result.csv',
          content: decidim('invalid_result.csv'),
          type: 'text/csv',
        }),
      });
      expect(response.statusCode).toBe(400);
      expect(
        json<{ error: { details: { path: string }[] } }>(response).error.details.map((d) => d.path),
      ).toEqual(['第2行，title/en', '第3行，title/en', '第4行，title/en']);
      expect((await t.store.plans.list({ limit: 1000 })).total).toBe(before);
    });

    it('answers 415 for a GBK CSV and for a workbook', async () => {
      const gbk = iconv.encode(
        decidim('valid_result.csv').toString('utf8').replace('test en 70', '回天计划'),
        'gbk',
      );
      const response = await t.request('admin', {
        method: 'POST',
        url: `${V1}/plans/import/decidim`,
        ...multipart({ name: 'results.csv', content: gbk, type: 'text/csv' }),
      });
      expect(response.statusCode, response.body).toBe(415);
      const xlsx = await t.request('admin', { url: `${V1}/plans/${t.published.plan.id}/exports/tasks.xlsx` });
      const workbook = await t.request('admin', {
        method: 'POST',
        url: `${V1}/plans/import/decidim`,
        ...multipart({ name: 'results.csv', content: xlsx.rawPayload, type: 'text/csv' }),
      });
      expect(workbook.statusCode).toBe(415);
    });

    it('answers an impossible date with 400 at its line and column, not 500, and stores nothing', async () => {
      const before = (await t.store.plans.list({ limit: 1000 })).total;
      const text = decidim('valid_result.csv')
        .toString('utf8')
        .replace(';2020-05-26;2020-06-05;', ';2020-13-01;2020-06-05;');
      const response = await t.request('admin', {
        method: 'POST',
        url: `${V1}/plans/import/decidim`,
        ...multipart({ name: 'results.csv', content: text, type: 'text/csv' }),
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(json<ErrorAnswer>(response).error.details).toContainEqual({
        path: '第2行，start_date',
        message: 'start_date应为日期，写作YYYY-MM-DD（填的是“2020-13-01”）',
      });
      expect((await t.store.plans.list({ limit: 1000 })).total).toBe(before);
    });

    it("answers 415 naming Decidim 2017's comma-separated format", async () => {
      const response = await t.request('admin', {
        method: 'POST',
        url: `${V1}/plans/import/decidim`,
        ...multipart({ name: 'valid.csv', content: decidim('legacy-2017/valid.csv'), type: 'text/csv' }),
      });
      expect(response.statusCode, response.body).toBe(415);
      expect(json<ErrorAnswer>(response).error.message).toMatch(/Decidim 2017年导入程序的逗号分隔结果格式/);
    });

    it('lists the columns it dropped in its answer', async () => {
      const text = [
        'id;taxonomies/id;parent/id;title/en;end_date;progress;reference;latitude',
        '12;"3, 4";;Bike lanes;2025-12-31;45.5;R-12;41.38',
      ].join('\n');
      const response = await t.request('supervisor', {
        method: 'POST',
        url: `${V1}/plans/import/decidim`,
        ...multipart({ name: 'results-0.30.csv', content: text, type: 'text/csv' }),
      });
      expect(response.statusCode, response.body).toBe(201);
      const body = json<Summary & { decidim: { dropped: string[] } }>(response);
      expect(body.decidim.dropped).toEqual(['taxonomies/id', 'reference', 'latitude']);
      await deletePlan(t.store, body.plan.id);
    });

    it('round-trips the larger Decidim export byte for byte, and keeps its ids when tasks change', async () => {
      const original = decidim('valid_result.pr6028-intermediate.csv');
      const response = await t.request('supervisor', {
        method: 'POST',
        url: `${V1}/plans/import/decidim`,
        ...multipart({ name: 'pr6028.csv', content: original, type: 'text/csv' }),
      });
      expect(response.statusCode, response.body).toBe(201);
      const body = json<Summary & { decidim: { results: number; dropped: string[] } }>(response);
      expect(body.decidim).toMatchObject({ results: 39, dropped: [] });
      const planId = body.plan.id;
      const url = `${V1}/plans/${planId}/decidim.csv`;
      const exported = await t.request('supervisor', { url });
      expect(exported.statusCode).toBe(200);
      expect(exported.rawPayload.equals(original)).toBe(true);

      // A task's progress and deadline change in Luoshi: its own line and its parent's change, no id.
      const rows = (csv: string) =>
        new Map(
          parseCsv(csv, ';')
            .records.slice(1)
            .map((r) => [r.fields[0]!.value, r.fields.map((f) => f.value)]),
        );
      const before = rows(original.toString('utf8'));
      const items = await t.store.plans.getItems(planId);
      const task = items.tasks.find((x) => x.text === 'Ut veritatis.')!;
      await updateTask(t.store, planId, task.id, { progress: 80, deadline: '2020-12-31' }, task.version);
      const after = rows((await t.request('supervisor', { url })).body);
      expect([...after.keys()]).toEqual([...before.keys()]);
      const changed = [...after]
        .filter(([id, row]) => row.join(';') !== before.get(id)!.join(';'))
        .map(([id]) => id);
      const header = parseCsv(original.toString('utf8'), ';').records[0]!.fields.map((f) => f.value);
      const [id, parentId] = [header.indexOf('id'), header.indexOf('parent/id')];
      const line = [...after.values()].find((row) => row[header.indexOf('title/en')] === 'Ut veritatis.')!;
      expect(changed).toEqual(expect.arrayContaining([line[id], line[parentId]]));
      expect(changed).toHaveLength(2);
      expect(line[header.indexOf('progress')]).toBe('80.0');
      expect(line[header.indexOf('end_date')]).toBe('2020-12-31');
      await deletePlan(t.store, planId);
    });

    it('exports a plan as results CSV that imports back to the same tasks, chapters, progress and dates', async () => {
      const planId = t.published.plan.id;
      // Two tasks other than taskA and taskB, which the carry-over tests need unfinished.
      const tasks = (await t.store.plans.getItems(planId)).tasks.filter(
        (task) => task.id !== t.taskA.id && task.id !== t.taskB.id,
      );
      const [a, b] = tasks;
      await updateTask(
        t.store,
        planId,
        a!.id,
        { progress: 40, state: 'in_progress', deadline: '2022-09-30' },
        a!.version,
      );
      await updateTask(
        t.store,
        planId,
        b!.id,
        { progress: 100, state: 'done', deadline: '2022-06-30' },
        b!.version,
      );
      const exported = await t.request('public', { url: `${V1}/plans/${planId}/decidim.csv` });
      expect(exported.statusCode).toBe(200);
      expect(exported.headers['content-type']).toBe('text/csv; charset=utf-8');
      const header = parseCsv(exported.body, ';').records[0]!.fields.map((f) => f.value);
      expect(header).toContain('title/zh');
      expect(header).toContain('parent/id');

      const response = await t.request('supervisor', {
        method: 'POST',
        url: `${V1}/plans/import/decidim`,
        ...multipart(
          { name: 'changping.csv', content: exported.rawPayload, type: 'text/csv' },
          { year: '2022', locale: 'zh' },
        ),
      });
      expect(response.statusCode, response.body).toBe(201);
      const copy = json<Summary>(response).plan.id;
      const original = await decidimView(t, planId);
      expect(await decidimView(t, copy)).toEqual(original);
      expect(original.some((row) => row.progress === 40 && row.deadline === '2022-09-30')).toBe(true);
      await deletePlan(t.store, copy);
    });
  });

  describe('open data', () => {
    it('lists published plans with their downloads; a draft is not there', async () => {
      const response = await t.request('public', { url: `${V1}/public/plans` });
      const body = json<{ items: { id: number; downloads: Record<string, string> }[] }>(response);
      const ids = body.items.map((p) => p.id);
      expect(ids).toContain(t.published.plan.id);
      expect(ids).not.toContain(t.draft.plan.id);
      expect(body.items[0]?.downloads.json).toMatch(/^\/api\/v1\/public\/plans\/\d+\.json$/);
    });

    it('downloads a published plan as JSON and CSV without sign-in, with nothing personal', async () => {
      const id = t.published.plan.id;
      const plan = await t.request('public', { url: `${V1}/public/plans/${id}.json` });
      expect(plan.statusCode, plan.body).toBe(200);
      expect(plan.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(String(plan.headers['content-disposition'])).toContain("filename*=UTF-8''");
      const body = json<{ tasks: unknown[]; targets: { actual: unknown }[] }>(plan);
      expect(body.tasks).toHaveLength(t.published.counts.tasks);
      expect(body.targets).toHaveLength(t.published.counts.targets);
      expect(plan.body).not.toMatch(/王区长|李副区长|"leader"|username/);
      for (const list of ['targets', 'achievements', 'tasks', 'projects']) {
        const csv = await t.request('public', { url: `${V1}/public/plans/${id}/${list}.csv` });
        expect(csv.statusCode, list).toBe(200);
        expect(csv.body.startsWith('\ufeff'), list).toBe(true);
        expect(csv.body).not.toMatch(/王区长|李副区长|责任领导/);
      }
      const tasks = parseCsv(
        (await t.request('public', { url: `${V1}/public/plans/${id}/tasks.csv` })).body.slice(1),
      ).records;
      expect(tasks.length - 1).toBe(t.published.counts.tasks);
    });

    it('answers 404 for a draft, even to staff', async () => {
      const response = await t.request('admin', { url: `${V1}/public/plans/${t.draft.plan.id}.json` });
      expect(response.statusCode).toBe(404);
      const csv = await t.request('admin', { url: `${V1}/public/plans/${t.draft.plan.id}/tasks.csv` });
      expect(csv.statusCode).toBe(404);
    });
  });

  describe('next year', () => {
    let next: number;
    beforeAll(async () => {
      // Next year's plan: the same report read as 2023's, so everything continues.
      next = (
        await importPlan(t.store, { jurisdictionId: 1, ...exampleReport(), year: 2023, state: 'draft' })
      ).plan.id;
    });

    it('links a plan to last year’s: recurring targets, continuing tasks, unfinished tasks with owners', async () => {
      const response = await t.request('supervisor', {
        method: 'POST',
        url: `${V1}/plans/${next}/link-previous`,
        payload: { previousPlanId: t.published.plan.id },
      });
      expect(response.statusCode, response.body).toBe(200);
      const body = json<{
        targets: { targetId: number; lastTargetId: number }[];
        tasks: { taskId: number; lastTaskId: number }[];
        unfinished: { lastTaskId: number; leadUnitId: number | null; continuedBy: number | null }[];
      }>(response);
      expect(body.targets.length).toBe(t.published.counts.targets);
      expect(body.tasks.length).toBeGreaterThan(0);
      const a = body.unfinished.find((u) => u.lastTaskId === t.taskA.id);
      expect(a?.leadUnitId).toBe(t.unitA.id);
      expect(a?.continuedBy).not.toBeNull();
      const same = await t.request('supervisor', {
        method: 'POST',
        url: `${V1}/plans/${next}/link-previous`,
        payload: { previousPlanId: next },
      });
      expect(same.statusCode).toBe(400);
    });

    it('carries chosen unfinished tasks over with their owners, once', async () => {
      const response = await t.request('supervisor', {
        method: 'POST',
        url: `${V1}/plans/${next}/carry-over`,
        payload: { previousPlanId: t.published.plan.id, taskIds: [t.taskA.id, t.taskB.id] },
      });
      expect(response.statusCode, response.body).toBe(200);
      const items = json<{ items: { lastTaskId: number; taskId: number; how: string }[] }>(response).items;
      expect(items).toHaveLength(2);
      for (const [last, unit] of [
        [t.taskA.id, t.unitA.id],
        [t.taskB.id, t.unitB.id],
      ] as const) {
        const carried = items.find((i) => i.lastTaskId === last)!;
        const task = await t.store.tasks.get(next, carried.taskId);
        expect(task.leadUnitId).toBe(unit);
      }
      const again = await t.request('supervisor', {
        method: 'POST',
        url: `${V1}/plans/${next}/carry-over`,
        payload: { previousPlanId: t.published.plan.id, taskIds: [t.taskA.id] },
      });
      expect(again.statusCode).toBe(409);
      const last = (await t.store.plans.getItems(t.published.plan.id)).tasks.at(-1)!;
      const done = await updateTask(
        t.store,
        t.published.plan.id,
        last.id,
        { state: 'done', progress: 100 },
        last.version,
      );
      const refused = await t.request('supervisor', {
        method: 'POST',
        url: `${V1}/plans/${next}/carry-over`,
        payload: { previousPlanId: t.published.plan.id, taskIds: [done.id] },
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain('body.taskIds.0');
    });

    it('copies a task with no continuation into the new plan as a new task with its owners', async () => {
      const imported = await t.request('supervisor', {
        method: 'POST',
        url: `${V1}/plans/import/decidim`,
        ...multipart(
          { name: 'valid_result.csv', content: decidim('valid_result.csv'), type: 'text/csv' },
          { year: '2023' },
        ),
      });
      const other = json<Summary>(imported).plan.id;
      const response = await t.request('admin', {
        method: 'POST',
        url: `${V1}/plans/${other}/carry-over`,
        payload: { previousPlanId: t.published.plan.id, taskIds: [t.taskA.id] },
      });
      expect(response.statusCode, response.body).toBe(200);
      const [carried] = json<{ items: { taskId: number; how: string }[] }>(response).items;
      expect(carried?.how).toBe('created');
      const task = await t.store.tasks.get(other, carried!.taskId);
      const source = await t.store.tasks.get(t.published.plan.id, t.taskA.id);
      expect(task).toMatchObject({
        text: source.text,
        leadUnitId: source.leadUnitId,
        coUnitIds: source.coUnitIds,
        leader: source.leader,
        span: [0, 0],
      });
      const events = await t.store.audit.list(other, { entity: { type: 'task', id: task.id } });
      expect(events.at(-1)).toMatchObject({
        action: 'task.carry_over',
        after: { carriedFrom: { planId: t.published.plan.id, taskId: t.taskA.id } },
      });
    });

    it('keeps carried tasks and their assignments when the plan’s report is re-imported', async () => {
      // Next year's report without last year's two tasks: both are copied in, span [0, 0].
      const report = { ...exampleReport(), year: 2023, state: 'draft' as const };
      const lastTexts = new Set([t.taskA.text, t.taskB.text]);
      report.extraction.tasks = report.extraction.tasks.filter((task) => !lastTexts.has(task.text));
      const imported = await importPlan(t.store, { ...report, jurisdictionId: 1 });
      const planId = imported.plan.id;
      const carry = await t.request('supervisor', {
        method: 'POST',
        url: `${V1}/plans/${planId}/carry-over`,
        payload: { previousPlanId: t.published.plan.id, taskIds: [t.taskA.id, t.taskB.id] },
      });
      expect(carry.statusCode, carry.body).toBe(200);
      const items = json<{ items: { lastTaskId: number; taskId: number; how: string }[] }>(carry).items;
      expect(items.map((i) => i.how)).toEqual(['created', 'created']);
      const carriedA = items.find((i) => i.lastTaskId === t.taskA.id)!.taskId;
      const carriedB = items.find((i) => i.lastTaskId === t.taskB.id)!.taskId;
      const shown = await t.request('supervisor', { url: `${V1}/plans/${planId}/tasks/${carriedA}` });
      expect(json<{ carriedFrom: number | null; span: number[] }>(shown)).toMatchObject({
        carriedFrom: t.taskA.id,
        span: [0, 0],
      });
      // Work on a carried task in the new plan: co-units, progress.
      const before = await t.store.tasks.get(planId, carriedA);
      await updateTask(
        t.store,
        planId,
        carriedA,
        { coUnitIds: [t.unitC.id], progress: 35, state: 'in_progress' },
        before.version,
      );
      const tasksBefore = (await t.store.plans.getItems(planId)).tasks;

      const after = await reimportPlan(
        t.store,
        planId,
        { ...report, jurisdictionId: 1 },
        imported.plan.version,
      );

      expect(after.counts.tasks).toBe(imported.counts.tasks + 2);
      const tasksAfter = (await t.store.plans.getItems(planId)).tasks;
      expect(tasksAfter).toEqual(tasksBefore);
      expect(await t.store.tasks.get(planId, carriedA)).toMatchObject({
        text: t.taskA.text,
        span: [0, 0],
        carriedFrom: t.taskA.id,
        leadUnitId: t.unitA.id,
        coUnitIds: [t.unitC.id],
        leader: '王区长',
        progress: 35,
        state: 'in_progress',
      });
      expect(await t.store.tasks.get(planId, carriedB)).toMatchObject({
        carriedFrom: t.taskB.id,
        leadUnitId: t.unitB.id,
      });
      // The report's own tasks carry no source.
      const own = tasksAfter.filter((task) => task.id !== carriedA && task.id !== carriedB);
      expect(own.every((task) => task.carriedFrom === null)).toBe(true);
    });
  });
});
