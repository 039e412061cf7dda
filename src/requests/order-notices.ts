/**
 * What a unit is told about a 12345 order (issue 20): a new order dispatched to it (派单, and a
 * redispatch or transfer to a new unit), an order returned to it (退回: a failed answer check,
 * an order reopened), and an order whose finish deadline is near (临期). Each notice is about
 * one unit's item, so it goes to that unit's named handler first, then to the unit's inbox
 * (routeNotice). Never a citizen's name, phone or words: only the category, the place, the
 * order number and the deadline leave the system.
 */
import type { OrderEvent, WorkOrder } from './types.js';

export type OrderNoticeStep = 'dispatched' | 'returned' | 'due_soon';

/** One notice about one unit's part of an order. */
export interface OrderNotice {
  step: OrderNoticeStep;
  unitId: number;
  orderId: number;
  title: string;
  intro: string;
  /** The unit's deadline (ISO instant), or null. */
  due: string | null;
  severity: 'info' | 'warning' | 'urgent';
  /** What makes it one notice and not another (the step and the event or the deadline). */
  key: string;
}

const BEIJING_MS = 8 * 3_600_000;

/**
 * 工单号 as a hotline writes it: the Beijing day it came in and the six-digit sequence.
 * @example
 * orderNumber({ id: 123, receivedAt: '2022-03-14T17:30:00.000Z' }) // '20220315000123'
 */
export function orderNumber(order: Pick<WorkOrder, 'id' | 'receivedAt'>): string {
  const day = new Date(Date.parse(order.receivedAt) + BEIJING_MS).toISOString().slice(0, 10);
  return `${day.replace(/-/g, '')}${String(order.id).padStart(6, '0')}`;
}

/**
 * An instant as the office writes it, Beijing time.
 * @example
 * dueWords('2022-03-16T09:30:00.000Z') // '3月16日17:30'
 */
export function dueWords(instant: string): string {
  const b = new Date(Date.parse(instant) + BEIJING_MS).toISOString();
  return `${Number(b.slice(5, 7))}月${Number(b.slice(8, 10))}日${b.slice(11, 16)}`;
}

const what = (order: WorkOrder) => `${order.category}（${order.location.area}）`;

function notice(
  order: WorkOrder,
  step: OrderNoticeStep,
  unitId: number,
  due: string | null,
  key: string,
  words: { title: string; intro: string },
  severity: OrderNotice['severity'],
): OrderNotice {
  return { step, unitId, orderId: order.id, due, key, severity, ...words };
}

/** The units the order is newly with after a dispatch, redispatch or transfer. */
function newUnits(before: WorkOrder, after: WorkOrder): number[] {
  const had = new Set([before.leadUnitId, ...before.coUnits.map((c) => c.unitId)]);
  return [after.leadUnitId, ...after.coUnits.map((c) => c.unitId)].filter(
    (id): id is number => id !== null && !had.has(id),
  );
}

function finishDue(order: WorkOrder, unitId: number): string | null {
  if (unitId === order.leadUnitId) return order.deadlines?.finish.due ?? null;
  return order.coUnits.find((c) => c.unitId === unitId)?.finish.due ?? null;
}

/**
 * The notices an event on an order brings to the units holding it.
 * @example
 * orderNoticesFor(received, dispatched, { type: 'dispatched', seq: 2, … })[0]?.title // '【新派工单】积水（城北街道）'
 */
export function orderNoticesFor(before: WorkOrder, after: WorkOrder, event: OrderEvent): OrderNotice[] {
  const number = orderNumber(after);
  const key = `${event.type}@${event.seq}`;
  switch (event.type) {
    case 'dispatched':
    case 'redispatched':
    case 'transferred':
      return newUnits(before, after).map((unitId) => {
        const due = finishDue(after, unitId);
        const lead = unitId === after.leadUnitId;
        const sign = lead && after.deadlines ? `请于${dueWords(after.deadlines.sign.due)}前签收，` : '';
        return notice(
          after,
          'dispatched',
          unitId,
          due,
          key,
          {
            title: `【新派工单】${what(after)}`,
            intro: `工单${number}已派至本单位${lead ? '主办' : '协办'}，${sign}${
              due ? `${dueWords(due)}前办结答复。` : '请及时办理。'
            }`,
          },
          'info',
        );
      });
    case 'reply_checked':
    case 'reopened': {
      if (event.type === 'reply_checked' && event.passed) return [];
      if (after.leadUnitId === null) return [];
      const why =
        event.type === 'reply_checked' ? `答复未通过质检：${event.note}` : `工单已重办：${event.reason}`;
      const due = finishDue(after, after.leadUnitId);
      return [
        notice(
          after,
          'returned',
          after.leadUnitId,
          due,
          key,
          {
            title: `【工单退回】${what(after)}`,
            intro: `工单${number}退回本单位重新办理（${why}）${due ? `，请于${dueWords(due)}前重新答复。` : '。'}`,
          },
          'warning',
        ),
      ];
    }
    default:
      return [];
  }
}

const OPEN = new Set(['dispatched', 'signed', 'objecting']);

/**
 * The notices of orders whose finish deadline falls within `withinHours` of `now` and that a
 * unit has not answered yet: the lead unit before its reply, a co-unit before its report. Keyed
 * by the deadline, so a moved deadline (an extension) is told again.
 * @example
 * dueSoonNotices([order], '2022-03-16T06:00:00.000Z', 24).map((n) => n.step) // ['due_soon']
 */
export function dueSoonNotices(
  orders: readonly WorkOrder[],
  now: string,
  withinHours: number,
): OrderNotice[] {
  const t = Date.parse(now);
  const until = t + withinHours * 3_600_000;
  const soon = (due: string | null | undefined): due is string =>
    !!due && Date.parse(due) > t && Date.parse(due) <= until;
  const out: OrderNotice[] = [];
  for (const order of orders) {
    if (!OPEN.has(order.status) && order.status !== 'replied') continue;
    const number = orderNumber(order);
    const parts: { unitId: number; due: string }[] = [];
    const lead = order.deadlines?.finish.due;
    if (order.leadUnitId !== null && OPEN.has(order.status) && soon(lead))
      parts.push({ unitId: order.leadUnitId, due: lead });
    for (const co of order.coUnits)
      if (co.reportedAt === null && soon(co.finish.due))
        parts.push({ unitId: co.unitId, due: co.finish.due });
    for (const { unitId, due } of parts)
      out.push(
        notice(
          order,
          'due_soon',
          unitId,
          due,
          `due_soon@${due}`,
          {
            title: `【工单临期】${what(order)}`,
            intro: `工单${number}将于${dueWords(due)}到期，尚未${unitId === order.leadUnitId ? '答复' : '反馈'}，请抓紧办理，避免超期。`,
          },
          'warning',
        ),
      );
  }
  return out;
}
