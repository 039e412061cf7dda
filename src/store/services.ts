/**
 * 服务包 (issue 17): enterprises and talents, their packages per year, the commitments of each
 * package and the events that moved them. Enterprise and talent rows are never public: only
 * the commands' counts leave the office (src/projects/public.ts).
 */
import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import type { CommitmentEvent } from '../projects/service.js';
import type {
  Commitment,
  CommitmentKind,
  CommitmentLink,
  CommitmentState,
  Enterprise,
  EnterpriseSize,
  ServicePackage,
  Talent,
} from '../projects/types.js';
import type { Satisfaction } from '../requests/types.js';
import { CHUNK, DEFAULT_JURISDICTION_ID, conflictOnUnique, contains, notFound, readPage } from './rows.js';
import type { CommitmentsTable, Db, EnterprisesTable } from './schema.js';
import type { Page, PageQuery, Versioned } from './types.js';

export interface CommitmentFilter {
  year?: number | undefined;
  packageIds?: readonly number[] | undefined;
  /** Commitments any of these units is responsible for. */
  unitIds?: readonly number[] | undefined;
  butler?: string | undefined;
  state?: CommitmentState | undefined;
}

function toEnterprise(row: Selectable<EnterprisesTable>): Versioned<Enterprise> {
  return {
    id: row.id,
    name: row.name,
    creditCode: row.credit_code,
    industry: row.industry,
    address: row.address,
    size: row.size as EnterpriseSize | null,
    version: row.version,
  };
}

function toCommitment(row: Selectable<CommitmentsTable>): Commitment {
  return {
    id: row.id,
    packageId: row.package_id,
    kind: row.kind as CommitmentKind,
    title: row.title,
    responsibleUnitId: row.responsible_unit_id,
    butler: row.butler,
    openedOn: row.opened_on,
    workingDays: row.working_days,
    dueOn: row.due_on,
    state: row.state as CommitmentState,
    evidence: JSON.parse(row.evidence) as string[],
    deliveredOn: row.delivered_on,
    confirmedOn: row.confirmed_on,
    satisfaction: row.satisfaction as Satisfaction | null,
    links: JSON.parse(row.links) as CommitmentLink[],
    note: row.note,
    version: row.version,
  };
}

function commitmentColumns(c: Omit<Commitment, 'id'>) {
  return {
    package_id: c.packageId,
    kind: c.kind,
    title: c.title,
    responsible_unit_id: c.responsibleUnitId,
    butler: c.butler,
    opened_on: c.openedOn,
    working_days: c.workingDays,
    due_on: c.dueOn,
    state: c.state,
    evidence: JSON.stringify(c.evidence),
    delivered_on: c.deliveredOn,
    confirmed_on: c.confirmedOn,
    satisfaction: c.satisfaction,
    links: JSON.stringify(c.links),
    note: c.note,
    version: c.version,
  };
}

export class ServiceRepository {
  constructor(
    private readonly db: Db,
    private readonly owner = DEFAULT_JURISDICTION_ID,
  ) {}

  /** The jurisdiction whose rows these are. */
  get jurisdictionId(): number {
    return this.owner;
  }

  /** The same repository for the rows of jurisdiction `jurisdictionId`. */
  of(jurisdictionId: number): ServiceRepository {
    return jurisdictionId === this.owner ? this : new ServiceRepository(this.db, jurisdictionId);
  }

  // ---- enterprises -----------------------------------------------------------------------

