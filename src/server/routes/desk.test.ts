/**
 * The 12345 desk over HTTP (issue 20) on both engines: an entry of the knowledge base kept by a
 * unit, approved by the centre, found as the operator types and used to answer a call in one
 * step; a reply refused by the answer rules and one returned from the checker's sample.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import ExcelJS from 'exceljs';
import { newWorkbook, workbookBuffer } from '../../documents/xlsx.js';
import { createTestApp, json, multipart } from '../testing/test-app.js';
import type { Caller, TestApp } from '../testing/test-app.js';

const V1 = '/api/v1';
let clock = new Date('2024-07-01T02:00:00.000Z'); // Monday 10:00 Beijing
const advance = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};
const HOUR = 3_600_000;

const intake = {
  source: 'hotline',
  text: '请问小区供暖费怎么缴纳，在哪里交？',
  category: '供暖',
  location: { address: '回龙观西大街1号', area: '回龙观街道' },
  contact: { name: '王先生', phone: '13800000000' },
};

interface Entry {
  entry: { id: number; versions: { version: number; status: string }[] };
  version: number;
}
interface Order {
  id: number;
  status: string;
  leadUnitId: number | null;
  directAnswer?: { entryId: number; unitId: number; text: string } | null;
  pendingCheck?: { reason: string } | null;
  checkReturn?: { note: string } | null;
}
interface ErrorBody {
  error: { code: string; message: string; details: { path: string; message: string }[] };
}

describe.each(DIALECTS)('12345 desk API on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    clock = new Date('2024-07-01T02:00:00.000Z');
    t = await createTestApp(dialect, { now: () => clock });
  });

  const post = (caller: Caller, url: string, payload: unknown) =>
    t.request(caller, { method: 'POST', url: `${V1}${url}`, payload: payload as Record<string, unknown> });
  const get = (caller: Caller, url: string) => t.request(caller, { url: `${V1}${url}` });

  const content = () => ({
    question: '居民供暖费怎么缴纳？',
    answer: '供暖费可在供热公司营业厅、银行网点或“北京供热”公众号缴纳，每年11月15日前缴清。',
    category: '供暖',
    ownerUnitId: t.unitA.id,
    source: '区供热管理办法（2023年修订）',
    validFrom: '2024-01-01',
    reviewBy: '2024-12-31',
    keywords: ['供暖费', '缴纳'],
  });

  /** Dispatches a new order to unitA; the unit signs it and contacts the citizen. */
  async function orderOfUnitA(text: string): Promise<number> {
    const made = json<Order>(await post('admin', '/requests', { ...intake, category: '积水', text }));
    const dispatched = await post('admin', `/requests/${made.id}/dispatch`, {
      leadUnitId: t.unitA.id,
      reason: '属地办理',
    });
    expect(dispatched.statusCode, dispatched.body).toBe(200);
    const signed = await post('reporter', `/requests/${made.id}/events`, {
      type: 'signed',
      unitId: t.unitA.id,
    });
    expect(signed.statusCode, signed.body).toBe(200);
    const contacted = await post('reporter', `/requests/${made.id}/events`, {
      type: 'contacted',
      unitId: t.unitA.id,
    });
    expect(contacted.statusCode, contacted.body).toBe(200);
    return made.id;
  }

  it('keeps an entry through approval, finds it as the operator types, and answers a call from it in one step', async () => {
    // The unit writes its own entry; another unit's entry is not its to write.
    const foreign = await post('otherReporter', '/requests/knowledge', content());
    expect(foreign.statusCode, foreign.body).toBe(403);
    const bad = await post('reporter', '/requests/knowledge', {
      ...content(),
      validFrom: '2024-13-01',
      answer: '',
    });
    expect(bad.statusCode).toBe(400);
    const paths = json<ErrorBody>(bad).error.details.map((d) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['body.validFrom', 'body.answer']));
    expect((await post('public', '/requests/knowledge', content())).statusCode).toBe(401);

    const made = await post('reporter', '/requests/knowledge', content());
    expect(made.statusCode, made.body).toBe(201);
    const entry = json<Entry>(made);
    expect(entry.entry.versions[0]?.status).toBe('draft');

    // A draft does not reach the operator.
    const before = json<{ items: unknown[] }>(
      await get('supervisor', '/requests/knowledge/search?text=供暖费怎么交'),
    );
    expect(before.items).toHaveLength(0);

    const submitted = await post('reporter', `/requests/knowledge/${entry.entry.id}/submit`, {
      version: entry.version,
    });
    expect(submitted.statusCode, submitted.body).toBe(200);
    // A unit does not approve; the centre does.
    const self = await post('reporter', `/requests/knowledge/${entry.entry.id}/decision`, { approve: true });
    expect(self.statusCode).toBe(403);
    const approved = await post('supervisor', `/requests/knowledge/${entry.entry.id}/decision`, {
      approve: true,
      version: json<Entry>(submitted).version,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(json<Entry>(approved).entry.versions.at(-1)?.status).toBe('approved');

    const found = json<{ items: { entryId: number; question: string; categoryMatch: boolean }[] }>(
      await get(
        'supervisor',
        `/requests/knowledge/search?text=${encodeURIComponent('供暖费怎么交')}&category=供暖`,
      ),
    );
    expect(found.items[0]).toMatchObject({ entryId: entry.entry.id, question: '居民供暖费怎么缴纳？' });
    expect(found.items[0]?.categoryMatch).toBe(true);
    expect((await get('public', '/requests/knowledge/search?text=供暖')).statusCode).toBe(401);
    expect((await get('supervisor', '/requests/knowledge/search?limit=0&text=a')).statusCode).toBe(400);

    // A unit cannot answer a call; a bad entry is named.
    expect((await post('reporter', '/requests/answer', { intake, entryId: entry.entry.id })).statusCode).toBe(
      403,
    );
    const missing = await post('supervisor', '/requests/answer', { intake, entryId: 999_999 });
    expect(missing.statusCode).toBeGreaterThanOrEqual(400);
    expect(missing.statusCode).toBeLessThan(500);

    advance(HOUR);
    const answered = await post('supervisor', '/requests/answer', { intake, entryId: entry.entry.id });
    expect(answered.statusCode, answered.body).toBe(201);
    const order = json<Order>(answered);
    expect(order).toMatchObject({ status: 'closed', leadUnitId: null });
    expect(order.directAnswer).toMatchObject({ entryId: entry.entry.id, unitId: t.unitA.id });
    expect(order.directAnswer?.text).toContain('营业厅');
    const events = json<{ items: { type: string }[] }>(
      await get('supervisor', `/requests/${order.id}/events`),
    );
    expect(events.items.map((e) => e.type)).toContain('received');

    // The unit's 直接答复率 counts the call.
    const figures = json<{ items: { unitId: number; directAnswer: { numerator: number } }[] }>(
      await get('supervisor', '/requests/desk-figures?month=2024-07'),
    );
    expect(figures.items.find((f) => f.unitId === t.unitA.id)?.directAnswer.numerator).toBe(1);
  });

  it('lists a unit its stale entries and refuses it another unit’s list', async () => {
    const made = json<Entry>(
      await post('reporter', '/requests/knowledge', {
        ...content(),
        question: '停车费怎么交？',
        reviewBy: '2024-07-02',
      }),
    );
    const submitted = json<Entry>(
      await post('reporter', `/requests/knowledge/${made.entry.id}/submit`, { version: made.version }),
    );
    const approved = await post('admin', `/requests/knowledge/${made.entry.id}/decision`, {
      approve: true,
      version: submitted.version,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    advance(3 * 24 * HOUR);
    const upkeep = json<{ items: { entryId: number; kind: string }[] }>(
      await get('reporter', '/requests/knowledge/upkeep'),
    );
    expect(upkeep.items).toContainEqual(expect.objectContaining({ entryId: made.entry.id, kind: 'stale' }));
    expect((await get('otherReporter', `/requests/knowledge/upkeep?unitId=${t.unitA.id}`)).statusCode).toBe(
      403,
    );
    const theirs = json<{ items: unknown[] }>(await get('otherReporter', '/requests/knowledge/upkeep'));
    expect(theirs.items).toHaveLength(0);
  });

  it('refuses a reply by the rules with the reason, and the checker returns a sampled reply with a note', async () => {
    const id = await orderOfUnitA('回龙观西大街路口积水很深，车辆无法通行');
    advance(HOUR);
    const refused = await post('reporter', `/requests/${id}/events`, {
      type: 'replied',
      unitId: t.unitA.id,
      text: '已转相关部门。',
    });
    expect(refused.statusCode, refused.body).toBe(422);
    const body = json<ErrorBody>(refused);
    expect(body.error.message).toContain('答复未通过质检规则');
    expect(body.error.details.map((d) => d.path)).toContain('rules.too_short');
    expect(json<Order>(await get('reporter', `/requests/${id}`)).status).toBe('signed'); // unchanged
    // The refusal is on record for the unit.
    const checks = json<{ items: { kind: string; passed: boolean; codes: string[] }[] }>(
      await get('reporter', `/requests/${id}/checks`),
    );
    expect(checks.items[0]).toMatchObject({ kind: 'rules', passed: false });
    expect((await get('otherReporter', `/requests/${id}/checks`)).statusCode).toBe(403);

    // Every reply from tomorrow (Beijing) goes to the checker.
    const tomorrow = new Date(clock.getTime() + 8 * HOUR + 24 * HOUR).toISOString().slice(0, 10);
    const settings = {
      effectiveFrom: tomorrow,
      rules: {
        minLength: 15,
        stockPhrases: ['已转相关部门'],
        actionWords: ['已', '现场'],
        needsDate: [],
        needsPlace: [],
        repeatSimilarity: 0.9,
      },
      sampling: { rate: 1, seed: 'test' },
    };
    expect((await post('reporter', '/requests/desk-settings', settings)).statusCode).toBe(403);
    const wrong = await post('supervisor', '/requests/desk-settings', {
      ...settings,
      sampling: { rate: 2, seed: 'x' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(json<ErrorBody>(wrong).error.details.map((d) => d.path)).toContain('sampling.rate');
    const added = await post('supervisor', '/requests/desk-settings', settings);
    expect(added.statusCode, added.body).toBe(201);
    advance(24 * HOUR);

    const replied = await post('reporter', `/requests/${id}/events`, {
      type: 'replied',
      unitId: t.unitA.id,
      text: '今天上午已派人到回龙观西大街路口现场疏通雨水口3处，积水已排除，已电话告知市民。',
    });
    expect(replied.statusCode, replied.body).toBe(200);
    expect(json<Order>(replied).pendingCheck?.reason).toBe('sample');

    expect((await get('reporter', '/requests/checks')).statusCode).toBe(403);
    const queue = json<{ items: { orderId: number; reason: string; reply: string | null }[] }>(
      await get('supervisor', '/requests/checks'),
    );
    // The checker reads the unit's own reply, though it left no public note.
    expect(queue.items).toContainEqual(
      expect.objectContaining({
        orderId: id,
        reason: 'sample',
        reply: '今天上午已派人到回龙观西大街路口现场疏通雨水口3处，积水已排除，已电话告知市民。',
      }),
    );

    const noNote = await post('supervisor', `/requests/${id}/check`, { passed: false });
    expect(noNote.statusCode).toBe(400);
    const returned = await post('supervisor', `/requests/${id}/check`, {
      passed: false,
      note: '未说明雨水口疏通后是否复查，请补充',
    });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(json<Order>(returned).checkReturn?.note).toContain('复查');
    const after = json<{ items: { orderId: number }[] }>(await get('supervisor', '/requests/checks'));
    expect(after.items.map((i) => i.orderId)).not.toContain(id);

    const rates = json<{ items: { unitId: number; sample: { checked: number; passed: number } }[] }>(
      await get('reporter', '/requests/check-rates?month=2024-07'),
    );
    expect(rates.items.every((r) => r.unitId === t.unitA.id)).toBe(true);
    expect(rates.items[0]?.sample).toMatchObject({ checked: 1, passed: 0 });
  });

  it('imports a unit’s .xlsx list as drafts, all or none, and exports the base with the entries by unit name', async () => {
    const wb = newWorkbook();
    const ws = wb.addWorksheet('本单位知识库');
    ws.addRow(['问题', '答复口径', '诉求类别', '维护单位', '依据文件', '生效日期', '复核日期', '关键词']);
    ws.addRow([
      '积水点位怎么报修？',
      '可拨打12345或在“北京排水”公众号报修，抢险队伍接报后两小时内到场处置。',
      '积水',
      t.unitA.name,
      '区排水设施管理办法',
      '2024-01-01',
      '2024-12-31',
      '积水、报修',
    ]);
    const file = multipart({
      name: '知识库.xlsx',
      content: await workbookBuffer(wb),
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    });
    const upload = (caller: Caller) =>
      t.request(caller, {
        method: 'POST',
        url: `${V1}/requests/knowledge/import`,
        payload: file.payload,
        headers: file.headers,
      });

    // Another unit may not write unitA's entries: the row is named and nothing is imported.
    const foreign = await upload('otherReporter');
    expect(foreign.statusCode).toBe(400);
    expect(json<ErrorBody>(foreign).error.details).toEqual([
      { path: '本单位知识库!2:2', message: '只能维护本单位的知识条目' },
    ]);
    const before = json<{ total: number }>(await get('supervisor', '/requests/knowledge?q=积水点位')).total;
    expect(before).toBe(0);

    const imported = await upload('reporter');
    expect(imported.statusCode, imported.body).toBe(200);
    const { created } = json<{ created: number[] }>(imported);
    expect(created).toHaveLength(1);
    const entry = json<Entry>(await get('reporter', `/requests/knowledge/${created[0]}`));
    expect(entry.entry.versions[0]?.status).toBe('draft');

    const exported = await get('reporter', `/requests/knowledge.xlsx?ownerUnitId=${t.unitA.id}`);
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-type']).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('知识库')!;
    const values = sheet.getSheetValues().flat().map(String);
    expect(values).toEqual(expect.arrayContaining(['积水点位怎么报修？', t.unitA.name, '草稿']));
    expect(json<{ total: number }>(await get('supervisor', '/requests/knowledge?q=积水点位')).total).toBe(1);
    expect((await get('public', '/requests/knowledge.xlsx')).statusCode).toBe(401);

    // The export read back unchanged changes nothing; an edited answer is a new draft version.
    const back = async (edit?: string) => {
      const copy = new ExcelJS.Workbook();
      await copy.xlsx.load(exported.rawPayload as unknown as ArrayBuffer);
      if (edit)
        copy.getWorksheet('知识库')!.eachRow((row) => {
          if (row.getCell(2).value === '积水点位怎么报修？') row.getCell(3).value = edit;
        });
      const again = multipart({ name: '知识库.xlsx', content: Buffer.from(await copy.xlsx.writeBuffer()) });
      return t.request('reporter', {
        method: 'POST',
        url: `${V1}/requests/knowledge/import`,
        payload: again.payload,
        headers: again.headers,
      });
    };
    const same = await back();
    expect(same.statusCode, same.body).toBe(200);
    const kept = json<{ created: number[]; unchanged: number[]; revised: number[] }>(same);
    expect(kept.unchanged).toContain(created[0]);
    expect(kept.created).toEqual([]);
    expect(kept.revised).toEqual([]);
    const edited = await back('可拨打12345报修，抢险队伍接报后一小时内到场处置并反馈处置结果。');
    expect(json<{ revised: number[] }>(edited).revised).toEqual(created);
    const revised = json<Entry>(await get('reporter', `/requests/knowledge/${created[0]}`));
    expect(revised.entry.versions.at(-1)).toMatchObject({ status: 'draft' });
  });
});
