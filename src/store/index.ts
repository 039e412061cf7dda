/**
 * The store: the only folder that imports Kysely. `openStore(url)` opens a SQLite file or a
 * PostgreSQL URL, brings the schema up to date, and returns the Store (store/types.ts).
 */
import { AppError } from '../errors.js';
import { connect, runMigrations } from './connect.js';
import { KyselyStore } from './store.js';
import type { Store } from './types.js';

export type * from './types.js';
export { describePostgresUrl, isPostgresUrl } from './connect.js';
export { DEFAULT_LIMIT, MAX_LIMIT, pageItems } from './rows.js';

/** Where the data lives when neither --db nor DATABASE_URL says. */
export const DEFAULT_DATABASE = './data/luoshi.sqlite';

/** `--db` if given, else DATABASE_URL, else ./data/luoshi.sqlite. */
export function resolveDatabaseUrl(option?: string, env: NodeJS.ProcessEnv = process.env): string {
  return option || env.DATABASE_URL || DEFAULT_DATABASE;
}

/**
 * Opens the database at `url` — a SQLite path (parent folder created; WAL; foreign keys on;
 * ":memory:" works) or a `postgres://` URL — and migrates it to the latest schema unless
 * `migrate: false`. Throws AppError UNAVAILABLE with one line ("cannot reach PostgreSQL at
 * 127.0.0.1:5432/luoshi: connect ECONNREFUSED 127.0.0.1:5432") when it cannot be reached.
 * @example const store = await openStore('./data/luoshi.sqlite');
 */
export async function openStore(url: string, options: { migrate?: boolean } = {}): Promise<Store> {
  const { db, dialect, sqlite } = await connect(url);
  try {
    if (options.migrate !== false) await runMigrations(db);
  } catch (error) {
    await db.destroy().catch(() => undefined);
    throw error instanceof AppError
      ? error
      : new AppError('UNAVAILABLE', `cannot migrate ${url}: ${String(error)}`);
  }
  return new KyselyStore(db, dialect, false, sqlite);
}

/**
 * Opens the database at `url`, applies every pending migration, closes it, and returns the
 * names of the migrations it applied (empty when already up to date).
 */
export async function migrateToLatest(url: string): Promise<string[]> {
  const { db } = await connect(url);
  try {
    return await runMigrations(db);
  } finally {
    await db.destroy();
  }
}
