import { Migrator, sql } from 'kysely';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import { createTestDatabase } from '../../../test/pg.js';
import { openStore } from '../index.js';
import type { Database } from '../schema.js';
import { migrationProvider } from './index.js';

const kysely = (store: unknown) => (store as { kysely: Kysely<Database> }).kysely;

describe.each(DIALECTS)('migration 20261221T0100-own-notify-settings on %s', (dialect) => {
  it('keeps every setting: a person’s and a unit’s in their jurisdiction, the office’s in jurisdiction 1, the deployment’s apart', async () => {
    const store = await openStore(dialect === 'sqlite' ? ':memory:' : await createTestDatabase(), {
      migrate: false,
    });
    try {
      const db = kysely(store);
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo('20261220T0100-partition-request-orders')).error).toBeUndefined();
      const other = await store.jurisdictions.insert({
        code: '310106',
        name: '上海市静安区',
        level: '区县',
        parentId: null,
        open311Id: '310106',
        settings: {},
      });
      const ours = await store.units.insert({
        jurisdictionId: 1,
        name: '区水务局',
        kind: 'department',
        area: null,
      });
      const theirs = await store.units.insert({
        jurisdictionId: other.id,
        name: '静安区水务局',
        kind: 'department',
        area: null,
      });
      const personId = await store.users.insert({
        username: 'jingan-reporter',
        displayName: '静安填报员',
        role: 'reporter',
        passwordHash: 'x',
        jurisdictionId: other.id,
      });
      const at = '2026-12-01T00:00:00.000Z';
      const rows: [string, string, number][] = [
        [`unit:${ours.id}`, '{"leaderUserId":null,"robots":[],"inboxAfterHours":2}', 3],
        [`unit:${theirs.id}`, '{"leaderUserId":null,"robots":[]}', 1],
        [`user:${personId}`, '{"email":"li@jingan.example.gov.cn","channels":["email"]}', 2],
        ['office:notify', '{"sender":"区政府督查室"}', 4],
        ['office:chase', '{}', 1],
        ['comments:secret', '{"secret":"kept-secret-of-the-deployment"}', 1],
        ['follows:told', '{"lastChangeId":42}', 7],
      ];
      for (const [scope, data, version] of rows) {
        await sql`insert into notify_settings (scope, data, version, updated_by, updated_at)
          values (${scope}, ${data}, ${version}, null, ${at})`.execute(db);
      }
      expect((await migrator.migrateToLatest()).error).toBeUndefined();

      const { rows: kept } = await sql<{ jurisdiction_id: number; scope: string; version: number }>`
        select jurisdiction_id, scope, version from notify_settings order by scope`.execute(db);
      expect(kept.map((r) => [Number(r.jurisdiction_id), r.scope, Number(r.version)])).toEqual(
        [
          [1, 'office:chase', 1],
          [1, 'office:notify', 4],
          [1, `unit:${ours.id}`, 3],
          [other.id, `unit:${theirs.id}`, 1],
          [other.id, `user:${personId}`, 2],
        ].sort((a, b) => String(a[1]).localeCompare(String(b[1]))),
      );
      expect(await store.notifySettings.find(other.id, `user:${personId}`)).toMatchObject({
        data: { email: 'li@jingan.example.gov.cn' },
        version: 2,
      });
      expect(await store.notifySettings.find(1, `unit:${ours.id}`)).toMatchObject({
        data: { inboxAfterHours: 2 },
        version: 3,
      });
      // The other jurisdiction's office starts from the defaults: nothing of jurisdiction 1's.
      expect(await store.notifySettings.find(other.id, 'office:notify')).toBeUndefined();
      expect(await store.notifySettings.findDeployment('comments:secret')).toEqual({
        data: { secret: 'kept-secret-of-the-deployment' },
        version: 1,
      });
      expect(await store.notifySettings.findDeployment('follows:told')).toEqual({
        data: { lastChangeId: 42 },
        version: 7,
      });
      // The same scope is each jurisdiction's own: saving one leaves the other as it was.
      expect(
        await store.notifySettings.save(other.id, 'office:notify', { sender: '静安区督查室' }, 0, null, at),
      ).toBe(true);
      expect((await store.notifySettings.find(1, 'office:notify'))?.data).toEqual({ sender: '区政府督查室' });
      expect(await store.notifySettings.listByPrefix(1, 'unit:')).toEqual([
        expect.objectContaining({ scope: `unit:${ours.id}`, jurisdictionId: 1 }),
      ]);

      // Down and up again: every row still there.
      expect((await migrator.migrateDown()).error).toBeUndefined();
      const { rows: shared } = await sql<{
        scope: string;
      }>`select scope from notify_settings order by scope`.execute(db);
      expect(shared.map((r) => r.scope)).toEqual(
        [...rows.map((r) => r[0])].sort((a, b) => a.localeCompare(b)),
      );
      expect((await migrator.migrateToLatest()).error).toBeUndefined();
      expect(await store.notifySettings.find(other.id, `unit:${theirs.id}`)).toMatchObject({ version: 1 });
    } finally {
      await store.close();
    }
  });
});
