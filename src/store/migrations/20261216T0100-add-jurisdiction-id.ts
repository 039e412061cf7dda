/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).
const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * Every table a jurisdiction owns, as they stood when this migration was written. Users,
 * sessions, API tokens and the official holiday tables are the deployment's (docs/DECISIONS.md).
 */
const TENANT_TABLES = [
  'units',
  'user_units',
  'plans',
  'outline_nodes',
  'tasks',
  'task_co_units',
  'achievements',
  'targets',
  'target_co_units',
  'project_lists',
  'projects',
  'tracking_settings',
  'period_locks',
  'unit_reports',
  'evidence_files',
  'figure_corrections',
  'notices',
  'extension_requests',
  'closure_applications',
  'audit_events',
  'request_orders',
  'request_events',
  'request_co_units',
  'request_catalogue_versions',
  'request_scoring_schemes',
  'request_exemptions',
  'request_themes',
  'request_task_links',
  'request_models',
  'request_follow_ups',
  'request_media',
  'decidim_sources',
] as const;

/** Tables of the deployment, never a jurisdiction's (docs/DECISIONS.md). */
const DEPLOYMENT_TABLES = new Set([
  'jurisdictions',
  'areas',
  'users',
  'sessions',
  'api_tokens',
  'request_holiday_tables',
  'kysely_migration',
  'kysely_migration_lock',
]);

interface Reference {
  table: string;
  column: string;
  ref: string;
  ref_column: string;
}

/**
 * The owned tables: those listed above, those made with a `jurisdiction_id` of their own (`made`),
 * and every table that references one of them, and so
 * on, as the catalogue holds them when this runs (a table another branch added before this
 * migration is keyed with the rest). `derived` holds, for each table not listed above, its
 * references to owned tables: its rows take the jurisdiction of the row they name (a trigger,
 * below), so the commands that write them need not know of jurisdictions. A deployment table
 * that references an owned one cannot be rekeyed: an error names it.
 */
async function ownedTables(
  db: Kysely<any>,
  made: Set<string>,
): Promise<{ owned: string[]; derived: Map<string, Reference[]> }> {
  const { rows: references } = isPostgres(db)
    ? await sql<Reference>`
        select c.conrelid::regclass::text as table, c.confrelid::regclass::text as ref,
          (select a.attname::text from pg_attribute a where a.attrelid = c.conrelid and a.attnum = c.conkey[1]) as column,
          (select a.attname::text from pg_attribute a where a.attrelid = c.confrelid and a.attnum = c.confkey[1]) as ref_column
        from pg_constraint c
        where c.contype = 'f' and c.connamespace = current_schema()::regnamespace and cardinality(c.conkey) = 1
        order by c.conrelid::regclass::text, c.conkey[1]`.execute(db)
    : await sql<Reference>`
        select m.name as "table", f."table" as ref, f."from" as "column", coalesce(f."to", 'id') as ref_column
        from sqlite_master m join pragma_foreign_key_list(m.name) f
        where m.type = 'table'
        order by m.name, f.id`.execute(db);
  const owned = new Set<string>([...TENANT_TABLES, ...[...made].filter((t) => !DEPLOYMENT_TABLES.has(t))]);
  const derived = new Map<string, Reference[]>();
  for (let grown = true; grown;) {
    grown = false;
    for (const reference of references) {
      const { table, ref } = reference;
      if (!owned.has(ref) || owned.has(table) || table === ref) continue;
      if (DEPLOYMENT_TABLES.has(table))
        throw new Error(`deployment table ${table} references ${ref}, which belongs to a jurisdiction`);
      owned.add(table);
      grown = true;
    }
  }
  for (const reference of references) {
    if (TENANT_TABLES.includes(reference.table as never) || !owned.has(reference.table)) continue;
    if (!owned.has(reference.ref) || reference.ref === reference.table) continue;
    derived.set(reference.table, [...(derived.get(reference.table) ?? []), reference]);
  }
  return { owned: [...owned], derived };
}

