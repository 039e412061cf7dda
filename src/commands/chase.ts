/**
 * The daily chase (issue 18): open tasks of published plans and of the ledgers of other work,
 * judged by the chase's rules (src/chase) for the days since the last run, composed into
 * messages per recipient, and queued with their event marks in batches of one transaction
 * each — so a crash loses nothing and a second run queues nothing twice. The scheduler runs it
 * once a day at the send hour; the worker sends.
 */
import { addDays } from '../plan/dates.js';
import { addWorkingDays, beijingDate } from '../requests/calendar.js';
import type { WorkCalendar } from '../requests/calendar.js';
import { composeChaseGroup, groupChaseEvents } from '../chase/compose.js';
import type { ChaseGroup, ComposeContext } from '../chase/compose.js';
import type { HeldCopy } from '../store/notify-fallbacks.js';
import { loadInboxHours } from './handler-notices.js';
import { DEFAULT_CHASE_SETTINGS, minutesOf, parseChaseSettings } from '../chase/policy.js';
import type { ChaseSettings } from '../chase/policy.js';
import { deriveChaseEvents, MAX_WINDOW_DAYS } from '../chase/schedule.js';
import type { ChaseItem, ChaseMessage, WorkSource } from '../chase/types.js';
import { WORK_SOURCES } from '../chase/types.js';
import { destinationKey } from '../notify/types.js';
import type { Actor } from '../plan/audit.js';
import type { NewOutboxMessage, Store } from '../store/types.js';
import { randomUUID } from 'node:crypto';
import { routeNotice } from '../requests/handlers.js';
import type { Recipient } from '../chase/types.js';
import { listUnitMembers } from './handlers.js';
import {
  loadOfficeSettings,
  loadRecipients,
  loadSettings,
  loadUserRecipient,
  saveSettings,
} from './notify.js';

export interface ChaseDeps {
  calendar: WorkCalendar;
  /** The site's address for deep links: https://luoshi.example.gov.cn */
  publicUrl: string;
  /** How the run shares the process with requests (defaults: CHASE_PACE). */
  pace?: ChasePace;
}

/**
 * A run reads, words and queues a slice at a time and pauses between slices, so the requests
 * the same process serves wait at most for one slice (docs/BENCHMARKS.md, chase).
 */
export interface ChasePace {
  /** Messages worded and queued per transaction. */
  batch: number;
  /** Tasks read per query. */
  readPage: number;
  /** Milliseconds between slices. */
  pauseMs: number;
}

export const CHASE_PACE: Readonly<ChasePace> = Object.freeze({ batch: 10, readPage: 1000, pauseMs: 4 });

export interface ChaseRunResult {
  window: { from: string; to: string } | null;
  items: number;
  events: number;
  messages: number;
}

/** The jurisdiction's chase settings as saved, or the defaults. */
export async function loadChaseSettings(
  store: Store,
  jurisdictionId: number,
): Promise<{ data: ChaseSettings; version: number }> {
  const saved = await loadSettings<ChaseSettings>(
    store,
    jurisdictionId,
    'office:chase',
    DEFAULT_CHASE_SETTINGS,
  );
  return { data: parseChaseSettings(saved.data), version: saved.version };
}

/** The chase settings of every jurisdiction, by id (the deployment's job reads them all). */
export async function loadAllChaseSettings(store: Store): Promise<Map<number, ChaseSettings>> {
  const jurisdictions = await store.jurisdictions.list();
  const settings = await Promise.all(jurisdictions.map((j) => loadChaseSettings(store, j.id)));
  return new Map(jurisdictions.map((j, i) => [j.id, settings[i]!.data]));
}

/** An admin saves the jurisdiction's chase settings (checked whole: BAD_INPUT naming each problem). */
export async function saveChaseSettings(
  store: Store,
  jurisdictionId: number,
  input: unknown,
  expectedVersion: number,
  actor: Actor,
  now: string,
) {
  const settings = parseChaseSettings(input);
  return saveSettings(store, jurisdictionId, 'office:chase', settings, expectedVersion, actor, now);
}

/** Where a task's item opens in the web app. */
export function itemPath(task: {
  id: number;
  planId: number;
  source: { kind: string; id: number } | null;
}): string {
  return task.source
    ? `/work/${task.source.kind}/${task.source.id}`
    : `/plans/${task.planId}/tasks/${task.id}`;
}

const TITLE_CHARS = 60;

/** Lets the event loop answer requests between slices: a timer, so a request gets several turns. */
const pause = (ms: number) =>
  new Promise<void>((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));

/**
 * The reachable named handler (经办人) of each chased task, by item key: the person the task's
 * lead unit gave it to, when active and with a channel (issue 20: the handler first, the unit
 * otherwise).
 */
