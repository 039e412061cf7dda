/**
 * The store of citizens' requests (接诉即办, issue 7) on the same Kysely connection as the main
 * Store: work orders and their append-only events, co-units, the versioned catalogue and
 * scoring schemes, ranking exemptions, 每月一题 themes, confirmed task links, the category
 * model, and the per-month follow-up rows 三率 are aggregated from in SQL.
 *
 * Rows are snake_case here; JSON columns hold the domain's own shapes (src/requests/types.ts).
 * Writes on an order are optimistic: the row is updated only where `version` is the old one,
 * and zero rows updated is CONFLICT (someone else acted first).
 */
import { sql } from 'kysely';
import type { Generated, Kysely, Transaction } from 'kysely';
import { AppError } from '../errors.js';
import type { CatalogueVersion, CategoryModel, MonthlyTopic, RecentSubmission } from '../requests/index.js';
import { normalizeScoringScheme } from '../requests/scoring.js';
import type { ScoringScheme, StoredScoringScheme } from '../requests/scoring.js';
import type { OrderEvent, OrderStatus, WorkOrder } from '../requests/types.js';
import { findSqliteHandle } from './connect.js';
import type { DialectName } from './connect.js';
import { SqliteIntakeQueue } from './intake-queue.js';
import type { IntakeRequest } from './intake-queue.js';
import type { AuditEventsTable } from './schema.js';
import type { Store } from './types.js';

interface RequestOrdersTable {
  id: Generated<number>;
  source: string;
  category: string;
  area: string;
  status: string;
  lead_unit_id: number | null;
  received_at: string;
  dedupe_key: string;
  catalogue_version: number | null;
  sign_due: string | null;
  contact_due: string | null;
  finish_due: string | null;
  signed_at: string | null;
  contacted_at: string | null;
  replied_at: string | null;
  closed_at: string | null;
  anonymous_to_public: number;
  version: number;
  data: string;
}

interface RequestTables {
  request_orders: RequestOrdersTable;
  request_events: {
    id: Generated<number>;
    order_id: number;
    seq: number;
    type: string;
    at: string;
    actor_user_id: number | null;
    data: string;
  };
  request_co_units: { order_id: number; unit_id: number; finish_due: string; reported_at: string | null };
  request_catalogue_versions: { version: number; effective_from: string; note: string; rows: string };
  request_scoring_schemes: { version: number; effective_from: string; scheme: string };
  request_exemptions: {
    unit_id: number;
    month: string;
    reason: string;
    created_by: number | null;
    created_at: string;
  };
  request_themes: {
    id: Generated<number>;
    month: string;
    lead_unit_id: number;
    data: string;
    created_by: number | null;
    created_at: string;
  };
  request_task_links: {
    source_key: string;
    task_id: number;
    score: number;
    confirmed_by: number;
    confirmed_at: string;
  };
  request_models: { name: string; trained_at: string; model: string };
  request_follow_ups: {
    order_id: number;
    month: string;
    lead_unit_id: number;
    source: string;
    exempt: number;
    contacted: number | null;
    resolved: number | null;
    satisfaction: string | null;
  };
}

type Db = Kysely<RequestTables> | Transaction<RequestTables>;