  /** CONFLICT when the jurisdiction has an enterprise with that credit code. */
  async insertEnterprise(e: Omit<Enterprise, 'id'>, stamp: string): Promise<Versioned<Enterprise>> {
    try {
      const row = await this.db
        .insertInto('enterprises')
        .values({
          jurisdiction_id: this.owner,
          name: e.name,
          credit_code: e.creditCode,
          industry: e.industry,
          address: e.address,
          size: e.size,
          version: 1,
          created_at: stamp,
          updated_at: stamp,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toEnterprise(row);
    } catch (error) {
      throw conflictOnUnique(error, `统一社会信用代码 ${e.creditCode} 已登记`);
    }
  }

  async getEnterprise(id: number): Promise<Versioned<Enterprise>> {
    const row = await this.db
      .selectFrom('enterprises')
      .selectAll()
      .where('jurisdiction_id', '=', this.owner)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('enterprise', id);
    return toEnterprise(row);
  }

  /** Writes the enterprise under `expectedVersion`; false when it moved. CONFLICT on a taken code. */
  async updateEnterprise(e: Enterprise, expectedVersion: number, stamp: string): Promise<boolean> {
    try {
      const result = await this.db
        .updateTable('enterprises')
        .set({
          name: e.name,
          credit_code: e.creditCode,
          industry: e.industry,
          address: e.address,
          size: e.size,
          version: sql<number>`version + 1`,
          updated_at: stamp,
        })
        .where('jurisdiction_id', '=', this.owner)
        .where('id', '=', e.id)
        .where('version', '=', expectedVersion)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    } catch (error) {
      throw conflictOnUnique(error, `统一社会信用代码 ${e.creditCode} 已登记`);
    }
  }

  /** One page of enterprises by name; `ids` narrows to those (a unit's own), `q` by name or code. */
  async listEnterprises(
    query: PageQuery & { q?: string | undefined; ids?: readonly number[] | undefined } = {},
  ): Promise<Page<Versioned<Enterprise>>> {
    let base = this.db.selectFrom('enterprises').where('jurisdiction_id', '=', this.owner);
    if (query.ids !== undefined) base = base.where('id', 'in', query.ids.length > 0 ? [...query.ids] : [0]);
    if (query.q) {
      const q = query.q;
      base = base.where((eb) => eb.or([contains(eb.ref('name'), q), contains(eb.ref('credit_code'), q)]));
    }
    return readPage(
      base,
      query,
      (q) => q.selectAll().orderBy('name').orderBy('id'),
      (rows) => rows.map(toEnterprise),
    );
  }

  /** Every enterprise (the ledgers match names and codes against them). */
  async listAllEnterprises(): Promise<Versioned<Enterprise>[]> {
    const rows = await this.db
      .selectFrom('enterprises')
      .selectAll()
      .where('jurisdiction_id', '=', this.owner)
      .orderBy('id')
      .execute();
    return rows.map(toEnterprise);
  }

  // ---- talents ---------------------------------------------------------------------------

  async insertTalent(t: Omit<Talent, 'id'>, stamp: string): Promise<Talent> {
    const row = await this.db
      .insertInto('talents')
      .values({
        jurisdiction_id: this.owner,
        name: t.name,
        category: t.category,
        field: t.field,
        enterprise_id: t.enterpriseId,
        created_at: stamp,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return {
      id: row.id,
      name: row.name,
      category: row.category,
      field: row.field,
      enterpriseId: row.enterprise_id,
    };
  }

  /** Every talent, by id. */
  async listTalents(): Promise<Talent[]> {
    const rows = await this.db
      .selectFrom('talents')
      .selectAll()
      .where('jurisdiction_id', '=', this.owner)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      category: r.category,
      field: r.field,
      enterpriseId: r.enterprise_id,
    }));
  }

  // ---- packages --------------------------------------------------------------------------

  /** CONFLICT when the holder has a package for the year. */
  async insertPackage(p: Omit<ServicePackage, 'id'>, stamp: string): Promise<ServicePackage> {
    try {
      const row = await this.db
        .insertInto('service_packages')
        .values({
          jurisdiction_id: this.owner,
          holder_kind: p.holder.kind,
          holder_id: p.holder.id,
          year: p.year,
          butler: p.butler,
          version: 1,
          created_at: stamp,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return { id: row.id, holder: p.holder, year: row.year, butler: row.butler };
    } catch (error) {
      throw conflictOnUnique(error, `该对象${p.year}年已有服务包`);
    }
  }

  async getPackage(id: number): Promise<ServicePackage> {
    const [found] = await this.listPackages({ ids: [id] });
    if (!found) throw notFound('service package', id);
    return found;
  }

  /** Packages of a year, of holders, or by id; by id. */
  async listPackages(
    filter: { year?: number; ids?: readonly number[]; holder?: ServicePackage['holder'] } = {},
  ): Promise<ServicePackage[]> {
    let query = this.db.selectFrom('service_packages').selectAll().where('jurisdiction_id', '=', this.owner);
    if (filter.year !== undefined) query = query.where('year', '=', filter.year);
    if (filter.ids !== undefined)
      query = query.where('id', 'in', filter.ids.length > 0 ? [...filter.ids] : [0]);
    if (filter.holder !== undefined)
      query = query.where('holder_kind', '=', filter.holder.kind).where('holder_id', '=', filter.holder.id);
    const rows = await query.orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      holder: { kind: r.holder_kind as 'enterprise' | 'talent', id: r.holder_id },
      year: r.year,
      butler: r.butler,
    }));
  }

