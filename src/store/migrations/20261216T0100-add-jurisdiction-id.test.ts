import { Migrator, sql } from 'kysely';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DIALECTS, createTestStore } from '../../../test/factories.js';
import { createTestDatabase } from '../../../test/pg.js';
import { openStore } from '../index.js';
import type { Database } from '../schema.js';
import { migrationProvider } from './index.js';

/**
 * Tables of the deployment, not of one jurisdiction (docs/DECISIONS.md): no jurisdiction_id.
 * Each says why it is the deployment's.
 */
const DEPLOYMENT_TABLES = [
  // The tree of jurisdictions itself.
  'jurisdictions',
  // Sign-in: a user may work in several jurisdictions (users are the deployment's).
  'sessions',
  'api_tokens',
  // The limits' counters: addresses, phones and accounts, whatever jurisdiction (issue 12.5).
  'limit_hits',
  // The official working-day calendar: one State Council table for every jurisdiction.
  'request_holiday_tables',
  // The public's sign-in by code to comment: a person, who may comment in any jurisdiction.
  'comment_challenges',
  'commenter_sessions',
  // A follower's e-mail digests: one message per address, whichever jurisdictions it follows.
  'follow_messages',
  // The one delivery queue of the deployment (one sender, leases and retries across
  // jurisdictions); each message names its recipient user or unit, whose jurisdiction it is.
  'notify_outbox',
  'notify_attempts',
  // The chase's runs and the marks of events it queued: the deployment's scheduled job, run
  // once over every jurisdiction (an event key names its item, which is a jurisdiction's).
  'chase_marks',
  'chase_runs',
  // Two values of the deployment by name (20261221T0100): the secret a commenter's key is made
  // with (the same person in every jurisdiction) and where the followers' run over every
  // jurisdiction's changes stopped.
  'deployment_settings',
  'kysely_migration',
  'kysely_migration_lock',
];

const kysely = (store: unknown) => (store as { kysely: Kysely<Database> }).kysely;

describe('the key rule on the live PostgreSQL catalogue', () => {
  it('gives every table but the deployment’s a jurisdiction_id leading its primary, unique and foreign keys', async () => {
    const store = await createTestStore('postgres');
    const db = kysely(store);
    const { rows: tables } = await sql<{ table: string; owned: boolean }>`
      select t.table_name as table,
        exists (select 1 from information_schema.columns c
          where c.table_schema = t.table_schema and c.table_name = t.table_name and c.column_name = 'jurisdiction_id') as owned
      from information_schema.tables t
      where t.table_schema = current_schema() and t.table_type = 'BASE TABLE'
      order by 1`.execute(db);
    // A table added later belongs to a jurisdiction unless named here as the deployment's.
    const unowned = tables
      .filter((t) => !t.owned && !DEPLOYMENT_TABLES.includes(t.table))
      .map((t) => t.table);
    expect(unowned).toEqual([]);
    const owned = tables.filter((t) => t.owned && t.table !== 'users').map((t) => t.table);
    expect(owned).toEqual(
      expect.arrayContaining([
        'plans',
        'tasks',
        'units',
        'request_orders',
        'areas',
        'request_desk_settings',
        'notify_fallbacks',
        'bulletins',
        'bulletin_drafts',
        'bulletin_units',
        'notify_settings',
      ]),
    );

    const { rows: keys } = await sql<{
      table: string;
      name: string;
      type: string;
      first: string;
      refTable: string | null;
    }>`
      select c.conrelid::regclass::text as table, c.conname as name, c.contype as type,
        (select a.attname::text from pg_attribute a where a.attrelid = c.conrelid and a.attnum = c.conkey[1]) as first,
        case when c.contype = 'f' then c.confrelid::regclass::text end as "refTable"
      from pg_constraint c
      where c.contype in ('p', 'u', 'f') and c.connamespace = current_schema()::regnamespace`.execute(db);
    // Keys of owned tables lead with jurisdiction_id; a foreign key to the jurisdictions or to a
    // deployment table (a user, the holiday tables) is the only one that may not.
    const broken = keys.filter(
      (k) =>
        owned.includes(k.table) &&
        k.first !== 'jurisdiction_id' &&
        !(k.type === 'f' && (k.refTable === null || !owned.includes(k.refTable))),
    );
    expect(broken.map((k) => `${k.table}.${k.name}`)).toEqual([]);
    // The rule was checked on real keys: the task's own, and its references to the plan and units.
    expect(
      keys
        .filter((k) => k.table === 'tasks')
        .map((k) => k.type)
        .sort(),
    ).toEqual(expect.arrayContaining(['f', 'f', 'p']));
    // Monthly partitions of orders and events (20261220T0100) are tables of their own, held to
    // the rule with the rest: their keys are among those read.
    expect(keys.filter((k) => k.table === 'request_orders_default').map((k) => k.first)).toEqual(
      expect.arrayContaining(['jurisdiction_id']),
    );
    expect(keys.some((k) => /^request_events_p\d{6}$/.test(k.table) && k.type === 'f')).toBe(true);
    await store.close();
  });
});

