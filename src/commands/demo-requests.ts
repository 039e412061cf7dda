/**
 * A believable year of 接诉即办 for the demo (issue 14.9): the synthetic generator's calls over the
 * plan's year, each taken in, dispatched by the catalogue, signed, answered (a reply the answer
 * rules take, passed by the checker when sampled), closed and called back (回访) through the same
 * commands the desk uses, each step at the time it happened. The last ten days' calls are still open
 * at the year's end — some past their deadline — and a second call about an open matter is merged
 * as a 重复件. Deterministic: the same year gives the same orders.
 */
import type { Role } from '../plan/types.js';
import { generateOrders, getCatalogueVersion } from '../requests/index.js';
import type { RequestActor, SyntheticOrder, WorkOrder } from '../requests/index.js';
import type { Store } from '../store/types.js';
import { mergeRepeat } from './repeat-calls.js';
import { actOnOrder, dispatchOrder, intakeOrder } from './requests.js';
import { createRequestsCache } from './requests-setup.js';
import type { RequestsSetup } from './requests-setup.js';

export interface DemoRequestsResult {
  orders: number;
  closed: number;
  followedUp: number;
  /** Still open at the year's end. */
  open: number;
  repeats: number;
}

const MINUTE = 60_000;
const later = (instant: string, minutes: number) =>
  new Date(Date.parse(instant) + minutes * MINUTE).toISOString();

/** A reply as a unit writes one the answer rules take: when, where, what was done, the citizen told. */
function replyOf(o: SyntheticOrder, repliedAt: string): string {
  const day = new Date(Date.parse(repliedAt) + 8 * 60 * MINUTE);
  const when = `${day.getUTCMonth() + 1}月${day.getUTCDate()}日`;
  return `${when}已派工作人员到${o.area}${o.community}${o.address}现场核实${o.category}问题，已协调相关单位处置完毕，并电话告知市民办理结果。`;
}

/** The second answer to a matter sent back: what was done anew, not the first answer again. */
function againOf(o: SyntheticOrder, repliedAt: string): string {
  const day = new Date(Date.parse(repliedAt) + 8 * 60 * MINUTE);
  const when = `${day.getUTCMonth() + 1}月${day.getUTCDate()}日`;
  return `回访反映未解决后，我单位于${when}再次组织人员赴${o.community}，对${o.category}问题开展专项整改并安排专人跟踪复查，整改结果已当面告知市民，市民表示认可。`;
}

/**
 * Plays `count` calls of the jurisdiction over `year`. `centre` is the 12345 centre's user (its
 * role as the audit records it); the units act as themselves.
 */
