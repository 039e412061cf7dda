/**
 * A fresh database for the browser tests, made with the `luoshi` command as an office would:
 * the example report imported and published, one account per role, and the units a reporter
 * acts for (created by `users add --unit`). The run seeds it once (e2e/global-seed.ts); each
 * story file's `seed(db)` starts from a copy of it.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { BrowserContext } from 'playwright-core';
import { inject } from 'vitest';
import { ROOT, officeToday } from './playwright.config.js';

const run = promisify(execFile);

export const PASSWORD = 'luoshi-e2e-pass';

export const UNITS = [
  '区发展改革委',
  '区财政局',
  '区教委',
  '区生态环境局',
  '回龙观街道',
  '城南街道',
] as const;

export interface Seeded {
  planId: number;
  users: { admin: string; supervisor: string; leader: string; reporter: string };
  counts: { targets: number; tasks: number; projects: number; achievements: number };
}

async function luoshi(args: string[]): Promise<string> {
  const { stdout } = await run(join(ROOT, 'bin/luoshi'), args, { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 });
  return stdout;
}

function count(output: string, name: string): number {
  const match = new RegExp(`${name} (\\d+)`).exec(output);
  if (!match) throw new Error(`luoshi import printed no ${name} count:\n${output}`);
  return Number(match[1]);
}

/**
 * A story file's own database at `db`: a copy of the one the run seeded (e2e/global-seed.ts),
 * so each file still starts from a fresh, untouched database.
 */
export function seed(db: string): Promise<Seeded> {
  const made = inject('e2eSeed');
  if (!made)
    throw new Error('no seeded database: run the browser suite with `npm run e2e` (e2e/global-seed.ts)');
  copyFileSync(made.db, db);
  // The commands close the database cleanly (no WAL left), but copy a WAL if one is there.
  if (existsSync(`${made.db}-wal`)) copyFileSync(`${made.db}-wal`, `${db}-wal`);
  return Promise.resolve(structuredClone(made.seeded));
}

/** Seeds a database at `db` with the `luoshi` command (e2e/global-seed.ts, once per run). */
export async function seedWithCommand(db: string): Promise<Seeded> {
  // An office sets up its jurisdiction from its own files (units, areas, dispatch catalogue) first.
  await luoshi([
    'jurisdictions',
    'add',
    '--from',
    join(ROOT, 'examples/jurisdictions/changping'),
    '--db',
    db,
  ]);
  const imported = await luoshi([
    'import',
    join(ROOT, 'examples/2022-beijing-changping.txt'),
    '--db',
    db,
    '--publish',
  ]);
  const planId = Number(/plan (\d+)/.exec(imported)?.[1]);
  if (!Number.isInteger(planId)) throw new Error(`luoshi import printed no plan id:\n${imported}`);
  const users = { admin: 'admin', supervisor: 'duchashi', leader: 'lingdao', reporter: 'tianbao' };
  await luoshi([
    'users',
    'add',
    users.admin,
    '--role',
    'admin',
    '--name',
    '系统管理员',
    '--password',
    PASSWORD,
    '--db',
    db,
  ]);
  await luoshi([
    'users',
    'add',
    users.supervisor,
    '--role',
    'supervisor',
    '--name',
    '督查室',
    '--password',
    PASSWORD,
    '--db',
    db,
  ]);
  await luoshi([
    'users',
    'add',
    users.leader,
    '--role',
    'leader',
    '--name',
    '区领导',
    '--password',
    PASSWORD,
    '--db',
    db,
  ]);
  await luoshi([
    'users',
    'add',
    users.reporter,
    '--role',
    'reporter',
    '--name',
    '单位填报员',
    ...UNITS.flatMap((unit) => ['--unit', unit]),
    '--password',
    PASSWORD,
    '--db',
    db,
  ]);
  return {
    planId,
    users,
    counts: {
      targets: count(imported, 'targets'),
      tasks: count(imported, 'tasks'),
      projects: count(imported, 'projects'),
      achievements: count(imported, 'achievements'),
    },
  };
}

/** A signed-in API caller at `baseUrl`, to set up what a story starts from. */
export async function apiAs(baseUrl: string, username: string) {
  const session = await fetch(`${baseUrl}/api/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  if (!session.ok) throw new Error(`sign-in ${session.status}`);
  const cookie = (session.headers.getSetCookie?.() ?? []).map((c) => c.split(';')[0]).join('; ');
  const { csrfToken } = (await session.json()) as { csrfToken: string };
  return async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${baseUrl}/api/v1${path}`, {
      method,
      headers: {
        cookie,
        'x-csrf-token': csrfToken,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
}

/**
 * Reads plan `planId` as of today in every page of `context` (the as-of date the app keeps for
 * the tab, issue 14.9). The example plan is 2022's, so the app reads it at 2022's end by default;
 * a story that does today's work on it — orders taken in, 督办单 issued today — reads today, as an
 * office working on it now would choose.
 */
export async function readToday(context: BrowserContext, planId: number): Promise<void> {
  const today = officeToday();
  await context.addInitScript(
    ([key, date]) => {
      try {
        window.sessionStorage.setItem(key, date);
      } catch {
        // a blank page before the first navigation has no storage
      }
    },
    [`luoshi.asOf.${planId}`, today] as [string, string],
  );
}
