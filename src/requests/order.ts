/**
 * The work order's state machine. `receiveOrder` takes a request in; `applyEvent` applies one
 * event and returns the new order with the event to append, or throws AppError with a clear
 * reason and leaves the order untouched (it is never mutated). `replayOrder` rebuilds an order
 * from its events, so the store can keep only the append-only history if it likes.
 *
 * Rules (北京市接诉即办工作条例): the unit that first receives an order leads; co-handling units
 * get their own deadlines and report back to the lead (§14); a designated unit (指定单位)
 * cannot return an order; follow-up is by the hotline, and an unresolved answer reopens it.
 */
import { AppError } from '../errors.js';
import { DEFAULT_CALENDAR, computeDeadline, isOverdue } from './calendar.js';
import type { WorkCalendar } from './calendar.js';
import { getCatalogueRow, getCatalogueVersion } from './catalogue.js';
import { assertNotDuplicate, deriveDedupeKey } from './dedupe.js';
import type { RecentSubmission } from './dedupe.js';
import type { Catalogue } from './catalogue.js';
import { MAX_MEDIA, MAX_MEDIA_BYTES, MAX_TEXT_LENGTH, MEDIA_TYPES } from './limits.js';
import * as desk from './order-desk.js';
import { transfer } from './order-transfer.js';
import { freshWork } from './fresh-work.js';
import { deriveTransferOrigin, transferOut } from './jurisdiction-transfer.js';
import { assertInJurisdiction } from './places.js';
import { applyRepeatEvent } from './repeat-calls.js';
import type { Jurisdiction } from './places.js';
import type {
  CoUnit,
  CoUnitAssignment,
  Deadline,
  MediaRef,
  OrderDeadlines,
  OrderEvent,
  OrderEventInput,
  OrderIntake,
  ReceivedIntake,
  RequestActor,
  WorkOrder,
} from './types.js';

export { MAX_MEDIA, MAX_MEDIA_BYTES, MAX_TEXT_LENGTH, MEDIA_TYPES } from './limits.js';
export { DUPLICATE_WINDOW_MS, assertNotDuplicate, deriveDedupeKey } from './dedupe.js';
export type { RecentSubmission } from './dedupe.js';

/** The calendar, and the desk's answer rules and sample (order-desk.ts). */
export interface ApplyOptions extends desk.DeskOptions {
  calendar?: WorkCalendar;
}

export interface Applied {
  order: WorkOrder;
  event: OrderEvent;
}

function refuse(code: 'CONFLICT' | 'FORBIDDEN' | 'BAD_INPUT', message: string, path = 'event'): never {
  throw new AppError(code, message, [{ path, message }]);
}

function checkMediaRefs(media: MediaRef[]): void {
  if (media.length > MAX_MEDIA) refuse('BAD_INPUT', `附件最多 ${MAX_MEDIA} 个`, 'media');
  media.forEach((m, i) => {
    if (m.bytes > MAX_MEDIA_BYTES)
      throw new AppError('TOO_LARGE', `附件过大`, [{ path: `media.${i}`, message: 'too large' }]);
    if (!(MEDIA_TYPES as readonly string[]).includes(m.contentType)) {
      refuse('BAD_INPUT', `不接受的附件类型 ${m.contentType}`, `media.${i}`);
    }
  });
}

export interface ReceiveContext {
  id: number;
  now: string;
  actor: RequestActor;
  catalogue: Catalogue;
  jurisdiction: Jurisdiction;
  /** The id of the jurisdiction whose centre takes the order (issue 16), kept on the order. */
  jurisdictionId?: number;
  /** Submissions the store saw in the last second or so, for the duplicate check. */
  recent?: readonly RecentSubmission[];
}

