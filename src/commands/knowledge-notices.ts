/**
 * Stale entries of the knowledge base told to their units (issue 20): each unit of a
 * jurisdiction that owns entries in force past their review date gets one notice listing
 * them, through the outbox (its reporters by their settings, its robots), with the audit
 * event, in one transaction per unit. The same stale set is never queued twice for a unit
 * (a mark names the unit, the entries and their review dates, so a unit whose list did not change
 * gets no second message nor a second audit event); a new review date or a new stale entry makes
 * a new notice. `startKnowledgeScheduler` runs it beside the server once a day per jurisdiction.
 */
import { createHash } from 'node:crypto';
import { beijingDate, listKnowledgeUpkeep } from '../requests/index.js';
import type { KnowledgeUpkeepItem } from '../requests/index.js';
import type { Notice } from '../notify/types.js';
import type { AuditEvent } from '../plan/audit.js';
import type { Store } from '../store/types.js';
import { minutesOf } from '../chase/policy.js';
import { WORK_SOURCES } from '../chase/types.js';
import { loadAllChaseSettings } from './chase.js';
import { loadOfficeSettings, loadRecipients, queueNotice } from './notify.js';

export interface StaleNoticeResult {
  /** Units with stale entries, and the entries. */
  units: number;
  entries: number;
  /** Messages queued (0 for a unit no one of which has a channel: it sees the list in the app). */
  messages: number;
}

/** The path of a unit's upkeep list in the web app. */
export const UPKEEP_PATH = '/requests/knowledge/upkeep';

function staleNotice(unitName: string, items: readonly KnowledgeUpkeepItem[], base: string, sender: string) {
  const notice: Notice = {
    kind: 'knowledge.stale',
    title: `【知识库复核提醒】${unitName}有${items.length}条知识已过复核日期`,
    intro: `以下知识条目已过复核日期，请及时复核确认或修订，过期未复核的条目将影响知识库维护率。`,
    items: items.map((item) => ({
      title: item.question,
      detail: `已过复核日期${item.days}天`,
      link: `${base}/requests/knowledge?entry=${item.entryId}`,
    })),
    link: `${base}${UPKEEP_PATH}`,
    sender,
    severity: 'warning',
  };
  return notice;
}

/**
 * Tells each unit of the jurisdiction its entries past their review date on the day of `now`.
 * `unitName` names a unit as the office writes it.
 */
export async function noticeStaleKnowledge(
  store: Store,
  input: {
    jurisdictionId: number;
    unitName: (unitId: number) => string;
    publicUrl: string;
    actor: AuditEvent['actor'];
    now: string;
  },
): Promise<StaleNoticeResult> {
  const today = beijingDate(input.now);
  const entries = await store.knowledge.listLive(input.jurisdictionId);
  const stale = listKnowledgeUpkeep(entries, today).filter((item) => item.kind === 'stale');
  const byUnit = new Map<number, KnowledgeUpkeepItem[]>();
  for (const item of stale) byUnit.set(item.ownerUnitId, [...(byUnit.get(item.ownerUnitId) ?? []), item]);
  const base = input.publicUrl.replace(/\/+$/, '');
  const [recipientsOf, office] = await Promise.all([
    loadRecipients(store, input.jurisdictionId),
    loadOfficeSettings(store, input.jurisdictionId),
  ]);
  const reviewBy = new Map(
    entries.map((e) => [e.id, e.versions.findLast((v) => v.status === 'approved')?.reviewBy ?? '']),
  );
  const lists = [...byUnit].map(([unitId, items]) => {
    const set = items
      .map((i) => `${i.entryId}@${reviewBy.get(i.entryId)}`)
      .sort()
      .join(',');
    const digest = createHash('sha256').update(set).digest('hex').slice(0, 24);
    return { unitId, items, mark: `knowledge.stale|unit:${unitId}|${digest}` };
  });
  const told = await store.outbox.findMarks(lists.map((l) => l.mark));
  let messages = 0;
  for (const { unitId, items, mark } of lists) {
    if (told.has(mark)) continue;
    const notice = staleNotice(input.unitName(unitId), items, base, office.data.sender);
    messages += await store.transaction(async (tx) => {
      const queued = await queueNotice(tx, {
        recipients: recipientsOf(unitId, 'unit'),
        notice,
        dedupeBase: mark,
        now: input.now,
        unitId,
      });
      await tx.outbox.insertMarks([mark], input.now);
      await tx.audit.append({
        at: input.now,
        actor: input.actor,
        entity: { type: 'unit', id: unitId },
        planId: null,
        action: 'knowledge_entry.stale_notice',
        before: null,
        after: { entryIds: items.map((i) => i.entryId), messages: queued },
        reason: null,
      });
      return queued;
    });
  }
  return { units: byUnit.size, entries: stale.length, messages };
}

