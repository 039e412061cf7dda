/**
 * Review of an extraction by the plan office (issue 5, 报告 review mode): correct a target's or
 * an achievement's figure, add an item the extractor missed from a span of the report, delete
 * a wrong one, split a task in two or merge two neighbouring tasks. Each change writes its
 * audit event (before/after) in one transaction, by the rules of src/plan/review.ts.
 *
 * Achievements carry no version column: their version is the number of audit events written
 * about them, so a correction made meanwhile still makes a later stale one a CONFLICT.
 */
import { AppError } from '../errors.js';
import {
  assertTwoTasks,
  checkItemFields,
  checkSpan,
  deriveDirection,
  deriveTaskMerge,
  deriveTaskSplit,
  sentenceAround,
  trimItemFields,
} from '../plan/review.js';
import type { ItemFields } from '../plan/review.js';
import type { Achievement, Target, Task } from '../plan/types.js';
import type { Span } from '../report/types.js';
import { staleVersion } from '../store/rows.js';
import type { ChangeMeta, NewReviewItem, ReviewKind, Store, Versioned } from '../store/types.js';
import { changeEvent } from './frame.js';

const now = () => new Date().toISOString();

/** What an audit event of review records of an item: its figure and where it is. */
const fieldsOf = (item: ItemFields & { span: Span }) => ({
  metric: item.metric,
  comparator: item.comparator,
  value: item.value,
  unit: item.unit,
  period: item.period,
  span: item.span,
});

const taskSnapshot = (task: Pick<Task, 'id' | 'text' | 'span'>) => ({
  id: task.id,
  text: task.text,
  span: task.span,
});

function reviewMeta(meta: ChangeMeta | undefined, action: string): ChangeMeta {
  return { at: meta?.at ?? now(), actor: meta?.actor ?? null, action, reason: meta?.reason ?? null };
}

/** An achievement's version: how many audit events were written about it. */
export function getAchievementVersion(store: Store, planId: number, id: number): Promise<number> {
  return store.audit.countOf(planId, { type: 'achievement', id });
}

async function getItem(store: Store, kind: ReviewKind, planId: number, id: number) {
  return kind === 'target' ? store.targets.get(planId, id) : store.achievements.get(planId, id);
}

/** Corrects a target's or achievement's figure; CONFLICT (`version`) when `expectedVersion` is stale. */
async function correctItem(
  store: Store,
  kind: ReviewKind,
  planId: number,
  id: number,
  patch: Partial<ItemFields>,
  expectedVersion: number,
  meta: ChangeMeta | undefined,
): Promise<void> {
  const problems = checkItemFields(patch);
  if (problems.length) throw new AppError('BAD_INPUT', `invalid ${kind} correction`, problems);
  const before = await getItem(store, kind, planId, id);
  const fields = trimItemFields(patch);
  if (kind === 'target') {
    if (!(await store.targets.update(planId, id, fields, undefined, expectedVersion, now())))
      throw staleVersion(kind, id);
  } else {
    if ((await getAchievementVersion(store, planId, id)) !== expectedVersion) throw staleVersion(kind, id);
    await store.achievements.update(planId, id, fields);
  }
  const after = await getItem(store, kind, planId, id);
  const event = changeEvent(
    { type: kind, id },
    planId,
    fieldsOf(before),
    fieldsOf(after),
    reviewMeta(meta, `${kind}.correct`),
  );
  await store.audit.append(event);
}

/** Corrects a target's figure; CONFLICT when `expectedVersion` is stale. */
export async function correctTarget(
  store: Store,
  planId: number,
  id: number,
  patch: Partial<ItemFields>,
  expectedVersion: number,
  meta?: ChangeMeta,
): Promise<Target> {
  return store.transaction(async (tx) => {
    await correctItem(tx, 'target', planId, id, patch, expectedVersion, meta);
    return tx.targets.get(planId, id);
  });
}

/** Corrects an achievement's figure; its version counts its audit events. */
export async function correctAchievement(
  store: Store,
  planId: number,
  id: number,
  patch: Partial<ItemFields>,
  expectedVersion: number,
  meta?: ChangeMeta,
): Promise<Versioned<Achievement>> {
  return store.transaction(async (tx) => {
    await correctItem(tx, 'achievement', planId, id, patch, expectedVersion, meta);
    return {
      ...(await tx.achievements.get(planId, id)),
      version: await getAchievementVersion(tx, planId, id),
    };
  });
}

/** Adds an item the extractor missed, from a span of the plan's text; answers its id. */
async function addItem(
  store: Store,
  kind: ReviewKind,
  planId: number,
  input: NewReviewItem,
  meta: ChangeMeta | undefined,
): Promise<number> {
  const text = await store.plans.getText(planId);
  const problems = [...checkSpan(input.span, text.length), ...checkItemFields(input)];
  if (problems.length) throw new AppError('BAD_INPUT', `invalid new ${kind}`, problems);
  const [start, end] = input.span;
  const item = {
    ...trimItemFields(input),
    span: [start, end] as Span,
    outlineNodeId: await store.plans.findOutlineNodeAt(planId, start),
    quote: text.slice(start, end),
  };
  const stamp = now();
  const id =
    kind === 'target'
      ? await store.targets.insert(
          planId,
          {
            ...item,
            taskId: (await store.tasks.findContaining(planId, start, end)) ?? null,
            direction: deriveDirection(input.comparator),
            sentence: sentenceAround(text, input.span),
          },
          stamp,
        )
      : await store.achievements.insert(planId, item);
  const after = { ...fieldsOf(item), quote: item.quote };
  await store.audit.append(
    changeEvent({ type: kind, id }, planId, null, after, reviewMeta(meta, `${kind}.add`)),
  );
  return id;
}