/**
 * Takes a request in: validates it (text, a category of the catalogue in force, a place of the
 * jurisdiction, media refs, not a duplicate) and returns the new order with its `received` event.
 * Throws BAD_INPUT, TOO_LARGE or CONFLICT (duplicate) with the field at fault.
 * @example
 * receiveOrder({ source: 'hotline', text: '小区门口积水很深', category: '积水',
 *   location: { address: '回龙观西大街', area: '回龙观街道' } }, { id: 1, now, actor, catalogue, jurisdiction })
 */
export function receiveOrder(intake: OrderIntake, ctx: ReceiveContext): Applied {
  if (Number.isNaN(Date.parse(ctx.now))) refuse('BAD_INPUT', `Not an ISO instant: "${ctx.now}"`, 'now');
  const text = intake.text.trim();
  if (!text) refuse('BAD_INPUT', '诉求内容不能为空', 'text');
  if (text.length > MAX_TEXT_LENGTH) refuse('BAD_INPUT', `诉求内容超过 ${MAX_TEXT_LENGTH} 字`, 'text');
  getCatalogueRow(getCatalogueVersion(ctx.catalogue, ctx.now), intake.category);
  if (!intake.location.address.trim()) refuse('BAD_INPUT', '请填写地址', 'location.address');
  assertInJurisdiction(ctx.jurisdiction, intake.location);
  const media = intake.media ?? [];
  checkMediaRefs(media);
  const dedupeKey = deriveDedupeKey(intake);
  assertNotDuplicate(dedupeKey, ctx.recent ?? [], ctx.now);
  const now = new Date(ctx.now).toISOString();
  const order = newOrder({ ...intake, text, media }, ctx.id, now);
  if (ctx.jurisdictionId !== undefined) order.jurisdictionId = ctx.jurisdictionId;
  const event: OrderEvent = {
    orderId: ctx.id,
    seq: 1,
    at: now,
    actor: ctx.actor,
    type: 'received',
    ...structuredClone(intake),
    text,
  };
  return { order, event };
}

function newOrder(intake: ReceivedIntake, id: number, now: string): WorkOrder {
  const media = intake.media ?? [];
  // Taken over from the jurisdiction above (市级派单): the original receipt is this order's.
  const from = intake.transferredFrom;
  return {
    ...(from ? { transferredFrom: deriveTransferOrigin(from) } : {}),
    id,
    source: intake.source,
    text: intake.text,
    category: intake.category,
    location: { ...intake.location },
    media: media.map((m) => ({ ...m })),
    contact: intake.contact ? { ...intake.contact } : null,
    privacy: {
      anonymousToPublic: intake.privacy?.anonymousToPublic ?? true,
      anonymousToUnit: intake.privacy?.anonymousToUnit ?? false,
    },
    receivedAt: from?.receivedAt ?? now,
    dedupeKey: deriveDedupeKey(intake),
    ...freshWork(),
  };
}

function deadline(
  calendar: WorkCalendar,
  from: string,
  rule: Deadline['rule'],
  pauses: WorkOrder['pauses'] = [],
): Deadline {
  return { due: computeDeadline(calendar, from, rule, pauses), rule, from };
}

function makeDeadlines(
  calendar: WorkCalendar,
  rules: NonNullable<WorkOrder['rules']>,
  from: string,
): OrderDeadlines {
  return {
    sign: deadline(calendar, from, rules.sign),
    contact: deadline(calendar, from, rules.contact),
    finish: deadline(calendar, from, rules.finish),
  };
}

function makeCoUnits(
  calendar: WorkCalendar,
  rules: NonNullable<WorkOrder['rules']>,
  lead: number,
  assignments: CoUnitAssignment[],
  from: string,
): CoUnit[] {
  const ids = [...new Set(assignments.map((a) => a.unitId))];
  if (ids.includes(lead)) refuse('BAD_INPUT', '牵头单位不能同时是配合单位', 'coUnits');
  return ids.map((unitId) => ({
    unitId,
    finish: deadline(calendar, from, rules.coFinish),
    signedAt: null,
    reportedAt: null,
  }));
}

