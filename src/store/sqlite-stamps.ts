/**
 * Plans' read stamps held in memory on SQLite (issue 15; the PostgreSQL counterpart is
 * revision-watch.ts, docs/DECISIONS.md 64). A held read needs its plan's stamp for every
 * request; on SQLite reading it is a statement whose read transaction takes the file's locks
 * (about 10 µs, a quarter of a held answer's cost). Here memory answers while nothing else has
 * committed: SQLite's `PRAGMA data_version` changes whenever ANOTHER connection (a `luoshi`
 * command, a second process, a second connection of this one) commits to the file, and memory
 * is dropped when it does; this connection's own commits drop their plans' stamps as they
 * commit (store.ts, before the writer's call returns). So no stamp is ever older than a commit
 * that finished before the read began, with no window, unlike a notice that must arrive.
 *
 * Only stamps of plans that exist are held, and at most MAX_HELD of them: a caller asking for
 * ids that do not exist costs a read each time, never memory.
 */
import type BetterSqlite from 'better-sqlite3';
import type { PlanState } from '../plan/types.js';
import type { PlanChange } from './revisions.js';
import type { PlanReadStamp } from './types.js';

/** Plans whose stamps are held at most (a deployment's plans: a few hundred). */
export const MAX_HELD = 10_000;

interface StampRow {
  id: number;
  state: string;
  revision: number | string;
  created_at: string;
}

/** A stamp from a `plans` row. */
export function toStamp(row: StampRow): PlanReadStamp {
  return {
    id: row.id,
    state: row.state as PlanState,
    revision: Number(row.revision),
    createdAt: row.created_at,
  };
}

export class SqliteStamps {
  private readonly stamps = new Map<number, PlanReadStamp>();
  private version: unknown;
  private readonly versionStatement: BetterSqlite.Statement<[], unknown>;
  /** Prepared on first use: a store opened without migrating has no `plans` table yet. */
  private rowStatement: BetterSqlite.Statement<[number], StampRow> | undefined;

  constructor(private readonly sqlite: BetterSqlite.Database) {
    this.versionStatement = sqlite.prepare<[], unknown>('pragma data_version').pluck();
  }

  /**
   * `{ stamp }` read now (stamp undefined: no such plan); undefined while a transaction is open
   * on the connection (its uncommitted revision must not be seen: the caller waits for it).
   */
  stampNow(planId: number): { stamp: PlanReadStamp | undefined } | undefined {
    if (this.sqlite.inTransaction) return undefined;
    const version = this.versionStatement.get();
    if (version !== this.version) {
      this.stamps.clear();
      this.version = version;
    }
    const held = this.stamps.get(planId);
    if (held !== undefined) return { stamp: held };
    this.rowStatement ??= this.sqlite.prepare<[number], StampRow>(
      'select id, state, revision, created_at from plans where id = ?',
    );
    const row = this.rowStatement.get(planId);
    if (row === undefined) return { stamp: undefined };
    const stamp = toStamp(row);
    if (this.stamps.size >= MAX_HELD) this.stamps.clear();
    this.stamps.set(planId, stamp);
    return { stamp };
  }

  /** This connection committed: the plans it moved (every plan when `all`) are read again. */
  forget(change: PlanChange): void {
    if (change.all) this.stamps.clear();
    else for (const id of change.planIds) this.stamps.delete(id);
  }
}
