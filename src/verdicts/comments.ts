/**
 * Comments on commitments (留言): a signed-in citizen writes, the plan office moderates
 * (publishes, rejects with a reason, hides with a reason, restores), the lead unit answers in
 * public. Rate rules keep one person from flooding a page; personal data found in a comment is
 * flagged for the moderator and hidden from the public text. Nothing about a commenter is ever
 * public: the public sees the words, the date and the answer. Pure.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import { MODERATION_REASONS } from '../contract/constants.js';
import type { COMMENT_STATES } from '../contract/constants.js';
import { createAuditEvent } from '../plan/audit.js';
import type { Actor, AuditEvent } from '../plan/audit.js';
import { dateOf } from '../plan/dates.js';
import { actsForUnit, isSupervisor } from '../plan/supervision.js';
import { cleanText, instantOf, throwIfAny } from './checks.js';

export type CommentState = (typeof COMMENT_STATES)[number];
export type ModerationReason = (typeof MODERATION_REASONS)[number];

/** The offices' words for each reason. */
export const MODERATION_REASON_LABELS: Readonly<Record<ModerationReason, string>> = Object.freeze({
  personal_data: '含个人信息',
  abuse: '辱骂攻击',
  off_topic: '与本事项无关',
  advertising: '广告',
  duplicate: '重复留言',
  unlawful: '违法违规',
});

/** Kinds of personal data a comment may carry. */
export type PersonalDataKind = 'mobile' | 'landline' | 'id_card' | 'email' | 'long_number';

export interface PersonalDataHit {
  kind: PersonalDataKind;
  /** Where in the text (UTF-16 offsets), for the moderator's highlight. */
  start: number;
  end: number;
}

const PERSONAL_PATTERNS: readonly [PersonalDataKind, RegExp][] = [
  ['email', /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g],
  [
    'id_card',
    /(?<![0-9])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[0-9Xx](?![0-9])/g,
  ],
  ['mobile', /(?<![0-9])(?:\+?86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?![0-9])/g],
  ['landline', /(?<![0-9])0\d{2,3}[\s-]?\d{7,8}(?![0-9])/g],
  ['long_number', /(?<![0-9])\d{12,}(?![0-9])/g],
];

/**
 * Phone numbers, 身份证 numbers, e-mail addresses and long digit runs (bank cards) in a text,
 * in order, none overlapping (the first kind listed wins).
 * @example
 * findPersonalData('请联系13800138000') // [{ kind: 'mobile', start: 3, end: 14 }]
 */
export function findPersonalData(text: string): PersonalDataHit[] {
  const hits: PersonalDataHit[] = [];
  for (const [kind, pattern] of PERSONAL_PATTERNS) {
    for (const m of text.matchAll(pattern)) {
      const start = m.index;
      const end = start + m[0].length;
      if (!hits.some((h) => start < h.end && end > h.start)) hits.push({ kind, start, end });
    }
  }
  return hits.sort((a, b) => a.start - b.start);
}

/** What stands in for personal data in a published comment. */
export const MASK = '〔已隐去〕';

/**
 * The text with every piece of personal data replaced by `MASK`.
 * @example
 * maskPersonalData('电话13800138000') // '电话〔已隐去〕'
 */
export function maskPersonalData(text: string): string {
  let out = '';
  let at = 0;
  for (const hit of findPersonalData(text)) {
    out += text.slice(at, hit.start) + MASK;
    at = hit.end;
  }
  return out + text.slice(at);
}

export interface CommentLimits {
  /** Characters. Defaults 5 and 500. */
  minLength: number;
  maxLength: number;
  /** Seconds between two comments of one person. Default 60. */
  minIntervalSeconds: number;
  /** Comments of one person within an hour, and within a day. Defaults 5 and 20. */
  perHour: number;
  perDay: number;
  /** Comments of one person on one commitment within a day. Default 3. */
  perSubjectPerDay: number;
}

export const DEFAULT_COMMENT_LIMITS: Readonly<CommentLimits> = Object.freeze({
  minLength: 5,
  maxLength: 500,
  minIntervalSeconds: 60,
  perHour: 5,
  perDay: 20,
  perSubjectPerDay: 3,
});

export interface CommentSubject {
  type: 'task' | 'target';
  id: number;
  planId: number;
  /** The lead unit, who answers. */
  leadUnitId: number | null;
}

export interface Moderation {
  by: number;
  at: string;
  /** Required to reject or hide. */
  reason: ModerationReason | null;
  /** The office's own note (never public). */
  note: string | null;
}