/** Owned tables made with their `jurisdiction_id` already (issue 17's, written with their owner). */
async function withColumn(db: Kysely<any>): Promise<Set<string>> {
  const { rows } = isPostgres(db)
    ? await sql<{ table: string }>`
        select table_name as table from information_schema.columns
        where table_schema = current_schema() and column_name = 'jurisdiction_id'`.execute(db)
    : await sql<{ table: string }>`
        select m.name as "table" from sqlite_master m join pragma_table_info(m.name) c
        where m.type = 'table' and c.name = 'jurisdiction_id'`.execute(db);
  return new Set(rows.map((r) => r.table));
}

/** The jurisdiction of the first row a new row names, as an SQL expression over `new`. */
const jurisdictionOfNew = (references: Reference[]) => {
  const each = references.map(
    (r) => `(select p.jurisdiction_id from "${r.ref}" p where p."${r.ref_column}" = new."${r.column}")`,
  );
  return each.length === 1 ? each[0]! : `coalesce(${each.join(', ')})`;
};

/** Tables read by jurisdiction first: an index on it (PostgreSQL's keys start with it anyway). */
const ROOTS = ['units', 'plans', 'audit_events', 'request_orders', 'request_themes'] as const;

/**
 * Every row a jurisdiction owns carries `jurisdiction_id` (issue 16.2); rows made before this
 * migration belong to jurisdiction 1. Names that were unique in the one place are unique
 * within a jurisdiction now: a unit's name and area, a catalogue or scoring scheme version,
 * a stored model's name. Units get their aliases (`unit_aliases`).
 *
 * On PostgreSQL, the way to Citus (docs/DECISIONS.md): `jurisdiction_id` leads every primary
 * key, unique key and foreign key between these tables; a foreign key that set its column to
 * null on delete sets only that column (`on delete set null (col)`). Ids stay unique on their
 * own (one sequence per table), so `/plans/7` still names one plan. On SQLite the ids stay the
 * rowid keys (a composite key would lose AUTOINCREMENT) and the per-jurisdiction uniques above
 * are rebuilt; the commands keep a row's references inside its jurisdiction.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (isPostgres(db)) await upPostgres(db);
  else await upSqlite(db);
  for (const table of ROOTS) {
    await db.schema.createIndex(`${table}_jurisdiction`).on(table).column('jurisdiction_id').execute();
  }
  await db.schema
    .createTable('unit_aliases')
    .addColumn('jurisdiction_id', 'integer', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('alias', 'text', (c) => c.notNull())
    .addColumn('unit_id', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('unit_aliases_pk', ['jurisdiction_id', 'alias'])
    .addForeignKeyConstraint(
      'unit_aliases_unit_fk',
      ['jurisdiction_id', 'unit_id'],
      'units',
      ['jurisdiction_id', 'id'],
      (c) => c.onDelete('cascade'),
    )
    .execute();
}

interface ForeignKey {
  table: string;
  name: string;
  columns: string[];
  ref_table: string;
  ref_columns: string[];
  on_delete: string;
}

const ON_DELETE: Record<string, string> = {
  a: 'no action',
  r: 'restrict',
  c: 'cascade',
  n: 'set null',
  d: 'set default',
};

async function upPostgres(db: Kysely<any>): Promise<void> {
  const made = await withColumn(db);
  const { owned, derived } = await ownedTables(db, made);
  const tables = sql.join(owned.map((t) => sql.lit(t)));
  for (const table of owned.filter((t) => !made.has(t))) {
    await sql`alter table ${sql.table(table)} add column jurisdiction_id integer not null default 1 references jurisdictions (id)`.execute(
      db,
    );
    await sql`alter table ${sql.table(table)} alter column jurisdiction_id drop default`.execute(db);
  }
  for (const [table, references] of derived) {
    if (made.has(table)) continue;
    await sql
      .raw(
        `create function "${table}_jurisdiction"() returns trigger language plpgsql as $$ begin
          if new.jurisdiction_id is null then new.jurisdiction_id := ${jurisdictionOfNew(references)}; end if;
          return new;
        end $$`,
      )
      .execute(db);
    await sql
      .raw(
        `create trigger "${table}_jurisdiction" before insert on "${table}" for each row execute function "${table}_jurisdiction"()`,
      )
      .execute(db);
  }
  // Foreign keys between owned tables go first: the keys they point at are rebuilt below. Every
  // key pointing at an owned table is among them (ownedTables took in every table holding one).
  const { rows: foreignKeys } = await sql<ForeignKey>`
    select c.conrelid::regclass::text as table, c.conname as name, c.confdeltype as on_delete,
      c.confrelid::regclass::text as ref_table,
      array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as columns,
      array(select a.attname::text from unnest(c.confkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) as ref_columns
    from pg_constraint c
    where c.contype = 'f' and c.conrelid::regclass::text in (${tables}) and c.confrelid::regclass::text in (${tables})`.execute(
    db,
  );
  for (const fk of foreignKeys) {
    await sql`alter table ${sql.table(fk.table)} drop constraint ${sql.id(fk.name)}`.execute(db);
  }
  const { rows: keys } = await sql<{ table: string; name: string; type: string; columns: string[] }>`
    select c.conrelid::regclass::text as table, c.conname as name, c.contype as type,
      array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as columns
    from pg_constraint c
    where c.contype in ('p', 'u') and c.conrelid::regclass::text in (${tables})`.execute(db);
  for (const key of keys) {
    if (key.columns[0] === 'jurisdiction_id') continue;
    const columns = sql.join(['jurisdiction_id', ...key.columns].map((c) => sql.id(c)));
    await sql`alter table ${sql.table(key.table)} drop constraint ${sql.id(key.name)}`.execute(db);
    await sql`alter table ${sql.table(key.table)} add constraint ${sql.id(key.name)} ${sql.raw(key.type === 'p' ? 'primary key' : 'unique')} (${columns})`.execute(
      db,
    );
  }
  // Unique indexes that are not constraints (a partial or late one, e.g. units_area).
  const { rows: indexes } = await sql<{ name: string; definition: string }>`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i
    where i.indisunique and i.indrelid::regclass::text in (${tables})
      and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)`.execute(db);
  for (const index of indexes) {
    await sql`drop index ${sql.id(index.name)}`.execute(db);
    await sql.raw(index.definition.replace(/ USING (\w+) \(/, ' USING $1 (jurisdiction_id, ')).execute(db);
  }
  for (const fk of foreignKeys) {
    const columns = sql.join(['jurisdiction_id', ...fk.columns].map((c) => sql.id(c)));
    const refColumns = sql.join(['jurisdiction_id', ...fk.ref_columns].map((c) => sql.id(c)));
    // Setting the whole key to null would null jurisdiction_id too: only the reference goes.
    const onDelete =
      fk.on_delete === 'n'
        ? sql`on delete set null (${sql.join(fk.columns.map((c) => sql.id(c)))})`
        : sql.raw(`on delete ${ON_DELETE[fk.on_delete] ?? 'no action'}`);
    await sql`alter table ${sql.table(fk.table)} add constraint ${sql.id(fk.name)} foreign key (${columns}) references ${sql.table(fk.ref_table)} (${refColumns}) ${onDelete}`.execute(
      db,
    );
  }
  // A row is still looked up by its id alone (/tasks/7): the keys now start with the jurisdiction.
  const { rows: withId } = await sql<{ table: string }>`
    select table_name as table from information_schema.columns
    where table_schema = current_schema() and column_name = 'id' and table_name in (${tables})`.execute(db);
  for (const { table } of withId) {
    await sql`create index ${sql.id(`${table}_id`)} on ${sql.table(table)} (id)`.execute(db);
  }
}

/** SQLite: the column on every owned table, and the tables whose unique keys change rebuilt. */
async function upSqlite(db: Kysely<any>): Promise<void> {
  const made = await withColumn(db);
  const { owned, derived } = await ownedTables(db, made);
  for (const table of owned.filter((t) => !made.has(t))) {
    // SQLite adds no foreign key with a non-null default: jurisdiction 1 is checked by the commands.
    await sql`alter table ${sql.table(table)} add column jurisdiction_id integer not null default 1`.execute(
      db,
    );
  }
  // A rebuild with foreign keys off (SQLite's own procedure, https://sqlite.org/lang_altertable.html):
  // dropping the old units must not cascade to the rows that name them.
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await sql`begin`.execute(db);
    await rebuild(
      db,
      'units',
      `create table units_new ("id" integer primary key autoincrement, "jurisdiction_id" integer not null references "jurisdictions" ("id"), "name" text not null, "kind" text not null, "created_at" text default CURRENT_TIMESTAMP not null, "version" integer default 1 not null, "area" text, constraint "units_name_key" unique ("jurisdiction_id", "name"), constraint "units_id_key" unique ("jurisdiction_id", "id"))`,
      'id, jurisdiction_id, name, kind, created_at, version, area',
    );
    await sql`create unique index "units_area" on "units" ("jurisdiction_id", "area")`.execute(db);
    await rebuild(
      db,
      'request_catalogue_versions',
      `create table request_catalogue_versions_new ("jurisdiction_id" integer not null references "jurisdictions" ("id"), "version" integer not null, "effective_from" text not null, "note" text not null, "rows" text not null, constraint "request_catalogue_versions_pkey" primary key ("jurisdiction_id", "version"))`,
      'jurisdiction_id, version, effective_from, note, rows',
    );
    await rebuild(
      db,
      'request_scoring_schemes',
      `create table request_scoring_schemes_new ("jurisdiction_id" integer not null references "jurisdictions" ("id"), "version" integer not null, "effective_from" text not null, "scheme" text not null, constraint "request_scoring_schemes_pkey" primary key ("jurisdiction_id", "version"))`,
      'jurisdiction_id, version, effective_from, scheme',
    );
    await rebuild(
      db,
      'request_models',
      `create table request_models_new ("jurisdiction_id" integer not null references "jurisdictions" ("id"), "name" text not null, "trained_at" text not null, "model" text not null, constraint "request_models_pkey" primary key ("jurisdiction_id", "name"))`,
      'jurisdiction_id, name, trained_at, model',
    );
    await sql`commit`.execute(db);
  } catch (error) {
    await sql`rollback`.execute(db);
    throw error;
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
  // A task link is kept by its key within the jurisdiction, as on PostgreSQL (an upsert's target).
  await sql`create unique index "request_task_links_jurisdiction" on "request_task_links" ("jurisdiction_id", "source_key", "task_id")`.execute(
    db,
  );
  // After the rebuild: SQLite checks a trigger's tables when one it names is renamed. A table
  // made owned by reference gets each of its keys again led by the jurisdiction, as on
  // PostgreSQL, so an upsert names the same key on both engines.
  for (const table of derived.keys()) {
    if (made.has(table)) continue;
    const { rows: keys } = await sql<{ name: string; columns: string }>`
      select l.name as name, (select group_concat('"' || i.name || '"', ', ') from pragma_index_info(l.name) i) as columns
      from pragma_index_list(${table}) l where l."unique" = 1 and l.origin in ('pk', 'u')`.execute(db);
    for (const [n, key] of keys.entries()) {
      await sql
        .raw(
          `create unique index "${table}_jurisdiction_key${n}" on "${table}" ("jurisdiction_id", ${key.columns})`,
        )
        .execute(db);
    }
  }
  for (const [table, references] of derived) {
    if (made.has(table)) continue;
    await sql
      .raw(
        `create trigger "${table}_jurisdiction" after insert on "${table}" for each row begin
          update "${table}" set jurisdiction_id = coalesce(${jurisdictionOfNew(references)}, new.jurisdiction_id)
          where rowid = new.rowid;
        end`,
      )
      .execute(db);
  }
  const { rows } = await sql<{ table: string }>`pragma foreign_key_check`.execute(db);
  if (rows.length > 0)
    throw new Error(`foreign keys broken by the rebuild: ${JSON.stringify(rows.slice(0, 5))}`);
}

async function rebuild(db: Kysely<any>, table: string, create: string, columns: string): Promise<void> {
  const indexes = await sql<{
    sql: string;
  }>`select sql from sqlite_master where type = 'index' and tbl_name = ${table} and sql is not null`.execute(
    db,
  );
  await sql.raw(create).execute(db);
  await sql.raw(`insert into ${table}_new (${columns}) select ${columns} from ${table}`).execute(db);
  await sql.raw(`drop table ${table}`).execute(db);
  await sql.raw(`alter table ${table}_new rename to ${table}`).execute(db);
  // Indexes of the old table other than the unique keys redone above.
  for (const index of indexes.rows) if (!/unique/i.test(index.sql)) await sql.raw(index.sql).execute(db);
}

export async function down(): Promise<void> {
  throw new Error(
    '20261216T0100-add-jurisdiction-id cannot be undone: restore the backup taken before upgrading',
  );
}
