/**
 * Notifications (issue 18): who is reached how (settings of users, units and the office), the
 * messages a change queues in its own transaction (`queueNotice`), the outbox port the worker
 * sends through, the delivery log's reads and an admin's resend, and receipts from channels.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../errors.js';
import type { Audience, Recipient } from '../chase/types.js';
import {
  DEFAULT_OFFICE_SETTINGS,
  DEFAULT_UNIT_SETTINGS,
  DEFAULT_USER_SETTINGS,
  robotDestination,
  userDestinations,
} from '../notify/settings.js';
import type { OfficeNotifySettings, UnitNotifySettings, UserNotifySettings } from '../notify/settings.js';
import { destinationKey } from '../notify/types.js';
import type { Destination, Notice, Receipt } from '../notify/types.js';
import type { OutboxPort } from '../notify/worker.js';
import type { Actor } from '../plan/audit.js';
import { createAuditEvent } from '../plan/audit.js';
import type { NewOutboxMessage, Store } from '../store/types.js';

export type SettingsScope =
  `user:${number}` | `unit:${number}` | 'office:notify' | 'office:chase' | 'office:bulletin';

/** The jurisdiction a stored plan or unit is of (the store always reads it). */
export function ownerOf(row: { id: number; jurisdictionId?: number }): number {
  if (row.jurisdictionId === undefined) throw new Error(`row ${row.id} was read without its jurisdiction`);
  return row.jurisdictionId;
}

/** The jurisdiction's settings of `scope` as saved, or the defaults (version 0) while never saved. */
export async function loadSettings<T extends object>(
  store: Store,
  jurisdictionId: number,
  scope: string,
  defaults: T,
): Promise<{ data: T; version: number }> {
  const saved = await store.notifySettings.find(jurisdictionId, scope);
  return saved
    ? { data: { ...defaults, ...(saved.data as Partial<T>) }, version: saved.version }
    : { data: { ...defaults }, version: 0 };
}

/** A person's own settings, kept in their jurisdiction. */
export const loadUserSettings = (store: Store, user: { id: number; jurisdictionId: number }) =>
  loadSettings<UserNotifySettings>(store, user.jurisdictionId, `user:${user.id}`, DEFAULT_USER_SETTINGS);
/** A unit's settings, kept in its jurisdiction. */
export const loadUnitSettings = (store: Store, unit: { id: number; jurisdictionId: number }) =>
  loadSettings<UnitNotifySettings>(store, unit.jurisdictionId, `unit:${unit.id}`, DEFAULT_UNIT_SETTINGS);
/** Who signs the jurisdiction's messages. */
export const loadOfficeSettings = (store: Store, jurisdictionId: number) =>
  loadSettings<OfficeNotifySettings>(store, jurisdictionId, 'office:notify', DEFAULT_OFFICE_SETTINGS);

/**
 * Saves the jurisdiction's settings of `scope` under `expectedVersion` with an audit event
 * (secrets left out of it). CONFLICT when someone saved meanwhile.
 */
export async function saveSettings(
  store: Store,
  jurisdictionId: number,
  scope: SettingsScope,
  data: object,
  expectedVersion: number,
  actor: Actor,
  now: string,
): Promise<{ version: number }> {
  return store.transaction(async (tx) => {
    if (!(await tx.notifySettings.save(jurisdictionId, scope, data, expectedVersion, actor.userId, now))) {
      throw new AppError(
        'CONFLICT',
        'these settings were changed by someone else: reload them and try again',
        [{ path: 'version', message: 'stale version' }],
      );
    }
    await tx.audit.append({
      ...createAuditEvent({
        at: now,
        actor,
        entity: { type: 'notify_settings', id: scope },
        action: 'notify_settings.update',
        after: redact(data),
      }),
      jurisdictionId,
    });
    return { version: expectedVersion + 1 };
  });
}