/** Adds a missed target from a span of the plan's text (BAD_INPUT naming `span` when outside it). */
export async function addTarget(
  store: Store,
  planId: number,
  input: NewReviewItem,
  meta?: ChangeMeta,
): Promise<Target> {
  return store.transaction(async (tx) =>
    tx.targets.get(planId, await addItem(tx, 'target', planId, input, meta)),
  );
}

/** Adds a missed achievement from a span of the plan's text. */
export async function addAchievement(
  store: Store,
  planId: number,
  input: NewReviewItem,
  meta?: ChangeMeta,
): Promise<Versioned<Achievement>> {
  return store.transaction(async (tx) => {
    const id = await addItem(tx, 'achievement', planId, input, meta);
    return {
      ...(await tx.achievements.get(planId, id)),
      version: await getAchievementVersion(tx, planId, id),
    };
  });
}

/** Deletes a wrongly extracted target or achievement (targets that used it as baseline lose it). */
export async function deleteReviewItem(
  store: Store,
  planId: number,
  kind: ReviewKind,
  id: number,
  meta?: ChangeMeta,
): Promise<void> {
  await store.transaction(async (tx) => {
    const before = await getItem(tx, kind, planId, id);
    if (kind === 'target') {
      await tx.targets.delete(planId, id);
    } else {
      await tx.targets.clearBaseline(id);
      await tx.achievements.delete(planId, id);
    }
    const event = changeEvent(
      { type: kind, id },
      planId,
      fieldsOf(before),
      null,
      reviewMeta(meta, `${kind}.delete`),
    );
    await tx.audit.append(event);
  });
}

/**
 * Splits a task at `at` (an offset of the plan text strictly inside its span) into two: the
 * first keeps the id, the second is new with the same owners, state and progress; targets,
 * project lists and projects from `at` on move to the second. Answers both tasks, in order.
 */
export async function splitTask(
  store: Store,
  planId: number,
  id: number,
  at: number,
  expectedVersion?: number,
  meta?: ChangeMeta,
): Promise<[Task, Task]> {
  return store.transaction(async (tx) => {
    const text = await tx.plans.getText(planId);
    const task = await tx.tasks.get(planId, id);
    if (expectedVersion !== undefined && task.version !== expectedVersion) throw staleVersion('task', id);
    const { first, second } = deriveTaskSplit(text, task.span, at);
    const stamp = now();
    await tx.tasks.setText(id, first.text, first.span, stamp);
    const secondId = await tx.tasks.insertCopy(task, second.text, second.span, stamp);
    await tx.tasks.moveChildren(planId, id, secondId, at);
    const after = {
      tasks: [
        { id, text: first.text, span: first.span },
        { id: secondId, text: second.text, span: second.span },
      ],
    };
    const event = changeEvent(
      { type: 'task', id },
      planId,
      { tasks: [taskSnapshot(task)] },
      after,
      reviewMeta({ ...meta, at: meta?.at ?? stamp, actor: meta?.actor ?? null }, 'task.split'),
    );
    await tx.audit.append(event);
    return [await tx.tasks.get(planId, id), await tx.tasks.get(planId, secondId)];
  });
}

/**
 * Merges two tasks that follow each other in the same outline node into the first (by span);
 * the second's targets, project lists and projects move to it and the second is removed.
 */
export async function mergeTasks(
  store: Store,
  planId: number,
  ids: readonly [number, number],
  meta?: ChangeMeta,
): Promise<Task> {
  assertTwoTasks(ids);
  return store.transaction(async (tx) => {
    const text = await tx.plans.getText(planId);
    const tasks = [await tx.tasks.get(planId, ids[0]), await tx.tasks.get(planId, ids[1])].sort(
      (a, b) => a.span[0] - b.span[0] || a.id - b.id,
    );
    const [first, second] = tasks as [Task, Task];
    const between = await tx.tasks.listIdsStartingIn(
      planId,
      first.outlineNodeId,
      first.span[0],
      second.span[0],
      [first.id, second.id],
    );
    const merged = deriveTaskMerge(text, first, second, between);
    const stamp = now();
    await tx.tasks.setText(first.id, merged.text, merged.span, stamp);
    await tx.tasks.moveChildren(planId, second.id, first.id);
    await tx.tasks.delete(second.id);
    const event = changeEvent(
      { type: 'task', id: first.id },
      planId,
      { tasks: [taskSnapshot(first), taskSnapshot(second)] },
      { tasks: [{ id: first.id, text: merged.text, span: [first.span[0], second.span[1]] }] },
      reviewMeta({ ...meta, at: meta?.at ?? stamp, actor: meta?.actor ?? null }, 'task.merge'),
    );
    await tx.audit.append(event);
    return tx.tasks.get(planId, first.id);
  });
}
