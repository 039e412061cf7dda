/**
 * A 服务包 commitment as it stood at the end of a past day (issue 14.9: the 服务包 pages read
 * the tab's as-of date), from its events: a step taken later (started, delivered, confirmed,
 * returned, reopened) had not happened. Pure: the caller loads the events.
 */
import type { Commitment, CommitmentState } from './types.js';
import type { CommitmentEvent } from './service.js';

const STATE_AFTER: Partial<Record<CommitmentEvent['type'], CommitmentState>> = {
  started: 'in_progress',
  delivered: 'delivered',
  confirmed: 'confirmed',
  returned: 'returned',
  reopened: 'in_progress',
};

/**
 * `commitment` as of the end of `date`, given its events (any order, others' ignored):
 * undefined when it was opened later and nothing happened to it by then; its state that of the
 * last step taken by then ('open' before any), with a delivery or confirmation made later taken
 * back. A reopening made later is taken back as to the state only: the 办结时限 it replaced is
 * not kept, so the one it has now is counted.
 * @example
 * commitmentAsOf(confirmedInMay, events, '2024-03-31')?.state // 'in_progress' when started by then
 */
export function commitmentAsOf(
  commitment: Commitment,
  events: readonly CommitmentEvent[],
  date: string,
): Commitment | undefined {
  const own = events.filter((e) => e.commitmentId === commitment.id).sort((a, b) => a.seq - b.seq);
  const later = own.filter((e) => e.on > date);
  if (later.length === 0) return commitment.openedOn > date && own.length === 0 ? undefined : commitment;
  const before = own.filter((e) => e.on <= date);
  const reopenedLater = later.some((e) => e.type === 'reopened');
  if (before.length === 0 && commitment.openedOn > date && !reopenedLater) return undefined;
  let state: CommitmentState = 'open';
  let deliveredOn: string | null = null;
  let confirmedOn: string | null = null;
  for (const event of before) {
    state = STATE_AFTER[event.type] ?? state;
    if (event.type === 'delivered') deliveredOn = event.on;
    if (event.type === 'confirmed') confirmedOn = event.on;
    if (event.type === 'reopened') {
      deliveredOn = null;
      confirmedOn = null;
    }
  }
  return {
    ...commitment,
    state,
    deliveredOn,
    confirmedOn,
    satisfaction: state === 'confirmed' ? commitment.satisfaction : null,
  };
}
