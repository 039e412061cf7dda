import { Migrator, sql } from 'kysely';
import type { Kysely } from 'kysely';
import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import { createTestDatabase } from '../../../test/pg.js';
import { openStore } from '../index.js';
import type { Database } from '../schema.js';
import { migrationProvider } from './index.js';

const kysely = (store: unknown) => (store as { kysely: Kysely<Database> }).kysely;

describe.each(DIALECTS)('migration 20261220T0000-own-bulletins on %s', (dialect) => {
  it('makes the 通报 a jurisdiction’s, keeping the drafts and issues made before as jurisdiction 1’s', async () => {
    const store = await openStore(dialect === 'sqlite' ? ':memory:' : await createTestDatabase(), {
      migrate: false,
    });
    try {
      const db = kysely(store);
      const migrator = new Migrator({ db, provider: migrationProvider });
      expect(
        (await migrator.migrateTo('20261219T0100-create-library-investment-calls')).error,
      ).toBeUndefined();
      const at = '2026-12-01T00:00:00.000Z';
      await sql`insert into bulletin_drafts (month, data, version, updated_at)
        values ('2026-11', '{"number":"督通〔2026〕11号"}', 3, ${at})`.execute(db);
      await sql`insert into bulletins (month, revision, number, title, snapshot, issued_by, issued_at)
        values ('2026-11', 1, '督通〔2026〕11号', '通报', '{}', 1, ${at})`.execute(db);
      await sql`insert into bulletin_units (bulletin_id, unit_id) select id, 7 from bulletins`.execute(db);
      expect((await migrator.migrateToLatest()).error).toBeUndefined();

      expect(await store.bulletins.findDraft(1, '2026-11')).toMatchObject({ version: 3 });
      const [kept] = await store.bulletins.listIssued(1);
      expect(kept).toMatchObject({ jurisdictionId: 1, revision: 1, unitIds: [7] });
      const other = await store.jurisdictions.insert({
        code: '310106',
        name: '上海市静安区',
        level: '区县',
        parentId: null,
        open311Id: '310106',
        settings: {},
      });
      expect(await store.bulletins.findDraft(other.id, '2026-11')).toBeUndefined();
      await expect(store.bulletins.getIssued(other.id, kept!.id)).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      // The same month in another jurisdiction: its own draft and revision 1, a new id after the kept one.
      expect(await store.bulletins.saveDraft(other.id, '2026-11', {}, 0, 1, at)).toBe(true);
      expect(await store.bulletins.nextRevision(other.id, '2026-11')).toBe(1);
      const theirs = await store.bulletins.insertIssued({
        jurisdictionId: other.id,
        month: '2026-11',
        revision: 1,
        number: '静督通〔2026〕1号',
        title: '通报',
        snapshot: {},
        issuedBy: 1,
        issuedAt: at,
        unitIds: [8],
      });
      expect(theirs.id).toBeGreaterThan(kept!.id);
      expect((await store.bulletins.listIssued(other.id, [8])).map((b) => b.id)).toEqual([theirs.id]);
      expect(await store.bulletins.listIssued(1, [8])).toEqual([]);
      // Deleting a bulletin takes the units it named.
      await sql`delete from bulletins where id = ${kept!.id}`.execute(db);
      const { rows } = await sql<{
        n: number;
      }>`select count(*) as n from bulletin_units where bulletin_id = ${kept!.id}`.execute(db);
      expect(Number(rows[0]?.n)).toBe(0);
    } finally {
      await store.close();
    }
  });
});
