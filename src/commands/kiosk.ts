/**
 * Wall screen links (issue 19): the plan office opens a read-only kiosk link for a screen (its
 * token shown once, only its hash kept), lists and revokes them; a screen holding a valid token
 * reads the wall (the cockpit, its views and rotation) without signing in.
 */
import { randomBytes } from 'node:crypto';
import type { Wall } from '../contract/cockpit.js';
import type { Actor } from '../plan/audit.js';
import type { Store } from '../store/types.js';
import { checkKioskAccess, hashSecret, issueKioskToken, revokeKioskToken } from '../verdicts/index.js';
import type { KioskToken, WallView } from '../verdicts/index.js';
import { loadCockpit } from './cockpit.js';
import type { HealthViews } from './health.js';
import type { RequestsSetup } from './requests-setup.js';
import { beijingDate } from '../requests/calendar.js';

/** How often a wall screen asks again, in seconds. */
export const WALL_REFRESH_SECONDS = 60;

/** A kiosk link as staff see it (no hash). */
export function presentKiosk(k: KioskToken) {
  return {
    id: k.id,
    planId: k.planId,
    label: k.label,
    views: k.views,
    rotateSeconds: k.rotateSeconds,
    createdAt: k.createdAt,
    expiresAt: k.expiresAt,
    revokedAt: k.revokedAt,
  };
}

/** Opens a link; answers it with its token (shown once). */
export async function issueKiosk(
  store: Store,
  planId: number,
  input: { label: string; views: WallView[]; days?: number; rotateSeconds?: number },
  actor: Actor,
  now: string,
): Promise<{ kiosk: KioskToken; token: string }> {
  const token = randomBytes(32).toString('base64url');
  return store.transaction(async (tx) => {
    await tx.plans.get(planId);
    const { kiosk, event } = issueKioskToken({ id: 0, planId, ...input }, token, actor, now);
    const { id: _id, ...fresh } = kiosk;
    const saved = await tx.comments.insertKiosk(fresh);
    await tx.audit.append(event);
    return { kiosk: saved, token };
  });
}

/** Revokes a link (a second revocation changes nothing). */
export async function revokeKiosk(store: Store, planId: number, id: number, actor: Actor, now: string) {
  return store.transaction(async (tx) => {
    const { kiosk, event } = revokeKioskToken(await tx.comments.getKiosk(planId, id), actor, now);
    if (event) {
      await tx.comments.revokeKiosk(id, now);
      await tx.audit.append(event);
    }
    return kiosk;
  });
}

/** The wall a token opens (UNAUTHENTICATED for a bad, revoked or expired token). */
export async function openWall(
  store: Store,
  views: HealthViews,
  setup: RequestsSetup,
  planId: number,
  token: string,
  now: string,
): Promise<Wall> {
  const kiosk = checkKioskAccess(await store.comments.findKioskByHash(hashSecret(token)), token, now, {
    planId,
  });
  const cockpit = await loadCockpit(store, views, setup, planId, beijingDate(now), now);
  return {
    label: kiosk.label,
    views: kiosk.views,
    rotateSeconds: kiosk.rotateSeconds,
    refreshSeconds: WALL_REFRESH_SECONDS,
    cockpit,
  };
}
