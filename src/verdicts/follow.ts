/**
 * Follow and be told: anyone may follow a commitment, a chapter or a whole plan by e-mail
 * (double opt-in: nothing is sent but the confirmation until the link in it is opened;
 * one-click unsubscribe in every message), and staff follow in the app. Followers by e-mail
 * hear in a digest: at most one message per follower per digest period (a day or a week),
 * whatever they follow and however often it changed. Pure: tokens come from the caller, the
 * store keeps only their hashes; the digests planned here go to the notification outbox.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import { DIGEST_CADENCES, FOLLOW_SUBJECTS } from '../contract/constants.js';
import type { CHANGE_KINDS } from '../contract/constants.js';
import { instantOf, throwIfAny } from './checks.js';
import { hashSecret, isTokenShape, matchesHash } from './tokens.js';

export type FollowSubjectKind = (typeof FOLLOW_SUBJECTS)[number];
export type DigestCadence = (typeof DIGEST_CADENCES)[number];
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** What is followed: a commitment (task or target), a chapter of the outline, a plan. */
export interface FollowSubject {
  kind: FollowSubjectKind;
  id: number;
  planId: number;
}

export type FollowState = 'pending' | 'active' | 'unsubscribed';

export interface Follow {
  id: number;
  subject: FollowSubject;
  channel: 'email' | 'in_app';
  /** The normalised address of an e-mail follower: personal data, never public. */
  email: string | null;
  /** The staff member of an in-app follow. */
  userId: number | null;
  cadence: DigestCadence;
  state: FollowState;
  /** Hash of the confirmation link's token while pending; null once confirmed. */
  confirmHash: string | null;
  confirmExpiresAt: string | null;
  /** Hash of the one-click unsubscribe token, for the life of the follow. */
  unsubscribeHash: string | null;
  createdAt: string;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
}

/** How long a confirmation link stays good. */
export const CONFIRM_TTL_HOURS = 48;

/** Limits on confirmation messages, so nobody can flood an address by following in its name. */
export interface ConfirmationLimits {
  /** Confirmation messages to one address within a day. Default 3. */
  perAddressPerDay: number;
}

export const DEFAULT_CONFIRMATION_LIMITS: Readonly<ConfirmationLimits> = Object.freeze({
  perAddressPerDay: 3,
});

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/;

/**
 * An e-mail address trimmed and lower-cased (one person, one follower), or undefined when it is
 * not one (no spaces, one @, a dot in the domain, at most 254 characters).
 * @example
 * parseEmail(' Zhang.San@Example.COM ') // 'zhang.san@example.com'
 */
export function parseEmail(text: string): string | undefined {
  const email = text.trim().toLowerCase();
  if (email.length > 254 || !EMAIL.test(email)) return undefined;
  return email;
}

function sameSubject(a: FollowSubject, b: FollowSubject): boolean {
  return a.kind === b.kind && a.id === b.id && a.planId === b.planId;
}

function addHours(instant: string, hours: number): string {
  return new Date(instantOf(instant) + hours * 3_600_000).toISOString();
}

/** What a request to follow by e-mail did; the caller answers the same words whatever it is. */
export type FollowRequestOutcome =
  /** A new follow waits for its confirmation: send the confirmation message. */
  | 'confirmation_sent'
  /** The address already follows it: nothing to send (the answer must not say so). */
  | 'already_following';

/**
 * Someone asks to follow by e-mail. Answers a pending follow and the confirmation to send, or
 * the active follow already there (nothing sent). A pending follow asked again gets a fresh
 * link. BAD_INPUT: not an e-mail address, an unknown subject kind or cadence, a token of the
 * wrong shape. RATE_LIMITED: the address had `perAddressPerDay` confirmations in the last 24
 * hours (`sentToAddress`: when each was sent).
 * @example
 * requestEmailFollow({ id: 9, subject: { kind: 'task', id: 7, planId: 1 }, email: 'a@b.cn', cadence: 'daily' },
 *   { confirm, unsubscribe }, '2022-06-01T08:00:00.000Z', [], [])
 * // { follow: { state: 'pending', … }, outcome: 'confirmation_sent' }
 */
