/**
 * GET /plans/:id/health/trend on the example plan, with a fake clock (2022-04-15).
 *
 * Hand computation: taskA (unitA) runs 2022-01-01 → 2022-06-30 (181 days, days counted
 * inclusive). Its March report, 40%, is approved; no other task has an approved figure, so the
 * plan's roll-up is taskA's alone. As of 03-31 (90 days) 序时进度 is 90/181 = 49.72%;
 * 40 / 49.72 = 0.8044 → at_risk (0.7 ≤ r < 0.9). On 04-15 the figure (as of 03-31, 15 days old,
 * not stale) is judged at its own date: the same. In February it is not yet there: no data.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import { createTestApp, json, reportAndApprove } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';

interface Counts {
  tasks: Record<string, number>;
  targets: Record<string, number>;
}
interface Point {
  month: string;
  asOf: string;
  plan: {
    health: string;
    color: string;
    progress: number | null;
    expected: number | null;
    ratio: number | null;
  };
  counts: Counts;
}
interface Trend {
  planId: number;
  from: string;
  to: string;
  items: Point[];
  total: number;
}
interface ErrorAnswer {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}

describe.each(DIALECTS)('the health trend on %s', (dialect) => {
  let t: TestApp;
  let plan: string;
  let trend: Trend;

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => new Date('2022-04-15T09:00:00.000Z') });
    plan = `/api/v1/plans/${t.published.plan.id}`;
    await reportAndApprove(t, '2022-03', 40);
    const response = await t.request('public', { url: `${plan}/health/trend` });
    expect(response.statusCode).toBe(200);
    trend = json<Trend>(response);
  });

  it('defaults to the plan’s year up to today: one point per month end, today for this month', () => {
    expect(trend).toMatchObject({ planId: t.published.plan.id, from: '2022-01', to: '2022-12', total: 4 });
    expect(trend.items.map((p) => [p.month, p.asOf])).toEqual([
      ['2022-01', '2022-01-31'],
      ['2022-02', '2022-02-28'],
      ['2022-03', '2022-03-31'],
      ['2022-04', '2022-04-15'],
    ]);
  });

  it('rolls the plan up and counts the healths as computed by hand', async () => {
    const [, feb, mar, apr] = trend.items;
    const tasks = (await t.store.tasks.list(t.published.plan.id, { limit: 1000 })).total;
    expect(feb!.plan).toMatchObject({ health: 'no_data', progress: null });
    expect(feb!.counts.tasks.at_risk).toBe(0);
    for (const point of [mar!, apr!]) {
      expect(point.plan).toEqual({
        health: 'at_risk',
        color: 'yellow',
        label: '存在风险',
        progress: 40,
        expected: 49.72,
        ratio: 0.8044,
        coverage: expect.any(Number),
      });
      expect(point.counts.tasks.at_risk).toBe(1);
      // Every other task owes a report and has none approved.
      expect(point.counts.tasks.no_data).toBe(tasks - 1);
    }
  });

  it('says at each month what GET /health says as of that date', async () => {
    for (const point of trend.items) {
      const one = json<{ plan: Record<string, unknown>; counts: Counts }>(
        await t.request('public', { url: `${plan}/health?date=${point.asOf}` }),
      );
      const { id: _id, ...figure } = one.plan;
      expect(point.plan).toEqual(figure);
      expect(point.counts).toEqual(one.counts);
    }
  });

  it('reads the plan’s data once, whatever the number of months', async () => {
    const items = vi.spyOn(t.store.plans, 'getItems');
    const reports = vi.spyOn(t.store.tracking, 'listReports');
    try {
      const response = await t.request('leader', { url: `${plan}/health/trend?from=2021-05&to=2022-04` });
      expect(json<Trend>(response).total).toBe(12);
      expect(items).toHaveBeenCalledTimes(1);
      expect(reports).toHaveBeenCalledTimes(1);
    } finally {
      items.mockRestore();
      reports.mockRestore();
    }
  });

  it('takes the months asked for, leaving out months after today', async () => {
    const two = json<Trend>(
      await t.request('public', { url: `${plan}/health/trend?from=2022-02&to=2022-03` }),
    );
    expect(two.items.map((p) => p.asOf)).toEqual(['2022-02-28', '2022-03-31']);
    expect(two.items[1]).toEqual(trend.items[2]);
    const future = json<Trend>(await t.request('public', { url: `${plan}/health/trend?from=2022-05` }));
    expect(future).toMatchObject({ from: '2022-05', to: '2022-12', items: [], total: 0 });
  });

  it('refuses a malformed month, from after to and more than 24 months, naming the field', async () => {
    const cases: [string, string][] = [
      ['from=2022-13', 'query.from'],
      ['from=2022-05&to=2022-04', 'query.to'],
      ['from=2020-01&to=2022-12', 'query.to'],
    ];
    for (const [query, path] of cases) {
      const response = await t.request('public', { url: `${plan}/health/trend?${query}` });
      expect(response.statusCode).toBe(400);
      const body = json<ErrorAnswer>(response);
      expect(body.error.code).toBe('BAD_INPUT');
      expect(body.error.details.map((d) => d.path)).toEqual([path]);
      expect(response.body).not.toMatch(/at .+\.(ts|js):\d+/);
    }
  });

  it('answers 404 for the public on a draft and for an unknown plan', async () => {
    const draft = `/api/v1/plans/${t.draft.plan.id}/health/trend`;
    expect((await t.request('public', { url: draft })).statusCode).toBe(404);
    expect((await t.request('supervisor', { url: draft })).statusCode).toBe(200);
    expect((await t.request('admin', { url: '/api/v1/plans/999999/health/trend' })).statusCode).toBe(404);
  });

  it('gives every item’s health a why the serializer keeps, with rounded figures', async () => {
    const page = json<{
      items: { type: string; id: number; why: { code: string; params: object }; reason: string }[];
    }>(await t.request('public', { url: `${plan}/health/items?type=task&date=2022-04-15` }));
    const a = page.items.find((i) => i.id === t.taskA.id)!;
    expect(a.why).toEqual({
      code: 'PROGRESS_VS_EXPECTED',
      params: { progress: 40, expected: 49.7238, date: '2022-03-31', ratio: 0.8044, stale: false },
    });
    expect(a.reason).toBe('40% against 49.72% expected by 2022-03-31: 80.4% of 序时进度');
    const other = page.items.find((i) => i.id === t.taskB.id)!;
    expect(other.why.code).toBe('NO_REPORT_YET');
  });

  it('is documented in OpenAPI with its schema and the health why', async () => {
    const spec = json<{ paths: Record<string, unknown>; components: { schemas: Record<string, unknown> } }>(
      await t.request('public', { url: '/api/docs/json' }),
    );
    expect(Object.keys(spec.paths)).toContain('/api/v1/plans/{planId}/health/trend');
    expect(Object.keys(spec.components.schemas)).toEqual(
      expect.arrayContaining(['HealthTrend', 'HealthTrendPoint', 'HealthWhy', 'ItemHealth', 'PlanHealth']),
    );
  });
});
