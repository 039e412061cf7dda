import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { DEFAULT_JURISDICTION, DEMO_UNITS, seedUser } from '../../../test/factories.js';
import { createUnit } from '../../commands/units.js';
import { saveSettings } from '../../commands/notify.js';
import { moveInstructionItem, registerInstructionItem } from '../../commands/work-sources.js';
import { parseConfig } from '../../config.js';
import type { UnitRobot, UserNotifySettings } from '../../notify/settings.js';
import { startReceiver } from '../../notify/testing/receiver.js';
import { startSmtpServer } from '../../notify/testing/smtp.js';
import { deriveActor } from '../../plan/audit.js';
import { openStore } from '../../store/index.js';
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
      notify: { enabled: true, publicUrl: undefined, smtp: undefined, smsGatewayFile: undefined },
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
      notify: { enabled: true, publicUrl: undefined, smtp: undefined, smsGatewayFile: undefined },
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

describe('runServe with messaging', () => {
  it('sends what a command queued, by SMTP and a webhook, from the running server; stops the worker on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-serve-notify-'));
    const smtp = await startSmtpServer();
    const hook = await startReceiver();
    hook.answer(() => ({ status: 200, body: { ok: true } }));
    const db = join(dir, 'luoshi.sqlite');
    const io = captureIo();
    const options = parseServeOptions(
      { values: { port: '0', db }, positionals: [] },
      parseConfig({
        LUOSHI_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        LUOSHI_MAIL_FROM: '区政府督查室 <duban@example.gov.cn>',
        LUOSHI_PUBLIC_URL: 'https://luoshi.example.gov.cn',
      }),
    );
    const running = runServe(options, io, pino({ level: 'silent' }));
    const deadline = Date.now() + 10_000;
    while (io.out.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(io.out.join('')).toContain('Luoshi is serving');
    // The server migrated the file; the test writes beside it, as another process would.
    const store = await openStore(db);
    try {
      // A unit with a person reached by e-mail and a platform webhook, as an admin sets them.
      const unit = await createUnit(store, { ...DEMO_UNITS[0]!, jurisdictionId: DEFAULT_JURISDICTION });
      const reporter = await seedUser(store, 'reporter', {
        username: 'wf',
        unitIds: [unit.id],
        displayName: '王芳',
      });
      const supervisor = await seedUser(store, 'supervisor');
      const admin = deriveActor(await seedUser(store, 'admin'));
      const now = new Date().toISOString();
      const person: UserNotifySettings = {
        email: 'wangfang@example.gov.cn',
        phone: null,
        channels: ['email'],
        digest: null,
        quietHours: null,
      };
      await saveSettings(store, reporter.jurisdictionId, `user:${reporter.id}`, person, 0, admin, now);
      const robot: UnitRobot = {
        channel: 'webhook',
        name: '政务协同平台',
        url: `${hook.url}/hook`,
        secret: 'S3',
        enabled: true,
      };
      await saveSettings(
        store,
        unit.jurisdictionId!,
        `unit:${unit.id}`,
        { leaderUserId: null, robots: [robot] },
        0,
        admin,
        now,
      );

      const sup = deriveActor(supervisor);
      const item = await registerInstructionItem(
        store,
        {
          docNumber: '区委办呈〔2026〕3号',
          title: '关于冬季供暖的报告',
          leader: '张明区长',
          instructedOn: now.slice(0, 10),
          class: 'document',
          text: '请抓紧落实。',
        },
        sup,
        now,
      );
      const ctx = { publicUrl: 'https://luoshi.example.gov.cn' };
      await moveInstructionItem(
        store,
        ctx,
        item.id,
        { type: 'assign', leadUnitId: unit.id, coUnitIds: [], dueOn: '2027-01-29' },
        item.version,
        sup,
        now,
      );

      const [mail] = await smtp.waitFor(1, 15_000);
      expect(mail!.to).toEqual(['wangfang@example.gov.cn']);
      expect(mail!.parsed.subject).toContain('关于冬季供暖的报告');
      expect(mail!.parsed.text).toContain('https://luoshi.example.gov.cn/');
      const [request] = await hook.waitFor(1, 15_000);
      expect(request!.url).toBe('/hook');
      expect(request!.body).toContain('关于冬季供暖的报告');
      // The delivery log says sent, for both.
      const deadline2 = Date.now() + 5_000;
      let states: string[] = [];
      while (Date.now() < deadline2) {
        states = (await store.outbox.list({ kind: 'work.assign' })).items.map((m) => m.status);
        if (states.length === 2 && states.every((x) => x === 'sent')) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(states).toEqual(['sent', 'sent']);
    } finally {
      process.emit('SIGTERM');
      expect(await running).toBe(0);
      await store.close();
      await smtp.stop();
      await hook.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 40_000);

  it('refuses to start with a clear line when the SMS gateway file is missing or wrong', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'luoshi-serve-sms-'));
    try {
      const serve = (file: string) =>
        runServe(
          parseServeOptions(
            { values: { port: '0', db: ':memory:' }, positionals: [] },
            parseConfig({ LUOSHI_SMS_GATEWAY: file }),
          ),
          captureIo(),
          pino({ level: 'silent' }),
        );
      await expect(serve(join(dir, 'none.json'))).rejects.toMatchObject({
        code: 'BAD_INPUT',
        message: expect.stringMatching(/^LUOSHI_SMS_GATEWAY: cannot read .*none\.json as JSON/),
      });
      const file = join(dir, 'sms.json');
      writeFileSync(file, JSON.stringify({ url: 'not a url' }));
      await expect(serve(file)).rejects.toMatchObject({
        code: 'BAD_INPUT',
        message: expect.stringMatching(
          /the SMS gateway settings in .*sms\.json are wrong — url: .*; secret: /,
        ),
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
