import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/pg.js';
import { openStore } from '../../store/index.js';
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
const example = 'examples/2022-beijing-changping.txt';

describe('luoshi import', () => {
  it('imports the example report as a draft into SQLite and prints the plan id and counts', async () => {
    const db = join(dir, 'import.sqlite');
    const io = captureIo();
    expect(await main(['import', example, '--db', db], io)).toBe(0);
    const out = io.out.join('');
    expect(out).toMatch(/^plan 1 \(draft\): 2022年北京市昌平区政府工作报告\n/);
    expect(out).toMatch(/outline \d+, targets \d+, achievements \d+, tasks \d+, projects \d+ in \d+ lists/);
    const store = await openStore(db);
    const summary = await store.plans.getSummary(1);
    await store.close();
    expect(summary.counts.targets).toBeGreaterThan(30);
    expect(out).toContain(`targets ${summary.counts.targets},`);
  });

  it('imports into PostgreSQL, published with --publish, with --year and --place', async () => {
    const db = await createTestDatabase();
    const io = captureIo();
    expect(
      await main(['import', example, '--db', db, '--publish', '--year', '2022', '--place', '昌平区'], io),
    ).toBe(0);
    const store = await openStore(db);
    const plans = await store.plans.list({});
    await store.close();
    expect(plans.items[0]).toMatchObject({ state: 'published', place: '昌平区', year: 2022 });
  });

  it('stores nothing from a file that is not a report', async () => {
    const db = join(dir, 'not-a-report.sqlite');
    const file = join(dir, 'notes.txt');
    writeFileSync(file, 'shopping list: milk, bread\n');
    const io = captureIo();
    expect(await main(['import', file, '--db', db, '--year', '2022'], io)).toBe(1);
    expect(io.err.join('')).toContain('does not look like a government work report');
    const store = await openStore(db);
    expect((await store.plans.list({})).total).toBe(0);
    await store.close();
  });

  it('refuses what the API refuses: chapters with neither tasks nor targets (one rule)', async () => {
    const db = join(dir, 'chapters-only.sqlite');
    const file = join(dir, 'chapters.txt');
    writeFileSync(file, '一、概述\n本文介绍食堂。\n二、附录\n无。\n');
    const io = captureIo();
    expect(await main(['import', file, '--db', db, '--year', '2022'], io)).toBe(1);
    expect(io.err.join('')).toMatch(
      new RegExp(
        `^luoshi: error: ${file}: no tasks and no targets found: this does not look like a government work report\n$`,
      ),
    );
    const store = await openStore(db);
    expect((await store.plans.list({})).total).toBe(0);
    await store.close();
  });

  it('says in one line that the database cannot be reached', async () => {
    const io = captureIo();
    expect(await main(['import', example, '--db', 'postgres://postgres@127.0.0.1:1/luoshi'], io)).toBe(1);
    expect(io.err.join('')).toMatch(
      /^luoshi: error: cannot reach PostgreSQL at 127\.0\.0\.1:1\/luoshi: .+\n$/,
    );
  });

  it('refuses a bad --year as a usage error', async () => {
    const io = captureIo();
    expect(await main(['import', example, '--year', 'next'], io)).toBe(2);
    expect(io.err.join('')).toContain('--year');
  });
});
