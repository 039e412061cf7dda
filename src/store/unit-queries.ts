/**
 * What refers to a unit, and moving those references to another unit (机构改革), for
 * KyselyStore to delegate to; work orders move by a `transferred` event (职责划转), never by
 * rewriting their history. Units are named by id in many tables: tasks and targets (lead
 * and co-units), users, reports, supervision records, evidence, and the 接诉即办 tables of
 * requests-store.ts (orders, co-units, follow-ups, themes, exemptions, the catalogue's JSON).
 */
import { sql } from 'kysely';
import type { Kysely, Transaction } from 'kysely';
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import { addCatalogueVersion } from '../requests/catalogue.js';
import type { CatalogueRow, OwnerRule } from '../requests/catalogue.js';
import type { MonthlyTopic } from '../requests/hotspots.js';
import { applyEvent } from '../requests/order.js';
import type { RequestActor } from '../requests/types.js';
import type { ChangeMeta, Store, UnitUsage } from './types.js';
import type { Database } from './schema.js';
import * as tracking from './tracking-queries.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The columns of requests-store.ts's tables that name a unit (its own types are private). */
// A type alias, not an interface: Kysely's withTables wants an indexable record.
type RequestReferences = {
  request_orders: { id: number; lead_unit_id: number | null };
  request_co_units: { order_id: number; unit_id: number };
  request_follow_ups: { order_id: number; lead_unit_id: number };
  request_themes: { id: number; lead_unit_id: number; data: string };
  request_exemptions: { unit_id: number; month: string };
  request_catalogue_versions: { version: number; effective_from: string; rows: string };
};

import { UNIT_USAGE_KEYS as USAGE_KEYS } from './types.js';

/** How each count reads in an error message: "3 tasks it leads". */
const USAGE_WORDS: Record<keyof UnitUsage, string> = {
  tasksLed: 'tasks it leads',
  tasksCoLed: 'tasks it co-leads',
  targetsLed: 'targets it leads',
  targetsCoLed: 'targets it co-leads',
  users: 'users who act for it',
  reports: 'progress reports',
  supervision: 'supervision records (notices, extensions, closings)',
  evidenceFiles: 'evidence files',
  requestOrdersLed: 'work orders it holds',
  requestOrdersCoHandled: 'work orders it co-handles',
  requestFollowUps: 'follow-up records',
  requestThemes: 'monthly themes',
  requestExemptions: 'ranking exemptions',
  catalogueRows: 'rows of the dispatch catalogue in force',
};

const SUPERVISION_TABLES = ['notices', 'extension_requests', 'closure_applications'] as const;

/** Rows per `in (…)` list: far below both engines' bound-parameter limits. */
const CHUNK = 500;

/** True when any count is above 0. */
export function isInUse(usage: UnitUsage): boolean {
  return USAGE_KEYS.some((key) => usage[key] > 0);
}

/** One detail per non-zero count, `usage.<key>`: "3 tasks it leads". */
export function usageDetails(
  usage: UnitUsage,
  keys: readonly (keyof UnitUsage)[] = USAGE_KEYS,
): ErrorDetail[] {
  return keys
    .filter((key) => usage[key] > 0)
    .map((key) => ({ path: `usage.${key}`, message: `${usage[key]} ${USAGE_WORDS[key]}` }));
}

const requestTables = (db: Db) => (db as Kysely<Database>).withTables<RequestReferences>();

