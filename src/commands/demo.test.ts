/**
 * The demo `npm start` seeds (issue 14): the example plan with a year of work played through
 * the commands — monthly reports, a return, reviews, a 督办单, a 延期, 销号, the 12345 desk's
 * year and the monthly 通报 — on both engines.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  CHANGPING_FOLDER,
  DIALECTS,
  createTestStore,
  readJurisdictionDefinition,
} from '../../test/factories.js';
import { parseDemoSetup } from '../documents/demo-setup.js';
import { exampleReport } from '../../test/fixtures/example.js';
import { isEmptyStore, seedDemo } from './demo.js';
import { createHealthViews, derivePlanHealthView } from './health.js';
import { listMonthlyScores } from './request-queries.js';
import { createRequestsCache } from './requests-setup.js';
import { getIssuedBulletin, listIssuedBulletins } from './bulletins.js';

const changping = () => readJurisdictionDefinition();
const demoSetup = () => parseDemoSetup(readFileSync(new URL('demo.json', `file://${CHANGPING_FOLDER}`)));

describe.each(DIALECTS)('the demo on %s', (dialect) => {
  it('seeds a believable year: every unit reports every month, reviewed; 督办, 延期 and 销号 happen once', async () => {
    const store = await createTestStore(dialect);
    expect(await isEmptyStore(store)).toBe(true);
    const demo = await seedDemo(store, exampleReport(), await changping(), demoSetup(), 'demo-password-1');
    const planId = demo.summary.plan.id;
    // Labelled as demo data wherever the plan is named.
    expect(demo.summary.plan.title).toMatch(/（演示数据）$/);
    const tasks = (await store.tasks.list(planId, { limit: 1000 })).items;
    // Every task and target has a unit: no page shows 未分配.
    expect(tasks.every((t) => t.leadUnitId !== null)).toBe(true);
    expect(
      (await store.targets.list(planId, { limit: 1000 })).items.every((t) => t.leadUnitId !== null),
    ).toBe(true);
    const reports = await store.tracking.listReports(planId);
    const units = new Set(reports.map((r) => r.unitId));
    expect(reports).toHaveLength(units.size * 12);
    expect(reports.every((r) => r.status === 'approved')).toBe(true);
    expect(demo.year).toMatchObject({ reports: units.size * 12, returned: 1, notices: 1, extensions: 1 });
    expect(demo.year!.closed).toBeGreaterThan(0);
    // By the year's end most tasks are done, some lag behind; none stands at 0.
    const done = tasks.filter((t) => t.state === 'done' || t.state === 'closed').length;
    expect(done / tasks.length).toBeGreaterThan(0.6);
    expect(done).toBeLessThan(tasks.length);
    expect(tasks.filter((t) => t.progress === 0)).toEqual([]);
    // The events carry the dates they happened at, through the year.
    const events = await store.audit.list(planId, {});
    const months = new Set(events.filter((e) => e.action === 'report.approve').map((e) => e.at.slice(0, 7)));
    expect(months.size).toBe(12);
    expect(events.some((e) => e.action === 'report.return')).toBe(true);
    // Health at the end of June reads the year as it stood then.
    const june = await derivePlanHealthView(store, createHealthViews(), planId, '2022-06-30');
    expect(june.health.counts.tasks.no_data).toBeLessThan(tasks.length / 4);
    expect(june.health.counts.tasks.on_track).toBeGreaterThan(0);

    // The year at the 12345 desk, through the same commands: most calls closed after a 回访,
    // the last ten days' still open (some past their deadline at the year's end), one 重复件 or more.
    const desk = demo.requests!;
    expect(desk.orders).toBeGreaterThan(100);
    expect(desk.closed / desk.orders).toBeGreaterThan(0.6);
    expect(desk.followedUp).toBeGreaterThan(desk.closed / 2);
    expect(desk.open).toBeGreaterThan(0);
    expect(desk.repeats).toBeGreaterThan(0);
    const jurisdictionIds = [demo.jurisdiction.jurisdiction.id];
    const all = await store.requests.listOrders({ jurisdictionIds, limit: 1000, offset: 0 });
    expect(all.total).toBe(desk.orders);
    expect(new Set(all.items.map((o) => o.receivedAt.slice(0, 7))).size).toBe(12);
    expect(all.items.filter((o) => (o.repeatCalls?.length ?? 0) > 0).length).toBe(desk.repeats);
    // Nothing implausible is left open: only the year's last three weeks' orders, and an order
    // not yet signed only from its last week (a matter sent back after 回访 is worked again).
    const year = demo.summary.plan.year;
    const daysBeforeEnd = (days: number) =>
      new Date(Date.parse(`${year + 1}-01-01T00:00:00+08:00`) - days * 86_400_000).toISOString();
    const stillOpen = all.items.filter((o) => o.status !== 'closed');
    expect(stillOpen.length).toBe(desk.open);
    expect(stillOpen.filter((o) => o.receivedAt < daysBeforeEnd(10))).toEqual([]);
    expect(stillOpen.filter((o) => o.status === 'dispatched' && o.receivedAt < daysBeforeEnd(7))).toEqual([]);
    const reworked = all.items.filter((o) => o.reopenCount > 0);
    expect(reworked.length).toBeGreaterThan(0);
    expect(reworked.filter((o) => o.status !== 'closed' && o.receivedAt < daysBeforeEnd(10))).toEqual([]);
    const yearEnd = '2022-12-31T15:00:00.000Z';
    const late = await store.requests.listOverdueCandidates(demo.jurisdiction.jurisdiction.id, yearEnd, 100);
    expect(late.length).toBeGreaterThan(0);
    // Each closed order was called back before it was closed (回访, then 结案).
    const closed = all.items.find((o) => o.status === 'closed' && o.followUps.length > 0)!;
    const types = (await store.requests.listEvents(closed.id)).map((e) => e.type);
    expect(types.indexOf('followed_up')).toBeLessThan(types.indexOf('closed'));
    // The year's months are scored and ranked: the scheme starts in the report's January.
    const setup = await createRequestsCache(store).setup(demo.jurisdiction.jurisdiction.id);
    const juneScores = await listMonthlyScores(store, setup, '2022-06');
    expect(juneScores.reduce((sum, s) => sum + s.volume, 0)).toBeGreaterThan(0);
    expect(setup.schemes.schemes[0]).toMatchObject({ version: 1, effectiveFrom: '2022-01' });

    // The office issued each month's 通报 early the next month, in the jurisdiction's words: the
    // 已印发通报 list holds the twelve, newest first, for the office and for a unit it names.
    const words = demoSetup().bulletin!;
    const J = demo.jurisdiction.jurisdiction.id;
    const issued = await listIssuedBulletins(store, J, { role: 'supervisor', unitIds: [] });
    expect(issued.map((b) => b.month)).toEqual(
      Array.from({ length: 12 }, (_, i) => `2022-${String(12 - i).padStart(2, '0')}`),
    );
    expect(issued.map((b) => b.number).at(-1)).toBe('昌政督通〔2022〕1号');
    expect(issued[0]).toMatchObject({
      number: '昌政督通〔2022〕12号',
      title: '关于2022年12月份重点工作落实情况的通报',
      issuedAt: '2023-01-10T01:00:00.000Z',
      revision: 1,
    });
    const december = (await getIssuedBulletin(store, J, issued[0]!.id, { role: 'leader', unitIds: [] }))
      .bulletin;
    expect(december).toMatchObject({ office: words.office, requirements: words.requirements });
    expect(december.addressees).toBe(words.addressees);
    expect(december.rows.length).toBeGreaterThan(0);
    // December's 接诉即办 part counts a month of 回访 like the other months' (not the few of a
    // desk that stopped three weeks early).
    const volume = (b: { rows: { requests: { volume: number } | null }[] }) =>
      b.rows.reduce((sum, r) => sum + (r.requests?.volume ?? 0), 0);
    const volumes = await Promise.all(
      issued.map(async (b) =>
        volume((await getIssuedBulletin(store, J, b.id, { role: 'leader', unitIds: [] })).bulletin),
      ),
    );
    const earlier = volumes.slice(1);
    expect(volume(december)).toBeGreaterThanOrEqual(
      (0.6 * earlier.reduce((a, b) => a + b, 0)) / earlier.length,
    );
    const unitNamed = december.rows[0]!.unitId;
    expect(
      (await listIssuedBulletins(store, J, { role: 'reporter', unitIds: [unitNamed] })).length,
    ).toBeGreaterThan(0);
  }, 180_000);

  it('with empty, seeds the plan and accounts but no work', async () => {
    const store = await createTestStore(dialect);
    const demo = await seedDemo(store, exampleReport(), await changping(), demoSetup(), 'demo-password-1', {
      empty: true,
    });
    expect(demo.year).toBeUndefined();
    expect(demo.summary.plan.title).not.toContain('演示数据');
    expect(await store.tracking.listReports(demo.summary.plan.id)).toEqual([]);
    expect(demo.requests).toBeUndefined();
    expect(demo.bulletins).toBeUndefined();
    expect(
      await listIssuedBulletins(store, demo.jurisdiction.jurisdiction.id, { role: 'admin', unitIds: [] }),
    ).toEqual([]);
    const orders = await store.requests.listOrders({ limit: 10, offset: 0 });
    expect(orders.total).toBe(0);
  });
});
