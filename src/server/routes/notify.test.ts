import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS, seedJurisdiction, seedUser } from '../../../test/factories.js';
import { hashSecret } from '../../commands/secrets.js';
import type {
  Bulletin,
  BulletinDraftAnswer,
  IssuedBulletin,
  IssuedBulletinSummary,
  OutboxPage,
  UnitNotifySettings,
  UserNotifySettings,
  WorkItem,
} from '../../contract/index.js';
import { pdfColours, pdfPages, squash } from '../../documents/testing/office.js';
import type { User } from '../../plan/types.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';

const V1 = '/api/v1';
const FIXTURES = new URL('../../../test/fixtures/jurisdictions/', import.meta.url).pathname;
/** 2024-06-04 09:00 Beijing. */
const NOW = new Date('2024-06-04T01:00:00.000Z');

interface ErrorAnswer {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}
interface Outsider {
  jurisdictionId: number;
  user: User;
  as: (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => Promise<LightMyRequestResponse>;
}
interface Settings<T> {
  data: T;
  version: number;
  channels: string[];
}

describe.each(DIALECTS)('notification and 通报 routes on %s', (dialect) => {
  let t: TestApp;
  let outsider: Promise<Outsider> | undefined;
  /** The admin of another jurisdiction (Shanghai's, set up from its files), made once. */
  const other = () =>
    (outsider ??= (async () => {
      const jurisdictionId = (await seedJurisdiction(t.store, `${FIXTURES}shanghai`)).jurisdiction.id;
      const user = await seedUser(t.store, 'admin', { username: 'shanghai-admin', jurisdictionId });
      const token = `lst_test_shanghai_admin_${dialect}`;
      await t.store.sessions.insertToken({
        tokenHash: hashSecret(token),
        userId: user.id,
        expiresAt: '2999-01-01T00:00:00.000Z',
        name: 'tests',
      });
      const as = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
        t.app.inject({
          method,
          url: `${V1}${url}`,
          headers: { authorization: `Bearer ${token}` },
          ...(payload ? { payload: payload as Record<string, unknown> } : {}),
        });
      return { jurisdictionId, user, as };
    })());
  beforeAll(async () => {
    t = await createTestApp(dialect, {
      now: () => NOW,
      notify: {
        publicUrl: 'https://luoshi.example.gov.cn',
        channels: ['email', 'dingtalk', 'wecom', 'webhook'],
      },
    });
  });

  it('each person keeps their own settings; a wrong mobile number is named; a stale version answers 409', async () => {
    const first = json<Settings<UserNotifySettings>>(
      await t.request('reporter', { url: `${V1}/notify/settings/me` }),
    );
    expect(first).toEqual({
      data: { email: null, phone: null, channels: [], digest: null, quietHours: 'policy' },
      version: 0,
      channels: ['email', 'dingtalk', 'wecom', 'webhook'],
    });
    const put = (data: object, version: number) =>
      t.request('reporter', { method: 'PUT', url: `${V1}/notify/settings/me`, payload: { data, version } });
    const mine = {
      email: 'wangfang@example.gov.cn',
      phone: '1380000',
      channels: ['email'],
      digest: true,
      quietHours: { from: '22:00', to: '07:00' },
    };
    const bad = await put(mine, 0);
    expect(bad.statusCode).toBe(400);
    expect(json<ErrorAnswer>(bad).error.details.map((d) => d.path)).toEqual(['body.data.phone']);
    const saved = await put({ ...mine, phone: '13800000001' }, 0);
    expect(saved.statusCode, saved.body).toBe(200);
    expect(json<Settings<UserNotifySettings>>(saved).version).toBe(1);
    expect((await put({ ...mine, phone: null }, 0)).statusCode).toBe(409);
    // Another person's settings are untouched.
    expect(
      json<Settings<UserNotifySettings>>(
        await t.request('otherReporter', { url: `${V1}/notify/settings/me` }),
      ).data.email,
    ).toBeNull();
  });

  it('a unit’s robots: the office sets them, reads the tokens masked, and a masked token sent back is kept', async () => {
    const url = `${V1}/units/${t.unitA.id}/notify-settings`;
    expect((await t.request('reporter', { url })).statusCode).toBe(403);
    const robot = {
      channel: 'dingtalk',
      name: '水务局工作群',
      url: 'https://oapi.dingtalk.com/robot/send?access_token=TOKEN123456',
      secret: 'SECabcdef9876',
      enabled: true,
    };
    const bad = await t.request('supervisor', {
      method: 'PUT',
      url,
      payload: { data: { leaderUserId: null, robots: [{ ...robot, channel: 'qq' }] }, version: 0 },
    });
    expect(bad.statusCode).toBe(400);
    expect(json<ErrorAnswer>(bad).error.details[0]?.path).toBe('body.data.robots.0.channel');
    const saved = await t.request('supervisor', {
      method: 'PUT',
      url,
      payload: { data: { leaderUserId: t.users.leader.id, robots: [robot] }, version: 0 },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const read = json<Settings<UnitNotifySettings>>(await t.request('admin', { url }));
    expect(read.data.robots[0]).toMatchObject({
      url: expect.stringContaining('access_token=••••3456'),
      secret: '••••9876',
    });
    expect(JSON.stringify(read)).not.toContain('TOKEN123456');
    // Sent back as read, with another name for the group: the stored token and secret stay.
    const again = await t.request('admin', {
      method: 'PUT',
      url,
      payload: { data: read.data, version: read.version },
    });
    expect(again.statusCode, again.body).toBe(200);
    const stored = await t.store.notifySettings.find(t.unitA.jurisdictionId!, `unit:${t.unitA.id}`);
    expect(stored?.data).toMatchObject({ robots: [{ url: robot.url, secret: robot.secret }] });
  });

  it('a unit’s settings are its jurisdiction’s: another jurisdiction’s admin gets 404 for them, read or written, and keeps its own apart', async () => {
    const o = await other();
    const ours = `/units/${t.unitA.id}/notify-settings`;
    const before = await t.store.notifySettings.find(t.unitA.jurisdictionId!, `unit:${t.unitA.id}`);
    expect(before).toBeDefined();
    expect((await o.as('GET', ours)).statusCode).toBe(404);
    const robot = {
      channel: 'wecom',
      name: '上海市工作群',
      url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=SHKEY778899',
      secret: null,
      enabled: true,
    };
    const written = await o.as('PUT', ours, {
      data: { leaderUserId: null, robots: [robot] },
      version: before!.version,
    });
    expect(written.statusCode, written.body).toBe(404);
    expect(await t.store.notifySettings.find(t.unitA.jurisdictionId!, `unit:${t.unitA.id}`)).toEqual(before);

    // Its own unit starts from the defaults (nothing of the other jurisdiction's) and is kept in its jurisdiction.
    const [unit] = await t.store.units.list([o.jurisdictionId]);
    const theirs = `/units/${unit!.id}/notify-settings`;
    expect(json<Settings<UnitNotifySettings>>(await o.as('GET', theirs))).toMatchObject({
      data: { leaderUserId: null, robots: [] },
      version: 0,
    });
    // A leader of another jurisdiction is refused where it is named.
    const foreign = await o.as('PUT', theirs, {
      data: { leaderUserId: t.users.leader.id, robots: [robot] },
      version: 0,
    });
    expect(foreign.statusCode).toBe(400);
    expect(json<ErrorAnswer>(foreign).error.details.map((d) => d.path)).toEqual(['body.data.leaderUserId']);
    const saved = await o.as('PUT', theirs, {
      data: { leaderUserId: o.user.id, robots: [robot] },
      version: 0,
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.body).not.toContain('SHKEY778899');
    expect((await t.store.notifySettings.find(o.jurisdictionId, `unit:${unit!.id}`))?.data).toMatchObject({
      robots: [{ url: robot.url }],
    });
    expect(await t.store.notifySettings.find(t.unitA.jurisdictionId!, `unit:${unit!.id}`)).toBeUndefined();
    // The admin of the first jurisdiction cannot read them either.
    expect((await t.request('admin', { url: `${V1}${theirs}` })).statusCode).toBe(404);

    // A person's own settings are kept in their jurisdiction.
    const me = await o.as('PUT', '/notify/settings/me', {
      data: {
        email: 'li@shanghai.example.gov.cn',
        phone: null,
        channels: ['email'],
        digest: null,
        quietHours: null,
      },
      version: 0,
    });
    expect(me.statusCode, me.body).toBe(200);
    expect(await t.store.notifySettings.find(o.jurisdictionId, `user:${o.user.id}`)).toMatchObject({
      version: 1,
    });
    expect(await t.store.notifySettings.find(t.unitA.jurisdictionId!, `user:${o.user.id}`)).toBeUndefined();
  });

  it('the delivery log shows what an assignment queued, to admins only; resending a pending message is refused', async () => {
    const item = json<WorkItem>(
      await t.request('supervisor', {
        method: 'POST',
        url: `${V1}/work/instructions`,
        payload: {
          docNumber: '区委办呈〔2024〕9号',
          title: '关于防汛工作的报告',
          leader: '张明区长',
          instructedOn: '2024-06-03',
          class: 'document',
          text: '请抓紧落实。',
        },
      }),
    );
    const assigned = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/work/instructions/${item.id}/actions`,
      payload: { type: 'assign', leadUnitId: t.unitA.id, dueOn: '2024-06-20', version: item.version },
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect((await t.request('supervisor', { url: `${V1}/notify/outbox` })).statusCode).toBe(403);
    const log = json<OutboxPage>(await t.request('admin', { url: `${V1}/notify/outbox?kind=work.assign` }));
    expect(log.items.map((m) => [m.channel, m.status, m.title]).sort()).toEqual([
      ['dingtalk', 'pending', '【交办】张明区长批示：关于防汛工作的报告'],
      ['email', 'pending', '【交办】张明区长批示：关于防汛工作的报告'],
    ]);
    const resend = await t.request('admin', {
      method: 'POST',
      url: `${V1}/notify/outbox/${log.items[0]!.id}/resend`,
    });
    expect(resend.statusCode).toBe(409);
    const bad = await t.request('admin', { url: `${V1}/notify/outbox?channel=fax` });
    expect(bad.statusCode).toBe(400);
    expect(json<ErrorAnswer>(bad).error.details[0]?.path).toBe('query.channel');
  });

  it('the delivery log of another jurisdiction’s admin holds none of these messages, nor resends one', async () => {
    const mine = json<OutboxPage>(await t.request('admin', { url: `${V1}/notify/outbox` }));
    expect(mine.total).toBeGreaterThan(0);
    const { as } = await other();
    expect(json<OutboxPage>(await as('GET', '/notify/outbox'))).toEqual({ items: [], total: 0 });
    expect((await as('POST', `/notify/outbox/${mine.items[0]!.id}/resend`)).statusCode).toBe(404);
  });

  it('the 通报: draft, preview, issue with its 文号, kept for the units it names, downloaded as .docx and .xlsx', async () => {
    const draftUrl = `${V1}/bulletins/drafts/2024-06`;
    expect((await t.request('reporter', { url: draftUrl })).statusCode).toBe(403);
    expect((await t.request('supervisor', { url: `${V1}/bulletins/drafts/2024-13` })).statusCode).toBe(400);
    const empty = json<BulletinDraftAnswer>(await t.request('supervisor', { url: draftUrl }));
    expect(empty).toMatchObject({ month: '2024-06', version: 0, data: { number: '' } });
    const noNumber = await t.request('supervisor', {
      method: 'POST',
      url: `${draftUrl}/issue`,
      payload: { version: 0 },
    });
    expect(noNumber.statusCode).toBe(400);
    expect(json<ErrorAnswer>(noNumber).error.details[0]?.path).toBe('number');

    const draft = {
      number: '督通〔2024〕6号',
      title: null,
      comments: [{ leader: '张明区长', text: '逾期事项要逐项对账销号。' }],
      requirements: ['各单位要对照通报问题认真整改。'],
    };
    const saved = await t.request('supervisor', {
      method: 'PUT',
      url: draftUrl,
      payload: { data: draft, version: 0 },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const preview = json<Bulletin>(await t.request('supervisor', { url: `${draftUrl}/preview` }));
    expect(preview).toMatchObject({ number: '督通〔2024〕6号', month: '2024-06', comments: draft.comments });
    expect(preview.title).toContain('2024年6月');

    const issued = await t.request('supervisor', {
      method: 'POST',
      url: `${draftUrl}/issue`,
      payload: { version: 1 },
    });
    expect(issued.statusCode, issued.body).toBe(201);
    const summary = json<IssuedBulletinSummary>(issued);
    expect(summary).toMatchObject({ month: '2024-06', revision: 1, number: '督通〔2024〕6号' });
    expect(summary.unitIds).toContain(t.unitA.id);

    // unitA is named (its 批示件 is due this month): its reporter reads it.
    const list = json<IssuedBulletinSummary[]>(await t.request('reporter', { url: `${V1}/bulletins` }));
    expect(list.map((b) => b.id)).toEqual([summary.id]);
    const one = json<IssuedBulletin>(await t.request('reporter', { url: `${V1}/bulletins/${summary.id}` }));
    expect(one.bulletin.rows.find((r) => r.unitId === t.unitA.id)?.due).toBe(1);
    // Kept as issued: the same figures the builder previewed.
    expect(one.bulletin.rows).toEqual(preview.rows);
    expect(one.bulletin.black).toEqual(preview.black);
    const docx = await t.request('reporter', { url: `${V1}/bulletins/${summary.id}/file.docx` });
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const xlsx = await t.request('leader', { url: `${V1}/bulletins/${summary.id}/file.xlsx` });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain("filename*=UTF-8''");
    expect((await t.request('leader', { url: `${V1}/bulletins/${summary.id}/file.odt` })).statusCode).toBe(
      400,
    );
  });

  it('prints an issued 通报 as PDF with its red header (红头) and 文号', async () => {
    const [summary] = json<IssuedBulletinSummary[]>(
      await t.request('supervisor', { url: `${V1}/bulletins` }),
    );
    const response = await t.request('reporter', { url: `${V1}/bulletins/${summary!.id}/file.pdf` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    const pages = await pdfPages(response.rawPayload);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    expect(pages.every((p) => p.width === 595 && p.height === 842)).toBe(true);
    expect(squash(pages[0]!.text)).toContain('督通〔2024〕6号');
    // The issuer's mark and the rule under the 文号 are printed red (E60000), as in the .docx.
    expect(await pdfColours(response.rawPayload)).toContain('#e60000');
  }, 120_000);
});
