/**
 * GET /plans/:id/health/trend/:item on the example plan, with a fake clock (2022-04-15).
 *
 * Hand computation (as in health-trend.test.ts): taskA runs 2022-01-01 → 2022-06-30 (181 days,
 * counted inclusive); its March report, 40%, is approved. As of 03-31 (90 days) 序时进度 is
 * 90/181 × 100 = 49.72%; 40 / 49.72 = 0.8044 → at_risk (0.7 ≤ r < 0.9). In April (judged on
 * 04-15) the figure, dated 03-31, is judged at its own date: the same. In January and February
 * there is no figure yet: no data.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import { createTestApp, json, reportAndApprove } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';

interface Point {
  period: { key: string; label: string; start: string; end: string };
  asOf: string;
  health: string;
  color: string;
  actual: number | null;
  expected: number | null;
  ratio: number | null;
  comparedAt: string | null;
  why: { code: string };
  deadline?: string;
}
interface ItemTrend {
  planId: number;
  item: { type: string; id: number };
  frequency: string;
  items: Point[];
  total: number;
}
interface ErrorAnswer {
  error: { code: string; message: string };
}

describe.each(DIALECTS)('an item’s health trend on %s', (dialect) => {
  let t: TestApp;
  let plan: string;
  let trend: ItemTrend;

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => new Date('2022-04-15T09:00:00.000Z') });
    plan = `/api/v1/plans/${t.published.plan.id}`;
    await reportAndApprove(t, '2022-03', 40);
    const response = await t.request('public', { url: `${plan}/health/trend/task:${t.taskA.id}` });
    expect(response.statusCode).toBe(200);
    trend = json<ItemTrend>(response);
  });

  it('gives one point per reporting period up to today, the current one judged today', () => {
    expect(trend).toMatchObject({
      planId: t.published.plan.id,
      item: { type: 'task', id: t.taskA.id },
      frequency: 'monthly',
      total: 4,
    });
    expect(trend.items.map((p) => [p.period.key, p.period.label, p.period.end, p.asOf])).toEqual([
      ['2022-01', '2022年1月', '2022-01-31', '2022-01-31'],
      ['2022-02', '2022年2月', '2022-02-28', '2022-02-28'],
      ['2022-03', '2022年3月', '2022-03-31', '2022-03-31'],
      ['2022-04', '2022年4月', '2022-04-30', '2022-04-15'],
    ]);
  });

  it('judges the item as computed by hand: 40 / (90/181 × 100) = 0.8044, at risk from March', () => {
    const [jan, feb, mar, apr] = trend.items;
    for (const point of [jan!, feb!]) expect(point).toMatchObject({ health: 'no_data', actual: null });
    for (const point of [mar!, apr!]) {
      expect(point).toMatchObject({
        health: 'at_risk',
        color: 'yellow',
        actual: 40,
        expected: 49.72,
        ratio: 0.8044,
        comparedAt: '2022-03-31',
        why: { code: 'PROGRESS_VS_EXPECTED' },
        deadline: '2022-06-30',
      });
    }
  });

  it('says at each period what GET /health/items says as of that date', async () => {
    for (const point of trend.items) {
      const page = json<{ items: (Point & { type: string; id: number })[] }>(
        await t.request('public', { url: `${plan}/health/items?type=task&date=${point.asOf}` }),
      );
      const {
        type: _type,
        id: _id,
        state: _state,
        progress: _progress,
        ...one
      } = page.items.find((i) => i.id === t.taskA.id)! as Point & {
        type: string;
        id: number;
        state: string;
        progress: number;
      };
      const { period: _period, asOf: _asOf, ...figure } = point;
      expect(figure).toEqual(one);
    }
  });

  it('takes targets too', async () => {
    const { targets } = await t.store.plans.getItems(t.published.plan.id);
    const target = targets[0]!;
    const response = await t.request('leader', { url: `${plan}/health/trend/target:${target.id}` });
    expect(response.statusCode).toBe(200);
    const body = json<ItemTrend>(response);
    expect(body).toMatchObject({ item: { type: 'target', id: target.id }, total: 4 });
    expect(body.items[0]).not.toHaveProperty('deadline');
  });

  it('reads the plan’s data once, whatever the number of periods', async () => {
    const items = vi.spyOn(t.store.plans, 'getItems');
    const reports = vi.spyOn(t.store.tracking, 'listReports');
    // The answer an earlier test read is held by the plan's version: this one is built.
    t.app.readCache.clear();
    try {
      const response = await t.request('leader', { url: `${plan}/health/trend/task:${t.taskA.id}` });
      expect(json<ItemTrend>(response).total).toBe(4);
      expect(items).toHaveBeenCalledTimes(1);
      expect(reports).toHaveBeenCalledTimes(1);
    } finally {
      items.mockRestore();
      reports.mockRestore();
    }
  });

  it('answers 404 naming an unknown item or one of another plan, 400 for a malformed one', async () => {
    const unknown = await t.request('admin', { url: `${plan}/health/trend/task:999999` });
    expect(unknown.statusCode).toBe(404);
    expect(json<ErrorAnswer>(unknown).error).toMatchObject({ code: 'NOT_FOUND' });
    expect(json<ErrorAnswer>(unknown).error.message).toContain('task:999999');
    const other = (await t.store.plans.getItems(t.draft.plan.id)).tasks[0]!;
    const elsewhere = await t.request('admin', { url: `${plan}/health/trend/task:${other.id}` });
    expect(elsewhere.statusCode).toBe(404);
    expect(json<ErrorAnswer>(elsewhere).error.message).toContain(`task:${other.id}`);
    const malformed = await t.request('admin', { url: `${plan}/health/trend/project:1` });
    expect(malformed.statusCode).toBe(400);
  });

  it('answers 404 for the public on a draft and for an unknown plan', async () => {
    const other = (await t.store.plans.getItems(t.draft.plan.id)).tasks[0]!;
    const draft = `/api/v1/plans/${t.draft.plan.id}/health/trend/task:${other.id}`;
    expect((await t.request('public', { url: draft })).statusCode).toBe(404);
    expect((await t.request('supervisor', { url: draft })).statusCode).toBe(200);
    const unknownPlan = `/api/v1/plans/999999/health/trend/task:${t.taskA.id}`;
    expect((await t.request('admin', { url: unknownPlan })).statusCode).toBe(404);
  });

  it('is documented in OpenAPI with its schema', async () => {
    const spec = json<{ paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } }>(
      await t.request('public', { url: '/api/docs/json' }),
    );
    expect(Object.keys(spec.paths)).toContain('/api/v1/plans/{planId}/health/trend/{item}');
    expect(Object.keys(spec.components.schemas)).toEqual(
      expect.arrayContaining(['ItemHealthTrend', 'ItemHealthTrendPoint']),
    );
  });

  // Last: it changes the plan's reporting frequency.
  it('follows the plan’s reporting frequency: quarter ends when it reports quarterly', async () => {
    const saved = await t.request('supervisor', {
      method: 'PUT',
      url: `${plan}/tracking/settings`,
      payload: { period: { frequency: 'quarterly' }, health: {}, version: 0 },
    });
    expect(saved.statusCode).toBe(200);
    const body = json<ItemTrend>(
      await t.request('public', { url: `${plan}/health/trend/task:${t.taskA.id}` }),
    );
    expect(body.frequency).toBe('quarterly');
    expect(body.items.map((p) => [p.period.key, p.asOf])).toEqual([
      ['2022-Q1', '2022-03-31'],
      ['2022-Q2', '2022-04-15'],
    ]);
  });
});