export function requestEmailFollow(
  input: { id: number; subject: FollowSubject; email: string; cadence: DigestCadence },
  tokens: { confirm: string; unsubscribe: string },
  now: string,
  existing: readonly Follow[],
  sentToAddress: readonly string[],
  limits: ConfirmationLimits = DEFAULT_CONFIRMATION_LIMITS,
): { follow: Follow; outcome: FollowRequestOutcome } {
  const at = instantOf(now);
  const problems: ErrorDetail[] = [];
  const email = parseEmail(input.email);
  if (email === undefined) problems.push({ path: 'email', message: 'must be an e-mail address' });
  if (!(FOLLOW_SUBJECTS as readonly string[]).includes(input.subject.kind)) {
    problems.push({ path: 'subject.kind', message: `must be one of ${FOLLOW_SUBJECTS.join(', ')}` });
  }
  if (!(DIGEST_CADENCES as readonly string[]).includes(input.cadence)) {
    problems.push({ path: 'cadence', message: `must be one of ${DIGEST_CADENCES.join(', ')}` });
  }
  if (!isTokenShape(tokens.confirm) || !isTokenShape(tokens.unsubscribe)) {
    throw new AppError('INTERNAL', 'Follow tokens must be random base64url strings of 32 characters or more');
  }
  throwIfAny(problems, 'The follow request is not valid');
  const mine = existing.filter(
    (f) => f.channel === 'email' && f.email === email && sameSubject(f.subject, input.subject),
  );
  const active = mine.find((f) => f.state === 'active');
  if (active) return { follow: active, outcome: 'already_following' };
  const recent = sentToAddress.filter((s) => at - instantOf(s, 'sentToAddress') < 86_400_000).length;
  if (recent >= limits.perAddressPerDay) {
    throw new AppError(
      'RATE_LIMITED',
      'Too many confirmation messages to this address today: try again tomorrow',
    );
  }
  const pending = mine.find((f) => f.state === 'pending');
  const follow: Follow = {
    id: pending?.id ?? input.id,
    subject: input.subject,
    channel: 'email',
    email: email!,
    userId: null,
    cadence: input.cadence,
    state: 'pending',
    confirmHash: hashSecret(tokens.confirm),
    confirmExpiresAt: addHours(now, CONFIRM_TTL_HOURS),
    unsubscribeHash: pending?.unsubscribeHash ?? hashSecret(tokens.unsubscribe),
    createdAt: pending?.createdAt ?? now,
    confirmedAt: null,
    unsubscribedAt: null,
  };
  return { follow, outcome: 'confirmation_sent' };
}

/**
 * The confirmation link was opened. `candidate` is the follow whose confirmation hash the store
 * found for the token (undefined when none). NOT_FOUND when none matches; BAD_INPUT when the link
 * expired (ask again). A follow confirmed already is answered as it is (a second click is harmless).
 * Confirming makes the address's cadence the one just chosen (`cadence` of the follow).
 */
export function confirmFollow(candidate: Follow | undefined, token: string, now: string): Follow {
  const at = instantOf(now);
  if (!candidate || candidate.channel !== 'email') {
    throw new AppError('NOT_FOUND', 'This confirmation link is not valid');
  }
  if (candidate.state === 'active') return candidate;
  if (candidate.state !== 'pending' || !matchesHash(token, candidate.confirmHash)) {
    throw new AppError('NOT_FOUND', 'This confirmation link is not valid');
  }
  if (candidate.confirmExpiresAt !== null && at > instantOf(candidate.confirmExpiresAt, 'confirmExpiresAt')) {
    throw new AppError('BAD_INPUT', 'This confirmation link has expired: please follow again', [
      { path: 'token', message: `expired at ${candidate.confirmExpiresAt}` },
    ]);
  }
  return { ...candidate, state: 'active', confirmHash: null, confirmExpiresAt: null, confirmedAt: now };
}

/**
 * One-click unsubscribe (RFC 8058): `follows` are those of the address whose unsubscribe hash
 * matched the token (the store finds the address by the hash). `scope: 'one'` ends the follow the
 * token belongs to, `'all'` every follow of the address (the digest's own link). Idempotent: a
 * second click changes nothing. NOT_FOUND when the token matches none.
 */
export function unsubscribe(
  follows: readonly Follow[],
  token: string,
  scope: 'one' | 'all',
  now: string,
): Follow[] {
  instantOf(now);
  const owner = follows.find((f) => matchesHash(token, f.unsubscribeHash));
  if (!owner) throw new AppError('NOT_FOUND', 'This unsubscribe link is not valid');
  const ends = (f: Follow) =>
    f.state !== 'unsubscribed' &&
    (scope === 'one' ? f.id === owner.id : f.channel === 'email' && f.email === owner.email);
  return follows
    .filter(ends)
    .map((f) => ({ ...f, state: 'unsubscribed', confirmHash: null, unsubscribedAt: now }));
}