const CENTER_ONLY = new Set([
  'dispatched',
  'objection_decided',
  'redispatched',
  'extension_decided',
  'reminded',
  'closed',
  'followed_up',
  'reopened',
  'exempted',
  'answered_directly',
  'reply_checked',
  'merged_into',
  'merge_undone',
  'repeat_added',
  'repeat_removed',
  'transferred_out',
]);

function assertActsFor(actor: RequestActor, unitId: number): void {
  if (actor.role !== 'unit' || !actor.unitIds.includes(unitId)) {
    refuse('FORBIDDEN', `操作人不代表单位 ${unitId}`, 'unitId');
  }
}

/** Resets the handling state for a fresh round with the same or another lead unit. */
function freshRound(
  order: WorkOrder,
  calendar: WorkCalendar,
  lead: number,
  coUnits: CoUnitAssignment[],
  from: string,
  rules: NonNullable<WorkOrder['rules']>,
): WorkOrder {
  return {
    ...order,
    status: 'dispatched',
    leadUnitId: lead,
    rules,
    deadlines: makeDeadlines(calendar, rules, from),
    coUnits: makeCoUnits(calendar, rules, lead, coUnits, from),
    pauses: [],
    signedAt: null,
    contactedAt: null,
    repliedAt: null,
    closedAt: null,
    pendingExtension: null,
    pendingObjection: null,
  };
}

const OPEN_STATUSES = new Set(['dispatched', 'signed', 'objecting', 'replied']);

/**
 * Applies one event. Returns the new order (version + 1) and the event to append; throws
 * AppError and leaves `order` as it was when the event is not allowed:
 * FORBIDDEN for the wrong actor (a unit acting on an order it does not hold, a designated unit
 * returning an order), CONFLICT for an event out of order (closing before signing, an
 * extension after the deadline), BAD_INPUT for a malformed event.
 * @example
 * const { order: signed } = applyEvent(order, { type: 'signed', unitId: 203 }, unitActor, '2025-07-01T02:10:00Z');
 * signed.status // 'signed'
 */
export function applyEvent(
  order: WorkOrder,
  input: OrderEventInput,
  actor: RequestActor,
  now: string,
  options: ApplyOptions = {},
): Applied {
  const calendar = options.calendar ?? DEFAULT_CALENDAR;
  if (Number.isNaN(Date.parse(now))) refuse('BAD_INPUT', `Not an ISO instant: "${now}"`, 'now');
  const at = new Date(now).toISOString();
  if (CENTER_ONLY.has(input.type) && actor.role !== 'center' && actor.role !== 'system') {
    refuse('FORBIDDEN', `只有12345中心可以执行「${input.type}」`);
  }
  if (input.type === 'supervised' && actor.role === 'unit') refuse('FORBIDDEN', '单位不能督办');
  if (input.type === 'transferred' && actor.role !== 'system') {
    refuse('FORBIDDEN', '职责划转只能由系统在单位合并时执行');
  }
  const recorded = desk.drawSample(order, input, options);
  const next = applyChecked(order, recorded, actor, at, calendar);
  // The rules read a reply the state machine accepts: a unit that may not reply hears that first.
  desk.assertReplyRules(order, recorded, options);
  next.version = order.version + 1;
  const event = {
    ...recorded,
    orderId: order.id,
    seq: order.version + 1,
    at,
    actor,
  } as OrderEvent;
  return { order: next, event };
}

function holdsAsLead(order: WorkOrder, unitId: number): boolean {
  return order.leadUnitId === unitId && order.status !== 'received';
}

