/**
 * How a plan's named projects were matched to the library and reviewed (issue 17), and the
 * library counts its report promises: rows of a plan, replaced whole when the plan is matched
 * again, decided one by one in review.
 */
import type { Selectable } from 'kysely';
import type { NameMatch } from '../projects/match.js';
import type { CountPromise } from '../projects/promises.js';
import type { MatchState } from '../projects/review.js';
import { CHUNK, DEFAULT_JURISDICTION_ID, notFound } from './rows.js';
import type { Db, LibraryMatchesTable } from './schema.js';

/** One named project of a plan, matched. */
export interface LibraryMatchRecord {
  id: number;
  planId: number;
  /** The plan's row in `projects`. */
  planProjectId: number;
  match: NameMatch;
  /** The library record it stands for (matched, confirmed or created); null otherwise. */
  libraryProjectId: number | null;
  /** The stage the plan's step set as the project's target for the year, once it did. */
  targetStage: string | null;
  state: MatchState;
  decidedBy: number | null;
  decidedAt: string | null;
  createdAt: string;
}

/** A count the plan's report promises for the library. */
export interface StoredPromise {
  id: number;
  planId: number;
  promise: CountPromise;
}

type NewMatch = Omit<LibraryMatchRecord, 'id' | 'createdAt' | 'decidedBy' | 'decidedAt'>;

function toMatch(row: Selectable<LibraryMatchesTable>): LibraryMatchRecord {
  return {
    id: row.id,
    planId: row.plan_id,
    planProjectId: row.plan_project_id,
    match: JSON.parse(row.match) as NameMatch,
    libraryProjectId: row.library_project_id,
    targetStage: row.target_stage,
    state: row.state as MatchState,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    createdAt: row.created_at,
  };
}

export class LibraryMatchRepository {
  constructor(
    private readonly db: Db,
    private readonly owner = DEFAULT_JURISDICTION_ID,
  ) {}

  /** The jurisdiction whose rows these are. */
  get jurisdictionId(): number {
    return this.owner;
  }

  /** The same repository for the rows of jurisdiction `jurisdictionId`. */
  of(jurisdictionId: number): LibraryMatchRepository {
    return jurisdictionId === this.owner ? this : new LibraryMatchRepository(this.db, jurisdictionId);
  }

  /** Replaces the plan's matches with `matches`; answers them with their ids, in the order given. */
  async replace(planId: number, matches: readonly NewMatch[], stamp: string): Promise<LibraryMatchRecord[]> {
    await this.db.deleteFrom('library_matches').where('plan_id', '=', planId).execute();
    const out: LibraryMatchRecord[] = [];
    for (let i = 0; i < matches.length; i += CHUNK) {
      const rows = await this.db
        .insertInto('library_matches')
        .values(
          matches.slice(i, i + CHUNK).map((m) => ({
            jurisdiction_id: this.owner,
            plan_id: planId,
            plan_project_id: m.planProjectId,
            match: JSON.stringify(m.match),
            library_project_id: m.libraryProjectId,
            target_stage: m.targetStage,
            state: m.state,
            decided_by: null,
            decided_at: null,
            created_at: stamp,
          })),
        )
        .returningAll()
        .execute();
      out.push(...rows.map(toMatch));
    }
    return out.sort((a, b) => a.id - b.id);
  }

  /** The plan's matches in text order of their projects. */
  async list(planId: number): Promise<LibraryMatchRecord[]> {
    const rows = await this.db
      .selectFrom('library_matches')
      .innerJoin('projects', 'projects.id', 'library_matches.plan_project_id')
      .selectAll('library_matches')
      .where('library_matches.plan_id', '=', planId)
      .where('library_matches.jurisdiction_id', '=', this.owner)
      .orderBy('projects.span_start')
      .orderBy('library_matches.id')
      .execute();
    return rows.map(toMatch);
  }

  /** Every match that stands for a library project, by plan (a project's reports over the years). */
  async listOfProject(libraryProjectId: number): Promise<LibraryMatchRecord[]> {
    const rows = await this.db
      .selectFrom('library_matches')
      .selectAll()
      .where('jurisdiction_id', '=', this.owner)
      .where('library_project_id', '=', libraryProjectId)
      .orderBy('plan_id')
      .orderBy('id')
      .execute();
    return rows.map(toMatch);
  }

  /** NOT_FOUND unless the match belongs to the plan. */
  async get(planId: number, id: number): Promise<LibraryMatchRecord> {
    const row = await this.db
      .selectFrom('library_matches')
      .selectAll()
      .where('jurisdiction_id', '=', this.owner)
      .where('plan_id', '=', planId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('project match', id);
    return toMatch(row);
  }

  /** Records a review's decision on a match. */
  async decide(
    id: number,
    decision: Pick<LibraryMatchRecord, 'state' | 'libraryProjectId' | 'targetStage'>,
    by: number | null,
    at: string,
  ): Promise<void> {
    await this.db
      .updateTable('library_matches')
      .set({
        state: decision.state,
        library_project_id: decision.libraryProjectId,
        target_stage: decision.targetStage,
        decided_by: by,
        decided_at: at,
      })
      .where('jurisdiction_id', '=', this.owner)
      .where('id', '=', id)
      .execute();
  }

  /** Replaces the counts the plan's report promises. */
  async replacePromises(planId: number, promises: readonly CountPromise[]): Promise<void> {
    await this.db.deleteFrom('library_promises').where('plan_id', '=', planId).execute();
    if (promises.length === 0) return;
    await this.db
      .insertInto('library_promises')
      .values(
        promises.map((p) => ({
          jurisdiction_id: this.owner,
          plan_id: planId,
          year: p.year,
          data: JSON.stringify(p),
        })),
      )
      .execute();
  }

  /** The promised counts of a plan, or of every plan of a year, in text order. */
  async listPromises(by: { planId: number } | { year: number }): Promise<StoredPromise[]> {
    let query = this.db.selectFrom('library_promises').selectAll().where('jurisdiction_id', '=', this.owner);
    query = 'planId' in by ? query.where('plan_id', '=', by.planId) : query.where('year', '=', by.year);
    const rows = await query.orderBy('plan_id').orderBy('id').execute();
    return rows.map((r) => ({ id: r.id, planId: r.plan_id, promise: JSON.parse(r.data) as CountPromise }));
  }
}