/**
 * Saves a unit's settings in the unit's jurisdiction. BAD_INPUT (`body.data.leaderUserId`) when
 * the leader named is no person of that jurisdiction; CONFLICT as `saveSettings`.
 */
export async function saveUnitSettings(
  store: Store,
  unit: { id: number; jurisdictionId: number },
  data: UnitNotifySettings,
  expectedVersion: number,
  actor: Actor,
  now: string,
): Promise<{ version: number }> {
  if (data.leaderUserId !== null) {
    const leader = await store.users.find(data.leaderUserId);
    if (leader?.jurisdictionId !== unit.jurisdictionId) {
      throw new AppError('BAD_INPUT', `the unit's leader must be a person of its jurisdiction`, [
        {
          path: 'body.data.leaderUserId',
          message: `no user ${data.leaderUserId} in the unit's jurisdiction`,
        },
      ]);
    }
  }
  return saveSettings(store, unit.jurisdictionId, `unit:${unit.id}`, data, expectedVersion, actor, now);
}

/** The settings as an audit event keeps them: secrets and robot URLs (which hold tokens) out. */
function redact(data: object): object {
  return JSON.parse(
    JSON.stringify(data, (key, value: unknown) =>
      key === 'secret' || key === 'url' ? (value ? '(set)' : null) : value,
    ),
  ) as object;
}

/**
 * Everyone the chase and the notices reach in a jurisdiction, loaded once: per unit of it its
 * reporters (people of the jurisdiction, by their settings) and robots, and its leader. People
 * without a channel are reached in the app only; a unit of another jurisdiction reaches no one.
 */
export async function loadRecipients(
  store: Store,
  jurisdictionId: number,
): Promise<(unitId: number, audience: Audience) => Recipient[]> {
  const [users, userSettings, unitSettings] = await Promise.all([
    store.users.list([jurisdictionId]),
    store.notifySettings.listByPrefix(jurisdictionId, 'user:'),
    store.notifySettings.listByPrefix(jurisdictionId, 'unit:'),
  ]);
  const settingsOf = new Map(
    userSettings.map((s) => [
      s.scope,
      { ...DEFAULT_USER_SETTINGS, ...(s.data as Partial<UserNotifySettings>) },
    ]),
  );
  const unitsOf = new Map(
    unitSettings.map((s) => [
      s.scope,
      { ...DEFAULT_UNIT_SETTINGS, ...(s.data as Partial<UnitNotifySettings>) },
    ]),
  );
  const byId = new Map(users.map((u) => [u.id, u]));
  const person = (userId: number): Recipient | undefined => {
    const user = byId.get(userId);
    const settings = settingsOf.get(`user:${userId}`);
    if (!user || user.disabled || !settings) return undefined;
    const destinations = userDestinations(settings);
    if (destinations.length === 0) return undefined;
    return {
      key: `user:${userId}`,
      name: user.displayName,
      destinations,
      prefs: {
        ...(settings.digest === null ? {} : { digest: settings.digest }),
        ...(settings.quietHours === 'policy' ? {} : { quietHours: settings.quietHours }),
      },
    };
  };
  const cache = new Map<string, Recipient[]>();
  return (unitId, audience) => {
    const key = `${unitId}|${audience}`;
    const known = cache.get(key);
    if (known) return known;
    const unit = unitsOf.get(`unit:${unitId}`) ?? DEFAULT_UNIT_SETTINGS;
    let out: Recipient[];
    if (audience === 'leader') {
      const leader = unit.leaderUserId === null ? undefined : person(unit.leaderUserId);
      out = leader ? [leader] : [];
    } else {
      out = users
        .filter((u) => u.role === 'reporter' && u.unitIds.includes(unitId))
        .map((u) => person(u.id))
        .filter((r): r is Recipient => r !== undefined);
      unit.robots.forEach((robot, i) => {
        if (robot.enabled)
          out.push({
            key: `unit-robot:${unitId}:${i}`,
            name: robot.name,
            destinations: [robotDestination(robot)],
          });
      });
    }
    cache.set(key, out);
    return out;
  };
}

