/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/**
 * API tokens expire (issue 12.4): `expires_at`, an ISO instant. Tokens made before have 90
 * days from this migration, as a new token has by default.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_tokens').addColumn('expires_at', 'text').execute();
  const expires = new Date(Date.now() + 90 * 24 * 3600 * 1000).toISOString();
  await db.updateTable('api_tokens').set({ expires_at: expires }).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('api_tokens').dropColumn('expires_at').execute();
}
