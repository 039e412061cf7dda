/**
 * Kiosk tokens for the wall screen: a link that opens the cockpit's wall views of one plan,
 * read-only, without signing in — scoped (one plan, chosen views), expiring, and revocable at
 * any time. Only the token's hash is kept.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import { WALL_VIEWS } from '../contract/constants.js';
import { createAuditEvent } from '../plan/audit.js';
import type { Actor, AuditEvent } from '../plan/audit.js';
import { isSupervisor } from '../plan/supervision.js';
import { cleanText, instantOf, limitText, requireText, throwIfAny } from './checks.js';
import { hashSecret, isTokenShape, matchesHash } from './tokens.js';

export type WallView = (typeof WALL_VIEWS)[number];
export { WALL_VIEWS };

export interface KioskToken {
  id: number;
  planId: number;
  /** Where the screen hangs: "区政府三楼会议室大屏". */
  label: string;
  views: WallView[];
  /** Seconds each view stays before the next (rotation). */
  rotateSeconds: number;
  tokenHash: string;
  createdBy: number;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
}

/** The longest a kiosk token lives, and its default. */
export const MAX_KIOSK_DAYS = 366;
export const DEFAULT_KIOSK_DAYS = 90;

/**
 * The plan office (or an admin) opens a wall screen link. BAD_INPUT, each with its path: no
 * label, an unknown or no view, a life outside 1–366 days, a rotation outside 10–600 seconds.
 */
export function issueKioskToken(
  input: {
    id: number;
    planId: number;
    label: string;
    views: WallView[];
    days?: number;
    rotateSeconds?: number;
  },
  token: string,
  actor: Actor,
  now: string,
): { kiosk: KioskToken; event: AuditEvent } {
  const at = instantOf(now);
  if (!isSupervisor(actor)) throw new AppError('FORBIDDEN', 'Only the plan office opens a wall screen link');
  if (!isTokenShape(token)) throw new AppError('INTERNAL', 'A kiosk token must be a random base64url string');
  const problems: ErrorDetail[] = [];
  const label = cleanText(input.label);
  requireText(problems, 'label', label, 'where the screen is');
  limitText(problems, 'label', label, 100);
  const views = [...new Set(input.views)];
  if (views.length === 0) problems.push({ path: 'views', message: 'at least one view' });
  views.forEach((v, i) => {
    if (!(WALL_VIEWS as readonly string[]).includes(v)) {
      problems.push({ path: `views.${i}`, message: `must be one of ${WALL_VIEWS.join(', ')}` });
    }
  });
  const days = input.days ?? DEFAULT_KIOSK_DAYS;
  if (!Number.isInteger(days) || days < 1 || days > MAX_KIOSK_DAYS) {
    problems.push({ path: 'days', message: `must be a whole number of days from 1 to ${MAX_KIOSK_DAYS}` });
  }
  const rotateSeconds = input.rotateSeconds ?? 30;
  if (!Number.isInteger(rotateSeconds) || rotateSeconds < 10 || rotateSeconds > 600) {
    problems.push({ path: 'rotateSeconds', message: 'must be a whole number of seconds from 10 to 600' });
  }
  throwIfAny(problems, 'The wall screen link is not valid');
  const kiosk: KioskToken = {
    id: input.id,
    planId: input.planId,
    label: label!,
    views,
    rotateSeconds,
    tokenHash: hashSecret(token),
    createdBy: actor.userId,
    createdAt: now,
    expiresAt: new Date(at + days * 86_400_000).toISOString(),
    revokedAt: null,
  };
  const event = createAuditEvent({
    at: now,
    actor,
    entity: { type: 'plan', id: input.planId },
    planId: input.planId,
    action: 'kiosk.issue',
    after: { kioskId: kiosk.id, label: kiosk.label, views, expiresAt: kiosk.expiresAt },
  });
  return { kiosk, event };
}

/**
 * The kiosk a token opens, checked: UNAUTHENTICATED when the token matches none (`candidate` is
 * what the store found by its hash), was revoked, or expired; FORBIDDEN for another plan or a
 * view outside its scope.
 */
export function checkKioskAccess(
  candidate: KioskToken | undefined,
  token: string,
  now: string,
  want: { planId: number; view?: WallView },
): KioskToken {
  const at = instantOf(now);
  if (!candidate || !matchesHash(token, candidate.tokenHash)) {
    throw new AppError('UNAUTHENTICATED', 'This wall screen link is not valid');
  }
  if (candidate.revokedAt !== null)
    throw new AppError('UNAUTHENTICATED', 'This wall screen link was revoked');
  if (at >= instantOf(candidate.expiresAt, 'expiresAt')) {
    throw new AppError('UNAUTHENTICATED', 'This wall screen link has expired');
  }
  if (candidate.planId !== want.planId)
    throw new AppError('FORBIDDEN', 'This wall screen link is for another plan');
  if (want.view !== undefined && !candidate.views.includes(want.view)) {
    throw new AppError('FORBIDDEN', `This wall screen link does not show ${want.view}`);
  }
  return candidate;
}

/** Revokes a kiosk link (idempotent: a revoked one stays as it was). */
export function revokeKioskToken(
  kiosk: KioskToken,
  actor: Actor,
  now: string,
): { kiosk: KioskToken; event: AuditEvent | null } {
  instantOf(now);
  if (!isSupervisor(actor))
    throw new AppError('FORBIDDEN', 'Only the plan office revokes a wall screen link');
  if (kiosk.revokedAt !== null) return { kiosk, event: null };
  const next = { ...kiosk, revokedAt: now };
  const event = createAuditEvent({
    at: now,
    actor,
    entity: { type: 'plan', id: kiosk.planId },
    planId: kiosk.planId,
    action: 'kiosk.revoke',
    before: { kioskId: kiosk.id, revokedAt: null },
    after: { kioskId: kiosk.id, revokedAt: now },
  });
  return { kiosk: next, event };
}