/**
 * A staff member follows in the app: active at once (no opt-in). Answers the follow already
 * there when it exists (active again when it had ended).
 */
export function followInApp(
  input: { id: number; subject: FollowSubject; userId: number },
  now: string,
  existing: readonly Follow[],
): Follow {
  instantOf(now);
  const same = existing.find(
    (f) => f.channel === 'in_app' && f.userId === input.userId && sameSubject(f.subject, input.subject),
  );
  if (same?.state === 'active') return same;
  return {
    id: same?.id ?? input.id,
    subject: input.subject,
    channel: 'in_app',
    email: null,
    userId: input.userId,
    cadence: 'daily',
    state: 'active',
    confirmHash: null,
    confirmExpiresAt: null,
    unsubscribeHash: null,
    createdAt: same?.createdAt ?? now,
    confirmedAt: now,
    unsubscribedAt: null,
  };
}

/** A change the public is told of: one field of one commitment, at an instant. */
export interface ChangeEvent {
  /** Stable and increasing (the change log's id): the feed's entry id and the digests' order. */
  id: number;
  planId: number;
  subject: { type: 'task' | 'target'; id: number };
  /** The chapter the commitment sits under, for chapter follows; null outside the outline. */
  chapterId: number | null;
  kind: ChangeKind;
  at: string;
  /** Before and after as codes or values: a verdict or state code, a date, a number, a count. */
  before: string | number | null;
  after: string | number | null;
}

/** True when a follow of `subject` covers the change. */
export function covers(subject: FollowSubject, change: ChangeEvent): boolean {
  if (subject.planId !== change.planId) return false;
  if (subject.kind === 'plan') return true;
  if (subject.kind === 'chapter') return change.chapterId === subject.id;
  return subject.kind === change.subject.type && subject.id === change.subject.id;
}

/** One digest period: its key ("2022-06-03" for a day, "2022-W22" for an ISO week) and instants. */
export interface DigestPeriod {
  cadence: DigestCadence;
  key: string;
  /** ISO instant the period starts (inclusive) and ends (exclusive). */
  start: string;
  end: string;
}

const DAY_MS = 86_400_000;

/**
 * The digest period holding `instant`, in the deployment's local time (`utcOffsetMinutes`: 480
 * for UTC+8). Weeks run Monday to Sunday and take the ISO week number.
 * @example
 * deriveDigestPeriod('2022-06-02T20:00:00.000Z', 'daily', 480).key // '2022-06-03'
 */
export function deriveDigestPeriod(
  instant: string,
  cadence: DigestCadence,
  utcOffsetMinutes: number,
): DigestPeriod {
  const offset = utcOffsetMinutes * 60_000;
  const local = instantOf(instant) + offset;
  const dayStart = Math.floor(local / DAY_MS) * DAY_MS;
  if (cadence === 'daily') {
    const key = new Date(dayStart).toISOString().slice(0, 10);
    return {
      cadence,
      key,
      start: new Date(dayStart - offset).toISOString(),
      end: new Date(dayStart + DAY_MS - offset).toISOString(),
    };
  }
  const weekday = (new Date(dayStart).getUTCDay() + 6) % 7; // Monday 0
  const monday = dayStart - weekday * DAY_MS;
  const thursday = new Date(monday + 3 * DAY_MS);
  const isoYear = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(isoYear, 0, 1)) / DAY_MS / 7) + 1;
  return {
    cadence,
    key: `${isoYear}-W${String(week).padStart(2, '0')}`,
    start: new Date(monday - offset).toISOString(),
    end: new Date(monday + 7 * DAY_MS - offset).toISOString(),
  };
}

/** The last period of `cadence` that ended at or before `now`. */
export function lastEndedPeriod(now: string, cadence: DigestCadence, utcOffsetMinutes: number): DigestPeriod {
  const current = deriveDigestPeriod(now, cadence, utcOffsetMinutes);
  return deriveDigestPeriod(new Date(instantOf(current.start) - 1).toISOString(), cadence, utcOffsetMinutes);
}

/** One commitment's changes in a digest, coalesced: each kind from its first before to its last after. */
export interface DigestLine {
  subject: { type: 'task' | 'target'; id: number };
  planId: number;
  changes: { kind: ChangeKind; before: string | number | null; after: string | number | null; at: string }[];
}

/** One message to one follower for one period. */
export interface PlannedDigest {
  /** `<address>|<period key>`: the outbox's unique key, so a second run sends nothing. */
  key: string;
  email: string;
  period: DigestPeriod;
  lines: DigestLine[];
  /** The follow whose unsubscribe token the message's one-click link carries (scope all). */
  unsubscribeFollowId: number;
  /** The last change included, for the follower's next window. */
  lastChangeId: number;
}