export interface CommentAnswer {
  unitId: number;
  text: string;
  by: number;
  at: string;
  editedAt: string | null;
}

export interface Comment {
  id: number;
  subject: CommentSubject;
  /** The commenter's keyed hash (verification.ts): never public, never shown to staff as a contact. */
  commenterKey: string;
  body: string;
  state: CommentState;
  createdAt: string;
  /** Personal data found on submission, for the moderator. */
  flags: PersonalDataHit[];
  moderation: Moderation | null;
  answer: CommentAnswer | null;
}

/**
 * A signed-in citizen comments. `earlier` are the commenter's comments (any subject, any state).
 * BAD_INPUT at `body` when shorter or longer than the limits; CONFLICT for the same words on the
 * same commitment again; RATE_LIMITED when sooner than the interval or past the hour's, the day's
 * or the commitment's count. The comment waits for moderation, its personal data flagged.
 */
export function submitComment(
  input: { id: number; subject: CommentSubject; commenterKey: string; body: string },
  now: string,
  earlier: readonly Pick<Comment, 'subject' | 'body' | 'createdAt'>[],
  limits: CommentLimits = DEFAULT_COMMENT_LIMITS,
): Comment {
  const at = instantOf(now);
  const body = (cleanText(input.body) ?? '').replace(/\r\n?/g, '\n');
  const length = [...body].length;
  const problems: ErrorDetail[] = [];
  if (length < limits.minLength)
    problems.push({ path: 'body', message: `must be at least ${limits.minLength} characters` });
  if (length > limits.maxLength)
    problems.push({ path: 'body', message: `must be at most ${limits.maxLength} characters` });
  throwIfAny(problems, 'The comment is too short or too long');
  const sameSubject = (c: Pick<Comment, 'subject'>) =>
    c.subject.type === input.subject.type && c.subject.id === input.subject.id;
  if (earlier.some((c) => sameSubject(c) && c.body === body)) {
    throw new AppError('CONFLICT', 'The same comment was already left on this commitment');
  }
  const ages = earlier.map((c) => ({
    age: at - instantOf(c.createdAt, 'earlier.createdAt'),
    same: sameSubject(c),
  }));
  if (ages.some((a) => a.age < limits.minIntervalSeconds * 1000)) {
    throw new AppError(
      'RATE_LIMITED',
      `One comment a minute at most: try again in ${limits.minIntervalSeconds} seconds`,
    );
  }
  if (ages.filter((a) => a.age < 3_600_000).length >= limits.perHour) {
    throw new AppError('RATE_LIMITED', `At most ${limits.perHour} comments an hour: try again later`);
  }
  if (ages.filter((a) => a.age < 86_400_000).length >= limits.perDay) {
    throw new AppError('RATE_LIMITED', `At most ${limits.perDay} comments a day: try again tomorrow`);
  }
  if (ages.filter((a) => a.same && a.age < 86_400_000).length >= limits.perSubjectPerDay) {
    throw new AppError('RATE_LIMITED', `At most ${limits.perSubjectPerDay} comments a day on one commitment`);
  }
  return {
    id: input.id,
    subject: input.subject,
    commenterKey: input.commenterKey,
    body,
    state: 'pending',
    createdAt: now,
    flags: findPersonalData(body),
    moderation: null,
    answer: null,
  };
}

export type ModerationAction =
  | { type: 'publish'; note?: string | null }
  | { type: 'reject'; reason: ModerationReason; note?: string | null }
  | { type: 'hide'; reason: ModerationReason; note?: string | null }
  | { type: 'restore'; note?: string | null };

const MODERATION_FROM: Readonly<Record<ModerationAction['type'], readonly CommentState[]>> = {
  publish: ['pending'],
  reject: ['pending'],
  hide: ['published'],
  restore: ['hidden'],
};

const MODERATION_TO: Readonly<Record<ModerationAction['type'], CommentState>> = {
  publish: 'published',
  reject: 'rejected',
  hide: 'hidden',
  restore: 'published',
};

function commentEvent(
  comment: Comment,
  next: Comment,
  actor: Actor,
  now: string,
  action: string,
  reason: string | null,
): AuditEvent {
  return createAuditEvent({
    at: now,
    actor,
    entity: { type: comment.subject.type, id: comment.subject.id },
    planId: comment.subject.planId,
    action,
    before: { commentId: comment.id, state: comment.state, answer: comment.answer?.text ?? null },
    after: { commentId: next.id, state: next.state, answer: next.answer?.text ?? null },
    reason,
  });
}

