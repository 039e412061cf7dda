/**
 * The day's chase events as messages: for each person (or unit robot) a digest per kind — or
 * one message per item where they or the source's policy want it — worded as an office writes,
 * each item with a deep link, sent at the policy's hour and never inside quiet hours.
 */
import { addWorkingDays } from '../requests/calendar.js';
import type { WorkCalendar } from '../requests/calendar.js';
import type { Notice, NoticeItem } from '../notify/types.js';
import { afterQuietHours, beijingInstant } from './policy.js';
import type { ChaseSettings } from './policy.js';
import { WORK_SOURCE_LABELS } from './types.js';
import type { Audience, ChaseEvent, ChaseItem, ChaseKind, ChaseMessage, Recipient } from './types.js';

export interface ComposeContext {
  settings: ChaseSettings;
  /** Who hears about a unit's items: its people (`unit`) or its leader (`leader`). */
  recipients: (unitId: number, audience: Audience) => readonly Recipient[];
  /**
   * The named handler (经办人) of an item who can be reached: they hear of it first, in place of
   * the unit's people (the unit still sees it in its to-do list). None: the unit's people.
   */
  handlerOf?: (item: ChaseItem) => Recipient | undefined;
  unitName: (unitId: number) => string;
  /** The site's address, before each item's path: `https://luoshi.example.gov.cn`. */
  baseUrl: string;
  /** The path of a unit's to-do list (我的待办), the link of a digest. */
  listPath: string;
  /** Who signs: `区政府督查室`. */
  sender: string;
  /** The run's Beijing date, and the instant it runs. */
  today: string;
  now: string;
  calendar: WorkCalendar;
  /** Event keys queued by an earlier run: left out. */
  alreadySent?: (eventKey: string) => boolean;
}

const SEVERITY = { reminder: 'info', chaser: 'warning', escalation: 'urgent' } as const;

function itemDetail(event: ChaseEvent, unitName: string): string {
  const source = WORK_SOURCE_LABELS[event.item.source];
  const when = event.kind === 'reminder' ? `还有${event.step}个工作日到期` : `已逾期${event.step}个工作日`;
  return `${source}，${unitName}，${when}`;
}

function quoteTitle(title: string): string {
  return title.length > 40 ? `“${title.slice(0, 39)}…”` : `“${title}”`;
}

/** The notice for one recipient's events of one kind (one event: a message about that item). */
export function chaseNotice(
  kind: ChaseKind,
  events: readonly ChaseEvent[],
  ctx: Pick<ComposeContext, 'unitName' | 'baseUrl' | 'listPath' | 'sender' | 'today' | 'calendar'>,
): Notice {
  const items: NoticeItem[] = events.map((e) => ({
    title: e.item.title,
    detail: itemDetail(e, ctx.unitName(e.item.unitId)),
    dueOn: e.item.dueOn,
    link: `${ctx.baseUrl}${e.item.path}`,
  }));
  const one = events.length === 1 ? events[0]! : undefined;
  const n = events.length;
  const base = { kind: `chase.${kind}`, items, sender: ctx.sender, severity: SEVERITY[kind] } as const;
  const list = { link: `${ctx.baseUrl}${ctx.listPath}` };
  const reportBy = addWorkingDays(ctx.calendar, ctx.today, 1);
  const byDate = `${Number(reportBy.slice(5, 7))}月${Number(reportBy.slice(8, 10))}日`;
  switch (kind) {
    case 'reminder':
      return one
        ? {
            ...base,
            title: `【到期提醒】${quoteTitle(one.item.title)}还有${one.step}个工作日到期`,
            intro: '请抓紧办理，按时报送办理情况。',
          }
        : {
            ...base,
            ...list,
            title: `【到期提醒】${n}项工作即将到期`,
            intro: '以下工作即将到期，请抓紧办理，按时报送办理情况。',
          };
    case 'chaser':
      return one
        ? {
            ...base,
            title: `【催办】${quoteTitle(one.item.title)}已逾期${one.step}个工作日`,
            intro: `该项工作已超过办理时限尚未办结，请于${byDate}前报送办理情况；确需延期的，请提出延期申请。`,
          }
        : {
            ...base,
            ...list,
            title: `【催办】${n}项工作已逾期未办结`,
            intro: `以下工作已超过办理时限尚未办结，请于${byDate}前报送办理情况；确需延期的，请提出延期申请。`,
          };
    case 'escalation': {
      const units = [...new Set(events.map((e) => ctx.unitName(e.item.unitId)))];
      const whose = units.length === 1 ? units[0]! : `${units.length}个单位`;
      return {
        ...base,
        ...(one ? {} : list),
        title: one
          ? `【督办提示】${whose}${quoteTitle(one.item.title)}逾期${one.step}个工作日`
          : `【督办提示】${whose}有${n}项工作逾期未办结`,
        intro: '以下工作逾期未办结，经催办仍未报送办理情况，请督促办理。',
      };
    }
  }
}

