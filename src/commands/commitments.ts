/**
 * The public promise tracker (issue 19): every commitment of a published plan as the public
 * reads it (original vs current promise, due date and overdue, verdict with its history, public
 * evidence, comment count and last answer, followers), the plan's Atom feed of public changes,
 * and following by e-mail (double opt-in, one-click unsubscribe). Nothing personal: no names of
 * staff, no commenters, no addresses of followers.
 */
import { queueFollowerEmail } from './notify.js';
import { randomBytes } from 'node:crypto';
import type { PublicCommitment, PublicCommitmentList, PublicCommitmentRow } from '../contract/promises.js';
import { AppError } from '../errors.js';
import type { OutlineNode, Plan } from '../plan/types.js';
import type { ItemRef } from '../store/promises.js';
import type { PublicEvidenceCopyInfo, Store } from '../store/types.js';
import {
  VERDICT_LABELS,
  composeConfirmation,
  confirmFollow,
  deriveFeedEntries,
  deriveTagBase,
  hashSecret,
  getCurrentVerdict,
  listPublicEvidence,
  renderAtomFeed,
  requestEmailFollow,
  startVerdictRecord,
  unsubscribe,
} from '../verdicts/index.js';
import type { DigestCadence, FollowSubject, SubjectInfo, VerdictRecord } from '../verdicts/index.js';
import { targetTitle } from './cockpit.js';
import { derivePlanHealthView } from './health.js';
import type { HealthViews, PlanHealthView } from './health.js';
import { loadPromiseBook } from './promises.js';
import type { PromiseBook } from './promises.js';
import { loadVerdictRecords } from './verdicts.js';
import { beijingDate } from '../requests/calendar.js';

const key = (r: { type: string; id: number }) => `${r.type}:${r.id}`;

/** The web page of a commitment, of a plan's tracker, and the feed (absolute, from `origin`). */
export const publicLinks = (origin: string, planId: number) => ({
  plan: `${origin}/public/${planId}/promises`,
  item: (r: { type: string; id: number }) => `${origin}/public/${planId}/promises/${r.type}/${r.id}`,
  feed: `${origin}/api/v1/public/plans/${planId}/feed.atom`,
  chapterFeed: (chapterId: number) =>
    `${origin}/api/v1/public/plans/${planId}/chapters/${chapterId}/feed.atom`,
});

/** A published plan, else NOT_FOUND (the public never learns a draft exists). */
async function getPublishedPlan(store: Store, planId: number): Promise<Plan> {
  const plan = await store.plans.get(planId);
  if (plan.state !== 'published') throw new AppError('NOT_FOUND', `plan ${planId} not found`);
  return plan;
}

function chapterOfNode(outline: readonly OutlineNode[]) {
  const byId = new Map(outline.map((n) => [n.id, n]));
  return (nodeId: number | null): OutlineNode | undefined => {
    let node = nodeId === null ? undefined : byId.get(nodeId);
    while (node && node.parentId !== null) node = byId.get(node.parentId);
    return node;
  };
}

interface Tracker {
  plan: Plan;
  view: PlanHealthView;
  book: PromiseBook;
  verdicts: Map<string, VerdictRecord>;
  comments: Map<string, number>;
  unitName: Map<number, string>;
  chapterOf: (nodeId: number | null) => OutlineNode | undefined;
}

async function loadTracker(store: Store, views: HealthViews, planId: number, date: string): Promise<Tracker> {
  const plan = await getPublishedPlan(store, planId);
  const view = await derivePlanHealthView(store, views, planId, date);
  const [book, verdicts, comments, units] = await Promise.all([
    loadPromiseBook(store, planId, {
      tasks: view.items.tasks,
      targets: view.items.targets,
      extensions: view.extensions,
    }),
    loadVerdictRecords(store, plan),
    store.comments.countPublished(planId),
    store.units.list(),
  ]);
  return {
    plan,
    view,
    book,
    verdicts,
    comments,
    unitName: new Map(units.map((u) => [u.id, u.name])),
    chapterOf: chapterOfNode(view.items.outline),
  };
}

