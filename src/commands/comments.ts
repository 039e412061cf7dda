/**
 * Comments on commitments (留言, issue 19): a citizen signs in with a code sent to a mobile or an
 * address (kept only as a keyed hash), comments on a commitment of a published plan within the
 * rate rules, the plan office moderates, the lead unit answers in public. Each write is one
 * transaction with its audit event (a citizen's with no actor and nothing about them); the public
 * reads the published words with personal data hidden, never who wrote them.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { PublicCommentList, StaffComment, StaffCommentList } from '../contract/comments.js';
import { AppError } from '../errors.js';
import type { Actor } from '../plan/audit.js';
import { createAuditEvent } from '../plan/audit.js';
import { isSupervisor } from '../plan/supervision.js';
import type { Target, Task } from '../plan/types.js';
import type { ItemRef } from '../store/promises.js';
import type { StoredComment } from '../store/comments.js';
import type { Store } from '../store/types.js';
import {
  answerComment,
  deriveCommenterKey,
  derivePublicComments,
  hashSecret,
  issueChallenge,
  maskPersonalData,
  moderateComment,
  parseContact,
  submitComment,
  verifyChallenge,
} from '../verdicts/index.js';
import type { Comment, CommentSubject, ContactKind, ModerationAction } from '../verdicts/index.js';
import { targetTitle } from './cockpit.js';
import { queueNotice } from './notify.js';

/** How long a commenter stays signed in. */
export const COMMENTER_SESSION_DAYS = 30;

/**
 * Where the deployment's commenter secret is kept when none is configured: the deployment's, as
 * a commenter's key is the same in every jurisdiction.
 */
const SECRET_SCOPE = 'comments:secret';

/**
 * The secret commenter keys are made with: the configured one, else one made on first use and
 * kept in the database (a copy of the database then holds it too: configure one to keep the
 * contacts out of reach of whoever holds a copy).
 */
export async function loadCommenterSecret(store: Store, configured?: string): Promise<string> {
  if (configured && configured.length >= 16) return configured;
  const saved = await store.notifySettings.findDeployment(SECRET_SCOPE);
  const secretOf = (data: unknown) => (data as { secret?: string } | null)?.secret;
  if (saved && secretOf(saved.data)) return secretOf(saved.data)!;
  const fresh = randomBytes(32).toString('base64url');
  await store.notifySettings.saveDeployment(SECRET_SCOPE, { secret: fresh }, 0, new Date().toISOString());
  // A concurrent first use may have won: read back what was kept.
  const kept = await store.notifySettings.findDeployment(SECRET_SCOPE);
  return secretOf(kept?.data) ?? fresh;
}

/**
 * A citizen asks for a code: the challenge is kept (the code only as a hash) and the code goes
 * out through the outbox by SMS or e-mail. BAD_INPUT at `contact`; RATE_LIMITED as
 * `issueChallenge`.
 */
export async function requestCommentCode(
  store: Store,
  input: { kind: ContactKind; contact: string },
  secret: string,
  now: string,
  sender: string,
): Promise<{ challengeId: number }> {
  const contact = parseContact(input.kind, input.contact);
  const commenterKey = deriveCommenterKey(input.kind, contact, secret);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  return store.transaction(async (tx) => {
    const since = new Date(Date.parse(now) - 86_400_000).toISOString();
    const recent = await tx.comments.listChallengeTimes(commenterKey, since);
    const challenge = issueChallenge({ id: 0, kind: input.kind, commenterKey }, code, now, recent);
    const saved = await tx.comments.insertChallenge(challenge);
    await queueNotice(tx, {
      recipients: [
        {
          key: `commenter:${saved.id}`,
          name: '留言人',
          destinations: [
            input.kind === 'phone' ? { channel: 'sms', phone: contact } : { channel: 'email', to: contact },
          ],
        },
      ],
      notice: {
        kind: 'comment.code',
        title: '留言验证码',
        intro: `您的留言验证码为${code}，10分钟内有效。如非本人操作，请忽略。`,
        items: [],
        sender,
      },
      dedupeBase: `comment-code:${saved.id}`,
      now,
    });
    return { challengeId: saved.id };
  });
}

/**
 * A citizen enters the code: on success a session token (its hash kept) for
 * `COMMENTER_SESSION_DAYS`. BAD_INPUT at `code` when wrong, expired or spent (the attempt counts);
 * NOT_FOUND for an unknown challenge.
 */
