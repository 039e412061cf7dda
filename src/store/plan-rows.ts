/**
 * The rows of a plan's import, written as one: every row of a new plan (indexes mapped to
 * ids), and a new version of its report merged in as the command matched it
 * (src/plan/match.ts) — matched rows keep their id, assignment, state and progress and take the
 * new extraction's fields; new rows are inserted; unmatched old rows are removed.
 */
import { sql } from 'kysely';
import { AppError } from '../errors.js';
import type { PlanImport } from '../plan/import.js';
import type { ImportedRows, ReimportMatches } from '../plan/match.js';
import { CHUNK, push, sameValues, unassigned } from './rows.js';
import type { Db } from './schema.js';

/** Inserts every row of an import for a new plan, mapping indexes to ids. */
export async function insertPlanRows(db: Db, planId: number, rows: PlanImport, stamp: string): Promise<void> {
  const jurisdictionId = await jurisdictionOfPlan(db, planId);
  // One insert per level: a node's parent is always a level above it, so its id is known.
  const outlineIds: number[] = [];
  for (const level of [1, 2, 3]) {
    const indexes = rows.outline.flatMap((node, i) => (node.level === level ? [i] : []));
    const ids = await insertMany(
      db,
      jurisdictionId,
      'outline_nodes',
      indexes.map((i) => {
        const node = rows.outline[i] as PlanImport['outline'][number];
        return { plan_id: planId, ...outlineValues(node, outlineIds), weight: node.weight };
      }),
    );
    indexes.forEach((i, k) => (outlineIds[i] = ids[k] as number));
  }
  const outlineId = (i: number | null) => (i === null ? null : (outlineIds[i] ?? null));
  const achievementIds = await insertMany(
    db,
    jurisdictionId,
    'achievements',
    rows.achievements.map((a) => ({ plan_id: planId, ...achievementValues(a, outlineId) })),
  );
  const taskIds = await insertMany(
    db,
    jurisdictionId,
    'tasks',
    rows.tasks.map((t) => ({
      plan_id: planId,
      outline_node_id: outlineId(t.outlineIndex),
      text: t.text,
      span_start: t.span[0],
      span_end: t.span[1],
      state: 'not_started',
      progress: 0,
      ...unassigned(stamp),
    })),
  );
  const taskId = (i: number | null) => (i === null ? null : (taskIds[i] ?? null));
  await insertMany(
    db,
    jurisdictionId,
    'targets',
    rows.targets.map((t) => ({
      plan_id: planId,
      ...targetValues(t, outlineId, taskId, achievementIds),
      ...unassigned(stamp),
    })),
  );
  const listIds = await insertMany(
    db,
    jurisdictionId,
    'project_lists',
    rows.projectLists.map((l) => ({ plan_id: planId, ...listValues(l, taskId) })),
  );
  await insertMany(
    db,
    jurisdictionId,
    'projects',
    rows.projects.map((p) => ({
      plan_id: planId,
      ...projectValues(p, listIds, taskId),
      current_stage: p.currentStage,
      stage_dates: '{}',
      version: 1,
      created_at: stamp,
      updated_at: stamp,
    })),
  );
}

/** The jurisdiction plan `planId` belongs to (its rows belong to it too). */
async function jurisdictionOfPlan(db: Db, planId: number): Promise<number> {
  const row = await db
    .selectFrom('plans')
    .select('jurisdiction_id')
    .where('id', '=', planId)
    .executeTakeFirst();
  if (!row) throw new AppError('NOT_FOUND', `no plan with id ${planId}`);
  return row.jurisdiction_id;
}

/**
 * Multi-row inserts; returns the new ids in the order of `rows`. The ids are mapped back by
 * span rather than trusting the order of RETURNING, which neither engine promises.
 */
async function insertMany<
  T extends 'outline_nodes' | 'achievements' | 'tasks' | 'targets' | 'project_lists' | 'projects',
>(
  db: Db,
  jurisdictionId: number,
  table: T,
  rows: { span_start: number; span_end: number }[],
): Promise<number[]> {
  const ids: number[] = [];
  for (let from = 0; from < rows.length; from += CHUNK) {
    const chunk = rows.slice(from, from + CHUNK).map((row) => ({ ...row, jurisdiction_id: jurisdictionId }));
    const returned = (await db
      .insertInto(table)
      .values(chunk as never)
      .returning(['id', 'span_start', 'span_end'] as never)
      .execute()) as unknown as { id: number; span_start: number; span_end: number }[];
    const byKey = new Map<string, number[]>();
    for (const r of returned.sort((a, b) => a.id - b.id)) push(byKey, `${r.span_start}:${r.span_end}`, r.id);
    for (const row of chunk) {
      const id = byKey.get(`${row.span_start}:${row.span_end}`)?.shift();
      if (id === undefined) throw new AppError('INTERNAL', `insert into ${table} lost a row`);
      ids.push(id);
    }
  }
  return ids;
}

