/**
 * Follows (by e-mail or in the app) and the messages written for followers by e-mail, keyed so
 * that one digest per address and period is ever written (issue 19). Rows only.
 */
import type { Selectable } from 'kysely';
import type { DigestCadence, Follow, FollowSubject } from '../verdicts/follow.js';
import type { FollowMessage } from '../verdicts/messages.js';
import { now } from './rows.js';
import type { Db } from './schema.js';
import type { FollowsTable } from './schema-promises.js';

function toFollow(r: Selectable<FollowsTable>): Follow {
  return {
    id: r.id,
    subject: { kind: r.subject_kind as FollowSubject['kind'], id: r.subject_id, planId: r.plan_id },
    channel: r.channel as Follow['channel'],
    email: r.email,
    userId: r.user_id,
    cadence: r.cadence as DigestCadence,
    state: r.state as Follow['state'],
    confirmHash: r.confirm_hash,
    confirmExpiresAt: r.confirm_expires_at,
    unsubscribeHash: r.unsubscribe_hash,
    createdAt: r.created_at,
    confirmedAt: r.confirmed_at,
    unsubscribedAt: r.unsubscribed_at,
  };
}

function columns(f: Omit<Follow, 'id'>) {
  return {
    plan_id: f.subject.planId,
    subject_kind: f.subject.kind,
    subject_id: f.subject.id,
    channel: f.channel,
    email: f.email,
    user_id: f.userId,
    cadence: f.cadence,
    state: f.state,
    confirm_hash: f.confirmHash,
    confirm_expires_at: f.confirmExpiresAt,
    unsubscribe_hash: f.unsubscribeHash,
    created_at: f.createdAt,
    confirmed_at: f.confirmedAt,
    unsubscribed_at: f.unsubscribedAt,
  };
}

/** A message for a follower by e-mail, as the outbox holds it. */
export interface StoredFollowMessage {
  id: string;
  email: string;
  kind: string;
  notice: FollowMessage;
  lastChangeId: number | null;
  createdAt: string;
  sentAt: string | null;
}

export class FollowRepository {
  constructor(private readonly db: Db) {}

  /** Inserts a follow (id 0) or writes it over its row. */
  async save(follow: Follow): Promise<Follow> {
    const { id, ...rest } = follow;
    if (id > 0) {
      await this.db.updateTable('follows').set(columns(rest)).where('id', '=', id).execute();
      return follow;
    }
    const row = await this.db
      .insertInto('follows')
      .values(columns(rest))
      .returning('id')
      .executeTakeFirstOrThrow();
    return { ...follow, id: row.id };
  }

  /** An address's follows (any state), or a user's in-app follows. */
  async listByEmail(email: string): Promise<Follow[]> {
    const rows = await this.db
      .selectFrom('follows')
      .selectAll()
      .where('email', '=', email)
      .orderBy('id')
      .execute();
    return rows.map(toFollow);
  }

  async listByUser(userId: number): Promise<Follow[]> {
    const rows = await this.db
      .selectFrom('follows')
      .selectAll()
      .where('user_id', '=', userId)
      .where('channel', '=', 'in_app')
      .orderBy('id')
      .execute();
    return rows.map(toFollow);
  }

  /** A plan's active in-app follows (the followers a change of the plan tells). */
  async listActiveInApp(planId: number): Promise<Follow[]> {
    const rows = await this.db
      .selectFrom('follows')
      .selectAll()
      .where('plan_id', '=', planId)
      .where('channel', '=', 'in_app')
      .where('state', '=', 'active')
      .orderBy('id')
      .execute();
    return rows.map(toFollow);
  }

  async findByConfirmHash(hash: string): Promise<Follow | undefined> {
    const row = await this.db
      .selectFrom('follows')
      .selectAll()
      .where('confirm_hash', '=', hash)
      .executeTakeFirst();
    return row ? toFollow(row) : undefined;
  }

  async findByUnsubscribeHash(hash: string): Promise<Follow | undefined> {
    const row = await this.db
      .selectFrom('follows')
      .selectAll()
      .where('unsubscribe_hash', '=', hash)
      .executeTakeFirst();
    return row ? toFollow(row) : undefined;
  }

  async get(id: number): Promise<Follow | undefined> {
    const row = await this.db.selectFrom('follows').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toFollow(row) : undefined;
  }

  /** Every active follow by e-mail (the digest run). */
  async listActiveEmail(): Promise<Follow[]> {
    const rows = await this.db
      .selectFrom('follows')
      .selectAll()
      .where('channel', '=', 'email')
      .where('state', '=', 'active')
      .orderBy('id')
      .execute();
    return rows.map(toFollow);
  }

  /** How many follows a subject has (active, any channel): the public page's count. */
  async countActive(subject: FollowSubject): Promise<number> {
    const row = await this.db
      .selectFrom('follows')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('plan_id', '=', subject.planId)
      .where('subject_kind', '=', subject.kind)
      .where('subject_id', '=', subject.id)
      .where('state', '=', 'active')
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  // ---- messages ------------------------------------------------------------------------------

  /** Writes a message unless one with its id exists; true when written. */
  async addMessage(message: Omit<StoredFollowMessage, 'sentAt' | 'createdAt'>, at = now()): Promise<boolean> {
    const taken = await this.db
      .selectFrom('follow_messages')
      .select('id')
      .where('id', '=', message.id)
      .executeTakeFirst();
    if (taken) return false;
    await this.db
      .insertInto('follow_messages')
      .values({
        id: message.id,
        email: message.email,
        kind: message.kind,
        notice: JSON.stringify(message.notice),
        last_change_id: message.lastChangeId,
        created_at: at,
        sent_at: null,
      })
      .execute();
    return true;
  }

  /** When each message of `kind` to the address was written, since `since`. */
  async listMessageTimes(email: string, kind: string, since: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('follow_messages')
      .select('created_at')
      .where('email', '=', email)
      .where('kind', '=', kind)
      .where('created_at', '>=', since)
      .execute();
    return rows.map((r) => r.created_at);
  }

  /**
   * The keys of digests written since `since` (enough to cover the last ended week), and each
   * address's last change told in any digest.
   */
  async digestState(
    since: string,
  ): Promise<{ sent: Set<string>; lastChangeIdByAddress: Map<string, number> }> {
    const recent = await this.db
      .selectFrom('follow_messages')
      .select('id')
      .where('kind', '=', 'follow.digest')
      .where('created_at', '>=', since)
      .execute();
    const last = await this.db
      .selectFrom('follow_messages')
      .select((eb) => ['email', eb.fn.max('last_change_id').as('last')])
      .where('kind', '=', 'follow.digest')
      .groupBy('email')
      .execute();
    return {
      sent: new Set(recent.map((r) => r.id)),
      lastChangeIdByAddress: new Map(last.map((r) => [r.email, Number(r.last ?? 0)])),
    };
  }

  /** Messages (to an address, or all), oldest first. */
  async listMessages(email?: string): Promise<StoredFollowMessage[]> {
    let q = this.db.selectFrom('follow_messages').selectAll();
    if (email !== undefined) q = q.where('email', '=', email);
    const rows = await q.orderBy('created_at').orderBy('id').execute();
    return rows.map((r) => ({
      id: r.id,
      email: r.email,
      kind: r.kind,
      notice: JSON.parse(r.notice) as FollowMessage,
      lastChangeId: r.last_change_id,
      createdAt: r.created_at,
      sentAt: r.sent_at,
    }));
  }
}