/** Filters of an order list; `unitId` matches the lead unit or a co-unit. */
export interface OrderFilter {
  ids?: number[];
  categories?: string[];
  /** Orders not in these statuses (Open311 `open` = not closed). */
  notStatus?: OrderStatus[];
  status?: OrderStatus[];
  leadUnitId?: number;
  unitId?: number;
  category?: string;
  area?: string;
  /** received_at in [from, to). */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/** One unit's follow-up counts for a month, aggregated in SQL (the denominator rule of scoring.ts). */
export interface UnitMonthCounts {
  unitId: number;
  /** Counted orders (a complaint, not exempt, reached in the month). */
  volume: number;
  contactedYes: number;
  contactedAnswered: number;
  resolvedYes: number;
  resolvedAnswered: number;
  satisfied: number;
  basicallySatisfied: number;
  dissatisfied: number;
  /** Left out: grid finds (by source) and exempted orders. */
  excludedSources: number;
  excludedExempt: number;
}

/** A ranking exemption as stored. */
export interface StoredExemption {
  unitId: number;
  month: string;
  reason: string;
  createdBy: number | null;
  createdAt: string;
}

/** A confirmed link between a request source (theme or category) and a plan task. */
export interface StoredTaskLink {
  sourceKey: string;
  taskId: number;
  score: number;
  confirmedBy: number;
  confirmedAt: string;
}

export interface RequestStore {
  readonly dialect: DialectName;
  /** Runs `fn` in one transaction (joins the current one when already inside). */
  transaction<T>(fn: (tx: RequestStore) => Promise<T>): Promise<T>;
  /** An id for a new order, reserved before receiveOrder builds it. */
  nextOrderId(): Promise<number>;
  /** Inserts a new order and its `received` event. */
  insertOrder(order: WorkOrder, event: OrderEvent): Promise<void>;
  /**
   * Takes a new order in, in one transaction: the submissions with `dedupeKey` since `since`,
   * a new id, `build(recent, id)` (receiveOrder; its refusal of a duplicate is thrown here),
   * then the order and its `received` event; resolves once committed. On a SQLite file the
   * intakes arriving together share one transaction, each under its own savepoint, with
   * statements prepared once (intake-queue.ts); inside a transaction it joins that one.
   */
  receiveNewOrder(request: IntakeRequest): Promise<WorkOrder>;
  /**
   * Appends `event` and writes `order` (version = previousVersion + 1) where the row still has
   * `previousVersion`. Throws CONFLICT when it does not (someone else acted first).
   */
  appendEvent(order: WorkOrder, event: OrderEvent, previousVersion: number): Promise<void>;
  findOrder(id: number): Promise<WorkOrder | undefined>;
  /** The order or NOT_FOUND. */
  getOrder(id: number): Promise<WorkOrder>;
  listEvents(orderId: number): Promise<OrderEvent[]>;
  /** Submissions received at or after `since` with this dedupe key. */
  listRecentSubmissions(dedupeKey: string, since: string): Promise<RecentSubmission[]>;
  listOrders(filter: OrderFilter): Promise<{ items: WorkOrder[]; total: number }>;
  /** Open orders with a missed sign, contact or finish deadline at `now`, oldest due first. */
  listOverdueCandidates(now: string, limit: number): Promise<WorkOrder[]>;
  listCatalogueVersions(): Promise<CatalogueVersion[]>;
  addCatalogueVersion(version: CatalogueVersion): Promise<void>;
  listScoringSchemes(): Promise<ScoringScheme[]>;
  addScoringScheme(scheme: ScoringScheme): Promise<void>;
  /** 三率 counts of every lead unit with a reached follow-up in `month` (YYYY-MM, Beijing). */
  countMonthlyFollowUps(month: string, excludedSources: string[]): Promise<UnitMonthCounts[]>;
  listExemptions(month: string): Promise<StoredExemption[]>;
  /**
   * Inserts an exemption without an audit event (fixtures, imports); CONFLICT when the unit is
   * already exempt that month. A user's addition goes through `addExemption(store, …, change)`.
   */
  addExemption(exemption: StoredExemption): Promise<void>;
  createTheme(topic: Omit<MonthlyTopic, 'id'>, userId: number | null, now: string): Promise<MonthlyTopic>;
  listThemes(): Promise<MonthlyTopic[]>;
  getTheme(id: number): Promise<MonthlyTopic>;
  updateTheme(topic: MonthlyTopic): Promise<void>;
  saveTaskLink(link: StoredTaskLink): Promise<void>;
  listTaskLinks(filter: { taskId?: number; sourceKey?: string }): Promise<StoredTaskLink[]>;
  saveModel(name: string, model: CategoryModel, trainedAt: string): Promise<void>;
  findModel(name: string): Promise<CategoryModel | undefined>;
  /** Order counts by category (and area) received in [from, to), for hotspots. */
  countOrdersByMonth(
    from: string,
    to: string,
  ): Promise<{ month: string; category: string; area: string; source: string; count: number }[]>;
}

const cache = new WeakMap<object, RequestStore>();

/**
 * The RequestStore on the same database as `store` (a KyselyStore from openStore). One per
 * store, kept for its lifetime.
 * @example const requests = openRequestStore(await openStore(':memory:'));
 */
export function openRequestStore(store: Store): RequestStore {
  let found = cache.get(store);
  if (found) return found;
  const handle = (store as unknown as { kysely?: unknown }).kysely;
  const dialect = (store as unknown as { dialect?: DialectName }).dialect;
  if (handle === undefined || dialect === undefined) {
    throw new AppError('INTERNAL', 'the requests store needs a KyselyStore (openStore)');
  }
  const database = findSqliteHandle(handle as object);
  const intake =
    database === undefined
      ? undefined
      : new SqliteIntakeQueue(handle as Kysely<RequestTables>, database, {
          order: (order) => ({ id: order.id, ...deriveOrderColumns(order) }),
          event: deriveEventRow,
        });
  found = new KyselyRequestStore(handle as Db, dialect, intake);
  cache.set(store, found);
  return found;
}

const json = (value: unknown): string => JSON.stringify(value);
const bool = (value: boolean | null): number | null => (value === null ? null : value ? 1 : 0);

/** The columns of an order's row (without `id`), as inserted and updated; the bulk loader's too. */
export function deriveOrderColumns(order: WorkOrder): Omit<RequestOrdersTable, 'id'> {
  return {
    source: order.source,
    category: order.category,
    area: order.location.area,
    status: order.status,
    lead_unit_id: order.leadUnitId,
    received_at: order.receivedAt,
    dedupe_key: order.dedupeKey,
    catalogue_version: order.catalogueVersion,
    sign_due: order.deadlines?.sign.due ?? null,
    contact_due: order.deadlines?.contact.due ?? null,
    finish_due: order.deadlines?.finish.due ?? null,
    signed_at: order.signedAt,
    contacted_at: order.contactedAt,
    replied_at: order.repliedAt,
    closed_at: order.closedAt,
    anonymous_to_public: order.privacy.anonymousToPublic ? 1 : 0,
    version: order.version,
    data: json(order),
  };
}

const BEIJING_MS = 8 * 3_600_000;
const monthOf = (instant: string): string =>
  new Date(Date.parse(instant) + BEIJING_MS).toISOString().slice(0, 7);

/** The 三率 rows of an order: the last reached follow-up of each Beijing month. */
export function deriveFollowUpRows(order: WorkOrder): RequestTables['request_follow_ups'][] {
  if (order.leadUnitId === null) return [];
  const byMonth = new Map<string, WorkOrder['followUps'][number]>();
  for (const f of order.followUps) if (f.reached) byMonth.set(monthOf(f.at), f);
  return [...byMonth].map(([month, f]) => ({
    order_id: order.id,
    month,
    lead_unit_id: order.leadUnitId as number,
    source: order.source,
    exempt: order.exemption ? 1 : 0,
    contacted: bool(f.contacted),
    resolved: bool(f.resolved),
    satisfaction: f.satisfaction,
  }));
}

function deriveEventRow(event: OrderEvent): Omit<RequestTables['request_events'], 'id'> {
  return {
    order_id: event.orderId,
    seq: event.seq,
    type: event.type,
    at: event.at,
    actor_user_id: event.actor.userId,
    data: json(event),
  };
}

class KyselyRequestStore implements RequestStore {
  constructor(
    private readonly db: Db,
    readonly dialect: DialectName,
    /** SQLite's group commit of intakes; only on the store outside any transaction. */
    private readonly intake?: SqliteIntakeQueue,
  ) {}

