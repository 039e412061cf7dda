/**
 * The project library (项目库, issue 17): a jurisdiction's settings (libraries, stage model, lamp
 * rules, map boundary), its projects with their dated histories and plans, and their monthly
 * investment. Projects are read whole (`get`), by page with filters (`list`), or as the few
 * columns a board, a list of 三未 or a map needs for every project at once (`listOutlines`,
 * `listPoints`, `listNames`).
 */
import { sql } from 'kysely';
import type { Selectable } from 'kysely';
import type {
  AnnualPlan,
  LibraryProject,
  Milestone,
  MonthlyInvestment,
  ProgressReport,
  ProjectClass,
  StageEntry,
  YearTarget,
} from '../projects/types.js';
import type { QuietSpan, StageSpan } from '../projects/spans.js';
import { LibraryCalls } from './library-calls.js';
import { LibrarySpans } from './library-spans.js';
import { CHUNK, DEFAULT_JURISDICTION_ID, contains, notFound, readPage } from './rows.js';
import type { Db, LibraryProjectsTable } from './schema.js';
import type { Page, PageQuery, Versioned } from './types.js';

/** What a jurisdiction configured (src/projects: `Library[]`, `StageModel`, partial `LampRules`), as JSON. */
export interface StoredLibrarySettings {
  settings: Record<string, unknown>;
  /** A GeoJSON FeatureCollection as text, or null. */
  boundary: string | null;
  version: number;
  updatedAt: string;
}

/**
 * What the commands derive of a project for the board and the lists (src/projects/spans.ts):
 * its stage spans and its quiet spans, written with every write of the project or its figures.
 */
export interface ProjectSpans {
  stages: readonly StageSpan[];
  quiet: readonly QuietSpan[];
}

/** A project without its monthly figures: what lists and boards read. */
export type ProjectRecord = Omit<LibraryProject, 'investments'>;

/** The columns every whole-library view needs (board, 三未, counts, stale, timelines of many). */
export type ProjectOutline = Pick<
  LibraryProject,
  | 'id'
  | 'name'
  | 'library'
  | 'class'
  | 'history'
  | 'milestones'
  | 'exited'
  | 'targets'
  | 'annualPlans'
  | 'leadUnitId'
  | 'enterpriseId'
  | 'progress'
>;

/** A project on the map. */
export interface ProjectPoint {
  id: number;
  name: string;
  library: string;
  stage: string;
  leadUnitId: number | null;
  lng: number;
  lat: number;
  exited: boolean;
}

export interface LibraryProjectFilter extends PageQuery {
  library?: string | undefined;
  /** The current stage. */
  stage?: string | undefined;
  leadUnitId?: number | undefined;
  /** Led by any of these units (an empty list: none). */
  leadUnitIds?: readonly number[] | undefined;
  enterpriseId?: number | undefined;
  /** Name or alias containing it. */
  q?: string | undefined;
  /** true: only projects out of the library; false: only those in it; undefined: both. */
  exited?: boolean | undefined;
}

type Row = Selectable<LibraryProjectsTable>;
const json = <T>(text: string): T => JSON.parse(text) as T;
const num = (value: number | string | null): number | null => (value === null ? null : Number(value));

function toRecord(row: Row): Versioned<ProjectRecord> {
  return {
    id: row.id,
    name: row.name,
    aliases: json<string[]>(row.aliases),
    library: row.library,
    class: row.class as ProjectClass,
    history: json<StageEntry[]>(row.history),
    totalInvestment: num(row.total_investment),
    annualPlans: json<AnnualPlan[]>(row.annual_plans),
    parcel: row.parcel,
    location: row.lng === null || row.lat === null ? null : { lng: Number(row.lng), lat: Number(row.lat) },
    leadUnitId: row.lead_unit_id,
    leader: row.leader,
    enterpriseId: row.enterprise_id,
    milestones: json<Milestone[]>(row.milestones),
    targets: json<YearTarget[]>(row.targets),
    progress: json<ProgressReport[]>(row.progress),
    statsRegisteredOn: row.stats_registered_on,
    exited: row.exited_on === null ? null : { date: row.exited_on, reason: row.exit_reason ?? '' },
    version: row.version,
  };
}

