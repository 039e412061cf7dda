/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/**
 * The area a street or town office governs, by how such offices are named: 「X街道办事处」 governs
 * X街道, 「X镇人民政府」 X镇 (the 接诉即办 setup of the time named them so).
 */
function areaOf(name: string): string | undefined {
  return /^(.+街道)办事处$/.exec(name)?.[1] ?? /^(.+镇)人民政府$/.exec(name)?.[1];
}

/**
 * Units get `area`: the street or town (街道/镇) a street or town office governs, which 属地
 * dispatch sends that area's orders to; null for departments, enterprises and the rest. At most
 * one unit governs an area (a unique index; both engines let many rows hold null).
 *
 * Data: until now the 接诉即办 setup matched areas to units by name on every start, so a database
 * made before this migration holds the offices under those names. Each unit named so gets its
 * area here, once (the first of two claiming one area); from then on the area is the unit's own
 * and survives a rename. Units named otherwise get none (an admin sets it).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('units').addColumn('area', 'text').execute();
  await db.schema.createIndex('units_area').on('units').column('area').unique().execute();
  const taken = new Set<string>();
  const units: { id: number; name: string }[] = await db
    .selectFrom('units')
    .select(['id', 'name'])
    .orderBy('id')
    .execute();
  for (const unit of units) {
    const area = areaOf(unit.name);
    if (area === undefined || taken.has(area)) continue;
    taken.add(area);
    await db.updateTable('units').set({ area }).where('id', '=', unit.id).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('units_area').execute();
  await db.schema.alterTable('units').dropColumn('area').execute();
}