/** Counts every reference to unit `id`; `now` decides which catalogue versions are in force. */
export async function selectUnitUsage(db: Db, id: number, now: string): Promise<UnitUsage> {
  const count = async (query: { executeTakeFirst(): Promise<{ n: unknown } | undefined> }) =>
    Number((await query.executeTakeFirst())?.n ?? 0);
  const n = sql<number>`count(*)`.as('n');
  const rq = requestTables(db);
  let supervision = 0;
  for (const table of SUPERVISION_TABLES) {
    supervision += await count(db.selectFrom(table).select(n).where('unit_id', '=', id));
  }
  return {
    tasksLed: await count(db.selectFrom('tasks').select(n).where('lead_unit_id', '=', id)),
    tasksCoLed: await count(db.selectFrom('task_co_units').select(n).where('unit_id', '=', id)),
    targetsLed: await count(db.selectFrom('targets').select(n).where('lead_unit_id', '=', id)),
    targetsCoLed: await count(db.selectFrom('target_co_units').select(n).where('unit_id', '=', id)),
    users: await count(db.selectFrom('user_units').select(n).where('unit_id', '=', id)),
    reports: await count(db.selectFrom('unit_reports').select(n).where('unit_id', '=', id)),
    supervision,
    evidenceFiles: await count(db.selectFrom('evidence_files').select(n).where('unit_id', '=', id)),
    requestOrdersLed: await count(rq.selectFrom('request_orders').select(n).where('lead_unit_id', '=', id)),
    requestOrdersCoHandled: await count(
      rq.selectFrom('request_co_units').select(n).where('unit_id', '=', id),
    ),
    requestFollowUps: await count(
      rq.selectFrom('request_follow_ups').select(n).where('lead_unit_id', '=', id),
    ),
    requestThemes: await countThemes(db, id),
    requestExemptions: await count(rq.selectFrom('request_exemptions').select(n).where('unit_id', '=', id)),
    catalogueRows: await countCatalogueRows(db, id, now),
  };
}

/** Themes the unit leads, or holds one of the tasks of (themes are few: read them all). */
async function countThemes(db: Db, id: number): Promise<number> {
  const rows = await requestTables(db)
    .selectFrom('request_themes')
    .select(['lead_unit_id', 'data'])
    .execute();
  return rows.filter((row) => {
    if (Number(row.lead_unit_id) === id) return true;
    const data = JSON.parse(row.data) as { tasks?: { unitId?: number }[] };
    return (data.tasks ?? []).some((task) => task.unitId === id);
  }).length;
}

/**
 * Catalogue rows that route orders to the unit, in the version in force at `now` and in any
 * version that takes effect later (older versions only explain orders already dispatched).
 */
async function countCatalogueRows(db: Db, id: number, now: string): Promise<number> {
  const versions = await requestTables(db)
    .selectFrom('request_catalogue_versions')
    .select(['version', 'effective_from', 'rows'])
    .orderBy('version')
    .execute();
  const at = Date.parse(now);
  const started = versions.filter((v) => Date.parse(v.effective_from) <= at);
  const current = started.at(-1)?.version ?? -Infinity;
  let total = 0;
  for (const version of versions) {
    if (version.version < current) continue;
    const rows = JSON.parse(version.rows) as { owner?: OwnerRule }[];
    total += rows.filter((row) => row.owner !== undefined && ownerNames(row.owner, id)).length;
  }
  return total;
}

function ownerNames(owner: OwnerRule, id: number): boolean {
  if (owner.by === 'unit') return owner.unitId === id;
  if (owner.by === 'area') return owner.fallbackUnitId === id || Object.values(owner.units).includes(id);
  return false;
}

/** A plan item's units before and after a merge. */
interface ItemUnits {
  planId: number;
  leadUnitId: number | null;
  coUnitIds: number[];
}

/**
 * Moves every plan-side reference from unit `from` to unit `into` (the caller has checked the
 * 接诉即办 side and report clashes). Each task and target whose units change gets its version
 * bumped and an audit event; returns nothing (the caller counted the usage before).
 */
