import { Migrator } from 'kysely';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import { createTestDatabase } from '../../../test/pg.js';
import { openStore } from '../index.js';
import type { Database } from '../schema.js';
import { migrationProvider } from './index.js';

const BEFORE = '20261127T1200-create-request-media';

describe.each(DIALECTS)('migration 20261127T1300-add-unit-area on %s', (dialect) => {
  it('gives each street and town office of a database made before it its area, by its name then', async () => {
    const store = await openStore(dialect === 'sqlite' ? ':memory:' : await createTestDatabase(), {
      migrate: false,
    });
    try {
      const db = (store as unknown as { kysely: Kysely<Database> }).kysely;
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect((await migrator.migrateTo(BEFORE)).error).toBeUndefined();
      // What the 接诉即办 setup had made, plus a plan's units and an office renamed meanwhile.
      const created_at = '2026-11-01T00:00:00.000Z';
      // The table as it stood then: no jurisdiction_id yet (migration 20261216T0100 adds it).
      await (db as unknown as Kysely<Record<'units', Omit<Database['units'], 'jurisdiction_id'>>>)
        .insertInto('units')
        .values([
          { name: '回龙观街道办事处', kind: 'street', created_at, version: 1 },
          { name: '南口镇人民政府', kind: 'town', created_at, version: 3 },
          { name: '城北街道党群服务中心', kind: 'street', created_at, version: 2 },
          { name: '回龙观街道', kind: 'street', created_at, version: 1 },
          { name: '区水务局', kind: 'department', created_at, version: 1 },
        ])
        .execute();

      const { error, results } = await migrator.migrateToLatest();
      expect(error).toBeUndefined();
      expect(results?.map((r) => r.migrationName)).toContain('20261127T1300-add-unit-area');

      const areas = Object.fromEntries((await store.units.list()).map((u) => [u.name, u.area ?? null]));
      expect(areas).toEqual({
        回龙观街道办事处: '回龙观街道',
        南口镇人民政府: '南口镇',
        城北街道党群服务中心: null,
        回龙观街道: null,
        区水务局: null,
      });
      // From now on an area has one office: its unique key refuses a second.
      const other = await store.units.get((await store.units.findByName(1, '回龙观街道'))!.id);
      await expect(
        store.transaction((tx) => tx.units.update(other.id, { area: '回龙观街道' }, other.version)),
      ).rejects.toThrow(/unique/i);
    } finally {
      await store.close();
    }
  });
});