/** The columns of a project record (everything but the id, the owner and the times). */
export function columnsOf(p: ProjectRecord) {
  return {
    library: p.library,
    name: p.name,
    aliases: JSON.stringify(p.aliases),
    class: p.class,
    stage: p.history.at(-1)?.stage ?? '',
    history: JSON.stringify(p.history),
    total_investment: p.totalInvestment,
    annual_plans: JSON.stringify(p.annualPlans),
    parcel: p.parcel,
    lng: p.location?.lng ?? null,
    lat: p.location?.lat ?? null,
    lead_unit_id: p.leadUnitId,
    leader: p.leader,
    enterprise_id: p.enterpriseId,
    milestones: JSON.stringify(p.milestones),
    targets: JSON.stringify(p.targets),
    progress: JSON.stringify(p.progress),
    stats_registered_on: p.statsRegisteredOn,
    exited_on: p.exited?.date ?? null,
    exit_reason: p.exited?.reason ?? null,
  };
}

export class LibraryRepository {
  /** The stage spans the board and the lists read (library-spans.ts), kept with each project. */
  readonly spans: LibrarySpans;
  /** The monthly investment data calls (项目投资月报) and the units' returns (library-calls.ts). */
  readonly calls: LibraryCalls;

  /** The repository of one jurisdiction's library (`of` for another's). */
  constructor(
    private readonly db: Db,
    private readonly owner = DEFAULT_JURISDICTION_ID,
  ) {
    this.spans = new LibrarySpans(db, owner);
    this.calls = new LibraryCalls(db, owner);
  }

  /** The jurisdiction whose library this is. */
  get jurisdictionId(): number {
    return this.owner;
  }

  /** The same repository for the library of jurisdiction `jurisdictionId`. */
  of(jurisdictionId: number): LibraryRepository {
    return jurisdictionId === this.owner ? this : new LibraryRepository(this.db, jurisdictionId);
  }