export async function moveUnitReferences(
  db: Db,
  from: { id: number; name: string },
  into: { id: number; name: string },
  at: string,
  meta: ChangeMeta | undefined,
): Promise<void> {
  const reason = meta?.reason ?? `unit ${from.name} merged into ${into.name}`;
  for (const kind of ['task', 'target'] as const) {
    await moveItems(db, kind, from.id, into.id, { actor: meta?.actor ?? null, at: meta?.at ?? at, reason });
  }
  // A user who acted for both keeps one membership.
  await db
    .deleteFrom('user_units')
    .where('unit_id', '=', from.id)
    .where('user_id', 'in', (eb) =>
      eb.selectFrom('user_units as both').select('both.user_id').where('both.unit_id', '=', into.id),
    )
    .execute();
  await db.updateTable('user_units').set({ unit_id: into.id }).where('unit_id', '=', from.id).execute();
  await db
    .updateTable('unit_reports')
    .set({ unit_id: into.id, version: sql<number>`version + 1`, updated_at: at })
    .where('unit_id', '=', from.id)
    .execute();
  await db.updateTable('evidence_files').set({ unit_id: into.id }).where('unit_id', '=', from.id).execute();
  // Supervision records keep the unit in their JSON too (tracking-queries.ts reads it from there).
  for (const table of SUPERVISION_TABLES) {
    const rows = await db.selectFrom(table).select(['id', 'data']).where('unit_id', '=', from.id).execute();
    for (const row of rows) {
      const data = { ...(JSON.parse(row.data) as Record<string, unknown>), unitId: into.id };
      await db
        .updateTable(table)
        .set({
          unit_id: into.id,
          data: JSON.stringify(data),
          version: sql<number>`version + 1`,
          updated_at: at,
        })
        .where('id', '=', row.id)
        .execute();
    }
  }
}

async function moveItems(
  db: Db,
  kind: 'task' | 'target',
  from: number,
  into: number,
  meta: ChangeMeta,
): Promise<void> {
  const at = meta.at;
  const table = kind === 'task' ? 'tasks' : 'targets';
  const led = await db.selectFrom(table).select('id').where('lead_unit_id', '=', from).execute();
  const coLed =
    kind === 'task'
      ? await db.selectFrom('task_co_units').select('task_id as id').where('unit_id', '=', from).execute()
      : await db
          .selectFrom('target_co_units')
          .select('target_id as id')
          .where('unit_id', '=', from)
          .execute();
  const ids = [...new Set([...led, ...coLed].map((row) => row.id))].sort((a, b) => a - b);
  for (let start = 0; start < ids.length; start += CHUNK) {
    const chunk = ids.slice(start, start + CHUNK);
    const before = await selectItemUnits(db, kind, chunk);
    const after = new Map<number, ItemUnits>();
    for (const [id, item] of before) {
      const leadUnitId = item.leadUnitId === from ? into : item.leadUnitId;
      // The absorbing unit may already help with the item, or now lead it: one entry each.
      const coUnitIds = [...new Set(item.coUnitIds.map((u) => (u === from ? into : u)))]
        .filter((u) => u !== leadUnitId)
        .sort((a, b) => a - b);
      after.set(id, { planId: item.planId, leadUnitId, coUnitIds });
    }
    await db
      .updateTable(table)
      .set({ lead_unit_id: into })
      .where('id', 'in', chunk)
      .where('lead_unit_id', '=', from)
      .execute();
    await db
      .updateTable(table)
      .set({ version: sql<number>`version + 1`, updated_at: at })
      .where('id', 'in', chunk)
      .execute();
    if (kind === 'task') {
      await db.deleteFrom('task_co_units').where('task_id', 'in', chunk).execute();
      const rows = [...after].flatMap(([id, item]) =>
        item.coUnitIds.map((u) => ({ task_id: id, unit_id: u })),
      );
      if (rows.length > 0) await db.insertInto('task_co_units').values(rows).execute();
    } else {
      await db.deleteFrom('target_co_units').where('target_id', 'in', chunk).execute();
      const rows = [...after].flatMap(([id, item]) =>
        item.coUnitIds.map((u) => ({ target_id: id, unit_id: u })),
      );
      if (rows.length > 0) await db.insertInto('target_co_units').values(rows).execute();
    }
    for (const [id, item] of after) {
      const was = before.get(id);
      if (!was) continue;
      const event = tracking.changeEvent(
        { type: kind, id },
        item.planId,
        { leadUnitId: was.leadUnitId, coUnitIds: was.coUnitIds },
        { leadUnitId: item.leadUnitId, coUnitIds: item.coUnitIds },
        { ...meta, action: `${kind}.update` },
      );
      await tracking.insertAuditEvent(db, event);
    }
  }
}