/** The cadence an address hears at: that of its follow confirmed last. */
export function deriveAddressCadence(follows: readonly Follow[]): DigestCadence | undefined {
  let best: Follow | undefined;
  for (const f of follows) {
    if (f.state !== 'active' || f.confirmedAt === null) continue;
    const at = instantOf(f.confirmedAt, 'confirmedAt');
    const bestAt = best ? instantOf(best.confirmedAt!, 'confirmedAt') : -Infinity;
    if (at > bestAt || (at === bestAt && best !== undefined && f.id > best.id)) best = f;
  }
  return best?.cadence;
}

/**
 * The digests due at `now`: for each address with active e-mail follows, its cadence's last
 * ended period; one digest unless `sent` has its key; holding every change after the address's
 * last digest (`lastChangeIdByAddress`, so a missed run loses nothing) up to the period's end that
 * one of its follows covers, made after that follow was confirmed. Changes to the same item
 * coalesce per kind (first before, last after); a field changed and changed back is left out; an
 * address with nothing left gets no digest. Addresses in order, lines in first-change order.
 */
export function planDigests(
  follows: readonly Follow[],
  changes: readonly ChangeEvent[],
  now: string,
  options: {
    utcOffsetMinutes: number;
    sent: ReadonlySet<string>;
    lastChangeIdByAddress?: ReadonlyMap<string, number>;
  },
): PlannedDigest[] {
  const byAddress = new Map<string, Follow[]>();
  for (const f of follows) {
    if (f.channel !== 'email' || f.state !== 'active' || f.email === null) continue;
    const list = byAddress.get(f.email);
    if (list) list.push(f);
    else byAddress.set(f.email, [f]);
  }
  const ordered = [...changes].sort((a, b) => a.id - b.id);
  const out: PlannedDigest[] = [];
  for (const [email, mine] of [...byAddress.entries()].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const cadence = deriveAddressCadence(mine)!;
    const period = lastEndedPeriod(now, cadence, options.utcOffsetMinutes);
    const key = `${email}|${period.key}`;
    if (options.sent.has(key)) continue;
    const after = options.lastChangeIdByAddress?.get(email) ?? 0;
    const end = instantOf(period.end);
    const picked = ordered.filter(
      (c) =>
        c.id > after &&
        instantOf(c.at, 'changes.at') < end &&
        mine.some(
          (f) =>
            covers(f.subject, c) && f.confirmedAt !== null && instantOf(c.at) >= instantOf(f.confirmedAt),
        ),
    );
    const lines = coalesce(picked);
    if (lines.length === 0) continue;
    out.push({
      key,
      email,
      period,
      lines,
      unsubscribeFollowId: Math.min(...mine.map((f) => f.id)),
      lastChangeId: picked.at(-1)!.id,
    });
  }
  return out;
}

function coalesce(changes: readonly ChangeEvent[]): DigestLine[] {
  const lines = new Map<string, DigestLine>();
  for (const c of changes) {
    const key = `${c.planId}:${c.subject.type}:${c.subject.id}`;
    let line = lines.get(key);
    if (!line) {
      line = { subject: c.subject, planId: c.planId, changes: [] };
      lines.set(key, line);
    }
    const same = line.changes.find((x) => x.kind === c.kind);
    if (same) {
      same.after = c.after;
      same.at = c.at;
    } else line.changes.push({ kind: c.kind, before: c.before, after: c.after, at: c.at });
  }
  const out: DigestLine[] = [];
  for (const line of lines.values()) {
    // Evidence counts only grow: a change "back" is not possible there, and each addition counts.
    line.changes = line.changes.filter((x) => x.kind === 'evidence' || x.before !== x.after);
    if (line.changes.length > 0) out.push(line);
  }
  return out;
}

/**
 * What a staff member's in-app follows show: the changes after `since` (their last visit) that
 * one of their active follows covers, newest first.
 */
export function listFollowedChanges(
  follows: readonly Follow[],
  userId: number,
  changes: readonly ChangeEvent[],
  since: string | null,
): ChangeEvent[] {
  const mine = follows.filter((f) => f.channel === 'in_app' && f.userId === userId && f.state === 'active');
  const from = since === null ? -Infinity : instantOf(since, 'since');
  return changes
    .filter((c) => instantOf(c.at, 'changes.at') > from && mine.some((f) => covers(f.subject, c)))
    .sort((a, b) => b.id - a.id);
}