  /** One batch of whole project records in id order after `afterId` (rebuilding every project's spans). */
  async listRecordsAfter(afterId: number, limit: number): Promise<Versioned<ProjectRecord>[]> {
    const rows = await this.db
      .selectFrom('library_projects')
      .selectAll()
      .where('jurisdiction_id', '=', this.owner)
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toRecord);
  }

  // ---- settings ------------------------------------------------------------------------

  /** The jurisdiction's settings, or undefined while it runs on the defaults. */
  async findSettings(): Promise<StoredLibrarySettings | undefined> {
    const row = await this.db
      .selectFrom('library_settings')
      .selectAll()
      .where('jurisdiction_id', '=', this.owner)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      settings: json<Record<string, unknown>>(row.settings),
      boundary: row.boundary,
      version: row.version,
      updatedAt: row.updated_at,
    };
  }

  /** Writes the settings under `expectedVersion` (0: none saved yet); false when they moved. */
  async saveSettings(
    value: { settings: Record<string, unknown>; boundary: string | null },
    expectedVersion: number,
    stamp: string,
  ): Promise<boolean> {
    return this.writeSettings(JSON.stringify(value.settings), value.boundary, expectedVersion, stamp);
  }

  private async writeSettings(
    settings: string,
    boundary: string | null,
    expectedVersion: number,
    stamp: string,
  ): Promise<boolean> {
    if (expectedVersion === 0) {
      const inserted = await this.db
        .insertInto('library_settings')
        .values({
          jurisdiction_id: this.owner,
          settings,
          boundary,
          version: 1,
          updated_at: stamp,
        })
        .onConflict((oc) => oc.column('jurisdiction_id').doNothing())
        .executeTakeFirst();
      return Number(inserted.numInsertedOrUpdatedRows ?? 0) > 0;
    }
    const result = await this.db
      .updateTable('library_settings')
      .set({ settings, boundary, version: sql<number>`version + 1`, updated_at: stamp })
      .where('jurisdiction_id', '=', this.owner)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  // ---- projects --------------------------------------------------------------------------

  /**
   * Inserts a project with its stage and quiet spans (ProjectSpans; its monthly figures go
   * through `putInvestments`); answers it at version 1.
   */
  async insertProject(
    project: Omit<ProjectRecord, 'id'>,
    stamp: string,
    spans: ProjectSpans,
  ): Promise<Versioned<ProjectRecord>> {
    const row = await this.db
      .insertInto('library_projects')
      .values({
        ...columnsOf({ ...project, id: 0 }),
        jurisdiction_id: this.owner,
        version: 1,
        created_at: stamp,
        updated_at: stamp,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const record = toRecord(row);
    await this.spans.write([{ project: record, spans: spans.stages }]);
    await this.spans.writeQuiet(record.id, spans.quiet);
    return record;
  }

  /** The project record without its figures; NOT_FOUND when there is none. */
  async getRecord(id: number): Promise<Versioned<ProjectRecord>> {
    const row = await this.db
      .selectFrom('library_projects')
      .selectAll()
      .where('jurisdiction_id', '=', this.owner)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('library project', id);
    return toRecord(row);
  }

  /** The whole project with its monthly figures; NOT_FOUND when there is none. */
  async get(id: number): Promise<Versioned<LibraryProject>> {
    const [record, investments] = await Promise.all([this.getRecord(id), this.listInvestments([id])]);
    return { ...record, investments: investments.get(id) ?? [] };
  }

  /**
   * Writes every column of the record and its stage and quiet spans under `expectedVersion`
   * (bumped); false when it moved.
   */
  async updateProject(
    project: ProjectRecord,
    expectedVersion: number,
    stamp: string,
    spans: ProjectSpans,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('library_projects')
      .set({ ...columnsOf(project), version: sql<number>`version + 1`, updated_at: stamp })
      .where('jurisdiction_id', '=', this.owner)
      .where('id', '=', project.id)
      .where('version', '=', expectedVersion)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 0) return false;
    await this.spans.write([{ project, spans: spans.stages }]);
    await this.spans.writeQuiet(project.id, spans.quiet);
    return true;
  }

  /** One page of projects in the order they entered; filtered by library, stage, unit, enterprise, text, 出库. */
  async list(filter: LibraryProjectFilter = {}): Promise<Page<Versioned<ProjectRecord>>> {
    let base = this.db.selectFrom('library_projects').where('jurisdiction_id', '=', this.owner);
    if (filter.library !== undefined) base = base.where('library', '=', filter.library);
    if (filter.stage !== undefined) base = base.where('stage', '=', filter.stage);
    if (filter.leadUnitId !== undefined) base = base.where('lead_unit_id', '=', filter.leadUnitId);
    if (filter.leadUnitIds !== undefined)
      base =
        filter.leadUnitIds.length === 0
          ? base.where(sql<boolean>`1 = 0`)
          : base.where('lead_unit_id', 'in', filter.leadUnitIds);
    if (filter.enterpriseId !== undefined) base = base.where('enterprise_id', '=', filter.enterpriseId);
    if (filter.exited !== undefined) base = base.where('exited_on', filter.exited ? 'is not' : 'is', null);
    if (filter.q) {
      const q = filter.q;
      base = base.where((eb) => eb.or([contains(eb.ref('name'), q), contains(eb.ref('aliases'), q)]));
    }
    return readPage(
      base,
      filter,
      (q) => q.selectAll().orderBy('id'),
      (rows) => rows.map(toRecord),
    );
  }

  /** Projects by id (unknown ids left out). */
  async listByIds(ids: readonly number[]): Promise<Versioned<ProjectRecord>[]> {
    const out: Versioned<ProjectRecord>[] = [];
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      const rows = await this.db
        .selectFrom('library_projects')
        .selectAll()
        .where('jurisdiction_id', '=', this.owner)
        .where('id', 'in', chunk)
        .execute();
      out.push(...rows.map(toRecord));
    }
    return out;
  }

  /**
   * The projects of `library` led by any of `unitIds` and not out of it before `from` (a data
   * call's lines), whole with their figures, in id order.
   */
  async listLedBy(library: string, unitIds: readonly number[], from: string): Promise<LibraryProject[]> {
    if (unitIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('library_projects')
      .selectAll()
      .where('jurisdiction_id', '=', this.owner)
      .where('library', '=', library)
      .where('lead_unit_id', 'in', unitIds)
      .where((eb) => eb.or([eb('exited_on', 'is', null), eb('exited_on', '>=', from)]))
      .orderBy('id')
      .execute();
    const records = rows.map(toRecord);
    const figures = await this.listInvestments(records.map((r) => r.id));
    return records.map(({ version: _v, ...r }) => ({ ...r, investments: figures.get(r.id) ?? [] }));
  }

  /** The lead units of the projects of `library` not out of it before `from`. */
  async listLeadUnits(library: string, from: string): Promise<number[]> {
    const rows = await this.db
      .selectFrom('library_projects')
      .select('lead_unit_id')
      .distinct()
      .where('jurisdiction_id', '=', this.owner)
      .where('library', '=', library)
      .where('lead_unit_id', 'is not', null)
      .where((eb) => eb.or([eb('exited_on', 'is', null), eb('exited_on', '>=', from)]))
      .orderBy('lead_unit_id')
      .execute();
    return rows.map((r) => r.lead_unit_id!);
  }

  /** Every project of the jurisdiction, in the few columns the whole-library views read. */
  async listOutlines(): Promise<ProjectOutline[]> {
    const rows = await this.db
      .selectFrom('library_projects')
      .select([
        'id',
        'name',
        'library',
        'class',
        'history',
        'milestones',
        'exited_on',
        'exit_reason',
        'targets',
        'annual_plans',
        'lead_unit_id',
        'enterprise_id',
        'progress',
      ])
      .where('jurisdiction_id', '=', this.owner)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      library: r.library,
      class: r.class as ProjectClass,
      history: json<StageEntry[]>(r.history),
      milestones: json<Milestone[]>(r.milestones),
      exited: r.exited_on === null ? null : { date: r.exited_on, reason: r.exit_reason ?? '' },
      targets: json<YearTarget[]>(r.targets),
      annualPlans: json<AnnualPlan[]>(r.annual_plans),
      leadUnitId: r.lead_unit_id,
      enterpriseId: r.enterprise_id,
      progress: json<ProgressReport[]>(r.progress),
    }));
  }

  /** Every project's name and aliases (matching a report's names). */
  async listNames(): Promise<Pick<LibraryProject, 'id' | 'name' | 'aliases' | 'library'>[]> {
    const rows = await this.db
      .selectFrom('library_projects')
      .select(['id', 'name', 'aliases', 'library'])
      .where('jurisdiction_id', '=', this.owner)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      aliases: json<string[]>(r.aliases),
      library: r.library,
    }));
  }

  /** Every project with a location, for the map. */
  async listPoints(): Promise<ProjectPoint[]> {
    const rows = await this.db
      .selectFrom('library_projects')
      .select(['id', 'name', 'library', 'stage', 'lead_unit_id', 'lng', 'lat', 'exited_on'])
      .where('jurisdiction_id', '=', this.owner)
      .where('lng', 'is not', null)
      .where('lat', 'is not', null)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      library: r.library,
      stage: r.stage,
      leadUnitId: r.lead_unit_id,
      lng: Number(r.lng),
      lat: Number(r.lat),
      exited: r.exited_on !== null,
    }));
  }

  // ---- monthly investment ----------------------------------------------------------------

  /** The monthly figures of the projects, month order, by project id. */
  async listInvestments(projectIds: readonly number[]): Promise<Map<number, MonthlyInvestment[]>> {
    const out = new Map<number, MonthlyInvestment[]>();
    for (let i = 0; i < projectIds.length; i += CHUNK) {
      const rows = await this.db
        .selectFrom('library_investments')
        .selectAll()
        .where('project_id', 'in', projectIds.slice(i, i + CHUNK))
        .orderBy('project_id')
        .orderBy('month')
        .execute();
      for (const r of rows) {
        const list = out.get(r.project_id) ?? [];
        list.push({ month: r.month, amount: Number(r.amount) });
        out.set(r.project_id, list);
      }
    }
    return out;
  }

  /**
   * Sets a project's figures for the months given (replacing those months' figures) and its
   * quiet spans as derived with them (deriveQuietSpans of the project with every figure).
   */
  async putInvestments(
    projectId: number,
    figures: readonly MonthlyInvestment[],
    quiet: readonly QuietSpan[],
  ): Promise<void> {
    await this.spans.writeQuiet(projectId, quiet);
    for (let i = 0; i < figures.length; i += CHUNK) {
      const chunk = figures.slice(i, i + CHUNK);
      await this.db
        .deleteFrom('library_investments')
        .where('project_id', '=', projectId)
        .where(
          'month',
          'in',
          chunk.map((f) => f.month),
        )
        .execute();
      await this.db
        .insertInto('library_investments')
        .values(
          chunk.map((f) => ({
            jurisdiction_id: this.owner,
            project_id: projectId,
            month: f.month,
            amount: f.amount,
          })),
        )
        .execute();
    }
  }
}
