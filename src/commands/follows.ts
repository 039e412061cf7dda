/**
 * Staff follow in the app (关注, issue 19): a signed-in user follows a task or a target of a plan
 * of their jurisdiction; each public change of it (verdict, state, deadline, target value,
 * evidence) shows in their 关注 list and goes to them by their own channel settings through the
 * outbox. Follow and unfollow are one transaction with their audit event.
 */
import type { FollowedChange, FollowStatus, StaffFollowList } from '../contract/comments.js';
import { AppError } from '../errors.js';
import type { Actor } from '../plan/audit.js';
import { createAuditEvent } from '../plan/audit.js';
import type { Plan } from '../plan/types.js';
import type { ItemRef } from '../store/promises.js';
import type { Store } from '../store/types.js';
import { covers, describeChange, followInApp } from '../verdicts/index.js';
import type { ChangeEvent, Follow } from '../verdicts/index.js';
import { targetTitle } from './cockpit.js';
import { loadOfficeSettings, loadUserRecipient, ownerOf, queueNotice } from './notify.js';

/** The title of a plan's task or target; NOT_FOUND when the plan has none of that id. */
async function itemTitle(store: Store, planId: number, ref: ItemRef): Promise<string> {
  if (ref.type === 'task') return (await store.tasks.get(planId, ref.id)).text;
  return targetTitle(await store.targets.get(planId, ref.id));
}

const followEvent = (follow: Follow, actor: Actor, now: string, action: 'follow.start' | 'follow.stop') =>
  createAuditEvent({
    at: now,
    actor,
    entity: { type: follow.subject.kind as ItemRef['type'], id: follow.subject.id },
    planId: follow.subject.planId,
    action,
    after: { followId: follow.id, state: follow.state },
  });

/** A user follows a task or target of the plan (again active when it had ended); answers the follow. */
export async function followItem(
  store: Store,
  planId: number,
  ref: ItemRef,
  actor: Actor,
  now: string,
): Promise<Follow> {
  return store.transaction(async (tx) => {
    await itemTitle(tx, planId, ref);
    const existing = await tx.follows.listByUser(actor.userId);
    const follow = followInApp(
      { id: 0, subject: { kind: ref.type, id: ref.id, planId }, userId: actor.userId },
      now,
      existing,
    );
    if (existing.some((f) => f.id === follow.id && f.state === 'active')) return follow;
    const saved = await tx.follows.save(follow);
    await tx.audit.append(followEvent(saved, actor, now, 'follow.start'));
    return saved;
  });
}

/** A user stops following; NOT_FOUND unless the follow is theirs in this plan. */
export async function unfollowItem(
  store: Store,
  planId: number,
  followId: number,
  actor: Actor,
  now: string,
): Promise<void> {
  await store.transaction(async (tx) => {
    const follow = await tx.follows.get(followId);
    if (
      !follow ||
      follow.channel !== 'in_app' ||
      follow.userId !== actor.userId ||
      follow.subject.planId !== planId
    ) {
      throw new AppError('NOT_FOUND', `follow ${followId} not found`);
    }
    if (follow.state !== 'active') return;
    const ended: Follow = { ...follow, state: 'unsubscribed', unsubscribedAt: now };
    await tx.follows.save(ended);
    await tx.audit.append(followEvent(ended, actor, now, 'follow.stop'));
  });
}

/** Whether the user follows an item. */
export async function findFollowStatus(
  store: Store,
  planId: number,
  ref: ItemRef,
  userId: number,
): Promise<FollowStatus> {
  const mine = (await store.follows.listByUser(userId)).find(
    (f) =>
      f.state === 'active' &&
      f.subject.planId === planId &&
      f.subject.kind === ref.type &&
      f.subject.id === ref.id,
  );
  return { following: mine !== undefined, followId: mine?.id ?? null };
}

const present = (c: ChangeEvent, unit?: string): FollowedChange => ({
  kind: c.kind,
  at: c.at,
  before: c.before,
  after: c.after,
  text: describeChange(c, unit),
});

/**
 * A user's 关注 list in the jurisdictions they work in: each followed item with its changes
 * since the follow began (newest first, ten at most) and how many came in the last seven days.
 */
