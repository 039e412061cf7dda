/**
 * Digests for followers by e-mail (issue 19): for each address, one message per digest period
 * holding every change of verdict, state, deadline or evidence its follows cover, written to the
 * outbox (follow_messages, keyed by address and period, so a second run writes nothing). Each
 * digest carries a fresh one-click unsubscribe link (its token replaces the follow's earlier one:
 * only its hash is kept).
 */
import { randomBytes } from 'node:crypto';
import type { Store } from '../store/types.js';
import { composeDigest, hashSecret, planDigests } from '../verdicts/index.js';
import type { SubjectInfo } from '../verdicts/index.js';
import { subjectInfos } from './commitments.js';
import type { HealthViews } from './health.js';

/** The deployment's local time for digest periods, in minutes east of UTC (China: UTC+8). */
export const DIGEST_UTC_OFFSET_MINUTES = 480;

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
    const found = await subjectInfos(store, views, planId, now.slice(0, 10), links.origin);
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
      const follow = await tx.follows.get(digest.unsubscribeFollowId);
      if (follow) await tx.follows.save({ ...follow, unsubscribeHash: hashSecret(token) });
      written++;
    });
  }
  return written;
}
