/**
 * Vitest global setup: starts a private PostgreSQL server for the whole run (a trust cluster
 * in a temp folder, on 127.0.0.1 and a free port), provides its URL as `pgUrl` (inject) and
 * LUOSHI_TEST_PG_URL, and stops it at teardown. Store tests create one database per file on it.
 * It also migrates one database there for the run (`pgTemplate`): a test's migrated store is a
 * copy of it (test/pg.ts createMigratedTestDatabase) instead of 96 migrations run again.
 *
 * When LUOSHI_TEST_PG_URL is already set, that server is used instead and nothing is started.
 * Debian's binaries (/usr/lib/postgresql/N/bin) are required: `npm run test:all` installs them.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { migrateToLatest } from '../src/store/index.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A superuser URL of the test PostgreSQL server (database `postgres`). */
    pgUrl: string;
    /** The name of a database on it with every migration applied, to copy (never to open). */
    pgTemplate: string;
  }
}

/** Starts the server (or takes LUOSHI_TEST_PG_URL) and returns the teardown. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const given = process.env.LUOSHI_TEST_PG_URL;
  if (given) {
    project.provide('pgUrl', given);
    const template = await migratedTemplate(given);
    project.provide('pgTemplate', template);
    return () => dropDatabase(given, template);
  }
  const bin = findPostgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    chmodSync(dir, 0o755);
    execFileSync('chown', ['postgres:postgres', dir]);
  }
  const run = (args: string[]) => {
    const command = [join(bin, args[0] ?? ''), ...args.slice(1)].map(quote).join(' ');
    // Running as root, the server must run as the postgres user (initdb refuses root).
    execFileSync(asRoot ? 'su' : 'sh', asRoot ? ['postgres', '-c', command] : ['-c', command], {
      stdio: 'pipe',
    });
  };
  const data = join(dir, 'data');
  const port = await freePort();
  try {
    // initdb takes seconds on a busy machine; a cluster made once is copied in a fraction.
    execFileSync('cp', ['-a', ensureTemplate(bin, run), data]);
    // Durability off: a test cluster is thrown away, and this keeps tests fast.
    const options = `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200`;
    run(['pg_ctl', '-D', data, '-l', join(dir, 'server.log'), '-w', '-o', options, 'start']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`cannot start the test PostgreSQL server: ${stderr || String(error)}`, { cause: error });
  }
  // If vitest dies without its teardown (killed), a watchdog stops the server and cleans up.
  const stop = `${join(bin, 'pg_ctl')} -D ${data} -m immediate -w stop`;
  spawn(
    'sh',
    [
      '-c',
      `while kill -0 ${process.pid} 2>/dev/null; do sleep 2; done; ${asRoot ? `su postgres -c ${quote(stop)}` : stop}; rm -rf ${dir}`,
    ],
    { detached: true, stdio: 'ignore' },
  ).unref();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  process.env.LUOSHI_TEST_PG_URL = url;
  project.provide('pgUrl', url);
  project.provide('pgTemplate', await migratedTemplate(url));
  return async () => {
    try {
      run(['pg_ctl', '-D', data, '-m', 'immediate', '-w', 'stop']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}

/** Runs SQL as the superuser on the server's `postgres` database. */
async function admin(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A database of this run with every migration applied, closed (a template must have no session). */
async function migratedTemplate(url: string): Promise<string> {
  const name = `luoshi_template_${process.pid}`;
  await admin(url, `drop database if exists ${name}`);
  await admin(url, `create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  await migrateToLatest(target.toString());
  return name;
}

function dropDatabase(url: string, name: string): Promise<void> {
  return admin(url, `drop database if exists ${name}`);
}

/**
 * A fresh initdb'd (never started) cluster kept in the temp folder, made on first use. Made
 * in a private folder and renamed into place, so concurrent runs never see half of one.
 */
function ensureTemplate(bin: string, run: (args: string[]) => void): string {
  const version = bin.split('/').at(-2) ?? 'pg';
  const template = join(tmpdir(), `luoshi-pg-template-${version}`);
  if (existsSync(join(template, 'PG_VERSION'))) return template;
  const scratch = mkdtempSync(join(tmpdir(), 'luoshi-pg-template-tmp-'));
  if (process.getuid?.() === 0) {
    chmodSync(scratch, 0o755);
    execFileSync('chown', ['postgres:postgres', scratch]);
  }
  const made = join(scratch, 'data');
  const initdb = ['initdb', '-D', made, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8'];
  run([...initdb, '--no-sync']);
  try {
    renameSync(made, template);
  } catch {
    // Another run made it first: use theirs.
  }
  rmSync(scratch, { recursive: true, force: true });
  return template;
}

/** Debian's PostgreSQL binaries, 15 when installed (test/replica.ts starts a standby with them). */
export function findPostgresBin(): string {
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const version = versions.includes('15') ? '15' : versions[0];
  if (!version) {
    throw new Error(
      'PostgreSQL binaries not found in /usr/lib/postgresql/*/bin: install postgresql (npm run test:all does it), or set LUOSHI_TEST_PG_URL',
    );
  }
  return join(root, version, 'bin');
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export function quote(arg: string): string {
  return /^[\w./=:,@-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
