/**
 * Plans' read stamps kept in memory on PostgreSQL (issue 15, docs/DECISIONS.md 64): every
 * transaction that advances plans' revisions sends their new stamps with `pg_notify` in that
 * transaction (revisions.ts), which PostgreSQL delivers at commit, in commit order. Each process
 * keeps one connection of its own listening (`LISTEN`), and answers a plan's stamp from memory
 * while that connection is up and has caught up: on each connect it listens first, then reads
 * every plan's stamp once, so nothing committed in between is missed. Its own commits it applies
 * itself at commit (store.ts), before the writer's call returns: a write then a read in one
 * process never sees the old version. Another process's write is seen once its notice arrives
 * (milliseconds; docs/BENCHMARKS.md). While the connection is down, or answers no ping within
 * PING_DEADLINE_MS, memory is not trusted: the caller reads the revision from the database.
 *
 * Memory moves only forward: a stamp replaces the one held only when its revision is not lower,
 * and a deleted plan stays a tombstone (PostgreSQL never reuses an id).
 */
import type pg from 'pg';
import type { PlanState } from '../plan/types.js';
import type { PlanReadStamp } from './types.js';

/** The channel of plans' stamps. */
export const PLAN_STAMP_CHANNEL = 'luoshi_plan_stamps';
/** PostgreSQL's limit on a notice's payload is 8000 bytes; above this the notice says "all". */
export const MAX_NOTICE_BYTES = 7000;
/** How often the listening connection is asked to answer, and how long it may take. */
export const PING_EVERY_MS = 2000;
export const PING_DEADLINE_MS = 3000;
/** The wait before connecting again after the listening connection was lost. */
export const RECONNECT_MS = 250;

/** A notice: the stamps of plans a commit advanced, plans it deleted, or every plan (`all`). */
export interface StampNotice {
  stamps?: [number, string, number, string][];
  gone?: number[];
  all?: true;
}

/** The payload of a commit's notice (JSON), or one saying "all" when the stamps are too many. */
export function noticeOf(stamps: readonly PlanReadStamp[], gone: readonly number[], all = false): string {
  const payload = JSON.stringify({
    stamps: stamps.map((s) => [s.id, s.state, s.revision, s.createdAt]),
    ...(gone.length > 0 ? { gone: [...gone] } : {}),
  } satisfies StampNotice);
  return all && Buffer.byteLength(payload) > MAX_NOTICE_BYTES ? '{"all":true}' : payload;
}

interface StampRow {
  id: number;
  state: string;
  revision: number | string;
  created_at: string;
}

/** What a test or the bench may watch: whether memory is trusted, and when it has heard a stamp. */
export interface RevisionWatchState {
  /** True while the listening connection is up and caught up: stamps answer from memory. */
  readonly live: boolean;
  /** Resolves once the connection is live (at once when it is). */
  whenLive(): Promise<void>;
  /** Resolves once the listening connection is found lost (at once when not live). */
  whenDown(): Promise<void>;
  /** Resolves once memory holds plan `planId` at `revision` or later (or its deletion). */
  heard(planId: number, revision: number): Promise<void>;
}

type Held = PlanReadStamp | { gone: true };

export class RevisionWatch implements RevisionWatchState {
  private readonly stamps = new Map<number, Held>();
  private client: pg.Client | undefined;
  private caughtUp = false;
  private stopped = false;
  private pinging: ReturnType<typeof setInterval> | undefined;
  private lastPing = 0;
  private readonly waiters = new Set<{ planId: number; revision: number; resolve: () => void }>();
  private liveWaiters: (() => void)[] = [];
  private downWaiters: (() => void)[] = [];
  /** Bumped when memory is dropped: a catch-up read begun before it is read again. */
  private epoch = 0;

  /** `open` makes a new client on the primary (never a replica: a standby cannot LISTEN). */
  constructor(private readonly open: () => pg.Client) {}

  get live(): boolean {
    // A connection that stopped answering pings is not trusted even before it is found lost.
    return this.caughtUp && !this.stopped && Date.now() - this.lastPing <= PING_EVERY_MS + PING_DEADLINE_MS;
  }

  /** Starts listening (once); reconnects by itself until `stop`. */
  start(): void {
    if (this.client !== undefined || this.stopped) return;
    void this.connect();
  }

  /** `{ stamp }` from memory while live and the plan is known; undefined: read the database. */
  stampNow(planId: number): { stamp: PlanReadStamp | undefined } | undefined {
    if (!this.live) return undefined;
    const held = this.stamps.get(planId);
    if (held === undefined) return undefined;
    return { stamp: 'gone' in held ? undefined : held };
  }

