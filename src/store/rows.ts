/**
 * What every repository shares: one way to list and page (`readPage`: limit, offset, total),
 * the store's errors (NOT_FOUND, a stale version, a unique key taken), and small row helpers.
 */
import { sql } from 'kysely';
import type { Expression, Kysely, SelectQueryBuilder, Selectable, SqlBool, Transaction } from 'kysely';
import { AppError } from '../errors.js';
import type { Database, Db } from './schema.js';
import type { Page, PageQuery } from './types.js';

/**
 * The government rows of the project library and 服务包 belong to until jurisdictions are data
 * (issue 16): their repositories read and write only its rows.
 */
export const DEFAULT_JURISDICTION_ID = 1;

/** Rows a list returns when the query names no limit, and the most it ever returns. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

/** The limit and offset of a query: DEFAULT_LIMIT when it names none, never above `max`. */
export function resolvePage(query: PageQuery, max = MAX_LIMIT): { limit: number; offset: number } {
  const limit =
    query.limit === undefined ? DEFAULT_LIMIT : Math.min(Math.max(0, Math.floor(query.limit)), max);
  const offset = query.offset === undefined ? 0 : Math.max(0, Math.floor(query.offset));
  return { limit, offset };
}

/**
 * One page of `base` (a filtered query with nothing selected yet) and the total it holds:
 * `select` picks and orders the columns, the page is cut by `query` (at most `max` rows), and
 * `map` turns the rows into the domain's shape.
 * @example return readPage(base, filter, (q) => q.selectAll().orderBy('id'), (rows) => rows.map(toPlan));
 */
export async function readPage<DB, TB extends keyof DB, R, T>(
  base: SelectQueryBuilder<DB, TB, object>,
  query: PageQuery,
  select: (base: SelectQueryBuilder<DB, TB, object>) => SelectQueryBuilder<DB, TB, R>,
  map: (rows: R[]) => T[] | Promise<T[]>,
  max = MAX_LIMIT,
): Promise<Page<T>> {
  const { limit, offset } = resolvePage(query, max);
  // Typed by hand: with generic tables Kysely cannot tell what `select` of raw SQL gives.
  const counted = base.select(sql<number>`count(*)`.as('n')) as unknown as SelectQueryBuilder<
    DB,
    TB,
    { n: number }
  >;
  const [rows, count] = await Promise.all([
    select(base).limit(limit).offset(offset).execute(),
    counted.executeTakeFirst(),
  ]);
  return { items: await map(rows as R[]), total: Number(count?.n ?? 0) };
}

/** One page of a list already in memory (units, users: a few hundred at most). */
export function pageItems<T>(items: readonly T[], query: PageQuery): Page<T> {
  const { limit, offset } = resolvePage(query, Number.MAX_SAFE_INTEGER);
  return { items: items.slice(offset, offset + limit), total: items.length };
}

/**
 * The jurisdiction of plan `planId` as a value an insert can take (a subquery on its key): a
 * plan's parts belong to the plan's jurisdiction.
 * @example db.insertInto('task_co_units').values({ jurisdiction_id: planOwner(db, planId), task_id, unit_id })
 */
export function planOwner(db: Db, planId: number) {
  return db.selectFrom('plans').select('jurisdiction_id').where('id', '=', planId);
}

/** The jurisdiction of task `taskId` (see planOwner). */
export function taskOwner(db: Db, taskId: number) {
  return db.selectFrom('tasks').select('jurisdiction_id').where('id', '=', taskId);
}

/** The jurisdiction of target `targetId` (see planOwner). */
export function targetOwner(db: Db, targetId: number) {
  return db.selectFrom('targets').select('jurisdiction_id').where('id', '=', targetId);
}

/** NOT_FOUND naming the row: "no unit with id 7". */
export function notFound(what: string, id: number | string): AppError {
  return new AppError('NOT_FOUND', `no ${what} with id ${id}`);
}

/** What a write on a version someone else replaced answers. */
export const STALE_WORDS = '您编辑期间已有他人修改并保存了此内容：请刷新后核对，再重新提交';

/**
 * CONFLICT for a write under a version someone else moved on; `path` names the version field.
 * The words name no row (`what` and `id` stay the caller's, for reading the code).
 */
export function staleVersion(_what: string, _id: number | string, path = 'version'): AppError {
  return new AppError('CONFLICT', STALE_WORDS, [{ path, code: 'stale', message: STALE_WORDS }]);
}

/** The row `id` of plan `planId` in `table`; NOT_FOUND naming it `what` when there is none. */
export async function getPlanRow<T extends 'tasks' | 'targets' | 'achievements' | 'projects'>(
  db: Db,
  table: T,
  planId: number,
  id: number,
  what: string,
): Promise<Selectable<Database[T]>> {
  // Typed as one of the tables for Kysely: every one of them has plan_id and id.
  const row = await db
    .selectFrom(table as 'tasks')
    .selectAll()
    .where('plan_id', '=', planId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound(what, id);
  return row as unknown as Selectable<Database[T]>;
}

/** True for a unique or primary key violation, on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  if (error instanceof AppError) return false;
  const code = (error as { code?: string } | null)?.code;
  return (
    code === '23505' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /unique|duplicate/i.test(String(error))
  );
}

/** CONFLICT with `message` for a unique key taken; any other error as it was. */
export function conflictOnUnique(error: unknown, message: string): unknown {
  return isUniqueViolation(error) ? new AppError('CONFLICT', message) : error;
}

/** The store's clock, for the timestamps of rows no command gave one. */
export function now(): string {
  return new Date().toISOString();
}

/** `column` contains `needle`, case-folded, with LIKE's wildcards escaped. */
export function contains(column: Expression<string | null>, needle: string): Expression<SqlBool> {
  const pattern = `%${needle.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<SqlBool>`lower(${column}) like ${pattern} escape '\\'`;
}

/** Appends `value` to the list of `key`. */
export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** True when every field of `values` equals the row's (numbers compared as numbers). */
export function sameValues(row: object, values: object): boolean {
  const current = row as Record<string, unknown>;
  return Object.entries(values).every(([key, value]) => {
    const was = current[key];
    return typeof value === 'number' && was !== null ? Number(was) === value : was === value;
  });
}

/** The columns of a new task or target no one has assigned yet, at version 1. */
export function unassigned(stamp: string) {
  return {
    lead_unit_id: null,
    leader: null,
    deadline: null,
    weight: 1,
    version: 1,
    created_at: stamp,
    updated_at: stamp,
  };
}

/** Rows per `in (…)` list or multi-row insert: far below both engines' bound-parameter limits. */
export const CHUNK = 200;

/** Runs `fn` in the transaction `db` is, or in a new one on it. */
export async function inTransaction<T>(db: Db, fn: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<Database>);
  return (db as Kysely<Database>).transaction().execute(fn);
}