async function selectItemUnits(
  db: Db,
  kind: 'task' | 'target',
  ids: number[],
): Promise<Map<number, ItemUnits>> {
  const out = new Map<number, ItemUnits>();
  const rows = await db
    .selectFrom(kind === 'task' ? 'tasks' : 'targets')
    .select(['id', 'plan_id', 'lead_unit_id'])
    .where('id', 'in', ids)
    .execute();
  for (const row of rows)
    out.set(row.id, { planId: row.plan_id, leadUnitId: row.lead_unit_id, coUnitIds: [] });
  const co =
    kind === 'task'
      ? await db
          .selectFrom('task_co_units')
          .select(['task_id as id', 'unit_id'])
          .where('task_id', 'in', ids)
          .orderBy('unit_id')
          .execute()
      : await db
          .selectFrom('target_co_units')
          .select(['target_id as id', 'unit_id'])
          .where('target_id', 'in', ids)
          .orderBy('unit_id')
          .execute();
  for (const row of co) out.get(row.id)?.coUnitIds.push(row.unit_id);
  return out;
}

/** Periods both units reported for: a merge cannot combine two reports into one. */
export async function selectReportClashes(
  db: Db,
  from: number,
  into: number,
): Promise<{ planId: number; periodKey: string }[]> {
  const rows = await db
    .selectFrom('unit_reports as a')
    .innerJoin('unit_reports as b', (join) =>
      join.onRef('a.plan_id', '=', 'b.plan_id').onRef('a.period_key', '=', 'b.period_key'),
    )
    .select(['a.plan_id', 'a.period_key'])
    .where('a.unit_id', '=', from)
    .where('b.unit_id', '=', into)
    .orderBy('a.plan_id')
    .orderBy('a.period_key')
    .execute();
  return rows.map((row) => ({ planId: row.plan_id, periodKey: row.period_key }));
}

/** CONFLICT for a merge two reports of one period stand in the way of. */
export function mergeRefusal(clashes: { planId: number; periodKey: string }[]): AppError | undefined {
  if (clashes.length > 0) {
    return new AppError(
      'CONFLICT',
      `both units reported for the same period (${clashes
        .map((c) => `plan ${c.planId} ${c.periodKey}`)
        .join(', ')}): a merge cannot combine two reports`,
      clashes.map((c) => ({ path: `reports.${c.planId}.${c.periodKey}`, message: 'reported by both units' })),
    );
  }
  return undefined;
}

/**
 * Moves the 接诉即办 side of a merge (职责划转) from unit `from` to unit `into`, inside the
 * caller's transaction: a `transferred` event on every order that names `from` as lead or
 * co-unit (appended version-checked; its follow-up rows follow the order), leftover 三率 rows,
 * themes (lead and task units), exemptions (the successor's own one of a month wins), and a
 * new catalogue version effective `at` with `from` replaced (versions are never edited; open
 * orders keep their version and deadlines). CONFLICT when a catalogue version is scheduled to
 * take effect after `at` and the catalogue names `from`: a version effective now cannot go
 * before it.
 */