  /** A commit's stamps, from this process (at commit) or from a notice. */
  apply(stamps: readonly PlanReadStamp[], gone: readonly number[] = []): void {
    for (const stamp of stamps) {
      const held = this.stamps.get(stamp.id);
      if (held !== undefined && ('gone' in held || held.revision > stamp.revision)) continue;
      this.stamps.set(stamp.id, stamp);
    }
    for (const id of gone) this.stamps.set(id, { gone: true });
    this.wake();
  }

  /** Every plan advanced (a unit renamed): memory is dropped and read again. */
  forgetAll(): void {
    this.stamps.clear();
    this.epoch += 1;
    if (this.client !== undefined && this.caughtUp) {
      this.caughtUp = false;
      void this.catchUp(this.client);
    }
  }

  whenLive(): Promise<void> {
    if (this.live) return Promise.resolve();
    return new Promise((resolve) => this.liveWaiters.push(resolve));
  }

  whenDown(): Promise<void> {
    if (!this.live) return Promise.resolve();
    return new Promise((resolve) => this.downWaiters.push(resolve));
  }

  heard(planId: number, revision: number): Promise<void> {
    return new Promise((resolve) => {
      const waiter = { planId, revision, resolve };
      this.waiters.add(waiter);
      this.wake();
    });
  }

  /** Stops listening for good (the store closes). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.caughtUp = false;
    for (const resolve of this.downWaiters.splice(0)) resolve();
    clearInterval(this.pinging);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => undefined);
  }

  private wake(): void {
    for (const waiter of this.waiters) {
      const held = this.stamps.get(waiter.planId);
      if (held !== undefined && ('gone' in held || held.revision >= waiter.revision)) {
        this.waiters.delete(waiter);
        waiter.resolve();
      }
    }
    if (this.live) {
      const waiting = this.liveWaiters;
      this.liveWaiters = [];
      for (const resolve of waiting) resolve();
    }
  }

  private async connect(): Promise<void> {
    const client = this.open();
    this.client = client;
    client.on('notification', (message) => {
      if (this.client === client && message.channel === PLAN_STAMP_CHANNEL) this.hear(message.payload);
    });
    client.on('error', () => this.lost(client));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      // Listen first, then read: a commit after the read's snapshot is heard, one before is read.
      await client.query(`LISTEN ${PLAN_STAMP_CHANNEL}`);
      this.lastPing = Date.now();
      this.pinging = setInterval(() => this.ping(client), PING_EVERY_MS);
      this.pinging.unref();
      await this.catchUp(client);
    } catch {
      this.lost(client);
    }
  }

  private async catchUp(client: pg.Client): Promise<void> {
    const epoch = this.epoch;
    const { rows } = await client.query<StampRow>('select id, state, revision, created_at from plans');
    if (this.client !== client) return;
    if (epoch !== this.epoch) return this.catchUp(client);
    this.apply(
      rows.map((row) => ({
        id: Number(row.id),
        state: row.state as PlanState,
        revision: Number(row.revision),
        createdAt: row.created_at,
      })),
    );
    this.caughtUp = true;
    this.wake();
  }

  private hear(payload: string | undefined): void {
    let notice: StampNotice;
    try {
      notice = JSON.parse(payload ?? '') as StampNotice;
    } catch {
      // Not ours to read: trust nothing until read again.
      return this.forgetAll();
    }
    if (notice.all) return this.forgetAll();
    this.apply(
      (notice.stamps ?? []).map(([id, state, revision, createdAt]) => ({
        id,
        state: state as PlanState,
        revision,
        createdAt,
      })),
      notice.gone ?? [],
    );
  }

  /** A ping unanswered past its deadline: the connection is taken as lost. */
  private ping(client: pg.Client): void {
    if (this.client !== client) return;
    if (Date.now() - this.lastPing > PING_DEADLINE_MS + PING_EVERY_MS) return this.lost(client);
    client.query('select 1').then(
      () => {
        this.lastPing = Date.now();
      },
      () => this.lost(client),
    );
  }

  private lost(client: pg.Client): void {
    if (this.client !== client) return;
    this.client = undefined;
    this.caughtUp = false;
    this.stamps.clear();
    this.epoch += 1;
    clearInterval(this.pinging);
    client.removeAllListeners('notification');
    client.on('error', () => undefined);
    void client.end().catch(() => undefined);
    const waiting = this.downWaiters;
    this.downWaiters = [];
    for (const resolve of waiting) resolve();
    if (this.stopped) return;
    setTimeout(() => {
      if (!this.stopped && this.client === undefined) void this.connect();
    }, RECONNECT_MS).unref();
  }
}