/** What a day's sweep did in each jurisdiction it ran in (none: already run that day). */
export interface StaleSweepResult {
  day: string;
  jurisdictions: { jurisdictionId: number; units: number; entries: number; messages: number }[];
}

/**
 * The day's sweep (the scheduler's step): in each jurisdiction not yet swept on the day of `now`
 * (Beijing), tells each unit its stale entries, then marks the jurisdiction's day, so a second
 * run the same day does nothing. A sweep that stopped midway is run again; the units' own marks
 * keep what it sent from going twice. The system is the audit events' actor.
 */
export async function sweepStaleKnowledge(
  store: Store,
  input: { publicUrl: string; now: string },
): Promise<StaleSweepResult> {
  const day = beijingDate(input.now);
  const all = await store.jurisdictions.list();
  const dayMark = (id: number) => `knowledge.stale|jurisdiction:${id}|${day}`;
  const done = await store.outbox.findMarks(all.map((j) => dayMark(j.id)));
  const result: StaleSweepResult = { day, jurisdictions: [] };
  for (const jurisdiction of all) {
    if (done.has(dayMark(jurisdiction.id))) continue;
    const names = new Map((await store.units.list([jurisdiction.id])).map((u) => [u.id, u.name]));
    const told = await noticeStaleKnowledge(store, {
      jurisdictionId: jurisdiction.id,
      unitName: (id) => names.get(id) ?? '',
      publicUrl: input.publicUrl,
      actor: null,
      now: input.now,
    });
    await store.outbox.insertMarks([dayMark(jurisdiction.id)], input.now);
    result.jurisdictions.push({ jurisdictionId: jurisdiction.id, ...told });
  }
  return result;
}

export interface KnowledgeScheduler {
  stop(): void;
}

/**
 * Runs the day's sweep from a quarter of an hour before the chase's earliest send hour (Beijing),
 * as the chase does, checking every `intervalMs` (default 5 minutes); the messages wait for
 * their recipients' hours in the outbox.
 */
export function startKnowledgeScheduler(options: {
  store: Store;
  publicUrl: string;
  now?: () => Date;
  intervalMs?: number;
  onError?: (error: unknown) => void;
  onRun?: (result: StaleSweepResult) => void;
}): KnowledgeScheduler {
  const now = options.now ?? (() => new Date());
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const at = now();
      // The earliest send hour of any jurisdiction's chase settings.
      const all = [...(await loadAllChaseSettings(options.store)).values()];
      const first = Math.min(...all.flatMap((data) => WORK_SOURCES.map((s) => minutesOf(data[s].sendAt))));
      const beijingMinutes = (Math.floor(at.getTime() / 60_000) + 8 * 60) % 1440;
      if (beijingMinutes >= first - 15) {
        const result = await sweepStaleKnowledge(options.store, {
          publicUrl: options.publicUrl,
          now: at.toISOString(),
        });
        if (result.jurisdictions.length > 0) options.onRun?.(result);
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
