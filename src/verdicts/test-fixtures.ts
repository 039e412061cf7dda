/** Actors and tokens the folder's tests share. */
import type { Actor } from '../plan/audit.js';

export const supervisor: Actor = { userId: 2, role: 'supervisor', unitIds: [] };
export const admin: Actor = { userId: 1, role: 'admin', unitIds: [] };
export const leader: Actor = { userId: 3, role: 'leader', unitIds: [] };
/** A reporter of unit 11 (the lead unit in the tests). */
export const unitReporter: Actor = { userId: 5, role: 'reporter', unitIds: [11] };
/** A reporter of unit 12 (a co-unit). */
export const otherReporter: Actor = { userId: 6, role: 'reporter', unitIds: [12] };

/** A token of the right shape, distinct per seed. */
export function token(seed: string): string {
  return `${seed}-${'x'.repeat(40)}`.replace(/[^A-Za-z0-9_-]/g, '_');
}
