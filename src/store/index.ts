/**
 * The store: the only folder that imports Kysely. `openStore(url)` opens a SQLite file or a
 * PostgreSQL URL, brings the schema up to date, and returns the Store (store/types.ts).
 */
import { AppError } from '../errors.js';
import { connect, runMigrations } from './connect.js';
import type { ConnectOptions } from './connect.js';
import { ensureRequestPartitions } from './request-partitions.js';
import { RevisionWatch } from './revision-watch.js';
import { PlanChangeListeners } from './revisions.js';
import { KyselyStore } from './store.js';
import type { Store } from './types.js';

export type * from './types.js';
export { describePostgresUrl, isPostgresUrl } from './connect.js';
export type { ConnectOptions } from './connect.js';
export { DEFAULT_LIMIT, MAX_LIMIT, pageItems } from './rows.js';

/**
 * Opens the database at `url` — a SQLite path (parent folder created; WAL; foreign keys on;
 * ":memory:" works) or a `postgres://` URL — and migrates it to the latest schema unless
 * `migrate: false`; `sqliteSynchronous` comes from the configuration (src/config.ts). Throws AppError UNAVAILABLE with one line ("cannot reach PostgreSQL at
 * 127.0.0.1:5432/luoshi: connect ECONNREFUSED 127.0.0.1:5432") when it cannot be reached.
 * @example const store = await openStore('./data/luoshi.sqlite');
 */
export async function openStore(
  url: string,
  options: ConnectOptions & { migrate?: boolean } = {},
): Promise<Store> {
  const { db, dialect, sqlite, client } = await connect(url, options);
  try {
    if (options.migrate !== false) {
      await runMigrations(db);
      await ensureRequestPartitions(db, dialect);
    }
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error instanceof AppError
      ? error
      : new AppError('UNAVAILABLE', `cannot migrate ${url}: ${String(error)}`);
  }
  // PostgreSQL: plans' stamps may be kept in memory from the server's notices once the app
  // starts watching (store.watchRevisions, revision-watch.ts); SQLite reads them in-process.
  const watch = client === undefined ? undefined : new RevisionWatch(client);
  return new KyselyStore(db, dialect, false, sqlite, new PlanChangeListeners(), undefined, watch);
}

/**
 * Opens the database at `url`, applies every pending migration, closes it, and returns the
 * names of the migrations it applied (empty when already up to date).
 */
export async function migrateToLatest(url: string, options: ConnectOptions = {}): Promise<string[]> {
  const { db, dialect } = await connect(url, options);
  try {
    const applied = await runMigrations(db);
    await ensureRequestPartitions(db, dialect);
    return applied;
  } finally {
    await db.destroy();
  }
}
