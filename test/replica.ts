/**
 * A real streaming replica of the test PostgreSQL server (test/global-setup.ts): a physical
 * copy made by pg_basebackup, started as a hot standby on its own port. Used to prove that
 * DATABASE_READ_URL sends reads to a standby and never writes (docs/DECISIONS.md).
 * `pauseReplay` holds the standby at a point in time, so a test can tell which server a read
 * came from: what was written after the pause is on the primary only.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { findPostgresBin, freePort, quote } from './global-setup.js';

export interface Replica {
  /** The standby's superuser URL for database `database` (the primary's database name). */
  urlFor(database: string): string;
  /** Stops applying the primary's WAL until resumeReplay. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Waits until the standby has replayed everything the primary has written so far. */
  catchUp(primaryUrl: string): Promise<void>;
  stop(): Promise<void>;
}

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** Starts a hot standby of the server at `primaryUrl` (a superuser URL). */
export async function startReplica(primaryUrl: string): Promise<Replica> {
  const primary = new URL(primaryUrl);
  const bin = findPostgresBin();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-pg-replica-'));
  if (asRoot) {
    chmodSync(dir, 0o755);
    execFileSync('chown', ['postgres:postgres', dir]);
  }
  const run = (args: string[]) => {
    const command = [join(bin, args[0] ?? ''), ...args.slice(1)].map(quote).join(' ');
    execFileSync(asRoot ? 'su' : 'sh', asRoot ? ['postgres', '-c', command] : ['-c', command], {
      stdio: 'pipe',
    });
  };
  const data = join(dir, 'data');
  const port = await freePort();
  try {
    // -R writes primary_conninfo and standby.signal: the copy starts as a standby of the primary.
    run([
      'pg_basebackup',
      '-h',
      primary.hostname,
      '-p',
      primary.port,
      '-U',
      'postgres',
      '-D',
      data,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
      '--no-sync',
    ]);
    const options = `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${dir} -c hot_standby=on -c fsync=off -c max_connections=200`;
    run(['pg_ctl', '-D', data, '-l', join(dir, 'server.log'), '-w', '-o', options, 'start']);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim();
    throw new Error(`cannot start the test replica: ${stderr || String(error)}`, { cause: error });
  }
  const stopCommand = `${join(bin, 'pg_ctl')} -D ${data} -m immediate -w stop`;
  // Stops the standby if this process dies without stop().
  spawn(
    'sh',
    [
      '-c',
      `while kill -0 ${process.pid} 2>/dev/null; do sleep 2; done; ${asRoot ? `su postgres -c ${quote(stopCommand)}` : stopCommand}; rm -rf ${dir}`,
    ],
    {
      detached: true,
      stdio: 'ignore',
    },
  ).unref();
  const urlFor = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  const admin = urlFor('postgres');
  return {
    urlFor,
    pauseReplay: async () => void (await query(admin, 'select pg_wal_replay_pause()')),
    resumeReplay: async () => void (await query(admin, 'select pg_wal_replay_resume()')),
    async catchUp(primaryAdminUrl) {
      // The insert position: with synchronous_commit off, the flushed position may lag a commit.
      const [{ lsn } = { lsn: '0/0' }] = await query<{ lsn: string }>(
        primaryAdminUrl,
        'select pg_current_wal_insert_lsn()::text as lsn',
      );
      for (let i = 0; i < 500; i++) {
        const [row] = await query<{ caught: boolean }>(
          admin,
          `select pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn as caught`,
        );
        if (row?.caught) return;
        await new Promise((r) => setTimeout(r, 20));
      }
      throw new Error(`the replica did not replay up to ${lsn} in 10 s`);
    },
    async stop() {
      try {
        run(['pg_ctl', '-D', data, '-m', 'immediate', '-w', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