/** The rows a re-import matches against, in id order: tasks carried over from an earlier plan left out. */
export async function listImportedRows(db: Db, planId: number): Promise<ImportedRows> {
  const span = (r: { span_start: number; span_end: number }): [number, number] => [r.span_start, r.span_end];
  const [outline, achievements, tasks, targets, lists, projects] = await Promise.all([
    db
      .selectFrom('outline_nodes')
      .select(['id', 'span_start', 'span_end', 'level', 'title'])
      .where('plan_id', '=', planId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('achievements')
      .select(['id', 'span_start', 'span_end', 'quote'])
      .where('plan_id', '=', planId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('tasks')
      .select(['id', 'span_start', 'span_end', 'text'])
      .where('plan_id', '=', planId)
      .where('carried_from', 'is', null)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('targets')
      .select(['id', 'span_start', 'span_end', 'quote'])
      .where('plan_id', '=', planId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('project_lists')
      .select(['id', 'span_start', 'span_end'])
      .where('plan_id', '=', planId)
      .orderBy('id')
      .execute(),
    db
      .selectFrom('projects')
      .select(['id', 'span_start', 'span_end', 'name'])
      .where('plan_id', '=', planId)
      .orderBy('id')
      .execute(),
  ]);
  return {
    outline: outline.map((r) => ({ id: r.id, span: span(r), level: r.level, title: r.title })),
    achievements: achievements.map((r) => ({ id: r.id, span: span(r), quote: r.quote })),
    tasks: tasks.map((r) => ({ id: r.id, span: span(r), text: r.text })),
    targets: targets.map((r) => ({ id: r.id, span: span(r), quote: r.quote })),
    projectLists: lists.map((r) => ({ id: r.id, span: span(r) })),
    projects: projects.map((r) => ({ id: r.id, span: span(r), name: r.name })),
  };
}

/**
 * Merges a new import into an existing plan: matched rows keep their id, assignment, state
 * and progress and take the new extraction's fields; new rows are inserted; unmatched old
 * rows are removed.
 */
export async function writeReimportRows(
  db: Db,
  planId: number,
  rows: PlanImport,
  matches: ReimportMatches,
  stamp: string,
): Promise<void> {
  const bump = { version: sql<number>`version + 1`, updated_at: stamp };
  const jurisdictionId = await jurisdictionOfPlan(db, planId);

  // Outline first: a node's parent is inserted or kept before it.
  const oldOutline = await db.selectFrom('outline_nodes').selectAll().where('plan_id', '=', planId).execute();
  const outlineIds = await mergeTable(
    db,
    jurisdictionId,
    'outline_nodes',
    oldOutline,
    matches.outline,
    (i, ids) => outlineValues(rows.outline[i]!, ids),
    (values, i) => ({ plan_id: planId, ...values, weight: rows.outline[i]!.weight }),
    () => ({}),
    false,
  );
  const outlineId = (i: number | null) => (i === null ? null : (outlineIds[i] ?? null));

  // Achievements (targets name them as their baselines).
  const oldAchievements = await db
    .selectFrom('achievements')
    .selectAll()
    .where('plan_id', '=', planId)
    .execute();
  const achievementIds = await mergeTable(
    db,
    jurisdictionId,
    'achievements',
    oldAchievements,
    matches.achievements,
    rows.achievements.map((a) => achievementValues(a, outlineId)),
    (values) => ({ plan_id: planId, ...values }),
    () => ({}),
  );

  // Tasks carried over from an earlier plan are not the report's: they
  // take part in no match and are never removed as unmatched.
  const oldTasks = await db
    .selectFrom('tasks')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('carried_from', 'is', null)
    .execute();
  const taskIds = await mergeTable(
    db,
    jurisdictionId,
    'tasks',
    oldTasks,
    matches.tasks,
    rows.tasks.map((t) => ({
      outline_node_id: outlineId(t.outlineIndex),
      text: t.text,
      span_start: t.span[0],
      span_end: t.span[1],
    })),
    (values) => ({
      plan_id: planId,
      ...values,
      state: 'not_started',
      progress: 0,
      ...unassigned(stamp),
    }),
    () => bump,
  );
  const taskId = (i: number | null) => (i === null ? null : (taskIds[i] ?? null));

  // Targets.
  const oldTargets = await db.selectFrom('targets').selectAll().where('plan_id', '=', planId).execute();
  await mergeTable(
    db,
    jurisdictionId,
    'targets',
    oldTargets,
    matches.targets,
    rows.targets.map((t) => targetValues(t, outlineId, taskId, achievementIds)),
    (values) => ({
      plan_id: planId,
      ...values,
      ...unassigned(stamp),
    }),
    () => bump,
  );

  // Projects before lists: a list removed takes its remaining projects with it.
  const oldLists = await db.selectFrom('project_lists').selectAll().where('plan_id', '=', planId).execute();
  const listIds = await mergeTable(
    db,
    jurisdictionId,
    'project_lists',
    oldLists,
    matches.projectLists,
    rows.projectLists.map((l) => listValues(l, taskId)),
    (values) => ({ plan_id: planId, ...values }),
    () => ({}),
    false,
  );
  const oldProjects = await db.selectFrom('projects').selectAll().where('plan_id', '=', planId).execute();
  await mergeTable(
    db,
    jurisdictionId,
    'projects',
    oldProjects,
    matches.projects,
    rows.projects.map((p) => projectValues(p, listIds, taskId)),
    (values, i) => ({
      plan_id: planId,
      ...values,
      current_stage: rows.projects[i]?.currentStage ?? '储备',
      stage_dates: '{}',
      version: 1,
      created_at: stamp,
      updated_at: stamp,
    }),
    () => bump,
  );
  const keptLists = new Set(listIds);
  const goneLists = oldLists.filter((r) => !keptLists.has(r.id)).map((r) => r.id);
  if (goneLists.length) await db.deleteFrom('project_lists').where('id', 'in', goneLists).execute();
  const keptOutline = new Set(outlineIds);
  const goneOutline = oldOutline.filter((r) => !keptOutline.has(r.id)).map((r) => r.id);
  if (goneOutline.length) await db.deleteFrom('outline_nodes').where('id', 'in', goneOutline).execute();
}

/** Updates matched rows, inserts new ones, deletes unmatched old ones; returns ids in order. */
async function mergeTable<V extends object>(
  db: Db,
  jurisdictionId: number,
  table: 'outline_nodes' | 'achievements' | 'tasks' | 'targets' | 'project_lists' | 'projects',
  oldRows: { id: number }[],
  matches: (number | null)[],
  values: V[] | ((index: number, ids: number[]) => V),
  insertValues: (values: V, index: number) => object,
  updateExtra: () => object,
  deleteGone = true,
): Promise<number[]> {
  const ids: number[] = [];
  const oldById = new Map(oldRows.map((r) => [r.id, r]));
  const count = typeof values === 'function' ? matches.length : values.length;
  for (let i = 0; i < count; i++) {
    // A node's values name its parent's id, known once the rows before it are written.
    const v = typeof values === 'function' ? values(i, ids) : (values[i] as V);
    const match = oldById.get(matches[i] ?? -1);
    if (match) {
      // Most rows of a re-import are unchanged: leave them (and their version) alone.
      if (!sameValues(match, v)) {
        await db
          .updateTable(table)
          .set({ ...v, ...updateExtra() } as never)
          .where('id', '=', match.id)
          .execute();
      }
      ids.push(match.id);
    } else {
      const row = (await db
        .insertInto(table)
        .values({ ...insertValues(v, i), jurisdiction_id: jurisdictionId } as never)
        .returning('id' as never)
        .executeTakeFirstOrThrow()) as { id: number };
      ids.push(row.id);
    }
  }
  if (!deleteGone) return ids;
  const kept = new Set(ids);
  const gone = oldRows.filter((r) => !kept.has(r.id)).map((r) => r.id);
  for (let from = 0; from < gone.length; from += CHUNK) {
    await db
      .deleteFrom(table)
      .where('id', 'in', gone.slice(from, from + CHUNK))
      .execute();
  }
  return ids;
}

// ---- row values -----------------------------------------------------------------------------

function outlineValues(node: PlanImport['outline'][number], ids: number[]) {
  return {
    parent_id: node.parentIndex === null ? null : (ids[node.parentIndex] ?? null),
    level: node.level,
    title: node.title,
    span_start: node.span[0],
    span_end: node.span[1],
    position: node.position,
  };
}

function achievementValues(
  a: PlanImport['achievements'][number],
  outlineId: (i: number | null) => number | null,
) {
  return {
    outline_node_id: outlineId(a.outlineIndex),
    metric: a.metric,
    comparator: a.comparator,
    value: a.value,
    unit: a.unit,
    period: a.period,
    span_start: a.span[0],
    span_end: a.span[1],
    quote: a.quote,
  };
}

function targetValues(
  t: PlanImport['targets'][number],
  outlineId: (i: number | null) => number | null,
  taskId: (i: number | null) => number | null,
  achievementIds: number[],
) {
  return {
    outline_node_id: outlineId(t.outlineIndex),
    task_id: taskId(t.taskIndex),
    metric: t.metric,
    comparator: t.comparator,
    value: t.value,
    unit: t.unit,
    period: t.period,
    direction: t.direction,
    span_start: t.span[0],
    span_end: t.span[1],
    quote: t.quote,
    sentence: t.sentence,
    baseline_achievement_id: t.baselineIndex === null ? null : (achievementIds[t.baselineIndex] ?? null),
  };
}

function listValues(l: PlanImport['projectLists'][number], taskId: (i: number | null) => number | null) {
  return {
    task_id: taskId(l.taskIndex),
    stage: l.stage,
    count: l.count,
    kind: l.kind,
    span_start: l.span[0],
    span_end: l.span[1],
  };
}

function projectValues(
  p: PlanImport['projects'][number],
  listIds: number[],
  taskId: (i: number | null) => number | null,
) {
  const listId = listIds[p.listIndex];
  if (listId === undefined) throw new AppError('INTERNAL', `project ${p.name} has no list`);
  return {
    list_id: listId,
    task_id: taskId(p.taskIndex),
    name: p.name,
    stage: p.stage,
    kind: p.kind,
    span_start: p.span[0],
    span_end: p.span[1],
  };
}
