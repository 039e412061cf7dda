/**
 * The cockpit's answer on both engines: its plan part is figured once per read version of the
 * plan and held (a leader's reload, a wall screen's minute read), figured again after any write
 * under the plan, while 接诉即办's month, written apart from plans, is read every time.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_JURISDICTION,
  DIALECTS,
  createTestStore,
  seedExamplePlan,
  seedUnits,
} from '../../test/factories.js';
import type { Store } from '../store/index.js';
import { loadCockpit } from './cockpit.js';
import { createHealthViews } from './health.js';
import type { HealthViews } from './health.js';
import { updateTask } from './items.js';
import { createRequestsCache } from './requests-setup.js';
import type { RequestsSetup } from './requests-setup.js';

const DATE = '2022-04-20';
const NOW = '2022-04-20T09:00:00.000Z';

describe.each(DIALECTS)('the cockpit held by the plan’s read version on %s', (dialect) => {
  let store: Store;
  let planId: number;
  let unitId: number;
  let views: HealthViews;
  let setup: RequestsSetup;
  const cockpit = (date = DATE) => loadCockpit(store, views, setup, planId, date, NOW);

  beforeAll(async () => {
    store = await createTestStore(dialect);
    unitId = Object.values(await seedUnits(store))[0]!.id;
    planId = (await seedExamplePlan(store)).plan.id;
    views = createHealthViews();
    setup = await createRequestsCache(store).setup(DEFAULT_JURISDICTION);
  });

  it('answers a second read after no change from the held part, and a write under the plan anew', async () => {
    const task = (await store.tasks.list(planId, { limit: 1000 })).items.find((t) => t.state !== 'done')!;
    const due = await updateTask(
      store,
      planId,
      task.id,
      { leadUnitId: unitId, deadline: '2022-12-31' },
      task.version,
    );
    const first = await cockpit();
    const again = await cockpit();
    // The same objects: held, not figured again.
    expect(again.worst).toBe(first.worst);
    expect(again.units).toBe(first.units);
    await updateTask(store, planId, task.id, { deadline: '2022-01-31' }, due.version);
    const after = await cockpit();
    expect(after.worst).not.toBe(first.worst);
    expect(after.totals.overdue).toBe(first.totals.overdue + 1);
    expect(after.worst.some((w) => w.type === 'task' && w.id === task.id)).toBe(true);
    // Another day is another answer (overdue days count from the date).
    const later = await cockpit('2022-05-20');
    expect(later.asOf).toBe('2022-05-20');
    expect(later.worst).not.toBe(after.worst);
  });

  it('reads this month’s 每月一题 every time, though the plan did not change', async () => {
    const before = await cockpit();
    expect(before.requests.topic).toBeNull();
    await store.requestThemes.insertTheme(
      DEFAULT_JURISDICTION,
      {
        month: '2022-04',
        title: '老旧小区加装电梯',
        leadUnitId: unitId,
        categories: ['电梯'],
        problems: ['加装电梯审批慢'],
        tasks: [],
        planTaskIds: [],
      },
      null,
      NOW,
    );
    const after = await cockpit();
    expect(after.worst).toBe(before.worst);
    expect(after.requests.topic?.title).toBe('老旧小区加装电梯');
  });
});