  async transaction<T>(fn: (tx: RequestStore) => Promise<T>): Promise<T> {
    if (this.db.isTransaction) return fn(this);
    return (this.db as Kysely<RequestTables>)
      .transaction()
      .execute((trx) => fn(new KyselyRequestStore(trx, this.dialect)));
  }

  async nextOrderId(): Promise<number> {
    if (this.dialect === 'postgres') {
      const { rows } = await sql<{ id: number }>`
        select nextval(pg_get_serial_sequence('request_orders', 'id'))::int as id`.execute(this.db);
      return Number(rows[0]?.id);
    }
    // SQLite: Kysely runs one transaction at a time on the one connection, so max + 1 is safe.
    const row = await this.db
      .selectFrom('request_orders')
      .select((eb) => eb.fn.max('id').as('max'))
      .executeTakeFirst();
    return Number(row?.max ?? 0) + 1;
  }

  async insertOrder(order: WorkOrder, event: OrderEvent): Promise<void> {
    await this.db
      .insertInto('request_orders')
      .values({ id: order.id, ...deriveOrderColumns(order) })
      .execute();
    await this.insertEvent(event);
  }

  async receiveNewOrder(request: IntakeRequest): Promise<WorkOrder> {
    if (this.intake !== undefined) return this.intake.add(request);
    return this.transaction(async (tx) => {
      if (this.dialect === 'postgres') {
        // Two equal submissions on two connections: the second waits here until the first
        // commits, then its probe sees the first's row and it is refused as a duplicate.
        await sql`select pg_advisory_xact_lock(hashtextextended(${request.dedupeKey}, 0))`.execute(
          (tx as KyselyRequestStore).db,
        );
      }
      const recent = await tx.listRecentSubmissions(request.dedupeKey, request.since);
      const id = await tx.nextOrderId();
      const { order, event } = request.build(recent, id);
      await tx.insertOrder(order, event);
      return order;
    });
  }

  private async insertEvent(event: OrderEvent): Promise<void> {
    try {
      await this.db.insertInto('request_events').values(deriveEventRow(event)).execute();
    } catch (error) {
      if (/unique|duplicate/i.test(String(error))) {
        throw new AppError('CONFLICT', `order ${event.orderId} was changed by someone else: reload it`);
      }
      throw error;
    }
  }

