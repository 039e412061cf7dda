/**
 * Intake and automatic dispatch in one transaction (issue 12.8): when the dispatch cannot be
 * written (here a trigger refuses its event, as a crash between the two writes would leave
 * it), nothing of the intake is kept either — no acknowledged order left undispatched — and
 * the client's retry makes one order, dispatched. The dispatched unit's notice commits with them
 * too (issue 20.3): when it cannot be written, no order is kept, so none is dispatched untold.
 */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, seedUser } from '../../test/factories.js';
import { saveSettings } from '../commands/notify.js';
import { deriveActor } from '../plan/audit.js';
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

  it('keeps no order when its unit cannot be told, and tells the unit on the retry', async () => {
    const db = (t.store as unknown as { kysely: Kysely<Database> }).kysely;
    // The unit the catalogue sends these calls to (the first test's order) gets a person with
    // an e-mail, so its dispatch is told through the outbox.
    const first = json<{ items: { leadUnitId: number | null }[] }>(
      await t.request('admin', { url: `${V1}/requests` }),
    ).items[0]!;
    const person = await seedUser(t.store, 'reporter', {
      username: `street-${dialect}`,
      unitIds: [first.leadUnitId!],
    });
    await saveSettings(
      t.store,
      person.jurisdictionId,
      `user:${person.id}`,
      { email: 'street@example.gov.cn', phone: null, channels: ['email'], digest: null, quietHours: null },
      0,
      deriveActor(t.users.admin),
      clock.toISOString(),
    );
    if (dialect === 'postgres') {
      await sql`create function refuse_notice() returns trigger language plpgsql as $$
        begin raise exception 'the notice could not be written'; end $$`.execute(db);
      await sql`create trigger refuse_notice before insert on notify_outbox for each row
        execute function refuse_notice()`.execute(db);
    } else {
      await sql`create trigger refuse_notice before insert on notify_outbox
        begin select raise(abort, 'the notice could not be written'); end`.execute(db);
    }
    const told = async () =>
      (await t.store.outbox.list({ kind: 'request.dispatched', limit: 500 })).items.length;
    const before = await total();
    const toldBefore = await told();
    clock = new Date(clock.getTime() + 5_000);
    const failed = await take();
    expect(failed.statusCode).toBe(500);
    expect(await total()).toBe(before);
    if (dialect === 'postgres') await sql`drop trigger refuse_notice on notify_outbox`.execute(db);
    else await sql`drop trigger refuse_notice`.execute(db);
    clock = new Date(clock.getTime() + 5_000);
    const retried = await take();
    expect(retried.statusCode, retried.body).toBe(201);
    expect(json<{ status: string }>(retried).status).toBe('dispatched');
    expect(await total()).toBe(before + 1);
    expect(await told()).toBeGreaterThan(toldBefore);
  });
});