export async function seedDemoRequests(
  store: Store,
  jurisdictionId: number,
  year: number,
  centre: { userId: number; role: Role },
  options: { count?: number; seed?: number } = {},
): Promise<DemoRequestsResult> {
  const setup = await createRequestsCache(store).setup(jurisdictionId);
  const from = `${year - 1}-12-31T16:00:00.000Z`; // 1 January, Beijing
  const to = `${year}-12-31T16:00:00.000Z`;
  const rows = getCatalogueVersion(setup.catalogue, from).rows;
  const desk: RequestActor = { userId: centre.userId, role: 'center', unitIds: [] };
  const by = { actor: desk, user: { id: centre.userId, role: centre.role } };
  const result: DemoRequestsResult = { orders: 0, closed: 0, followedUp: 0, open: 0, repeats: 0 };
  // The last ten days' calls are still being worked on at the year's end (a unit answers within
  // days, the hotline calls back after): December's 回访 count a month's calls, as every month's do.
  const openFrom = Date.parse(to) - 10 * 24 * 60 * MINUTE;
  const calls = [
    ...generateOrders({
      seed: options.seed ?? year,
      count: options.count ?? 160,
      from,
      to,
      jurisdiction: setup.jurisdiction,
      units: setup.units,
      rows,
    }),
  ];
  for (const [index, call] of calls.entries()) {
    const received = await intakeOrder(
      store,
      setup,
      {
        source: call.source,
        text: call.text,
        category: call.category,
        location: {
          address: call.address,
          area: call.area,
          community: call.community,
          ...(call.lat !== undefined && call.long !== undefined ? { lat: call.lat, long: call.long } : {}),
        },
        contact:
          call.source === 'grid' ? null : { name: '市民', phone: `1380000${String(index).padStart(4, '0')}` },
      },
      desk,
      call.receivedAt,
      { autoDispatch: false },
    );
    result.orders += 1;
    let order: WorkOrder;
    try {
      order = await dispatchOrder(store, setup, received.id, undefined, desk, later(call.receivedAt, 10));
    } catch {
      // No unit covers the place yet: the call waits in the dispatcher's queue.
      result.open += 1;
      continue;
    }
    // Every fortieth open matter gets a second call the next morning, merged as a 重复件.
    if (index % 40 === 7) {
      const again = await intakeOrder(
        store,
        setup,
        {
          source: 'hotline',
          text: `又来电反映：${call.text}`,
          category: order.category,
          location: { ...order.location },
          contact: { name: '市民', phone: `1390000${String(index).padStart(4, '0')}` },
        },
        desk,
        later(call.receivedAt, 60),
        { autoDispatch: false },
      );
      result.orders += 1;
      order = (await mergeRepeat(store, setup, again.id, order.id, by, later(call.receivedAt, 65))).into;
      result.repeats += 1;
    }
    const unit: RequestActor = { userId: centre.userId, role: 'unit', unitIds: [order.leadUnitId!] };
    const lateStart = Date.parse(call.receivedAt) >= openFrom;
    // Of the last days' calls: some not yet signed, a third signed and not answered, the rest answered.
    // A unit signs within days: only the year's last week holds orders not yet signed.
    const lastWeek = Date.parse(call.receivedAt) >= Date.parse(to) - 7 * 24 * 60 * MINUTE;
    const stopAt = lateStart ? Math.max(index % 3, lastWeek ? 0 : 1) : 3;
    if (stopAt === 0) {
      result.open += 1;
      continue;
    }
    order = await actOnOrder(
      store,
      setup,
      order.id,
      { type: 'signed', unitId: order.leadUnitId! },
      unit,
      call.signedAt,
    );
    // A unit calls the citizen before it answers (联系市民), as the rules require.
    if (order.contact)
      order = await actOnOrder(
        store,
        setup,
        order.id,
        { type: 'contacted', unitId: order.leadUnitId! },
        unit,
        call.contactedAt ?? later(call.signedAt, 30),
      );
    if (stopAt === 1) {
      result.open += 1;
      continue;
    }
    order = await actOnOrder(
      store,
      setup,
      order.id,
      {
        type: 'replied',
        unitId: order.leadUnitId!,
        text: replyOf(call, call.repliedAt),
        publicNote: '已处置完毕',
      },
      unit,
      call.repliedAt,
    );
    if (order.pendingCheck) {
      order = await actOnOrder(
        store,
        setup,
        order.id,
        { type: 'reply_checked', passed: true, note: '答复内容具体，符合要求' },
        desk,
        later(call.repliedAt, 30),
      );
    }
    if (lateStart) {
      result.open += 1;
      continue;
    }
    const closeAt =
      Date.parse(call.closedAt) > Date.parse(call.repliedAt) ? call.closedAt : later(call.repliedAt, 60);
    if (call.followUp && order.contact) {
      const followAt =
        Date.parse(call.followUp.at) > Date.parse(closeAt) ? call.followUp.at : later(closeAt, 60);
      // The hotline calls back (回访), then closes; an unresolved matter goes back to the unit.
      order = await actOnOrder(
        store,
        setup,
        order.id,
        {
          type: 'followed_up',
          reached: call.followUp.reached,
          contacted: call.followUp.contacted,
          resolved: call.followUp.resolved,
          satisfaction: call.followUp.satisfaction,
        },
        desk,
        closeAt,
      );
      result.followedUp += 1;
      if (order.pendingCheck) {
        // An unsatisfied citizen sends the reply to the checker, who finds it true.
        order = await actOnOrder(
          store,
          setup,
          order.id,
          { type: 'reply_checked', passed: true, note: '经核实，单位已按答复内容办理' },
          desk,
          later(closeAt, 30),
        );
      }
      let closingAt = followAt;
      if (order.status !== 'replied') {
        // Unresolved: the order went back to the unit, which signs it again, reworks it and
        // answers anew within days; the desk then closes it. Only a matter sent back in the
        // year's last days is still open at its end — none waits unsigned for months.
        const redoneAt = later(closeAt, 2 * 24 * 60);
        if (Date.parse(redoneAt) >= Date.parse(to)) {
          result.open += 1;
          continue;
        }
        order = await reworkReturned(store, setup, order, call, unit, desk, closeAt);
        closingAt = later(redoneAt, 90);
      }
      await actOnOrder(store, setup, order.id, { type: 'closed' }, desk, closingAt);
    } else {
      await actOnOrder(store, setup, order.id, { type: 'closed' }, desk, closeAt);
    }
    result.closed += 1;
  }
  return result;
}

/** A returned order worked again: signed, the citizen called, a new answer (checked when sampled). */
async function reworkReturned(
  store: Store,
  setup: RequestsSetup,
  returned: WorkOrder,
  call: SyntheticOrder,
  unit: RequestActor,
  desk: RequestActor,
  returnedAt: string,
): Promise<WorkOrder> {
  const unitId = returned.leadUnitId!;
  let order = await actOnOrder(
    store,
    setup,
    returned.id,
    { type: 'signed', unitId },
    unit,
    later(returnedAt, 60),
  );
  if (order.contact)
    order = await actOnOrder(
      store,
      setup,
      order.id,
      { type: 'contacted', unitId },
      unit,
      later(returnedAt, 120),
    );
  const repliedAt = later(returnedAt, 2 * 24 * 60);
  order = await actOnOrder(
    store,
    setup,
    order.id,
    {
      type: 'replied',
      unitId,
      text: againOf(call, repliedAt),
      publicNote: '已再次处置完毕',
    },
    unit,
    repliedAt,
  );
  if (order.pendingCheck)
    order = await actOnOrder(
      store,
      setup,
      order.id,
      { type: 'reply_checked', passed: true, note: '再次答复内容具体，符合要求' },
      desk,
      later(repliedAt, 30),
    );
  return order;
}