  async appendEvent(order: WorkOrder, event: OrderEvent, previousVersion: number): Promise<void> {
    await this.transaction(async (tx) =>
      (tx as KyselyRequestStore).appendInTransaction(order, event, previousVersion),
    );
  }

  private async appendInTransaction(order: WorkOrder, event: OrderEvent, previousVersion: number) {
    const result = await this.db
      .updateTable('request_orders')
      .set(deriveOrderColumns(order))
      .where('id', '=', order.id)
      .where('version', '=', previousVersion)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) {
      throw new AppError(
        'CONFLICT',
        `order ${order.id} was changed by someone else: reload it and try again`,
        [{ path: 'version', message: `expected version ${previousVersion}` }],
      );
    }
    await this.insertEvent(event);
    await this.db.deleteFrom('request_co_units').where('order_id', '=', order.id).execute();
    if (order.coUnits.length > 0) {
      await this.db
        .insertInto('request_co_units')
        .values(
          order.coUnits.map((co) => ({
            order_id: order.id,
            unit_id: co.unitId,
            finish_due: co.finish.due,
            reported_at: co.reportedAt,
          })),
        )
        .execute();
    }
    await this.db.deleteFrom('request_follow_ups').where('order_id', '=', order.id).execute();
    const rows = deriveFollowUpRows(order);
    if (rows.length > 0) await this.db.insertInto('request_follow_ups').values(rows).execute();
  }

  async findOrder(id: number): Promise<WorkOrder | undefined> {
    const row = await this.db
      .selectFrom('request_orders')
      .select('data')
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : (JSON.parse(row.data) as WorkOrder);
  }

  async getOrder(id: number): Promise<WorkOrder> {
    const order = await this.findOrder(id);
    if (order === undefined) throw new AppError('NOT_FOUND', `order ${id} not found`);
    return order;
  }

  async listEvents(orderId: number): Promise<OrderEvent[]> {
    const rows = await this.db
      .selectFrom('request_events')
      .select('data')
      .where('order_id', '=', orderId)
      .orderBy('seq')
      .execute();
    return rows.map((row) => JSON.parse(row.data) as OrderEvent);
  }

  async listRecentSubmissions(dedupeKey: string, since: string): Promise<RecentSubmission[]> {
    const rows = await this.db
      .selectFrom('request_orders')
      .select(['id', 'dedupe_key', 'received_at'])
      .where('dedupe_key', '=', dedupeKey)
      .where('received_at', '>=', since)
      .execute();
    return rows.map((row) => ({ orderId: row.id, dedupeKey: row.dedupe_key, receivedAt: row.received_at }));
  }

  async listOrders(filter: OrderFilter): Promise<{ items: WorkOrder[]; total: number }> {
    let query = this.db.selectFrom('request_orders');
    if (filter.ids !== undefined) query = query.where('id', 'in', filter.ids.length ? filter.ids : [-1]);
    if (filter.categories !== undefined) {
      query = query.where('category', 'in', filter.categories.length ? filter.categories : ['\u0000']);
    }
    if (filter.notStatus?.length) query = query.where('status', 'not in', filter.notStatus);
    if (filter.status?.length) query = query.where('status', 'in', filter.status);
    if (filter.leadUnitId !== undefined) query = query.where('lead_unit_id', '=', filter.leadUnitId);
    if (filter.unitId !== undefined) {
      const unitId = filter.unitId;
      query = query.where((eb) =>
        eb.or([
          eb('lead_unit_id', '=', unitId),
          eb('id', 'in', eb.selectFrom('request_co_units').select('order_id').where('unit_id', '=', unitId)),
        ]),
      );
    }
    if (filter.category !== undefined) query = query.where('category', '=', filter.category);
    if (filter.area !== undefined) query = query.where('area', '=', filter.area);
    if (filter.from !== undefined) query = query.where('received_at', '>=', filter.from);
    if (filter.to !== undefined) query = query.where('received_at', '<', filter.to);
    const total = await query.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
    const rows = await query
      .select('data')
      .orderBy('received_at', 'desc')
      .orderBy('id', 'desc')
      .limit(filter.limit)
      .offset(filter.offset)
      .execute();
    return { items: rows.map((row) => JSON.parse(row.data) as WorkOrder), total: Number(total?.n ?? 0) };
  }

