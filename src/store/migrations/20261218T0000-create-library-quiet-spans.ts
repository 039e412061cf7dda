/* eslint-disable @typescript-eslint/no-explicit-any -- migrations use Kysely<any>, frozen in time (STYLE.md) */
import { PostgresAdapter } from 'kysely';
import type { Kysely } from 'kysely';

// Frozen in time: this file imports no application code (STYLE.md, migrations).

const isPostgres = (db: Kysely<any>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * A library project's quiet spans (the stale list, issue 17's figures): the days [from_on, to_on)
 * in which nothing newer than last_on moved (a stage change, a 形象进度 report, the end of a month
 * with investment), kept only where the project can go stale (a month or more), so the stale
 * list is one indexed query instead of a probe per project into the monthly figures. Written with
 * the project and its figures by its repository. Existing projects get theirs here.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = isPostgres(db);
  await db.schema
    .createTable('library_quiet_spans')
    .addColumn('jurisdiction_id', 'integer', (c) => c.notNull().references('jurisdictions.id'))
    .addColumn('project_id', 'integer', (c) =>
      pg ? c.notNull() : c.notNull().references('library_projects.id').onDelete('cascade'),
    )
    .addColumn('from_on', 'text', (c) => c.notNull())
    .addColumn('to_on', 'text', (c) => c.notNull())
    .addColumn('last_on', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('library_quiet_spans_pkey', ['jurisdiction_id', 'project_id', 'from_on'])
    .$call((t) =>
      pg
        ? t.addForeignKeyConstraint(
            'library_quiet_spans_project_fkey',
            ['jurisdiction_id', 'project_id'],
            'library_projects',
            ['jurisdiction_id', 'id'],
            (c) => c.onDelete('cascade'),
          )
        : t,
    )
    .execute();
  // The stale list: spans quiet since the cutoff or earlier, in the list's order (oldest movement,
  // then id), so a page stops after its rows; the day's bounds are read from the index alone.
  await db.schema
    .createIndex('library_quiet_spans_last')
    .on('library_quiet_spans')
    .columns(['jurisdiction_id', 'last_on', 'project_id', 'to_on', 'from_on'])
    .execute();
  await backfill(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('library_quiet_spans').execute();
}

const pad = (n: number) => String(n).padStart(2, '0');
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
function monthEnd(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return `${month}-${pad(daysIn(y, m))}`;
}
/** The day before `date`, one month earlier (the day clamped to the month's length). */
function monthBeforeDayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  const total = d.getUTCFullYear() * 12 + d.getUTCMonth() - 1;
  const y = Math.floor(total / 12);
  const m = (total % 12) + 1;
  return `${y}-${pad(m)}-${pad(Math.min(d.getUTCDate(), daysIn(y, m)))}`;
}

async function backfill(db: Kysely<any>): Promise<void> {
  const projects = await db
    .selectFrom('library_projects')
    .select(['id', 'jurisdiction_id', 'history', 'progress'])
    .execute();
  const rows: Record<string, unknown>[] = [];
  for (const p of projects as any[]) {
    const invested = await db
      .selectFrom('library_investments')
      .select('month')
      .where('project_id', '=', p.id)
      .where('amount', '>', 0)
      .execute();
    const moves = [
      ...(JSON.parse(String(p.history)) as { date: string }[]).map((e) => ({ from: e.date, last: e.date })),
      ...(JSON.parse(String(p.progress)) as { date: string }[]).map((e) => ({ from: e.date, last: e.date })),
      ...(invested as any[]).map((r) => ({ from: `${String(r.month)}-01`, last: monthEnd(String(r.month)) })),
    ].sort((a, b) => a.from.localeCompare(b.from));
    let last = '';
    moves.forEach((move, i) => {
      if (move.last > last) last = move.last;
      const next = moves[i + 1]?.from;
      if (next === move.from) return;
      const to = next ?? '9999-12-31';
      if (to === '9999-12-31' || monthBeforeDayBefore(to) >= last)
        rows.push({
          jurisdiction_id: p.jurisdiction_id,
          project_id: p.id,
          from_on: move.from,
          to_on: to,
          last_on: last,
        });
    });
  }
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('library_quiet_spans')
      .values(rows.slice(i, i + 500))
      .execute();
}
