/**
 * The answers of routes without a response schema (requests, their administration, health
 * explanations, history, ledger import) against the contract's schemas the web app types them
 * with: each answer must parse and come out whole — a field the server sends that the contract
 * lacks would be dropped by the parse, a field it lacks fails it.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { DIALECTS } from '../../test/factories.js';
import {
  Catalogue,
  CalendarStatus,
  Exemption,
  ExemptionList,
  ExplainAnswer,
  HistoryEntry,
  HotspotsAnswer,
  IntakeSuggestions,
  JurisdictionAreas,
  LedgerImportAnswer,
  LinkSuggestion,
  LoadedHolidayTable,
  MonthlyTopic,
  OrderEvent,
  OverdueAnswer,
  PublicOrder,
  QueueItem,
  RankingsAnswer,
  SchemeHistory,
  ScoresAnswer,
  TaskLink,
  TaskRequests,
  ThemeDetail,
  UnitQueueItem,
  WorkOrder,
  pageOf,
} from '../contract/index.js';
import type { StoredExemption, StoredHolidayTable } from '../store/request-settings.js';
import type { StoredTaskLink } from '../store/request-themes.js';
import type { EvidenceFileInfo as StoredEvidenceFileInfo, Page as StoredPage } from '../store/types.js';
import type {
  TrackingSettings as StoredTrackingSettings,
  UnitMerge as StoredUnitMerge,
} from '../store/types.js';
import type {
  EvidenceFileInfo,
  Page,
  Exemption as ExemptionType,
  LoadedHolidayTable as LoadedHolidayTableType,
  TaskLink as TaskLinkType,
  TrackingSettings,
  UnitMerge,
} from '../contract/index.js';
import { same } from '../contract/same.js';
import { createTestApp, json, multipart } from './testing/test-app.js';
import type { Caller, TestApp } from './testing/test-app.js';

// The contract against the store's own row types (the contract may not import the store).
same<EvidenceFileInfo, StoredEvidenceFileInfo>(true);
same<TrackingSettings, StoredTrackingSettings>(true);
same<UnitMerge, StoredUnitMerge>(true);
same<Page<number>, StoredPage<number>>(true);
same<ExemptionType, StoredExemption>(true);
same<LoadedHolidayTableType, StoredHolidayTable>(true);
const _linkFits = (link: StoredTaskLink): TaskLinkType => link;
void _linkFits;

const V1 = '/api/v1';
let clock = new Date('2024-07-01T02:00:00.000Z'); // Monday 10:00 Beijing

/** The answer parses under `schema` and nothing of it is lost on the way; returns it. */
function expectWhole<T extends z.ZodType>(
  schema: T,
  response: { statusCode: number; body: string },
  status = 200,
): z.infer<T> {
  expect(response.statusCode, response.body).toBe(status);
  const body = JSON.parse(response.body) as unknown;
  const parsed = schema.safeParse(body);
  expect(parsed.error?.issues ?? []).toEqual([]);
  expect(parsed.data).toEqual(body);
  return parsed.data as z.infer<T>;
}

