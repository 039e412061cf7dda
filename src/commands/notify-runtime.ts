/**
 * What runs beside the server to notify (issue 18): the outbox worker sending what changes
 * queued, the daily chase, the followers' digests and the day's stale-knowledge notices (issue 20). `luoshi serve` (and so `npm start`) starts it after listening and
 * stops it before closing the store; stopping waits for the sends in flight.
 */
import { createOutboxWorker } from '../notify/worker.js';
import type { WorkerLog } from '../notify/worker.js';
import type { ChannelSet } from '../notify/types.js';
import type { Store } from '../store/types.js';
import { startChaseScheduler } from './chase.js';
import { startDigestScheduler } from './digests.js';
import type { ChaseRunResult } from './chase.js';
import { tellFollowers } from './follows.js';
import { startKnowledgeScheduler } from './knowledge-notices.js';
import { startDeskNoticeScheduler } from './handler-notices.js';
import { createOutboxPort } from './notify.js';
import { loadWorkCalendar } from './requests-setup.js';

export interface NotificationRuntime {
  stop(): Promise<void>;
}

export function startNotifications(options: {
  store: Store;
  channels: ChannelSet;
  publicUrl: string;
  log: WorkerLog;
  /**
   * Milliseconds between the worker's idle rounds (default 2 s), the chase's checks (default
   * 5 min) and the followers' digest runs (default 15 min).
   */
  idleMs?: number;
  chaseEveryMs?: number;
  digestEveryMs?: number;
  /** The clock of the chase and the digests (tests pass a fixed one). */
  now?: () => Date;
  /** Milliseconds between runs telling staff followers of changes (default 1 min). */
  followEveryMs?: number;
}): NotificationRuntime {
  const worker = createOutboxWorker({
    port: createOutboxPort(options.store),
    channels: options.channels,
    log: options.log,
    ...(options.idleMs ? { idleMs: options.idleMs } : {}),
  });
  worker.start();
  const chase = startChaseScheduler({
    store: options.store,
    publicUrl: options.publicUrl,
    loadCalendar: () => loadWorkCalendar(options.store),
    ...(options.chaseEveryMs ? { intervalMs: options.chaseEveryMs } : {}),
    onError: (error) =>
      options.log.error(
        { error: error instanceof Error ? error.message : String(error) },
        'chase: the run failed',
      ),
    onRun: (result: ChaseRunResult) => options.log.info({ ...result }, 'chase: run done'),
    ...(options.now ? { now: options.now } : {}),
  });
  const digests = startDigestScheduler({
    store: options.store,
    publicUrl: options.publicUrl,
    ...(options.now ? { now: options.now } : {}),
    ...(options.digestEveryMs ? { intervalMs: options.digestEveryMs } : {}),
    onError: (error) =>
      options.log.error(
        { error: error instanceof Error ? error.message : String(error) },
        'digests: the run failed',
      ),
    onRun: (written) => options.log.info({ written }, 'digests: queued'),
  });
  // Stale knowledge entries told to their units, once a day in each jurisdiction (issue 20).
  const knowledge = startKnowledgeScheduler({
    store: options.store,
    publicUrl: options.publicUrl,
    ...(options.now ? { now: options.now } : {}),
    ...(options.chaseEveryMs ? { intervalMs: options.chaseEveryMs } : {}),
    onError: (error) =>
      options.log.error(
        { error: error instanceof Error ? error.message : String(error) },
        'knowledge: the stale sweep failed',
      ),
    onRun: (result) => options.log.info({ ...result }, 'knowledge: stale entries told'),
  });
  // The units' copies of handlers' unread notices, and 12345 orders near their deadline (issue 20).
  const desk = startDeskNoticeScheduler({
    store: options.store,
    publicUrl: options.publicUrl,
    ...(options.now ? { now: options.now } : {}),
    ...(options.idleMs ? { intervalMs: Math.max(options.idleMs, 1000) } : {}),
    onError: (error) =>
      options.log.error(
        { error: error instanceof Error ? error.message : String(error) },
        'desk notices: the run failed',
      ),
    onRun: (result) => options.log.info({ ...result }, 'desk notices: run done'),
  });
  // Staff who follow an item are told of its changes by their own channels (issue 19).
  let telling = false;
  const follow = setInterval(() => {
    if (telling) return;
    telling = true;
    tellFollowers(options.store, new Date().toISOString(), { origin: options.publicUrl.replace(/\/+$/, '') })
      .catch((error: unknown) =>
        options.log.error(
          { error: error instanceof Error ? error.message : String(error) },
          'follows: telling followers failed',
        ),
      )
      .finally(() => {
        telling = false;
      });
  }, options.followEveryMs ?? 60_000);
  follow.unref?.();
  return {
    async stop() {
      clearInterval(follow);
      chase.stop();
      digests.stop();
      knowledge.stop();
      desk.stop();
      await worker.stop();
    },
  };
}
