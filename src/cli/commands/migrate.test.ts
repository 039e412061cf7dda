import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../command.js';
import { main } from '../main.js';

function captureIo(stdin: string[] = []): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    stdin: (async function* () {
      yield* stdin;
    })(),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'luoshi-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('luoshi migrate', () => {
  it('applies the migrations once, then says the schema is up to date', async () => {
    const db = join(dir, 'migrate.sqlite');
    const first = captureIo();
    expect(await main(['migrate', '--db', db], first)).toBe(0);
    expect(first.out.join('')).toMatch(/^applied \d+ migration\(s\):\n {2}\d{8}T\d{4}-create-units\n/);
    const second = captureIo();
    expect(await main(['migrate', '--db', db], second)).toBe(0);
    expect(second.out.join('')).toBe('the schema is up to date\n');
  });
});
