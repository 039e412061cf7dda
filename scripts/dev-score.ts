/**
 * Runs the reader on a report and scores its items against the gold file (GUIDE.md, Scoring).
 * Usage: npx tsx scripts/dev-score.ts [NAME ...] [--all] [--items] [--heldout]
 *   NAME is a report under ../shared/reports without .txt (default: every report with gold);
 *   --items prints each mismatch on matched items (kind, period, comparator, metric);
 *   --heldout scores the hand-annotated paragraphs of src/report/fixtures/*.heldout.json instead,
 *   predictions restricted to those paragraphs (as src/report/heldout.test.ts does);
 *   reports without gold print their items for a look by eye.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { extractReport } from '../src/report/index.js';
// @ts-expect-error: score.mjs is plain JavaScript without types
import { score } from '../../shared/eval/score.mjs';

interface GoldItem {
  span: [number, number];
  quote?: string;
  value: number;
  unit: string;
  comparator: string;
  kind: string;
  period: string;
  metric: string;
}

const shared = join(import.meta.dirname, '..', '..', 'shared');
const args = process.argv.slice(2);
const names = args.filter((a) => !a.startsWith('--'));
const detail = args.includes('--items');
const heldout = args.includes('--heldout');
const fixtures = join(import.meta.dirname, '..', 'src', 'report', 'fixtures');
const reports = readdirSync(join(shared, 'reports'))
  .filter((f) => f.endsWith('.txt'))
  .map((f) => f.replace(/\.txt$/, ''));
const goldOf = (r: string): string =>
  heldout ? join(fixtures, `${r}.heldout.json`) : join(shared, 'eval', 'gold', `${r}.json`);
const chosen = names.length ? names : reports.filter((r) => existsSync(goldOf(r)));

const pct = (x: number): string => (100 * x).toFixed(1);
for (const name of chosen) {
  const text = readFileSync(join(shared, 'reports', `${name}.txt`), 'utf8');
  const t0 = performance.now();
  const full = extractReport(text);
  const ms = performance.now() - t0;
  const goldPath = goldOf(name);
  const paragraphs = existsSync(goldPath) && heldout ? readHeldOutParagraphs(goldPath) : undefined;
  const inside = (s: [number, number]): boolean =>
    !paragraphs || paragraphs.some(([a, b]) => a <= s[0] && s[1] <= b);
  const extraction = {
    ...full,
    items: full.items.filter((i) => inside(i.span)),
    projects: full.projects.filter((p) => inside(p.span)),
  };
  console.log(`\n== ${name}: ${extraction.items.length} items, ${ms.toFixed(1)} ms`);
  if (!existsSync(goldPath)) {
    for (const it of extraction.items) {
      const ctx = text.slice(Math.max(0, it.span[0] - 14), it.span[0]).replace(/\n/g, '/');
      console.log(
        `${ctx}[${it.quote}] ${it.value} ${it.unit} ${it.comparator} ${it.kind} ${it.period} | ${it.metric}`,
      );
    }
    continue;
  }
  const gold = JSON.parse(readFileSync(goldPath, 'utf8')) as { items: GoldItem[] };
  const r = score(gold, extraction);
  const i = r.items;
  const line = (label: string, m: { precision: number; recall: number; f1: number }): string =>
    `${label} P ${pct(m.precision)} R ${pct(m.recall)} F1 ${pct(m.f1)}`;
  console.log(`${line('projects', r.projects)}; ${line('outline', r.outline)}`);
  console.log(
    `items P ${pct(i.precision)} R ${pct(i.recall)} F1 ${pct(i.f1)} (${i.matched}/${i.gold} gold, ${i.predicted} predicted)`,
  );
  console.log(
    `matched: kind ${pct(i.kind)} period ${pct(i.period)} comparator ${pct(i.comparator)} unit ${pct(i.unit)} metric ${pct(i.metric)}`,
  );
  if (r.missed.length) console.log(`missed (${r.missed.length}): ${r.missed.join(' | ')}`);
  if (r.spurious.length) console.log(`spurious (${r.spurious.length}): ${r.spurious.join(' | ')}`);
  if (detail) {
    const used = new Set<number>();
    for (const g of gold.items) {
      const k = extraction.items.findIndex(
        (p, n) => !used.has(n) && p.span[0] < g.span[1] && g.span[0] < p.span[1],
      );
      if (k < 0) continue;
      used.add(k);
      const p = extraction.items[k];
      if (!p) continue;
      const bad: string[] = [];
      if (p.kind !== g.kind) bad.push(`kind ${p.kind}≠${g.kind}`);
      if (String(p.period) !== String(g.period)) bad.push(`period ${p.period}≠${g.period}`);
      if (p.comparator !== g.comparator) bad.push(`cmp ${p.comparator}≠${g.comparator}`);
      if (overlap(p.metric, g.metric) < 0.5) bad.push(`metric ${p.metric}≠${g.metric}`);
      if (bad.length) console.log(`  ${g.quote ?? ''}: ${bad.join('; ')}`);
    }
  }
}

function readHeldOutParagraphs(path: string): [number, number][] {
  return (JSON.parse(readFileSync(path, 'utf8')) as { paragraphs: [number, number][] }).paragraphs;
}

function overlap(a: string, b: string): number {
  const x = [...a.replace(/\s+/g, '')];
  const y = [...b.replace(/\s+/g, '')];
  if (!x.length || !y.length) return 0;
  const pool = new Map<string, number>();
  for (const c of y) pool.set(c, (pool.get(c) ?? 0) + 1);
  let common = 0;
  for (const c of x) {
    const n = pool.get(c) ?? 0;
    if (n > 0) {
      common++;
      pool.set(c, n - 1);
    }
  }
  return common / Math.max(x.length, y.length);
}
