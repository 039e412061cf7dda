/**
 * The 项目库 (issue 17) at scale: 2,000 then 20,000 projects over the four default libraries,
 * each with 10 years (2013–2022) of monthly investment (2.4 million figures at 20,000), on SQLite
 * (a file) and PostgreSQL (a private server, like test/global-setup.ts). Measures what the pages
 * read, as the routes call them (src/commands/library-queries.ts): the board by stage with the
 * year's promised counts, each 三未 list's first page and the stale list's — p50 and p99 of 50
 * reads each (target: p99 ≤ 100 ms on both engines) — and, for the ratio in the same run, the
 * board and the 三未 lists derived as before from every project's whole history (5 reads each).
 * `LUOSHI_BENCH_LIBRARY_SIZES=2000,20000` (the default) names the sizes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadIdleList, loadLibraryBoard, loadStaleList } from '../src/commands/library-queries.js';
import {
  DEFAULT_LIBRARIES,
  DEFAULT_STAGE_MODEL,
  IDLE_KINDS,
  deriveIdleLists,
  deriveQuietSpans,
  deriveStageBoard,
  deriveStageSpans,
} from '../src/projects/index.js';
import type { LibraryProject, MonthlyInvestment } from '../src/projects/index.js';
import { sql } from 'kysely';
import { openStore } from '../src/store/index.js';
import type { Store } from '../src/store/index.js';
import { columnsOf } from '../src/store/library.js';
import { spanRows } from '../src/store/library-spans.js';
import type { Db } from '../src/store/schema.js';
import { formatNumber } from './bench.js';
import type { Bench, Figure } from './bench.js';
import { startPostgres } from './postgres.js';

const SIZES = (process.env['LUOSHI_BENCH_LIBRARY_SIZES'] ?? '2000,20000').split(',').map(Number);
const YEARS = 10;
const READS = 50;
const BATCH = 200;
const DATE = '2022-09-30';
const STAGES = DEFAULT_STAGE_MODEL.stages.map((s) => s.id);

/** A made-up project: its stage walks the model by its index, started on a day of 2013–2022. */
function project(i: number): Omit<LibraryProject, 'id' | 'investments'> {
  const reached = 1 + (i % (STAGES.length - 1));
  const year = 2013 + (i % YEARS);
  const history = STAGES.slice(0, reached + 1).map((stage, k) => ({
    stage,
    date: `${Math.min(2022, year + Math.floor(k / 3))}-${String(1 + ((k * 2) % 12)).padStart(2, '0')}-10`,
  }));
  history.sort((a, b) => a.date.localeCompare(b.date));
  return {
    name: `合成项目${i}`,
    aliases: [],
    library: DEFAULT_LIBRARIES[i % DEFAULT_LIBRARIES.length]!.code,
    class: (['A', 'B', 'C'] as const)[i % 3]!,
    history,
    totalInvestment: 10_000 + (i % 50) * 1_000,
    annualPlans: [{ year: 2022, planned: 2_400 }],
    parcel: null,
    location: null,
    leadUnitId: 1 + (i % 50),
    leader: null,
    enterpriseId: null,
    milestones: [
      { stage: '开工', planned: `${year}-06-30` },
      { stage: '建成投用', planned: `${Math.min(2024, year + 2)}-12-31` },
    ],
    targets: [],
    progress: [],
    statsRegisteredOn: null,
    exited: null,
  };
}

/** Ten years of monthly figures; one project in five stops investing after 2021 (the stale list's). */
function months(i: number): MonthlyInvestment[] {
  const out: MonthlyInvestment[] = [];
  const until = i % 5 === 0 ? 2021 : 2022;
  for (let y = 2022 - YEARS + 1; y <= 2022; y++)
    for (let m = 1; m <= 12; m++)
      out.push({ month: `${y}-${String(m).padStart(2, '0')}`, amount: y <= until ? 100 : 0 });
  return out;
}

/**
 * The rows in bulk, as the repository writes them one by one (its columns, its stage and quiet
 * spans): projects, spans and monthly figures by the thousand (a seed of this size one by one takes
 * longer than the reads measured).
 */
