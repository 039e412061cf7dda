/**
 * The console's main menu by role: what each user opens first and what they may use. A leader
 * reads (no 我的待办: a leader owes no report); a unit's reporter starts from 我的待办; the
 * 督查室 from 总览 and 督办.
 */
import type { Role } from '../api/types';

export type MainNavKey =
  | 'dashboard'
  | 'cockpit'
  | 'report'
  | 'plan'
  | 'projects'
  | 'library'
  | 'services'
  | 'todo'
  | 'supervision'
  | 'work'
  | 'bulletins'
  | 'public'
  | 'comments'
  | 'follows'
  | 'admin';

/** The main menu of each role, in the order shown. */
export const MAIN_NAV: Record<Role, readonly MainNavKey[]> = {
  admin: [
    'dashboard',
    'cockpit',
    'report',
    'plan',
    'projects',
    'library',
    'services',
    'todo',
    'supervision',
    'work',
    'bulletins',
    'comments',
    'follows',
    'public',
    'admin',
  ],
  supervisor: [
    'dashboard',
    'cockpit',
    'supervision',
    'work',
    'bulletins',
    'plan',
    'report',
    'projects',
    'library',
    'services',
    'todo',
    'comments',
    'follows',
    'public',
  ],
  reporter: [
    'todo',
    'work',
    'dashboard',
    'plan',
    'projects',
    'library',
    'services',
    'bulletins',
    'comments',
    'follows',
    'public',
  ],
  leader: [
    'cockpit',
    'dashboard',
    'plan',
    'projects',
    'library',
    'services',
    'supervision',
    'work',
    'bulletins',
    'report',
    'follows',
    'public',
  ],
};

/** The main menu of a user, or of a visitor not signed in (what the public may read). */
export function mainNavFor(role: Role | undefined): readonly MainNavKey[] {
  return role ? MAIN_NAV[role] : ['dashboard', 'public'];
}
