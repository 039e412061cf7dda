/**
 * A place is data loaded from files, never code: no source file outside tests names the demo
 * jurisdiction, one of its streets or towns, or one of its units in code (comments and doc
 * examples may quote a report). The names come from the demo's own files, so a new place in
 * examples/jurisdictions/ is checked without editing this test.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('..', import.meta.url).pathname;
const EXAMPLES = join(ROOT, 'examples/jurisdictions');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    // Test support (testing/, test-fixtures) may quote the example; it is not shipped code.
    if (statSync(path).isDirectory())
      return ['node_modules', 'testing', 'test-fixtures'].includes(name) ? [] : filesUnder(path);
    return /\.(ts|tsx)$/.test(name) && !/(\.test\.tsx?|test-fixtures\.ts)$/.test(name) ? [path] : [];
  });
}

/** First column of a CSV file (BOM and header dropped). */
function firstColumn(path: string): string[] {
  const lines = readFileSync(path, 'utf8')
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .slice(1);
  return lines.map((line) => line.split(',')[0]!.trim()).filter((name) => name !== '');
}

/** The names of every example jurisdiction: its own (short and full), its areas and units. */
function placeNames(): string[] {
  const names = new Set<string>();
  for (const folder of readdirSync(EXAMPLES)) {
    const dir = join(EXAMPLES, folder);
    const manifest = JSON.parse(readFileSync(join(dir, 'jurisdiction.json'), 'utf8')) as {
      name: string;
      areas: string;
      units: string;
    };
    names.add(manifest.name);
    // 北京市昌平区 → 昌平区 → 昌平: the short forms an engineer would type.
    const last = /([^省市]+?)(区|县|市)$/.exec(manifest.name.replace(/^.+?(省|市)/, ''));
    if (last) names.add(last[1]!.length >= 2 ? last[1]! : last[0]!);
    for (const name of firstColumn(join(dir, manifest.areas))) names.add(name);
    for (const name of firstColumn(join(dir, manifest.units))) names.add(name);
  }
  return [...names].filter((name) => name.length >= 2);
}

/** The code of a file with its comments removed (string contents kept). */
function codeOf(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
}

describe('no place in code', () => {
  const names = placeNames();

  it('reads the example jurisdictions’ names from their files', () => {
    expect(names).toContain('北京市昌平区');
    expect(names).toContain('昌平');
    expect(names).toContain('回龙观街道');
    expect(names.length).toBeGreaterThan(40);
  });

  it('finds none of them in the code of src/ or web/src/', () => {
    const found: string[] = [];
    for (const file of [...filesUnder(join(ROOT, 'src')), ...filesUnder(join(ROOT, 'web/src'))]) {
      const code = codeOf(readFileSync(file, 'utf8'));
      for (const name of names) {
        if (code.includes(name)) found.push(`${relative(ROOT, file)}: ${name}`);
      }
    }
    expect(found).toEqual([]);
  });

  it('would catch a place named in code', () => {
    const code = codeOf("const area = '回龙观街道'; // 回龙观 in a comment is fine");
    expect(names.filter((name) => code.includes(name))).toEqual(['回龙观街道']);
  });
});