/**
 * The plan office moderates: publish or reject a pending comment, hide a published one, restore
 * a hidden one. FORBIDDEN unless the plan office; CONFLICT when the state does not allow it;
 * BAD_INPUT without a known reason to reject or hide.
 */
export function moderateComment(
  comment: Comment,
  action: ModerationAction,
  actor: Actor,
  now: string,
): { comment: Comment; event: AuditEvent } {
  instantOf(now);
  if (!isSupervisor(actor)) throw new AppError('FORBIDDEN', 'Only the plan office moderates comments');
  if (!MODERATION_FROM[action.type].includes(comment.state)) {
    throw new AppError('CONFLICT', `A ${comment.state} comment cannot be ${action.type}ed`);
  }
  const reason = action.type === 'reject' || action.type === 'hide' ? action.reason : null;
  if (
    (action.type === 'reject' || action.type === 'hide') &&
    !(MODERATION_REASONS as readonly string[]).includes(action.reason)
  ) {
    throwIfAny(
      [{ path: 'reason', message: `must be one of ${MODERATION_REASONS.join(', ')}` }],
      'A reason is required to reject or hide a comment',
    );
  }
  const next: Comment = {
    ...comment,
    state: MODERATION_TO[action.type],
    moderation: { by: actor.userId, at: now, reason, note: cleanText(action.note) },
  };
  return { comment: next, event: commentEvent(comment, next, actor, now, `comment.${action.type}`, reason) };
}

/** The longest answer (characters). */
export const MAX_ANSWER_LENGTH = 1000;

/**
 * The lead unit answers a published comment in public (a second answer replaces the first, with
 * its edit time). FORBIDDEN unless a reporter of the lead unit or an admin; CONFLICT unless the
 * comment is published; BAD_INPUT at `text` when empty or too long.
 */
export function answerComment(
  comment: Comment,
  text: string,
  actor: Actor,
  now: string,
): { comment: Comment; event: AuditEvent } {
  instantOf(now);
  const unitId = comment.subject.leadUnitId;
  if (!actsForUnit(actor, unitId) || unitId === null) {
    throw new AppError('FORBIDDEN', 'Only the lead unit answers comments on its commitment');
  }
  if (comment.state !== 'published') throw new AppError('CONFLICT', 'Only a published comment is answered');
  const body = cleanText(text);
  const problems: ErrorDetail[] = [];
  if (body === null) problems.push({ path: 'text', message: 'an answer is required' });
  else if ([...body].length > MAX_ANSWER_LENGTH) {
    problems.push({ path: 'text', message: `must be at most ${MAX_ANSWER_LENGTH} characters` });
  }
  throwIfAny(problems, 'The answer is not valid');
  const answer: CommentAnswer = comment.answer
    ? { ...comment.answer, unitId, text: body!, by: actor.userId, editedAt: now }
    : { unitId, text: body!, by: actor.userId, at: now, editedAt: null };
  const next = { ...comment, answer };
  return { comment: next, event: commentEvent(comment, next, actor, now, 'comment.answer', null) };
}

/** A published comment as the public reads it. */
export interface PublicComment {
  id: number;
  /** The words, personal data hidden. */
  body: string;
  on: string;
  answer: { unitId: number; text: string; on: string } | null;
}

export interface PublicComments {
  count: number;
  /** The latest answer to any published comment. */
  lastAnswer: PublicComment['answer'];
  /** Newest first. */
  comments: PublicComment[];
}

/**
 * A commitment's comments for the public page: published ones only, newest first, personal data
 * masked, no commenter, no moderator; the count and the last answer.
 */
export function derivePublicComments(comments: readonly Comment[]): PublicComments {
  const published = comments
    .filter((c) => c.state === 'published')
    .sort((a, b) => instantOf(b.createdAt, 'createdAt') - instantOf(a.createdAt, 'createdAt') || b.id - a.id);
  let last: { at: number; answer: PublicComment['answer'] } | null = null;
  const list = published.map((c) => {
    const answer = c.answer
      ? { unitId: c.answer.unitId, text: c.answer.text, on: dateOf(c.answer.editedAt ?? c.answer.at) }
      : null;
    if (c.answer) {
      const at = instantOf(c.answer.editedAt ?? c.answer.at, 'answer.at');
      if (!last || at > last.at) last = { at, answer };
    }
    return { id: c.id, body: maskPersonalData(c.body), on: dateOf(c.createdAt), answer };
  });
  return {
    count: list.length,
    lastAnswer: (last as { answer: PublicComment['answer'] } | null)?.answer ?? null,
    comments: list,
  };
}