async function loadTaskHandlers(
  store: Store,
  tasks: readonly { id: number; leadUnitId: number }[],
  now: string,
): Promise<(item: ChaseItem) => Recipient | undefined> {
  const assignments = await store.handlers.listForItems(
    'task',
    tasks.map((t) => t.id),
  );
  const found = new Map<string, Recipient>();
  const membersOf = new Map<number, Awaited<ReturnType<typeof listUnitMembers>>>();
  for (const task of tasks) {
    const assignment = assignments.find((a) => a.itemId === task.id && a.unitId === task.leadUnitId);
    if (!assignment) continue;
    let members = membersOf.get(task.leadUnitId);
    if (!members) {
      members = await listUnitMembers(store, task.leadUnitId);
      membersOf.set(task.leadUnitId, members);
    }
    const [first] = routeNotice({ unitId: task.leadUnitId }, assignment, members, now);
    if (first?.to.kind !== 'user') continue;
    const recipient = await loadUserRecipient(store, first.to.userId);
    if (recipient) found.set(`task:${task.id}`, recipient);
  }
  return (item) => found.get(item.key);
}

/** The open tasks the chase reads, a page at a time with a pause after each. */
async function readChased(store: Store, until: string, pace: ChasePace) {
  const tasks: Awaited<ReturnType<Store['tasks']['listChased']>> = [];
  for (;;) {
    const page = await store.tasks.listChased(until, {
      afterId: tasks.at(-1)?.id ?? 0,
      limit: pace.readPage,
    });
    tasks.push(...page);
    await pause(pace.pauseMs);
    if (page.length < pace.readPage) return tasks;
  }
}

/** The event keys queued by an earlier run, read a page at a time. */
async function readMarks(store: Store, keys: readonly string[], pace: ChasePace): Promise<Set<string>> {
  const marked = new Set<string>();
  for (let i = 0; i < keys.length; i += pace.readPage) {
    for (const key of await store.outbox.findMarks(keys.slice(i, i + pace.readPage))) marked.add(key);
    await pause(pace.pauseMs);
  }
  return marked;
}

/**
 * Runs the chase for the days since the last run, up to today (Beijing), at `deps.pace`: each
 * jurisdiction's tasks by its own chase settings, people, robots and signature (one that set
 * none reaches no one). Nothing to do when today was run already. A run that did not finish (a
 * crash) is run again: its marks keep what it queued from being queued twice.
 */
export async function runChase(store: Store, deps: ChaseDeps, now: string): Promise<ChaseRunResult> {
  const today = beijingDate(now);
  const last = await store.outbox.lastRun();
  let from = last === undefined ? today : last.finishedAt === null ? last.fromDay : addDays(last.toDay, 1);
  if (from > today) return { window: null, items: 0, events: 0, messages: 0 };
  const earliest = addDays(today, -(MAX_WINDOW_DAYS - 1));
  if (from < earliest) from = earliest;
  const runId = await store.outbox.startRun(from, today, now);
  const [settingsOf, units] = await Promise.all([loadAllChaseSettings(store), store.units.list()]);
  const ahead = Math.max(
    1,
    ...[...settingsOf.values()].flatMap((s) => WORK_SOURCES.flatMap((source) => s[source].remindBefore)),
  );
  const pace = deps.pace ?? CHASE_PACE;
  const tasks = await readChased(store, addWorkingDays(deps.calendar, today, ahead + 1), pace);
  const names = new Map(units.map((u) => [u.id, u.name]));
  const run = { deps, pace, window: { from, to: today }, names, now };
  const result = { items: tasks.length, events: 0, messages: 0 };
  for (const [jurisdictionId, settings] of settingsOf) {
    const mine = tasks.filter((t) => t.jurisdictionId === jurisdictionId);
    if (mine.length === 0) continue;
    const done = await chaseJurisdiction(store, run, jurisdictionId, settings, mine);
    result.events += done.events;
    result.messages += done.messages;
  }
  await store.outbox.finishRun(runId, result, new Date().toISOString());
  return { window: { from, to: today }, ...result };
}

