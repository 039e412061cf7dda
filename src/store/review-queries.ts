/**
 * Review of an extraction by the plan office (issue 5, 报告 review mode): correct a target's or
 * an achievement's figure, add an item the extractor missed from a span of the report, delete
 * a wrong one, split a task in two or merge two neighbouring tasks. Each change writes its
 * audit event (before/after) in the caller's transaction; KyselyStore wraps and reads back.
 *
 * Achievements carry no version column: their version is the number of audit events written
 * about them, so a correction made meanwhile still makes a later stale one a CONFLICT.
 */
import { sql } from 'kysely';
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import type { Comparator, Span } from '../report/types.js';
import { changeEvent, insertAuditEvent } from './tracking-queries.js';
import type { Db } from './tracking-queries.js';
import type { ChangeMeta, ItemFields, NewReviewItem, ReviewKind } from './types.js';

export const COMPARATORS: readonly Comparator[] = ['>=', '>', '<=', '~', '='];
const SENTENCE_END = /[。！？；!?;\n]/;

/** Problems with a (partial) set of item fields, each naming its field. */
export function checkItemFields(fields: Partial<ItemFields>): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (fields.value !== undefined && !Number.isFinite(fields.value)) {
    problems.push({ path: 'value', message: 'must be a finite number' });
  }
  if (fields.comparator !== undefined && !COMPARATORS.includes(fields.comparator)) {
    problems.push({ path: 'comparator', message: `must be one of ${COMPARATORS.join(', ')}` });
  }
  if (fields.metric !== undefined && fields.metric.trim() === '') {
    problems.push({ path: 'metric', message: 'must not be empty' });
  }
  return problems;
}

/** Problems with a span of a text of `length` UTF-16 code units: [start, end), inside, not empty. */
export function checkSpan(span: Span, length: number, path = 'span'): ErrorDetail[] {
  const [start, end] = span;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > length || start >= end) {
    return [{ path, message: `must be [start, end) with 0 <= start < end <= ${length}` }];
  }
  return [];
}

/** The sentence of `text` that holds `span`: from after the previous stop to the next one. */
export function sentenceAround(text: string, span: Span): string {
  let start = span[0];
  while (start > 0 && !SENTENCE_END.test(text.charAt(start - 1))) start -= 1;
  let end = span[1];
  while (end < text.length && !SENTENCE_END.test(text.charAt(end - 1))) end += 1;
  return text.slice(start, end).trim();
}

export async function planText(db: Db, planId: number): Promise<string> {
  const row = await db.selectFrom('plans').select('text').where('id', '=', planId).executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `no plan with id ${planId}`);
  return row.text;
}

