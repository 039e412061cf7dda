/**
 * The outbox worker: takes due messages from the outbox (written in the same transaction as
 * the change that caused them), sends each through its channel, and records every attempt.
 *
 * - One worker holds a message at a time: `claimDue` leases it (status `sending` until the
 *   lease ends, with a token); a result is recorded only under the same token, so a worker
 *   that stalled past its lease cannot overwrite the one that took over.
 * - A crash mid-send leaves the message leased; when the lease ends it is due again and sent
 *   with the same id (Message-ID, delivery id, SMS client id), so a receiver that dedupes sees
 *   one message. Nothing is sent twice while a lease holds, nothing is lost when one ends.
 * - Robots take 20 messages a minute: sends to one destination are spaced, and a message that
 *   would come too soon is put back for later without counting as an attempt.
 * - `stop()` stops claiming and waits for the sends in flight.
 */
import { afterAttempt, DEFAULT_RETRY_POLICY } from './retry.js';
import type { AttemptRecord, DeliveryState, RetryPolicy } from './retry.js';
import { destinationKey } from './types.js';
import type {
  ChannelAdapter,
  ChannelSet,
  DeliveryResult,
  Destination,
  Notice,
  OutgoingMessage,
} from './types.js';

/** A message the worker leased. */
export interface ClaimedMessage {
  id: string;
  destination: Destination;
  notice: Notice;
  state: DeliveryState;
  /** Proof of the lease: recording needs it. */
  leaseToken: string;
}

/** What the worker needs from the outbox's storage (the store implements it on both engines). */
export interface OutboxPort {
  /**
   * Leases up to `limit` messages due at `now` (pending with `nextAttemptAt ≤ now`, or sending
   * with an ended lease), oldest first, until `leaseUntil`. No two calls return the same
   * message while its lease holds.
   */
  claimDue(now: string, limit: number, leaseUntil: string): Promise<ClaimedMessage[]>;
  /** Records an attempt and the state after it; false when the lease was lost (nothing written). */
  recordAttempt(
    id: string,
    leaseToken: string,
    state: DeliveryState,
    record: AttemptRecord,
  ): Promise<boolean>;
  /** Puts a leased message back, due at `at`, without counting an attempt (rate spacing). */
  release(id: string, leaseToken: string, at: string): Promise<boolean>;
}

export interface WorkerLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
}

export interface OutboxWorkerOptions {
  port: OutboxPort;
  channels: ChannelSet;
  now?: () => number;
  policy?: RetryPolicy;
  /** Messages claimed per round (default 50). */
  batchSize?: number;
  /** Milliseconds between rounds when nothing was due (default 2 s). */
  idleMs?: number;
  /** How long a claim holds: longer than any send's time limit (default 2 min). */
  leaseMs?: number;
  /** Sends in flight at once (default 4). */
  concurrency?: number;
  log?: WorkerLog;
}

export interface OutboxWorker {
  start(): void;
  /** Stops claiming and resolves when the sends in flight are recorded. */
  stop(): Promise<void>;
  /** One round: claim, send, record. Resolves with the number of messages handled. */
  runOnce(): Promise<number>;
  readonly running: boolean;
}

const SILENT: WorkerLog = { info: () => {}, warn: () => {}, error: () => {} };

/** A send that never throws: an adapter's exception is a retryable failure, not a crash. */
async function sendSafely(
  adapter: ChannelAdapter | undefined,
  message: OutgoingMessage,
): Promise<DeliveryResult> {
  if (!adapter) {
    // Kept and retried: the channel may be configured later; the message stays visible in the log.
    return {
      status: 'failed',
      retryable: true,
      error: `the ${message.destination.channel} channel is not configured`,
    };
  }
  try {
    return await (adapter as ChannelAdapter<typeof message.destination.channel>).send(message as never);
  } catch (error) {
    return {
      status: 'failed',
      retryable: true,
      error: `the ${adapter.channel} channel failed: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}

export function createOutboxWorker(options: OutboxWorkerOptions): OutboxWorker {
  const now = options.now ?? Date.now;
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const batchSize = options.batchSize ?? 50;
  const idleMs = options.idleMs ?? 2000;
  const leaseMs = options.leaseMs ?? 120_000;
  const concurrency = Math.max(1, options.concurrency ?? 4);
  const log = options.log ?? SILENT;
  /** Per destination: the earliest instant the next send may go (robots' rate limits). */
  const nextSlot = new Map<string, number>();
  let running = false;
  let timer: NodeJS.Timeout | undefined;
  let round: Promise<number> | undefined;

  async function handle(message: ClaimedMessage): Promise<void> {
    const adapter = options.channels[message.destination.channel] as ChannelAdapter | undefined;
    const key = destinationKey(message.destination);
    const slot = nextSlot.get(key) ?? 0;
    const at = now();
    if (adapter?.perMinute && slot > at) {
      await options.port.release(message.id, message.leaseToken, new Date(slot).toISOString());
      return;
    }
    if (adapter?.perMinute) nextSlot.set(key, at + Math.ceil(60_000 / adapter.perMinute));
    const result = await sendSafely(adapter, {
      id: message.id,
      destination: message.destination,
      notice: message.notice,
    });
    const { state, record } = afterAttempt(
      message.state,
      result,
      message.id,
      new Date(now()).toISOString(),
      policy,
    );
    const kept = await options.port.recordAttempt(message.id, message.leaseToken, state, record);
    const fields = {
      messageId: message.id,
      destination: key,
      attempt: record.attempt,
      outcome: record.outcome,
    };
    if (!kept) log.warn(fields, 'outbox: lease lost before the result was recorded');
    else if (record.outcome === 'failed')
      log.warn({ ...fields, error: record.detail }, 'outbox: message failed');
    else if (record.outcome === 'retry')
      log.info({ ...fields, error: record.detail, next: record.nextAttemptAt }, 'outbox: will retry');
  }

  async function runOnce(): Promise<number> {
    const at = now();
    const claimed = await options.port.claimDue(
      new Date(at).toISOString(),
      batchSize,
      new Date(at + leaseMs).toISOString(),
    );
    let next = 0;
    const lane = async () => {
      while (next < claimed.length) {
        const message = claimed[next++]!;
        try {
          await handle(message);
        } catch (error) {
          // The store failed to record: the lease ends and the message is due again.
          log.error(
            { messageId: message.id, error: error instanceof Error ? error.message : String(error) },
            'outbox: could not record an attempt',
          );
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, claimed.length) }, lane));
    return claimed.length;
  }

  function schedule(delay: number): void {
    if (!running) return;
    timer = setTimeout(() => {
      round = runOnce()
        .catch((error: unknown) => {
          log.error(
            { error: error instanceof Error ? error.message : String(error) },
            'outbox: a round failed',
          );
          return 0;
        })
        .then((handled) => {
          round = undefined;
          // A full batch means more may be waiting: go again at once.
          schedule(handled >= batchSize ? 0 : idleMs);
          return handled;
        });
    }, delay);
    timer.unref?.();
  }

  return {
    start() {
      if (running) return;
      running = true;
      schedule(0);
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      await round;
    },
    runOnce,
    get running() {
      return running;
    },
  };
}
