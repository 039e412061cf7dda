/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/**
 * A jurisdiction's project library settings (issue 17): its libraries (重大项目库, 产业项目库…),
 * stage model and lamp rules as one JSON (src/projects), and the boundary its map draws (a
 * GeoJSON FeatureCollection as text; null until one is loaded). One row per jurisdiction;
 * none means the defaults.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('library_settings')
    .addColumn('jurisdiction_id', 'integer', (c) => c.primaryKey())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('boundary', 'text')
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('library_settings').execute();
}
