import { describe, expect, it } from 'vitest';
import { DIALECTS, createTestStore, seedExamplePlan } from '../../test/factories.js';
import { AppError } from '../errors.js';
import {
  DEFAULT_SCHEMES,
  applyEvent,
  computeMonthlyScores,
  deriveDedupeKey,
  deriveDispatchEvent,
  listOverdue,
  receiveOrder,
  replayOrder,
  suggestDispatch,
} from '../requests/index.js';
import type { OrderIntake, RecentSubmission, RequestActor, WorkOrder } from '../requests/index.js';
import type { Store } from './types.js';
import { CHANGPING, CHANGPING_CATALOGUE, CHANGPING_UNITS } from '../../test/fixtures/changping-requests.js';

const center: RequestActor = { userId: null, role: 'center', unitIds: [] };
const T0 = '2024-07-01T02:00:00.000Z';
const intake: OrderIntake = {
  source: 'hotline',
  text: '回龙观西大街路口积水很深，车辆无法通行',
  category: '积水',
  location: { address: '回龙观西大街路口', area: '回龙观街道' },
  contact: { name: '王先生', phone: '13800000000' },
};

async function receive(requests: Store, overrides: Partial<OrderIntake> = {}, now = T0) {
  return requests.transaction(async (tx) => {
    const id = await tx.requests.nextOrderId();
    const { order, event } = receiveOrder(
      { ...intake, ...overrides },
      { id, now, actor: center, catalogue: CHANGPING_CATALOGUE, jurisdiction: CHANGPING, jurisdictionId: 1 },
    );
    await tx.requests.insertOrder(order, event);
    return order;
  });
}

/**
 * What the service sends receiveNewOrder; `broken` makes the build refuse the intake, `clashId`
 * builds the order with an id already taken (the insert fails).
 */
function intakeRequest(
  overrides: Partial<OrderIntake>,
  now: string,
  broken = false,
  clashId?: number,
  jurisdictionId = 1,
) {
  const submitted = { ...intake, ...overrides };
  return {
    jurisdictionId,
    dedupeKey: deriveDedupeKey(submitted),
    since: new Date(Date.parse(now) - 1000).toISOString(),
    build: (recent: RecentSubmission[], id: number) => {
      if (broken) throw new AppError('BAD_INPUT', 'refused by its build');
      return receiveOrder(submitted, {
        id: clashId ?? id,
        now,
        actor: center,
        catalogue: CHANGPING_CATALOGUE,
        jurisdiction: CHANGPING,
        jurisdictionId,
        recent,
      });
    },
  };
}

async function act(
  requests: Store,
  order: WorkOrder,
  input: Parameters<typeof applyEvent>[1],
  now: string,
  actor = center,
) {
  const { order: next, event } = applyEvent(order, input, actor, now);
  await requests.requests.appendEvent(next, event, order.version);
  return next;
}