function applyChecked(
  order: WorkOrder,
  input: OrderEventInput,
  actor: RequestActor,
  at: string,
  calendar: WorkCalendar,
): WorkOrder {
  switch (input.type) {
    case 'dispatched': {
      if (order.status !== 'received' || order.deadlines !== null) {
        refuse('CONFLICT', '工单已派发，改派请用 redispatched');
      }
      // Taken over from above (市级派单), its clocks count from the original receipt.
      const from = order.transferredFrom ? order.receivedAt : at;
      const next = freshRound(order, calendar, input.leadUnitId, input.coUnits, from, input.rules);
      return {
        ...next,
        designated: input.designated,
        catalogueVersion: input.catalogueVersion,
        category: input.category ?? order.category,
      };
    }
    case 'redispatched': {
      if (!(
        order.status === 'received' ||
        order.status === 'dispatched' ||
        order.status === 'signed' ||
        order.status === 'objecting'
      )) {
        refuse('CONFLICT', `工单状态为 ${order.status}，不能改派`);
      }
      const rules = input.rules ?? order.rules;
      if (!rules) refuse('BAD_INPUT', '改派需要派单规则', 'rules');
      const next = freshRound(order, calendar, input.leadUnitId, input.coUnits, at, rules);
      return {
        ...next,
        designated: input.designated,
        catalogueVersion: input.catalogueVersion ?? order.catalogueVersion,
        category: input.category ?? order.category,
      };
    }
    case 'signed': {
      assertActsFor(actor, input.unitId);
      const co = order.coUnits.find((c) => c.unitId === input.unitId);
      if (holdsAsLead(order, input.unitId)) {
        if (order.status !== 'dispatched')
          refuse('CONFLICT', order.signedAt ? '工单已签收' : `工单状态为 ${order.status}，不能签收`);
        return { ...order, status: 'signed', signedAt: at };
      }
      if (co && OPEN_STATUSES.has(order.status)) {
        if (co.signedAt) refuse('CONFLICT', '配合单位已签收');
        return { ...order, coUnits: order.coUnits.map((c) => (c === co ? { ...c, signedAt: at } : c)) };
      }
      return refuse('FORBIDDEN', `单位 ${input.unitId} 未持有该工单`, 'unitId');
    }
    case 'contacted': {
      assertActsFor(actor, input.unitId);
      if (!holdsAsLead(order, input.unitId))
        refuse('FORBIDDEN', `单位 ${input.unitId} 未持有该工单`, 'unitId');
      if (order.status !== 'signed') refuse('CONFLICT', '签收前不能登记联系市民');
      return { ...order, contactedAt: order.contactedAt ?? at };
    }
    case 'objection_raised': {
      assertActsFor(actor, input.unitId);
      if (!holdsAsLead(order, input.unitId))
        refuse('FORBIDDEN', `单位 ${input.unitId} 未持有该工单`, 'unitId');
      if (order.designated) refuse('FORBIDDEN', '指定单位不能退单');
      if (order.status !== 'dispatched' && order.status !== 'signed')
        refuse('CONFLICT', `工单状态为 ${order.status}，不能退单`);
      return {
        ...order,
        status: 'objecting',
        pendingObjection: { raisedAt: at, reason: input.reason, note: input.note },
      };
    }
    case 'objection_decided': {
      if (order.status !== 'objecting' || !order.pendingObjection) refuse('CONFLICT', '没有待审核的退单申请');
      if (input.accepted) {
        return {
          ...order,
          status: 'received',
          leadUnitId: null,
          coUnits: [],
          pendingObjection: null,
          signedAt: null,
          contactedAt: null,
        };
      }
      return { ...order, status: order.signedAt ? 'signed' : 'dispatched', pendingObjection: null };
    }
    case 'extension_requested': {
      assertActsFor(actor, input.unitId);
      if (!holdsAsLead(order, input.unitId))
        refuse('FORBIDDEN', `单位 ${input.unitId} 未持有该工单`, 'unitId');
      if (order.status !== 'signed') refuse('CONFLICT', '签收后才能申请延期');
      if (order.pendingExtension) refuse('CONFLICT', '已有待审批的延期申请');
      const finish = order.deadlines?.finish.due;
      if (!finish) return refuse('CONFLICT', '工单没有办结时限');
      if (isOverdue(finish, at)) refuse('CONFLICT', `办结时限 ${finish} 已过，不能再申请延期`);
      if (Number.isNaN(Date.parse(input.until)) || Date.parse(input.until) <= Date.parse(finish)) {
        refuse('BAD_INPUT', '延期后的时限必须晚于现时限', 'until');
      }
      if (!input.reason.trim()) refuse('BAD_INPUT', '请说明延期理由', 'reason');
      return {
        ...order,
        pendingExtension: {
          requestedAt: at,
          until: new Date(input.until).toISOString(),
          reason: input.reason,
        },
      };
    }
    case 'extension_decided': {
      const pending = order.pendingExtension;
      if (!pending || !order.deadlines || !order.rules) return refuse('CONFLICT', '没有待审批的延期申请');
      if (!input.approved) return { ...order, pendingExtension: null };
      if (input.mode === 'pause') {
        if (!input.pause) refuse('BAD_INPUT', '暂停计时需要起止时间', 'pause');
        if (!(Date.parse(input.pause.to) > Date.parse(input.pause.from)))
          refuse('BAD_INPUT', '暂停结束须晚于开始', 'pause');
        const pauses = [...order.pauses, input.pause];
        const finish = order.deadlines.finish;
        // The pause adds what it adds to the rule's deadline, also on top of a deadline moved earlier.
        const before = Date.parse(computeDeadline(calendar, finish.from, finish.rule, order.pauses));
        const after = Date.parse(computeDeadline(calendar, finish.from, finish.rule, pauses));
        const due = new Date(Date.parse(finish.due) + (after - before)).toISOString();
        return {
          ...order,
          pauses,
          pendingExtension: null,
          deadlines: { ...order.deadlines, finish: { ...finish, due } },
        };
      }
      const until = new Date(input.until ?? pending.until).toISOString();
      return {
        ...order,
        pendingExtension: null,
        deadlines: { ...order.deadlines, finish: { ...order.deadlines.finish, due: until } },
      };
    }
    case 'reminded':
    case 'supervised': {
      if (!OPEN_STATUSES.has(order.status)) refuse('CONFLICT', `工单状态为 ${order.status}，不能催办或督办`);
      return input.type === 'reminded'
        ? { ...order, reminders: order.reminders + 1 }
        : { ...order, supervisions: order.supervisions + 1 };
    }
    case 'replied': {
      assertActsFor(actor, input.unitId);
      if (!input.text.trim()) refuse('BAD_INPUT', '答复内容不能为空', 'text');
      const co = order.coUnits.find((c) => c.unitId === input.unitId);
      if (co && OPEN_STATUSES.has(order.status)) {
        if (!co.signedAt) refuse('CONFLICT', '配合单位签收后才能向牵头单位反馈');
        if (co.reportedAt) refuse('CONFLICT', '配合单位已反馈');
        return { ...order, coUnits: order.coUnits.map((c) => (c === co ? { ...c, reportedAt: at } : c)) };
      }
      if (!holdsAsLead(order, input.unitId))
        refuse('FORBIDDEN', `单位 ${input.unitId} 未持有该工单`, 'unitId');
      if (order.status === 'dispatched') refuse('CONFLICT', '签收前不能答复');
      if (order.status !== 'signed') refuse('CONFLICT', `工单状态为 ${order.status}，不能答复`);
      if (order.contact && !order.privacy.anonymousToUnit && !order.contactedAt)
        refuse('CONFLICT', '答复前须先联系市民');
      const owing = order.coUnits.filter((c) => !c.reportedAt).map((c) => c.unitId);
      if (owing.length > 0) refuse('CONFLICT', `配合单位 ${owing.join('、')} 尚未向牵头单位反馈`);
      const checks = desk.replyChecks(order, input, at);
      return {
        ...order,
        ...checks,
        status: 'replied',
        repliedAt: at,
        publicNote: input.publicNote ?? order.publicNote,
      };
    }
    case 'answered_directly':
      return desk.answerDirectly(order, input, at);
    case 'reply_checked': {
      const decided = desk.decideCheck(order, input, at);
      return decided.reopen ? reopen(decided.order, calendar, at) : decided.order;
    }
    case 'closed': {
      if (order.pendingCheck) refuse('CONFLICT', '答复在质检中，质检通过后才能结案');
      if (order.status === 'received' || order.status === 'dispatched')
        refuse('CONFLICT', '单位签收前不能结案');
      if (order.status !== 'replied') refuse('CONFLICT', `工单状态为 ${order.status}，单位答复后才能结案`);
      return { ...order, status: 'closed', closedAt: at };
    }
    case 'followed_up': {
      // The hotline calls back once the unit has answered (回访), then closes (结案); a call
      // after 结案 (a citizen not reached the first time) is recorded as well.
      if (order.status !== 'replied' && order.status !== 'closed') refuse('CONFLICT', '单位答复后才能回访');
      const followUp = {
        at,
        reached: input.reached,
        contacted: input.reached ? input.contacted : null,
        resolved: input.reached ? input.resolved : null,
        satisfaction: input.reached ? input.satisfaction : null,
      };
      const next = {
        ...order,
        followUps: [...order.followUps, followUp],
        ...desk.followUpChecks(order, followUp, at),
      };
      if (followUp.reached && followUp.resolved === false) return reopen(next, calendar, at);
      return next;
    }
    case 'exempted': {
      if (!input.reason.trim()) refuse('BAD_INPUT', '请说明免责理由', 'reason');
      if (order.exemption) refuse('CONFLICT', '工单已免责');
      return { ...order, exemption: { reason: input.reason.trim(), at } };
    }
    case 'transferred':
      return transfer(order, input);
    case 'transferred_out':
      return transferOut(order, input, at);
    case 'merged_into':
    case 'merge_undone':
    case 'repeat_added':
    case 'repeat_removed':
      return applyRepeatEvent(order, input, at);
    case 'reopened': {
      if (order.status !== 'closed' && order.status !== 'replied')
        refuse('CONFLICT', '只有已答复或已结案的工单可以重办');
      return reopen(order, calendar, at);
    }
  }
}

