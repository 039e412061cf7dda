/**
 * The 12345 desk's checks of units' replies (答复质检, issue 20): the answer rules and the
 * checker's sample in force (versioned settings), a lead unit's reply read by the rules — the
 * reply refused with each reason, or taken and maybe drawn for the checker, recorded either
 * way —, the checker's queue and decision (a failure returns the order with the note), and the
 * check rates per unit and month.
 */
import { AppError, isAppError } from '../errors.js';
import type { User } from '../plan/types.js';
import {
  DEFAULT_REPLY_RULES,
  DEFAULT_SAMPLING,
  REPLY_RULE_CODES,
  applyEvent,
  beijingDate,
  beijingMonthBounds,
  deriveCheckRates,
  deriveCheckRecord,
  listCheckerQueue,
  listReplyRuleProblems,
  listSamplingProblems,
} from '../requests/index.js';
import type {
  CheckerQueueItem,
  DeskSettings,
  OrderEvent,
  OrderEventInput,
  ReplyCheckRecord,
  ReplyRuleSet,
  RequestActor,
  SamplingRule,
  UnitCheckRates,
  WorkOrder,
} from '../requests/index.js';
import type { Store } from '../store/types.js';
import { tellOrderChange } from './handler-notices.js';
import type { DeskNoticeContext } from './handler-notices.js';
import type { RequestsSetup } from './requests-setup.js';

/**
 * A jurisdiction's settings in force on `date` (YYYY-MM-DD): the last version from that day on,
 * or the defaults.
 */
export async function deskSettingsOn(
  store: Store,
  jurisdictionId: number,
  date: string,
): Promise<{ rules: ReplyRuleSet; sampling: SamplingRule }> {
  const versions = await store.desk.listSettings(jurisdictionId);
  const found = versions.findLast((v) => v.effectiveFrom <= date);
  return found
    ? { rules: found.rules, sampling: found.sampling }
    : { rules: DEFAULT_REPLY_RULES, sampling: DEFAULT_SAMPLING };
}

/** Every version of a jurisdiction's settings, oldest first, the defaults first when none was added. */
export async function listDeskSettings(store: Store, jurisdictionId: number): Promise<DeskSettings[]> {
  const versions = await store.desk.listSettings(jurisdictionId);
  if (versions.length > 0) return versions;
  return [
    {
      version: 0,
      effectiveFrom: DEFAULT_REPLY_RULES.effectiveFrom,
      rules: DEFAULT_REPLY_RULES,
      sampling: DEFAULT_SAMPLING,
      createdBy: null,
      createdAt: '2024-01-01T00:00:00.000Z',
    },
  ];
}

/**
 * A new version of the rules and the sample from a coming day (today's replies keep today's
 * rules). BAD_INPUT with every problem; CONFLICT when someone added a version meanwhile.
 */
export async function addDeskSettings(
  store: Store,
  jurisdictionId: number,
  draft: {
    effectiveFrom: string;
    rules: Omit<ReplyRuleSet, 'version' | 'effectiveFrom'>;
    sampling: SamplingRule;
  },
  user: User,
  now: string,
): Promise<DeskSettings> {
  const today = beijingDate(now);
  const rules = { ...draft.rules, effectiveFrom: draft.effectiveFrom };
  const problems = [
    ...listReplyRuleProblems(rules).map((p) => ({
      ...p,
      path: p.path === 'effectiveFrom' ? p.path : `rules.${p.path}`,
    })),
    ...listSamplingProblems(draft.sampling).map((p) => ({ ...p, path: `sampling.${p.path}` })),
  ];
  if (/^\d{4}-\d{2}-\d{2}$/.test(draft.effectiveFrom) && draft.effectiveFrom <= today)
    problems.push({ path: 'effectiveFrom', message: '生效日期须晚于今天：今天的答复按今天的规则' });
  return store.transaction(async (tx) => {
    const versions = await tx.desk.listSettings(jurisdictionId);
    const last = versions.at(-1);
    if (last && draft.effectiveFrom <= last.effectiveFrom)
      problems.push({
        path: 'effectiveFrom',
        message: `须晚于第${last.version}版的生效日期 ${last.effectiveFrom}`,
      });
    if (problems.length > 0) throw new AppError('BAD_INPUT', '质检规则填写有误', problems);
    const version = (last?.version ?? 0) + 1;
    const settings: DeskSettings = {
      version,
      effectiveFrom: draft.effectiveFrom,
      rules: { ...rules, version },
      sampling: draft.sampling,
      createdBy: user.id,
      createdAt: now,
    };
    await tx.desk.addSettings(jurisdictionId, settings);
    await tx.audit.append({
      at: now,
      actor: { userId: user.id, role: user.role },
      entity: { type: 'request_desk_settings', id: version },
      planId: null,
      jurisdictionId,
      action: 'request_desk_settings.add',
      before: last ? { version: last.version, effectiveFrom: last.effectiveFrom } : null,
      after: { version, effectiveFrom: settings.effectiveFrom, sampling: settings.sampling },
      reason: null,
    });
    return settings;
  });
}

