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

/** Creates an empty database with a unique name and returns its URL. */
export async function createTestDatabase(): Promise<string> {
  const admin = testPostgresUrl();
  counter += 1;
  const name = `luoshi_t${process.pid}_${Date.now().toString(36)}_${counter}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`create database ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return url.toString();
}