export async function signInCommenter(
  store: Store,
  challengeId: number,
  code: string,
  now: string,
): Promise<{ token: string; expiresAt: string }> {
  const outcome = await store.transaction(async (tx) => {
    const challenge = await tx.comments.findChallenge(challengeId);
    if (!challenge) throw new AppError('NOT_FOUND', 'This code request is unknown: ask for a new code');
    const result = verifyChallenge(challenge, code, now);
    await tx.comments.saveChallenge(result.challenge);
    if (!result.ok) return result;
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.parse(now) + COMMENTER_SESSION_DAYS * 86_400_000).toISOString();
    await tx.comments.insertSession(hashSecret(token), challenge.commenterKey, now, expiresAt);
    return { ok: true as const, token, expiresAt };
  });
  if (!outcome.ok) {
    const why = {
      wrong: 'the code is not right',
      expired: 'the code has expired',
      spent: 'ask for a new code',
    };
    // The wrong attempt is kept above; the refusal comes after its transaction.
    throw new AppError('BAD_INPUT', 'The code was not accepted', [
      { path: 'code', message: why[outcome.reason] },
    ]);
  }
  return { token: outcome.token, expiresAt: outcome.expiresAt };
}

/** The commenter key of a session token, or undefined when none or expired. */
export async function findCommenter(store: Store, token: string | undefined, now: string) {
  if (!token || token.length < 32 || token.length > 200) return undefined;
  const session = await store.comments.findSession(hashSecret(token));
  if (!session || Date.parse(session.expiresAt) <= Date.parse(now)) return undefined;
  return session.commenterKey;
}

/** A commitment of a plan the public may comment on, with its lead unit; NOT_FOUND otherwise. */
async function loadSubject(store: Store, planId: number, ref: ItemRef, published: boolean) {
  const plan = await store.plans.get(planId);
  if (published && plan.state !== 'published') throw new AppError('NOT_FOUND', `plan ${planId} not found`);
  const item: Task | Target =
    ref.type === 'task' ? await store.tasks.get(planId, ref.id) : await store.targets.get(planId, ref.id);
  const subject: CommentSubject = { type: ref.type, id: ref.id, planId, leadUnitId: item.leadUnitId };
  return { plan, item, subject };
}

/**
 * A signed-in citizen comments on a commitment of a published plan: it waits for the plan
 * office. UNAUTHENTICATED without a commenter; BAD_INPUT, CONFLICT, RATE_LIMITED as
 * `submitComment`.
 */
export async function submitPublicComment(
  store: Store,
  planId: number,
  ref: ItemRef,
  commenterKey: string | undefined,
  body: string,
  now: string,
): Promise<void> {
  if (!commenterKey) {
    throw new AppError('UNAUTHENTICATED', 'Verify a mobile number or an e-mail address to comment');
  }
  await store.transaction(async (tx) => {
    const { subject } = await loadSubject(tx, planId, ref, true);
    const since = new Date(Date.parse(now) - 86_400_000).toISOString();
    const earlier = await tx.comments.listByCommenter(commenterKey, since);
    const comment = submitComment({ id: 0, subject, commenterKey, body }, now, earlier);
    const saved = await tx.comments.insert(comment);
    await tx.audit.append(
      createAuditEvent({
        at: now,
        actor: null,
        entity: { type: ref.type, id: ref.id },
        planId,
        action: 'comment.submit',
        after: { commentId: saved.id, state: saved.state, flags: saved.flags.length },
      }),
    );
  });
}

/** A unit's name by id, for answers. */
async function unitNames(store: Store): Promise<Map<number, string>> {
  return new Map((await store.units.list()).map((u) => [u.id, u.name]));
}

/** A commitment's published comments for the public (NOT_FOUND for a draft plan or another item). */
export async function listPublicComments(
  store: Store,
  planId: number,
  ref: ItemRef,
): Promise<PublicCommentList> {
  await loadSubject(store, planId, ref, true);
  const [comments, names] = await Promise.all([
    store.comments.list(planId, { subject: ref, states: ['published'] }),
    unitNames(store),
  ]);
  const view = derivePublicComments(comments);
  return {
    count: view.count,
    items: view.comments.map((c) => ({
      id: c.id,
      body: c.body,
      on: c.on,
      answer: c.answer
        ? { unit: names.get(c.answer.unitId) ?? null, text: c.answer.text, on: c.answer.on }
        : null,
    })),
  };
}

/**
 * The comments of a plan as staff see them: the plan office every state (with the words as
 * written and the personal data flagged); the lead units and leaders the published ones (their
 * words with personal data hidden), a reporter only those on its units' commitments.
 */
