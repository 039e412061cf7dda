/**
 * A commitment's assignment, changed by the office as a plan task's is: another responsible
 * unit or 服务管家, a new deadline (working days from its opening, on the 接诉即办 calendar, or a
 * date), a corrected title. A commitment the holder confirmed is settled and cannot change.
 */
import { AppError } from '../errors.js';
import { DEFAULT_CALENDAR, addWorkingDays } from '../requests/calendar.js';
import type { WorkCalendar } from '../requests/calendar.js';
import { MAX_COMMITMENT_WORKING_DAYS } from './service.js';
import type { Commitment } from './types.js';

export interface CommitmentAssignment {
  title?: string;
  responsibleUnitId?: number;
  butler?: string;
  /** Working days from the commitment's opening (or its last reopening). */
  workingDays?: number;
  dueOn?: string;
}

function refuse(code: 'BAD_INPUT' | 'CONFLICT', message: string, path: string): never {
  throw new AppError(code, message, [{ path, message }]);
}

/**
 * The commitment with its assignment changed (its version moved on). Throws CONFLICT for a
 * confirmed commitment, BAD_INPUT naming the field at fault.
 * @example
 * reassignCommitment(c, { responsibleUnitId: 14, workingDays: 10 }).dueOn // 10 working days after c.openedOn
 */
export function reassignCommitment(
  c: Commitment,
  patch: CommitmentAssignment,
  calendar: WorkCalendar = DEFAULT_CALENDAR,
): Commitment {
  if (c.state === 'confirmed') refuse('CONFLICT', '企业已确认的事项不能再改派', 'state');
  const next: Commitment = { ...c, version: c.version + 1 };
  if (patch.title !== undefined) {
    if (!patch.title.trim()) refuse('BAD_INPUT', 'A commitment needs its content', 'title');
    next.title = patch.title.trim();
  }
  if (patch.responsibleUnitId !== undefined) {
    if (!Number.isInteger(patch.responsibleUnitId) || patch.responsibleUnitId <= 0)
      refuse('BAD_INPUT', 'A commitment needs a responsible unit', 'responsibleUnitId');
    next.responsibleUnitId = patch.responsibleUnitId;
  }
  if (patch.butler !== undefined) {
    if (!patch.butler.trim()) refuse('BAD_INPUT', 'A commitment needs its 服务管家', 'butler');
    next.butler = patch.butler.trim();
  }
  if (patch.workingDays !== undefined && patch.dueOn !== undefined)
    refuse('BAD_INPUT', 'Give working days or a date, not both', 'dueOn');
  if (patch.workingDays !== undefined) {
    const n = patch.workingDays;
    if (!Number.isInteger(n) || n < 1 || n > MAX_COMMITMENT_WORKING_DAYS)
      refuse(
        'BAD_INPUT',
        `Working days must be a whole number from 1 to ${MAX_COMMITMENT_WORKING_DAYS}`,
        'workingDays',
      );
    next.workingDays = n;
    next.dueOn = addWorkingDays(calendar, c.openedOn, n);
  }
  if (patch.dueOn !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(patch.dueOn) || patch.dueOn < c.openedOn)
      refuse('BAD_INPUT', `The deadline must be a date not before ${c.openedOn}`, 'dueOn');
    next.workingDays = null;
    next.dueOn = patch.dueOn;
  }
  return next;
}
