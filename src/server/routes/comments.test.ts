/**
 * Comments on commitments over HTTP on both engines: a citizen gets a code by SMS (the outbox),
 * signs in with it, comments; the public sees nothing until the plan office publishes it, then
 * sees the words with personal data hidden and the lead unit's answer; the office rejects and
 * hides with a reason; limits hold; nobody's contact appears in any answer.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import type { PublicCommentList, PublicCommitment, StaffCommentList } from '../../contract/index.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';

const V1 = '/api/v1';
const PHONE = '13912345678';

describe.each(DIALECTS)('comments on commitments on %s', (dialect) => {
  let t: TestApp;
  let clock = new Date('2022-07-10T09:00:00.000Z');
  let cookie = '';
  let item: string;
  const tick = (seconds: number) => {
    clock = new Date(clock.getTime() + seconds * 1000);
  };

  /** The code the outbox holds for the last challenge. */
  async function lastCode(): Promise<string> {
    const page = await t.store.outbox.list({ kind: 'comment.code', limit: 50 });
    const newest = [...page.items].sort((a, b) => (a.queuedAt < b.queuedAt ? 1 : -1))[0]!;
    const message = await t.store.outbox.get(newest.id);
    return /(\d{6})/.exec(message.notice.intro)![1]!;
  }

  async function signIn(contact = PHONE, kind: 'phone' | 'email' = 'phone'): Promise<string> {
    const sent = await t.request('public', {
      method: 'POST',
      url: `${V1}/public/comment-codes`,
      payload: { kind, contact },
    });
    expect(sent.statusCode).toBe(202);
    const { challengeId } = json<{ challengeId: number }>(sent);
    const session = await t.request('public', {
      method: 'POST',
      url: `${V1}/public/comment-sessions`,
      payload: { challengeId, code: await lastCode() },
    });
    expect(session.statusCode).toBe(200);
    const set = String(session.headers['set-cookie']);
    return set.split(';')[0]!;
  }

  const comment = (body: string, as = cookie) =>
    t.request('public', {
      method: 'POST',
      url: `${item}/comments`,
      payload: { body },
      headers: as ? { cookie: as } : {},
    });

  const staffList = async (caller: 'supervisor' | 'reporter' | 'otherReporter' | 'leader', state?: string) =>
    json<StaffCommentList>(
      await t.request(caller, {
        url: `${V1}/plans/${t.published.plan.id}/comments${state ? `?state=${state}` : ''}`,
      }),
    );

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => clock });
    item = `${V1}/public/plans/${t.published.plan.id}/commitments/task/${t.taskA.id}`;
  });

  it('sends a code to the mobile through the outbox and refuses a wrong one', async () => {
    const bad = await t.request('public', {
      method: 'POST',
      url: `${V1}/public/comment-codes`,
      payload: { kind: 'phone', contact: '12345' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('contact');
    const sent = await t.request('public', {
      method: 'POST',
      url: `${V1}/public/comment-codes`,
      payload: { kind: 'phone', contact: `+86 ${PHONE}` },
    });
    expect(sent.statusCode).toBe(202);
    expect(sent.body).not.toContain(PHONE);
    const { challengeId } = json<{ challengeId: number }>(sent);
    const code = await lastCode();
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const refused = await t.request('public', {
      method: 'POST',
      url: `${V1}/public/comment-sessions`,
      payload: { challengeId, code: wrong },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('code');
    // A second code to the same mobile within a minute is refused.
    const again = await t.request('public', {
      method: 'POST',
      url: `${V1}/public/comment-codes`,
      payload: { kind: 'phone', contact: PHONE },
    });
    expect(again.statusCode).toBe(429);
    tick(61);
  });

  it('takes a comment only from a signed-in citizen, and shows it only once the office publishes it', async () => {
    expect((await comment('路灯什么时候能修好？', '')).statusCode).toBe(401);
    cookie = await signIn();
    const status = await t.request('public', {
      url: `${V1}/public/comment-sessions/current`,
      headers: { cookie },
    });
    expect(json<{ signedIn: boolean }>(status).signedIn).toBe(true);
    const sent = await comment(`建议尽快推进，我的电话${PHONE}，欢迎联系。`);
    expect(sent.statusCode).toBe(202);
    expect(json<PublicCommentList>(await t.request('public', { url: `${item}/comments` })).count).toBe(0);
    const queue = await staffList('supervisor', 'pending');
    expect(queue.items).toHaveLength(1);
    expect(queue.items[0]!.flags.map((f) => f.kind)).toEqual(['mobile']);
    expect(queue.items[0]!.itemTitle).toBe(t.taskA.text);
    expect(queue.canModerate).toBe(true);
    // The lead unit and the leaders see nothing pending.
    expect((await staffList('reporter')).items).toHaveLength(0);
    expect((await staffList('reporter')).canModerate).toBe(false);
    expect((await staffList('leader')).items).toHaveLength(0);
  });

  it('lets only the plan office moderate, with a reason to reject or hide', async () => {
    const [pending] = (await staffList('supervisor', 'pending')).items;
    const url = `${V1}/plans/${t.published.plan.id}/comments/${pending!.id}/moderation`;
    const byReporter = await t.request('reporter', {
      method: 'POST',
      url,
      payload: { action: 'publish', version: pending!.version },
    });
    expect(byReporter.statusCode).toBe(403);
    const noReason = await t.request('supervisor', {
      method: 'POST',
      url,
      payload: { action: 'reject', version: pending!.version },
    });
    expect(noReason.statusCode).toBe(400);
    const published = await t.request('supervisor', {
      method: 'POST',
      url,
      payload: { action: 'publish', version: pending!.version },
    });
    expect(published.statusCode).toBe(200);
    const stale = await t.request('supervisor', {
      method: 'POST',
      url,
      payload: { action: 'hide', reason: 'abuse', version: pending!.version },
    });
    expect(stale.statusCode).toBe(409);
    const list = json<PublicCommentList>(await t.request('public', { url: `${item}/comments` }));
    expect(list.count).toBe(1);
    expect(list.items[0]!.body).toBe('建议尽快推进，我的电话〔已隐去〕，欢迎联系。');
    expect(JSON.stringify(list)).not.toContain(PHONE.slice(-8));
  });

  it('lets the lead unit answer in public, and the public page shows the count and the last answer', async () => {
    const [published] = (await staffList('reporter')).items;
    expect(published!.canAnswer).toBe(true);
    expect(published!.body).not.toContain(PHONE);
    const url = `${V1}/plans/${t.published.plan.id}/comments/${published!.id}/answer`;
    const other = await t.request('otherReporter', {
      method: 'POST',
      url,
      payload: { text: '感谢关注。', version: published!.version },
    });
    expect(other.statusCode).toBe(403);
    const answered = await t.request('reporter', {
      method: 'POST',
      url,
      payload: { text: '感谢您的关注，我单位已于7月启动施工，预计9月底完成。', version: published!.version },
    });
    expect(answered.statusCode).toBe(200);
    const list = json<PublicCommentList>(await t.request('public', { url: `${item}/comments` }));
    expect(list.items[0]!.answer).toMatchObject({ unit: t.unitA.name, on: '2022-07-10' });
    const page = json<PublicCommitment>(await t.request('public', { url: item }));
    expect(page.comments.count).toBe(1);
    expect(page.comments.lastAnswer?.text).toContain('预计9月底完成');
  });

  it('keeps one person to one comment a minute and never the same words twice', async () => {
    tick(10);
    expect((await comment('第二条留言，希望加快进度。')).statusCode).toBe(429);
    tick(60);
    expect((await comment(`建议尽快推进，我的电话${PHONE}，欢迎联系。`)).statusCode).toBe(409);
    expect((await comment('短')).statusCode).toBe(400);
    expect((await comment('第二条留言，希望加快进度。')).statusCode).toBe(202);
  });

  it('rejects and hides with a reason, and the public no longer sees a hidden comment', async () => {
    const [second] = (await staffList('supervisor', 'pending')).items;
    const url = `${V1}/plans/${t.published.plan.id}/comments/${second!.id}/moderation`;
    const rejected = await t.request('supervisor', {
      method: 'POST',
      url,
      payload: { action: 'reject', reason: 'duplicate', note: '与前一条相同', version: second!.version },
    });
    expect(rejected.statusCode).toBe(200);
    const [first] = (await staffList('supervisor', 'published')).items;
    const hide = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/plans/${t.published.plan.id}/comments/${first!.id}/moderation`,
      payload: { action: 'hide', reason: 'personal_data', version: first!.version },
    });
    expect(hide.statusCode).toBe(200);
    expect(json<PublicCommentList>(await t.request('public', { url: `${item}/comments` })).count).toBe(0);
    const counts = (await staffList('supervisor')).counts;
    expect(counts).toEqual({ pending: 0, published: 0, rejected: 1, hidden: 1 });
  });

  it('answers 404 for a draft plan’s commitment and for another plan’s comment', async () => {
    const draftItem = `${V1}/public/plans/${t.draft.plan.id}/commitments/task/${t.taskA.id}/comments`;
    expect((await t.request('public', { url: draftItem })).statusCode).toBe(404);
    tick(120);
    const onDraft = await t.request('public', {
      method: 'POST',
      url: draftItem,
      payload: { body: '草稿计划不应接受留言。' },
      headers: { cookie },
    });
    expect(onDraft.statusCode).toBe(404);
    const [any] = (await staffList('supervisor')).items;
    const wrongPlan = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/plans/${t.draft.plan.id}/comments/${any!.id}/moderation`,
      payload: { action: 'restore', version: any!.version },
    });
    expect(wrongPlan.statusCode).toBe(404);
  });
});
