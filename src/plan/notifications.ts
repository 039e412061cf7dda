/**
 * In-app notifications (issue 4): what awaits a signed-in user in a plan now, by role — a
 * reporter: reminders of its units, notices to answer, returned reports; a supervisor (and an
 * admin): reports to review, answered notices, extension requests, closing applications,
 * overdue units; a leader: overdue units and overdue notices. Pure: the caller loads.
 */
import type { Reminder, ReportStatus } from './reporting.js';
import { isNoticeOverdue } from './supervision.js';
import type { ClosureApplication, ExtensionRequest, SupervisionNotice } from './supervision.js';
import type { Role } from './types.js';

/** One thing awaiting the user: its kind (`report.overdue`, `notice.issued`, …), unit and record. */
export interface Notification {
  kind: string;
  unitId: number;
  id: number | string;
  dueOn: string | null;
  overdue: boolean;
}

/** What a plan holds that notifications are made of. */
export interface NotificationSources {
  reminders: readonly Reminder[];
  notices: readonly SupervisionNotice[];
  reports: readonly { id: number; unitId: number; status: ReportStatus }[];
  extensions: readonly Pick<ExtensionRequest, 'id' | 'unitId' | 'state'>[];
  closures: readonly Pick<ClosureApplication, 'id' | 'unitId' | 'state'>[];
}

/**
 * What awaits `user` on `today`, by its role and (a reporter) its units.
 * @example deriveNotifications({ role: 'leader', unitIds: [] }, sources, '2022-04-10') // overdue units and notices
 */
export function deriveNotifications(
  user: { role: Role; unitIds: readonly number[] },
  sources: NotificationSources,
  today: string,
): Notification[] {
  const { reminders, notices, reports, extensions, closures } = sources;
  const mine = (unitId: number) => user.role !== 'reporter' || user.unitIds.includes(unitId);
  const items: Notification[] = [];
  const staff = user.role === 'admin' || user.role === 'supervisor';
  for (const r of reminders) {
    if (!mine(r.unitId) || (user.role === 'leader' && r.kind !== 'overdue')) continue;
    items.push({
      kind: `report.${r.kind}`,
      unitId: r.unitId,
      id: r.periodKey,
      dueOn: r.dueOn,
      overdue: r.kind === 'overdue',
    });
  }
  for (const n of notices) {
    const open = n.state === 'issued' || n.state === 'escalated';
    const overdue = isNoticeOverdue(n, today);
    const show =
      (user.role === 'reporter' && open && mine(n.unitId)) ||
      (staff && n.state === 'answered') ||
      (user.role === 'leader' && overdue);
    if (show) items.push({ kind: `notice.${n.state}`, unitId: n.unitId, id: n.id, dueOn: n.dueOn, overdue });
  }
  for (const r of reports) {
    const show =
      (user.role === 'reporter' && r.status === 'returned' && mine(r.unitId)) ||
      (staff && r.status === 'submitted');
    if (show)
      items.push({
        kind: `report.${r.status}`,
        unitId: r.unitId,
        id: r.id,
        dueOn: null,
        overdue: false,
      });
  }
  if (staff) {
    for (const e of extensions.filter((x) => x.state === 'requested')) {
      items.push({
        kind: 'extension.requested',
        unitId: e.unitId,
        id: e.id,
        dueOn: null,
        overdue: false,
      });
    }
    for (const c of closures.filter((x) => x.state === 'applied')) {
      items.push({ kind: 'closure.applied', unitId: c.unitId, id: c.id, dueOn: null, overdue: false });
    }
  }
  return items;
}
