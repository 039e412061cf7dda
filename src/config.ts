/**
 * The deployment's configuration: every environment variable Luoshi reads, checked once at
 * start (zod) with every problem listed in one message. This is the only module that reads
 * `process.env`; the parsed `Config` is passed down (`luoshi` commands, `npm start`, serve →
 * createApp and openStore).
 */
import { isIP } from 'node:net';
import { z } from 'zod';
import { AppError } from './errors.js';

/** pino's levels, quietest last. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** SQLite's `synchronous` levels Luoshi accepts (https://sqlite.org/pragma.html#pragma_synchronous). */
export type SqliteSynchronous = 'NORMAL' | 'FULL';

/**
 * Whom to believe about X-Forwarded-*: nobody (false), every proxy (true), or the proxies'
 * addresses and ranges ("127.0.0.1,10.0.0.0/8", comma-separated, as Fastify's `trustProxy`
 * takes them).
 */
export type TrustProxy = boolean | string;

export interface Config {
  /**
   * DATABASE_URL: a SQLite file path or a `postgres://` URL; undefined when not set (the
   * commands then use ./data/luoshi.sqlite, `npm start` the one in the repository).
   */
  databaseUrl: string | undefined;
  /**
   * DATABASE_READ_URL: a `postgres://` URL of a streaming replica of DATABASE_URL's server;
   * `serve` sends the public's reads there (the public pages, open data, Open311 lists), staff's
   * stay on the primary (each reads its own writes). Unset: every read goes to DATABASE_URL.
   */
  databaseReadUrl: string | undefined;
  /** PORT: where `serve` listens (0 picks a free port). Default 3000. */
  port: number;
  /** HOST: the address `serve` listens on. Default 127.0.0.1 (this machine only). */
  host: string;
  /** LOG_LEVEL: pino's level. Default info. */
  logLevel: LogLevel;
  /** TRUST_PROXY: see TrustProxy. Default false. */
  trustProxy: TrustProxy;
  /** LUOSHI_DEMO_PASSWORD: the demo accounts' password on the first `npm start`. */
  demoPassword: string | undefined;
  /** LUOSHI_SQLITE_SYNCHRONOUS: NORMAL (default, in WAL mode) or FULL (docs/DECISIONS.md 19). */
  sqliteSynchronous: SqliteSynchronous;
  /**
   * LUOSHI_PUBLIC_URL: where the public reaches Luoshi (https://12345.example.gov.cn, no
   * trailing slash): links Luoshi gives out (Open311 media_url, its discovery document) are
   * made from it, never from a request's Host header. Undefined when unset: `serve` then uses
   * http://HOST:PORT of where it listens.
   */
  publicUrl: string | undefined;
  /** LUOSHI_SMTP_URL (smtp:// or smtps://user:password@host:port) and LUOSHI_MAIL_FROM: e-mail; unset: none. */
  smtp: { url: string; from: string } | undefined;
  /** LUOSHI_SMS_GATEWAY: the JSON file describing the SMS gateway (src/notify/sms.ts); unset: no SMS. */
  smsGatewayFile: string | undefined;
  /** LUOSHI_NOTIFY: off stops this process sending messages and running the daily chase. Default on. */
  notify: boolean;
}

/** The environment as the process gives it: names to values, any of them unset. */
export type Environment = Readonly<Record<string, string | undefined>>;

/** The names of every variable Luoshi reads, as README.md lists them. */
export const CONFIG_VARIABLES = [
  'DATABASE_URL',
  'DATABASE_READ_URL',
  'PORT',
  'HOST',
  'LOG_LEVEL',
  'TRUST_PROXY',
  'LUOSHI_DEMO_PASSWORD',
  'LUOSHI_SQLITE_SYNCHRONOUS',
  'LUOSHI_PUBLIC_URL',
  'LUOSHI_SMTP_URL',
  'LUOSHI_MAIL_FROM',
  'LUOSHI_SMS_GATEWAY',
  'LUOSHI_NOTIFY',
] as const;

