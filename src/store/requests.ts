/**
 * Work orders of citizens' requests (接诉即办, issue 7): the orders and their append-only
 * events, co-units, and the per-month follow-up rows 三率 are aggregated from in SQL.
 * JSON columns hold the domain's own shapes (src/requests/types.ts). Writes on an order are
 * optimistic: the row is updated only where `version` is the old one, and zero rows updated is
 * CONFLICT (someone else acted first).
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { AppError } from '../errors.js';
import type { RecentSubmission, UnitCalls, UnitMonthCounts } from '../requests/index.js';
import type { OrderEvent, OrderStatus, WorkOrder } from '../requests/types.js';
import type { DialectName } from './connect.js';
import { ensureRequestPartitions } from './request-partitions.js';
import type { SqliteIntakeQueue, IntakeRequest } from './intake-queue.js';
import { CHUNK, conflictOnUnique, inTransaction, readPage } from './rows.js';
import type {
  Database,
  Db,
  RequestEventsTable,
  RequestFollowUpsTable,
  RequestOrdersTable,
} from './schema.js';
import type { Page } from './types.js';

export type { UnitMonthCounts } from '../requests/index.js';

/** Filters of an order list; `unitId` matches the lead unit or a co-unit. */
export interface OrderFilter {
  /** Orders of these jurisdictions only (every order when absent). */
  jurisdictionIds?: readonly number[];
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
  /**
   * Orders not closed by this instant: open now, or closed after it (a past queue's candidates;
   * the rule of src/requests/as-of.ts `changedSince`).
   */
  openAt?: string;
  /** Orders waiting for a checker (issue 20). */
  pendingCheck?: boolean;
  limit: number;
  offset: number;
}

const json = (value: unknown): string => JSON.stringify(value);
const bool = (value: boolean | null): number | null => (value === null ? null : value ? 1 : 0);

/** The jurisdiction an order belongs to; INTERNAL for an order made without one (a bug). */
export function ownerOfOrder(order: Pick<WorkOrder, 'id' | 'jurisdictionId'>): number {
  if (order.jurisdictionId === undefined)
    throw new AppError('INTERNAL', `order ${order.id} has no jurisdiction`);
  return order.jurisdictionId;
}

/** The columns of an order's row (without `id`), as inserted and updated; the bulk loader's too. */
export function deriveOrderColumns(order: WorkOrder): Omit<RequestOrdersTable, 'id'> {
  return {
    jurisdiction_id: ownerOfOrder(order),
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
    pending_check: order.pendingCheck?.reason ?? null,
    direct_unit_id: order.directAnswer?.unitId ?? null,
  };
}

const BEIJING_MS = 8 * 3_600_000;
const monthOf = (instant: string): string =>
  new Date(Date.parse(instant) + BEIJING_MS).toISOString().slice(0, 7);

