import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, testPostgresUrl } from './pg.js';
import { startReplica } from './replica.js';
import type { Replica } from './replica.js';

async function sql(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

describe('test replica (pg_basebackup of the test server)', () => {
  let replica: Replica;
  let url: string;
  beforeAll(async () => {
    url = await createTestDatabase();
    await sql(url, 'create table marks (n integer)');
    replica = await startReplica(testPostgresUrl());
  }, 120_000);
  afterAll(async () => replica?.stop());

  it('is a read-only standby that replays the primary, and can be held at a point', async () => {
    const database = new URL(url).pathname.slice(1);
    const standby = replica.urlFor(database);
    expect((await sql(standby, 'select pg_is_in_recovery() as r')).rows[0]).toEqual({ r: true });
    await sql(url, 'insert into marks values (1)');
    await replica.catchUp(testPostgresUrl());
    expect((await sql(standby, 'select count(*)::int as n from marks')).rows[0]).toEqual({ n: 1 });
    await replica.pauseReplay();
    await sql(url, 'insert into marks values (2)');
    expect((await sql(standby, 'select count(*)::int as n from marks')).rows[0]).toEqual({ n: 1 });
    await expect(sql(standby, 'insert into marks values (3)')).rejects.toThrow(/read-only/);
    await replica.resumeReplay();
    await replica.catchUp(testPostgresUrl());
    expect((await sql(standby, 'select count(*)::int as n from marks')).rows[0]).toEqual({ n: 2 });
  });
});