/** The recipient of one user (by their settings), or undefined when they have no channel. */
export async function loadUserRecipient(store: Store, userId: number): Promise<Recipient | undefined> {
  const user = await store.users.get(userId).catch(() => undefined);
  if (!user || user.disabled) return undefined;
  const { data } = await loadUserSettings(store, user);
  const destinations = userDestinations(data);
  return destinations.length ? { key: `user:${userId}`, name: user.displayName, destinations } : undefined;
}

/**
 * Queues `notice` to every destination of every recipient, in the caller's transaction. The
 * dedupe key (`base|recipient|destination`) keeps a repeated call from queueing twice.
 */
export async function queueNotice(
  tx: Store,
  input: {
    recipients: readonly Recipient[];
    notice: Notice;
    dedupeBase: string;
    now: string;
    notBefore?: string;
    unitId?: number | null;
  },
): Promise<number> {
  const messages: NewOutboxMessage[] = [];
  for (const recipient of input.recipients) {
    const userId = recipient.key.startsWith('user:') ? Number(recipient.key.slice(5)) : null;
    for (const destination of recipient.destinations) {
      const key = destinationKey(destination);
      messages.push({
        id: randomUUID(),
        dedupeKey: `${input.dedupeBase}|${recipient.key}|${key}`,
        destination,
        destinationKey: key,
        notice: input.notice,
        recipient: { userId, unitId: input.unitId ?? null, label: recipient.name },
        queuedAt: input.now,
        ...(input.notBefore ? { notBefore: input.notBefore } : {}),
      });
    }
  }
  return messages.length ? tx.outbox.enqueue(messages) : 0;
}

/**
 * Hands a follower's message (a confirmation, a digest) to the notification outbox as an e-mail,
 * in the caller's transaction; the outbox worker sends it. A second message with the same
 * `dedupeKey` is not queued.
 */
export async function queueFollowerEmail(
  tx: Store,
  email: string,
  notice: Notice,
  dedupeKey: string,
  now: string,
): Promise<void> {
  const destination: Destination = { channel: 'email', to: email };
  await tx.outbox.enqueue([
    {
      id: randomUUID(),
      dedupeKey,
      destination,
      destinationKey: destinationKey(destination),
      notice,
      // The delivery log names a follower by role, not by address.
      recipient: { userId: null, unitId: null, label: '关注者' },
      queuedAt: now,
    },
  ]);
}

/** The outbox as the worker sees it: claims in a transaction of their own. */
export function createOutboxPort(store: Store): OutboxPort {
  return {
    claimDue: (now, limit, leaseUntil) =>
      store.transaction((tx) => tx.outbox.claimDue(now, limit, leaseUntil)),
    recordAttempt: (id, token, state, record) =>
      store.transaction((tx) => tx.outbox.recordAttempt(id, token, state, record)),
    release: (id, token, at) => store.outbox.release(id, token, at),
  };
}

/** An admin sends a failed message again; CONFLICT unless it had failed. */
export async function resendMessage(store: Store, id: string, actor: Actor, now: string): Promise<void> {
  await store.transaction(async (tx) => {
    const message = await tx.outbox.get(id);
    if (!(await tx.outbox.requeue(id, now))) {
      throw new AppError(
        'CONFLICT',
        `message ${id} has not failed (it is ${message.status}): nothing to send again`,
      );
    }
    await tx.audit.append(
      createAuditEvent({
        at: now,
        actor,
        entity: { type: 'outbox_message', id },
        action: 'outbox_message.resend',
        after: { destination: message.destinationKey },
      }),
    );
  });
}

/** A receipt from a channel (delivered, read); NOT_FOUND when it names no message of ours. */
export async function recordReceipt(store: Store, receipt: Receipt): Promise<string> {
  const id = await store.outbox.recordReceipt(receipt);
  if (!id) throw new AppError('NOT_FOUND', 'the receipt names no message sent from here');
  return id;
}
