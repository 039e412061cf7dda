/**
 * PostgreSQL for tests: a fresh database on the server that test/global-setup.ts started.
 * Fails (never skips) when the server cannot be reached.
 */
import pg from 'pg';
import { inject } from 'vitest';

let counter = 0;

/** The superuser URL of the test server. */
export function testPostgresUrl(): string {
  const url = inject('pgUrl') ?? process.env.LUOSHI_TEST_PG_URL;
  if (!url)
    throw new Error('no test PostgreSQL server: is test/global-setup.ts in vitest.config.ts globalSetup?');
  return url;
}

/**
 * Creates a database with a unique name and returns its URL: empty, or a copy of `template`
 * (`create database … template …`, a file copy on the server).
 */
export async function createTestDatabase(template?: string): Promise<string> {
  const admin = testPostgresUrl();
  counter += 1;
  const name = `luoshi_t${process.pid}_${Date.now().toString(36)}_${counter}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A new database with every migration applied: a copy of the one test/global-setup.ts migrated
 * once for the run (copying it takes a fraction of running the migrations again per store).
 */
export function createMigratedTestDatabase(): Promise<string> {
  const template = inject('pgTemplate');
  if (!template)
    throw new Error(
      'no migrated template database: is test/global-setup.ts in vitest.config.ts globalSetup?',
    );
  return createTestDatabase(template);
}
