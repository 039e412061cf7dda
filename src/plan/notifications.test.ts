import { describe, expect, it } from 'vitest';
import { deriveNotifications } from './notifications.js';
import type { NotificationSources } from './notifications.js';
import type { SupervisionNotice } from './supervision.js';

const notice = (id: number, unitId: number, state: SupervisionNotice['state'], dueOn: string) =>
  ({
    id,
    planId: 1,
    unitId,
    state,
    dueOn,
    subject: { type: 'task', id: 9 },
    content: '请加快推进',
  }) as SupervisionNotice;

const sources: NotificationSources = {
  reminders: [
    { unitId: 3, periodKey: '2022-03', dueOn: '2022-04-05', kind: 'overdue', daysLeft: -5, missing: [] },
    { unitId: 4, periodKey: '2022-03', dueOn: '2022-04-12', kind: 'due_soon', daysLeft: 2, missing: [] },
  ],
  notices: [notice(1, 3, 'issued', '2022-04-01'), notice(2, 4, 'answered', '2022-04-30')],
  reports: [
    { id: 7, unitId: 3, status: 'returned' },
    { id: 8, unitId: 4, status: 'submitted' },
  ],
  extensions: [{ id: 5, unitId: 4, state: 'requested' }],
  closures: [{ id: 6, unitId: 3, state: 'applied' }],
};
const TODAY = '2022-04-10';

describe('deriveNotifications', () => {
  it("gives a reporter its units' reminders, notices to answer and returned reports", () => {
    const kinds = deriveNotifications({ role: 'reporter', unitIds: [3] }, sources, TODAY).map((n) => n.kind);
    expect(kinds).toEqual(['report.overdue', 'notice.issued', 'report.returned']);
  });

  it('gives a supervisor what awaits review, and a leader only what is overdue', () => {
    const staff = deriveNotifications({ role: 'supervisor', unitIds: [] }, sources, TODAY).map((n) => n.kind);
    expect(staff).toEqual([
      'report.overdue',
      'report.due_soon',
      'notice.answered',
      'report.submitted',
      'extension.requested',
      'closure.applied',
    ]);
    const leader = deriveNotifications({ role: 'leader', unitIds: [] }, sources, TODAY);
    expect(leader.map((n) => [n.kind, n.overdue])).toEqual([
      ['report.overdue', true],
      ['notice.issued', true],
    ]);
  });
});
