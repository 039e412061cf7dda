/**
 * `luoshi serve [--port N] [--host ADDR] [--db URL] [--web-root DIR]`: opens the store, serves
 * the API (and the web app when web/dist, or the folder named, is built) until SIGINT or SIGTERM,
 * then closes the server and the database cleanly.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Config, LogLevel, SqliteSynchronous, TrustProxy } from '../../config.js';
import { EXIT, UsageError, resolveDatabaseUrl } from '../command.js';
import type { CliIo, Command, CommandArgs } from '../command.js';

export interface ServeOptions {
  port: number;
  host: string;
  db: string;
  /** DATABASE_READ_URL: a streaming replica of `db` the public's reads go to (read-routing.ts). */
  readDb?: string;
  /** Folder of a built web app to serve instead of web/dist (the browser tests' own build). */
  webRoot?: string;
  /** From the configuration (src/config.ts): LOG_LEVEL, TRUST_PROXY, LUOSHI_SQLITE_SYNCHRONOUS. */
  logLevel: LogLevel;
  trustProxy: TrustProxy;
  sqliteSynchronous: SqliteSynchronous;
  /** LUOSHI_PUBLIC_URL; else http://HOST:PORT of where serve listens. */
  publicUrl?: string;
  /** Messaging (issue 18), from LUOSHI_PUBLIC_URL, LUOSHI_SMTP_URL/LUOSHI_MAIL_FROM, LUOSHI_SMS_GATEWAY, LUOSHI_NOTIFY. */
  notify: {
    enabled: boolean;
    publicUrl: string | undefined;
    smtp: { url: string; from: string } | undefined;
    smsGatewayFile: string | undefined;
  };
}

/**
 * Reads serve's options over the configuration: --port (else PORT, else 3000), --host (else
 * HOST, else 127.0.0.1), --db (else DATABASE_URL, else ./data/luoshi.sqlite), --web-root (else
 * web/dist). Throws UsageError for a bad port or a web root without index.html.
 * @example parseServeOptions({ values: { port: '8080' }, positionals: [] }, parseConfig({})) // { port: 8080, host: '127.0.0.1', … }
 */
export function parseServeOptions(args: CommandArgs, config: Config): ServeOptions {
  const text = (name: string) => {
    const value = args.values[name];
    return typeof value === 'string' ? value : undefined;
  };
  if (args.positionals.length > 0)
    throw new UsageError(`unexpected argument '${args.positionals[0]}'`, 'serve');
  const portText = text('port');
  const port = portText === undefined ? config.port : Number(portText);
  if (portText !== undefined && (!/^\d+$/.test(portText) || port > 65535))
    throw new UsageError(`--port must be 0–65535, not '${portText}'`, 'serve');
  const webRoot = text('web-root');
  if (webRoot !== undefined && !existsSync(join(webRoot, 'index.html')))
    throw new UsageError(`--web-root '${webRoot}' holds no built web app (index.html)`, 'serve');
  return {
    port,
    host: text('host') ?? config.host,
    db: resolveDatabaseUrl(text('db'), config),
    ...(config.databaseReadUrl !== undefined ? { readDb: config.databaseReadUrl } : {}),
    ...(webRoot !== undefined ? { webRoot: resolve(webRoot) } : {}),
    logLevel: config.logLevel,
    trustProxy: config.trustProxy,
    sqliteSynchronous: config.sqliteSynchronous,
    ...(config.publicUrl !== undefined ? { publicUrl: config.publicUrl } : {}),
    notify: {
      enabled: config.notify,
      publicUrl: config.publicUrl,
      smtp: config.smtp,
      smsGatewayFile: config.smsGatewayFile,
    },
  };
}

/**
 * The channels of the configuration: e-mail from the SMTP URL, SMS from the gateway file (read
 * and checked here: BAD_INPUT naming the file and each wrong setting), robots always.
 */
