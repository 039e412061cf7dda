/**
 * `npm run eval`: scores the reader against the adjudicated gold files in ../shared/eval/gold
 * (with ../shared/eval/score.mjs, GUIDE.md) and against the held-back annotations in
 * test/fixtures/reports/heldout/, prints one table, and exits 1 when a figure is under its
 * floor (issue 13):
 *   gold:      items F1 ≥ 0.98, projects F1 ≥ 0.95, outline F1 ≥ 0.99, period on matched items
 *              ≥ 0.97, and the least confident 10% of predicted items hold at least half of the
 *              item errors (spurious, or matched with another kind, period, comparator or unit);
 *   held-back: items F1 ≥ 0.97, projects F1 ≥ 0.90 (predictions restricted to the annotated
 *              paragraphs; a fixture with no project either side has nothing to score).
 * Usage: npm run eval [-- --shared DIR] [--details]
 *   --shared DIR  the shared folder (default: ../shared beside the repository)
 *   --details     lists missed and spurious items of each report
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { extractReport } from '../src/report/index.js';
import type { Extraction } from '../src/report/index.js';
import { listHeldOut, readHeldOut, restrictTo } from '../test/fixtures/reports/index.js';
import { itemAgrees, score } from '../test/fixtures/reports/score.js';
import type { Scorable, ScoredItem, Scores } from '../test/fixtures/reports/score.js';

const GOLD_FLOORS = { items: 0.98, projects: 0.95, outline: 0.99, period: 0.97 };
const HELD_FLOORS = { items: 0.97, projects: 0.9 };
/** The least confident share of predicted items that must hold half the item errors. */
const DOUBT_SHARE = 0.1;

const args = process.argv.slice(2);
const sharedAt = args.indexOf('--shared');
const shared = resolve(
  sharedAt >= 0 && args[sharedAt + 1]
    ? (args[sharedAt + 1] as string)
    : join(import.meta.dirname, '..', '..', 'shared'),
);
const details = args.includes('--details');
const scorer = join(shared, 'eval', 'score.mjs');
if (!existsSync(scorer)) {
  console.error(
    `npm run eval: no scorer at ${scorer}. It needs the shared folder (eval/score.mjs, eval/gold, reports) beside the repository, or give it with --shared DIR.`,
  );
  process.exit(2);
}

interface Doubt {
  errors: number;
  /** Errors among the least confident 10% of predicted items. */
  caught: number;
  lowest: number;
  holds: boolean;
}

interface Row {
  name: string;
  scores: Scores;
  doubt?: Doubt;
  failures: string[];
}