/** The shortest demo password accepted (the same rule as `luoshi users`). */
const MIN_PASSWORD_LENGTH = 8;

/** A variable that is unset, empty or blank counts as unset; others are trimmed. */
function setting<T extends z.ZodType>(schema: T) {
  return z.preprocess((value) => {
    if (typeof value !== 'string') return value;
    const trimmed = value.trim();
    return trimmed === '' ? undefined : trimmed;
  }, schema.optional());
}

/** A string checked by `parse`, which returns the value or a message saying what it must be. */
function checked<T>(parse: (value: string) => { value: T } | { message: string }) {
  return z.string().transform((text, ctx): T => {
    const result = parse(text);
    if ('value' in result) return result.value;
    ctx.addIssue({ code: 'custom', message: result.message });
    return z.NEVER;
  });
}

/** True for a `postgres://` or `postgresql://` URL; anything else is a SQLite path. */
export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//i.test(url);
}

const databaseUrl = checked((text) => {
  if (!isPostgresUrl(text)) return { value: text };
  try {
    const url = new URL(text);
    if (url.pathname.length > 1) return { value: text };
  } catch {
    // falls through to the message
  }
  return { message: 'must be a SQLite file path or a postgres:// URL naming a database' };
});

const databaseReadUrl = checked((text) => {
  try {
    if (isPostgresUrl(text) && new URL(text).pathname.length > 1) return { value: text };
  } catch {
    // falls through to the message
  }
  return { message: 'must be a postgres:// URL naming a database on a replica of DATABASE_URL' };
});

const port = checked((text) => {
  const value = Number(text);
  return /^\d{1,5}$/.test(text) && value <= 65535
    ? { value }
    : { message: `must be a whole number from 0 to 65535 (0 picks a free port), not "${text}"` };
});

const host = checked((text) =>
  /\s/.test(text) ? { message: `must be one address or host name, not "${text}"` } : { value: text },
);

const logLevel = checked((text) => {
  const value = text.toLowerCase();
  return (LOG_LEVELS as readonly string[]).includes(value)
    ? { value: value as LogLevel }
    : { message: `must be one of ${LOG_LEVELS.join(', ')}, not "${text}"` };
});

/** proxy-addr's names for address ranges (Fastify's trustProxy takes them). */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

