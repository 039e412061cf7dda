/**
 * `luoshi serve [--port N] [--host ADDR] [--db URL]`: opens the store, serves the API (and the
 * web app when web/dist is built) until SIGINT or SIGTERM, then closes the server and the
 * database cleanly.
 */
import type { FastifyBaseLogger } from 'fastify';
import pino from 'pino';
import { createApp } from '../../server/app.js';
import { openStore, resolveDatabaseUrl } from '../../store/index.js';
import { EXIT, UsageError } from '../command.js';
import type { CliIo, Command, CommandArgs } from '../command.js';

export interface ServeOptions {
  port: number;
  host: string;
  db: string;
}

/**
 * Reads serve's options: --port (else PORT, else 3000), --host (else HOST, else 127.0.0.1),
 * --db (else DATABASE_URL, else ./data/luoshi.sqlite). Throws UsageError for a bad port.
 * @example parseServeOptions({ values: { port: '8080' }, positionals: [] }, {}) // { port: 8080, host: '127.0.0.1', … }
 */
export function parseServeOptions(args: CommandArgs, env: NodeJS.ProcessEnv = process.env): ServeOptions {
  const text = (name: string) => {
    const value = args.values[name];
    return typeof value === 'string' ? value : undefined;
  };
  if (args.positionals.length > 0)
    throw new UsageError(`unexpected argument '${args.positionals[0]}'`, 'serve');
  const portText = text('port') ?? env.PORT ?? '3000';
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535)
    throw new UsageError(`--port must be 0–65535, not '${portText}'`, 'serve');
  return { port, host: text('host') ?? env.HOST ?? '127.0.0.1', db: resolveDatabaseUrl(text('db'), env) };
}

/** Signals that stop the server; tests emit them on `process` to stop it in-process. */
const STOP_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/**
 * Serves until SIGINT or SIGTERM. Resolves to 0 after a clean stop; throws AppError
 * UNAVAILABLE (one line, from openStore) when the database cannot be reached.
 */
export async function runServe(
  options: ServeOptions,
  io: CliIo,
  logger?: FastifyBaseLogger,
): Promise<number> {
  const store = await openStore(options.db);
  const log = logger ?? pino({ level: process.env.LOG_LEVEL ?? 'info' });
  const trustProxy = process.env.TRUST_PROXY;
  const app = await createApp({
    store,
    logger: log,
    ...(trustProxy ? { trustProxy: trustProxy === 'true' ? true : trustProxy } : {}),
  });
  try {
    await app.listen({ port: options.port, host: options.host });
  } catch (error) {
    await app.close();
    await store.close();
    io.stderr(
      `luoshi: error: cannot listen on ${options.host}:${options.port}: ${(error as Error).message}\n`,
    );
    return EXIT.failure;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  const shown = options.host === '0.0.0.0' ? 'localhost' : options.host;
  io.stdout(`Luoshi is serving on http://${shown}:${port} (API docs: /api/docs). Stop with Ctrl-C.\n`);

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) process.exit(130); // a second Ctrl-C: do not wait for open requests
      stopping = true;
      log.info({ signal }, 'shutting down');
      for (const s of STOP_SIGNALS) process.off(s, stop);
      app
        .close()
        .then(() => store.close())
        .then(
          () => resolve(EXIT.ok),
          (error: unknown) => {
            log.error({ err: error }, 'shutdown failed');
            resolve(EXIT.failure);
          },
        );
    };
    for (const s of STOP_SIGNALS) process.on(s, stop);
  });
}

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the API (and the web app when built) on http://localhost:3000',
  usage: 'luoshi serve [--port N] [--host ADDR] [--db URL]',
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    db: { type: 'string' },
  },
  help: [
    '--port N     port to listen on (default PORT, else 3000; 0 picks a free one)',
    '--host ADDR  address to listen on: 127.0.0.1 (default, this machine only) or 0.0.0.0',
    '--db URL     a SQLite file or a postgres:// URL (default DATABASE_URL, else ./data/luoshi.sqlite)',
    'Stops cleanly on SIGINT (Ctrl-C) or SIGTERM. LOG_LEVEL sets the log level (default info);',
    'behind a reverse proxy, TRUST_PROXY=true (or its addresses) makes X-Forwarded-* count.',
  ].join('\n'),
  run: (args, io) => runServe(parseServeOptions(args), io),
};
