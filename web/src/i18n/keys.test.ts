import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { zhCN } from './zh-CN';
import { en } from './en';

const SRC = join(__dirname, '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.includes('.test.') ? [path] : [];
  });
}

function lookup(resources: object, key: string): unknown {
  return key
    .split('.')
    .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], resources);
}

describe('translations', () => {
  it('have every literal key the source asks for, in both languages', () => {
    const missing: string[] = [];
    for (const file of sourceFiles(SRC)) {
      const code = readFileSync(file, 'utf8');
      for (const match of code.matchAll(/\bt\(\s*'([a-zA-Z]+(?:\.[a-zA-Z]+)+)'/g)) {
        const key = match[1]!;
        for (const [lang, resources] of [
          ['zh-CN', zhCN],
          ['en', en],
        ] as const) {
          if (typeof lookup(resources, key) !== 'string')
            missing.push(`${lang}: ${key} (${file.slice(SRC.length + 1)})`);
        }
      }
    }
    expect(missing).toEqual([]);
  });

  it('never leave an English string empty where Chinese has text', () => {
    const empty: string[] = [];
    const walk = (zh: object, other: object, path: string) => {
      for (const [key, value] of Object.entries(zh)) {
        const twin = (other as Record<string, unknown>)[key];
        if (typeof value === 'string') {
          if (value !== '' && twin === '') empty.push(`${path}${key}`);
        } else walk(value as object, twin as object, `${path}${key}.`);
      }
    };
    walk(zhCN, en, '');
    expect(empty).toEqual([]);
  });
});
