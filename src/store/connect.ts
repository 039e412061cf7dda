/**
 * Opening a database: a SQLite file (WAL, foreign keys on) or a `postgres://` URL, with one
 * clear line when it cannot be reached, and the migrations.
 */
import Database from 'better-sqlite3';
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from 'kysely';
import type { SqliteDatabase } from 'kysely';
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import pg from 'pg';
import { isPostgresUrl } from '../config.js';
import type { SqliteSynchronous } from '../config.js';
import { AppError } from '../errors.js';
import { migrationProvider } from './migrations/index.js';
import type { Database as Schema } from './schema.js';

/** The application_name of the revision watch's listening connection (pg_stat_activity). */
export const REVISION_WATCH_NAME = 'luoshi-revision-watch';

export type DialectName = 'sqlite' | 'postgres';

/** An open connection with its dialect. */
export interface Connection {
  db: Kysely<Schema>;
  dialect: DialectName;
  /**
   * The better-sqlite3 database under `db` (SQLite only), for the hot statements the requests
   * store prepares once (intake-queue.ts). Use it only while holding Kysely's connection
   * (`db.connection().execute`), so that no Kysely transaction is open on it at the same time.
   */
  sqlite?: Database.Database;
  /** A new client of its own on the same server (PostgreSQL only): the revision watch's. */
  client?: () => pg.Client;
}

export { isPostgresUrl };

/** How to open a database: the configuration's part that concerns the store. */
export interface ConnectOptions {
  /**
   * How often a SQLite file in WAL mode waits for the disk (config LUOSHI_SQLITE_SYNCHRONOUS):
   * NORMAL (default) survives any crash of the application; only an operating-system crash or
   * a power cut can lose the last commits (docs/DECISIONS.md 19).
   */
  sqliteSynchronous?: SqliteSynchronous;
}

/**
 * Opens the database at `url` and checks that it answers.
 * Throws AppError UNAVAILABLE with one line naming the place and what failed.
 */
export async function connect(url: string, options: ConnectOptions = {}): Promise<Connection> {
  return isPostgresUrl(url)
    ? connectPostgres(url)
    : connectSqlite(url, options.sqliteSynchronous ?? 'NORMAL');
}

function connectSqlite(url: string, synchronous: SqliteSynchronous): Connection {
  const path = url.replace(/^(sqlite|file):(\/\/)?/i, '');
  const memory = path === ':memory:' || path === '';
  let database: Database.Database;
  try {
    if (!memory) mkdirSync(dirname(resolve(path)), { recursive: true });
    database = new Database(memory ? ':memory:' : path);
    const wal = !memory && database.pragma('journal_mode = WAL', { simple: true }) === 'wal';
    // Only WAL makes NORMAL safe against corruption; a rollback journal keeps SQLite's FULL.
    if (wal) database.pragma(`synchronous = ${synchronous}`);
    database.pragma('foreign_keys = ON');
    database.pragma('busy_timeout = 5000');
  } catch (error) {
    throw new AppError('UNAVAILABLE', `cannot open SQLite database ${path}: ${reason(error)}`);
  }
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: preparedOnce(database) }) });
  return { db, dialect: 'sqlite', sqlite: database };
}

/** Statements held per SQL text (the most recent this many): a store issues a few hundred shapes. */
export const HELD_STATEMENTS = 512;

/**
 * `database` for Kysely with each SQL text prepared once and its statement used again (issue
 * 15): Kysely prepares every query it runs, which on a read by key costs more than the read.
 * A statement still busy (a query streaming through it) is not shared: that query gets its own.
 * SQLite prepares a held statement again by itself after a schema change.
 */
export function preparedOnce(database: Database.Database, max = HELD_STATEMENTS): SqliteDatabase {
  const held = new Map<string, Database.Statement>();
  return {
    close: () => database.close(),
    prepare(sql) {
      const statement = held.get(sql);
      if (statement !== undefined && !statement.busy) return statement;
      const fresh = database.prepare(sql);
      if (statement === undefined) {
        if (held.size >= max) held.delete(held.keys().next().value!);
        held.set(sql, fresh);
      }
      return fresh;
    },
  };
}

async function connectPostgres(url: string): Promise<Connection> {
  const where = describePostgresUrl(url);
  // COUNT(*) is int8, which pg gives as a string by default (STACK.md).
  const types = {
    getTypeParser: ((oid: number, format?: string) =>
      oid === 20 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as never,
  };
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000, types });
  // An idle client losing its server must not crash the process; the next query reports it.
  pool.on('error', () => undefined);
  try {
    const client = await pool.connect();
    client.release();
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new AppError('UNAVAILABLE', `cannot reach PostgreSQL at ${where}: ${reason(error)}`);
  }
  return {
    db: new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) }),
    dialect: 'postgres',
    client: () =>
      new pg.Client({
        connectionString: url,
        connectionTimeoutMillis: 5000,
        keepAlive: true,
        types,
        application_name: REVISION_WATCH_NAME,
      }),
  };
}

/** "host:port/database" of a PostgreSQL URL, without the password. */
export function describePostgresUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}${parsed.pathname}`;
  } catch {
    return 'an unparsable URL';
  }
}

function reason(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return reason(error.errors[0]);
  if (error instanceof Error) return error.message || (error as { code?: string }).code || error.name;
  return String(error);
}

/**
 * Brings the schema to the latest migration; returns the names of the migrations it ran.
 * Throws AppError INTERNAL naming the migration that failed.
 */
export async function runMigrations(db: Kysely<Schema>): Promise<string[]> {
  const migrator = new Migrator({ db, provider: migrationProvider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new AppError('INTERNAL', `migration ${failed?.migrationName ?? '?'} failed: ${reason(error)}`);
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
