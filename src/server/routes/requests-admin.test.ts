import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import type { Kysely } from 'kysely';
import type { Database } from '../../store/schema.js';
import { DEFAULT_SCHEMES, addWorkingDays, computeDeadline, createCalendar } from '../../requests/index.js';
import type { DeadlineRule } from '../../requests/index.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';
import { loadWorkCalendar } from '../../commands/requests-setup.js';
import { checkHolidayTable, deriveCalendarYears } from '../../requests/index.js';

const V1 = '/api/v1';
// 2026-11-26 10:00 Beijing: next year's 放假安排 is out, chinese-days 1.5.7 stops at 2026.
const NOW = new Date('2026-11-26T02:00:00.000Z');

/** An excerpt of the State Council's 2027 arrangement in chinese-days' shape. */
const TABLE_2027 = {
  holidays: {
    '2027-01-01': "New Year's Day,元旦,1",
    '2027-02-06': 'Spring Festival,春节,8',
    '2027-02-07': 'Spring Festival,春节,8',
    '2027-02-08': 'Spring Festival,春节,8',
    '2027-02-09': 'Spring Festival,春节,8',
    '2027-02-10': 'Spring Festival,春节,8',
    '2027-02-11': 'Spring Festival,春节,8',
    '2027-02-12': 'Spring Festival,春节,8',
    '2027-02-13': 'Spring Festival,春节,8',
  },
  workdays: { '2027-02-14': 'Spring Festival,春节,8', '2027-02-20': 'Spring Festival,春节,8' },
};

interface Exemption {
  unitId: number;
  month: string;
  reason: string;
  createdBy: number | null;
  createdByName: string | null;
  unitName: string | null;
}
interface ExemptionList {
  items: Exemption[];
  total: number;
  history: {
    at: string;
    action: 'add' | 'remove';
    by: number | null;
    byName: string | null;
    unitId: number | null;
    unitName: string | null;
    month: string | null;
    exemptionReason: string | null;
    note: string | null;
  }[];
}
interface CalendarStatus {
  currentYear: number;
  packageYears: { first: number; last: number } | null;
  years: { year: number; source: string; holidays: number | null; workdays: number | null }[];
  loaded: { year: number; source: string; loadedBy: number; loadedByName: string; holidays: object }[];
  history: { action: string; year: number; byName: string; source: string }[];
}