export async function moveRequestReferences(
  store: Store,
  db: Db,
  from: { id: number; name: string },
  into: { id: number; name: string },
  at: string,
  meta: ChangeMeta | undefined,
): Promise<void> {
  const requests = store;
  const rq = requestTables(db);
  const reason = meta?.reason ?? `unit ${from.name} merged into ${into.name}`;

  const catalogue = { versions: await requests.requestSettings.listCatalogueVersions() };
  const when = Date.parse(at);
  const inForce = catalogue.versions.filter((v) => Date.parse(v.effectiveFrom) <= when).at(-1);
  const later = catalogue.versions.filter((v) => Date.parse(v.effectiveFrom) > when);
  const naming = [...(inForce ? [inForce] : []), ...later].filter((v) =>
    v.rows.some((row) => ownerNames(row.owner, from.id)),
  );
  if (naming.length > 0 && later.length > 0) {
    const next = later[0]!;
    throw new AppError(
      'CONFLICT',
      `catalogue version ${next.version} takes effect at ${next.effectiveFrom} and the catalogue routes ` +
        `orders to unit ${from.name}: a version without it cannot be published before that one; ` +
        'merge after it takes effect',
      [{ path: `catalogue.${next.version}`, message: `scheduled for ${next.effectiveFrom}` }],
    );
  }

  // 职责划转: every order that names the unit gets its event, in the system's name.
  const actor: RequestActor = { userId: meta?.actor?.userId ?? null, role: 'system', unitIds: [] };
  const led = await rq
    .selectFrom('request_orders')
    .select('id')
    .where('lead_unit_id', '=', from.id)
    .execute();
  const helped = await rq
    .selectFrom('request_co_units')
    .select('order_id as id')
    .where('unit_id', '=', from.id)
    .execute();
  const ids = [...new Set([...led, ...helped].map((row) => Number(row.id)))].sort((a, b) => a - b);
  for (const id of ids) {
    const order = await requests.requests.getOrder(id);
    const input = { type: 'transferred' as const, fromUnitId: from.id, toUnitId: into.id, reason };
    const next = applyEvent(order, input, actor, at);
    await requests.requests.appendEvent(next.order, next.event, order.version);
  }
  // Rows an order's replay no longer names (none expected): they follow the lead unit too.
  await rq
    .updateTable('request_follow_ups')
    .set({ lead_unit_id: into.id })
    .where('lead_unit_id', '=', from.id)
    .execute();

  const themes = await rq.selectFrom('request_themes').select(['id', 'lead_unit_id', 'data']).execute();
  for (const row of themes) {
    const theme = JSON.parse(row.data) as MonthlyTopic;
    const names = Number(row.lead_unit_id) === from.id || theme.tasks.some((task) => task.unitId === from.id);
    if (!names) continue;
    const moved: MonthlyTopic = {
      ...theme,
      leadUnitId: theme.leadUnitId === from.id ? into.id : theme.leadUnitId,
      tasks: theme.tasks.map((task) => (task.unitId === from.id ? { ...task, unitId: into.id } : task)),
    };
    await rq
      .updateTable('request_themes')
      .set({ lead_unit_id: moved.leadUnitId, data: JSON.stringify(moved) })
      .where('id', '=', row.id)
      .execute();
  }

  // A month both were exempt in keeps the successor's exemption (and its reason).
  await rq
    .deleteFrom('request_exemptions')
    .where('unit_id', '=', from.id)
    .where('month', 'in', (eb) =>
      eb.selectFrom('request_exemptions as own').select('own.month').where('own.unit_id', '=', into.id),
    )
    .execute();
  await rq
    .updateTable('request_exemptions')
    .set({ unit_id: into.id })
    .where('unit_id', '=', from.id)
    .execute();

  if (inForce !== undefined && naming.includes(inForce)) {
    const rows: CatalogueRow[] = inForce.rows.map((row) => ({
      ...row,
      owner: replaceOwner(row.owner, from.id, into.id),
    }));
    const units = await store.listUnits();
    const published = addCatalogueVersion(
      catalogue,
      {
        effectiveFrom: at,
        note: `${reason}（版本 ${inForce.version} 中的 ${from.name} 由 ${into.name} 承接）`,
        rows,
      },
      units.filter((unit) => unit.id !== from.id),
      at,
    ).versions.at(-1)!;
    await requests.requestSettings.addCatalogueVersion(published);
  }
}

function replaceOwner(owner: OwnerRule, from: number, into: number): OwnerRule {
  if (owner.by === 'unit') return owner.unitId === from ? { by: 'unit', unitId: into } : owner;
  if (owner.by === 'area') {
    return {
      by: 'area',
      units: Object.fromEntries(
        Object.entries(owner.units).map(([area, id]) => [area, id === from ? into : id]),
      ),
      fallbackUnitId: owner.fallbackUnitId === from ? into : owner.fallbackUnitId,
    };
  }
  return owner;
}