  async listOverdueCandidates(now: string, limit: number): Promise<WorkOrder[]> {
    // Three index range scans (status, step_due), one per deadline, merged.
    const step = (
      due: 'sign_due' | 'contact_due' | 'finish_due',
      done: 'signed_at' | 'contacted_at' | 'replied_at',
    ) =>
      this.db
        .selectFrom('request_orders')
        .select(['id', due])
        // Literal, as in the partial indexes' predicate (migration create-request-overdue-indexes).
        .where(sql<boolean>`status in ('dispatched', 'signed', 'objecting', 'replied')`)
        .where(due, '<', now)
        .where(done, 'is', null)
        .orderBy(due)
        .limit(limit)
        .execute();
    const found = await Promise.all([
      step('sign_due', 'signed_at'),
      step('contact_due', 'contacted_at'),
      step('finish_due', 'replied_at'),
    ]);
    const ids = [...new Set(found.flat().map((row) => row.id))];
    if (ids.length === 0) return [];
    const rows = await this.db.selectFrom('request_orders').select('data').where('id', 'in', ids).execute();
    return rows.map((row) => JSON.parse(row.data) as WorkOrder);
  }

  async listCatalogueVersions(): Promise<CatalogueVersion[]> {
    const rows = await this.db
      .selectFrom('request_catalogue_versions')
      .selectAll()
      .orderBy('version')
      .execute();
    return rows.map((row) => ({
      version: row.version,
      effectiveFrom: row.effective_from,
      note: row.note,
      rows: JSON.parse(row.rows) as CatalogueVersion['rows'],
    }));
  }

  async addCatalogueVersion(version: CatalogueVersion): Promise<void> {
    try {
      await this.db
        .insertInto('request_catalogue_versions')
        .values({
          version: version.version,
          effective_from: version.effectiveFrom,
          note: version.note,
          rows: json(version.rows),
        })
        .execute();
    } catch (error) {
      if (/unique|duplicate/i.test(String(error))) {
        throw new AppError('CONFLICT', `catalogue version ${version.version} already exists`);
      }
      throw error;
    }
  }

  async listScoringSchemes(): Promise<ScoringScheme[]> {
    const rows = await this.db.selectFrom('request_scoring_schemes').selectAll().orderBy('version').execute();
    // Schemes stored before the minimum volume was versioned read with the minimum of then (10).
    return rows.map((row) => normalizeScoringScheme(JSON.parse(row.scheme) as StoredScoringScheme));
  }

  async addScoringScheme(scheme: ScoringScheme): Promise<void> {
    await this.db
      .insertInto('request_scoring_schemes')
      .values({ version: scheme.version, effective_from: scheme.effectiveFrom, scheme: json(scheme) })
      .execute();
  }

  async countMonthlyFollowUps(month: string, excludedSources: string[]): Promise<UnitMonthCounts[]> {
    const excluded = excludedSources.length ? excludedSources : ['\u0000'];
    const counted = sql<boolean>`exempt = 0 and source not in (${sql.join(excluded)})`;
    const sum = (condition: ReturnType<typeof sql>) =>
      sql<number>`sum(case when ${counted} and ${condition} then 1 else 0 end)`;
    const rows = await this.db
      .selectFrom('request_follow_ups')
      .where('month', '=', month)
      .groupBy('lead_unit_id')
      .select([
        'lead_unit_id',
        sum(sql`1 = 1`).as('volume'),
        sum(sql`contacted = 1`).as('contacted_yes'),
        sum(sql`contacted is not null`).as('contacted_answered'),
        sum(sql`resolved = 1`).as('resolved_yes'),
        sum(sql`resolved is not null`).as('resolved_answered'),
        sum(sql`satisfaction = '满意'`).as('satisfied'),
        sum(sql`satisfaction = '基本满意'`).as('basically'),
        sum(sql`satisfaction = '不满意'`).as('dissatisfied'),
        sql<number>`sum(case when source in (${sql.join(excluded)}) then 1 else 0 end)`.as(
          'excluded_sources',
        ),
        sql<number>`sum(case when exempt = 1 and source not in (${sql.join(excluded)}) then 1 else 0 end)`.as(
          'excluded_exempt',
        ),
      ])
      .orderBy('lead_unit_id')
      .execute();
    return rows.map((row) => ({
      unitId: row.lead_unit_id,
      volume: Number(row.volume),
      contactedYes: Number(row.contacted_yes),
      contactedAnswered: Number(row.contacted_answered),
      resolvedYes: Number(row.resolved_yes),
      resolvedAnswered: Number(row.resolved_answered),
      satisfied: Number(row.satisfied),
      basicallySatisfied: Number(row.basically),
      dissatisfied: Number(row.dissatisfied),
      excludedSources: Number(row.excluded_sources),
      excludedExempt: Number(row.excluded_exempt),
    }));
  }

  async listExemptions(month: string): Promise<StoredExemption[]> {
    const rows = await this.db
      .selectFrom('request_exemptions')
      .selectAll()
      .where('month', '=', month)
      .execute();
    return rows.map((row) => ({
      unitId: row.unit_id,
      month: row.month,
      reason: row.reason,
      createdBy: row.created_by,
      createdAt: row.created_at,
    }));
  }

