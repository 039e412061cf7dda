/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/**
 * The street or town office each Changping area had when this migration was written, as the
 * 接诉即办 setup created them (src/requests/places.ts CHANGPING_UNITS at 20261127: a street's
 * office is 「…街道办事处」, a town's 「…镇人民政府」). Copied, not imported: the names must stay
 * what they were then, whatever places.ts says later.
 */
const OFFICES: readonly (readonly [area: string, name: string])[] = [
  ['城北街道', '城北街道办事处'],
  ['城南街道', '城南街道办事处'],
  ['回龙观街道', '回龙观街道办事处'],
  ['龙泽园街道', '龙泽园街道办事处'],
  ['史各庄街道', '史各庄街道办事处'],
  ['霍营街道', '霍营街道办事处'],
  ['天通苑北街道', '天通苑北街道办事处'],
  ['天通苑南街道', '天通苑南街道办事处'],
  ['东小口镇', '东小口镇人民政府'],
  ['南口镇', '南口镇人民政府'],
  ['沙河镇', '沙河镇人民政府'],
  ['小汤山镇', '小汤山镇人民政府'],
  ['北七家镇', '北七家镇人民政府'],
  ['马池口镇', '马池口镇人民政府'],
  ['南邵镇', '南邵镇人民政府'],
  ['阳坊镇', '阳坊镇人民政府'],
  ['百善镇', '百善镇人民政府'],
  ['崔村镇', '崔村镇人民政府'],
  ['兴寿镇', '兴寿镇人民政府'],
  ['流村镇', '流村镇人民政府'],
  ['十三陵镇', '十三陵镇人民政府'],
  ['延寿镇', '延寿镇人民政府'],
];

/**
 * Units get `area`: the street or town (街道/镇) a street or town office governs, which 属地
 * dispatch sends that area's orders to; null for departments, enterprises and the rest. At most
 * one unit governs an area (a unique index; both engines let many rows hold null).
 *
 * Data: until now the 接诉即办 setup matched areas to units by name on every start, so a database
 * made before this migration holds the offices under the names above. Each unit that still has
 * one of those names gets its area here, once; from then on the area is the unit's own and
 * survives a rename. Units renamed before this migration get none (an admin sets it).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('units').addColumn('area', 'text').execute();
  await db.schema.createIndex('units_area').on('units').column('area').unique().execute();
  for (const [area, name] of OFFICES) {
    await db.updateTable('units').set({ area }).where('name', '=', name).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('units_area').execute();
  await db.schema.alterTable('units').dropColumn('area').execute();
}
