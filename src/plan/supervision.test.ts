import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import type { Actor } from './audit.js';
import {
  actsForUnit,
  applyForClosure,
  decideClosure,
  decideExtension,
  deriveEffectiveDeadline,
  deriveNoticeUrgency,
  isNoticeOverdue,
  issueNotice,
  reopenTask,
  requestExtension,
  transitionNotice,
} from './supervision.js';
import type { ClosableTask, ExtensionRequest } from './supervision.js';

const supervisor: Actor = { userId: 2, role: 'supervisor', unitIds: [] };
const admin: Actor = { userId: 1, role: 'admin', unitIds: [] };
const unit11: Actor = { userId: 5, role: 'reporter', unitIds: [11] };
const unit12: Actor = { userId: 6, role: 'reporter', unitIds: [12] };
const leader: Actor = { userId: 7, role: 'leader', unitIds: [] };

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('actsForUnit', () => {
  it('lets a reporter act for its units and an admin for any', () => {
    expect(actsForUnit(unit11, 11)).toBe(true);
    expect(actsForUnit(unit11, 12)).toBe(false);
    expect(actsForUnit(unit11, null)).toBe(false);
    expect(actsForUnit(admin, 12)).toBe(true);
    expect(actsForUnit(supervisor, 11)).toBe(false);
  });
});

describe('deriveNoticeUrgency', () => {
  it('maps health to 红/黄/蓝', () => {
    expect(deriveNoticeUrgency('behind')).toBe('red');
    expect(deriveNoticeUrgency('at_risk')).toBe('yellow');
    expect(deriveNoticeUrgency('on_track')).toBe('blue');
    expect(deriveNoticeUrgency('no_data')).toBe('blue');
  });
});