function reopen(order: WorkOrder, calendar: WorkCalendar, at: string): WorkOrder {
  // A call answered from the knowledge base goes back to the dispatchers when it did not help.
  const direct = desk.reopenDirectAnswer(order);
  if (direct) return direct;
  if (order.leadUnitId === null || !order.rules) return refuse('CONFLICT', '工单从未派发，不能重办');
  const next = freshRound(
    order,
    calendar,
    order.leadUnitId,
    order.coUnits.map((c) => ({ unitId: c.unitId })),
    at,
    order.rules,
  );
  return { ...next, reopenCount: order.reopenCount + 1 };
}

/**
 * Rebuilds an order from its history (a `received` event first). Throws BAD_INPUT when the
 * history does not start with `received` or an event's seq is out of place.
 * @example
 * replayOrder(events).status // 'closed'
 */
export function replayOrder(events: readonly OrderEvent[], options: ApplyOptions = {}): WorkOrder {
  const [first, ...rest] = events;
  if (!first || first.type !== 'received')
    refuse('BAD_INPUT', 'A history starts with a received event', 'events.0');
  const { orderId, seq: _seq, at, actor: _actor, type: _type, ...intake } = first;
  // The intake was validated when it was received; replay trusts the history.
  let order = newOrder(intake, orderId, at);
  for (const event of rest) {
    if (event.seq !== order.version + 1)
      refuse('BAD_INPUT', `Event seq ${event.seq} out of place`, `events.${event.seq}`);
    if (event.type === 'received') refuse('BAD_INPUT', 'A second received event', `events.${event.seq}`);
    const { orderId: _o, seq: _s, at: eventAt, actor: eventActor, ...input } = event;
    order = applyEvent(order, input as OrderEventInput, eventActor, eventAt, options).order;
  }
  return order;
}