  async addExemption(e: StoredExemption): Promise<void> {
    try {
      await this.db
        .insertInto('request_exemptions')
        .values({
          unit_id: e.unitId,
          month: e.month,
          reason: e.reason,
          created_by: e.createdBy,
          created_at: e.createdAt,
        })
        .execute();
    } catch (error) {
      if (/unique|duplicate/i.test(String(error))) {
        throw new AppError('CONFLICT', `unit ${e.unitId} is already exempt in ${e.month}`);
      }
      throw error;
    }
  }

  async createTheme(
    topic: Omit<MonthlyTopic, 'id'>,
    userId: number | null,
    now: string,
  ): Promise<MonthlyTopic> {
    const row = await this.db
      .insertInto('request_themes')
      .values({
        month: topic.month,
        lead_unit_id: topic.leadUnitId,
        data: '{}',
        created_by: userId,
        created_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const theme: MonthlyTopic = { ...topic, id: row.id };
    await this.db
      .updateTable('request_themes')
      .set({ data: json(theme) })
      .where('id', '=', row.id)
      .execute();
    return theme;
  }

  async listThemes(): Promise<MonthlyTopic[]> {
    const rows = await this.db
      .selectFrom('request_themes')
      .select('data')
      .orderBy('month', 'desc')
      .orderBy('id')
      .execute();
    return rows.map((row) => JSON.parse(row.data) as MonthlyTopic);
  }

  async getTheme(id: number): Promise<MonthlyTopic> {
    const row = await this.db
      .selectFrom('request_themes')
      .select('data')
      .where('id', '=', id)
      .executeTakeFirst();
    if (row === undefined) throw new AppError('NOT_FOUND', `theme ${id} not found`);
    return JSON.parse(row.data) as MonthlyTopic;
  }

  async updateTheme(topic: MonthlyTopic): Promise<void> {
    await this.db
      .updateTable('request_themes')
      .set({ data: json(topic), month: topic.month, lead_unit_id: topic.leadUnitId })
      .where('id', '=', topic.id)
      .execute();
  }

  async saveTaskLink(link: StoredTaskLink): Promise<void> {
    await this.db
      .insertInto('request_task_links')
      .values({
        source_key: link.sourceKey,
        task_id: link.taskId,
        score: link.score,
        confirmed_by: link.confirmedBy,
        confirmed_at: link.confirmedAt,
      })
      .onConflict((oc) =>
        oc.columns(['source_key', 'task_id']).doUpdateSet({
          score: link.score,
          confirmed_by: link.confirmedBy,
          confirmed_at: link.confirmedAt,
        }),
      )
      .execute();
  }

  async listTaskLinks(filter: { taskId?: number; sourceKey?: string }): Promise<StoredTaskLink[]> {
    let query = this.db.selectFrom('request_task_links').selectAll();
    if (filter.taskId !== undefined) query = query.where('task_id', '=', filter.taskId);
    if (filter.sourceKey !== undefined) query = query.where('source_key', '=', filter.sourceKey);
    const rows = await query.orderBy('source_key').orderBy('task_id').execute();
    return rows.map((row) => ({
      sourceKey: row.source_key,
      taskId: row.task_id,
      score: Number(row.score),
      confirmedBy: row.confirmed_by,
      confirmedAt: row.confirmed_at,
    }));
  }

  async saveModel(name: string, model: CategoryModel, trainedAt: string): Promise<void> {
    await this.db
      .insertInto('request_models')
      .values({ name, trained_at: trainedAt, model: json(model) })
      .onConflict((oc) => oc.column('name').doUpdateSet({ trained_at: trainedAt, model: json(model) }))
      .execute();
  }

  async findModel(name: string): Promise<CategoryModel | undefined> {
    const row = await this.db
      .selectFrom('request_models')
      .select('model')
      .where('name', '=', name)
      .executeTakeFirst();
    return row === undefined ? undefined : (JSON.parse(row.model) as CategoryModel);
  }

  async countOrdersByMonth(from: string, to: string) {
    // Beijing month of received_at: ISO text + 8 hours, computed per dialect.
    const month =
      this.dialect === 'postgres'
        ? sql<string>`to_char((received_at::timestamptz at time zone 'Asia/Shanghai'), 'YYYY-MM')`
        : sql<string>`strftime('%Y-%m', received_at, '+8 hours')`;
    const rows = await this.db
      .selectFrom('request_orders')
      .where('received_at', '>=', from)
      .where('received_at', '<', to)
      .select([month.as('month'), 'category', 'area', 'source', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy([month, 'category', 'area', 'source'])
      .execute();
    return rows.map((row) => ({ ...row, count: Number(row.count) }));
  }
}

// ---- administration of 接诉即办 (issue 7): exemptions, loaded holiday tables, their audit ----

/** A year's official holiday arrangement as loaded, in chinese-days' JSON shape (date → name). */
export interface StoredHolidayTable {
  year: number;
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  /** Where the dates came from, as the centre wrote it (the notice, a file name). */
  source: string;
  loadedBy: number | null;
  loadedAt: string;
}

/** Who changes a requests setting and when, for its audit event. */
export interface RequestsAdminChange {
  userId: number;
  role: string;
  at: string;
  reason?: string | null;
}

/** An audit event of the requests settings (plan_id null), newest first in lists. */
export interface RequestsAdminEvent {
  id: number;
  at: string;
  actorUserId: number | null;
  actorRole: string | null;
  entityType: string;
  entityId: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
}

interface RequestsAdminTables {
  request_exemptions: RequestTables['request_exemptions'];
  request_holiday_tables: {
    year: number;
    data: string;
    source: string;
    loaded_by: number | null;
    loaded_at: string;
  };
  audit_events: AuditEventsTable;
}

type AdminDb = Kysely<RequestsAdminTables> | Transaction<RequestsAdminTables>;

function adminDb(store: Store): Kysely<RequestsAdminTables> {
  const handle = (store as unknown as { kysely?: unknown }).kysely;
  if (handle === undefined)
    throw new AppError('INTERNAL', 'the requests store needs a KyselyStore (openStore)');
  return handle as Kysely<RequestsAdminTables>;
}

async function insertAdminEvent(
  db: AdminDb,
  change: RequestsAdminChange,
  entity: { type: string; id: string },
  action: string,
  before: object | null,
  after: object | null,
): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      plan_id: null,
      at: change.at,
      actor_user_id: change.userId,
      actor_role: change.role,
      entity_type: entity.type,
      entity_id: entity.id,
      subject_type: null,
      subject_id: null,
      action,
      before: before === null ? null : json(before),
      after: after === null ? null : json(after),
      reason: change.reason ?? null,
    })
    .execute();
}

const toExemption = (row: RequestTables['request_exemptions']): StoredExemption => ({
  unitId: row.unit_id,
  month: row.month,
  reason: row.reason,
  createdBy: row.created_by,
  createdAt: row.created_at,
});

/** Ranking exemptions of the months in [from, to] (either end open), newest month first. */
export async function listExemptionsBetween(
  store: Store,
  range: { from?: string; to?: string } = {},
): Promise<StoredExemption[]> {
  let query = adminDb(store).selectFrom('request_exemptions').selectAll();
  if (range.from !== undefined) query = query.where('month', '>=', range.from);
  if (range.to !== undefined) query = query.where('month', '<=', range.to);
  const rows = await query.orderBy('month', 'desc').orderBy('unit_id').execute();
  return rows.map(toExemption);
}

/**
 * Exempts a unit from a month's ranking and records who did (audit event
 * `request_exemption.add` with the new exemption as `after` and its reason as the event's
 * reason), in one transaction. CONFLICT when the unit is already exempt that month.
 */
export async function addExemption(
  store: Store,
  exemption: { unitId: number; month: string; reason: string },
  change: RequestsAdminChange,
): Promise<StoredExemption> {
  const added: StoredExemption = { ...exemption, createdBy: change.userId, createdAt: change.at };
  const conflict = () => new AppError('CONFLICT', `unit ${added.unitId} is already exempt in ${added.month}`);
  try {
    return await adminDb(store)
      .transaction()
      .execute(async (trx) => {
        const existing = await trx
          .selectFrom('request_exemptions')
          .select('unit_id')
          .where('unit_id', '=', added.unitId)
          .where('month', '=', added.month)
          .executeTakeFirst();
        if (existing !== undefined) throw conflict();
        await trx
          .insertInto('request_exemptions')
          .values({
            unit_id: added.unitId,
            month: added.month,
            reason: added.reason,
            created_by: added.createdBy,
            created_at: added.createdAt,
          })
          .execute();
        await insertAdminEvent(
          trx,
          { ...change, reason: added.reason },
          { type: 'request_exemption', id: `${added.unitId}@${added.month}` },
          'request_exemption.add',
          null,
          added,
        );
        return added;
      });
  } catch (error) {
    // Two additions at once: the primary key (unit_id, month) refuses the second.
    if (!(error instanceof AppError) && /unique|duplicate/i.test(String(error))) throw conflict();
    throw error;
  }
}

/**
 * Removes a unit's exemption for a month and records who removed it (audit event
 * `request_exemption.delete` with the exemption as it was), in one transaction. Returns the
 * removed exemption; NOT_FOUND when there is none.
 */
export async function removeExemption(
  store: Store,
  unitId: number,
  month: string,
  change: RequestsAdminChange,
): Promise<StoredExemption> {
  return adminDb(store)
    .transaction()
    .execute(async (trx) => {
      const row = await trx
        .selectFrom('request_exemptions')
        .selectAll()
        .where('unit_id', '=', unitId)
        .where('month', '=', month)
        .executeTakeFirst();
      if (row === undefined) throw new AppError('NOT_FOUND', `unit ${unitId} has no exemption in ${month}`);
      await trx
        .deleteFrom('request_exemptions')
        .where('unit_id', '=', unitId)
        .where('month', '=', month)
        .execute();
      const removed = toExemption(row);
      await insertAdminEvent(
        trx,
        change,
        { type: 'request_exemption', id: `${unitId}@${month}` },
        'request_exemption.delete',
        removed,
        null,
      );
      return removed;
    });
}

/** The audit events of one kind of requests setting, newest first. */
export async function listRequestsAdminEvents(
  store: Store,
  entityType: 'request_exemption' | 'request_holiday_table',
  limit = 100,
): Promise<RequestsAdminEvent[]> {
  const rows = await adminDb(store)
    .selectFrom('audit_events')
    .selectAll()
    .where('plan_id', 'is', null)
    .where('entity_type', '=', entityType)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
  return rows.map((row) => ({
    id: Number(row.id),
    at: row.at,
    actorUserId: row.actor_user_id,
    actorRole: row.actor_role,
    entityType: row.entity_type,
    entityId: row.entity_id,
    action: row.action,
    before: row.before === null ? null : (JSON.parse(row.before) as Record<string, unknown>),
    after: row.after === null ? null : (JSON.parse(row.after) as Record<string, unknown>),
    reason: row.reason,
  }));
}

const toHolidayTable = (row: RequestsAdminTables['request_holiday_tables']): StoredHolidayTable => {
  const data = JSON.parse(row.data) as Pick<StoredHolidayTable, 'holidays' | 'workdays'>;
  return {
    year: row.year,
    holidays: data.holidays,
    workdays: data.workdays,
    source: row.source,
    loadedBy: row.loaded_by,
    loadedAt: row.loaded_at,
  };
};

/** The loaded holiday tables, by year. */
export async function listHolidayTables(store: Store): Promise<StoredHolidayTable[]> {
  const rows = await adminDb(store)
    .selectFrom('request_holiday_tables')
    .selectAll()
    .orderBy('year')
    .execute();
  return rows.map(toHolidayTable);
}

/**
 * Loads (or replaces) a year's holiday table and records it (audit event
 * `request_holiday_table.load`, the previous table as `before`), in one transaction.
 */
export async function saveHolidayTable(
  store: Store,
  table: Pick<StoredHolidayTable, 'year' | 'holidays' | 'workdays' | 'source'>,
  change: RequestsAdminChange,
): Promise<StoredHolidayTable> {
  const row = {
    year: table.year,
    data: json({ holidays: table.holidays, workdays: table.workdays }),
    source: table.source,
    loaded_by: change.userId,
    loaded_at: change.at,
  };
  return adminDb(store)
    .transaction()
    .execute(async (trx) => {
      const previous = await trx
        .selectFrom('request_holiday_tables')
        .selectAll()
        .where('year', '=', table.year)
        .executeTakeFirst();
      await trx
        .insertInto('request_holiday_tables')
        .values(row)
        .onConflict((oc) =>
          oc.column('year').doUpdateSet({
            data: row.data,
            source: row.source,
            loaded_by: row.loaded_by,
            loaded_at: row.loaded_at,
          }),
        )
        .execute();
      const saved = toHolidayTable(row);
      await insertAdminEvent(
        trx,
        change,
        { type: 'request_holiday_table', id: String(table.year) },
        'request_holiday_table.load',
        previous === undefined ? null : toHolidayTable(previous),
        saved,
      );
      return saved;
    });
}

/**
 * Removes a loaded year (the package's data or the weekend rule apply again) and records who
 * did (audit event `request_holiday_table.delete`). NOT_FOUND when the year was not loaded.
 */
export async function removeHolidayTable(
  store: Store,
  year: number,
  change: RequestsAdminChange,
): Promise<StoredHolidayTable> {
  return adminDb(store)
    .transaction()
    .execute(async (trx) => {
      const row = await trx
        .selectFrom('request_holiday_tables')
        .selectAll()
        .where('year', '=', year)
        .executeTakeFirst();
      if (row === undefined) throw new AppError('NOT_FOUND', `no holiday table loaded for ${year}`);
      await trx.deleteFrom('request_holiday_tables').where('year', '=', year).execute();
      const removed = toHolidayTable(row);
      await insertAdminEvent(
        trx,
        change,
        { type: 'request_holiday_table', id: String(year) },
        'request_holiday_table.delete',
        removed,
        null,
      );
      return removed;
    });
}
