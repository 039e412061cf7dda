/**
 * A closer look than `npm run eval`: runs the reader on reports and prints, beside the scores,
 * every missed and spurious item and each mismatch on matched items (kind, period, comparator,
 * metric), with the doubts the reader gave it.
 * Usage: npx tsx scripts/dev-score.ts [NAME ...] [--heldout] [--shared DIR]
 *   NAME is a gold file of ../shared/eval/gold (its report read from ../shared/reports), or with
 *   --heldout a held-back annotation of test/fixtures/reports/heldout (default: all of them).
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { extractReport } from '../src/report/index.js';
import type { Item } from '../src/report/index.js';
import { listHeldOut, readHeldOut, restrictTo } from '../test/fixtures/reports/index.js';
import { charOverlap, score } from '../test/fixtures/reports/score.js';
import type { Scorable } from '../test/fixtures/reports/score.js';

const args = process.argv.slice(2);
const at = args.indexOf('--shared');
const shared = resolve(
  at >= 0 && args[at + 1] ? (args[at + 1] as string) : join(import.meta.dirname, '..', '..', 'shared'),
);
const heldout = args.includes('--heldout');
const names = args.filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--shared');
const goldDir = join(shared, 'eval', 'gold');

function load(name: string): { text: string; gold: Scorable; restrict: (x: Scorable) => Scorable } {
  if (heldout) {
    const { fixture, text } = readHeldOut(name);
    return { text, gold: fixture, restrict: (x) => restrictTo(fixture, x) };
  }
  const text = readFileSync(join(shared, 'reports', `${name}.txt`), 'utf8');
  const gold = JSON.parse(readFileSync(join(goldDir, `${name}.json`), 'utf8')) as Scorable;
  return { text, gold, restrict: (x) => x };
}

const chosen = names.length
  ? names
  : heldout
    ? listHeldOut()
    : existsSync(goldDir)
      ? readdirSync(goldDir)
          .filter((f) => f.endsWith('.json'))
          .map((f) => f.replace(/\.json$/, ''))
      : [];
const pct = (x: number): string => (100 * x).toFixed(1);
for (const name of chosen) {
  const { text, gold, restrict } = load(name);
  const x = extractReport(text);
  const pred = restrict(x);
  const s = score(gold, pred);
  console.log(`\n== ${name}`);
  console.log(
    `items F1 ${pct(s.items.f1)} (${s.items.matched}/${s.items.gold}/${s.items.predicted}); projects F1 ${pct(s.projects.f1)}; outline F1 ${pct(s.outline.f1)}`,
  );
  console.log(
    `matched: kind ${pct(s.items.kind)} period ${pct(s.items.period)} comparator ${pct(s.items.comparator)} unit ${pct(s.items.unit)} metric ${pct(s.items.metric)}`,
  );
  if (x.warnings.length) console.log(`warnings: ${x.warnings.map((w) => w.code).join(', ')}`);
  if (s.missed.length) console.log(`missed: ${s.missed.join(' | ')}`);
  const matched = new Map(s.itemPairs.map(([g, p]) => [p, g]));
  pred.items.forEach((p, k) => {
    const doubts = (p as Item).doubts?.join(',') ?? '';
    const g = matched.get(k);
    if (g === undefined) {
      console.log(`  spurious ${p.quote ?? ''} (${doubts})`);
      return;
    }
    const want = gold.items[g];
    if (!want) return;
    const bad: string[] = [];
    if (p.kind !== want.kind) bad.push(`kind ${p.kind}≠${want.kind}`);
    if (String(p.period) !== String(want.period)) bad.push(`period ${p.period}≠${want.period}`);
    if (p.comparator !== want.comparator) bad.push(`cmp ${p.comparator}≠${want.comparator}`);
    if (charOverlap(p.metric, want.metric) < 0.5) bad.push(`metric ${p.metric}≠${want.metric}`);
    if (bad.length) console.log(`  ${want.quote ?? ''}: ${bad.join('; ')} (${doubts})`);
  });
}
