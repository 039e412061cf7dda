/**
 * The demo `npm start` seeds (issue 14): the example plan with a year of work played through
 * the commands — monthly reports, a return, reviews, a 督办单, a 延期, 销号 — on both engines.
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
  }, 120_000);

  it('with empty, seeds the plan and accounts but no work', async () => {
    const store = await createTestStore(dialect);
    const demo = await seedDemo(store, exampleReport(), await changping(), demoSetup(), 'demo-password-1', {
      empty: true,
    });
    expect(demo.year).toBeUndefined();
    expect(demo.summary.plan.title).not.toContain('演示数据');
    expect(await store.tracking.listReports(demo.summary.plan.id)).toEqual([]);
  });
});