/** The 三率 rows of an order: the last reached follow-up of each Beijing month. */
export function deriveFollowUpRows(order: WorkOrder): RequestFollowUpsTable[] {
  if (order.leadUnitId === null) return [];
  const byMonth = new Map<string, WorkOrder['followUps'][number]>();
  for (const f of order.followUps) if (f.reached) byMonth.set(monthOf(f.at), f);
  const jurisdictionId = ownerOfOrder(order);
  return [...byMonth].map(([month, f]) => ({
    jurisdiction_id: jurisdictionId,
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

/** An event's row: it belongs to its order's jurisdiction. */
export function deriveEventRow(
  event: OrderEvent,
  order: Pick<WorkOrder, 'id' | 'jurisdictionId' | 'receivedAt'>,
): Omit<RequestEventsTable, 'id'> {
  return {
    jurisdiction_id: ownerOfOrder(order),
    order_id: event.orderId,
    seq: event.seq,
    type: event.type,
    at: event.at,
    actor_user_id: event.actor.userId,
    data: json(event),
    received_at: order.receivedAt,
  };
}

/** An order from its row: the JSON, with the row's jurisdiction (orders taken before issue 16 lack it in their JSON). */
function toOrder(row: { data: string; jurisdiction_id: number }): WorkOrder {
  return { ...(JSON.parse(row.data) as WorkOrder), jurisdictionId: row.jurisdiction_id };
}

export class RequestRepository {
  constructor(
    private readonly db: Db,
    readonly dialect: DialectName,
    /** SQLite's group commit of intakes; only on the store outside any transaction. */
    private readonly intake?: SqliteIntakeQueue,
  ) {}

  /**
   * On PostgreSQL, the monthly partitions of orders and events from `now`'s month to `ahead`
   * after it (3), and of any month whose orders wait in DEFAULT (request-partitions.ts); the
   * months made.
   */
  async ensurePartitions(now: Date, ahead?: number): Promise<string[]> {
    return ensureRequestPartitions(this.db as Kysely<Database>, this.dialect, now, ahead);
  }

  /** An id for a new order, reserved before receiveOrder builds it. */
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

  /** Inserts a new order and its `received` event. */
  async insertOrder(order: WorkOrder, event: OrderEvent): Promise<void> {
    await this.db
      .insertInto('request_orders')
      .values({ id: order.id, ...deriveOrderColumns(order) })
      .execute();
    await this.insertEvent(event, order);
  }

  /**
   * Takes a new order in, in one transaction: the submissions to its jurisdiction with
   * `dedupeKey` since `since`,
   * a new id, `build(recent, id)` (receiveOrder; its refusal of a duplicate is thrown here),
   * then the order and its `received` event, and `then`'s step when there is one; resolves once
   * committed. On a SQLite file the
   * intakes arriving together share one transaction, each under its own savepoint, with
   * statements prepared once (intake-queue.ts); inside a transaction it joins that one.
   */
  async receiveNewOrder(request: IntakeRequest): Promise<WorkOrder> {
    if (this.intake !== undefined && request.then === undefined) return this.intake.add(request);
    return inTransaction(this.db, async (trx) => {
      const tx = new RequestRepository(trx, this.dialect);
      if (this.dialect === 'postgres') {
        // Two equal submissions on two connections: the second waits here until the first
        // commits, then its probe sees the first's row and it is refused as a duplicate.
        const key = `${request.jurisdictionId}|${request.dedupeKey}`;
        await sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`.execute(trx);
      }
      const recent = await tx.listRecentSubmissions(request.jurisdictionId, request.dedupeKey, request.since);
      const id = await tx.nextOrderId();
      const { order, event } = request.build(recent, id);
      await tx.insertOrder(order, event);
      // The step after intake (the dispatch) commits with it, or neither does (issue 12.8).
      const next = request.then?.(order);
      if (next === undefined) return order;
      await tx.appendInTransaction(next.order, next.event, order.version);
      return next.order;
    });
  }

  private async insertEvent(event: OrderEvent, order: WorkOrder): Promise<void> {
    try {
      await this.db.insertInto('request_events').values(deriveEventRow(event, order)).execute();
    } catch (error) {
      throw conflictOnUnique(error, `order ${event.orderId} was changed by someone else: reload it`);
    }
  }

  /**
   * Appends `event` and writes `order` (version = previousVersion + 1) where the row still has
   * `previousVersion`, with its co-units and 三率 rows, in one transaction (the caller's, if any).
   * Throws CONFLICT when it does not (someone else acted first).
   */
  async appendEvent(order: WorkOrder, event: OrderEvent, previousVersion: number): Promise<void> {
    await inTransaction(this.db, (trx) =>
      new RequestRepository(trx, this.dialect).appendInTransaction(order, event, previousVersion),
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
    await this.insertEvent(event, order);
    await this.db.deleteFrom('request_co_units').where('order_id', '=', order.id).execute();
    if (order.coUnits.length > 0) {
      await this.db
        .insertInto('request_co_units')
        .values(
          order.coUnits.map((co) => ({
            jurisdiction_id: ownerOfOrder(order),
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
      .select(['data', 'jurisdiction_id'])
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : toOrder(row);
  }

  /** The order or NOT_FOUND. */
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

  /** The events of each of `orderIds` in order, read in chunks (a past queue's replays). */
  async listEventsOf(orderIds: readonly number[]): Promise<Map<number, OrderEvent[]>> {
    const out = new Map<number, OrderEvent[]>(orderIds.map((id) => [id, []]));
    for (let i = 0; i < orderIds.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom('request_events')
        .select(['order_id', 'data'])
        .where('order_id', 'in', orderIds.slice(i, i + CHUNK))
        .orderBy('order_id')
        .orderBy('seq')
        .execute();
      for (const row of rows) out.get(row.order_id)?.push(JSON.parse(row.data) as OrderEvent);
    }
    return out;
  }

  /** Submissions to `jurisdictionId` received at or after `since` with this dedupe key. */
  async listRecentSubmissions(
    jurisdictionId: number,
    dedupeKey: string,
    since: string,
  ): Promise<RecentSubmission[]> {
    const rows = await this.db
      .selectFrom('request_orders')
      .select(['id', 'dedupe_key', 'received_at'])
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('dedupe_key', '=', dedupeKey)
      .where('received_at', '>=', since)
      .execute();
    return rows.map((row) => ({ orderId: row.id, dedupeKey: row.dedupe_key, receivedAt: row.received_at }));
  }

  async listOrders(filter: OrderFilter): Promise<Page<WorkOrder>> {
    let query = this.db.selectFrom('request_orders');
    if (filter.jurisdictionIds !== undefined)
      query = query.where('jurisdiction_id', 'in', [...filter.jurisdictionIds, -1]);
    if (filter.ids !== undefined) query = query.where('id', 'in', filter.ids.length ? filter.ids : [-1]);
    if (filter.categories !== undefined) {
      query = query.where('category', 'in', filter.categories.length ? filter.categories : ['\u0000']);
    }
    if (filter.notStatus?.length) query = query.where('status', 'not in', filter.notStatus);
    if (filter.status?.length) query = query.where('status', 'in', filter.status);
    if (filter.leadUnitId !== undefined) query = query.where('lead_unit_id', '=', filter.leadUnitId);
    if (filter.pendingCheck) query = query.where('pending_check', 'is not', null);
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
    if (filter.openAt !== undefined) {
      const at = filter.openAt;
      query = query.where((eb) =>
        eb.or([eb('status', '!=', 'closed'), eb('closed_at', 'is', null), eb('closed_at', '>', at)]),
      );
    }
    // The caller's limit as it is: training the category model reads 20,000 orders at once.
    return readPage(
      query,
      filter,
      (q) => q.select(['data', 'jurisdiction_id']).orderBy('received_at', 'desc').orderBy('id', 'desc'),
      (rows) => rows.map(toOrder),
      Number.MAX_SAFE_INTEGER,
    );
  }

  /** Open orders of a jurisdiction with a missed sign, contact or finish deadline at `now`, oldest due first. */
  async listOverdueCandidates(jurisdictionId: number, now: string, limit: number): Promise<WorkOrder[]> {
    // Three index range scans (status, step_due), one per deadline, merged.
    const step = (
      due: 'sign_due' | 'contact_due' | 'finish_due',
      done: 'signed_at' | 'contacted_at' | 'replied_at',
    ) =>
      this.db
        .selectFrom('request_orders')
        .select(['id', 'received_at', due])
        // Literal, as in the partial indexes' predicate (migration create-request-overdue-indexes).
        .where(sql<boolean>`status in ('dispatched', 'signed', 'objecting', 'replied')`)
        .where('jurisdiction_id', '=', jurisdictionId)
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
    // With their received_at, PostgreSQL reads only the months they came in (its partitions).
    const receivedAts = [...new Set(found.flat().map((row) => row.received_at))];
    const rows = await this.db
      .selectFrom('request_orders')
      .select(['data', 'jurisdiction_id'])
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('id', 'in', ids)
      .where('received_at', 'in', receivedAts)
      .execute();
    return rows.map(toOrder);
  }

  /**
   * Open orders whose lead unit's finish deadline falls in (from, to] and that it has not
   * answered, soonest first (issue 20: 临期 notices).
   */
  async listFinishDueBetween(from: string, to: string, limit: number): Promise<WorkOrder[]> {
    const rows = await this.db
      .selectFrom('request_orders')
      .select(['data', 'jurisdiction_id'])
      .where(sql<boolean>`status in ('dispatched', 'signed', 'objecting', 'replied')`)
      .where('finish_due', '>', from)
      .where('finish_due', '<=', to)
      .where('replied_at', 'is', null)
      .orderBy('finish_due')
      .limit(limit)
      .execute();
    return rows.map(toOrder);
  }

  /**
   * Calls received in [from, to) per unit (issue 20): closed on the spot from the unit's
   * knowledge entries with no unit (direct), and held by the unit as lead (dispatched); sources
   * in `excludedSources` left out. The same as the domain's countUnitCalls, summed in SQL.
   */
  async countUnitCalls(
    jurisdictionId: number,
    from: string,
    to: string,
    excludedSources: string[],
  ): Promise<UnitCalls[]> {
    const excluded = excludedSources.length ? excludedSources : ['\u0000'];
    const base = this.db
      .selectFrom('request_orders')
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('received_at', '>=', from)
      .where('received_at', '<', to)
      .where('source', 'not in', excluded);
    const [direct, dispatched] = await Promise.all([
      base
        .where('lead_unit_id', 'is', null)
        .where('status', '=', 'closed')
        .where('direct_unit_id', 'is not', null)
        .groupBy('direct_unit_id')
        .select(['direct_unit_id as unit_id', sql<number>`count(*)`.as('n')])
        .execute(),
      base
        .where('lead_unit_id', 'is not', null)
        .groupBy('lead_unit_id')
        .select(['lead_unit_id as unit_id', sql<number>`count(*)`.as('n')])
        .execute(),
    ]);
    const calls = new Map<number, UnitCalls>();
    const of = (unitId: number) => {
      let c = calls.get(unitId);
      if (!c) calls.set(unitId, (c = { unitId, direct: 0, dispatched: 0 }));
      return c;
    };
    for (const row of direct) if (row.unit_id !== null) of(row.unit_id).direct = Number(row.n);
    for (const row of dispatched) if (row.unit_id !== null) of(row.unit_id).dispatched = Number(row.n);
    return [...calls.values()].sort((a, b) => a.unitId - b.unitId);
  }

  /** 三率 counts of every lead unit of a jurisdiction with a reached follow-up in `month` (YYYY-MM, Beijing). */
  async countMonthlyFollowUps(
    jurisdictionId: number,
    month: string,
    excludedSources: string[],
  ): Promise<UnitMonthCounts[]> {
    return (
      (await this.countMonthlyFollowUpsOf([jurisdictionId], month, excludedSources)).get(jurisdictionId) ?? []
    );
  }

  /**
   * `countMonthlyFollowUps` of several jurisdictions (a city's districts) in one read: each
   * page of the month's rows is read once, not once for every district with a row on it.
   */
  async countMonthlyFollowUpsOf(
    jurisdictionIds: readonly number[],
    month: string,
    excludedSources: string[],
  ): Promise<Map<number, UnitMonthCounts[]>> {
    const answer = new Map<number, UnitMonthCounts[]>();
    if (jurisdictionIds.length === 0) return answer;
    const excluded = excludedSources.length ? excludedSources : ['\u0000'];
    const counted = sql<boolean>`exempt = 0 and source not in (${sql.join(excluded)})`;
    const sum = (condition: ReturnType<typeof sql>) =>
      sql<number>`sum(case when ${counted} and ${condition} then 1 else 0 end)`;
    const rows = await this.db
      .selectFrom('request_follow_ups')
      .where('jurisdiction_id', 'in', [...jurisdictionIds])
      .where('month', '=', month)
      .groupBy(['jurisdiction_id', 'lead_unit_id'])
      .select([
        'jurisdiction_id',
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
      .orderBy('jurisdiction_id')
      .orderBy('lead_unit_id')
      .execute();
    for (const row of rows) {
      const counts = answer.get(row.jurisdiction_id) ?? [];
      counts.push({
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
      });
      answer.set(row.jurisdiction_id, counts);
    }
    return answer;
  }

  /** Order counts of a jurisdiction by category (and area) received in [from, to), for hotspots. */
  async countOrdersByMonth(jurisdictionId: number, from: string, to: string) {
    // Beijing month of received_at: ISO text + 8 hours, computed per dialect.
    const month =
      this.dialect === 'postgres'
        ? sql<string>`to_char((received_at::timestamptz at time zone 'Asia/Shanghai'), 'YYYY-MM')`
        : sql<string>`strftime('%Y-%m', received_at, '+8 hours')`;
    const rows = await this.db
      .selectFrom('request_orders')
      .where('jurisdiction_id', '=', jurisdictionId)
      .where('received_at', '>=', from)
      .where('received_at', '<', to)
      .select([month.as('month'), 'category', 'area', 'source', (eb) => eb.fn.countAll<number>().as('count')])
      .groupBy([month, 'category', 'area', 'source'])
      .execute();
    return rows.map((row) => ({ ...row, count: Number(row.count) }));
  }

  /** Ids of the orders unit `unitId` leads or co-handles, in id order. */
  async listOrderIdsOfUnit(unitId: number): Promise<number[]> {
    const led = await this.db
      .selectFrom('request_orders')
      .select('id')
      .where('lead_unit_id', '=', unitId)
      .execute();
    const helped = await this.db
      .selectFrom('request_co_units')
      .select('order_id as id')
      .where('unit_id', '=', unitId)
      .execute();
    return [...new Set([...led, ...helped].map((row) => Number(row.id)))].sort((a, b) => a - b);
  }

  /** Follow-up rows still naming unit `from` (none expected after the orders moved): to `into`. */
  async moveFollowUps(from: number, into: number): Promise<void> {
    await this.db
      .updateTable('request_follow_ups')
      .set({ lead_unit_id: into })
      .where('lead_unit_id', '=', from)
      .execute();
  }
}
