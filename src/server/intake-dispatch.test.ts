/**
 * Intake and automatic dispatch in one transaction (issue 12.8): when the dispatch cannot be
 * written (here a trigger refuses its event, as a crash between the two writes would leave
 * it), nothing of the intake is kept either — no acknowledged order left undispatched — and
 * the client's retry makes one order, dispatched.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../test/factories.js';
import type { Database } from '../store/schema.js';
import { createTestApp, json } from './testing/test-app.js';
import type { TestApp } from './testing/test-app.js';

const V1 = '/api/v1';
const intake = {
  source: 'hotline',
  text: '回龙观西大街路口积水很深，车辆无法通行（一次事务）',
  category: '积水',
  location: { address: '回龙观西大街路口', area: '回龙观街道' },
  contact: { name: '王先生', phone: '13800000000' },
};

describe.each(DIALECTS)('intake and dispatch on %s', (dialect) => {
  let t: TestApp;
  let clock = new Date('2024-07-01T02:00:00.000Z');
  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => clock });
  });
  const total = async () =>
    json<{ total: number }>(await t.request('admin', { url: `${V1}/requests` })).total;
  const take = () =>
    t.request('supervisor', { method: 'POST', url: `${V1}/requests?dispatch=auto`, payload: intake });

  it('keeps neither when the dispatch fails, and one dispatched order on the retry', async () => {
    const db = (t.store as unknown as { kysely: Kysely<Database> }).kysely;
    if (dialect === 'postgres') {
      await sql`create function refuse_dispatch() returns trigger language plpgsql as $$
        begin raise exception 'the dispatch could not be written'; end $$`.execute(db);
      await sql`create trigger refuse_dispatch before insert on request_events for each row
        when (new.type = 'dispatched') execute function refuse_dispatch()`.execute(db);
    } else {
      await sql`create trigger refuse_dispatch before insert on request_events
        when new.type = 'dispatched' begin select raise(abort, 'the dispatch could not be written'); end`.execute(
        db,
      );
    }
    const before = await total();
    const failed = await take();
    expect(failed.statusCode).toBe(500);
    expect(await total()).toBe(before);
    if (dialect === 'postgres') await sql`drop trigger refuse_dispatch on request_events`.execute(db);
    else await sql`drop trigger refuse_dispatch`.execute(db);
    clock = new Date(clock.getTime() + 5_000);
    const retried = await take();
    expect(retried.statusCode, retried.body).toBe(201);
    expect(json<{ status: string }>(retried).status).toBe('dispatched');
    expect(await total()).toBe(before + 1);
  });
});