function rowsOf(t: Tracker): PublicCommitmentRow[] {
  const { view, book } = t;
  const rows: PublicCommitmentRow[] = [];
  const push = (
    ref: ItemRef,
    title: string,
    nodeId: number | null,
    leadUnitId: number | null,
    finished: boolean,
  ) => {
    const health =
      (ref.type === 'task' ? view.health.tasks.get(ref.id) : view.health.targets.get(ref.id))?.health ??
      'no_data';
    const record =
      t.verdicts.get(key(ref)) ?? startVerdictRecord({ ...ref, planId: t.plan.id }, since(t.plan));
    const verdict = getCurrentVerdict(record).verdict;
    const promise = book.view(ref, { today: view.date, finished });
    rows.push({
      ...ref,
      title,
      chapterId: t.chapterOf(nodeId)?.id ?? null,
      leadUnit: leadUnitId === null ? null : (t.unitName.get(leadUnitId) ?? null),
      health,
      verdict,
      verdictLabel: VERDICT_LABELS[verdict],
      deadline: promise.deadline,
      value: promise.value,
      comments: t.comments.get(key(ref)) ?? 0,
    });
  };
  for (const task of view.items.tasks) {
    push(
      { type: 'task', id: task.id },
      task.text,
      task.outlineNodeId,
      task.leadUnitId,
      task.state === 'done' || task.state === 'closed',
    );
  }
  for (const target of view.items.targets) {
    const done = view.health.targets.get(target.id)?.health === 'done';
    push(
      { type: 'target', id: target.id },
      targetTitle(target),
      target.outlineNodeId,
      target.leadUnitId,
      done,
    );
  }
  return rows;
}

/** A verdict record as the public reads it: dates and words, no one's name. */
export function presentVerdicts(record: VerdictRecord) {
  const present = (e: VerdictRecord['entries'][number]) => ({
    verdict: e.verdict,
    label: VERDICT_LABELS[e.verdict],
    on: beijingDate(e.at),
    note: e.note,
    newPromise: e.newPromise,
    evidenceIds: e.evidenceIds,
  });
  return { current: present(getCurrentVerdict(record)), history: record.entries.map(present) };
}

const since = (plan: Plan) => plan.publishedAt ?? plan.createdAt;

/** Every commitment of a published plan as the public list shows it (NOT_FOUND for a draft). */
export async function listPublicCommitments(
  store: Store,
  views: HealthViews,
  planId: number,
  date: string,
): Promise<PublicCommitmentList> {
  const tracker = await loadTracker(store, views, planId, date);
  return { asOf: date, items: rowsOf(tracker) };
}

/** One commitment's public page (NOT_FOUND for a draft plan or an item not of the plan). */
export async function getPublicCommitment(
  store: Store,
  views: HealthViews,
  planId: number,
  ref: ItemRef,
  date: string,
): Promise<PublicCommitment> {
  const t = await loadTracker(store, views, planId, date);
  const row = rowsOf(t).find((r) => r.type === ref.type && r.id === ref.id);
  const item =
    ref.type === 'task'
      ? t.view.items.tasks.find((x) => x.id === ref.id)
      : t.view.items.targets.find((x) => x.id === ref.id);
  if (!row || !item) throw new AppError('NOT_FOUND', `${ref.type} ${ref.id} not found`);
  const record = t.verdicts.get(key(ref)) ?? startVerdictRecord({ ...ref, planId }, since(t.plan));
  const text = await store.plans.getText(planId);
  const [evidence, copies, answered, followers] = await Promise.all([
    store.tracking.listEvidence(planId, listPublicEvidence(record)),
    store.tracking.listPublicCopies(planId, listPublicEvidence(record)),
    store.comments.list(planId, { subject: ref, states: ['published'] }),
    store.follows.countActive({ kind: ref.type, id: ref.id, planId }),
  ]);
  const last = answered.find((c) => c.answer !== null)?.answer ?? null;
  const state = 'state' in item ? item.state : null;
  const finished = state === null ? row.health === 'done' : state === 'done' || state === 'closed';
  return {
    planId,
    type: ref.type,
    id: ref.id,
    title: row.title,
    sentence: text.slice(item.span[0], item.span[1]),
    chapter: t.chapterOf(item.outlineNodeId)?.title ?? null,
    leadUnit: row.leadUnit,
    state,
    health: row.health,
    promise: t.book.view(ref, { today: date, finished }),
    verdict: presentVerdicts(record),
    evidence: evidence.map((e) => {
      const copy = copies.find((c) => c.id === e.id);
      return copy
        ? {
            id: e.id,
            name: e.name,
            contentType: copy.mimeType,
            size: copy.size,
            version: copy.sha256.slice(0, 16),
          }
        : { id: e.id, name: e.name, contentType: e.mimeType, size: e.size, version: null };
    }),
    comments: {
      count: answered.length,
      lastAnswer: last
        ? { unit: t.unitName.get(last.unitId) ?? null, text: last.text, on: beijingDate(last.at) }
        : null,
    },
    followers,
    asOf: date,
  };
}

