import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config.js';
import { UsageError } from '../command.js';
import type { CliIo } from '../command.js';
import { parseServeOptions, runServe } from './serve.js';

function captureIo(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    stdin: (async function* () {})(),
  };
}

describe('parseServeOptions', () => {
  it('defaults to port 3000 on 127.0.0.1 and the SQLite file', () => {
    expect(parseServeOptions({ values: {}, positionals: [] }, parseConfig({}))).toEqual({
      port: 3000,
      host: '127.0.0.1',
      db: './data/luoshi.sqlite',
      logLevel: 'info',
      trustProxy: false,
      sqliteSynchronous: 'NORMAL',
    });
  });

  it('takes PORT, HOST, DATABASE_URL, LOG_LEVEL and TRUST_PROXY from the configuration, and options over them', () => {
    const env = parseConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgres://db/luoshi',
      LOG_LEVEL: 'warn',
      TRUST_PROXY: '10.0.0.0/8',
    });
    expect(parseServeOptions({ values: {}, positionals: [] }, env)).toEqual({
      port: 8080,
      host: '0.0.0.0',
      db: 'postgres://db/luoshi',
      logLevel: 'warn',
      trustProxy: '10.0.0.0/8',
      sqliteSynchronous: 'NORMAL',
    });
    expect(
      parseServeOptions({ values: { port: '9000', db: 'x.sqlite' }, positionals: [] }, env),
    ).toMatchObject({
      port: 9000,
      db: 'x.sqlite',
    });
  });

  it('refuses a port that is not a number in range', () => {
    const config = parseConfig({});
    expect(() => parseServeOptions({ values: { port: 'http' }, positionals: [] }, config)).toThrow(
      UsageError,
    );
    expect(() => parseServeOptions({ values: { port: '70000' }, positionals: [] }, config)).toThrow(
      UsageError,
    );
  });

  it('takes a built web app folder with --web-root and refuses one without index.html', () => {
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-web-root-'));
    try {
      expect(() =>
        parseServeOptions({ values: { 'web-root': dir }, positionals: [] }, parseConfig({})),
      ).toThrow(/holds no built web app/);
      writeFileSync(join(dir, 'index.html'), '<!doctype html><title>落实</title>');
      expect(
        parseServeOptions({ values: { 'web-root': dir }, positionals: [] }, parseConfig({})).webRoot,
      ).toBe(dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('runServe', () => {
  it('serves the API until SIGTERM, then stops cleanly with exit code 0', async () => {
    const io = captureIo();
    const options = parseServeOptions(
      { values: { port: '0', db: ':memory:' }, positionals: [] },
      parseConfig({}),
    );
    const running = runServe(options, io, pino({ level: 'silent' }));
    const deadline = Date.now() + 10_000;
    while (io.out.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const url = /http:\/\/127\.0\.0\.1:\d+/.exec(io.out.join(''))?.[0];
    expect(url).toBeDefined();
    const response = await fetch(`${url}/api/v1/plans`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ items: [], total: 0 });
    process.emit('SIGTERM');
    expect(await running).toBe(0);
    await expect(fetch(`${url}/api/v1/plans`)).rejects.toThrow();
  });

  it('fails with one UNAVAILABLE line when the database cannot be reached', async () => {
    const io = captureIo();
    await expect(
      runServe(
        parseServeOptions(
          { values: { port: '0', db: 'postgres://luoshi@127.0.0.1:1/none' }, positionals: [] },
          parseConfig({}),
        ),
        io,
        pino({ level: 'silent' }),
      ),
    ).rejects.toMatchObject({ code: 'UNAVAILABLE', message: expect.stringContaining('127.0.0.1:1') });
  });
});
