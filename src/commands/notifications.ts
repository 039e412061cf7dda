/**
 * In-app notifications (issue 4): the plan's reminders, supervision records and reports, loaded
 * for the domain to say what awaits a user (src/plan/notifications.ts).
 */
import { deriveNotifications } from '../plan/notifications.js';
import type { Notification } from '../plan/notifications.js';
import type { Role } from '../plan/types.js';
import type { Store } from '../store/types.js';
import { listReminders } from './tracking.js';

/** What awaits `user` in plan `planId` on `today`, by its role and (a reporter) its units. */
export async function listNotifications(
  store: Store,
  planId: number,
  user: { role: Role; unitIds: readonly number[] },
  today: string,
): Promise<Notification[]> {
  const [{ reminders }, notices, reports, extensions, closures] = await Promise.all([
    listReminders(store, planId, today),
    store.supervision.list('notice', planId),
    store.tracking.listReports(planId),
    store.supervision.list('extension', planId),
    store.supervision.list('closure', planId),
  ]);
  return deriveNotifications(user, { reminders, notices, reports, extensions, closures }, today);
}