describe.each(DIALECTS)('migration 20261216T0100-add-jurisdiction-id on %s', (dialect) => {
  it('makes every row of a database made before it jurisdiction 1’s, and names unique within a jurisdiction', async () => {
    const store = await openStore(dialect === 'sqlite' ? ':memory:' : await createTestDatabase(), {
      migrate: false,
    });
    try {
      const db = kysely(store);
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo('20261207T0000-create-decidim-sources')).error).toBeUndefined();
      const created_at = '2026-11-01T00:00:00.000Z';
      await (
        db as unknown as Kysely<
          Record<'units', { name: string; kind: string; created_at: string; version: number }>
        >
      )
        .insertInto('units')
        .values([
          { name: '区水务局', kind: 'department', created_at, version: 1 },
          { name: '回龙观街道办事处', kind: 'street', created_at, version: 2 },
        ])
        .execute();
      const { error } = await migrator.migrateToLatest();
      expect(error).toBeUndefined();
      expect(await store.jurisdictions.list()).toMatchObject([{ id: 1, code: null, name: '本辖区' }]);
      expect((await store.units.list([1])).map((u) => [u.name, u.version])).toEqual([
        ['区水务局', 1],
        ['回龙观街道办事处', 2],
      ]);
      // The same name in another jurisdiction is another unit; twice in one is refused.
      const other = await store.jurisdictions.insert({
        code: '310101',
        name: '上海市黄浦区',
        level: '区县',
        parentId: null,
        open311Id: '310101',
        settings: {},
      });
      const unit = await store.units.insert({
        jurisdictionId: other.id,
        name: '区水务局',
        kind: 'department',
        area: null,
      });
      expect(unit.jurisdictionId).toBe(other.id);
      await expect(
        store.units.insert({ jurisdictionId: other.id, name: '区水务局', kind: 'department', area: null }),
      ).rejects.toThrow();
    } finally {
      await store.close();
    }
  });

  it('rekeys a table made before it that references an owned table, and one referencing that, from the catalogue', async () => {
    const store = await openStore(dialect === 'sqlite' ? ':memory:' : await createTestDatabase(), {
      migrate: false,
    });
    try {
      const db = kysely(store);
      const migrator = new Migrator({ db, provider: migrationProvider });
      const names = (await migrator.getMigrations()).map((m) => m.name);
      const before = names[names.indexOf('20261216T0000-create-jurisdictions') - 1]!;
      expect((await migrator.migrateTo(before)).error).toBeUndefined();
      // Tables another branch might add: neither is on the migration's list of owned tables.
      const id = dialect === 'sqlite' ? 'integer primary key autoincrement' : 'serial primary key';
      await sql
        .raw(
          `create table branch_notes (id ${id}, unit_id integer references units (id) on delete set null, note text not null)`,
        )
        .execute(db);
      await sql
        .raw(
          `create table branch_note_marks (id ${id}, note_id integer not null references branch_notes (id) on delete cascade)`,
        )
        .execute(db);
      await sql`insert into units (name, kind, created_at, version) values ('区水务局', 'department', '2026-11-01T00:00:00.000Z', 1)`.execute(
        db,
      );
      await sql`insert into branch_notes (unit_id, note) values (1, '一')`.execute(db);
      await sql`insert into branch_note_marks (note_id) values (1)`.execute(db);
      const { error } = await migrator.migrateToLatest();
      expect(error).toBeUndefined();
      const { rows } = await sql<{ j: number; m: number }>`
        select n.jurisdiction_id as j, k.jurisdiction_id as m
        from branch_notes n join branch_note_marks k on k.note_id = n.id`.execute(db);
      expect(rows.map((r) => [Number(r.j), Number(r.m)])).toEqual([[1, 1]]);
      if (dialect === 'postgres') {
        const { rows: keys } = await sql<{ name: string; definition: string }>`
          select conrelid::regclass::text as name, pg_get_constraintdef(oid) as definition from pg_constraint
          where conrelid in ('branch_notes'::regclass, 'branch_note_marks'::regclass) and contype in ('p', 'f')
            and not (contype = 'f' and confrelid = 'jurisdictions'::regclass)
          order by conrelid::regclass::text, contype desc`.execute(db);
        expect(keys.map((k) => k.definition)).toEqual([
          'PRIMARY KEY (jurisdiction_id, id)',
          'FOREIGN KEY (jurisdiction_id, note_id) REFERENCES branch_notes(jurisdiction_id, id) ON DELETE CASCADE',
          'PRIMARY KEY (jurisdiction_id, id)',
          'FOREIGN KEY (jurisdiction_id, unit_id) REFERENCES units(jurisdiction_id, id) ON DELETE SET NULL (unit_id)',
        ]);
      }
      // A row written after it takes the jurisdiction of the row it names, the writer unaware.
      const other = await store.jurisdictions.insert({
        code: '310106',
        name: '上海市静安区',
        level: '区县',
        parentId: null,
        open311Id: '310106',
        settings: {},
      });
      const unit = await store.units.insert({
        jurisdictionId: other.id,
        name: '区水务局',
        kind: 'department',
        area: null,
      });
      await sql`insert into branch_notes (unit_id, note) values (${unit.id}, '二')`.execute(db);
      await sql`insert into branch_note_marks (note_id) select id from branch_notes where note = '二'`.execute(
        db,
      );
      const { rows: theirs } = await sql<{ j: number; m: number }>`
        select n.jurisdiction_id as j, k.jurisdiction_id as m
        from branch_notes n join branch_note_marks k on k.note_id = n.id where n.note = '二'`.execute(db);
      expect(theirs.map((r) => [Number(r.j), Number(r.m)])).toEqual([[other.id, other.id]]);
      // The reference still holds: deleting the note takes its mark.
      await sql`delete from branch_notes`.execute(db);
      expect((await sql`select * from branch_note_marks`.execute(db)).rows).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
