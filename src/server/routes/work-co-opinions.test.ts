/**
 * 会办意见 over HTTP (issue 18), on both engines: a 提案 assigned to a 主办 unit with a 会办
 * unit; the 主办 cannot answer before the 会办 unit has given its opinion (409 naming it), nor
 * give the opinion in its stead; the 会办 unit gives it (and may correct it), the 主办 reads
 * every opinion on the item and is told of each, then answers.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import type { WorkItem } from '../../contract/index.js';
import { saveSettings } from '../../commands/notify.js';
import { createTestApp, json } from '../testing/test-app.js';
import { registerTestProposal, storeTestLetter } from '../testing/work-fixtures.js';
import type { TestApp } from '../testing/test-app.js';

const V1 = '/api/v1';
/** 2024-06-04 09:00 Beijing. */
const NOW = new Date('2024-06-04T01:00:00.000Z');

interface ErrorAnswer {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}

describe.each(DIALECTS)('会办意见 on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, {
      now: () => NOW,
      notify: { publicUrl: 'https://luoshi.example.gov.cn', channels: ['email'] },
    });
    const admin = { userId: t.users.admin.id, role: 'admin' as const, unitIds: [] };
    await saveSettings(
      t.store,
      t.users.reporter.jurisdictionId,
      `user:${t.users.reporter.id}`,
      { email: 'host@example.gov.cn', phone: null, channels: ['email'], digest: null, quietHours: 'none' },
      0,
      admin,
      NOW.toISOString(),
    );
  });

  it('the 会办 unit gives its opinion to the 主办 unit, which sees them all before it answers', async () => {
    let item = await registerTestProposal(t, {
      number: '第0456号',
      title: '关于完善社区养老服务设施的提案',
      author: { name: '李华', group: '民盟' },
    });
    const move = (caller: Parameters<TestApp['request']>[0], payload: object) =>
      t.request(caller, { method: 'POST', url: `${V1}/work/proposals/${item.id}/actions`, payload });
    const assigned = await move('supervisor', {
      type: 'assign',
      leadUnitId: t.unitA.id,
      coUnitIds: [t.unitB.id],
      dueOn: '2024-09-04',
      version: item.version,
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    item = json<WorkItem>(assigned);

    // The 会办 unit sees the item it helps with.
    expect((await t.request('otherReporter', { url: `${V1}/work/items/${item.id}` })).statusCode).toBe(200);

    // The 主办 answers too early: 409 naming the unit whose opinion is owed.
    const letter = await storeTestLetter(t, item, t.unitA.id, t.users.reporter.id, NOW.toISOString());
    const answer = { type: 'answer', letterFileId: letter.id, category: 'B', summary: '已纳入明年计划' };
    const early = await move('reporter', { ...answer, version: item.version });
    expect(early.statusCode).toBe(409);
    expect(json<ErrorAnswer>(early).error.details[0]).toMatchObject({ path: 'coOpinions' });
    expect(json<ErrorAnswer>(early).error.details[0]?.message).toContain(String(t.unitB.id));

    // Nobody gives an opinion in another unit's stead; an empty one is refused where it is.
    const stead = await move('reporter', {
      type: 'co_opinion',
      unitId: t.unitB.id,
      text: '同意',
      version: item.version,
    });
    expect(stead.statusCode).toBe(403);
    const empty = await move('otherReporter', {
      type: 'co_opinion',
      unitId: t.unitB.id,
      text: ' ',
      version: item.version,
    });
    expect(empty.statusCode).toBe(400);

    const given = await move('otherReporter', {
      type: 'co_opinion',
      unitId: t.unitB.id,
      text: '建议结合老旧小区改造统筹布局养老驿站',
      version: item.version,
    });
    expect(given.statusCode, given.body).toBe(200);
    item = json<WorkItem>(given);
    // Corrected: the later one replaces it.
    const corrected = await move('otherReporter', {
      type: 'co_opinion',
      unitId: t.unitB.id,
      text: '同意主办单位意见，建议结合老旧小区改造统筹布局养老驿站',
      version: item.version,
    });
    expect(corrected.statusCode, corrected.body).toBe(200);

    // The 主办 reads every opinion on the item, and was told of each.
    const seen = json<WorkItem>(await t.request('reporter', { url: `${V1}/work/items/${item.id}` }));
    expect(seen.source === 'proposal' && seen.coOpinions).toEqual([
      {
        unitId: t.unitB.id,
        text: '同意主办单位意见，建议结合老旧小区改造统筹布局养老驿站',
        by: t.users.otherReporter.id,
        at: NOW.toISOString(),
      },
    ]);
    const told = await t.store.outbox.list({ kind: 'work.co_opinion' });
    expect(told.total).toBeGreaterThan(0);
    expect(told.items.every((m) => m.title.startsWith('【会办意见】'))).toBe(true);

    const answered = await move('reporter', { ...answer, version: seen.version });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(json<WorkItem>(answered)).toMatchObject({ state: 'answered' });
  });
});
