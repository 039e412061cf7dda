/**
 * Commands on the knowledge base (知识库, issue 20): create, revise, submit, approve or return,
 * confirm a review, retire — each: load → domain step (src/requests/knowledge.ts) → store, with
 * its audit event in one transaction, then the search index takes the entry's version in force.
 * And the operator's one step: a call answered from an entry, taken in and closed as 直接答复.
 *
 * The index (KnowledgeCache) is built from the store on first use and rebuilt each new day (a
 * version may come into force) or once many slots are dead; createApp makes one per store.
 */
import { AppError, isAppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import { readKnowledgeWorkbook, writeKnowledgeWorkbook } from '../documents/knowledge-xlsx.js';
import type { AuditEvent } from '../plan/audit.js';
import type { User } from '../plan/types.js';
import {
  applyEvent,
  beijingDate,
  buildKnowledgeIndex,
  confirmKnowledgeEntry,
  createKnowledgeEntry,
  deadShare,
  decideKnowledgeEntry,
  deriveDedupeKey,
  deriveDirectAnswer,
  findVersionInForce,
  getCatalogueVersion,
  receiveOrder,
  removeKnowledgeDoc,
  retireKnowledgeEntry,
  reviseKnowledgeEntry,
  submitKnowledgeEntry,
  toRequestActor,
  upsertKnowledgeDoc,
} from '../requests/index.js';
import type {
  KnowledgeContent,
  KnowledgeContext,
  KnowledgeDoc,
  KnowledgeEntry,
  KnowledgeIndex,
  OrderIntake,
  RequestActor,
  WorkOrder,
} from '../requests/index.js';
import type { StoredKnowledgeEntry } from '../store/knowledge.js';
import type { Store } from '../store/types.js';
import type { RequestsSetup } from './requests-setup.js';

/**
 * The search indexes of one store, one per jurisdiction (an operator finds only their own
 * government's entries), each built on first use and kept current by the commands below.
 */
export interface KnowledgeCache {
  /** The jurisdiction's index for `today` (YYYY-MM-DD): rebuilt when the day changed or it holds many dead slots. */
  index(jurisdictionId: number, today: string): Promise<KnowledgeIndex>;
  /** Puts the entry's version in force today in its jurisdiction's index (or takes the entry out). */
  touch(jurisdictionId: number, entry: KnowledgeEntry, today: string): void;
  reset(): void;
}

const docOf = (entry: KnowledgeEntry, today: string): KnowledgeDoc | undefined => {
  const live = findVersionInForce(entry, today);
  return live && { ...live, entryId: entry.id };
};

/** The cache of `store`'s indexes, one per jurisdiction: createApp makes one per app. */
export function createKnowledgeCache(store: Store): KnowledgeCache {
  const held = new Map<number, { day: string; index: Promise<KnowledgeIndex> }>();
  return {
    index(jurisdictionId, today) {
      const current = held.get(jurisdictionId);
      if (current !== undefined && current.day === today) return current.index;
      const index = store.knowledge
        .listApproved(jurisdictionId)
        .then((entries) => buildKnowledgeIndex(entries.flatMap((e) => docOf(e, today) ?? [])));
      const made = { day: today, index };
      held.set(jurisdictionId, made);
      index.catch(() => {
        if (held.get(jurisdictionId) === made) held.delete(jurisdictionId);
      });
      return index;
    },
    touch(jurisdictionId, entry, today) {
      const current = held.get(jurisdictionId);
      if (current === undefined || current.day !== today) return;
      void current.index.then((index) => {
        const doc = docOf(entry, today);
        if (doc) upsertKnowledgeDoc(index, doc);
        else removeKnowledgeDoc(index, entry.id);
        // Many replaced or retired entries: the next search builds afresh.
        if (deadShare(index) > 0.3 && held.get(jurisdictionId) === current) held.delete(jurisdictionId);
      });
    },
    reset() {
      held.clear();
    },
  };
}

/** What the checks of an entry need: the catalogue's categories, the areas, the units. */
export function knowledgeContext(setup: RequestsSetup, now: string): KnowledgeContext {
  return {
    categories: getCatalogueVersion(setup.catalogue, now).rows.map((row) => row.category),
    areas: setup.jurisdiction.areas.map((area) => area.name),
    unitIds: setup.units.map((unit) => unit.id),
  };
}

/** The audit event of a change of an entry: its latest version before and after. */
function entryEvent(
  before: KnowledgeEntry | null,
  after: KnowledgeEntry,
  user: User,
  at: string,
  action: string,
  reason: string | null = null,
): AuditEvent {
  const summary = (entry: KnowledgeEntry | null) => {
    const last = entry?.versions.at(-1);
    return last
      ? {
          version: last.version,
          status: last.status,
          question: last.question,
          ownerUnitId: last.ownerUnitId,
          reviewBy: last.reviewBy,
          retired: entry?.retired !== null,
        }
      : null;
  };
  return {
    at,
    actor: { userId: user.id, role: user.role },
    entity: { type: 'knowledge_entry', id: after.id },
    planId: null,
    action,
    before: summary(before),
    after: summary(after),
    reason,
  };
}

/** The user as the knowledge base's actor: the centre or a unit; FORBIDDEN for a leader. */
export function knowledgeActor(user: User): RequestActor {
  const actor = toRequestActor(user);
  if (actor === undefined)
    throw new AppError('FORBIDDEN', `your role (${user.role}) may not edit the knowledge base`);
  return actor;
}

/** A new entry, a draft of its owner unit (or the centre). */
export async function createKnowledge(
  store: Store,
  cache: KnowledgeCache,
  jurisdictionId: number,
  content: KnowledgeContent,
  user: User,
  ctx: KnowledgeContext,
  now: string,
): Promise<StoredKnowledgeEntry> {
  const actor = knowledgeActor(user);
  const stored = await store.transaction(async (tx) => {
    const made = await tx.knowledge.insert((id) => createKnowledgeEntry(id, content, actor, ctx, now), now);
    await tx.audit.append(entryEvent(null, made.entry, user, now, 'knowledge_entry.create'));
    return made;
  });
  cache.touch(jurisdictionId, stored.entry, beijingDate(now));
  return stored;
}

/** One step on an entry, version-checked: `step` gets the entry and returns it changed. */
async function changeEntry(
  store: Store,
  cache: KnowledgeCache,
  jurisdictionId: number,
  id: number,
  expectedVersion: number | undefined,
  step: (entry: KnowledgeEntry) => KnowledgeEntry,
  event: { user: User; now: string; action: string; reason?: string | null },
): Promise<StoredKnowledgeEntry> {
  const stored = await store.transaction(async (tx) => {
    const current = await tx.knowledge.get(id, jurisdictionId);
    const version = expectedVersion ?? current.version;
    const next = step(current.entry);
    const written = await tx.knowledge.update(next, version, event.now);
    await tx.audit.append(
      entryEvent(current.entry, next, event.user, event.now, event.action, event.reason ?? null),
    );
    return written;
  });
  cache.touch(jurisdictionId, stored.entry, beijingDate(event.now));
  return stored;
}

export function reviseKnowledge(
  store: Store,
  cache: KnowledgeCache,
  jurisdictionId: number,
  id: number,
  expectedVersion: number | undefined,
  content: KnowledgeContent,
  user: User,
  ctx: KnowledgeContext,
  now: string,
) {
  const actor = knowledgeActor(user);
  return changeEntry(
    store,
    cache,
    jurisdictionId,
    id,
    expectedVersion,
    (e) => reviseKnowledgeEntry(e, content, actor, ctx, now),
    {
      user,
      now,
      action: 'knowledge_entry.revise',
    },
  );
}

export function submitKnowledge(
  store: Store,
  cache: KnowledgeCache,
  jurisdictionId: number,
  id: number,
  expectedVersion: number | undefined,
  user: User,
  now: string,
) {
  const actor = knowledgeActor(user);
  return changeEntry(
    store,
    cache,
    jurisdictionId,
    id,
    expectedVersion,
    (e) => submitKnowledgeEntry(e, actor, now),
    {
      user,
      now,
      action: 'knowledge_entry.submit',
    },
  );
}

export function decideKnowledge(
  store: Store,
  cache: KnowledgeCache,
  jurisdictionId: number,
  id: number,
  expectedVersion: number | undefined,
  decision: { approve: boolean; note?: string | undefined },
  user: User,
  now: string,
) {
  const actor = knowledgeActor(user);
  const note = decision.note ?? '';
  return changeEntry(
    store,
    cache,
    jurisdictionId,
    id,
    expectedVersion,
    (e) => decideKnowledgeEntry(e, { approve: decision.approve, note }, actor, now),
    {
      user,
      now,
      action: decision.approve ? 'knowledge_entry.approve' : 'knowledge_entry.return',
      reason: note || null,
    },
  );
}

export function confirmKnowledge(
  store: Store,
  cache: KnowledgeCache,
  jurisdictionId: number,
  id: number,
  expectedVersion: number | undefined,
  nextReviewBy: string,
  user: User,
  ctx: KnowledgeContext,
  now: string,
) {
  const actor = knowledgeActor(user);
  return changeEntry(
    store,
    cache,
    jurisdictionId,
    id,
    expectedVersion,
    (e) => confirmKnowledgeEntry(e, nextReviewBy, actor, ctx, now),
    { user, now, action: 'knowledge_entry.confirm' },
  );
}

export function retireKnowledge(
  store: Store,
  cache: KnowledgeCache,
  jurisdictionId: number,
  id: number,
  expectedVersion: number | undefined,
  reason: string,
  user: User,
  now: string,
) {
  const actor = knowledgeActor(user);
  return changeEntry(
    store,
    cache,
    jurisdictionId,
    id,
    expectedVersion,
    (e) => retireKnowledgeEntry(e, reason, actor, now),
    {
      user,
      now,
      action: 'knowledge_entry.retire',
      reason,
    },
  );
}

/**
 * The operator's one step (直接答复): the call is taken in and closed with the entry's answer
 * (or the words the operator said), no unit dispatched, in one transaction — both events or
 * neither. CONFLICT when the entry is not in force today or is of another street.
 */
export async function answerFromKnowledge(
  store: Store,
  setup: RequestsSetup,
  intake: OrderIntake,
  answer: { entryId: number; text?: string | undefined },
  actor: RequestActor,
  now: string,
): Promise<WorkOrder> {
  const { entry } = await store.knowledge.get(answer.entryId, setup.jurisdictionId);
  const input = deriveDirectAnswer(entry, { area: intake.location.area }, now, answer.text);
  return store.transaction(async (tx) => {
    const received = await tx.requests.receiveNewOrder({
      jurisdictionId: setup.jurisdictionId,
      dedupeKey: deriveDedupeKey(intake),
      since: new Date(Date.parse(now) - 1000).toISOString(),
      build: (recent, id) =>
        receiveOrder(intake, {
          id,
          now,
          actor,
          catalogue: setup.catalogue,
          jurisdiction: setup.jurisdiction,
          jurisdictionId: setup.jurisdictionId,
          recent,
        }),
    });
    const { order, event } = applyEvent(received, input, actor, now, { calendar: setup.calendar });
    await tx.requests.appendEvent(order, event, received.version);
    return order;
  });
}

/** The knowledge base as a workbook (知识库.xlsx): every entry not retired, or one unit's. */
export async function exportKnowledge(
  store: Store,
  setup: RequestsSetup,
  ownerUnitId: number | undefined,
  now: string,
): Promise<Buffer> {
  const entries = await store.knowledge.listLive(setup.jurisdictionId, ownerUnitId);
  const names = new Map(setup.units.map((unit) => [unit.id, unit.name]));
  return writeKnowledgeWorkbook(entries, (id) => names.get(id) ?? '', beijingDate(now));
}

/**
 * A 知识库 workbook read in, all or nothing in one transaction: rows without 条目编号 become new
 * drafts, rows with one revise that entry when anything changed. Every bad cell is named; a
 * row the domain refuses (another unit's entry, one waiting for approval) names its row.
 */
export async function importKnowledge(
  store: Store,
  cache: KnowledgeCache,
  setup: RequestsSetup,
  file: { bytes: Uint8Array; fileName: string },
  user: User,
  now: string,
): Promise<{ created: number[]; revised: number[]; unchanged: number[] }> {
  const actor = knowledgeActor(user);
  const ctx = knowledgeContext(setup, now);
  const rows = await readKnowledgeWorkbook(
    file.bytes,
    { ...ctx, units: setup.units, today: beijingDate(now) },
    file.fileName,
  );
  const result = { created: [] as number[], revised: [] as number[], unchanged: [] as number[] };
  const touched: KnowledgeEntry[] = [];
  const problems: ErrorDetail[] = [];
  await store.transaction(async (tx) => {
    for (const row of rows) {
      try {
        if (row.entryId === null) {
          const made = await tx.knowledge.insert(
            (id) => createKnowledgeEntry(id, row.content, actor, ctx, now),
            now,
          );
          await tx.audit.append(
            entryEvent(null, made.entry, user, now, 'knowledge_entry.create', file.fileName),
          );
          result.created.push(made.entry.id);
          touched.push(made.entry);
          continue;
        }
        const current = await tx.knowledge.get(row.entryId, setup.jurisdictionId);
        const last = current.entry.versions.at(-1);
        if (last && sameContent(last, row.content)) {
          result.unchanged.push(row.entryId);
          continue;
        }
        const next = reviseKnowledgeEntry(current.entry, row.content, actor, ctx, now);
        const written = await tx.knowledge.update(next, current.version, now);
        await tx.audit.append(
          entryEvent(current.entry, next, user, now, 'knowledge_entry.revise', file.fileName),
        );
        result.revised.push(row.entryId);
        touched.push(written.entry);
      } catch (error) {
        if (!isAppError(error)) throw error;
        const reasons = error.details.length > 0 ? error.details.map((d) => d.message) : [error.message];
        for (const message of reasons) problems.push({ path: row.at, message });
      }
    }
    if (problems.length > 0)
      throw new AppError('BAD_INPUT', `${file.fileName} 未导入：${problems.length} 行有误`, problems);
  });
  for (const entry of touched) cache.touch(setup.jurisdictionId, entry, beijingDate(now));
  return result;
}

function sameContent(version: KnowledgeContent, content: KnowledgeContent): boolean {
  const keys: (keyof KnowledgeContent)[] = [
    'question',
    'answer',
    'category',
    'area',
    'ownerUnitId',
    'source',
    'validFrom',
    'validTo',
    'reviewBy',
  ];
  return (
    keys.every((key) => version[key] === content[key]) &&
    version.keywords.join('\u0001') === [...new Set(content.keywords)].join('\u0001')
  );
}