describe.each(DIALECTS)('answers without a response schema fit the contract on %s', (dialect) => {
  let t: TestApp;
  const get = (caller: Caller, url: string) => t.request(caller, { url: `${V1}${url}` });
  const send = (caller: Caller, method: 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) =>
    t.request(caller, { method, url: `${V1}${url}`, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    clock = new Date('2024-07-01T02:00:00.000Z');
    t = await createTestApp(dialect, { now: () => clock });
  });

  it('answers orders, their events, queues, missed deadlines and the public view as the contract says', async () => {
    const areas = json<JurisdictionAreas>(await get('public', '/requests/areas'));
    expectWhole(JurisdictionAreas, await get('public', '/requests/areas'));
    expectWhole(Catalogue, await get('public', '/requests/catalogue'));
    const area = areas.items[0]!;
    const created = await send('admin', 'POST', '/requests', {
      source: 'hotline',
      text: '小区门口积水很深，车辆无法通行',
      category: '积水',
      location: { address: '一号路口', area: area.name },
      contact: { name: '王先生', phone: '13800000000' },
      privacy: { anonymousToUnit: true },
    });
    expectWhole(WorkOrder, created, 201);
    const order = json<WorkOrder>(created);
    expect(expectWhole(pageOf(QueueItem), await get('supervisor', '/requests/queue')).items).not.toEqual([]);
    expectWhole(
      WorkOrder,
      await send('admin', 'POST', `/requests/${order.id}/dispatch`, {
        leadUnitId: t.unitA.id,
        reason: '试点',
      }),
    );
    expectWhole(WorkOrder, await get('reporter', `/requests/${order.id}`));
    expect(expectWhole(pageOf(UnitQueueItem), await get('reporter', '/requests/mine')).items).not.toEqual([]);
    const act = (caller: Caller, event: object) =>
      send(caller, 'POST', `/requests/${order.id}/events`, event);
    expectWhole(WorkOrder, await act('reporter', { type: 'signed', unitId: t.unitA.id }));
    clock = new Date(clock.getTime() + 30 * 86_400_000);
    const overdue = expectWhole(OverdueAnswer, await get('admin', '/requests/overdue'));
    expect(overdue.items).not.toEqual([]);
    expectWhole(WorkOrder, await act('reporter', { type: 'contacted', unitId: t.unitA.id }));
    expectWhole(
      WorkOrder,
      await act('reporter', {
        type: 'replied',
        unitId: t.unitA.id,
        text: '7月1日已到回龙观西大街路口现场疏通雨水口，积水已排除，已告知市民。',
      }),
    );
    expectWhole(WorkOrder, await act('admin', { type: 'closed' }));
    const followUp = { reached: true, contacted: true, resolved: true, satisfaction: '满意' };
    expectWhole(WorkOrder, await act('admin', { type: 'followed_up', ...followUp }));
    expect(expectWhole(pageOf(OrderEvent), await get('admin', `/requests/${order.id}/events`)).total).toBe(7);
    expectWhole(pageOf(OrderEvent), await get('reporter', `/requests/${order.id}/events`));
    expectWhole(pageOf(WorkOrder), await get('admin', '/requests'));
    expect(expectWhole(pageOf(PublicOrder), await get('public', '/requests')).items).not.toEqual([]);
    const suggestions = await send('admin', 'POST', '/requests/suggest', {
      text: '积水很深',
      area: area.name,
    });
    expect(expectWhole(IntakeSuggestions, suggestions).items).not.toEqual([]);

    // The public's own intake answers what the public may see of it.
    const submitted = await send('public', 'POST', '/requests', {
      source: 'web',
      text: '路灯不亮',
      category: '道路',
      location: { address: '二号路', area: area.name },
    });
    expectWhole(PublicOrder, submitted, 201);
    expect(json<PublicOrder>(submitted).id).toBeGreaterThan(order.id);
  });

  it('answers 三率, rankings, hotspots, themes and links to the plan as the contract says', async () => {
    const month = clock.toISOString().slice(0, 7);
    const scores = expectWhole(ScoresAnswer, await get('supervisor', `/requests/scores?month=${month}`));
    expect(scores.items).not.toEqual([]);
    const rankings = `/requests/rankings?month=${month}&minVolume=0`;
    expect(expectWhole(RankingsAnswer, await get('supervisor', rankings)).rankings).not.toEqual([]);
    const hotspots = `/requests/hotspots?month=${month}&minCount=1`;
    expect(expectWhole(HotspotsAnswer, await get('supervisor', hotspots)).items).not.toEqual([]);
    const created = await send('admin', 'POST', '/requests/themes', {
      month,
      title: '积水治理',
      leadUnitId: t.unitA.id,
      categories: ['积水'],
      problems: ['雨后积水'],
    });
    expectWhole(MonthlyTopic, created, 201);
    const theme = json<MonthlyTopic>(created);
    expectWhole(pageOf(MonthlyTopic), await get('supervisor', '/requests/themes'));
    expectWhole(
      pageOf(LinkSuggestion),
      await get('admin', `/requests/themes/${theme.id}/task-suggestions?planId=${t.published.plan.id}`),
    );
    const link = { sourceKey: `theme:${theme.id}`, taskId: t.taskA.id, score: 0.5 };
    expectWhole(
      TaskLink,
      await send('admin', 'POST', '/requests/task-links', { ...link, accept: true }),
      201,
    );
    expectWhole(TaskLink, await send('admin', 'POST', '/requests/task-links', { ...link, accept: false }));
    expect(
      expectWhole(ThemeDetail, await get('supervisor', `/requests/themes/${theme.id}`)).links,
    ).not.toEqual([]);
    const byTask = expectWhole(TaskRequests, await get('public', `/requests/by-task/${t.taskA.id}`));
    expect(byTask.orders.recent).not.toEqual([]);
  });

  it('answers the catalogue, schemes, exemptions and the calendar as the contract says', async () => {
    expectWhole(SchemeHistory, await get('supervisor', '/requests/schemes'));
    const month = clock.toISOString().slice(0, 7);
    const exemption = { unitId: t.unitA.id, month, reason: '暴雨' };
    expectWhole(Exemption, await send('admin', 'POST', '/requests/exemptions', exemption), 201);
    expect(expectWhole(ExemptionList, await get('admin', '/requests/exemptions')).items).not.toEqual([]);
    expectWhole(Exemption, await send('admin', 'DELETE', `/requests/exemptions/${t.unitA.id}/${month}`));
    const table = { holidays: { '2025-01-01': '元旦' }, workdays: {}, source: '国办发明电' };
    expectWhole(LoadedHolidayTable, await send('admin', 'PUT', '/requests/calendar/2025', table));
    expect(expectWhole(CalendarStatus, await get('admin', '/requests/calendar')).loaded).not.toEqual([]);
    expectWhole(LoadedHolidayTable, await send('admin', 'DELETE', '/requests/calendar/2025'));
  });

  it('answers explanations, history and a ledger import as the contract says', async () => {
    const plan = `/plans/${t.published.plan.id}`;
    expectWhole(ExplainAnswer, await get('public', `${plan}/explain/plan?date=2022-06-30`));
    expectWhole(ExplainAnswer, await get('public', `${plan}/explain/task:${t.taskA.id}?date=2022-06-30`));
    const history = expectWhole(
      pageOf(HistoryEntry),
      await get('admin', `${plan}/tasks/${t.taskA.id}/history`),
    );
    expect(history.items).not.toEqual([]);
    expectWhole(pageOf(HistoryEntry), await get('public', `${plan}/tasks/${t.taskA.id}/history`));
    const ledger = await get('admin', `${plan}/ledger.xlsx`);
    expect(ledger.statusCode).toBe(200);
    const upload = multipart({ name: 'ledger.xlsx', content: ledger.rawPayload });
    expectWhole(
      LedgerImportAnswer,
      await t.request('admin', {
        method: 'POST',
        url: `${V1}${plan}/ledger?dryRun=1`,
        payload: upload.payload,
        headers: upload.headers,
      }),
    );
  });
});
