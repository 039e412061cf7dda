/**
 * Stale entries of the knowledge base told to their units (issue 20): each unit of a
 * jurisdiction that owns entries in force past their review date gets one notice listing
 * them, through the outbox (its reporters by their settings, its robots), with the audit
 * event, in one transaction per unit. The same stale set is never queued twice for a unit
 * (the dedupe key names the entries and their review dates); a new review date or a new stale
 * entry makes a new notice.
 */
import { createHash } from 'node:crypto';
import { beijingDate, listKnowledgeUpkeep } from '../requests/index.js';
import type { KnowledgeUpkeepItem } from '../requests/index.js';
import type { Notice } from '../notify/types.js';
import type { AuditEvent } from '../plan/audit.js';
import type { Store } from '../store/types.js';
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
  const [recipientsOf, office] = await Promise.all([loadRecipients(store), loadOfficeSettings(store)]);
  const reviewBy = new Map(
    entries.map((e) => [e.id, e.versions.findLast((v) => v.status === 'approved')?.reviewBy ?? '']),
  );
  let messages = 0;
  for (const [unitId, items] of byUnit) {
    const set = items
      .map((i) => `${i.entryId}@${reviewBy.get(i.entryId)}`)
      .sort()
      .join(',');
    const digest = createHash('sha256').update(set).digest('hex').slice(0, 24);
    const notice = staleNotice(input.unitName(unitId), items, base, office.data.sender);
    messages += await store.transaction(async (tx) => {
      const queued = await queueNotice(tx, {
        recipients: recipientsOf(unitId, 'unit'),
        notice,
        dedupeBase: `knowledge.stale|unit:${unitId}|${digest}`,
        now: input.now,
        unitId,
      });
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
