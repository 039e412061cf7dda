/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/** Trained category models (naive Bayes, plain JSON), newest wins. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('request_models')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('trained_at', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('request_models').execute();
}
