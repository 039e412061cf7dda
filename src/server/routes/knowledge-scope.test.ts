/**
 * The knowledge base and the desk's figures within a jurisdiction (issues 16 and 20), on both
 * engines: an entry of one district is never found, read, written or used to answer a call by
 * another (the search index is one per jurisdiction), its figures stay in its own rankings, and
 * its stale entries are told to the owning unit once, through the outbox.
 */
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { LightMyRequestResponse } from 'fastify';
import { DIALECTS, seedJurisdiction, seedUser } from '../../../test/factories.js';
import { startKnowledgeScheduler, sweepStaleKnowledge } from '../../commands/knowledge-notices.js';
import type { StaleSweepResult } from '../../commands/knowledge-notices.js';
import { saveSettings } from '../../commands/notify.js';
import { hashSecret } from '../../commands/secrets.js';
import { deriveActor } from '../../plan/audit.js';
import type { User } from '../../plan/types.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';

const V1 = '/api/v1';
const FIXTURES = new URL('../../../test/fixtures/jurisdictions/', import.meta.url).pathname;

type Who = 'hpUnit' | 'hpCentre' | 'hpChecker' | 'jaCentre';

interface Entry {
  entry: { id: number; versions: { version: number; status: string }[] };
  version: number;
}

describe.each(DIALECTS)('the knowledge base within a jurisdiction on %s', (dialect) => {
  let t: TestApp;
  let clock = new Date('2026-03-02T02:00:00.000Z');
  const tokens = {} as Record<Who, string>;
  const users = {} as Record<Who, User>;
  let hpUnitId: number;
  let entryId: number;

  const send = (who: Who, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
    t.app.inject({
      method,
      url: `${V1}${url}`,
      ...(payload ? { payload: payload as Record<string, unknown> } : {}),
      headers: { authorization: `Bearer ${tokens[who]}` },
    }) as Promise<LightMyRequestResponse>;

  const content = () => ({
    question: '夜间施工噪声扰民向哪里投诉？',
    answer: '夜间施工须持夜间施工许可，未经许可的可由属地街道和区生态环境局查处，市民可拨打12345反映。',
    category: '噪声',
    area: '南京东路街道',
    ownerUnitId: hpUnitId,
    source: '区建设工程夜间施工管理规定',
    validFrom: '2026-01-01',
    reviewBy: '2026-06-30',
    keywords: ['夜间施工', '噪声'],
  });

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => clock });
    await seedJurisdiction(t.store, `${FIXTURES}shanghai`);
    const huangpu = (await seedJurisdiction(t.store, `${FIXTURES}shanghai-huangpu`)).jurisdiction.id;
    const jingan = (await seedJurisdiction(t.store, `${FIXTURES}shanghai-jingan`)).jurisdiction.id;
    hpUnitId = (await t.store.units.findByName(huangpu, '南京东路街道办事处'))!.id;
    users.hpUnit = await seedUser(t.store, 'reporter', {
      username: 'hp-njdl',
      unitIds: [hpUnitId],
      jurisdictionId: huangpu,
    });
    users.hpCentre = await seedUser(t.store, 'admin', { username: 'hp-centre', jurisdictionId: huangpu });
    users.hpChecker = await seedUser(t.store, 'supervisor', {
      username: 'hp-check',
      jurisdictionId: huangpu,
    });
    users.jaCentre = await seedUser(t.store, 'admin', { username: 'ja-centre', jurisdictionId: jingan });
    for (const who of Object.keys(users) as Who[]) {
      tokens[who] = `lst_test_kb_${who}_${dialect}`;
      await t.store.sessions.insertToken({
        tokenHash: hashSecret(tokens[who]),
        userId: users[who].id,
        expiresAt: '2999-01-01T00:00:00.000Z',
        name: 'tests',
      });
    }
    // 静安 searches first: an index shared by the deployment would be built now and then
    // take 黄浦's entry in.
    const early = await send('jaCentre', 'GET', '/requests/knowledge/search?text=夜间施工噪声');
    expect(early.statusCode, early.body).toBe(200);

    const made = await send('hpUnit', 'POST', '/requests/knowledge', content());
    expect(made.statusCode, made.body).toBe(201);
    const entry = json<Entry>(made);
    entryId = entry.entry.id;
    const submitted = await send('hpUnit', 'POST', `/requests/knowledge/${entryId}/submit`, {
      version: entry.version,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    const approved = await send('hpChecker', 'POST', `/requests/knowledge/${entryId}/decision`, {
      approve: true,
      version: json<Entry>(submitted).version,
    });
    expect(approved.statusCode, approved.body).toBe(200);
  });

  it('finds, lists and reads an entry only in its own jurisdiction', async () => {
    const search = (who: Who) =>
      send(who, 'GET', '/requests/knowledge/search?text=夜间施工噪声扰民').then(
        (r) => json<{ items: { entryId: number }[] }>(r).items,
      );
    expect((await search('hpCentre')).map((h) => h.entryId)).toEqual([entryId]);
    expect(await search('jaCentre')).toEqual([]);

    const listed = async (who: Who) =>
      json<{ items: Entry[] }>(await send(who, 'GET', '/requests/knowledge')).items.map((e) => e.entry.id);
    expect(await listed('hpCentre')).toEqual([entryId]);
    expect(await listed('jaCentre')).toEqual([]);

    expect((await send('hpCentre', 'GET', `/requests/knowledge/${entryId}`)).statusCode).toBe(200);
    expect((await send('jaCentre', 'GET', `/requests/knowledge/${entryId}`)).statusCode).toBe(404);
    const upkeep = json<{ items: unknown[] }>(await send('jaCentre', 'GET', '/requests/knowledge/upkeep'));
    expect(upkeep.items).toEqual([]);
  });

  it('never lets another jurisdiction write an entry or answer a call from it', async () => {
    const revise = await send('jaCentre', 'PUT', `/requests/knowledge/${entryId}`, {
      content: { ...content(), answer: '改写' },
      version: 3,
    });
    expect(revise.statusCode, revise.body).toBe(404);
    const retire = await send('jaCentre', 'POST', `/requests/knowledge/${entryId}/retire`, {
      reason: '不是我们的',
      version: 3,
    });
    expect(retire.statusCode).toBe(404);
    const answer = await send('jaCentre', 'POST', '/requests/answer', {
      intake: {
        source: 'hotline',
        text: '夜间施工噪声扰民怎么办',
        category: '噪声',
        location: { address: '南京西路1号', area: '南京西路街道' },
        contact: { name: '陈女士', phone: '13900000000' },
      },
      entryId,
    });
    expect(answer.statusCode, answer.body).toBe(404);
    const still = json<Entry>(await send('hpCentre', 'GET', `/requests/knowledge/${entryId}`));
    expect(still.entry.versions.map((v) => v.status)).toEqual(['approved']);
  });

  it("keeps one district's upkeep out of another's desk figures", async () => {
    const figures = async (who: Who) =>
      json<{ items: { unitId: number }[] }>(
        await send(who, 'GET', '/requests/desk-figures?month=2026-03'),
      ).items.map((f) => f.unitId);
    expect(await figures('hpCentre')).toContain(hpUnitId);
    expect(await figures('jaCentre')).not.toContain(hpUnitId);
    // The shares the scheme in force gives the figures come with them (none scored by default).
    const answer = json<{ options: Record<string, number> }>(
      await send('hpUnit', 'GET', '/requests/desk-figures?month=2026-03'),
    );
    expect(answer.options).toEqual({ directAnswer: 0, knowledgeUpkeep: 0, answerQuality: 0 });
  });

  it('tells the owning unit of its stale entries once, through the outbox', async () => {
    const admin = deriveActor(users.hpCentre);
    await saveSettings(
      t.store,
      users.hpUnit.jurisdictionId,
      `user:${users.hpUnit.id}`,
      {
        email: 'njdl@huangpu.example.gov.cn',
        phone: null,
        channels: ['email'],
        digest: null,
        quietHours: 'policy',
      },
      0,
      admin,
      clock.toISOString(),
    );
    // Before the review date nothing is stale.
    expect(json(await send('hpCentre', 'POST', '/requests/knowledge/stale-notices'))).toEqual({
      units: 0,
      entries: 0,
      messages: 0,
    });
    clock = new Date('2026-07-10T02:00:00.000Z');
    const upkeep = json<{ items: { entryId: number; kind: string }[] }>(
      await send('hpUnit', 'GET', `/requests/knowledge/upkeep?unitId=${hpUnitId}`),
    );
    expect(upkeep.items).toEqual([expect.objectContaining({ entryId, kind: 'stale' })]);
    // A unit does not send the notices; the centre does.
    expect((await send('hpUnit', 'POST', '/requests/knowledge/stale-notices')).statusCode).toBe(403);
    expect(json(await send('jaCentre', 'POST', '/requests/knowledge/stale-notices'))).toEqual({
      units: 0,
      entries: 0,
      messages: 0,
    });
    const sent = await send('hpCentre', 'POST', '/requests/knowledge/stale-notices');
    expect(json(sent)).toEqual({ units: 1, entries: 1, messages: 1 });
    const queued = (await t.store.outbox.list({ kind: 'knowledge.stale' })).items;
    expect(queued.map((m) => m.destinationKey)).toEqual(['email:njdl@huangpu.example.gov.cn']);
    const message = await t.store.outbox.get(queued[0]!.id);
    expect(message.notice.title).toContain('南京东路街道办事处有1条知识已过复核日期');
    expect(message.notice.items.map((i) => i.title)).toEqual(['夜间施工噪声扰民向哪里投诉？']);
    // The same stale list is not sent twice.
    expect(json(await send('hpCentre', 'POST', '/requests/knowledge/stale-notices'))).toMatchObject({
      entries: 1,
      messages: 0,
    });
    expect((await t.store.outbox.list({ kind: 'knowledge.stale' })).total).toBe(1);
  });

  it('tells the units of every jurisdiction on the daily timer, once a day, never the same list twice', async () => {
    // A second entry whose review date passes later: on 7-21 the unit's list is a new one.
    const made = await send('hpUnit', 'POST', '/requests/knowledge', {
      ...content(),
      question: '建筑垃圾清运找谁？',
      keywords: ['建筑垃圾'],
      reviewBy: '2026-07-20',
    });
    expect(made.statusCode, made.body).toBe(201);
    const second = json<Entry>(made);
    const submitted = await send('hpUnit', 'POST', `/requests/knowledge/${second.entry.id}/submit`, {
      version: second.version,
    });
    const approved = await send('hpChecker', 'POST', `/requests/knowledge/${second.entry.id}/decision`, {
      approve: true,
      version: json<Entry>(submitted).version,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const hp = users.hpUnit.jurisdictionId;
    const told = async () => (await t.store.outbox.list({ kind: 'knowledge.stale' })).total;
    const audited = async () =>
      (await t.store.audit.listUnplanned('unit', hp)).filter(
        (e) => e.action === 'knowledge_entry.stale_notice',
      ).length;
    const [messagesBefore, eventsBefore] = [await told(), await audited()];

    // Before the day's send hour (08:00 Beijing, the chase's 09:00 less a quarter) nothing runs.
    let at = new Date('2026-07-21T00:00:00.000Z');
    const runs: StaleSweepResult[] = [];
    const scheduler = startKnowledgeScheduler({
      store: t.store,
      publicUrl: 'https://luoshi.example.gov.cn',
      now: () => at,
      intervalMs: 10,
      onRun: (result) => runs.push(result),
      onError: (error) => runs.push({ day: String(error), jurisdictions: [] }),
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(runs).toEqual([]);
      // At 10:00 Beijing the day's sweep runs in each jurisdiction, once, whatever the ticks.
      at = new Date('2026-07-21T02:00:00.000Z');
      await vi.waitFor(() => expect(runs).toHaveLength(1), { timeout: 5000 });
      await new Promise((resolve) => setTimeout(resolve, 150));
    } finally {
      scheduler.stop();
    }
    expect(runs).toHaveLength(1);
    expect(runs[0]!.day).toBe('2026-07-21');
    const byJurisdiction = new Map(runs[0]!.jurisdictions.map((j) => [j.jurisdictionId, j]));
    expect(byJurisdiction.size).toBe((await t.store.jurisdictions.list()).length);
    expect(byJurisdiction.get(hp)).toMatchObject({ units: 1, entries: 2, messages: 1 });
    expect(byJurisdiction.get(users.jaCentre.jurisdictionId)).toMatchObject({ units: 0, messages: 0 });
    expect(await told()).toBe(messagesBefore + 1);
    expect(await audited()).toBe(eventsBefore + 1);
    const latest = (await t.store.outbox.list({ kind: 'knowledge.stale' })).items.find(
      (m) => m.queuedAt === at.toISOString(),
    );
    expect(latest?.title).toContain('南京东路街道办事处有2条知识已过复核日期');

    // The same day again: nothing runs. The next day the sweep runs, but the list is the same.
    expect(await sweepStaleKnowledge(t.store, { publicUrl: 'https://x', now: at.toISOString() })).toEqual({
      day: '2026-07-21',
      jurisdictions: [],
    });
    const next = await sweepStaleKnowledge(t.store, {
      publicUrl: 'https://x',
      now: '2026-07-22T02:00:00.000Z',
    });
    expect(next.jurisdictions.find((j) => j.jurisdictionId === hp)).toMatchObject({
      entries: 2,
      messages: 0,
    });
    expect(await told()).toBe(messagesBefore + 1);
    expect(await audited()).toBe(eventsBefore + 1);
  });
});
