import { describe, expect, it } from 'vitest';
import { commitmentAsOf } from './commitment-as-of.js';
import { applyCommitmentEvent, openCommitment } from './service.js';
import type { CommitmentEvent, CommitmentEventInput } from './service.js';
import type { Commitment, ServiceActor } from './types.js';

const butler: ServiceActor = { role: 'butler', unitIds: [] };

/** A commitment opened on 2024-03-01 taken through `steps`, with its events. */
function lived(steps: [CommitmentEventInput, string][]): { c: Commitment; events: CommitmentEvent[] } {
  let c = openCommitment(5, {
    packageId: 1,
    kind: 'approval',
    title: '厂房施工许可办理',
    responsibleUnitId: 21,
    butler: '周管家',
    openedOn: '2024-03-01',
    dueOn: '2024-04-30',
  });
  const events: CommitmentEvent[] = [];
  for (const [input, on] of steps) {
    const next = applyCommitmentEvent(c, input, butler, on);
    c = next.commitment;
    events.push(next.event);
  }
  return { c, events };
}

describe('commitmentAsOf', () => {
  const { c, events } = lived([
    [{ type: 'started' }, '2024-03-10'],
    [{ type: 'delivered', evidence: ['施工许可证'] }, '2024-05-06'],
    [{ type: 'confirmed', satisfaction: '满意' }, '2024-05-20'],
  ]);

  it('is as it is on or after its last step', () => {
    expect(commitmentAsOf(c, events, '2024-05-20')).toBe(c);
    expect(commitmentAsOf(c, events, '2026-12-31')).toBe(c);
  });

  it('takes back the steps taken later: owed and overdue before its delivery', () => {
    expect(commitmentAsOf(c, events, '2024-05-10')).toMatchObject({
      state: 'delivered',
      deliveredOn: '2024-05-06',
      confirmedOn: null,
      satisfaction: null,
    });
    expect(commitmentAsOf(c, events, '2024-05-01')).toMatchObject({
      state: 'in_progress',
      deliveredOn: null,
    });
    expect(commitmentAsOf(c, events, '2024-03-05')).toMatchObject({ state: 'open' });
  });

  it('did not exist before it was opened', () => {
    expect(commitmentAsOf(c, events, '2024-02-29')).toBeUndefined();
    const fresh = lived([]);
    expect(commitmentAsOf(fresh.c, [], '2024-02-29')).toBeUndefined();
    expect(commitmentAsOf(fresh.c, [], '2024-03-01')).toBe(fresh.c);
  });

  it('reads only its own events', () => {
    const others = events.map((e) => ({ ...e, commitmentId: 99 }));
    expect(commitmentAsOf(c, others, '2024-03-05')).toBe(c);
  });
});