  // ---- commitments -----------------------------------------------------------------------

  /** Inserts a commitment opened by the domain (openCommitment) with its first event. */
  async insertCommitment(c: Omit<Commitment, 'id'>, stamp: string): Promise<Commitment> {
    const row = await this.db
      .insertInto('commitments')
      .values({ jurisdiction_id: this.owner, ...commitmentColumns(c), created_at: stamp, updated_at: stamp })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toCommitment(row);
  }

  async getCommitment(id: number): Promise<Commitment> {
    const row = await this.db
      .selectFrom('commitments')
      .selectAll()
      .where('jurisdiction_id', '=', this.owner)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('commitment', id);
    return toCommitment(row);
  }

  /** Writes the commitment under `expectedVersion`; false when another event came first. */
  async updateCommitment(c: Commitment, expectedVersion: number, stamp: string): Promise<boolean> {
    const result = await this.db
      .updateTable('commitments')
      .set({ ...commitmentColumns(c), updated_at: stamp })
      .where('jurisdiction_id', '=', this.owner)
      .where('id', '=', c.id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Commitments by package order then id, filtered. */
  async listCommitments(filter: CommitmentFilter = {}): Promise<Commitment[]> {
    let query = this.db
      .selectFrom('commitments')
      .selectAll('commitments')
      .where('commitments.jurisdiction_id', '=', this.owner);
    if (filter.year !== undefined) {
      const year = filter.year;
      query = query.where('package_id', 'in', (eb) =>
        eb.selectFrom('service_packages').select('id').where('year', '=', year),
      );
    }
    if (filter.packageIds !== undefined)
      query = query.where('package_id', 'in', filter.packageIds.length > 0 ? [...filter.packageIds] : [0]);
    if (filter.unitIds !== undefined)
      query = query.where('responsible_unit_id', 'in', filter.unitIds.length > 0 ? [...filter.unitIds] : [0]);
    if (filter.butler !== undefined) query = query.where('butler', '=', filter.butler);
    if (filter.state !== undefined) query = query.where('state', '=', filter.state);
    const rows = await query.orderBy('package_id').orderBy('id').execute();
    return rows.map(toCommitment);
  }

  /** Appends the event that moved a commitment. */
  async appendCommitmentEvent(event: CommitmentEvent, at: string, userId: number | null): Promise<void> {
    await this.db
      .insertInto('commitment_events')
      .values({
        jurisdiction_id: this.owner,
        commitment_id: event.commitmentId,
        seq: event.seq,
        type: event.type,
        on_day: event.on,
        at,
        actor_user_id: userId,
        data: JSON.stringify(event),
      })
      .execute();
  }

  /** A commitment's events in order, with when and by whom they were recorded. */
  async listCommitmentEvents(
    commitmentIds: readonly number[],
  ): Promise<(CommitmentEvent & { at: string; userId: number | null })[]> {
    const out: (CommitmentEvent & { at: string; userId: number | null })[] = [];
    for (let i = 0; i < commitmentIds.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom('commitment_events')
        .selectAll()
        .where('jurisdiction_id', '=', this.owner)
        .where('commitment_id', 'in', commitmentIds.slice(i, i + CHUNK))
        .orderBy('commitment_id')
        .orderBy('seq')
        .execute();
      out.push(
        ...rows.map((r) => ({
          ...(JSON.parse(r.data) as CommitmentEvent),
          at: r.at,
          userId: r.actor_user_id,
        })),
      );
    }
    return out;
  }
}