const collator = new Intl.Collator('zh-CN');

/** Dates first, then titles, then keys: the order a digest lists items in. */
function byDue(a: ChaseEvent, b: ChaseEvent): number {
  if (a.item.dueOn !== b.item.dueOn) return a.item.dueOn < b.item.dueOn ? -1 : 1;
  return collator.compare(a.item.title, b.item.title) || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** One recipient's events of one kind (or of one item), sent at `notBefore`: one message. */
export interface ChaseGroup {
  recipient: Recipient;
  kind: ChaseKind;
  events: ChaseEvent[];
  notBefore: string;
}

/**
 * The messages for a run's events. Events already queued (`alreadySent`) are left out; a
 * recipient's own digest and quiet-hours settings win over the source's policy. Each message
 * is sent at the source's hour on `today` (or now, if later), moved past quiet hours.
 */
export function composeChaseMessages(events: readonly ChaseEvent[], ctx: ComposeContext): ChaseMessage[] {
  return groupChaseEvents(events, ctx).map((group) => composeChaseGroup(group, ctx));
}

/**
 * The run's events gathered into the messages they make, not yet worded: a caller with many
 * words them a slice at a time (`composeChaseGroup`), letting other work run in between.
 */
export function groupChaseEvents(events: readonly ChaseEvent[], ctx: ComposeContext): ChaseGroup[] {
  const groups = new Map<string, ChaseGroup>();
  const nowMs = Date.parse(ctx.now);
  const recipientsOf = new Map<string, readonly Recipient[]>();
  for (const event of events) {
    if (ctx.alreadySent?.(event.key)) continue;
    const policy = ctx.settings[event.item.source];
    const handler = event.audience === 'unit' ? ctx.handlerOf?.(event.item) : undefined;
    const who = `${event.item.unitId}|${event.audience}`;
    let recipients = handler ? [handler] : recipientsOf.get(who);
    if (!recipients) {
      recipients = ctx.recipients(event.item.unitId, event.audience);
      recipientsOf.set(who, recipients);
    }
    for (const recipient of recipients) {
      const digest = recipient.prefs?.digest ?? policy.digest;
      const quiet =
        recipient.prefs?.quietHours === undefined ? policy.quietHours : recipient.prefs.quietHours;
      const at = Math.max(nowMs, Date.parse(beijingInstant(ctx.today, policy.sendAt)));
      const notBefore = afterQuietHours(new Date(at).toISOString(), quiet);
      const key = digest ? `${recipient.key}|${event.kind}` : `${recipient.key}|${event.key}`;
      const group = groups.get(key);
      if (group) {
        group.events.push(event);
        if (notBefore < group.notBefore) group.notBefore = notBefore;
      } else {
        groups.set(key, { recipient, kind: event.kind, events: [event], notBefore });
      }
    }
  }
  return [...groups.values()];
}

/** One group's message: its notice worded, its items in a digest's order. */
export function composeChaseGroup(group: ChaseGroup, ctx: ComposeContext): ChaseMessage {
  const sorted = group.events.sort(byDue);
  return {
    recipient: group.recipient,
    notice: chaseNotice(group.kind, sorted, ctx),
    notBefore: group.notBefore,
    eventKeys: sorted.map((e) => e.key),
    dedupeKey: `chase|${group.recipient.key}|${group.kind}|${ctx.today}|${sorted[0]!.key}`,
  };
}
