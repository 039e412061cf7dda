/**
 * The outbox and its delivery log (issue 18): messages written in the transaction of the change
 * that caused them (`enqueue`, a unique dedupe key so nothing is queued twice), leased to one
 * worker at a time (`claimDue`: FOR UPDATE SKIP LOCKED on PostgreSQL, SQLite's one writer),
 * each attempt recorded under the lease; receipts (delivered, read); the chase's marks and runs.
 */
import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import type { AttemptRecord, DeliveryState, DeliveryStatus } from '../notify/retry.js';
import type { Destination, Notice, Receipt } from '../notify/types.js';
import type { ClaimedMessage } from '../notify/worker.js';
import { notFound, readPage } from './rows.js';
import type { Db, NotifyOutboxTable } from './schema.js';
import type { Page, PageQuery } from './types.js';

/** A message to queue. */
export interface NewOutboxMessage {
  id: string;
  /** Unique: a second message with the same key is not queued. */
  dedupeKey: string;
  destination: Destination;
  destinationKey: string;
  notice: Notice;
  recipient: { userId: number | null; unitId: number | null; label: string };
  queuedAt: string;
  /** First attempt not before this (quiet hours); default at once. */
  notBefore?: string;
}

/** A queued message as the delivery log shows it (never the destination's secrets). */
export interface OutboxMessage {
  id: string;
  dedupeKey: string;
  kind: string;
  channel: Destination['channel'];
  destinationKey: string;
  recipient: { userId: number | null; unitId: number | null; label: string };
  title: string;
  status: DeliveryStatus;
  attempts: number;
  queuedAt: string;
  nextAttemptAt: string | null;
  lastError: string | null;
  sentAt: string | null;
  providerId: string | null;
  deliveredAt: string | null;
  readAt: string | null;
}

export interface OutboxFilter extends PageQuery {
  /** Messages to this jurisdiction's people and units only (the delivery log of its admins). */
  jurisdictionId?: number;
  status?: DeliveryStatus;
  channel?: Destination['channel'];
  kind?: string;
  recipientUserId?: number;
  recipientUnitId?: number;
  id?: string;
}

type Row = Selectable<NotifyOutboxTable>;

function toMessage(r: Row): OutboxMessage {
  const notice = JSON.parse(r.notice) as Notice;
  return {
    id: r.id,
    dedupeKey: r.dedupe_key,
    kind: r.kind,
    channel: r.channel as Destination['channel'],
    destinationKey: r.destination_key,
    recipient: { userId: r.recipient_user_id, unitId: r.recipient_unit_id, label: r.recipient_label },
    title: notice.title,
    status: r.status as DeliveryStatus,
    attempts: r.attempts,
    queuedAt: r.queued_at,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    sentAt: r.sent_at,
    providerId: r.provider_id,
    deliveredAt: r.delivered_at,
    readAt: r.read_at,
  };
}

function stateOf(r: Row): DeliveryState {
  return {
    status: r.status === 'sending' ? 'pending' : (r.status as DeliveryStatus),
    attempts: r.attempts,
    queuedAt: r.queued_at,
    nextAttemptAt: r.next_attempt_at,
    lastError: r.last_error,
    sentAt: r.sent_at,
    providerId: r.provider_id,
  };
}

/** Rows per insert: 21 columns each stays far below SQLite's bound-variable limit. */
const CHUNK = 400;

export class OutboxRepository {
  constructor(
    private readonly db: Db,
    private readonly dialect: 'sqlite' | 'postgres',
  ) {}