describe('notice state machine', () => {
  const input = {
    id: 1,
    planId: 1,
    subject: { type: 'task' as const, id: 7 },
    unitId: 11,
    content: '请加快推进征地工作',
    dueOn: '2022-05-10',
  };
  const issued = issueNotice(input, supervisor, '2022-05-03T09:00:00.000Z').next;

  it('issues a blue notice by default with an audit event', () => {
    const { next, event } = issueNotice(input, supervisor, '2022-05-03T09:00:00.000Z');
    expect(next).toMatchObject({
      state: 'issued',
      urgency: 'blue',
      issuedBy: 2,
      answer: null,
      escalations: [],
    });
    expect(event).toMatchObject({ action: 'notice.issue', before: null, entity: { type: 'notice', id: 1 } });
  });

  it('refuses issuing by a unit, or with no text and a past due date', () => {
    expect(caught(() => issueNotice(input, unit11, '2022-05-03T09:00:00.000Z')).code).toBe('FORBIDDEN');
    const e = caught(() =>
      issueNotice({ ...input, content: ' ', dueOn: '2022-05-01' }, supervisor, '2022-05-03T09:00:00.000Z'),
    );
    expect(e.code).toBe('BAD_INPUT');
    expect(e.details).toEqual([
      { path: 'content', message: 'the notice text is required' },
      { path: 'dueOn', message: 'must be 2022-05-03 or later' },
    ]);
  });

  it('goes issued → answered → closed', () => {
    const answered = transitionNotice(
      issued,
      { type: 'answer', text: '已完成征地' },
      unit11,
      '2022-05-08T10:00:00.000Z',
    );
    expect(answered.next).toMatchObject({ state: 'answered', answer: '已完成征地', answeredBy: 5 });
    expect(answered.event.before).toMatchObject({ state: 'issued' });
    const closed = transitionNotice(
      answered.next,
      { type: 'close', note: '同意' },
      supervisor,
      '2022-05-09T10:00:00.000Z',
    );
    expect(closed.next).toMatchObject({ state: 'closed', closedBy: 2, closingNote: '同意' });
    expect(closed.event.action).toBe('notice.close');
  });

  it('escalates one colour up with a new due date, and the unit answers again', () => {
    const up = transitionNotice(
      issued,
      { type: 'escalate', reason: '逾期未反馈', dueOn: '2022-05-15' },
      supervisor,
      '2022-05-11T09:00:00.000Z',
    );
    expect(up.next).toMatchObject({ state: 'escalated', urgency: 'yellow', dueOn: '2022-05-15' });
    expect(up.next.escalations).toEqual([
      {
        at: '2022-05-11T09:00:00.000Z',
        by: 2,
        reason: '逾期未反馈',
        fromUrgency: 'blue',
        toUrgency: 'yellow',
        dueOn: '2022-05-15',
      },
    ]);
    const red = transitionNotice(
      up.next,
      { type: 'escalate', reason: '仍未推进', dueOn: '2022-05-20' },
      supervisor,
      '2022-05-16T09:00:00.000Z',
    );
    expect(red.next.urgency).toBe('red');
    const again = transitionNotice(
      red.next,
      { type: 'answer', text: '已整改' },
      unit11,
      '2022-05-18T09:00:00.000Z',
    );
    expect(again.next.state).toBe('answered');
  });

  it('refuses the wrong actor and the wrong state', () => {
    expect(
      caught(() => transitionNotice(issued, { type: 'answer', text: 'x' }, unit12, '2022-05-04T00:00:00Z'))
        .code,
    ).toBe('FORBIDDEN');
    expect(
      caught(() => transitionNotice(issued, { type: 'close' }, unit11, '2022-05-04T00:00:00Z')).code,
    ).toBe('FORBIDDEN');
    expect(
      caught(() => transitionNotice(issued, { type: 'close' }, leader, '2022-05-04T00:00:00Z')).code,
    ).toBe('FORBIDDEN');
    const e = caught(() => transitionNotice(issued, { type: 'close' }, supervisor, '2022-05-04T00:00:00Z'));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/no answer/);
    const answered = transitionNotice(
      issued,
      { type: 'answer', text: 'x' },
      unit11,
      '2022-05-04T00:00:00Z',
    ).next;
    expect(
      caught(() => transitionNotice(answered, { type: 'answer', text: 'y' }, unit11, '2022-05-04T00:00:00Z'))
        .code,
    ).toBe('CONFLICT');
    const closed = transitionNotice(answered, { type: 'close' }, supervisor, '2022-05-05T00:00:00Z').next;
    expect(
      caught(() =>
        transitionNotice(
          closed,
          { type: 'escalate', reason: 'r', dueOn: '2022-06-01' },
          supervisor,
          '2022-05-06T00:00:00Z',
        ),
      ).message,
    ).toMatch(/closed/);
  });

  it('is overdue when unanswered past its due date', () => {
    expect(isNoticeOverdue(issued, '2022-05-10')).toBe(false);
    expect(isNoticeOverdue(issued, '2022-05-11')).toBe(true);
    expect(isNoticeOverdue({ state: 'answered', dueOn: '2022-05-10' }, '2022-05-11')).toBe(false);
  });
});