const work = mkdtempSync(join(tmpdir(), 'luoshi-eval-'));
const rows: Row[] = [];
const heldRows: Row[] = [];
try {
  const goldDir = join(shared, 'eval', 'gold');
  const goldFiles = readdirSync(goldDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  for (const file of goldFiles) {
    const name = file.replace(/\.json$/, '');
    const reportPath = join(shared, 'reports', `${name}.txt`);
    if (!existsSync(reportPath)) {
      rows.push({ name, scores: emptyScores(), failures: [`no report ${reportPath} for this gold file`] });
      continue;
    }
    const gold = JSON.parse(readFileSync(join(goldDir, file), 'utf8')) as Scorable;
    const x = extractReport(readFileSync(reportPath, 'utf8'));
    const scores = scoreBoth(name, join(goldDir, file), gold, predictionOf(x));
    const doubt = checkDoubt(gold.items, x.items, scores);
    const failures = under(scores, GOLD_FLOORS);
    if (!doubt.holds)
      failures.push(
        `the least confident ${doubt.lowest} items hold ${doubt.caught} of ${doubt.errors} item errors`,
      );
    rows.push({ name, scores, doubt, failures });
  }
  for (const name of listHeldOut()) {
    const { fixture, text } = readHeldOut(name);
    const x = extractReport(text);
    const pred = restrictTo(fixture, predictionOf(x));
    const goldPath = join(work, `${name}.gold.json`);
    writeFileSync(goldPath, JSON.stringify(fixture));
    const scores = scoreBoth(name, goldPath, fixture, pred);
    const doubt = checkDoubt(fixture.items, pred.items as Extraction['items'], scores);
    const failures = under(scores, {
      items: HELD_FLOORS.items,
      ...(fixture.projects.length || pred.projects.length ? { projects: HELD_FLOORS.projects } : {}),
    });
    heldRows.push({ name, scores, doubt, failures });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

printTable('Gold files (../shared/eval/gold)', rows);
printTable('Held-back fixtures (test/fixtures/reports/heldout)', heldRows);
const failed = [...rows, ...heldRows].filter((r) => r.failures.length);
if (failed.length) {
  console.log('\nUnder the floors:');
  for (const r of failed) console.log(`  ${r.name}: ${r.failures.join('; ')}`);
  process.exit(1);
}
console.log('\nEvery figure is at or above its floor.');

function predictionOf(x: Extraction): Scorable & Pick<Extraction, 'items'> {
  return { items: x.items, projects: x.projects, outline: x.outline };
}

/** Scores with the shared scorer and checks that the repository's copy of the rules agrees. */
function scoreBoth(name: string, goldPath: string, gold: Scorable, pred: Scorable): Scores {
  const predPath = join(work, `${name}.pred.json`);
  writeFileSync(predPath, JSON.stringify(pred));
  const out = execFileSync(process.execPath, [scorer, goldPath, predPath, '--json'], { encoding: 'utf8' });
  const fromShared = JSON.parse(out) as Scores;
  const local = score(gold, pred);
  for (const part of ['items', 'projects', 'outline'] as const) {
    if (Math.abs(fromShared[part].f1 - local[part].f1) > 1e-9)
      throw new Error(
        `${name}: the repository's scorer (test/fixtures/reports/score.ts) gives ${part} F1 ${local[part].f1}, the shared one ${fromShared[part].f1}`,
      );
  }
  return { ...fromShared, itemPairs: local.itemPairs };
}

/**
 * Doubt: sorted by confidence, the least confident 10% of the predicted items must hold at least
 * half of the item errors (spurious items, and matched ones with another kind, period, comparator
 * or unit). An item without a confidence counts as fully confident.
 */
function checkDoubt(goldItems: ScoredItem[], predicted: Extraction['items'], scores: Scores): Doubt {
  const matchOf = new Map(scores.itemPairs.map(([g, p]) => [p, g]));
  const wrong = predicted.map((p, k) => {
    const g = matchOf.get(k);
    return g === undefined || !itemAgrees(goldItems[g] as ScoredItem, p);
  });
  const errors = wrong.filter(Boolean).length;
  const lowest = Math.ceil(predicted.length * DOUBT_SHARE);
  const order = predicted
    .map((p, k) => ({ k, c: (p as { confidence?: number }).confidence ?? 1 }))
    .sort((a, b) => a.c - b.c || a.k - b.k)
    .slice(0, lowest);
  const caught = order.filter(({ k }) => wrong[k]).length;
  return { errors, caught, lowest, holds: errors === 0 || caught * 2 >= errors };
}

function under(
  s: Scores,
  floors: Partial<Record<'items' | 'projects' | 'outline' | 'period', number>>,
): string[] {
  const out: string[] = [];
  const check = (label: string, value: number, floor: number | undefined) => {
    if (floor !== undefined && value < floor) out.push(`${label} ${value.toFixed(3)} < ${floor}`);
  };
  check('items F1', s.items.f1, floors.items);
  check('projects F1', s.projects.f1, floors.projects);
  check('outline F1', s.outline.f1, floors.outline);
  check('period', s.items.period, floors.period);
  return out;
}

function printTable(title: string, list: Row[]): void {
  const f = (x: number) => x.toFixed(3);
  const n = (m: { matched: number; gold: number; predicted: number }) =>
    `${m.matched}/${m.gold}/${m.predicted}`;
  console.log(`\n${title}`);
  console.log(
    '| report | items F1 (m/g/p) | projects F1 (m/g/p) | outline F1 | kind | period | comparator | unit | metric | doubt: errors in lowest 10% |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of list) {
    const s = r.scores;
    const projects =
      s.projects.gold || s.projects.predicted ? `${f(s.projects.f1)} (${n(s.projects)})` : '— (0/0/0)';
    const doubt = r.doubt ? `${r.doubt.caught} of ${r.doubt.errors} (lowest ${r.doubt.lowest})` : '';
    console.log(
      `| ${r.name} | ${f(s.items.f1)} (${n(s.items)}) | ${projects} | ${f(s.outline.f1)} | ${f(s.items.kind)} | ${f(s.items.period)} | ${f(s.items.comparator)} | ${f(s.items.unit)} | ${f(s.items.metric)} | ${doubt} |`,
    );
    if (details) {
      if (s.missed.length) console.log(`    missed: ${s.missed.join(' | ')}`);
      if (s.spurious.length) console.log(`    spurious: ${s.spurious.join(' | ')}`);
    }
  }
}

function emptyScores(): Scores {
  const prf = { gold: 0, predicted: 0, matched: 0, precision: 0, recall: 0, f1: 0 };
  return {
    items: { ...prf, kind: 0, period: 0, comparator: 0, unit: 0, metric: 0 },
    projects: { ...prf, stage: 0 },
    outline: prf,
    itemPairs: [],
    missed: [],
    spurious: [],
  };
}