describe.each(DIALECTS)('requests administration API on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => NOW });
  });

  const get = <T>(url: string, caller: Parameters<TestApp['request']>[0] = 'supervisor') =>
    t.request(caller, { url: `${V1}${url}` }).then((answer) => ({ answer, body: json<T>(answer) }));

  it('lists exemptions with their unit and who recorded them, and removes one with an audited reason', async () => {
    for (const [unitId, month] of [
      [t.unitA.id, '2026-10'],
      [t.unitB.id, '2026-10'],
      [t.unitA.id, '2026-11'],
    ] as const) {
      const added = await t.request('admin', {
        method: 'POST',
        url: `${V1}/requests/exemptions`,
        payload: { unitId, month, reason: '机构改革，职责划转中' },
      });
      expect(added.statusCode).toBe(201);
    }

    const all = await get<ExemptionList>('/requests/exemptions');
    expect(all.answer.statusCode).toBe(200);
    expect(all.body.total).toBe(3);
    expect(all.body.items.map((e) => e.month)).toEqual(['2026-11', '2026-10', '2026-10']);
    expect(all.body.items[0]).toMatchObject({
      unitId: t.unitA.id,
      unitName: t.unitA.name,
      reason: '机构改革，职责划转中',
      createdBy: t.users.admin.id,
      createdByName: t.users.admin.displayName,
    });
    const october = await get<ExemptionList>('/requests/exemptions?from=2026-10&to=2026-10');
    expect(october.body.items.map((e) => e.unitId).sort()).toEqual([t.unitA.id, t.unitB.id].sort());

    const removed = await t.request('supervisor', {
      method: 'DELETE',
      url: `${V1}/requests/exemptions/${t.unitB.id}/2026-10?reason=${encodeURIComponent('误录')}`,
    });
    expect(removed.statusCode).toBe(200);
    expect(json(removed)).toMatchObject({ unitId: t.unitB.id, month: '2026-10' });

    const after = await get<ExemptionList>('/requests/exemptions');
    expect(after.body.items.map((e) => [e.unitId, e.month])).not.toContainEqual([t.unitB.id, '2026-10']);
    expect(after.body.history[0]).toEqual({
      at: NOW.toISOString(),
      action: 'remove',
      by: t.users.supervisor.id,
      byName: t.users.supervisor.displayName,
      unitId: t.unitB.id,
      unitName: t.unitB.name,
      month: '2026-10',
      exemptionReason: '机构改革，职责划转中',
      note: '误录',
    });
    // The three additions stay in the history after the removal, newest first.
    expect(after.body.history.map((h) => [h.action, h.unitId, h.month])).toEqual([
      ['remove', t.unitB.id, '2026-10'],
      ['add', t.unitA.id, '2026-11'],
      ['add', t.unitB.id, '2026-10'],
      ['add', t.unitA.id, '2026-10'],
    ]);

    // The unit is ranked again that month: the rankings no longer call it exempt.
    const rankings = json<{ rankings: { entries: { unitId: number; status: string }[] }[] }>(
      await t.request('admin', { url: `${V1}/requests/rankings?month=2026-10` }),
    );
    const statuses = new Map(rankings.rankings.flatMap((r) => r.entries.map((e) => [e.unitId, e.status])));
    expect(statuses.get(t.unitB.id)).not.toBe('exempt');
    expect(statuses.get(t.unitA.id)).toBe('exempt');
  });

  it('audits an addition as it audits a removal, and records nothing for a refused one', async () => {
    const exemptionEvents = () => t.store.audit.listUnplanned('request_exemption');
    const before = (await exemptionEvents()).length;
    const added = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/requests/exemptions`,
      payload: { unitId: t.unitC.id, month: '2026-08', reason: '特大暴雨，全员抢险' },
    });
    expect(added.statusCode).toBe(201);
    const exemption = {
      unitId: t.unitC.id,
      month: '2026-08',
      reason: '特大暴雨，全员抢险',
      createdBy: t.users.supervisor.id,
      createdAt: NOW.toISOString(),
    };
    expect(json(added)).toEqual(exemption);

    const [addEvent] = await exemptionEvents();
    expect(addEvent).toMatchObject({
      at: NOW.toISOString(),
      actorUserId: t.users.supervisor.id,
      actorRole: 'supervisor',
      entityType: 'request_exemption',
      entityId: `${t.unitC.id}@2026-08`,
      action: 'request_exemption.add',
      before: null,
      after: exemption,
      reason: '特大暴雨，全员抢险',
    });

    const { body } = await get<ExemptionList>('/requests/exemptions');
    expect(body.history[0]).toEqual({
      at: NOW.toISOString(),
      action: 'add',
      by: t.users.supervisor.id,
      byName: t.users.supervisor.displayName,
      unitId: t.unitC.id,
      unitName: t.unitC.name,
      month: '2026-08',
      exemptionReason: '特大暴雨，全员抢险',
      note: null,
    });

    // The same unit and month again, an unknown unit, a unit's reporter: refused, not recorded.
    const twice = await t.request('admin', {
      method: 'POST',
      url: `${V1}/requests/exemptions`,
      payload: { unitId: t.unitC.id, month: '2026-08', reason: '重复登记' },
    });
    expect(twice.statusCode).toBe(409);
    const unknown = await t.request('admin', {
      method: 'POST',
      url: `${V1}/requests/exemptions`,
      payload: { unitId: 999_999, month: '2026-08', reason: '不存在的单位' },
    });
    expect(unknown.statusCode).toBe(400);
    const reporter = await t.request('reporter', {
      method: 'POST',
      url: `${V1}/requests/exemptions`,
      payload: { unitId: t.unitA.id, month: '2026-08', reason: '自己免自己' },
    });
    expect(reporter.statusCode).toBe(403);
    expect((await exemptionEvents()).length).toBe(before + 1);

    // Its removal is the same event with the exemption moved from `after` to `before`.
    const removed = await t.request('admin', {
      method: 'DELETE',
      url: `${V1}/requests/exemptions/${t.unitC.id}/2026-08?reason=${encodeURIComponent('灾后已恢复')}`,
    });
    expect(removed.statusCode).toBe(200);
    const [removeEvent] = await exemptionEvents();
    expect(removeEvent).toMatchObject({
      actorUserId: t.users.admin.id,
      actorRole: 'admin',
      entityType: 'request_exemption',
      entityId: addEvent?.entityId,
      action: 'request_exemption.delete',
      before: exemption,
      after: null,
      reason: '灾后已恢复',
    });
    expect(Object.keys(removeEvent ?? {}).sort()).toEqual(Object.keys(addEvent ?? {}).sort());
  });

  it('records one of two additions sent at once and answers the other 409', async () => {
    const before = (await t.store.audit.listUnplanned('request_exemption')).length;
    const add = (caller: 'admin' | 'supervisor') =>
      t.request(caller, {
        method: 'POST',
        url: `${V1}/requests/exemptions`,
        payload: { unitId: t.unitC.id, month: '2026-07', reason: `${caller} 登记` },
      });
    const answers = await Promise.all([add('admin'), add('supervisor')]);
    expect(answers.map((a) => a.statusCode).sort()).toEqual([201, 409]);
    const events = await t.store.audit.listUnplanned('request_exemption');
    expect(events.length).toBe(before + 1);
    expect(events[0]).toMatchObject({ action: 'request_exemption.add', entityId: `${t.unitC.id}@2026-07` });
  });

  it('answers 404 for an exemption that does not exist, and 400 for a malformed month', async () => {
    const missing = await t.request('admin', {
      method: 'DELETE',
      url: `${V1}/requests/exemptions/${t.unitC.id}/2026-09`,
    });
    expect(missing.statusCode).toBe(404);
    const malformed = await t.request('admin', {
      method: 'DELETE',
      url: `${V1}/requests/exemptions/${t.unitC.id}/2026-13`,
    });
    expect(malformed.statusCode).toBe(400);
  });

  it('says where each year of the calendar comes from before anything is loaded', async () => {
    const { answer, body } = await get<CalendarStatus>('/requests/calendar');
    expect(answer.statusCode).toBe(200);
    expect(body.currentYear).toBe(2026);
    expect(body.packageYears).toEqual({ first: 2004, last: 2026 });
    expect(body.years).toEqual([
      { year: 2025, source: 'package', holidays: null, workdays: null },
      { year: 2026, source: 'package', holidays: null, workdays: null },
      { year: 2027, source: 'weekends', holidays: null, workdays: null },
    ]);
    expect(body.loaded).toEqual([]);
  });

  it("loads next year's official table, records who loaded it, and the calendar counts it", async () => {
    const put = await t.request('supervisor', {
      method: 'PUT',
      url: `${V1}/requests/calendar/2027`,
      payload: { ...TABLE_2027, inLieuDays: {}, source: '国办发明电〔2026〕12号' },
    });
    expect(put.statusCode).toBe(200);
    expect(json(put)).toMatchObject({
      year: 2027,
      loadedBy: t.users.supervisor.id,
      loadedAt: NOW.toISOString(),
    });

    const { body } = await get<CalendarStatus>('/requests/calendar');
    expect(body.years.at(-1)).toEqual({ year: 2027, source: 'loaded', holidays: 9, workdays: 2 });
    expect(body.loaded[0]).toMatchObject({
      year: 2027,
      source: '国办发明电〔2026〕12号',
      loadedByName: t.users.supervisor.displayName,
      holidays: TABLE_2027.holidays,
    });
    expect(body.history[0]).toMatchObject({ action: 'load', year: 2027, source: '国办发明电〔2026〕12号' });

    // The stored tables make the calendar deadlines are computed on: 春节 off, 02-14 worked.
    const calendar = await loadWorkCalendar(t.store);
    expect(calendar.covers(2027)).toBe(true);
    expect(calendar.isWorkingDay('2027-02-08')).toBe(false);
    expect(calendar.isWorkingDay('2027-02-14')).toBe(true);
    expect(addWorkingDays(calendar, '2027-02-05', 1)).toBe('2027-02-14');

    // Loading again replaces the year; the history keeps both loads.
    const again = await t.request('admin', {
      method: 'PUT',
      url: `${V1}/requests/calendar/2027`,
      payload: { holidays: { '2027-01-01': '元旦' }, workdays: {}, source: '更正' },
    });
    expect(again.statusCode).toBe(200);
    const replaced = await get<CalendarStatus>('/requests/calendar');
    expect(replaced.body.years.at(-1)).toMatchObject({ holidays: 1, workdays: 0 });
    expect(replaced.body.history.map((h) => [h.action, h.byName])).toEqual([
      ['load', t.users.admin.displayName],
      ['load', t.users.supervisor.displayName],
    ]);
  });

  it('refuses a table with every problem named, and stores nothing', async () => {
    const bad = await t.request('admin', {
      method: 'PUT',
      url: `${V1}/requests/calendar/2027`,
      payload: {
        holidays: { '2027-02-30': 'x', '2028-01-01': 'y', '2027-10-01': '国庆' },
        workdays: { '2027-10-01': '国庆', '2027-10-13': '国庆' },
      },
    });
    expect(bad.statusCode).toBe(400);
    const details = json<{ error: { details: { path: string }[] } }>(bad).error.details.map((d) => d.path);
    expect(details).toEqual([
      'body.holidays.2027-02-30',
      'body.holidays.2028-01-01',
      'body.workdays.2027-10-01',
      'body.workdays.2027-10-13',
    ]);
    const past = await t.request('admin', {
      method: 'PUT',
      url: `${V1}/requests/calendar/2025`,
      payload: { holidays: { '2025-01-01': '元旦' }, workdays: {} },
    });
    expect(past.statusCode).toBe(400);
    expect(json<{ error: { details: { path: string }[] } }>(past).error.details[0]?.path).toBe('params.year');
    const { body } = await get<CalendarStatus>('/requests/calendar');
    expect(body.loaded.map((l) => l.year)).toEqual([2027]);
    expect(body.years[0]?.source).toBe('package');
  });

  it('removes a loaded year: the weekend rule applies again, and the removal is recorded', async () => {
    const removed = await t.request('admin', { method: 'DELETE', url: `${V1}/requests/calendar/2027` });
    expect(removed.statusCode).toBe(200);
    const { body } = await get<CalendarStatus>('/requests/calendar');
    expect(body.years.at(-1)).toMatchObject({ year: 2027, source: 'weekends' });
    expect(body.history[0]).toMatchObject({
      action: 'delete',
      year: 2027,
      byName: t.users.admin.displayName,
    });
    expect((await loadWorkCalendar(t.store)).covers(2027)).toBe(false);
    const twice = await t.request('admin', { method: 'DELETE', url: `${V1}/requests/calendar/2027` });
    expect(twice.statusCode).toBe(404);
  });
});

describe.each(DIALECTS)('the minimum volume of stored scoring schemes on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => NOW });
    // Version 1 as stored before the minimum volume was part of a scheme: no `minVolume`.
    const { minVolume, ...old } = DEFAULT_SCHEMES.schemes[0]!;
    expect(minVolume).toBe(10);
    // The jurisdiction's setup stored the scheme of today: it is put back as it was then.
    const db = (t.store as unknown as { kysely: Kysely<Database> }).kysely;
    await db
      .updateTable('request_scoring_schemes')
      .set({ scheme: JSON.stringify(old) })
      .where('jurisdiction_id', '=', 1)
      .where('version', '=', 1)
      .execute();
  });

  it('reads an old scheme with the minimum of then (10) and ranks its months under it', async () => {
    const schemes = json<{ schemes: { version: number; minVolume: number }[] }>(
      await t.request('leader', { url: `${V1}/requests/schemes` }),
    );
    expect(schemes.schemes).toEqual([{ ...DEFAULT_SCHEMES.schemes[0], minVolume: 10 }]);
    const rankings = json<{ rule: object }>(
      await t.request('leader', { url: `${V1}/requests/rankings?month=2026-11` }),
    );
    expect(rankings.rule).toEqual({
      schemeVersion: 1,
      schemeMinVolume: 10,
      minVolume: 10,
      overridden: false,
    });
  });

  it('versions a new minimum from a coming month; one left out carries the latest on', async () => {
    const draft = {
      effectiveFrom: '2026-12',
      note: '小单位也排名',
      weights: { response: 0.1, resolution: 0.6, satisfaction: 0.3 },
      satisfactionCredit: { 满意: 1, 基本满意: 0.8, 不满意: 0 },
      excludedSources: ['grid'],
    };
    const refused = await t.request('admin', {
      method: 'POST',
      url: `${V1}/requests/schemes`,
      payload: { ...draft, minVolume: -1 },
    });
    expect(refused.statusCode).toBe(400);
    const added = await t.request('admin', {
      method: 'POST',
      url: `${V1}/requests/schemes`,
      payload: { ...draft, minVolume: 4 },
    });
    expect(added.statusCode, added.body).toBe(201);
    expect(json<{ version: number; minVolume: number }>(added)).toMatchObject({ version: 2, minVolume: 4 });
    const carried = await t.request('admin', {
      method: 'POST',
      url: `${V1}/requests/schemes`,
      payload: { ...draft, effectiveFrom: '2027-01' },
    });
    expect(json<{ version: number; minVolume: number }>(carried)).toMatchObject({ version: 3, minVolume: 4 });
    const rule = async (month: string) =>
      json<{ rule: { schemeVersion: number; minVolume: number } }>(
        await t.request('leader', { url: `${V1}/requests/rankings?month=${month}` }),
      ).rule;
    expect(await rule('2026-11')).toMatchObject({ schemeVersion: 1, minVolume: 10 });
    expect(await rule('2026-12')).toMatchObject({ schemeVersion: 2, minVolume: 4 });
  });
});

describe.each(DIALECTS)('a loaded calendar year and the deadlines of orders on %s', (dialect) => {
  // Friday 2027-02-05, 10:00 in Beijing: the next working day is Sunday 02-14 (春节 make-up day).
  const FRIDAY = new Date('2027-02-05T02:00:00.000Z');
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => FRIDAY });
  });

  it('computes the deadlines of orders dispatched after the load on the loaded table', async () => {
    const intake = {
      source: 'hotline',
      text: '小区楼下夜间施工噪声扰民',
      category: '噪声',
      location: { address: '回龙观西大街8号院', area: '回龙观街道' },
      privacy: {},
    };
    const dispatch = (text: string) =>
      t.request('admin', {
        method: 'POST',
        url: `${V1}/requests?dispatch=auto`,
        payload: { ...intake, text },
      });
    interface Dispatched {
      id: number;
      deadlines: Record<'sign' | 'finish', { due: string; from: string; rule: DeadlineRule }>;
    }
    const before = json<Dispatched>(await dispatch('小区楼下夜间施工噪声扰民，加载日历前'));
    const weekendsOnly = createCalendar();
    expect(weekendsOnly.covers(2027)).toBe(false);
    const { finish } = before.deadlines;
    expect(finish.rule.calendar).toBe('working_days');
    expect(finish.due).toBe(computeDeadline(weekendsOnly, finish.from, finish.rule));

    const put = await t.request('supervisor', {
      method: 'PUT',
      url: `${V1}/requests/calendar/2027`,
      payload: { ...TABLE_2027, source: '国办发明电〔2026〕12号' },
    });
    expect(put.statusCode, put.body).toBe(200);
    const after = json<Dispatched>(await dispatch('小区楼下夜间施工噪声又扰民了，加载日历后'));
    const loaded = await loadWorkCalendar(t.store);
    const later = after.deadlines.finish;
    expect(later.rule).toEqual(finish.rule);
    expect(later.due).toBe(computeDeadline(loaded, later.from, later.rule));
    // 春节 (02-06 … 02-13) is not counted, so the loaded calendar's finish is later than before.
    expect(Date.parse(later.due)).toBeGreaterThan(Date.parse(finish.due));
    // The order dispatched before the load keeps its deadline.
    const kept = json<Dispatched>(await t.request('admin', { url: `${V1}/requests/${before.id}` }));
    expect(kept.deadlines.finish.due).toBe(finish.due);
  });
});

describe('checkHolidayTable', () => {
  it('returns the domain table of a valid year', () => {
    expect(checkHolidayTable(2027, TABLE_2027, 2026)).toEqual({
      year: 2027,
      holidays: Object.keys(TABLE_2027.holidays),
      workdays: ['2027-02-14', '2027-02-20'],
    });
  });

  it('refuses a year two ahead and a table without holidays', () => {
    expect(() => checkHolidayTable(2028, { holidays: {}, workdays: {} }, 2026)).toThrow(
      expect.objectContaining({
        code: 'BAD_INPUT',
        details: [
          expect.objectContaining({ path: 'params.year' }),
          expect.objectContaining({ path: 'body.holidays' }),
        ],
      }),
    );
  });
});

describe('deriveCalendarYears', () => {
  it('prefers a loaded table to the package, and falls back to weekends', () => {
    const loaded = [
      { year: 2026, holidays: { '2026-01-01': '元旦' }, workdays: {}, source: '', loadedBy: 1, loadedAt: '' },
    ];
    expect(deriveCalendarYears(2026, 2027, loaded)).toEqual([
      { year: 2026, source: 'loaded', holidays: 1, workdays: 0 },
      { year: 2027, source: 'weekends', holidays: null, workdays: null },
    ]);
  });
});
