import { describe, expect, it } from 'vitest';
import { AppError } from './errors.js';
import { parseConfig } from './config.js';

/** The AppError parseConfig throws for `env`. */
function refusal(env: Record<string, string>): AppError {
  try {
    parseConfig(env);
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error(`parseConfig accepted ${JSON.stringify(env)}`);
}

describe('parseConfig', () => {
  it('gives the defaults when nothing is set', () => {
    expect(parseConfig({})).toEqual({
      databaseUrl: undefined,
      port: 3000,
      host: '127.0.0.1',
      logLevel: 'info',
      trustProxy: false,
      demoPassword: undefined,
      sqliteSynchronous: 'NORMAL',
      publicUrl: undefined,
      smtp: undefined,
      smsGatewayFile: undefined,
      notify: true,
    });
  });

  it('reads every variable it knows, trimmed, and ignores the others', () => {
    expect(
      parseConfig({
        DATABASE_URL: ' postgres://luoshi@db.example:5433/luoshi ',
        PORT: '8080',
        HOST: '0.0.0.0',
        LOG_LEVEL: 'WARN',
        TRUST_PROXY: '127.0.0.1, 10.0.0.0/8',
        LUOSHI_DEMO_PASSWORD: 'demo-password-1',
        LUOSHI_SQLITE_SYNCHRONOUS: 'full',
        LUOSHI_PUBLIC_URL: 'https://luoshi.example.gov.cn/',
        LUOSHI_SMTP_URL: 'smtps://duban:p%40ss@smtp.example.gov.cn:465',
        LUOSHI_MAIL_FROM: '区政府督查室 <duban@example.gov.cn>',
        LUOSHI_SMS_GATEWAY: '/etc/luoshi/sms.json',
        LUOSHI_NOTIFY: 'OFF',
        HOME: '/root',
      }),
    ).toEqual({
      databaseUrl: 'postgres://luoshi@db.example:5433/luoshi',
      port: 8080,
      host: '0.0.0.0',
      logLevel: 'warn',
      trustProxy: '127.0.0.1,10.0.0.0/8',
      demoPassword: 'demo-password-1',
      sqliteSynchronous: 'FULL',
      publicUrl: 'https://luoshi.example.gov.cn',
      smtp: {
        url: 'smtps://duban:p%40ss@smtp.example.gov.cn:465',
        from: '区政府督查室 <duban@example.gov.cn>',
      },
      smsGatewayFile: '/etc/luoshi/sms.json',
      notify: false,
    });
  });

  it('counts an empty or blank variable as unset', () => {
    expect(parseConfig({ PORT: '', DATABASE_URL: '  ', TRUST_PROXY: '' })).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      trustProxy: false,
    });
  });

  it('takes PORT 0 (a free port) and every TRUST_PROXY form Fastify knows', () => {
    expect(parseConfig({ PORT: '0' }).port).toBe(0);
    expect(parseConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(parseConfig({ TRUST_PROXY: 'False' }).trustProxy).toBe(false);
    expect(parseConfig({ TRUST_PROXY: 'loopback,::1,fd00::/8' }).trustProxy).toBe('loopback,::1,fd00::/8');
  });

  it('takes a SQLite path or a postgres URL as DATABASE_URL', () => {
    expect(parseConfig({ DATABASE_URL: './data/x.sqlite' }).databaseUrl).toBe('./data/x.sqlite');
    expect(parseConfig({ DATABASE_URL: ':memory:' }).databaseUrl).toBe(':memory:');
    expect(refusal({ DATABASE_URL: 'postgres://db.example' }).details).toEqual([
      { path: 'DATABASE_URL', message: 'must be a SQLite file path or a postgres:// URL naming a database' },
    ]);
  });

  it('lists every bad variable at once, in one message and one detail each', () => {
    const error = refusal({
      PORT: '80a',
      HOST: 'two hosts',
      LOG_LEVEL: 'loud',
      TRUST_PROXY: '1',
      LUOSHI_DEMO_PASSWORD: 'short',
      LUOSHI_SQLITE_SYNCHRONOUS: 'OFF',
    });
    expect(error.code).toBe('BAD_INPUT');
    expect(error.details.map((d) => d.path)).toEqual([
      'PORT',
      'HOST',
      'LOG_LEVEL',
      'TRUST_PROXY',
      'LUOSHI_DEMO_PASSWORD',
      'LUOSHI_SQLITE_SYNCHRONOUS',
    ]);
    expect(error.message).toBe(
      'the environment is not valid: ' +
        'PORT: must be a whole number from 0 to 65535 (0 picks a free port), not "80a"; ' +
        'HOST: must be one address or host name, not "two hosts"; ' +
        'LOG_LEVEL: must be one of fatal, error, warn, info, debug, trace, silent, not "loud"; ' +
        'TRUST_PROXY: must be true, false, or proxy addresses and ranges separated by commas ("127.0.0.1,10.0.0.0/8"); "1" is none of these; ' +
        'LUOSHI_DEMO_PASSWORD: must have at least 8 characters; ' +
        'LUOSHI_SQLITE_SYNCHRONOUS: must be NORMAL or FULL, not "OFF"',
    );
  });

  it('takes LUOSHI_PUBLIC_URL as an http(s) URL without a trailing slash', () => {
    expect(parseConfig({ LUOSHI_PUBLIC_URL: 'http://[::1]:8080/luoshi/' }).publicUrl).toBe(
      'http://[::1]:8080/luoshi',
    );
    expect(refusal({ LUOSHI_PUBLIC_URL: 'ftp://x.example' }).details.map((d) => d.path)).toEqual([
      'LUOSHI_PUBLIC_URL',
    ]);
    expect(refusal({ LUOSHI_PUBLIC_URL: 'https://x.example/?a=1' }).message).toContain(
      'must be an http(s) URL without query or fragment',
    );
  });

  it('refuses a port above 65535 and a range wider than the address', () => {
    expect(refusal({ PORT: '65536' }).details.map((d) => d.path)).toEqual(['PORT']);
    expect(refusal({ TRUST_PROXY: '10.0.0.0/33,127.0.0.1' }).message).toContain('"10.0.0.0/33" is none');
  });

  it('checks the messaging variables: the site address, the SMTP URL and its sender, on/off', () => {
    expect(
      refusal({
        LUOSHI_PUBLIC_URL: 'luoshi.gov.cn',
        LUOSHI_SMTP_URL: 'mail.example.gov.cn',
        LUOSHI_NOTIFY: 'yes',
      }).details,
    ).toEqual([
      {
        path: 'LUOSHI_PUBLIC_URL',
        message:
          'must be an http(s) URL without query or fragment (https://12345.example.gov.cn), not "luoshi.gov.cn"',
      },
      {
        path: 'LUOSHI_SMTP_URL',
        message:
          'must be smtp://user:password@host:port (STARTTLS) or smtps://… (TLS), with the password URL-encoded',
      },
      { path: 'LUOSHI_NOTIFY', message: 'must be on or off, not "yes"' },
    ]);
    expect(refusal({ LUOSHI_SMTP_URL: 'smtp://smtp.example.gov.cn:25' }).details).toEqual([
      { path: 'LUOSHI_MAIL_FROM', message: 'is required with LUOSHI_SMTP_URL: who the e-mails come from' },
    ]);
  });
});