/**
 * The public copy of an evidence file for anyone (issue 19.4): NOT_FOUND unless the plan is
 * published, a verdict of one of its commitments made the file public and its copy was made
 * (metadata stripped). One answer for every other case: a draft, an internal file, a file of
 * another plan or place.
 */
export async function getPublicEvidenceCopy(
  store: Store,
  planId: number,
  fileId: number,
): Promise<PublicEvidenceCopyInfo & { bytes: Uint8Array }> {
  const missing = new AppError('NOT_FOUND', `no public evidence file ${fileId} in plan ${planId}`);
  const plan = await store.plans.get(planId).catch(() => undefined);
  if (plan?.state !== 'published') throw missing;
  const records = await loadVerdictRecords(store, plan);
  const isPublic = [...records.values()].some((r) => listPublicEvidence(r).includes(fileId));
  const copy = isPublic ? await store.tracking.findPublicCopy(planId, fileId) : undefined;
  if (!copy) throw missing;
  return copy;
}

/** How each commitment of the plan is named in feeds and messages. */
export async function subjectInfos(
  store: Store,
  views: HealthViews,
  planId: number,
  date: string,
  origin: string,
): Promise<{ plan: Plan; infos: Map<string, SubjectInfo>; chapters: Map<number, string> }> {
  const t = await loadTracker(store, views, planId, date);
  const links = publicLinks(origin, planId);
  const infos = new Map<string, SubjectInfo>();
  for (const row of rowsOf(t)) {
    const target = row.type === 'target' ? t.view.items.targets.find((x) => x.id === row.id) : undefined;
    infos.set(`${planId}:${row.type}:${row.id}`, {
      title: row.title,
      ...(target ? { unit: target.unit } : {}),
      ...(row.deadline ? { dueOn: row.deadline.current } : {}),
      url: links.item(row),
    });
  }
  const chapters = new Map(
    t.view.items.outline.filter((n) => n.parentId === null).map((n) => [n.id, n.title]),
  );
  return { plan: t.plan, infos, chapters };
}

/**
 * The plan's Atom feed: its public changes, newest first (NOT_FOUND for a draft). With a
 * chapter (a first-level heading of the outline), that chapter's changes only; NOT_FOUND for a
 * chapter not of the plan.
 */
export async function renderPlanFeed(
  store: Store,
  views: HealthViews,
  planId: number,
  now: string,
  origin: string,
  sender: string,
  chapterId?: number,
): Promise<string> {
  const { plan, infos, chapters } = await subjectInfos(store, views, planId, beijingDate(now), origin);
  const chapter = chapterId === undefined ? undefined : chapters.get(chapterId);
  if (chapterId !== undefined && chapter === undefined) {
    throw new AppError('NOT_FOUND', `chapter ${chapterId} not found in plan ${planId}`);
  }
  const changes = await store.promises.listChanges(
    chapterId === undefined ? { planId } : { planId, chapterId },
  );
  const links = publicLinks(origin, planId);
  const tag = deriveTagBase(origin, since(plan));
  return renderAtomFeed({
    id: chapterId === undefined ? `${tag}:plan:${planId}` : `${tag}:plan:${planId}:chapter:${chapterId}`,
    title: chapter === undefined ? `${plan.title}：承诺事项进展` : `${plan.title}·${chapter}：承诺事项进展`,
    subtitle: '评估结论、办理状态、完成时限和公开佐证材料的变化',
    updated: since(plan),
    selfUrl: chapterId === undefined ? links.feed : links.chapterFeed(chapterId),
    pageUrl: links.plan,
    author: sender,
    entries: deriveFeedEntries(changes, infos, tag),
  });
}

