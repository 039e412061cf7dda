/**
 * Test helper: the outbox port over an array, with the same lease rules the store keeps, so
 * the worker's behaviour is tested alone (the store's implementation has its own tests on
 * both engines).
 */
import { randomUUID } from 'node:crypto';
import { queuedState } from '../retry.js';
import type { AttemptRecord, DeliveryState } from '../retry.js';
import type { Destination, Notice } from '../types.js';
import type { ClaimedMessage, OutboxPort } from '../worker.js';

export interface MemoryRow {
  id: string;
  destination: Destination;
  notice: Notice;
  state: DeliveryState;
  leaseToken: string | null;
  leaseUntil: string | null;
  attempts: AttemptRecord[];
}

export function createMemoryOutbox(): OutboxPort & {
  rows: MemoryRow[];
  add(id: string, destination: Destination, notice: Notice, queuedAt: string): void;
} {
  const rows: MemoryRow[] = [];
  const owned = (row: MemoryRow | undefined, token: string) => row !== undefined && row.leaseToken === token;
  return {
    rows,
    add(id, destination, notice, queuedAt) {
      rows.push({
        id,
        destination,
        notice,
        state: queuedState(queuedAt),
        leaseToken: null,
        leaseUntil: null,
        attempts: [],
      });
    },
    async claimDue(now, limit, leaseUntil) {
      const due = rows
        .filter(
          (r) =>
            (r.state.status === 'pending' && r.state.nextAttemptAt! <= now) ||
            (r.state.status === 'sending' && r.leaseUntil !== null && r.leaseUntil <= now),
        )
        .sort((a, b) => a.state.queuedAt.localeCompare(b.state.queuedAt))
        .slice(0, limit);
      return due.map((r): ClaimedMessage => {
        r.leaseToken = randomUUID();
        r.leaseUntil = leaseUntil;
        r.state = { ...r.state, status: 'sending' };
        return {
          id: r.id,
          destination: r.destination,
          notice: r.notice,
          state: { ...r.state, status: 'pending' },
          leaseToken: r.leaseToken,
        };
      });
    },
    async recordAttempt(id, token, state, record) {
      const row = rows.find((r) => r.id === id);
      if (!owned(row, token)) return false;
      row!.state = state;
      row!.attempts.push(record);
      row!.leaseToken = null;
      row!.leaseUntil = null;
      return true;
    },
    async release(id, token, at) {
      const row = rows.find((r) => r.id === id);
      if (!owned(row, token)) return false;
      row!.state = { ...row!.state, status: 'pending', nextAttemptAt: at };
      row!.leaseToken = null;
      row!.leaseUntil = null;
      return true;
    },
  };
}
