import { describe, expect, it } from 'vitest';
import { closureAsOf, extensionAsOf, noticeAsOf, reportAsOf } from './as-of.js';
import type { UnitReport } from './reporting.js';
import type { ClosureApplication, ExtensionRequest, SupervisionNotice } from './supervision.js';

const notice: SupervisionNotice = {
  id: 1,
  planId: 1,
  subject: { type: 'task', id: 3 },
  unitId: 7,
  urgency: 'red',
  state: 'closed',
  content: '请加快推进',
  dueOn: '2022-07-31',
  issuedBy: 2,
  issuedAt: '2022-05-10T02:00:00.000Z',
  answer: '已整改',
  answeredBy: 5,
  answeredAt: '2022-07-20T02:00:00.000Z',
  closedBy: 2,
  closedAt: '2022-09-01T02:00:00.000Z',
  closingNote: '同意销号',
  escalations: [],
};

describe('a 督办单 as of a past date', () => {
  it('does not exist before it was issued', () => {
    expect(noticeAsOf(notice, '2022-05-09')).toBeUndefined();
  });
  it('is issued, unanswered, before its answer; answered before its 销号; as it is after', () => {
    expect(noticeAsOf(notice, '2022-06-30')).toMatchObject({ state: 'issued', answer: null, closedAt: null });
    expect(noticeAsOf(notice, '2022-08-31')).toMatchObject({
      state: 'answered',
      answer: '已整改',
      closedAt: null,
    });
    expect(noticeAsOf(notice, '2022-12-31')).toBe(notice);
  });
  it('drops an escalation made later, keeping the state it had', () => {
    const escalated: SupervisionNotice = {
      ...notice,
      state: 'escalated',
      answer: null,
      answeredBy: null,
      answeredAt: null,
      closedBy: null,
      closedAt: null,
      closingNote: null,
      dueOn: '2022-10-15',
      escalations: [
        {
          at: '2022-08-05T02:00:00.000Z',
          by: 2,
          reason: '逾期未答复',
          fromUrgency: 'yellow',
          toUrgency: 'red',
          dueOn: '2022-08-20',
        },
        {
          at: '2022-10-01T02:00:00.000Z',
          by: 2,
          reason: '再次逾期',
          fromUrgency: 'red',
          toUrgency: 'red',
          dueOn: '2022-10-15',
        },
      ],
    };
    expect(noticeAsOf(escalated, '2022-09-30')).toMatchObject({ state: 'escalated', dueOn: '2022-08-20' });
    expect(noticeAsOf(escalated, '2022-09-30')!.escalations).toHaveLength(1);
    expect(noticeAsOf(escalated, '2022-07-31')).toMatchObject({ state: 'issued', escalations: [] });
  });
});

describe('延期 and 销号 as of a past date', () => {
  const extension = {
    id: 1,
    planId: 1,
    subject: { type: 'task', id: 3 },
    unitId: 7,
    previousDeadline: '2022-06-30',
    requestedDeadline: '2022-09-30',
    reason: '征地未完成',
    state: 'approved',
    requestedBy: 5,
    requestedAt: '2022-06-01T02:00:00.000Z',
    decidedBy: 2,
    decidedAt: '2022-06-10T02:00:00.000Z',
    approvedDeadline: '2022-09-30',
    decisionNote: '同意',
  } satisfies ExtensionRequest;
  const closure = {
    id: 1,
    planId: 1,
    taskId: 3,
    unitId: 7,
    state: 'returned',
    evidence: [],
    note: '已完成',
    appliedBy: 5,
    appliedAt: '2022-11-01T02:00:00.000Z',
    decidedBy: 2,
    decidedAt: '2022-11-08T02:00:00.000Z',
    returnReason: '缺少验收材料',
  } satisfies ClosureApplication;
  it('were not asked before they were asked, and undecided until decided', () => {
    expect(extensionAsOf(extension, '2022-05-31')).toBeUndefined();
    expect(extensionAsOf(extension, '2022-06-05')).toMatchObject({
      state: 'requested',
      approvedDeadline: null,
    });
    expect(extensionAsOf(extension, '2022-06-30')).toBe(extension);
    expect(closureAsOf(closure, '2022-10-31')).toBeUndefined();
    expect(closureAsOf(closure, '2022-11-05')).toMatchObject({ state: 'applied', returnReason: null });
    expect(closureAsOf(closure, '2022-11-30')).toBe(closure);
  });
});

describe('a unit report as of a past date', () => {
  const report = {
    id: 1,
    planId: 1,
    unitId: 7,
    periodKey: '2022-05',
    status: 'approved',
    evidence: [],
    carriedFrom: null,
    submittedBy: 5,
    submittedAt: '2022-06-03T09:00:00.000Z',
    reviewedBy: 2,
    reviewedAt: '2022-06-07T09:00:00.000Z',
    returnReason: null,
    tasks: [],
    targets: [],
  } as unknown as UnitReport;
  it('was not handed in before it was, and waited for review until reviewed', () => {
    expect(reportAsOf(report, '2022-06-02')).toMatchObject({
      status: 'draft',
      submittedAt: null,
      reviewedAt: null,
    });
    expect(reportAsOf(report, '2022-06-05')).toMatchObject({ status: 'submitted', reviewedAt: null });
    expect(reportAsOf(report, '2022-06-30')).toBe(report);
  });
});
