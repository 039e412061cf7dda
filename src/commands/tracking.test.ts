import { beforeAll, describe, expect, it } from 'vitest';
import { AppError, isAppError } from '../errors.js';
import type { UnitReport } from '../plan/reporting.js';
import type { SupervisionNotice } from '../plan/supervision.js';
import type { Unit, User } from '../plan/types.js';
import {
  DIALECTS,
  createTestStore,
  seedExamplePlan,
  seedUnits,
  seedUser,
  writePlanRows,
} from '../../test/factories.js';
import type { PlanSummary, Store } from '../store/index.js';
import { loadTrackingSettings } from './frame.js';
import { writeTrackingSettings } from './tracking.js';
import { updateTask } from './items.js';
import { updatePlan } from './plans.js';

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return error;
    throw error;
  }
  throw new Error('expected the promise to reject');
}

const AT = '2022-04-02T09:00:00.000Z';

describe.each(DIALECTS)('tracking store on %s', (dialect) => {
  let store: Store;
  let plan: PlanSummary;
  let unit: Unit;
  let supervisor: User;

  beforeAll(async () => {
    store = await createTestStore(dialect);
    unit = Object.values(await seedUnits(store))[0]!;
    supervisor = await seedUser(store, 'supervisor');
    plan = await seedExamplePlan(store);
  });

  const rows = <T>(write: (tx: Store) => Promise<T>) => writePlanRows(store, plan.plan.id, write);

  const draft = (periodKey: string): Omit<UnitReport, 'id'> => ({
    planId: plan.plan.id,
    unitId: unit.id,
    periodKey,
    status: 'submitted',
    tasks: [{ taskId: 1, progress: 40, state: 'in_progress', note: '进展' }],
    targets: [{ targetId: 2, value: 3.5, unit: '%', note: '' }],
    evidence: [{ fileId: 9, name: '台账.pdf' }],
    carriedFrom: null,
    submittedBy: supervisor.id,
    submittedAt: AT,
    reviewedBy: null,
    reviewedAt: null,
    returnReason: null,
  });

  it('gives default settings (version 0) until saved, then saves with a version check', async () => {
    const defaults = await loadTrackingSettings(store, plan.plan.id);
    expect(defaults).toMatchObject({ version: 0, period: { frequency: 'monthly', dueDay: 5 } });
    const meta = { actor: { userId: supervisor.id, role: 'supervisor' as const }, at: AT };
    const saved = await writeTrackingSettings(
      store,
      plan.plan.id,
      {
        period: { ...defaults.period, frequency: 'quarterly', dueDay: 10 },
        health: { thresholds: { atRisk: 0.95 } },
      },
      0,
      meta,
    );
    expect(saved).toMatchObject({
      version: 1,
      period: { frequency: 'quarterly', dueDay: 10 },
      health: { thresholds: { atRisk: 0.95 } },
    });
    const stale = await rejection(
      writeTrackingSettings(store, plan.plan.id, { period: saved.period, health: {} }, 0, meta),
    );
    expect(stale.code).toBe('CONFLICT');
    const events = await store.audit.list(plan.plan.id, { entity: { type: 'plan', id: plan.plan.id } });
    expect(events.at(-1)).toMatchObject({ action: 'plan.settings', actor: { userId: supervisor.id } });
  });

  it('locks a period once; a second lock is a conflict', async () => {
    await rows((tx) =>
      tx.tracking.insertLock(plan.plan.id, { key: '2022-01', lockedAt: AT, lockedBy: supervisor.id }),
    );
    expect(
      (
        await rejection(
          rows((tx) =>
            tx.tracking.insertLock(plan.plan.id, { key: '2022-01', lockedAt: AT, lockedBy: null }),
          ),
        )
      ).code,
    ).toBe('CONFLICT');
    expect(await store.tracking.listLocks(plan.plan.id)).toEqual([
      { key: '2022-01', lockedAt: AT, lockedBy: supervisor.id },
    ]);
  });

  it('keeps one report per unit and period, round-trips its lines, and refuses a stale update', async () => {
    const created = await rows((tx) => tx.tracking.insertReport(draft('2022-03')));
    expect(created).toMatchObject({ ...draft('2022-03'), version: 1 });
    expect((await rejection(rows((tx) => tx.tracking.insertReport(draft('2022-03'))))).code).toBe('CONFLICT');
    const updated = await rows((tx) =>
      tx.tracking.updateReport({ ...created, status: 'approved', reviewedBy: supervisor.id }, 1),
    );
    expect(updated).toMatchObject({ status: 'approved', version: 2 });
    expect(
      (await rejection(rows((tx) => tx.tracking.updateReport({ ...created, status: 'returned' }, 1)))).code,
    ).toBe('CONFLICT');
    expect(await store.tracking.findReport(plan.plan.id, unit.id, '2022-03')).toEqual(updated);
    expect(await store.tracking.findReport(plan.plan.id, unit.id, '2022-04')).toBeUndefined();
    expect(await store.tracking.listReports(plan.plan.id, { status: 'approved' })).toHaveLength(1);
  });

  it('stores evidence bytes in the database and gives them back exactly', async () => {
    const bytes = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0, 255, 1, 2]);
    const info = await rows((tx) =>
      tx.tracking.insertEvidence({
        planId: plan.plan.id,
        unitId: unit.id,
        name: '验收报告.pdf',
        mimeType: 'application/pdf',
        bytes,
        uploadedBy: supervisor.id,
        uploadedAt: AT,
      }),
    );
    expect(info).toMatchObject({ size: 8, name: '验收报告.pdf' });
    const file = await store.tracking.getEvidence(plan.plan.id, info.id);
    expect([...file.bytes]).toEqual([...bytes]);
    expect((await rejection(store.tracking.getEvidence(plan.plan.id + 1000, info.id))).code).toBe(
      'NOT_FOUND',
    );
  });

  it('versions supervision records: of two writers from the same version, one wins', async () => {
    const notice: Omit<SupervisionNotice, 'id'> = {
      planId: plan.plan.id,
      subject: { type: 'task', id: 3 },
      unitId: unit.id,
      urgency: 'red',
      state: 'issued',
      content: '请加快推进',
      dueOn: '2022-04-20',
      issuedBy: supervisor.id,
      issuedAt: AT,
      answer: null,
      answeredBy: null,
      answeredAt: null,
      closedBy: null,
      closedAt: null,
      closingNote: null,
      escalations: [],
    };
    const created = await rows((tx) => tx.supervision.insert('notice', notice));
    expect(await store.supervision.get('notice', plan.plan.id, created.id)).toEqual(created);
    const results = await Promise.allSettled([
      rows((tx) =>
        tx.supervision.update('notice', { ...created, state: 'answered', answer: 'a' }, created.version),
      ),
      rows((tx) =>
        tx.supervision.update('notice', { ...created, state: 'answered', answer: 'b' }, created.version),
      ),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const listed = await store.supervision.list('notice', plan.plan.id, { subject: { type: 'task', id: 3 } });
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ state: 'answered', version: 2 });
  });

  it('writes an audit event with every task update, in the same transaction', async () => {
    const task = (await store.tasks.list(plan.plan.id, { limit: 1 })).items[0]!;
    const meta = { actor: { userId: supervisor.id, role: 'supervisor' as const }, at: AT };
    await updateTask(store, plan.plan.id, task.id, { deadline: '2022-09-30' }, task.version, meta);
    const events = await store.audit.list(plan.plan.id, { item: { type: 'task', id: task.id } });
    expect(events.at(-1)).toMatchObject({
      action: 'task.update',
      actor: { userId: supervisor.id, role: 'supervisor' },
      before: { deadline: null },
      after: { deadline: '2022-09-30' },
    });
    // A failing transaction leaves neither the change nor its event.
    const before = events.length;
    await rejection(
      store.transaction(async (tx) => {
        await updateTask(tx, plan.plan.id, task.id, { weight: 5 }, task.version + 1, meta);
        throw new AppError('CONFLICT', 'abort');
      }),
    );
    expect((await store.tasks.get(plan.plan.id, task.id)).weight).toBe(task.weight);
    expect(await store.audit.list(plan.plan.id, { item: { type: 'task', id: task.id } })).toHaveLength(
      before,
    );
  });

  it('audits plan state changes', async () => {
    const current = await store.plans.get(plan.plan.id);
    await updatePlan(store, plan.plan.id, { state: 'draft' }, current.version);
    const events = await store.audit.list(plan.plan.id, { entity: { type: 'plan', id: plan.plan.id } });
    expect(events.at(-1)).toMatchObject({
      action: 'plan.update',
      before: { state: 'published' },
      after: { state: 'draft' },
    });
  });
});
