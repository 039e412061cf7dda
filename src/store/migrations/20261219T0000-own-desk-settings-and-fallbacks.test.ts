import { Migrator, sql } from 'kysely';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import { createTestDatabase } from '../../../test/pg.js';
import { DEFAULT_REPLY_RULES, DEFAULT_SAMPLING } from '../../requests/index.js';
import { openStore } from '../index.js';
import type { Database } from '../schema.js';
import { migrationProvider } from './index.js';

const kysely = (store: unknown) => (store as { kysely: Kysely<Database> }).kysely;

describe.each(DIALECTS)('migration 20261219T0000-own-desk-settings-and-fallbacks on %s', (dialect) => {
  it("makes the desk's settings and the fallback copies a jurisdiction's, keeping the rows made before", async () => {
    const store = await openStore(dialect === 'sqlite' ? ':memory:' : await createTestDatabase(), {
      migrate: false,
    });
    try {
      const db = kysely(store);
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo('20261218T0500-create-notify-fallbacks')).error).toBeUndefined();
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
        name: '区人社局',
        kind: 'department',
        area: null,
      });
      const at = '2026-12-01T00:00:00.000Z';
      await sql`insert into request_desk_settings (version, effective_from, data, created_at)
        values (1, '2026-12-02', '{}', ${at})`.execute(db);
      await sql`insert into notify_fallbacks (dedupe_key, item_kind, item_id, unit_id, handler_id, read_group,
          notice, queued_at, due_at)
        values ('k1', 'order', 5, ${unit.id}, 9, 'g', '{}', ${at}, ${at})`.execute(db);
      expect((await migrator.migrateToLatest()).error).toBeUndefined();

      const { rows } = await sql<{ t: string; j: number }>`
        select 'desk' as t, jurisdiction_id as j from request_desk_settings
        union all select 'fallback', jurisdiction_id from notify_fallbacks order by 1`.execute(db);
      expect(rows.map((r) => [r.t, Number(r.j)])).toEqual([
        ['desk', 1],
        ['fallback', other.id],
      ]);
      // Each jurisdiction its own versions: version 1 again in another is another row.
      expect((await store.desk.listSettings(1)).map((s) => s.version)).toEqual([1]);
      expect(await store.desk.listSettings(other.id)).toEqual([]);
      const settings = {
        version: 1,
        effectiveFrom: '2026-12-03',
        rules: DEFAULT_REPLY_RULES,
        sampling: DEFAULT_SAMPLING,
        createdBy: null,
        createdAt: at,
      };
      await store.desk.addSettings(other.id, settings);
      await expect(store.desk.addSettings(other.id, settings)).rejects.toThrow();
      expect((await store.desk.listSettings(other.id)).map((s) => s.effectiveFrom)).toEqual(['2026-12-03']);
      // A copy held now takes its unit's jurisdiction; the same key is held once.
      const copy = {
        dedupeKey: 'k2',
        item: { kind: 'order' as const, id: 6, unitId: unit.id },
        handlerId: 9,
        readGroup: 'g',
        notice: { title: '新派工单', body: '', link: null } as never,
        queuedAt: at,
        dueAt: at,
      };
      await store.fallbacks.hold(copy);
      await store.fallbacks.hold(copy);
      const { rows: held } = await sql<{ j: number }>`
        select jurisdiction_id as j from notify_fallbacks where dedupe_key = 'k2'`.execute(db);
      expect(held.map((r) => Number(r.j))).toEqual([other.id]);
    } finally {
      await store.close();
    }
  });
});
