/**
 * A plan's records as they stood at the end of a past date (issue 14.9: every page reads the
 * plan as of the date chosen in the app). A record written after the date did not exist yet; a
 * step taken after it (an answer, a 销号, a decision, a review) had not happened. Dates are the
 * plan's (the date part of each timestamp, as `dateOf` reads it).
 */
import { dateOf } from './dates.js';
import type { UnitReport } from './reporting.js';
import type { ClosureApplication, ExtensionRequest, SupervisionNotice } from './supervision.js';

const after = (at: string | null, date: string) => at !== null && dateOf(at) > date;

/**
 * A 督办单 as of the end of `date`: undefined when issued later; an answer, 销号 or escalation
 * made later taken back.
 * @example
 * noticeAsOf(closedInSeptember, '2022-06-30')?.state // 'issued' (or 'answered' when answered by then)
 */
export function noticeAsOf(notice: SupervisionNotice, date: string): SupervisionNotice | undefined {
  if (after(notice.issuedAt, date)) return undefined;
  if (!after(notice.closedAt, date) && !after(notice.answeredAt, date)) {
    if (!notice.escalations.some((e) => after(e.at, date))) return notice;
  }
  const escalations = notice.escalations.filter((e) => !after(e.at, date));
  // An escalation moves the due date; the one it replaced is not kept, so before every
  // escalation the notice keeps the date it has now.
  const dueOn = escalations.length > 0 ? escalations[escalations.length - 1]!.dueOn : notice.dueOn;
  const answered = notice.answeredAt !== null && !after(notice.answeredAt, date);
  const closed = notice.closedAt !== null && !after(notice.closedAt, date);
  const state = closed ? 'closed' : answered ? 'answered' : escalations.length > 0 ? 'escalated' : 'issued';
  return {
    ...notice,
    state,
    dueOn,
    escalations,
    answer: answered ? notice.answer : null,
    answeredBy: answered ? notice.answeredBy : null,
    answeredAt: answered ? notice.answeredAt : null,
    closedBy: closed ? notice.closedBy : null,
    closedAt: closed ? notice.closedAt : null,
    closingNote: closed ? notice.closingNote : null,
  };
}

/** A 延期申请 as of the end of `date`: undefined when asked later; a later decision not yet made. */
export function extensionAsOf(request: ExtensionRequest, date: string): ExtensionRequest | undefined {
  if (after(request.requestedAt, date)) return undefined;
  if (!after(request.decidedAt, date)) return request;
  return {
    ...request,
    state: 'requested',
    decidedBy: null,
    decidedAt: null,
    approvedDeadline: null,
    decisionNote: null,
  };
}

/** A 销号 application as of the end of `date`: undefined when applied later; a later decision not yet made. */
export function closureAsOf(application: ClosureApplication, date: string): ClosureApplication | undefined {
  if (after(application.appliedAt, date)) return undefined;
  if (!after(application.decidedAt, date)) return application;
  return { ...application, state: 'applied', decidedBy: null, decidedAt: null, returnReason: null };
}

/**
 * A unit's report as of the end of `date`: handed in later → still a draft (not handed in);
 * reviewed later → handed in, not yet reviewed. Reports as they are when `date` is today or later.
 */
export function reportAsOf<R extends UnitReport>(report: R, date: string): R {
  if (after(report.submittedAt, date)) {
    return {
      ...report,
      status: 'draft',
      submittedAt: null,
      submittedBy: null,
      reviewedAt: null,
      reviewedBy: null,
    };
  }
  if (after(report.reviewedAt, date)) {
    return { ...report, status: 'submitted', reviewedAt: null, reviewedBy: null, returnReason: null };
  }
  return report;
}
