/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import { sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

/** Scopes that were never a jurisdiction's: the commenter secret and the followers' run mark. */
const DEPLOYMENT_SCOPES = ['comments:secret', 'follows:told'];

/**
 * The notification settings become a jurisdiction's (issue 16.2), keyed by
 * `(jurisdiction_id, scope)`: a person's (`user:5`) are their jurisdiction's, a unit's
 * (`unit:3`) its unit's, the office's (`office:notify`, `office:chase`, `office:bulletin`)
 * jurisdiction 1's, which owned the deployment's data; every other jurisdiction starts from the
 * defaults (no channel, no robot: nothing sent until its office sets them). The two values that
 * are the deployment's (the secret commenter keys are made with, and where the followers' run
 * stopped) move to `deployment_settings`, keyed by name. The table is made anew and its rows
 * copied, the same on both engines (SQLite cannot change a primary key in place).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notify_settings_owned')
    .addColumn('jurisdiction_id', 'integer', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('scope', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('notify_settings_owned_pk', ['jurisdiction_id', 'scope'])
    .execute();
  await db.schema
    .createTable('deployment_settings')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into notify_settings_owned (jurisdiction_id, scope, data, version, updated_by, updated_at)
    select coalesce(
        (select u.jurisdiction_id from units u where s.scope = 'unit:' || cast(u.id as text)),
        (select p.jurisdiction_id from users p where s.scope = 'user:' || cast(p.id as text)),
        1),
      s.scope, s.data, s.version, s.updated_by, s.updated_at
    from notify_settings s
    where s.scope not in (${sql.join(DEPLOYMENT_SCOPES)})`.execute(db);
  await sql`insert into deployment_settings (name, data, version, updated_at)
    select scope, data, version, updated_at from notify_settings
    where scope in (${sql.join(DEPLOYMENT_SCOPES)})`.execute(db);
  await db.schema.dropTable('notify_settings').execute();
  await db.schema.alterTable('notify_settings_owned').renameTo('notify_settings').execute();
}

/**
 * Back to one set for the deployment: every person's and unit's settings (their ids are the
 * deployment's), jurisdiction 1's office settings, and the deployment's two values.
 */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('notify_settings_shared')
    .addColumn('scope', 'text', (c) => c.primaryKey())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_by', 'integer')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  await sql`insert into notify_settings_shared (scope, data, version, updated_by, updated_at)
    select scope, data, version, updated_by, updated_at from notify_settings
    where jurisdiction_id = 1 or scope like 'user:%' or scope like 'unit:%'`.execute(db);
  await sql`insert into notify_settings_shared (scope, data, version, updated_by, updated_at)
    select name, data, version, null, updated_at from deployment_settings`.execute(db);
  await db.schema.dropTable('deployment_settings').execute();
  await db.schema.dropTable('notify_settings').execute();
  await db.schema.alterTable('notify_settings_shared').renameTo('notify_settings').execute();
}