async function seed(store: Store, count: number): Promise<void> {
  const db = (store as unknown as { kysely: Db }).kysely;
  const stamp = '2022-09-30T00:00:00.000Z';
  const inChunks = async <T>(rows: T[], size: number, write: (chunk: T[]) => Promise<unknown>) => {
    for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
  };
  for (let start = 0; start < count; start += BATCH) {
    const batch = Array.from({ length: Math.min(count, start + BATCH) - start }, (_, k) => ({
      ...project(start + k),
      id: start + k + 1,
    }));
    await db
      .insertInto('library_projects')
      .values(
        batch.map((p) => ({
          ...columnsOf(p),
          id: p.id,
          jurisdiction_id: 1,
          version: 1,
          created_at: stamp,
          updated_at: stamp,
        })),
      )
      .execute();
    const spans = batch.flatMap((p) => spanRows(1, p, deriveStageSpans(p, DEFAULT_STAGE_MODEL)));
    await inChunks(spans, 1000, (chunk) => db.insertInto('library_stage_spans').values(chunk).execute());
    const money = batch.flatMap((p) =>
      months(p.id - 1).map((f) => ({
        jurisdiction_id: 1,
        project_id: p.id,
        month: f.month,
        amount: f.amount,
      })),
    );
    await inChunks(money, 5000, (chunk) => db.insertInto('library_investments').values(chunk).execute());
    const quiet = batch.flatMap((p) =>
      deriveQuietSpans({ ...p, investments: months(p.id - 1) }).map((q) => ({
        jurisdiction_id: 1,
        project_id: p.id,
        from_on: q.from,
        to_on: q.to,
        last_on: q.last,
      })),
    );
    await inChunks(quiet, 1000, (chunk) => db.insertInto('library_quiet_spans').values(chunk).execute());
  }
  // Statistics, as a database in use has them (autovacuum's analyze on PostgreSQL).
  await sql`analyze`.execute(db);
}

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)]!;
};

async function timed(fn: () => Promise<unknown>, reads = READS): Promise<{ p50: number; p99: number }> {
  await fn(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < reads; i++) {
    const started = performance.now();
    await fn();
    times.push(performance.now() - started);
  }
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
}

type Read = [string, () => Promise<unknown>];

async function benchEngine(
  engine: 'sqlite' | 'postgres',
  url: string,
  count: number,
  log: (line: string) => void,
): Promise<Figure[]> {
  const store = await openStore(url);
  const figures: Figure[] = [];
  const at = `${engine} ${formatNumber(count)}`;
  try {
    const seeding = performance.now();
    await seed(store, count);
    log(
      `${at}: seeded ${formatNumber(count)} projects and ${formatNumber(count * YEARS * 12)} monthly figures ` +
        `in ${formatNumber((performance.now() - seeding) / 1000, 1)} s`,
    );
    const staleTotal = (await loadStaleList(store, DATE, 3, { limit: 1 })).page.total;
    log(`${at}: ${formatNumber(staleTotal)} projects stale (3 months) on ${DATE}`);
    const reads: Read[] = [
      ['board', () => loadLibraryBoard(store, DATE)],
      ...IDLE_KINDS.map((kind): Read => [
        `三未 ${kind}`,
        () => loadIdleList(store, DATE, kind, { limit: 50 }),
      ]),
      ['stale (3 months)', () => loadStaleList(store, DATE, 3, { limit: 50 })],
      ['stale (12 months)', () => loadStaleList(store, DATE, 12, { limit: 50 })],
    ];
    for (const [name, read] of reads) {
      const { p50, p99 } = await timed(read);
      log(
        `${at}: ${name} (target p99 ≤ 100 ms): p50 ${formatNumber(p50, 1)} ms, p99 ${formatNumber(p99, 1)} ms`,
      );
      figures.push({ name: `${at}: ${name} p99`, value: p99, unit: 'ms' });
    }
    // As before this change: every project's outline read, the board or the lists derived in memory.
    const before: Read[] = [
      [
        'board from whole histories',
        async () => deriveStageBoard(await store.library.listOutlines(), DEFAULT_STAGE_MODEL, DATE),
      ],
      [
        '三未 from whole histories',
        async () => deriveIdleLists(await store.library.listOutlines(), DEFAULT_STAGE_MODEL, DATE),
      ],
    ];
    for (const [name, read] of before) {
      const { p50, p99 } = await timed(read, 5);
      log(
        `${at}: ${name} (as before, 5 reads): p50 ${formatNumber(p50, 1)} ms, max ${formatNumber(p99, 1)} ms`,
      );
      figures.push({ name: `${at}: ${name} p50`, value: p50, unit: 'ms' });
    }
  } finally {
    await store.close();
  }
  return figures;
}

export const libraryBench: Bench = {
  name: 'library',
  async run(log) {
    const figures: Figure[] = [];
    for (const count of SIZES) {
      const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-library-'));
      try {
        figures.push(...(await benchEngine('sqlite', join(dir, 'bench.sqlite'), count, log)));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
      const postgres = await startPostgres();
      try {
        figures.push(...(await benchEngine('postgres', postgres.url, count, log)));
      } finally {
        postgres.stop();
      }
    }
    return figures;
  },
};