describe.each(DIALECTS)('RequestStore on %s', (dialect) => {
  it('keeps an order and its events, and the row equals the replay of its events', async () => {
    const requests = await createTestStore(dialect);
    const order = await receive(requests);
    const dispatch = deriveDispatchEvent(
      suggestDispatch({ category: '积水', area: '回龙观街道' }, CHANGPING_CATALOGUE, CHANGPING_UNITS, T0),
    );
    const dispatched = await act(requests, order, dispatch, '2024-07-01T02:05:00.000Z');
    const stored = await requests.requests.getOrder(order.id);
    expect(stored.status).toBe('dispatched');
    expect(stored.catalogueVersion).toBe(1);
    expect(stored.rules?.finish).toEqual(dispatch.rules.finish);
    const events = await requests.requests.listEvents(order.id);
    expect(events.map((e) => e.seq)).toEqual([1, 2]);
    // The jurisdiction is the row's, not an event's: the rest is the replay.
    expect({ ...replayOrder(events), jurisdictionId: 1 }).toEqual(stored);
    expect(stored).toEqual(dispatched);
  });

  it('refuses a write on a stale version with CONFLICT and keeps the order intact', async () => {
    const requests = await createTestStore(dialect);
    const order = await receive(requests);
    const dispatch = deriveDispatchEvent(
      suggestDispatch({ category: '积水', area: '回龙观街道' }, CHANGPING_CATALOGUE, CHANGPING_UNITS, T0),
    );
    await act(requests, order, dispatch, '2024-07-01T02:05:00.000Z');
    const error = await act(
      requests,
      order,
      { type: 'reminded', note: '请尽快' },
      '2024-07-01T02:06:00.000Z',
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('CONFLICT');
    expect((await requests.requests.listEvents(order.id)).length).toBe(2);
    expect((await requests.requests.getOrder(order.id)).version).toBe(2);
  });

  it('finds recent submissions by dedupe key and lists orders by unit and status', async () => {
    const requests = await createTestStore(dialect);
    const order = await receive(requests);
    expect(
      await requests.requests.listRecentSubmissions(1, order.dedupeKey, '2024-07-01T01:59:59.500Z'),
    ).toEqual([{ orderId: order.id, dedupeKey: order.dedupeKey, receivedAt: order.receivedAt }]);
    expect(
      await requests.requests.listRecentSubmissions(1, order.dedupeKey, '2024-07-01T02:00:01.000Z'),
    ).toEqual([]);
    const dispatch = deriveDispatchEvent(
      suggestDispatch({ category: '积水', area: '回龙观街道' }, CHANGPING_CATALOGUE, CHANGPING_UNITS, T0),
    );
    const other = await receive(requests, { text: '另一个路口也积水' }, '2024-07-01T03:00:00.000Z');
    await act(requests, order, { ...dispatch, coUnits: [{ unitId: 202 }] }, '2024-07-01T02:05:00.000Z');
    expect(
      (await requests.requests.listOrders({ leadUnitId: dispatch.leadUnitId, limit: 10, offset: 0 })).total,
    ).toBe(1);
    expect(
      (await requests.requests.listOrders({ unitId: 202, limit: 10, offset: 0 })).items.map((o) => o.id),
    ).toEqual([order.id]);
    const received = await requests.requests.listOrders({ status: ['received'], limit: 10, offset: 0 });
    expect(received.items.map((o) => o.id)).toEqual([other.id]);
  });

  it('takes intakes sent together in, each with its own id, row and event, or its own refusal', async () => {
    const store = await createTestStore(dialect);
    const requests = store;
    const texts = Array.from({ length: 12 }, (_, i) => `第${i + 1}个路口积水很深`);
    const first = await Promise.allSettled(
      [...texts, 'broken'].map((text) =>
        requests.requests.receiveNewOrder(intakeRequest({ text }, T0, text === 'broken')),
      ),
    );
    const stored = first.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    expect(stored.map((o) => o.text)).toEqual(texts);
    expect(new Set(stored.map((o) => o.id)).size).toBe(texts.length);
    expect(first.at(-1)).toMatchObject({ status: 'rejected', reason: { code: 'BAD_INPUT' } });
    for (const order of stored) {
      expect(await requests.requests.getOrder(order.id)).toEqual(order);
      expect((await requests.requests.listEvents(order.id)).map((e) => e.type)).toEqual(['received']);
    }
    // Within a second the same submission is refused, an insert that fails is undone alone,
    // and a new one sent with them is still taken.
    const later = '2024-07-01T02:00:00.400Z';
    const taken = stored[0] as WorkOrder;
    const second = await Promise.allSettled([
      requests.requests.receiveNewOrder(intakeRequest({ text: texts[0] }, later)),
      requests.requests.receiveNewOrder(intakeRequest({ text: '重复编号的工单' }, later, false, taken.id)),
      requests.requests.receiveNewOrder(intakeRequest({ text: '又一个路口积水' }, later)),
    ]);
    expect(second[0]).toMatchObject({ status: 'rejected', reason: { code: 'CONFLICT' } });
    expect(second[1].status).toBe('rejected');
    expect(second[2]).toMatchObject({ status: 'fulfilled', value: { text: '又一个路口积水' } });
    expect(await requests.requests.getOrder(taken.id)).toEqual(taken);
    expect(await requests.requests.listEvents(taken.id)).toHaveLength(1);
    expect((await requests.requests.listOrders({ limit: 100, offset: 0 })).total).toBe(texts.length + 1);
  });

  it('refuses the second of two equal submissions sent in the same moment', async () => {
    const requests = await createTestStore(dialect);
    const both = await Promise.allSettled([
      requests.requests.receiveNewOrder(intakeRequest({}, T0)),
      requests.requests.receiveNewOrder(intakeRequest({}, T0)),
    ]);
    // SQLite: one transaction for both, the second's probe sees the first's row. PostgreSQL:
    // two connections, the second waits on the dedupe key's advisory lock, then sees it.
    expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(both.find((r) => r.status === 'rejected')).toMatchObject({ reason: { code: 'CONFLICT' } });
    const { items } = await requests.requests.listOrders({ limit: 10, offset: 0 });
    for (const order of items) expect(await requests.requests.listEvents(order.id)).toHaveLength(1);
  });

  it('checks duplicates within one jurisdiction: the same words to two are two orders, twice to one is one', async () => {
    const requests = await createTestStore(dialect);
    const other = await requests.jurisdictions.insert({
      code: '110115',
      name: '第二区',
      level: '区县',
      parentId: null,
      open311Id: '110115',
      settings: {},
    });
    const later = '2024-07-01T02:00:00.300Z';
    // One after the other (the probe sees a committed row) and at the same moment (the lock or
    // the batch): the other jurisdiction's order is its own, the same jurisdiction's a duplicate.
    const first = await requests.requests.receiveNewOrder(intakeRequest({}, T0));
    const elsewhere = await requests.requests.receiveNewOrder(
      intakeRequest({}, later, false, undefined, other.id),
    );
    expect(elsewhere).toMatchObject({ jurisdictionId: other.id, text: first.text });
    expect(elsewhere.id).not.toBe(first.id);
    await expect(requests.requests.receiveNewOrder(intakeRequest({}, later))).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const text = '同一时刻报到两个区的诉求';
    const together = await Promise.allSettled([
      requests.requests.receiveNewOrder(intakeRequest({ text }, later)),
      requests.requests.receiveNewOrder(intakeRequest({ text }, later, false, undefined, other.id)),
      requests.requests.receiveNewOrder(intakeRequest({ text }, later, false, undefined, other.id)),
    ]);
    expect(together[0]).toMatchObject({ status: 'fulfilled', value: { jurisdictionId: 1 } });
    expect(
      together
        .slice(1)
        .map((r) => r.status)
        .sort(),
    ).toEqual(['fulfilled', 'rejected']);
    const { items } = await requests.requests.listOrders({ limit: 10, offset: 0 });
    expect(items.map((o) => o.jurisdictionId).sort()).toEqual([1, 1, other.id, other.id]);
  });

  it('keeps the intakes of a batch when the store is used in a transaction at the same time', async () => {
    const requests = await createTestStore(dialect);
    const [held, ...taken] = await Promise.all([
      requests.transaction(async (tx) => {
        const order = await receive(tx, { text: '事务中的工单' });
        await new Promise((resolve) => setTimeout(resolve, 20));
        return order;
      }),
      requests.requests.receiveNewOrder(intakeRequest({ text: '同时到达的工单一' }, T0)),
      requests.requests.receiveNewOrder(intakeRequest({ text: '同时到达的工单二' }, T0)),
    ]);
    const ids = [held.id, ...taken.map((o) => o.id)];
    expect(new Set(ids).size).toBe(3);
    for (const id of ids) expect((await requests.requests.listEvents(id)).map((e) => e.seq)).toEqual([1]);
  });

  it('lists the same overdue orders as the domain rule, from the deadline indexes', async () => {
    const requests = await createTestStore(dialect);
    const order = await receive(requests);
    const dispatch = deriveDispatchEvent(
      suggestDispatch({ category: '积水', area: '回龙观街道' }, CHANGPING_CATALOGUE, CHANGPING_UNITS, T0),
    );
    const dispatched = await act(requests, order, dispatch, '2024-07-01T02:05:00.000Z');
    await receive(requests, { text: '未派单的诉求' }, '2024-07-01T02:10:00.000Z');
    const later = '2024-08-30T00:00:00.000Z';
    const candidates = await requests.requests.listOverdueCandidates(1, later, 100);
    expect(listOverdue(candidates, later)).toEqual(listOverdue([dispatched], later));
    expect(listOverdue(candidates, later).length).toBeGreaterThan(0);
    expect(await requests.requests.listOverdueCandidates(1, '2024-07-01T02:06:00.000Z', 100)).toEqual([]);
  });

  it('aggregates a month of follow-ups in SQL to the same 三率 counts as the domain', async () => {
    const requests = await createTestStore(dialect);
    const dispatch = deriveDispatchEvent(
      suggestDispatch({ category: '积水', area: '回龙观街道' }, CHANGPING_CATALOGUE, CHANGPING_UNITS, T0),
    );
    const outcomes = [
      { contacted: true, resolved: true, satisfaction: '满意' as const, source: 'hotline' as const },
      { contacted: true, resolved: false, satisfaction: '不满意' as const, source: 'web' as const },
      { contacted: false, resolved: true, satisfaction: '基本满意' as const, source: 'grid' as const },
    ];
    const finals: WorkOrder[] = [];
    for (const [i, outcome] of outcomes.entries()) {
      const at = (h: number) => new Date(Date.parse(T0) + i * 60_000 + h * 3_600_000).toISOString();
      let order = await receive(requests, { text: `积水 ${i}`, source: outcome.source }, at(0));
      order = await act(requests, order, dispatch, at(0.1));
      order = await act(requests, order, { type: 'signed', unitId: dispatch.leadUnitId }, at(0.2), {
        userId: 9,
        role: 'unit',
        unitIds: [dispatch.leadUnitId],
      });
      order = await act(requests, order, { type: 'contacted', unitId: dispatch.leadUnitId }, at(0.5), {
        userId: 9,
        role: 'unit',
        unitIds: [dispatch.leadUnitId],
      });
      order = await act(
        requests,
        order,
        { type: 'replied', unitId: dispatch.leadUnitId, text: '已处理' },
        at(1),
        {
          userId: 9,
          role: 'unit',
          unitIds: [dispatch.leadUnitId],
        },
      );
      order = await act(requests, order, { type: 'closed' }, at(2));
      order = await act(
        requests,
        order,
        {
          type: 'followed_up',
          reached: true,
          contacted: outcome.contacted,
          resolved: outcome.resolved,
          satisfaction: outcome.satisfaction,
        },
        at(3),
      );
      finals.push(order);
    }
    const [counts] = await requests.requests.countMonthlyFollowUps(1, '2024-07', ['grid']);
    const [domain] = computeMonthlyScores(finals, '2024-07', DEFAULT_SCHEMES);
    expect(counts?.unitId).toBe(dispatch.leadUnitId);
    expect(counts?.volume).toBe(domain?.volume);
    expect(counts?.volume).toBe(2);
    expect(counts?.contactedYes).toBe(domain?.response.numerator);
    expect(counts?.resolvedAnswered).toBe(domain?.resolution.denominator);
    expect(counts?.excludedSources).toBe(1);
    expect(counts?.satisfied).toBe(1);
    expect(counts?.dissatisfied).toBe(1);
    expect(await requests.requests.countMonthlyFollowUps(1, '2024-08', ['grid'])).toEqual([]);
    // Several jurisdictions in one read (a city's districts): each its own counts, none for one without rows.
    const of = await requests.requests.countMonthlyFollowUpsOf([1, 99], '2024-07', ['grid']);
    expect([...of.keys()]).toEqual([1]);
    expect(of.get(1)).toEqual([counts]);
    expect((await requests.requests.countMonthlyFollowUpsOf([], '2024-07', ['grid'])).size).toBe(0);
  });

  it('keeps catalogue versions, schemes, exemptions, themes, links and the model', async () => {
    const requests = await createTestStore(dialect);
    const [v1] = CHANGPING_CATALOGUE.versions;
    if (!v1) throw new Error('no catalogue');
    await requests.requestSettings.addCatalogueVersion(1, v1);
    expect(await requests.requestSettings.listCatalogueVersions(1)).toEqual([v1]);
    await expect(requests.requestSettings.addCatalogueVersion(1, v1)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const [scheme] = DEFAULT_SCHEMES.schemes;
    if (!scheme) throw new Error('no scheme');
    await requests.requestSettings.addScoringScheme(1, scheme);
    expect(await requests.requestSettings.listScoringSchemes(1)).toEqual([scheme]);
    // Exemptions and task links belong to the jurisdiction of their unit and task.
    const unit = await requests.units.insert({
      jurisdictionId: 1,
      name: '区水务局',
      kind: 'department',
      area: null,
    });
    const taskId = (await requests.tasks.list((await seedExamplePlan(requests)).plan.id, { limit: 1 }))
      .items[0]!.id;
    const exemption = {
      unitId: unit.id,
      month: '2024-07',
      reason: '疫情封控',
      createdBy: null,
      createdAt: T0,
    };
    await requests.requestSettings.insertExemption(exemption);
    expect(await requests.requestSettings.listExemptions(1, '2024-07')).toEqual([exemption]);
    await expect(requests.requestSettings.insertExemption(exemption)).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    const theme = await requests.requestThemes.insertTheme(
      1,
      {
        month: '2024-07',
        title: '积水点治理',
        leadUnitId: 203,
        categories: ['积水'],
        problems: ['下凹桥积水'],
        tasks: [],
        planTaskIds: [],
      },
      null,
      T0,
    );
    expect(await requests.requestThemes.getTheme(theme.id)).toEqual(theme);
    await requests.requestThemes.saveTaskLink({
      sourceKey: `theme:${theme.id}`,
      taskId,
      score: 0.4,
      confirmedBy: 1,
      confirmedAt: T0,
    });
    expect((await requests.requestThemes.listTaskLinks({ taskId })).map((l) => l.sourceKey)).toEqual([
      `theme:${theme.id}`,
    ]);
    await requests.requestThemes.saveModel(1, 'category', { labels: {} } as never, T0);
    expect(await requests.requestThemes.findModel(1, 'category')).toEqual({ labels: {} });
  });
});