export async function listMyFollows(
  store: Store,
  userId: number,
  jurisdictionIds: readonly number[],
  now: string,
): Promise<StaffFollowList> {
  const follows = (await store.follows.listByUser(userId)).filter(
    (f) => f.state === 'active' && (f.subject.kind === 'task' || f.subject.kind === 'target'),
  );
  const plans = new Map<number, Plan>();
  for (const planId of new Set(follows.map((f) => f.subject.planId))) {
    const plan = await store.plans.find(planId);
    if (plan && plan.jurisdictionId !== undefined && jurisdictionIds.includes(plan.jurisdictionId))
      plans.set(planId, plan);
  }
  const weekAgo = Date.parse(now) - 7 * 86_400_000;
  const items: StaffFollowList['items'] = [];
  for (const f of follows) {
    const plan = plans.get(f.subject.planId);
    if (!plan) continue;
    const ref = { type: f.subject.kind as ItemRef['type'], id: f.subject.id };
    // An item deleted since (a review) leaves its follow without a page: left out.
    const item = await (
      ref.type === 'task' ? store.tasks.get(plan.id, ref.id) : store.targets.get(plan.id, ref.id)
    ).catch(() => undefined);
    if (!item) continue;
    const since = f.confirmedAt ?? f.createdAt;
    const changes = (await store.promises.listRecentChanges({ planId: plan.id, subject: ref }, 50)).filter(
      (c) => Date.parse(c.at) >= Date.parse(since),
    );
    const unit = 'unit' in item ? item.unit : undefined;
    items.push({
      id: f.id,
      planId: plan.id,
      planTitle: plan.title,
      type: ref.type,
      itemId: ref.id,
      title: 'text' in item ? item.text : targetTitle(item),
      since,
      changes: changes.slice(0, 10).map((c) => present(c, unit)),
      recent: changes.filter((c) => Date.parse(c.at) >= weekAgo).length,
    });
  }
  items.sort((a, b) => (b.changes[0]?.at ?? b.since).localeCompare(a.changes[0]?.at ?? a.since));
  return { items };
}

/**
 * Tells the in-app followers of a change by their own channel settings: one message per
 * follower and change through the outbox (its dedupe key keeps a second run from queueing it
 * again); followers without a channel read it in their 关注 list.
 */
async function notifyFollowers(
  tx: Store,
  plan: Plan,
  change: ChangeEvent,
  links: { origin: string },
): Promise<number> {
  const followers = (await tx.follows.listActiveInApp(plan.id)).filter(
    (f) =>
      f.userId !== null &&
      covers(f.subject, change) &&
      Date.parse(change.at) >= Date.parse(f.confirmedAt ?? f.createdAt),
  );
  if (followers.length === 0) return 0;
  const [title, office] = await Promise.all([
    itemTitle(tx, plan.id, change.subject),
    loadOfficeSettings(tx, ownerOf(plan)),
  ]);
  const unit =
    change.subject.type === 'target' ? (await tx.targets.get(plan.id, change.subject.id)).unit : undefined;
  let queued = 0;
  for (const userId of new Set(followers.map((f) => f.userId!))) {
    const recipient = await loadUserRecipient(tx, userId);
    if (!recipient) continue;
    queued += await queueNotice(tx, {
      recipients: [recipient],
      notice: {
        kind: 'follow.change',
        title: '【关注】事项有新变化',
        intro: `您关注的事项${describeChange(change, unit)}。`,
        items: [
          { title, link: `${links.origin}/plans/${plan.id}/${change.subject.type}s/${change.subject.id}` },
        ],
        link: `${links.origin}/follows`,
        sender: office.data.sender,
      },
      dedupeBase: `follow-change:${change.id}`,
      now: change.at,
    });
  }
  return queued;
}

/** Where the last run of `tellFollowers` stopped: the deployment's (it reads every jurisdiction's changes). */
const TOLD_SCOPE = 'follows:told';

/**
 * Tells followers of every public change made since the last run (at most `limit` changes a
 * run, oldest first), in one transaction that also moves the run's mark. A first run starts
 * from the changes of the last day. Answers how many messages were queued.
 */
export async function tellFollowers(
  store: Store,
  now: string,
  links: { origin: string },
  limit = 500,
): Promise<number> {
  return store.transaction(async (tx) => {
    const mark = await tx.notifySettings.findDeployment(TOLD_SCOPE);
    const last = (mark?.data as { lastChangeId?: number } | undefined)?.lastChangeId;
    const dayAgo = Date.parse(now) - 86_400_000;
    const fetched = await tx.promises.listChanges({ afterId: last ?? 0 }, limit);
    const changes = fetched.filter((c) => last !== undefined || Date.parse(c.at) >= dayAgo);
    const plans = new Map<number, Plan>();
    let queued = 0;
    for (const change of changes) {
      let plan = plans.get(change.planId);
      if (!plan) {
        plan = await tx.plans.get(change.planId);
        plans.set(plan.id, plan);
      }
      queued += await notifyFollowers(tx, plan, change, links);
    }
    const lastId = fetched.at(-1)?.id;
    if (
      lastId !== undefined &&
      !(await tx.notifySettings.saveDeployment(TOLD_SCOPE, { lastChangeId: lastId }, mark?.version ?? 0, now))
    ) {
      throw new AppError('CONFLICT', 'another run told the followers meanwhile');
    }
    return queued;
  });
}
