/**
 * Group commit of new orders on SQLite (issue 7: intake ≥ 2,000 requests/s). Intakes that
 * arrive in the same turn of the event loop — under load, the requests Node read together —
 * share one transaction; each runs under its own savepoint, so each still gets its own order
 * or its own error, and the duplicate probe of a later one sees the earlier ones of its batch.
 * The four statements of an intake (duplicate probe, highest id, order row, `received` event)
 * are prepared once instead of compiled and prepared by Kysely on every call.
 *
 * better-sqlite3 is synchronous, so a whole batch runs without yielding, while this queue holds
 * Kysely's one connection: no Kysely transaction can be open on it at the same time.
 */
import type Database from 'better-sqlite3';
import { AppError } from '../errors.js';
import type { RecentSubmission } from '../requests/index.js';
import type { OrderEvent, WorkOrder } from '../requests/types.js';

/** One intake: its dedupe key, the start of the duplicate window, and how to build the order. */
export interface IntakeRequest {
  /** The jurisdiction taking the order in: the duplicate check looks at its orders only. */
  jurisdictionId: number;
  dedupeKey: string;
  /** Submissions received at or after this instant count as recent (receiveOrder's window). */
  since: string;
  /** receiveOrder with the recent submissions and the new id; may throw (a duplicate). */
  build: (recent: RecentSubmission[], id: number) => { order: WorkOrder; event: OrderEvent };
  /**
   * A step on the new order in the same transaction (the automatic dispatch): the next order
   * and its event, or undefined for none. An intake with a step does not join the group commit.
   */
  then?: (order: WorkOrder) => { order: WorkOrder; event: OrderEvent } | undefined;
}

/** Column values of one row, named as the table's columns. */
export type IntakeRow = Record<string, string | number | null>;

/** How an order and its first event become rows (requests.ts owns the mapping). */
export interface IntakeRows {
  /** The whole row, `id` included. */
  order: (order: WorkOrder) => IntakeRow;
  event: (event: OrderEvent, order: WorkOrder) => IntakeRow;
}

/** Kysely's hold on its connection: `db.connection().execute(fn)`. */
interface ConnectionHolder {
  connection(): { execute<T>(fn: (db: unknown) => Promise<T>): Promise<T> };
}

interface Pending extends IntakeRequest {
  resolve: (order: WorkOrder) => void;
  reject: (error: unknown) => void;
}

/** A batch never holds the connection for more than this many intakes. */
const MAX_BATCH = 256;

/** Group commit of intakes on one SQLite database. */
export class SqliteIntakeQueue {
  private pending: Pending[] = [];
  private scheduled = false;
  private statements: ReturnType<SqliteIntakeQueue['prepare']> | undefined;
  private readonly inserts = new Map<string, Database.Statement>();

  constructor(
    private readonly kysely: ConnectionHolder,
    private readonly database: Database.Database,
    private readonly rows: IntakeRows,
  ) {}

  /**
   * Queues one intake; resolves with the stored order once its transaction committed, or
   * rejects with its own error (a duplicate, a constraint) or the batch's (the commit failed).
   */
  add(request: IntakeRequest): Promise<WorkOrder> {
    return new Promise<WorkOrder>((resolve, reject) => {
      this.pending.push({ ...request, resolve, reject });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      // Everything queued until Kysely hands the connection over joins this batch.
      this.kysely
        .connection()
        .execute(async () => {
          this.scheduled = false;
          const batch = this.pending.splice(0, MAX_BATCH);
          if (this.pending.length > 0) this.schedule();
          this.run(batch);
        })
        .catch((error: unknown) => {
          // The connection could not be had (the store is closing): fail what is waiting.
          this.scheduled = false;
          for (const p of this.pending.splice(0)) p.reject(error);
        });
    });
  }

  private prepare() {
    const db = this.database;
    return {
      begin: db.prepare('begin immediate'),
      commit: db.prepare('commit'),
      rollback: db.prepare('rollback'),
      savepoint: db.prepare('savepoint intake'),
      release: db.prepare('release intake'),
      rollbackTo: db.prepare('rollback to intake'),
      probe: db.prepare<[number, string, string], { id: number; dedupe_key: string; received_at: string }>(
        'select id, dedupe_key, received_at from request_orders where jurisdiction_id = ? and dedupe_key = ? and received_at >= ?',
      ),
      maxId: db.prepare<[], { max: number | null }>('select max(id) as max from request_orders'),
    };
  }

  private insert(table: string, row: IntakeRow): void {
    const columns = Object.keys(row);
    const key = `${table}(${columns.join(',')})`;
    let statement = this.inserts.get(key);
    if (statement === undefined) {
      statement = this.database.prepare(
        `insert into ${table} (${columns.join(', ')}) values (${columns.map((c) => `@${c}`).join(', ')})`,
      );
      this.inserts.set(key, statement);
    }
    statement.run(row);
  }

  /** One transaction for the batch; settles every promise of it. */
  private run(batch: Pending[]): void {
    if (batch.length === 0) return;
    const done: { pending: Pending; order: WorkOrder }[] = [];
    let s: ReturnType<SqliteIntakeQueue['prepare']> | undefined;
    try {
      s = this.statements ??= this.prepare();
      if (this.database.inTransaction) {
        throw new AppError('INTERNAL', 'the SQLite connection is inside a transaction it did not begin');
      }
      s.begin.run();
      // Inside BEGIN IMMEDIATE this connection alone writes the file: max + 1 is free.
      let nextId = Number(s.maxId.get()?.max ?? 0) + 1;
      for (const pending of batch) {
        s.savepoint.run();
        try {
          const recent = s.probe
            .all(pending.jurisdictionId, pending.dedupeKey, pending.since)
            .map((row) => ({ orderId: row.id, dedupeKey: row.dedupe_key, receivedAt: row.received_at }));
          const { order, event } = pending.build(recent, nextId);
          this.insert('request_orders', this.rows.order(order));
          this.insert('request_events', this.rows.event(event, order));
          s.release.run();
          nextId = Math.max(nextId, order.id) + 1;
          done.push({ pending, order });
        } catch (error) {
          // This intake alone is undone; the others of the batch go on.
          s.rollbackTo.run();
          s.release.run();
          pending.reject(toConflict(error));
        }
      }
      s.commit.run();
    } catch (error) {
      try {
        if (this.database.inTransaction) s?.rollback.run();
      } catch {
        // The connection is gone (closed under us); SQLite rolls back what was not committed.
      }
      // Nothing of the batch was kept. A promise settles once: an intake already refused
      // keeps its own error.
      for (const pending of batch) pending.reject(error);
      return;
    }
    for (const { pending, order } of done) pending.resolve(order);
  }
}

function toConflict(error: unknown): unknown {
  if (!(error instanceof AppError) && /unique|duplicate/i.test(String(error))) {
    return new AppError('CONFLICT', 'an order with this id was stored by someone else: send it again');
  }
  return error;
}
