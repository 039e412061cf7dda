/**
 * Writes test/fixtures/2022-beijing-changping.extraction.json: our reader's extraction of the
 * example report (examples/2022-beijing-changping.txt), frozen, so that the store, HTTP and
 * plan tests built on it (test/fixtures/example.ts) do not move when the reader improves.
 * It is the project's own annotation, derived from nothing but the report and src/report.
 *
 * Run it again only when the Extraction type changes or a test needs what a better reader
 * finds; review the diff (`git diff test/fixtures`) and commit it with the tests it moves.
 * Usage: npx tsx scripts/freeze-example.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { extractReport } from '../src/report/index.js';

const root = join(import.meta.dirname, '..');
const source = join(root, 'examples/2022-beijing-changping.txt');
const target = join(root, 'test/fixtures/2022-beijing-changping.extraction.json');

const extraction = extractReport(readFileSync(source, 'utf8'));
const options = (await resolveConfig(target)) ?? {};
writeFileSync(target, await format(JSON.stringify(extraction), { ...options, filepath: target }));
const counts = (['outline', 'zones', 'items', 'projects', 'tasks', 'warnings'] as const)
  .map((key) => `${key} ${extraction[key].length}`)
  .join(', ');
console.log(`wrote ${target.slice(root.length + 1)}: ${counts}`);