/** The lead unit's last reply on the order (a new one must not repeat it), if any. */
function lastReply(events: readonly OrderEvent[], unitId: number): string | undefined {
  const found = events.findLast((e) => e.type === 'replied' && e.unitId === unitId);
  return found?.type === 'replied' ? found.text : undefined;
}

/**
 * A lead unit's reply, read by the rules in force today and drawn for the checker's sample:
 * the order with its event, and the record of the rules' check. When the rules refuse it, the
 * refusal is recorded (the unit's check rate counts it) and thrown: UNPROCESSABLE with one
 * `rules.<code>` detail per reason.
 */
export async function applyReply(
  store: Store,
  setup: RequestsSetup,
  order: WorkOrder,
  input: Extract<OrderEventInput, { type: 'replied' }>,
  actor: RequestActor,
  now: string,
): Promise<{ order: WorkOrder; event: OrderEvent; record: ReplyCheckRecord }> {
  const { rules, sampling } = await deskSettingsOn(store, setup.jurisdictionId, beijingDate(now));
  const previousReply = lastReply(await store.requests.listEvents(order.id), input.unitId);
  const record = (passed: boolean, codes: string[]): ReplyCheckRecord => ({
    orderId: order.id,
    unitId: input.unitId,
    at: new Date(now).toISOString(),
    kind: 'rules',
    passed,
    codes,
    note: null,
    checkerId: null,
  });
  try {
    const applied = applyEvent(order, input, actor, now, {
      calendar: setup.calendar,
      replyRules: { rules, ...(previousReply === undefined ? {} : { previousReply }) },
      sampling,
    });
    return { ...applied, record: record(true, []) };
  } catch (error) {
    if (isAppError(error, 'UNPROCESSABLE')) {
      const codes = error.details
        .map((d) => d.path.replace(/^rules\./, ''))
        .filter((code) => (REPLY_RULE_CODES as readonly string[]).includes(code));
      if (codes.length > 0) await store.desk.insertCheck(record(false, codes));
    }
    throw error;
  }
}

/** The orders of a jurisdiction waiting for a checker, unsatisfied citizens first. */
export async function listChecks(
  store: Store,
  jurisdictionId: number,
  now: string,
  limit = 200,
): Promise<{ items: (CheckerQueueItem & { order: WorkOrder; reply: string | null })[]; total: number }> {
  const page = await store.requests.listOrders({
    jurisdictionIds: [jurisdictionId],
    pendingCheck: true,
    limit,
    offset: 0,
  });
  const byId = new Map(page.items.map((o) => [o.id, o]));
  const items = [];
  for (const item of listCheckerQueue(page.items, now)) {
    // What the checker judges: the unit's own reply (its last), not only the public note.
    const replied = (await store.requests.listEvents(item.orderId)).findLast((e) => e.type === 'replied');
    items.push({
      ...item,
      order: byId.get(item.orderId)!,
      reply: replied?.type === 'replied' ? replied.text : null,
    });
  }
  return { items, total: page.total };
}

/**
 * The checker's decision on an order from the queue, with its record, in one transaction. A
 * failure returns the reply to the unit (or reopens the closed order) with the note; with
 * `notify`, the unit is told (退回), its handler first.
 */
export async function decideReplyCheck(
  store: Store,
  setup: RequestsSetup,
  orderId: number,
  decision: { passed: boolean; note: string; reasons?: string[] | undefined },
  actor: RequestActor,
  now: string,
  notify?: DeskNoticeContext,
): Promise<WorkOrder> {
  return store.transaction(async (tx) => {
    const order = await tx.requests.getOrder(orderId);
    const record = deriveCheckRecord(order, decision, actor.userId, now);
    const input: OrderEventInput = {
      type: 'reply_checked',
      passed: decision.passed,
      note: decision.note,
      ...(decision.reasons ? { reasons: decision.reasons } : {}),
    };
    const { order: next, event } = applyEvent(order, input, actor, now, { calendar: setup.calendar });
    await tx.requests.appendEvent(next, event, order.version);
    await tx.desk.insertCheck(record);
    // A failed check returns the order: its unit is told, its handler first.
    if (notify) await tellOrderChange(tx, notify, order, next, event, now);
    return next;
  });
}

/** The check rates of every unit of a jurisdiction (or one) in a Beijing month. */
export async function listCheckRates(
  store: Store,
  jurisdictionId: number,
  month: string,
  unitId?: number,
): Promise<UnitCheckRates[]> {
  const { from, to } = beijingMonthBounds(month);
  return deriveCheckRates(await store.desk.listChecks(jurisdictionId, from, to, unitId), month);
}
