/**
 * 企业诉求 (issue 17): requests enterprises make through their 服务管家, kept like 接诉即办 work
 * orders — the whole request as the domain's JSON beside the columns lists filter on, every
 * event in order, the version the count of events.
 */
import type { Selectable } from 'kysely';
import type { EnterpriseRequestEvent } from '../projects/enterprise-requests.js';
import type { EnterpriseRequest, EnterpriseRequestStatus } from '../projects/types.js';
import { DEFAULT_JURISDICTION_ID, notFound } from './rows.js';
import type { Db, EnterpriseRequestsTable } from './schema.js';

export interface EnterpriseRequestFilter {
  enterpriseIds?: readonly number[] | undefined;
  status?: EnterpriseRequestStatus | undefined;
  /** Held by one of these units. */
  unitIds?: readonly number[] | undefined;
  butler?: string | undefined;
  /** Received in this (UTC) range, ISO instants. */
  receivedFrom?: string | undefined;
  receivedBefore?: string | undefined;
}

function toRequest(row: Selectable<EnterpriseRequestsTable>): EnterpriseRequest {
  return { ...(JSON.parse(row.data) as EnterpriseRequest), id: row.id, version: row.version };
}

function columnsOf(r: EnterpriseRequest) {
  return {
    enterprise_id: r.enterpriseId,
    package_id: r.packageId,
    status: r.status,
    lead_unit_id: r.leadUnitId,
    butler: r.butler,
    received_at: r.receivedAt,
    finish_due: r.deadlines?.finish.due ?? null,
    closed_at: r.closedAt,
    version: r.version,
    data: JSON.stringify(r),
  };
}

export class EnterpriseRequestRepository {
  constructor(
    private readonly db: Db,
    private readonly owner = DEFAULT_JURISDICTION_ID,
  ) {}

  /** The jurisdiction whose rows these are. */
  get jurisdictionId(): number {
    return this.owner;
  }

  /** The same repository for the rows of jurisdiction `jurisdictionId`. */
  of(jurisdictionId: number): EnterpriseRequestRepository {
    return jurisdictionId === this.owner ? this : new EnterpriseRequestRepository(this.db, jurisdictionId);
  }

  /** Inserts a request taken in by the domain (receiveEnterpriseRequest); answers it with its id. */
  async insert(request: Omit<EnterpriseRequest, 'id'>): Promise<EnterpriseRequest> {
    const row = await this.db
      .insertInto('enterprise_requests')
      .values({ jurisdiction_id: this.owner, ...columnsOf({ ...request, id: 0 }) })
      .returningAll()
      .executeTakeFirstOrThrow();
    const saved = { ...request, id: row.id };
    await this.db
      .updateTable('enterprise_requests')
      .set({ data: JSON.stringify(saved) })
      .where('id', '=', row.id)
      .execute();
    return saved;
  }

  async get(id: number): Promise<EnterpriseRequest> {
    const row = await this.db
      .selectFrom('enterprise_requests')
      .selectAll()
      .where('jurisdiction_id', '=', this.owner)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('enterprise request', id);
    return toRequest(row);
  }

  /** Writes the request and the event that moved it, under `expectedVersion`; false when it moved. */
  async update(
    request: EnterpriseRequest,
    event: EnterpriseRequestEvent,
    expectedVersion: number,
    userId: number | null,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('enterprise_requests')
      .set(columnsOf(request))
      .where('jurisdiction_id', '=', this.owner)
      .where('id', '=', request.id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await this.db
      .insertInto('enterprise_request_events')
      .values({
        jurisdiction_id: this.owner,
        request_id: request.id,
        seq: event.seq,
        type: event.type,
        at: event.at,
        actor_user_id: userId,
        data: JSON.stringify(event),
      })
      .execute();
    return true;
  }

  /** Requests newest first, filtered. */
  async list(filter: EnterpriseRequestFilter = {}): Promise<EnterpriseRequest[]> {
    let query = this.db
      .selectFrom('enterprise_requests')
      .selectAll()
      .where('jurisdiction_id', '=', this.owner);
    if (filter.enterpriseIds !== undefined)
      query = query.where(
        'enterprise_id',
        'in',
        filter.enterpriseIds.length > 0 ? [...filter.enterpriseIds] : [0],
      );
    if (filter.status !== undefined) query = query.where('status', '=', filter.status);
    if (filter.unitIds !== undefined)
      query = query.where('lead_unit_id', 'in', filter.unitIds.length > 0 ? [...filter.unitIds] : [0]);
    if (filter.butler !== undefined) query = query.where('butler', '=', filter.butler);
    if (filter.receivedFrom !== undefined) query = query.where('received_at', '>=', filter.receivedFrom);
    if (filter.receivedBefore !== undefined) query = query.where('received_at', '<', filter.receivedBefore);
    const rows = await query.orderBy('received_at', 'desc').orderBy('id', 'desc').execute();
    return rows.map(toRequest);
  }

  /** A request's events in order. */
  async listEvents(id: number): Promise<(EnterpriseRequestEvent & { userId: number | null })[]> {
    const rows = await this.db
      .selectFrom('enterprise_request_events')
      .selectAll()
      .where('jurisdiction_id', '=', this.owner)
      .where('request_id', '=', id)
      .orderBy('seq')
      .execute();
    return rows.map((r) => ({ ...(JSON.parse(r.data) as EnterpriseRequestEvent), userId: r.actor_user_id }));
  }
}