export async function loadChannels(notify: ServeOptions['notify']) {
  const [{ createChannels }, { emailConfigFromUrl }, { AppError, isAppError }] = await Promise.all([
    import('../../notify/channels.js'),
    import('../../notify/email.js'),
    import('../../errors.js'),
  ]);
  let sms: unknown;
  const file = notify.smsGatewayFile;
  if (file !== undefined) {
    const { readFile } = await import('node:fs/promises');
    try {
      sms = JSON.parse(await readFile(file, 'utf8')) as unknown;
    } catch (error) {
      throw new AppError(
        'BAD_INPUT',
        `LUOSHI_SMS_GATEWAY: cannot read ${file} as JSON (${(error as Error).message})`,
      );
    }
  }
  try {
    return createChannels({
      ...(notify.smtp ? { email: emailConfigFromUrl(notify.smtp.url, notify.smtp.from) } : {}),
      ...(sms !== undefined ? { sms: sms as never } : {}),
    });
  } catch (error) {
    if (!isAppError(error) || file === undefined) throw error;
    const wrong = error.details.map((d) => `${d.path.replace(/^sms\.?/, '') || '(the file)'}: ${d.message}`);
    throw new AppError(
      'BAD_INPUT',
      `LUOSHI_SMS_GATEWAY: the SMS gateway settings in ${file} are wrong — ${wrong.join('; ')}`,
      error.details.map((d) => ({ path: 'LUOSHI_SMS_GATEWAY', message: `${d.path}: ${d.message}` })),
    );
  }
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
  const [{ openStore }, { createApp }] = await Promise.all([
    import('../../store/index.js'),
    import('../../server/app.js'),
  ]);
  const channels = await loadChannels(options.notify);
  let store: Awaited<ReturnType<typeof openStore>>;
  let replica: Awaited<ReturnType<typeof openStore>> | undefined;
  try {
    store = await openStore(options.db, { sqliteSynchronous: options.sqliteSynchronous });
  } catch (error) {
    channels.close();
    throw error;
  }
  try {
    // A standby is read-only and follows the primary's schema: never migrated from here.
    replica = options.readDb === undefined ? undefined : await openStore(options.readDb, { migrate: false });
  } catch (error) {
    channels.close();
    await store.close();
    throw error;
  }
  const log = logger ?? (await import('pino')).default({ level: options.logLevel });
  const publicUrl =
    options.publicUrl ??
    options.notify.publicUrl ??
    `http://${options.host.includes(':') ? `[${options.host}]` : options.host}:${options.port}`;
  const app = await createApp({
    store,
    ...(replica !== undefined ? { replica } : {}),
    logger: log,
    ...(options.webRoot !== undefined ? { webRoot: options.webRoot } : {}),
    trustProxy: options.trustProxy,
    publicUrl,
    notify: { publicUrl, channels: channels.available },
  });
  try {
    await app.listen({ port: options.port, host: options.host });
  } catch (error) {
    channels.close();
    await app.close();
    await store.close();
    await replica?.close();
    io.stderr(
      `luoshi: error: cannot listen on ${options.host}:${options.port}: ${(error as Error).message}\n`,
    );
    return EXIT.failure;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : options.port;
  // The outbox worker and the daily chase run beside the server (LUOSHI_NOTIFY=off: elsewhere).
  const notifications = options.notify.enabled
    ? (await import('../../commands/notify-runtime.js')).startNotifications({
        store,
        channels: channels.set,
        publicUrl,
        log,
      })
    : undefined;
  const shown = options.host === '0.0.0.0' ? 'localhost' : options.host;
  io.stdout(`Luoshi is serving on http://${shown}:${port} (API docs: /api/docs). Stop with Ctrl-C.\n`);

  return new Promise<number>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) process.exit(130); // a second Ctrl-C: do not wait for open requests
      stopping = true;
      log.info({ signal }, 'shutting down');
      for (const s of STOP_SIGNALS) process.off(s, stop);
      Promise.resolve(notifications?.stop())
        .then(() => channels.close())
        .then(() => app.close())
        .then(() => store.close())
        .then(() => replica?.close())
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
  usage: 'luoshi serve [--port N] [--host ADDR] [--db URL] [--web-root DIR]',
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    db: { type: 'string' },
    'web-root': { type: 'string' },
  },
  help: [
    '--port N     port to listen on (default PORT, else 3000; 0 picks a free one)',
    '--host ADDR  address to listen on: 127.0.0.1 (default, this machine only) or 0.0.0.0',
    '--db URL     a SQLite file or a postgres:// URL (default DATABASE_URL, else ./data/luoshi.sqlite)',
    '--web-root DIR  serve the web app built in DIR instead of web/dist',
    'Stops cleanly on SIGINT (Ctrl-C) or SIGTERM. LOG_LEVEL sets the log level (default info);',
    'behind a reverse proxy, TRUST_PROXY=true (or its addresses) makes X-Forwarded-* count.',
  ].join('\n'),
  run: async (args, io, context) => runServe(parseServeOptions(args, await context.config()), io),
};