function isProxyAddress(part: string): boolean {
  if (PROXY_RANGES.includes(part)) return true;
  const [address = '', bits, ...rest] = part.split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

const trustProxy = checked<TrustProxy>((text) => {
  const lower = text.toLowerCase();
  if (lower === 'true') return { value: true };
  if (lower === 'false') return { value: false };
  const parts = text.split(',').map((p) => p.trim());
  const bad = parts.filter((p) => !isProxyAddress(p));
  return bad.length === 0
    ? { value: parts.join(',') }
    : {
        message: `must be true, false, or proxy addresses and ranges separated by commas ("127.0.0.1,10.0.0.0/8"); "${bad.join('", "')}" is none of these`,
      };
});

const demoPassword = checked((text) =>
  text.length >= MIN_PASSWORD_LENGTH
    ? { value: text }
    : { message: `must have at least ${MIN_PASSWORD_LENGTH} characters` },
);

const sqliteSynchronous = checked((text) => {
  const value = text.toUpperCase();
  return value === 'NORMAL' || value === 'FULL'
    ? { value: value as SqliteSynchronous }
    : { message: `must be NORMAL or FULL, not "${text}"` };
});

const publicUrl = checked((text) => {
  try {
    const url = new URL(text);
    if ((url.protocol === 'http:' || url.protocol === 'https:') && url.search === '' && url.hash === '')
      return { value: text.replace(/\/+$/, '') };
  } catch {
    // falls through to the message
  }
  return {
    message: `must be an http(s) URL without query or fragment (https://12345.example.gov.cn), not "${text}"`,
  };
});

const smtpUrl = checked((text) => {
  try {
    const url = new URL(text);
    if ((url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname) return { value: text };
  } catch {
    // falls through to the message
  }
  return {
    message:
      'must be smtp://user:password@host:port (STARTTLS) or smtps://… (TLS), with the password URL-encoded',
  };
});

const mailFrom = checked((text) =>
  /@[^\s@>]+\.[^\s@>]+>?\s*$/.test(text)
    ? { value: text }
    : { message: `must name the sender with an address ("督查室 <duban@example.gov.cn>"), not "${text}"` },
);

const onOff = checked((text) => {
  const value = text.toLowerCase();
  return value === 'on' || value === 'off'
    ? { value: value === 'on' }
    : { message: `must be on or off, not "${text}"` };
});

const EnvironmentSchema = z
  .object({
    DATABASE_URL: setting(databaseUrl),
    DATABASE_READ_URL: setting(databaseReadUrl),
    PORT: setting(port),
    HOST: setting(host),
    LOG_LEVEL: setting(logLevel),
    TRUST_PROXY: setting(trustProxy),
    LUOSHI_DEMO_PASSWORD: setting(demoPassword),
    LUOSHI_SQLITE_SYNCHRONOUS: setting(sqliteSynchronous),
    LUOSHI_PUBLIC_URL: setting(publicUrl),
    LUOSHI_SMTP_URL: setting(smtpUrl),
    LUOSHI_MAIL_FROM: setting(mailFrom),
    LUOSHI_SMS_GATEWAY: setting(z.string()),
    LUOSHI_NOTIFY: setting(onOff),
  })
  .superRefine((e, ctx) => {
    if (
      e.DATABASE_READ_URL !== undefined &&
      !(e.DATABASE_URL !== undefined && isPostgresUrl(e.DATABASE_URL))
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['DATABASE_READ_URL'],
        message: 'needs DATABASE_URL to be the postgres:// URL of its primary (SQLite has no replicas)',
      });
    }
    if (e.LUOSHI_SMTP_URL !== undefined && e.LUOSHI_MAIL_FROM === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['LUOSHI_MAIL_FROM'],
        message: 'is required with LUOSHI_SMTP_URL: who the e-mails come from',
      });
    }
  });

/**
 * Reads the configuration from `env`, with the defaults for what is unset (an empty value
 * counts as unset). Throws AppError BAD_INPUT naming every bad variable at once, one detail
 * each, in the message as "PORT: must be …; TRUST_PROXY: must be …".
 * @example parseConfig({ PORT: '8080' }).port // 8080
 * @example parseConfig({}) // { port: 3000, host: '127.0.0.1', logLevel: 'info', trustProxy: false, … }
 */
export function parseConfig(env: Environment): Config {
  const picked = Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, env[name]]));
  const result = EnvironmentSchema.safeParse(picked);
  if (!result.success) {
    const details = result.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      message: issue.message,
    }));
    throw new AppError(
      'BAD_INPUT',
      `the environment is not valid: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
      details,
    );
  }
  const e = result.data;
  return {
    databaseUrl: e.DATABASE_URL,
    databaseReadUrl: e.DATABASE_READ_URL,
    port: e.PORT ?? 3000,
    host: e.HOST ?? '127.0.0.1',
    logLevel: e.LOG_LEVEL ?? 'info',
    trustProxy: e.TRUST_PROXY ?? false,
    demoPassword: e.LUOSHI_DEMO_PASSWORD,
    sqliteSynchronous: e.LUOSHI_SQLITE_SYNCHRONOUS ?? 'NORMAL',
    publicUrl: e.LUOSHI_PUBLIC_URL,
    smtp: e.LUOSHI_SMTP_URL === undefined ? undefined : { url: e.LUOSHI_SMTP_URL, from: e.LUOSHI_MAIL_FROM! },
    smsGatewayFile: e.LUOSHI_SMS_GATEWAY,
    notify: e.LUOSHI_NOTIFY ?? true,
  };
}

/** The configuration of this process (its environment); throws like parseConfig. */
export function loadConfig(): Config {
  return parseConfig(process.env);
}