/** One jurisdiction's part of a run: its tasks' events, worded and queued a slice at a time. */
async function chaseJurisdiction(
  store: Store,
  run: {
    deps: ChaseDeps;
    pace: ChasePace;
    window: { from: string; to: string };
    names: Map<number, string>;
    now: string;
  },
  jurisdictionId: number,
  settings: ChaseSettings,
  tasks: Awaited<ReturnType<Store['tasks']['listChased']>>,
): Promise<{ events: number; messages: number }> {
  const { deps, pace, now } = run;
  const items: ChaseItem[] = tasks.map((t) => {
    const title = t.source?.title ?? t.text;
    return {
      key: `task:${t.id}`,
      source: (t.source?.kind ?? 'plan') as WorkSource,
      title: title.length > TITLE_CHARS ? `${title.slice(0, TITLE_CHARS - 1)}…` : title,
      unitId: t.leadUnitId,
      dueOn: t.deadline,
      path: itemPath(t),
    };
  });
  const events = deriveChaseEvents(items, settings, run.window, deps.calendar);
  const marked = await readMarks(
    store,
    events.map((e) => e.key),
    pace,
  );
  const office = await loadOfficeSettings(store, jurisdictionId);
  const compose: ComposeContext = {
    settings,
    recipients: await loadRecipients(store, jurisdictionId),
    handlerOf: await loadTaskHandlers(store, tasks, now),
    unitName: (id) => run.names.get(id) ?? `单位${id}`,
    baseUrl: deps.publicUrl.replace(/\/+$/, ''),
    listPath: '/todo',
    sender: office.data.sender,
    today: run.window.to,
    now,
    calendar: deps.calendar,
    alreadySent: (key) => marked.has(key),
  };
  const groups = groupChaseEvents(events, compose);
  await pause(pace.pauseMs);
  let queued = 0;
  const hours = await loadInboxHours(store, jurisdictionId);
  for (let i = 0; i < groups.length; i += pace.batch) {
    // Worded a slice at a time: wording every message at once kept requests waiting ~1 s.
    const slice = groups.slice(i, i + pace.batch);
    const batch = slice.map((g) => composeChaseGroup(g, compose));
    const held = slice.flatMap((g, j) => heldCopies(g, batch[j]!, compose, hours, now));
    queued += await store.transaction(async (tx) => {
      const count = await tx.outbox.enqueue(batch.flatMap((m) => outboxRows(m, now)));
      await tx.outbox.insertMarks([...new Set(batch.flatMap((m) => m.eventKeys))], now);
      for (const copy of held) await tx.fallbacks.hold(copy);
      return count;
    });
    await pause(pace.pauseMs);
  }
  // Events no one could be reached for (no settings yet) are marked too: they are not retried.
  const unmarked = events.filter((e) => !marked.has(e.key)).map((e) => e.key);
  for (let i = 0; i < unmarked.length; i += pace.readPage) {
    await store.outbox.insertMarks(unmarked.slice(i, i + pace.readPage), now);
    await pause(pace.pauseMs);
  }
  return { events: events.length, messages: queued };
}

/**
 * The unit's copies of what a group tells a task's named handler: each held until the unit's
 * hours after the message's send time, and sent to the unit's people only if the handler has
 * not read the message nor opened the task by then (handler-notices.ts).
 */
function heldCopies(
  group: ChaseGroup,
  message: ChaseMessage,
  compose: ComposeContext,
  hours: (unitId: number) => number,
  now: string,
): Omit<HeldCopy, 'seenAt'>[] {
  if (!group.recipient.key.startsWith('user:')) return [];
  return group.events
    .filter((e) => e.audience === 'unit' && compose.handlerOf?.(e.item)?.key === group.recipient.key)
    .map((event) => {
      const h = hours(event.item.unitId);
      const { notice } = composeChaseGroup({ ...group, events: [event] }, compose);
      return {
        dedupeKey: `chase-inbox|${event.key}`,
        item: { kind: 'task' as const, id: Number(event.item.key.slice(5)), unitId: event.item.unitId },
        handlerId: Number(group.recipient.key.slice(5)),
        readGroup: message.dedupeKey,
        notice: {
          ...notice,
          intro: `经办人${group.recipient.name}${h}小时内未阅，转本单位：${notice.intro}`,
        },
        queuedAt: now,
        dueAt: new Date(Date.parse(message.notBefore) + h * 3_600_000).toISOString(),
      };
    });
}

function outboxRows(message: ChaseMessage, now: string): NewOutboxMessage[] {
  const userId = message.recipient.key.startsWith('user:') ? Number(message.recipient.key.slice(5)) : null;
  const unitId = message.recipient.key.startsWith('unit-robot:')
    ? Number(message.recipient.key.split(':')[1])
    : null;
  return message.recipient.destinations.map((destination) => {
    const key = destinationKey(destination);
    return {
      id: randomUUID(),
      dedupeKey: `${message.dedupeKey}|${key}`,
      destination,
      destinationKey: key,
      notice: message.notice,
      recipient: { userId, unitId, label: message.recipient.name },
      queuedAt: now,
      notBefore: message.notBefore,
    };
  });
}

export interface ChaseScheduler {
  stop(): void;
}

/**
 * Runs the chase once a day, from a quarter of an hour before the earliest send hour of the
 * settings (the messages wait for their hour in the outbox), checking every `intervalMs`.
 */
export function startChaseScheduler(options: {
  store: Store;
  publicUrl: string;
  /** The working-day calendar as loaded now (official tables the centre loaded on top). */
  loadCalendar: () => Promise<WorkCalendar>;
  now?: () => Date;
  intervalMs?: number;
  onError?: (error: unknown) => void;
  onRun?: (result: ChaseRunResult) => void;
}): ChaseScheduler {
  const now = options.now ?? (() => new Date());
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const at = now();
      // The earliest send hour of any jurisdiction's settings.
      const all = [...(await loadAllChaseSettings(options.store)).values()];
      const first = Math.min(...all.flatMap((data) => WORK_SOURCES.map((s) => minutesOf(data[s].sendAt))));
      const beijingMinutes = (Math.floor(at.getTime() / 60_000) + 8 * 60) % 1440;
      if (beijingMinutes >= first - 15) {
        const deps = { calendar: await options.loadCalendar(), publicUrl: options.publicUrl };
        const result = await runChase(options.store, deps, at.toISOString());
        if (result.window) options.onRun?.(result);
      }
    } catch (error) {
      options.onError?.(error);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? 5 * 60_000);
  timer.unref?.();
  void tick();
  return { stop: () => clearInterval(timer) };
}
