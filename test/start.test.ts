import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const dir = mkdtempSync(join(tmpdir(), 'luoshi-start-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `npm start`'s script until it serves, asks the API for plans, then stops it with SIGTERM. */
async function start(
  env: Record<string, string>,
): Promise<{ out: string; err: string; code: number | null; plans?: unknown }> {
  const child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], {
    cwd: root,
    env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
  });
  let out = '';
  let err = '';
  let plans: unknown;
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  let asked = false;
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const url = /serving on (http:\/\/[\d.]+:\d+)/.exec(out)?.[1];
    if (!url || asked) return;
    asked = true;
    fetch(`${url}/api/v1/plans`)
      .then((response) => response.json())
      .then((body: unknown) => (plans = body))
      .finally(() => child.kill('SIGTERM'));
  });
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  return { out, err, code, plans };
}

describe('scripts/start.mjs', () => {
  it('seeds the example plan and demo accounts on the first start only, then serves', async () => {
    const db = join(dir, 'data', 'luoshi.sqlite');
    const first = await start({ DATABASE_URL: db, LUOSHI_DEMO_PASSWORD: 'demo-password-1' });
    expect(first.err).toBe('');
    expect(first.out).toContain('First start:');
    expect(first.out).toContain('all with the password: demo-password-1');
    expect(first.out).toMatch(/ducha\s+supervisor\s+区政府督查室/);
    expect(first.plans).toMatchObject({ total: 1, items: [{ state: 'published', year: 2022 }] });
    const second = await start({ DATABASE_URL: db });
    expect(second.out).not.toContain('First start:');
    expect(second.out).toContain('serving on');
    expect(second.plans).toMatchObject({ total: 1 });
    // Two starts, the first seeding a year of work (≈ 13 s alone, more when the suite is busy).
  }, 120_000);

  it('names every bad environment variable in one line and stops before opening anything', async () => {
    const db = join(dir, 'never', 'luoshi.sqlite');
    const run = await start({
      DATABASE_URL: db,
      PORT: 'http',
      TRUST_PROXY: 'maybe',
      LUOSHI_DEMO_PASSWORD: 'short',
    });
    expect(run.code).toBe(1);
    expect(run.out).toBe('');
    expect(run.err).toMatch(
      /^luoshi: error: the environment is not valid: PORT: must be a whole number .*; TRUST_PROXY: must be .*"maybe" is none of these; LUOSHI_DEMO_PASSWORD: must have at least 8 characters\n$/,
    );
    expect(existsSync(join(dir, 'never'))).toBe(false);
  });

  it('exits non-zero with one line when the database cannot be reached', async () => {
    const run = await start({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/luoshi' });
    expect(run.code).toBe(1);
    expect(run.err).toMatch(/^luoshi: error: cannot reach PostgreSQL at 127\.0\.0\.1:1\/luoshi: .+\n$/);
  });
});
