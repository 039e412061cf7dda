import { describe, expect, it } from 'vitest';
import { createAuditEvent, deriveActor, deriveHistory, diff } from './audit.js';
import type { Actor } from './audit.js';

const supervisor: Actor = { userId: 2, role: 'supervisor', unitIds: [] };

describe('createAuditEvent', () => {
  it('snapshots before and after so later edits cannot rewrite history', () => {
    const task = { state: 'done', progress: 100, coUnitIds: [3] };
    const event = createAuditEvent({
      at: '2022-04-06T09:00:00.000Z',
      actor: supervisor,
      entity: { type: 'task', id: 7 },
      planId: 1,
      action: 'task.close',
      before: task,
      after: { ...task, state: 'closed' },
    });
    task.state = 'in_progress';
    task.coUnitIds.push(9);
    expect(event.before).toEqual({ state: 'done', progress: 100, coUnitIds: [3] });
    expect(event.actor).toEqual({ userId: 2, role: 'supervisor' });
    expect(event.reason).toBeNull();
    expect(Object.isFrozen(event)).toBe(true);
    expect(Object.isFrozen(event.before)).toBe(true);
  });

  it('refuses a time that is not an ISO timestamp and an empty action', () => {
    const base = { actor: null, entity: { type: 'period' as const, id: '2022-03' }, action: 'period.lock' };
    expect(() => createAuditEvent({ ...base, at: 'yesterday' })).toThrow(/ISO/);
    expect(() => createAuditEvent({ ...base, at: '2022-04-06T00:00:00Z', action: ' ' })).toThrow(/empty/);
  });
});

describe('diff', () => {
  it('lists changed, added and removed fields in path order', () => {
    expect(
      diff(
        { deadline: '2022-06-30', leader: '张三', progress: 40, note: 'x' },
        { deadline: '2022-09-30', leader: '张三', progress: 40, state: 'in_progress' },
      ),
    ).toEqual([
      { path: 'deadline', kind: 'changed', before: '2022-06-30', after: '2022-09-30' },
      { path: 'note', kind: 'removed', before: 'x' },
      { path: 'state', kind: 'added', after: 'in_progress' },
    ]);
  });

  it('walks nested objects and compares arrays whole', () => {
    expect(
      diff(
        { assignment: { leadUnitId: 1, coUnitIds: [3, 5] }, span: [10, 20] },
        { assignment: { leadUnitId: 1, coUnitIds: [5] }, span: [10, 20] },
      ),
    ).toEqual([{ path: 'assignment.coUnitIds', kind: 'changed', before: [3, 5], after: [5] }]);
  });

  it('treats a null side as all added or all removed, and equal inputs as no change', () => {
    expect(diff(null, { state: 'issued' })).toEqual([{ path: 'state', kind: 'added', after: 'issued' }]);
    expect(diff({ state: 'issued' }, null)).toEqual([{ path: 'state', kind: 'removed', before: 'issued' }]);
    expect(diff({ a: { b: [1, { c: 2 }] } }, { a: { b: [1, { c: 2 }] } })).toEqual([]);
  });

  it('reads a value turning into an object as one change', () => {
    expect(diff({ baseline: null }, { baseline: { value: 48.3 } })).toEqual([
      { path: 'baseline', kind: 'changed', before: null, after: { value: 48.3 } },
    ]);
  });
});

describe('deriveHistory', () => {
  const issued = createAuditEvent({
    at: '2022-05-20T09:00:00.000Z',
    actor: supervisor,
    entity: { type: 'notice', id: 1 },
    action: 'notice.issue',
    after: { state: 'issued', issuedBy: 2, escalations: [] },
  });
  const escalated = createAuditEvent({
    at: '2022-05-28T09:00:00.000Z',
    actor: supervisor,
    entity: { type: 'notice', id: 1 },
    action: 'notice.escalate',
    before: { state: 'issued', issuedBy: 2, escalations: [] },
    after: { state: 'escalated', issuedBy: 2, escalations: [{ by: 2, reason: '逾期' }] },
    reason: '逾期',
  });

  it('lists events oldest first with their changes and who acted', () => {
    const history = deriveHistory([escalated, issued]);
    expect(history.map((h) => h.action)).toEqual(['notice.issue', 'notice.escalate']);
    expect(history[0]).toEqual({
      at: '2022-05-20T09:00:00.000Z',
      action: 'notice.issue',
      actor: { role: 'supervisor', userId: 2 },
      reason: null,
      changes: [
        { path: 'escalations', kind: 'added', after: [] },
        { path: 'issuedBy', kind: 'added', after: 2 },
        { path: 'state', kind: 'added', after: 'issued' },
      ],
    });
  });

  it('hides who acted and the fields naming users from the public', () => {
    const history = deriveHistory([issued, escalated], 'public');
    expect(history[0]?.actor).toEqual({ role: 'supervisor' });
    expect(history[0]?.changes.map((c) => c.path)).toEqual(['escalations', 'state']);
    expect(history[1]?.changes).toEqual([
      { path: 'escalations', kind: 'changed', before: [], after: [{ reason: '逾期' }] },
      { path: 'state', kind: 'changed', before: 'issued', after: 'escalated' },
    ]);
  });
});

describe('deriveActor', () => {
  it('keeps the id, role and units of a user', () => {
    const user = { id: 5, role: 'reporter' as const, unitIds: [11, 12] };
    const actor = deriveActor(user);
    expect(actor).toEqual({ userId: 5, role: 'reporter', unitIds: [11, 12] });
    user.unitIds.push(13);
    expect(actor.unitIds).toEqual([11, 12]);
  });
});
