/**
 * Issue 19's commands on both engines: a deadline slips past the plan's threshold (refused
 * without an explanation, kept with one as a re-baseline beside the original), a target value
 * is re-baselined by a decision, the lead unit's and the 督查室's confidence disagree and the
 * cockpit shows it, and public verdicts keep their history (调整 re-baselines the deadline).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../errors.js';
import { isAppError } from '../errors.js';
import type { Actor } from '../plan/audit.js';
import type { Target, Task, Unit, User } from '../plan/types.js';
import {
  DEFAULT_JURISDICTION,
  DIALECTS,
  createTestStore,
  seedExamplePlan,
  seedUnits,
  seedUser,
} from '../../test/factories.js';
import type { PlanSummary, Store } from '../store/index.js';
import { loadCockpit } from './cockpit.js';
import { createHealthViews } from './health.js';
import { updateTask } from './items.js';
import { loadPromiseBook, rebaselineDeadline, rebaselineValue, saveSlippageThresholds } from './promises.js';
import { createRequestsCache } from './requests-setup.js';
import { assessItemConfidence, giveItemVerdict, loadVerdictRecord } from './verdicts.js';

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
const actorOf = (user: User): Actor => ({ userId: user.id, role: user.role, unitIds: user.unitIds });

describe.each(DIALECTS)('promises, confidence and verdicts on %s', (dialect) => {
  let store: Store;
  let plan: PlanSummary;
  let unit: Unit;
  let office: Actor;
  let reporter: Actor;
  let task: Task;
  let target: Target;

  beforeAll(async () => {
    store = await createTestStore(dialect);
    unit = Object.values(await seedUnits(store))[0]!;
    office = actorOf(await seedUser(store, 'supervisor'));
    reporter = actorOf(await seedUser(store, 'reporter', { unitIds: [unit.id] }));
    plan = await seedExamplePlan(store);
    const first = (await store.tasks.list(plan.plan.id, { limit: 1000 })).items[0]!;
    task = await updateTask(
      store,
      plan.plan.id,
      first.id,
      { leadUnitId: unit.id, deadline: '2022-06-30' },
      first.version,
    );
    target = (await store.targets.list(plan.plan.id, { limit: 1000 })).items.find((t) => t.value > 0)!;
  });

  it('refuses a re-baseline past the threshold without an explanation, then keeps both dates', async () => {
    await saveSlippageThresholds(store, plan.plan.id, { days: 30 }, office, AT);
    const subject = { type: 'task' as const, id: task.id };
    const refused = await rejection(
      rebaselineDeadline(
        store,
        plan.plan.id,
        subject,
        { deadline: '2022-09-30', reason: '征地未完成' },
        office,
        AT,
      ),
    );
    expect(refused.code).toBe('BAD_INPUT');
    expect(refused.details.map((d) => d.path)).toContain('explanation');

    await rebaselineDeadline(
      store,
      plan.plan.id,
      subject,
      {
        deadline: '2022-09-30',
        reason: '征地未完成',
        explanation: '地块征收补偿方案经区政府常务会议调整，顺延三个月',
      },
      office,
      AT,
    );
    const book = await loadPromiseBook(store, plan.plan.id);
    const view = book.view(subject, { today: '2022-10-10', finished: false });
    expect(view.deadline).toMatchObject({
      original: '2022-06-30',
      current: '2022-09-30',
      days: 92,
      rebaselines: 1,
      overdue: true,
    });
    expect(view.changes[0]).toMatchObject({ field: 'deadline', from: '2022-06-30', to: '2022-09-30' });
    const changes = await store.promises.listChanges({ planId: plan.plan.id });
    expect(changes.some((c) => c.kind === 'deadline' && c.after === '2022-09-30')).toBe(true);
  });

  it('re-baselines a target value by a decision: the original stays, the target takes the new value', async () => {
    const eased = Math.round(target.value * 0.98 * 100) / 100;
    const saved = await rebaselineValue(
      store,
      plan.plan.id,
      target.id,
      { value: eased, reason: '常务会议议定', explanation: '受外部环境影响，目标小幅调整' },
      office,
      AT,
    );
    expect(saved.value).toBe(eased);
    const line = (await loadPromiseBook(store, plan.plan.id)).value(target.id)!;
    expect(line.versions.map((v) => v.value)).toEqual([target.value, eased]);
  });

  it('keeps the unit’s and the independent confidence; the cockpit shows where they disagree', async () => {
    const subject = { type: 'task' as const, id: task.id };
    await assessItemConfidence(
      store,
      plan.plan.id,
      subject,
      { source: 'lead_unit', level: 'green', periodKey: '2022-04' },
      reporter,
      AT,
    );
    const forbidden = await rejection(
      assessItemConfidence(
        store,
        plan.plan.id,
        subject,
        { source: 'independent', level: 'red', comment: '进度严重滞后', periodKey: '2022-04' },
        reporter,
        AT,
      ),
    );
    expect(forbidden.code).toBe('FORBIDDEN');
    await assessItemConfidence(
      store,
      plan.plan.id,
      subject,
      { source: 'independent', level: 'red', comment: '征地未完成，难以按期完成', periodKey: '2022-04' },
      office,
      AT,
    );
    const cockpit = await loadCockpit(
      store,
      createHealthViews(),
      await createRequestsCache(store).setup(DEFAULT_JURISDICTION),
      plan.plan.id,
      '2022-04-20',
      AT,
    );
    const line = cockpit.disagreements.find((d) => d.type === 'task' && d.id === task.id);
    expect(line).toMatchObject({ unitLevel: 'green', independentLevel: 'red', leadUnit: unit.name });
    expect(line!.disagreements.map((d) => d.kind)).toContain('unit_vs_independent');
    expect(
      cockpit.worst.some((w) => w.id === task.id && w.reasons.some((r) => r.code === 'DISAGREEMENT')),
    ).toBe(true);
  });

  it('keeps the verdict history; 调整 with a new deadline re-baselines it; 不再推进 needs its reason', async () => {
    const subject = { type: 'task' as const, id: task.id };
    const context = { health: 'behind' as const, state: 'in_progress' as const };
    await giveItemVerdict(
      store,
      plan.plan.id,
      subject,
      { verdict: 'behind', note: '征地滞后' },
      context,
      office,
      AT,
    );
    const dropped = await rejection(
      giveItemVerdict(store, plan.plan.id, subject, { verdict: 'dropped' }, context, office, AT),
    );
    expect(dropped.code).toBe('BAD_INPUT');
    await giveItemVerdict(
      store,
      plan.plan.id,
      subject,
      {
        verdict: 'adjusted',
        note: '经区政府常务会议研究，完工时间调整至年底',
        newPromise: { text: '年底前完工', deadline: '2022-12-31' },
      },
      context,
      office,
      '2022-05-02T09:00:00.000Z',
    );
    const record = await loadVerdictRecord(store, await store.plans.get(plan.plan.id), subject);
    expect(record.entries.map((e) => e.verdict)).toEqual(['not_rated', 'behind', 'adjusted']);
    const book = await loadPromiseBook(store, plan.plan.id);
    expect(book.view(subject, { today: '2022-05-10', finished: false }).deadline).toMatchObject({
      original: '2022-06-30',
      current: '2022-12-31',
      rebaselines: 2,
    });
    const changes = await store.promises.listChanges({ planId: plan.plan.id });
    const verdict = changes.find((c) => c.kind === 'verdict')!;
    expect(verdict).toMatchObject({ before: 'not_rated', after: 'behind' });
    // The change names the chapter the task sits under, so a chapter's followers are told.
    const outline = await store.plans.listOutline(plan.plan.id);
    const chapter = outline.find((n) => n.id === verdict.chapterId);
    expect(chapter?.parentId).toBeNull();
    let node = outline.find((n) => n.id === task.outlineNodeId);
    while (node && node.parentId !== null) node = outline.find((n) => n.id === node!.parentId);
    expect(node?.id).toBe(chapter!.id);
  });

  it('refuses a verdict on a draft plan', async () => {
    const draft = await seedExamplePlan(store, { state: 'draft' });
    const first = (await store.tasks.list(draft.plan.id, { limit: 1 })).items[0]!;
    const error = await rejection(
      giveItemVerdict(
        store,
        draft.plan.id,
        { type: 'task', id: first.id },
        { verdict: 'on_track' },
        { health: 'on_track' },
        office,
        AT,
      ),
    );
    expect(error.code).toBe('CONFLICT');
  });
});
