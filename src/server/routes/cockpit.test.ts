/**
 * Issue 19 over HTTP on both engines, with a fake clock (2022-07-10): taskA (unitA, due
 * 2022-06-30) slips; the re-baseline is refused without an explanation and kept with one; the
 * lead unit says 很有把握 and the 督查室 难以按期完成, and the cockpit shows the disagreement; the
 * plan office gives verdicts; the public page shows original vs current promise and the verdict
 * history with nothing personal; the Atom feed validates with the right entries; a follow by
 * e-mail is confirmed through its link and ended in one click.
 */
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import type { Cockpit, ItemPromise, PublicCommitment, PublicCommitmentList } from '../../contract/index.js';
import { queueDigests } from '../../commands/digests.js';
import { createHealthViews } from '../../commands/health.js';
import { giveItemVerdict } from '../../commands/verdicts.js';
import { deriveActor } from '../../plan/audit.js';
import { checkAtom } from '../../verdicts/testing/atom-check.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';

interface ErrorAnswer {
  error: { code: string; details: { path: string; message: string }[] };
}

describe.each(DIALECTS)('cockpit, promises and the public tracker on %s', (dialect) => {
  let t: TestApp;
  let plan: string;
  let item: string;
  let publicItem: string;

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => new Date('2022-07-10T09:00:00.000Z') });
    plan = `/api/v1/plans/${t.published.plan.id}`;
    item = `${plan}/items/task/${t.taskA.id}`;
    publicItem = `/api/v1/public/plans/${t.published.plan.id}/commitments/task/${t.taskA.id}`;
  });

  it('keeps the cockpit for signed-in staff: the public is asked to sign in', async () => {
    expect((await t.request('public', { url: `${plan}/cockpit` })).statusCode).toBe(401);
    const response = await t.request('leader', { url: `${plan}/cockpit` });
    expect(response.statusCode).toBe(200);
    const cockpit = json<Cockpit>(response);
    expect(cockpit).toMatchObject({ planId: t.published.plan.id, asOf: '2022-07-10' });
    expect(cockpit.chapters.length).toBeGreaterThan(0);
    // taskA is ten days past its deadline: among the worst, with the reason.
    const worst = cockpit.worst.find((w) => w.type === 'task' && w.id === t.taskA.id);
    expect(worst?.reasons).toContainEqual({ code: 'OVERDUE', days: 10 });
  });

  it('refuses a slip past the threshold without an explanation, and to a reporter', async () => {
    const body = { field: 'deadline', deadline: '2022-10-31', reason: '征地未完成' };
    const refused = await t.request('supervisor', {
      method: 'POST',
      url: `${item}/rebaseline`,
      payload: body,
    });
    expect(refused.statusCode).toBe(400);
    expect(json<ErrorAnswer>(refused).error.details.map((d) => d.path)).toContain('explanation');
    const reporter = await t.request('reporter', {
      method: 'POST',
      url: `${item}/rebaseline`,
      payload: { ...body, explanation: '地块征收补偿方案调整，需顺延' },
    });
    expect(reporter.statusCode).toBe(403);
  });

  it('re-baselines with an explanation: the original, the current and who, when, why', async () => {
    const response = await t.request('supervisor', {
      method: 'POST',
      url: `${item}/rebaseline`,
      payload: {
        field: 'deadline',
        deadline: '2022-10-31',
        reason: '征地未完成',
        explanation: '地块征收补偿方案经区政府常务会议调整，顺延四个月',
        basis: '区政府常务会议纪要〔2022〕12号',
      },
    });
    expect(response.statusCode).toBe(200);
    const promise = json<ItemPromise>(response);
    expect(promise.view.deadline).toMatchObject({
      original: '2022-06-30',
      current: '2022-10-31',
      days: 123,
      overdue: false,
      rebaselines: 1,
    });
    expect(promise.deadline.at(-1)).toMatchObject({
      value: '2022-10-31',
      source: 'decision',
      by: t.users.supervisor.id,
      explanation: '地块征收补偿方案经区政府常务会议调整，顺延四个月',
    });
    const list = await t.request('reporter', { url: `${plan}/promises` });
    const row = json<{ items: { type: string; id: number; view: ItemPromise['view'] }[] }>(list).items.find(
      (r) => r.type === 'task' && r.id === t.taskA.id,
    );
    expect(row?.view.deadline).toMatchObject({ original: '2022-06-30', current: '2022-10-31' });
  });

  it('shows the cockpit where the unit’s confidence and the 督查室’s disagree', async () => {
    const mine = await t.request('reporter', {
      method: 'POST',
      url: `${item}/confidence`,
      payload: { source: 'lead_unit', level: 'green' },
    });
    expect(mine.statusCode).toBe(201);
    const other = await t.request('otherReporter', {
      method: 'POST',
      url: `${item}/confidence`,
      payload: { source: 'lead_unit', level: 'green' },
    });
    expect(other.statusCode).toBe(403);
    const independent = await t.request('supervisor', {
      method: 'POST',
      url: `${item}/confidence`,
      payload: { source: 'independent', level: 'red', comment: '征地尚未完成，难以按期完成' },
    });
    expect(independent.statusCode).toBe(201);
    const view = json<{ view: { disagreements: { kind: string }[] } }>(
      await t.request('leader', { url: `${item}/confidence` }),
    );
    expect(view.view.disagreements.map((d) => d.kind)).toContain('unit_vs_independent');
    const cockpit = json<Cockpit>(await t.request('leader', { url: `${plan}/cockpit` }));
    expect(cockpit.disagreements.find((d) => d.id === t.taskA.id)).toMatchObject({
      type: 'task',
      unitLevel: 'green',
      independentLevel: 'red',
      leadUnit: t.unitA.name,
    });
  });

  it('takes verdicts from the plan office only; 不再推进 needs its public reason', async () => {
    const byLeader = await t.request('leader', {
      method: 'POST',
      url: `${item}/verdict`,
      payload: { verdict: 'behind', note: '征地滞后' },
    });
    expect(byLeader.statusCode).toBe(403);
    const noReason = await t.request('supervisor', {
      method: 'POST',
      url: `${item}/verdict`,
      payload: { verdict: 'dropped' },
    });
    expect(noReason.statusCode).toBe(400);
    const given = await t.request('supervisor', {
      method: 'POST',
      url: `${item}/verdict`,
      payload: { verdict: 'behind', note: '征地进度滞后，已调整完成时限' },
    });
    expect(given.statusCode).toBe(200);
    expect(json<{ current: { label: string } }>(given).current.label).toBe('滞后');
  });

  it('shows the public original vs current promise, the verdict history, and nothing personal', async () => {
    const response = await t.request('public', { url: publicItem });
    expect(response.statusCode).toBe(200);
    const page = json<PublicCommitment>(response);
    expect(page.promise.deadline).toMatchObject({
      original: '2022-06-30',
      current: '2022-10-31',
      overdue: false,
    });
    expect(page.promise.changes[0]).toMatchObject({
      from: '2022-06-30',
      to: '2022-10-31',
      explanation: '地块征收补偿方案经区政府常务会议调整，顺延四个月',
    });
    expect(page.verdict.history.map((v) => v.label)).toEqual(['尚未评估', '滞后']);
    expect(page.leadUnit).toBe(t.unitA.name);
    expect(page.sentence.length).toBeGreaterThan(0);
    // No staff member, user id or leader's name reaches the public.
    for (const body of [
      response.body,
      (await t.request('public', { url: publicItem.replace(/\/commitments.*/, '/commitments') })).body,
    ]) {
      for (const user of Object.values(t.users)) {
        expect(body).not.toContain(user.username);
        expect(body).not.toContain(user.displayName);
      }
      expect(body).not.toMatch(/"by"|"userId"|"email"|李副区长/);
    }
    const list = json<PublicCommitmentList>(
      await t.request('public', { url: `/api/v1/public/plans/${t.published.plan.id}/commitments` }),
    );
    expect(list.items.find((r) => r.id === t.taskA.id && r.type === 'task')).toMatchObject({
      verdict: 'behind',
      verdictLabel: '滞后',
    });
    expect(list.items.some((r) => r.verdict === 'not_rated')).toBe(true);
  });

  it('answers 404 for a draft plan’s tracker', async () => {
    const response = await t.request('public', {
      url: `/api/v1/public/plans/${t.draft.plan.id}/commitments`,
    });
    expect(response.statusCode).toBe(404);
  });

  it('publishes an Atom feed that validates, with the deadline and verdict changes', async () => {
    const response = await t.request('public', {
      url: `/api/v1/public/plans/${t.published.plan.id}/feed.atom`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('application/atom+xml');
    const check = checkAtom(response.body);
    expect(check.problems).toEqual([]);
    const categories = check.entries.map((e) => e.category);
    expect(categories).toContain('deadline');
    expect(categories).toContain('verdict');
    const deadline = check.entries.find((e) => e.category === 'deadline')!;
    expect(deadline.link).toMatch(new RegExp(`/public/${t.published.plan.id}/promises/task/${t.taskA.id}$`));
    expect(deadline.title).toContain('2022年10月31日');
  });

  it('follows by e-mail: one confirmation, confirmed by its link, ended in one click', async () => {
    const subject = { kind: 'task', id: t.taskA.id, planId: t.published.plan.id };
    const email = 'citizen@example.cn';
    const asked = await t.request('public', {
      method: 'POST',
      url: '/api/v1/public/follows',
      payload: { subject, email, cadence: 'daily' },
    });
    expect(asked.statusCode).toBe(202);
    const bad = await t.request('public', {
      method: 'POST',
      url: '/api/v1/public/follows',
      payload: { subject, email: 'not an address', cadence: 'daily' },
    });
    expect(bad.statusCode).toBe(400);
    const messages = await t.store.follows.listMessages(email);
    expect(messages.map((m) => m.kind)).toEqual(['follow.confirm']);
    const link = messages[0]!.notice.link!;
    const token = new URL(link).searchParams.get('token')!;
    const confirmed = await t.request('public', {
      method: 'POST',
      url: '/api/v1/public/follows/confirm',
      payload: { token },
    });
    expect(confirmed.statusCode).toBe(200);
    const follows = await t.store.follows.listByEmail(email);
    expect(follows.map((f) => f.state)).toEqual(['active']);
    const page = json<PublicCommitment>(await t.request('public', { url: publicItem }));
    expect(page.followers).toBe(1);
    // The page never shows who follows.
    expect(JSON.stringify(page)).not.toContain(email);
    const unsubscribeToken = new URL(messages[0]!.notice.unsubscribeUrl!).searchParams.get('token')!;
    const ended = await t.request('public', {
      method: 'POST',
      url: '/api/v1/public/follows/unsubscribe',
      payload: { token: unsubscribeToken },
    });
    expect(ended.statusCode).toBe(200);
    expect((await t.store.follows.listByEmail(email)).map((f) => f.state)).toEqual(['unsubscribed']);
    const wrong = await t.request('public', {
      method: 'POST',
      url: '/api/v1/public/follows/confirm',
      payload: { token: 'x'.repeat(43) },
    });
    expect(wrong.statusCode).toBe(404);
  });

  it('makes a leader’s stocktake pack as .docx, with that leader’s commitments only', async () => {
    const leaders = json<{ items: { name: string; items: number }[] }>(
      await t.request('leader', { url: `${plan}/leaders` }),
    );
    expect(leaders.items.map((l) => l.name)).toEqual(expect.arrayContaining(['王区长', '李副区长']));
    expect((await t.request('public', { url: `${plan}/stocktake?leader=王区长` })).statusCode).toBe(401);
    const response = await t.request('leader', {
      url: `${plan}/stocktake?leader=${encodeURIComponent('王区长')}`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('wordprocessingml');
    const zip = await JSZip.loadAsync(response.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain(t.taskA.text.slice(0, 12));
    expect(xml).not.toContain(t.taskB.text.slice(0, 12));
    const unknown = await t.request('leader', {
      url: `${plan}/stocktake?leader=${encodeURIComponent('张三')}`,
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('tells a follower of a change in exactly one digest, with a working one-click link', async () => {
    const email = 'digest@example.cn';
    const subject = { kind: 'task', id: t.taskA.id, planId: t.published.plan.id };
    await t.request('public', {
      method: 'POST',
      url: '/api/v1/public/follows',
      payload: { subject, email, cadence: 'daily' },
    });
    const confirm = (await t.store.follows.listMessages(email))[0]!.notice.link!;
    await t.request('public', {
      method: 'POST',
      url: '/api/v1/public/follows/confirm',
      payload: { token: new URL(confirm).searchParams.get('token') },
    });
    // After the confirmation (09:00Z), the plan office moves the verdict: one change to tell.
    await giveItemVerdict(
      t.store,
      t.published.plan.id,
      { type: 'task', id: t.taskA.id },
      { verdict: 'on_track', note: '征地已完成，恢复正常推进' },
      { health: 'on_track' },
      deriveActor(t.users.supervisor),
      '2022-07-10T10:00:00.000Z',
    );
    const links = { origin: 'https://luoshi.example.cn', sender: '督查室' };
    const views = createHealthViews();
    expect(await queueDigests(t.store, views, '2022-07-12T01:00:00.000Z', links)).toBeGreaterThanOrEqual(1);
    expect(await queueDigests(t.store, views, '2022-07-12T02:00:00.000Z', links)).toBe(0);
    const digests = (await t.store.follows.listMessages(email)).filter((m) => m.kind === 'follow.digest');
    expect(digests).toHaveLength(1);
    const notice = digests[0]!.notice;
    expect(notice.items.map((i) => i.title)).toEqual([t.taskA.text]);
    expect(notice.items[0]!.detail).toContain('按计划推进');
    const ended = await t.request('public', {
      method: 'POST',
      url: '/api/v1/public/follows/unsubscribe',
      payload: { token: new URL(notice.unsubscribeUrl!).searchParams.get('token'), scope: 'all' },
    });
    expect(ended.statusCode).toBe(200);
    expect((await t.store.follows.listByEmail(email)).every((f) => f.state === 'unsubscribed')).toBe(true);
  });

  it('exports the verdicts in the open data', async () => {
    const response = await t.request('public', { url: `/api/v1/public/plans/${t.published.plan.id}.json` });
    expect(response.statusCode).toBe(200);
    const data = json<{ verdicts: { type: string; id: number; verdict: string; verdict_label: string }[] }>(
      response,
    );
    expect(data.verdicts.find((v) => v.type === 'task' && v.id === t.taskA.id)).toMatchObject({
      verdict: 'on_track',
      verdict_label: '按计划推进',
    });
    expect(response.body).not.toMatch(/"by"/);
  });
});
