/**
 * Digests for followers by e-mail (issue 19): for each address, one message per digest period
 * holding every change of verdict, state, deadline or evidence its follows cover, written to the
 * follows' record (follow_messages, keyed by address and period, so a second run writes nothing)
 * and, in the same transaction, to the notification outbox as an e-mail the outbox worker sends.
 * Each digest carries a fresh one-click unsubscribe link (its token replaces the follow's
 * earlier one: only its hash is kept). `startDigestScheduler` runs it beside the server.
 */
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/types.js';
import { composeDigest, hashSecret, planDigests } from '../verdicts/index.js';
import type { SubjectInfo } from '../verdicts/index.js';
import { subjectInfos } from './commitments.js';
import { queueFollowerEmail } from './notify.js';
import { createHealthViews } from './health.js';
import type { HealthViews } from './health.js';
import { beijingDate } from '../requests/calendar.js';

/** The deployment's local time for digest periods, in minutes east of UTC (China: UTC+8). */
export const DIGEST_UTC_OFFSET_MINUTES = 480;

/** Who signs what followers receive. */
export const FOLLOW_SENDER = '政府工作报告重点任务督查室';

/** Writes the digests due at `now` to the outbox; answers how many were written. */
export async function queueDigests(
  store: Store,
  views: HealthViews,
  now: string,
  links: { origin: string; sender: string },
  utcOffsetMinutes = DIGEST_UTC_OFFSET_MINUTES,
): Promise<number> {
  const follows = await store.follows.listActiveEmail();
  if (follows.length === 0) return 0;
  const since = new Date(Date.parse(now) - 15 * 86_400_000).toISOString();
  const [changes, state] = await Promise.all([
    store.promises.listChanges({}),
    store.follows.digestState(since),
  ]);
  const digests = planDigests(follows, changes, now, { utcOffsetMinutes, ...state });
  const infos = new Map<string, SubjectInfo>();
  for (const planId of new Set(digests.flatMap((d) => d.lines.map((l) => l.planId)))) {
    const plan = await store.plans.get(planId);
    if (plan.state !== 'published') continue;
    const found = await subjectInfos(store, views, planId, beijingDate(now), links.origin);
    for (const [k, v] of found.infos) infos.set(k, v);
  }
  let written = 0;
  for (const digest of digests) {
    const token = randomBytes(32).toString('base64url');
    const notice = composeDigest(digest, infos, {
      sender: links.sender,
      unsubscribeUrl: `${links.origin}/public/follows/unsubscribe?token=${token}`,
    });
    if (!notice) continue;
    await store.transaction(async (tx) => {
      const added = await tx.follows.addMessage(
        {
          id: digest.key,
          email: digest.email,
          kind: 'follow.digest',
          notice,
          lastChangeId: digest.lastChangeId,
        },
        now,
      );
      if (!added) return;
      await queueFollowerEmail(tx, digest.email, notice, `follow.digest|${digest.key}`, now);
      const follow = await tx.follows.get(digest.unsubscribeFollowId);
      if (follow) await tx.follows.save({ ...follow, unsubscribeHash: hashSecret(token) });
      written++;
    });
  }
  return written;
}

export interface DigestScheduler {
  stop(): void;
}

/**
 * Queues the digests due, now and then every `intervalMs` (default 15 minutes): a digest period
 * (a day or a week, Beijing time) ends at midnight and its digests go out at the first run after
 * it; a run that finds them written already writes nothing, so runs may be frequent, and a missed
 * one loses nothing (the next picks every change since the address's last digest).
 */
export function startDigestScheduler(options: {
  store: Store;
  /** The public site's origin, for the links in digests. */
  publicUrl: string;
  sender?: string;
  now?: () => Date;
  intervalMs?: number;
  onError?: (error: unknown) => void;
  onRun?: (written: number) => void;
}): DigestScheduler {
  const now = options.now ?? (() => new Date());
  const views = createHealthViews();
  const links = { origin: options.publicUrl.replace(/\/+$/, ''), sender: options.sender ?? FOLLOW_SENDER };
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      const written = await queueDigests(options.store, views, now().toISOString(), links);
      if (written > 0) options.onRun?.(written);
    } catch (error) {
      options.onError?.(error);
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), options.intervalMs ?? 15 * 60_000);
  timer.unref?.();
  void tick();
  return { stop: () => clearInterval(timer) };
}