/** The outline node an offset falls under: the nearest heading at or before it. */
async function outlineNodeAt(db: Db, planId: number, offset: number): Promise<number | null> {
  const row = await db
    .selectFrom('outline_nodes')
    .select('id')
    .where('plan_id', '=', planId)
    .where('span_start', '<=', offset)
    .orderBy('span_start', 'desc')
    .orderBy('level', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** An achievement's version: how many audit events were written about it. */
export async function achievementVersion(db: Db, planId: number, id: number): Promise<number> {
  const row = await db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('plan_id', '=', planId)
    .where('entity_type', '=', 'achievement')
    .where('entity_id', '=', String(id))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function notFound(what: string, id: number): AppError {
  return new AppError('NOT_FOUND', `no ${what} with id ${id}`);
}

function stale(what: string, id: number): AppError {
  return new AppError('CONFLICT', `${what} ${id} was changed by someone else: reload it and try again`, [
    { path: 'version', message: 'stale version' },
  ]);
}

function fieldsOf(row: ItemFields & { span_start: number; span_end: number }) {
  return {
    metric: row.metric,
    comparator: row.comparator,
    value: Number(row.value),
    unit: row.unit,
    period: row.period,
    span: [row.span_start, row.span_end],
  };
}

function tableOf(kind: ReviewKind): 'targets' {
  return (kind === 'target' ? 'targets' : 'achievements') as 'targets';
}

async function itemRow(db: Db, kind: ReviewKind, planId: number, id: number) {
  const row = await db
    .selectFrom(tableOf(kind))
    .select(['id', 'metric', 'comparator', 'value', 'unit', 'period', 'span_start', 'span_end'])
    .where('plan_id', '=', planId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(kind, id);
  return { ...row, comparator: row.comparator as Comparator };
}

/** Corrects a target's or achievement's figure; CONFLICT when `expectedVersion` is stale. */
export async function correctItem(
  db: Db,
  kind: ReviewKind,
  planId: number,
  id: number,
  patch: Partial<ItemFields>,
  expectedVersion: number,
  meta: ChangeMeta | undefined,
): Promise<void> {
  const problems = checkItemFields(patch);
  if (problems.length) throw new AppError('BAD_INPUT', `invalid ${kind} correction`, problems);
  const before = await itemRow(db, kind, planId, id);
  const values = {
    ...(patch.metric !== undefined && { metric: patch.metric.trim() }),
    ...(patch.comparator !== undefined && { comparator: patch.comparator }),
    ...(patch.value !== undefined && { value: patch.value }),
    ...(patch.unit !== undefined && { unit: patch.unit.trim() }),
    ...(patch.period !== undefined && { period: patch.period.trim() }),
  };
  if (kind === 'target') {
    const result = await db
      .updateTable('targets')
      .set({ ...values, version: sql<number>`version + 1`, updated_at: new Date().toISOString() })
      .where('plan_id', '=', planId)
      .where('id', '=', id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) throw stale(kind, id);
  } else {
    if ((await achievementVersion(db, planId, id)) !== expectedVersion) throw stale(kind, id);
    if (Object.keys(values).length > 0) {
      await db
        .updateTable('achievements')
        .set(values)
        .where('plan_id', '=', planId)
        .where('id', '=', id)
        .execute();
    }
  }
  const after = await itemRow(db, kind, planId, id);
  await insertAuditEvent(
    db,
    changeEvent({ type: kind, id }, planId, fieldsOf(before), fieldsOf(after), {
      at: meta?.at ?? new Date().toISOString(),
      actor: meta?.actor ?? null,
      action: `${kind}.correct`,
      reason: meta?.reason ?? null,
    }),
  );
}

/** Adds an item the extractor missed, from a span of the plan's text; answers its id. */
export async function addItem(
  db: Db,
  kind: ReviewKind,
  planId: number,
  input: NewReviewItem,
  meta: ChangeMeta | undefined,
): Promise<number> {
  const text = await planText(db, planId);
  const problems = [...checkSpan(input.span, text.length), ...checkItemFields(input)];
  if (problems.length) throw new AppError('BAD_INPUT', `invalid new ${kind}`, problems);
  const [start, end] = input.span;
  const outlineNodeId = await outlineNodeAt(db, planId, start);
  const common = {
    plan_id: planId,
    outline_node_id: outlineNodeId,
    metric: input.metric.trim(),
    comparator: input.comparator,
    value: input.value,
    unit: input.unit.trim(),
    period: input.period.trim(),
    span_start: start,
    span_end: end,
    quote: text.slice(start, end),
  };
  let id: number;
  if (kind === 'target') {
    const at = new Date().toISOString();
    const task = await db
      .selectFrom('tasks')
      .select('id')
      .where('plan_id', '=', planId)
      .where('span_start', '<=', start)
      .where('span_end', '>=', end)
      .orderBy('span_start', 'desc')
      .limit(1)
      .executeTakeFirst();
    const row = await db
      .insertInto('targets')
      .values({
        ...common,
        task_id: task?.id ?? null,
        direction: input.comparator === '<=' ? 'falling' : input.comparator === '~' ? null : 'rising',
        sentence: sentenceAround(text, input.span),
        baseline_achievement_id: null,
        lead_unit_id: null,
        leader: null,
        deadline: null,
        weight: 1,
        version: 1,
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    id = row.id;
  } else {
    const row = await db.insertInto('achievements').values(common).returning('id').executeTakeFirstOrThrow();
    id = row.id;
  }
  const after = fieldsOf({ ...common, comparator: input.comparator });
  await insertAuditEvent(db, {
    at: meta?.at ?? new Date().toISOString(),
    actor: meta?.actor ?? null,
    entity: { type: kind, id },
    planId,
    action: `${kind}.add`,
    before: null,
    after: { ...after, quote: common.quote },
    reason: meta?.reason ?? null,
  });
  return id;
}

/** Deletes a wrongly extracted target or achievement (targets that used it as baseline lose it). */
export async function deleteItem(
  db: Db,
  kind: ReviewKind,
  planId: number,
  id: number,
  meta: ChangeMeta | undefined,
): Promise<void> {
  const before = await itemRow(db, kind, planId, id);
  if (kind === 'target') {
    await db.deleteFrom('target_co_units').where('target_id', '=', id).execute();
  } else {
    await db
      .updateTable('targets')
      .set({ baseline_achievement_id: null })
      .where('baseline_achievement_id', '=', id)
      .execute();
  }
  await db.deleteFrom(tableOf(kind)).where('plan_id', '=', planId).where('id', '=', id).execute();
  await insertAuditEvent(db, {
    at: meta?.at ?? new Date().toISOString(),
    actor: meta?.actor ?? null,
    entity: { type: kind, id },
    planId,
    action: `${kind}.delete`,
    before: fieldsOf(before),
    after: null,
    reason: meta?.reason ?? null,
  });
}

async function taskRow(db: Db, planId: number, id: number) {
  const row = await db
    .selectFrom('tasks')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('task', id);
  return row;
}

function taskSnapshot(row: { id: number; text: string; span_start: number; span_end: number }) {
  return { id: row.id, text: row.text, span: [row.span_start, row.span_end] };
}

/**
 * Splits a task at `at` (an offset of the plan text strictly inside its span) into two: the
 * first keeps the id, the second is new with the same owners, state and progress; targets,
 * project lists and projects from `at` on move to the second. Answers both ids.
 */
export async function splitTask(
  db: Db,
  planId: number,
  id: number,
  at: number,
  expectedVersion: number | undefined,
  meta: ChangeMeta | undefined,
): Promise<[number, number]> {
  const text = await planText(db, planId);
  const task = await taskRow(db, planId, id);
  if (expectedVersion !== undefined && task.version !== expectedVersion) throw stale('task', id);
  if (!Number.isInteger(at) || at <= task.span_start || at >= task.span_end) {
    throw new AppError('BAD_INPUT', 'the split point must lie inside the task', [
      { path: 'at', message: `must be an offset between ${task.span_start} and ${task.span_end}, exclusive` },
    ]);
  }
  const firstText = text.slice(task.span_start, at).trim();
  const secondText = text.slice(at, task.span_end).trim();
  if (firstText === '' || secondText === '') {
    throw new AppError('BAD_INPUT', 'both parts of a split task need text', [
      { path: 'at', message: 'would leave an empty task' },
    ]);
  }
  const stamp = new Date().toISOString();
  await db
    .updateTable('tasks')
    .set({ text: firstText, span_end: at, version: sql<number>`version + 1`, updated_at: stamp })
    .where('id', '=', id)
    .execute();
  const { id: _old, ...rest } = task;
  void _old;
  const second = await db
    .insertInto('tasks')
    .values({ ...rest, text: secondText, span_start: at, version: 1, created_at: stamp, updated_at: stamp })
    .returning('id')
    .executeTakeFirstOrThrow();
  const coUnits = await db.selectFrom('task_co_units').select('unit_id').where('task_id', '=', id).execute();
  if (coUnits.length) {
    await db
      .insertInto('task_co_units')
      .values(coUnits.map((c) => ({ task_id: second.id, unit_id: c.unit_id })))
      .execute();
  }
  for (const table of ['targets', 'project_lists', 'projects'] as const) {
    await db
      .updateTable(table as 'targets')
      .set({ task_id: second.id })
      .where('plan_id', '=', planId)
      .where('task_id', '=', id)
      .where('span_start', '>=', at)
      .execute();
  }
  const after = {
    tasks: [
      { id, text: firstText, span: [task.span_start, at] },
      { id: second.id, text: secondText, span: [at, task.span_end] },
    ],
  };
  await insertAuditEvent(db, {
    at: meta?.at ?? stamp,
    actor: meta?.actor ?? null,
    entity: { type: 'task', id },
    planId,
    action: 'task.split',
    before: { tasks: [taskSnapshot(task)] },
    after,
    reason: meta?.reason ?? null,
  });
  return [id, second.id];
}

/**
 * Merges two tasks that follow each other in the same outline node into the first (by span);
 * the second's targets, project lists and projects move to it and the second is removed.
 */
export async function mergeTasks(
  db: Db,
  planId: number,
  ids: readonly [number, number],
  meta: ChangeMeta | undefined,
): Promise<number> {
  if (ids[0] === ids[1]) {
    throw new AppError('BAD_INPUT', 'merge needs two different tasks', [
      { path: 'taskIds', message: 'must name two different tasks' },
    ]);
  }
  const text = await planText(db, planId);
  const rows = [await taskRow(db, planId, ids[0]), await taskRow(db, planId, ids[1])].sort(
    (a, b) => a.span_start - b.span_start || a.id - b.id,
  );
  const [first, second] = rows as [(typeof rows)[number], (typeof rows)[number]];
  if (first.outline_node_id !== second.outline_node_id) {
    throw new AppError('BAD_INPUT', 'only tasks of the same outline node can be merged', [
      { path: 'taskIds', message: 'tasks are in different outline nodes' },
    ]);
  }
  let between = db
    .selectFrom('tasks')
    .select('id')
    .where('plan_id', '=', planId)
    .where('id', 'not in', [first.id, second.id])
    .where('span_start', '>=', first.span_start)
    .where('span_start', '<=', second.span_start);
  between =
    first.outline_node_id === null
      ? between.where('outline_node_id', 'is', null)
      : between.where('outline_node_id', '=', first.outline_node_id);
  if ((await between.execute()).length > 0 || second.span_start < first.span_end) {
    throw new AppError('BAD_INPUT', 'only adjacent tasks can be merged', [
      { path: 'taskIds', message: 'tasks are not adjacent' },
    ]);
  }
  const mergedText =
    first.span_end > first.span_start && second.span_end > second.span_start
      ? text.slice(first.span_start, second.span_end).trim()
      : `${first.text}${second.text}`;
  const stamp = new Date().toISOString();
  await db
    .updateTable('tasks')
    .set({
      text: mergedText,
      span_end: Math.max(first.span_end, second.span_end),
      version: sql<number>`version + 1`,
      updated_at: stamp,
    })
    .where('id', '=', first.id)
    .execute();
  for (const table of ['targets', 'project_lists', 'projects'] as const) {
    await db
      .updateTable(table as 'targets')
      .set({ task_id: first.id })
      .where('plan_id', '=', planId)
      .where('task_id', '=', second.id)
      .execute();
  }
  await db.deleteFrom('task_co_units').where('task_id', '=', second.id).execute();
  await db.deleteFrom('tasks').where('id', '=', second.id).execute();
  await insertAuditEvent(db, {
    at: meta?.at ?? stamp,
    actor: meta?.actor ?? null,
    entity: { type: 'task', id: first.id },
    planId,
    action: 'task.merge',
    before: { tasks: [taskSnapshot(first), taskSnapshot(second)] },
    after: { tasks: [{ id: first.id, text: mergedText, span: [first.span_start, second.span_end] }] },
    reason: meta?.reason ?? null,
  });
  return first.id;
}
