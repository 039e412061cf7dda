// The benchmarks' private PostgreSQL server, shared by api, tracking and requests.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The folder of Debian's PostgreSQL binaries (initdb, pg_ctl, psql), or undefined. */
export function findPostgresBin(): string | undefined {
  const root = '/usr/lib/postgresql';
  const version = existsSync(root)
    ? readdirSync(root).find((v) => existsSync(join(root, v, 'bin', 'initdb')))
    : undefined;
  return version === undefined ? undefined : join(root, version, 'bin');
}

/**
 * A private PostgreSQL server in a temp folder (trust auth, durability off), as the tests start
 * one; `LUOSHI_BENCH_PG_URL` uses a given server instead. `settings` adds `-c` options.
 */
export async function startPostgres(settings: string[] = []): Promise<{ url: string; stop: () => void }> {
  const given = process.env.LUOSHI_BENCH_PG_URL;
  if (given) return { url: given, stop: () => undefined };
  const bin = findPostgresBin();
  if (bin === undefined) throw new Error('PostgreSQL binaries not found in /usr/lib/postgresql/*/bin');
  const dir = mkdtempSync(join(tmpdir(), 'luoshi-bench-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) {
    chmodSync(dir, 0o755);
    execFileSync('chown', ['postgres:postgres', dir]);
  }
  const run = (command: string) =>
    execFileSync(asRoot ? 'su' : 'sh', asRoot ? ['postgres', '-c', command] : ['-c', command], {
      stdio: 'pipe',
    });
  const port = await new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
  const data = join(dir, 'data');
  run(`${bin}/initdb -D ${data} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync`);
  const options = `-c listen_addresses=127.0.0.1 -p ${port} -c unix_socket_directories=${dir} -c fsync=off -c synchronous_commit=off${settings.map((s) => ` -c ${s}`).join('')}`;
  run(`${bin}/pg_ctl -D ${data} -l ${dir}/server.log -w -o '${options}' start`);
  const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
  await admin.connect();
  await admin.query('create database bench');
  await admin.end();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/bench`,
    stop: () => {
      try {
        run(`${bin}/pg_ctl -D ${data} -m fast -w stop`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