describe('extension requests', () => {
  const ask = {
    id: 1,
    planId: 1,
    subject: { type: 'task' as const, id: 7 },
    unitId: 11,
    previousDeadline: '2022-06-30',
    requestedDeadline: '2022-09-30',
    reason: '征地手续未完成',
  };
  const requested = requestExtension(ask, unit11, '2022-06-01T09:00:00.000Z').next;

  it('records a request with its reason', () => {
    expect(requested).toMatchObject({ state: 'requested', requestedBy: 5, approvedDeadline: null });
  });

  it('refuses another unit, a date not after the deadline, no reason, a second pending request', () => {
    expect(caught(() => requestExtension(ask, unit12, '2022-06-01T09:00:00.000Z')).code).toBe('FORBIDDEN');
    const e = caught(() =>
      requestExtension(
        { ...ask, requestedDeadline: '2022-06-30', reason: '' },
        unit11,
        '2022-06-01T09:00:00.000Z',
      ),
    );
    expect(e.details).toEqual([
      { path: 'reason', message: 'a reason is required' },
      { path: 'requestedDeadline', message: 'must be after the deadline in force, 2022-06-30' },
    ]);
    const late = caught(() =>
      requestExtension({ ...ask, requestedDeadline: '2022-07-10' }, unit11, '2022-07-15T09:00:00.000Z'),
    );
    expect(late.details).toEqual([{ path: 'requestedDeadline', message: 'must be 2022-07-15 or later' }]);
    expect(
      caught(() => requestExtension({ ...ask, id: 2 }, unit11, '2022-06-02T09:00:00.000Z', [requested])).code,
    ).toBe('CONFLICT');
  });

  it('approves as asked or to another date, or denies with a reason', () => {
    const approved = decideExtension(requested, { type: 'approve' }, supervisor, '2022-06-03T09:00:00.000Z');
    expect(approved.next).toMatchObject({ state: 'approved', approvedDeadline: '2022-09-30', decidedBy: 2 });
    expect(approved.event.action).toBe('extension.approve');
    const shorter = decideExtension(
      requested,
      { type: 'approve', deadline: '2022-08-31' },
      supervisor,
      '2022-06-03T09:00:00.000Z',
    );
    expect(shorter.next.approvedDeadline).toBe('2022-08-31');
    const denied = decideExtension(
      requested,
      { type: 'deny', reason: '理由不充分' },
      supervisor,
      '2022-06-03T09:00:00.000Z',
    );
    expect(denied.next).toMatchObject({
      state: 'denied',
      decisionNote: '理由不充分',
      approvedDeadline: null,
    });
  });

  it('refuses deciding twice, by a unit, or denying without a reason', () => {
    const approved = decideExtension(
      requested,
      { type: 'approve' },
      supervisor,
      '2022-06-03T09:00:00.000Z',
    ).next;
    expect(
      caught(() =>
        decideExtension(approved, { type: 'deny', reason: 'x' }, supervisor, '2022-06-04T00:00:00Z'),
      ).code,
    ).toBe('CONFLICT');
    expect(
      caught(() => decideExtension(requested, { type: 'approve' }, unit11, '2022-06-04T00:00:00Z')).code,
    ).toBe('FORBIDDEN');
    expect(
      caught(() =>
        decideExtension(requested, { type: 'deny', reason: '' }, supervisor, '2022-06-04T00:00:00Z'),
      ).code,
    ).toBe('BAD_INPUT');
    expect(
      caught(() =>
        decideExtension(
          requested,
          { type: 'approve', deadline: '2022-06-30' },
          supervisor,
          '2022-06-04T00:00:00Z',
        ),
      ).details,
    ).toEqual([{ path: 'deadline', message: 'must be after the deadline in force' }]);
  });
});

describe('deriveEffectiveDeadline', () => {
  const base: Pick<ExtensionRequest, 'id' | 'state' | 'approvedDeadline' | 'decidedAt'> = {
    id: 1,
    state: 'approved',
    approvedDeadline: '2022-09-30',
    decidedAt: '2022-06-03T09:00:00.000Z',
  };

  it('applies approved extensions in the order decided, keeping the history', () => {
    const later = { ...base, id: 3, approvedDeadline: '2022-11-30', decidedAt: '2022-09-20T09:00:00.000Z' };
    const denied = {
      ...base,
      id: 2,
      state: 'denied' as const,
      approvedDeadline: null,
      decidedAt: '2022-08-01T00:00:00Z',
    };
    const pending = { ...base, id: 4, state: 'requested' as const, approvedDeadline: null, decidedAt: null };
    const r = deriveEffectiveDeadline('2022-06-30', [later, denied, base, pending]);
    expect(r).toEqual({
      deadline: '2022-11-30',
      original: '2022-06-30',
      extended: true,
      history: [
        { requestId: 1, from: '2022-06-30', to: '2022-09-30', decidedAt: '2022-06-03T09:00:00.000Z' },
        { requestId: 3, from: '2022-09-30', to: '2022-11-30', decidedAt: '2022-09-20T09:00:00.000Z' },
      ],
    });
    expect(deriveEffectiveDeadline('2022-06-30', [denied])).toMatchObject({
      deadline: '2022-06-30',
      extended: false,
    });
  });
});