const token = () => randomBytes(32).toString('base64url');

/** What a follow request is about, checked against the published plan. */
async function followTitle(
  store: Store,
  views: HealthViews,
  subject: FollowSubject,
  date: string,
  origin: string,
) {
  const { plan, infos, chapters } = await subjectInfos(store, views, subject.planId, date, origin);
  const title =
    subject.kind === 'plan'
      ? plan.title
      : subject.kind === 'chapter'
        ? chapters.get(subject.id)
        : infos.get(`${subject.planId}:${subject.kind}:${subject.id}`)?.title;
  if (title === undefined) throw new AppError('NOT_FOUND', `${subject.kind} ${subject.id} not found`);
  return title;
}

/**
 * Someone asks to follow by e-mail: a pending follow and, unless the address follows it
 * already, a confirmation message in the outbox (double opt-in). The answer is the same either
 * way, so it does not tell whether the address follows.
 */
export async function requestFollow(
  store: Store,
  views: HealthViews,
  input: { subject: FollowSubject; email: string; cadence: DigestCadence },
  now: string,
  origin: string,
  sender: string,
): Promise<void> {
  const title = await followTitle(store, views, input.subject, beijingDate(now), origin);
  const confirm = token();
  const unsubscribeToken = token();
  await store.transaction(async (tx) => {
    const email = input.email.trim().toLowerCase();
    const existing = await tx.follows.listByEmail(email);
    const sent = await tx.follows.listMessageTimes(
      email,
      'follow.confirm',
      new Date(Date.parse(now) - 86_400_000).toISOString(),
    );
    const { follow, outcome } = requestEmailFollow(
      { id: 0, subject: input.subject, email: input.email, cadence: input.cadence },
      { confirm, unsubscribe: unsubscribeToken },
      now,
      existing,
      sent,
    );
    if (outcome !== 'confirmation_sent') return;
    const saved = await tx.follows.save(follow);
    const notice = {
      ...composeConfirmation({
        subject: input.subject,
        subjectTitle: title,
        confirmUrl: `${origin}/public/follows/confirm?token=${confirm}`,
        sender,
      }),
      // One click ends the follow, from this message on (RFC 8058); a pending follow asked again
      // keeps the link of its first message.
      ...(saved.unsubscribeHash === hashSecret(unsubscribeToken)
        ? { unsubscribeUrl: `${origin}/public/follows/unsubscribe?token=${unsubscribeToken}` }
        : {}),
    };
    const id = `confirm:${saved.id}:${now}`;
    await tx.follows.addMessage(
      { id, email: saved.email!, kind: 'follow.confirm', notice, lastChangeId: null },
      now,
    );
    // Sent by the outbox worker like every other message (double opt-in needs it to arrive).
    await queueFollowerEmail(tx, saved.email!, notice, `follow.confirm|${id}`, now);
  });
}

/** The confirmation link was opened: the follow is active (NOT_FOUND, or BAD_INPUT when expired). */
export async function confirmEmailFollow(store: Store, confirmToken: string, now: string): Promise<void> {
  await store.transaction(async (tx) => {
    const candidate = await tx.follows.findByConfirmHash(hashSecret(confirmToken));
    const follow = confirmFollow(candidate, confirmToken, now);
    if (follow !== candidate) await tx.follows.save(follow);
  });
}

/** One-click unsubscribe: `one` ends the follow, `all` every follow of its address. */
export async function unsubscribeEmailFollow(
  store: Store,
  unsubscribeToken: string,
  scope: 'one' | 'all',
  now: string,
): Promise<number> {
  return store.transaction(async (tx) => {
    const owner = await tx.follows.findByUnsubscribeHash(hashSecret(unsubscribeToken));
    if (!owner?.email) throw new AppError('NOT_FOUND', 'This unsubscribe link is not valid');
    const ended = unsubscribe(await tx.follows.listByEmail(owner.email), unsubscribeToken, scope, now);
    for (const f of ended) await tx.follows.save(f);
    return ended.length;
  });
}