  /** Queues messages; those whose dedupe key is taken are skipped. Answers how many were queued. */
  async enqueue(messages: readonly NewOutboxMessage[]): Promise<number> {
    let queued = 0;
    for (let i = 0; i < messages.length; i += CHUNK) {
      const rows = messages.slice(i, i + CHUNK).map((m) => ({
        id: m.id,
        dedupe_key: m.dedupeKey,
        kind: m.notice.kind,
        channel: m.destination.channel,
        destination: JSON.stringify(m.destination),
        destination_key: m.destinationKey,
        notice: JSON.stringify(m.notice),
        recipient_user_id: m.recipient.userId,
        recipient_unit_id: m.recipient.unitId,
        recipient_label: m.recipient.label,
        status: 'pending',
        attempts: 0,
        queued_at: m.queuedAt,
        next_attempt_at: m.notBefore && m.notBefore > m.queuedAt ? m.notBefore : m.queuedAt,
      }));
      const result = await this.db
        .insertInto('notify_outbox')
        .values(rows)
        .onConflict((oc) => oc.column('dedupe_key').doNothing())
        .executeTakeFirst();
      queued += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    return queued;
  }

  /**
   * Leases up to `limit` due messages until `leaseUntil`, oldest first: pending ones due by
   * `now`, and sending ones whose lease ended (a worker that died). Call inside a transaction.
   */
  async claimDue(now: string, limit: number, leaseUntil: string): Promise<ClaimedMessage[]> {
    let candidates = this.db
      .selectFrom('notify_outbox')
      .select('id')
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
          eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', now)]),
        ]),
      )
      .orderBy('next_attempt_at')
      .limit(limit);
    if (this.dialect === 'postgres') candidates = candidates.forUpdate().skipLocked();
    const ids = (await candidates.execute()).map((r) => r.id);
    if (ids.length === 0) return [];
    const token = randomUUID();
    const rows = await this.db
      .updateTable('notify_outbox')
      .set({ status: 'sending', lease_token: token, lease_until: leaseUntil })
      .where('id', 'in', ids)
      .where((eb) =>
        eb.or([
          eb('status', '=', 'pending'),
          eb.and([eb('status', '=', 'sending'), eb('lease_until', '<=', now)]),
        ]),
      )
      .returningAll()
      .execute();
    return rows.map((r) => ({
      id: r.id,
      destination: JSON.parse(r.destination) as Destination,
      notice: JSON.parse(r.notice) as Notice,
      state: stateOf({ ...r, status: 'pending' }),
      leaseToken: token,
    }));
  }

  /** Writes an attempt and the state after it, only under the lease; false when the lease was lost. */
  async recordAttempt(
    id: string,
    leaseToken: string,
    state: DeliveryState,
    record: AttemptRecord,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('notify_outbox')
      .set({
        status: state.status,
        attempts: state.attempts,
        next_attempt_at: state.nextAttemptAt,
        last_error: state.lastError,
        sent_at: state.sentAt,
        provider_id: state.providerId,
        lease_token: null,
        lease_until: null,
      })
      .where('id', '=', id)
      .where('lease_token', '=', leaseToken)
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) return false;
    await this.db
      .insertInto('notify_attempts')
      .values({
        message_id: id,
        attempt: record.attempt,
        at: record.at,
        outcome: record.outcome,
        detail: record.detail,
        next_attempt_at: record.nextAttemptAt,
      })
      .execute();
    return true;
  }

  /** Puts a leased message back, due at `at`, without an attempt; false when the lease was lost. */
  async release(id: string, leaseToken: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('notify_outbox')
      .set({ status: 'pending', next_attempt_at: at, lease_token: null, lease_until: null })
      .where('id', '=', id)
      .where('lease_token', '=', leaseToken)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Records a channel's receipt by our id or the provider's; answers the message id, if found. */
  async recordReceipt(receipt: Receipt): Promise<string | undefined> {
    let query = this.db.selectFrom('notify_outbox').select(['id', 'status']);
    if (receipt.messageId) query = query.where('id', '=', receipt.messageId);
    else if (receipt.providerId) query = query.where('provider_id', '=', receipt.providerId);
    else return undefined;
    const row = await query.executeTakeFirst();
    if (!row) return undefined;
    const set =
      receipt.status === 'read'
        ? { read_at: receipt.at }
        : receipt.status === 'delivered'
          ? { delivered_at: receipt.at }
          : {
              status: 'failed',
              last_error: `渠道回执：未送达${receipt.detail ? `（${receipt.detail}）` : ''}`,
            };
    await this.db.updateTable('notify_outbox').set(set).where('id', '=', row.id).execute();
    return row.id;
  }

  async get(id: string): Promise<OutboxMessage & { notice: Notice }> {
    const row = await this.db.selectFrom('notify_outbox').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw notFound('message', id);
    return { ...toMessage(row), notice: JSON.parse(row.notice) as Notice };
  }

  async list(filter: OutboxFilter = {}): Promise<Page<OutboxMessage>> {
    let base = this.db.selectFrom('notify_outbox');
    if (filter.status !== undefined) {
      // A message being sent shows as pending: it is not yet delivered.
      base =
        filter.status === 'pending'
          ? base.where('status', 'in', ['pending', 'sending'])
          : base.where('status', '=', filter.status);
    }
    if (filter.jurisdictionId !== undefined) {
      const j = filter.jurisdictionId;
      base = base.where((eb) =>
        eb.or([
          eb(
            'recipient_user_id',
            'in',
            eb.selectFrom('users').select('users.id').where('users.jurisdiction_id', '=', j),
          ),
          eb.and([
            eb('recipient_user_id', 'is', null),
            eb(
              'recipient_unit_id',
              'in',
              eb.selectFrom('units').select('units.id').where('units.jurisdiction_id', '=', j),
            ),
          ]),
        ]),
      );
    }
    if (filter.channel !== undefined) base = base.where('channel', '=', filter.channel);
    if (filter.kind !== undefined) base = base.where('kind', '=', filter.kind);
    if (filter.id !== undefined) base = base.where('id', '=', filter.id);
    if (filter.recipientUserId !== undefined)
      base = base.where('recipient_user_id', '=', filter.recipientUserId);
    if (filter.recipientUnitId !== undefined)
      base = base.where('recipient_unit_id', '=', filter.recipientUnitId);
    return readPage(
      base,
      filter,
      (q) => q.selectAll().orderBy('queued_at', 'desc').orderBy('id'),
      (rows) => rows.map((r) => toMessage({ ...r, status: r.status === 'sending' ? 'pending' : r.status })),
    );
  }

  async listAttempts(id: string): Promise<AttemptRecord[]> {
    const rows = await this.db
      .selectFrom('notify_attempts')
      .selectAll()
      .where('message_id', '=', id)
      .orderBy('id')
      .execute();
    return rows.map((r) => ({
      attempt: r.attempt,
      at: r.at,
      outcome: r.outcome as AttemptRecord['outcome'],
      detail: r.detail,
      nextAttemptAt: r.next_attempt_at,
    }));
  }

  /** Messages by status (the log's header). */
  async countByStatus(): Promise<Record<DeliveryStatus, number>> {
    const rows = await this.db
      .selectFrom('notify_outbox')
      .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
      .groupBy('status')
      .execute();
    const out: Record<DeliveryStatus, number> = { pending: 0, sending: 0, sent: 0, failed: 0 };
    for (const r of rows) {
      const status = (r.status === 'sending' ? 'pending' : r.status) as DeliveryStatus;
      out[status] += Number(r.n);
    }
    return out;
  }

  /** A failed message queued again now (an admin's resend); false unless it had failed. */
  async requeue(id: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('notify_outbox')
      .set({ status: 'pending', next_attempt_at: at, queued_at: at })
      .where('id', '=', id)
      .where('status', '=', 'failed')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** The chase events among `keys` already queued. */
  async findMarks(keys: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (let i = 0; i < keys.length; i += 900) {
      const rows = await this.db
        .selectFrom('chase_marks')
        .select('event_key')
        .where('event_key', 'in', keys.slice(i, i + 900))
        .execute();
      for (const r of rows) found.add(r.event_key);
    }
    return found;
  }

  async insertMarks(keys: readonly string[], at: string): Promise<void> {
    for (let i = 0; i < keys.length; i += 900) {
      await this.db
        .insertInto('chase_marks')
        .values(keys.slice(i, i + 900).map((k) => ({ event_key: k, queued_at: at })))
        .onConflict((oc) => oc.column('event_key').doNothing())
        .execute();
    }
  }

  /** The last chase run, if any. */
  async lastRun(): Promise<
    { id: number; fromDay: string; toDay: string; finishedAt: string | null } | undefined
  > {
    const row = await this.db
      .selectFrom('chase_runs')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row && { id: row.id, fromDay: row.from_day, toDay: row.to_day, finishedAt: row.finished_at };
  }

  async startRun(fromDay: string, toDay: string, at: string): Promise<number> {
    const row = await this.db
      .insertInto('chase_runs')
      .values({ from_day: fromDay, to_day: toDay, started_at: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  async finishRun(
    id: number,
    counts: { items: number; events: number; messages: number },
    at: string,
  ): Promise<void> {
    await this.db
      .updateTable('chase_runs')
      .set({ ...counts, finished_at: at })
      .where('id', '=', id)
      .execute();
  }
}
