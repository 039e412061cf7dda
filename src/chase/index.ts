/**
 * The chase (issue 18): reminders before a deadline, chasers after it, escalation to the
 * unit's leader, digests and quiet hours, per source of work. Pure: no I/O.
 */
export * from './types.js';
export {
  afterQuietHours,
  beijingInstant,
  ChasePolicyBody,
  ChaseSettingsBody,
  DEFAULT_CHASE_SETTINGS,
  parseChaseSettings,
  QuietHoursBody,
} from './policy.js';
export type { ChaseSettings } from './policy.js';
export { chaseEventKey, deriveChaseEvents, MAX_WINDOW_DAYS } from './schedule.js';
export type { ChaseWindow } from './schedule.js';
export { chaseNotice, composeChaseMessages } from './compose.js';
export type { ComposeContext } from './compose.js';