describe('closing a task (销号)', () => {
  const done: ClosableTask = { id: 7, planId: 1, state: 'done', progress: 100, leadUnitId: 11 };
  const evidence = [{ fileId: 9, name: '验收报告.pdf' }];
  const applied = applyForClosure(
    done,
    { id: 3, evidence, note: '已竣工验收' },
    unit11,
    '2022-11-20T09:00:00.000Z',
  ).next;

  it('lets the lead unit apply with evidence', () => {
    expect(applied).toMatchObject({ state: 'applied', taskId: 7, unitId: 11, appliedBy: 5 });
  });

  it('refuses a co-unit, an unfinished task, no evidence, a closed task, a second application', () => {
    expect(
      caught(() => applyForClosure(done, { id: 3, evidence, note: 'x' }, unit12, '2022-11-20T00:00:00Z'))
        .code,
    ).toBe('FORBIDDEN');
    const unfinished = { ...done, state: 'in_progress' as const, progress: 80 };
    expect(
      caught(() =>
        applyForClosure(unfinished, { id: 3, evidence, note: 'x' }, unit11, '2022-11-20T00:00:00Z'),
      ).message,
    ).toMatch(/not done/);
    expect(
      caught(() => applyForClosure(done, { id: 3, evidence: [], note: '' }, unit11, '2022-11-20T00:00:00Z'))
        .details,
    ).toEqual([
      { path: 'evidence', message: 'at least one evidence file is required' },
      { path: 'note', message: 'a note on what was done is required' },
    ]);
    const closed = { ...done, state: 'closed' as const };
    expect(
      caught(() => applyForClosure(closed, { id: 3, evidence, note: 'x' }, unit11, '2022-11-20T00:00:00Z'))
        .code,
    ).toBe('CONFLICT');
    expect(
      caught(() =>
        applyForClosure(done, { id: 4, evidence, note: 'x' }, unit11, '2022-11-21T00:00:00Z', [applied]),
      ).code,
    ).toBe('CONFLICT');
  });

  it('approves: the task becomes closed, with both audit events', () => {
    const r = decideClosure(applied, done, { type: 'approve' }, supervisor, '2022-11-25T09:00:00.000Z');
    expect(r.next.state).toBe('approved');
    expect(r.task.state).toBe('closed');
    expect(r.taskEvent).toMatchObject({
      action: 'task.close',
      before: { state: 'done' },
      after: { state: 'closed' },
    });
    expect(done.state).toBe('done');
  });

  it('returns with a reason, leaving the task as it was', () => {
    const r = decideClosure(
      applied,
      done,
      { type: 'return', reason: '缺少验收材料' },
      supervisor,
      '2022-11-25T09:00:00.000Z',
    );
    expect(r.next).toMatchObject({ state: 'returned', returnReason: '缺少验收材料' });
    expect(r.task).toBe(done);
    expect(r.taskEvent).toBeNull();
    expect(
      caught(() => decideClosure(r.next, done, { type: 'approve' }, supervisor, '2022-11-26T00:00:00Z')).code,
    ).toBe('CONFLICT');
    expect(
      caught(() =>
        decideClosure(applied, done, { type: 'return', reason: ' ' }, supervisor, '2022-11-26T00:00:00Z'),
      ).code,
    ).toBe('BAD_INPUT');
    expect(
      caught(() => decideClosure(applied, done, { type: 'approve' }, unit11, '2022-11-26T00:00:00Z')).code,
    ).toBe('FORBIDDEN');
  });

  it('reopens a closed task with a reason', () => {
    const closed = decideClosure(
      applied,
      done,
      { type: 'approve' },
      supervisor,
      '2022-11-25T09:00:00.000Z',
    ).task;
    const r = reopenTask(closed, '验收发现问题需整改', supervisor, '2022-12-01T09:00:00.000Z');
    expect(r.next.state).toBe('in_progress');
    expect(r.event).toMatchObject({ action: 'task.reopen', reason: '验收发现问题需整改' });
    expect(caught(() => reopenTask(done, 'x', supervisor, '2022-12-01T00:00:00Z')).code).toBe('CONFLICT');
    expect(caught(() => reopenTask(closed, 'x', unit11, '2022-12-01T00:00:00Z')).code).toBe('FORBIDDEN');
  });
});