export async function listStaffComments(
  store: Store,
  planId: number,
  actor: Actor,
  state?: Comment['state'],
): Promise<StaffCommentList> {
  const office = isSupervisor(actor);
  const [items, all, names] = await Promise.all([
    store.plans.getItems(planId),
    store.comments.list(planId),
    unitNames(store),
  ]);
  const titles = new Map<string, { title: string; leadUnitId: number | null }>();
  for (const t of items.tasks) titles.set(`task:${t.id}`, { title: t.text, leadUnitId: t.leadUnitId });
  for (const t of items.targets)
    titles.set(`target:${t.id}`, { title: targetTitle(t), leadUnitId: t.leadUnitId });
  const answersFor = (leadUnitId: number | null) =>
    leadUnitId !== null &&
    (actor.role === 'admin' || (actor.role === 'reporter' && actor.unitIds.includes(leadUnitId)));
  const visible = all.filter((c) => {
    if (office) return true;
    if (c.state !== 'published') return false;
    if (actor.role !== 'reporter') return true;
    const lead = titles.get(`${c.subject.type}:${c.subject.id}`)?.leadUnitId ?? null;
    return answersFor(lead);
  });
  const counts = { pending: 0, published: 0, rejected: 0, hidden: 0 };
  for (const c of visible) counts[c.state] += 1;
  return {
    counts,
    canModerate: office,
    items: visible
      .filter((c) => state === undefined || c.state === state)
      .map((c) => presentStaffComment(c, titles, names, actor, office)),
  };
}

function presentStaffComment(
  c: StoredComment,
  titles: Map<string, { title: string; leadUnitId: number | null }>,
  names: Map<number, string>,
  actor: Actor,
  office: boolean,
): StaffComment {
  const item = titles.get(`${c.subject.type}:${c.subject.id}`);
  const leadUnitId = item?.leadUnitId ?? null;
  const answers =
    leadUnitId !== null &&
    (actor.role === 'admin' || (actor.role === 'reporter' && actor.unitIds.includes(leadUnitId)));
  return {
    id: c.id,
    type: c.subject.type,
    itemId: c.subject.id,
    itemTitle: item?.title ?? '',
    leadUnit: leadUnitId === null ? null : (names.get(leadUnitId) ?? null),
    body: office ? c.body : maskPersonalData(c.body),
    state: c.state,
    createdAt: c.createdAt,
    flags: office ? c.flags : [],
    moderation:
      office && c.moderation
        ? { at: c.moderation.at, reason: c.moderation.reason, note: c.moderation.note }
        : null,
    answer: c.answer
      ? {
          unit: names.get(c.answer.unitId) ?? null,
          text: c.answer.text,
          at: c.answer.at,
          editedAt: c.answer.editedAt,
        }
      : null,
    canModerate: office,
    canAnswer: answers && c.state === 'published',
    version: c.version,
  };
}

/** Reads a comment under its plan and checks the version the caller saw (CONFLICT when moved). */
async function loadComment(tx: Store, planId: number, commentId: number, version: number) {
  const comment = await tx.comments.get(planId, commentId);
  if (comment.version !== version) {
    throw new AppError(
      'CONFLICT',
      `comment ${commentId} was changed by someone else: reload it and try again`,
      [{ path: 'version', message: 'stale version' }],
    );
  }
  const item =
    comment.subject.type === 'task'
      ? await tx.tasks.get(planId, comment.subject.id)
      : await tx.targets.get(planId, comment.subject.id);
  return { ...comment, subject: { ...comment.subject, leadUnitId: item.leadUnitId } };
}

/** The plan office moderates a comment (FORBIDDEN, CONFLICT, BAD_INPUT as `moderateComment`). */
export async function moderatePlanComment(
  store: Store,
  planId: number,
  commentId: number,
  action: ModerationAction,
  version: number,
  actor: Actor,
  now: string,
): Promise<void> {
  if (!isSupervisor(actor)) throw new AppError('FORBIDDEN', 'Only the plan office moderates comments');
  await store.transaction(async (tx) => {
    const comment = await loadComment(tx, planId, commentId, version);
    const { comment: next, event } = moderateComment(comment, action, actor, now);
    await tx.comments.update(next, version, now);
    await tx.audit.append(event);
  });
}

/** The lead unit answers a published comment in public (FORBIDDEN, CONFLICT, BAD_INPUT as `answerComment`). */
export async function answerPlanComment(
  store: Store,
  planId: number,
  commentId: number,
  text: string,
  version: number,
  actor: Actor,
  now: string,
): Promise<void> {
  await store.transaction(async (tx) => {
    const comment = await loadComment(tx, planId, commentId, version);
    const { comment: next, event } = answerComment(comment, text, actor, now);
    await tx.comments.update(next, version, now);
    await tx.audit.append(event);
  });
}
