/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import { PostgresAdapter } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * The public copy of an evidence file (issue 19.4): made when a verdict publishes the file, its
 * metadata stripped; the public download serves it and never the original. Null while the file
 * is internal.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const blob = isPostgres(db) ? 'bytea' : 'blob';
  await db.schema.alterTable('evidence_files').addColumn('public_content', blob).execute();
  await db.schema.alterTable('evidence_files').addColumn('public_mime_type', 'text').execute();
  await db.schema.alterTable('evidence_files').addColumn('public_size', 'integer').execute();
  await db.schema.alterTable('evidence_files').addColumn('public_sha256', 'text').execute();
  await db.schema.alterTable('evidence_files').addColumn('public_at', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const column of ['public_at', 'public_sha256', 'public_size', 'public_mime_type', 'public_content']) {
    await db.schema.alterTable('evidence_files').dropColumn(column).execute();
  }
}
