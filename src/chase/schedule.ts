/**
 * Which reminders, chasers and escalations fall due on the days of a run, by working days on
 * the official calendar (src/requests/calendar.ts: holidays and 调休 included).
 *
 * - a reminder on the working day that leaves `n` working days to the deadline, for each `n`
 *   of `remindBefore` (3 → three working days before: 5-07 for a deadline of Friday 5-10);
 * - the chaser on the working day the item becomes `chaseAfter` working days overdue (1: the
 *   next working day after the deadline), and again every `chaseEvery` working days;
 * - the escalation to the unit's leader on the working day it becomes `escalateAfter` overdue.
 *
 * Built for batches: items are grouped by source and deadline, and the calendar is asked once
 * per group and day, so 10,000 items due on one day cost one group's arithmetic. A run that
 * covers several days (after downtime) sends each item's latest step of each kind once, and no
 * reminder once the deadline has passed.
 */
import { AppError } from '../errors.js';
import { addDays, daysBetween } from '../plan/dates.js';
import { countWorkingDays } from '../requests/calendar.js';
import type { WorkCalendar } from '../requests/calendar.js';
import type { ChaseSettings } from './policy.js';
import type { Audience, ChaseEvent, ChaseItem, ChaseKind, ChasePolicy } from './types.js';

/** A run looks back at most this many days (a longer outage starts from its last 31 days). */
export const MAX_WINDOW_DAYS = 31;

/** The days of a run: from the day after the last run up to today, both Beijing dates. */
export interface ChaseWindow {
  from: string;
  to: string;
}

/**
 * The event key: item, kind, step and deadline.
 * @example
 * chaseEventKey({ key: 'task:12', dueOn: '2024-05-10' }, 'reminder', 3) // 'task:12|reminder|3|2024-05-10'
 */
export function chaseEventKey(item: Pick<ChaseItem, 'key' | 'dueOn'>, kind: ChaseKind, step: number): string {
  return `${item.key}|${kind}|${step}|${item.dueOn}`;
}

/** What one day brings for every item of one source and deadline. */
interface DayStep {
  on: string;
  kind: ChaseKind;
  step: number;
  audience: Audience;
}

/** The steps due within the window for a deadline under a policy (latest per kind). */
export function deriveSteps(
  calendar: WorkCalendar,
  policy: ChasePolicy,
  dueOn: string,
  window: ChaseWindow,
): DayStep[] {
  const latest = new Map<ChaseKind, DayStep>();
  const remind = new Set(policy.remindBefore);
  for (let day = window.from; day <= window.to; day = addDays(day, 1)) {
    if (!calendar.isWorkingDay(day)) continue;
    if (day <= dueOn) {
      // No reminder once the deadline has passed by the end of the run.
      if (dueOn < window.to) continue;
      const left = countWorkingDays(calendar, day, dueOn);
      if (remind.has(left))
        latest.set('reminder', { on: day, kind: 'reminder', step: left, audience: 'unit' });
      continue;
    }
    // Working days overdue, this day included: the next working day after the deadline is 1.
    const overdue = countWorkingDays(calendar, addDays(dueOn, 1), addDays(day, 1));
    const { chaseAfter, chaseEvery, escalateAfter } = policy;
    if (
      chaseAfter !== null &&
      overdue >= chaseAfter &&
      (overdue === chaseAfter || (chaseEvery !== null && (overdue - chaseAfter) % chaseEvery === 0))
    ) {
      latest.set('chaser', { on: day, kind: 'chaser', step: overdue, audience: 'unit' });
    }
    if (escalateAfter !== null && overdue === escalateAfter) {
      latest.set('escalation', { on: day, kind: 'escalation', step: overdue, audience: 'leader' });
    }
  }
  return [...latest.values()];
}

/**
 * Every event due in the window for open items, each source under its own policy. Throws
 * BAD_INPUT for a window that is backwards or longer than MAX_WINDOW_DAYS.
 * @example
 * deriveChaseEvents([{ key: 'instruction:7', source: 'instruction', title: '…', unitId: 3, dueOn: '2024-09-30', path: '/work/instruction/7' }],
 *   DEFAULT_CHASE_SETTINGS, { from: '2024-09-26', to: '2024-09-26' }, DEFAULT_CALENDAR)
 * // one reminder, step 3: 9-26, 9-27 and 9-29 (a Sunday worked before 国庆) are left
 */
export function deriveChaseEvents(
  items: Iterable<ChaseItem>,
  settings: ChaseSettings,
  window: ChaseWindow,
  calendar: WorkCalendar,
): ChaseEvent[] {
  const span = daysBetween(window.from, window.to);
  if (span < 0)
    throw new AppError('BAD_INPUT', `The chase window ends (${window.to}) before it starts (${window.from})`);
  if (span >= MAX_WINDOW_DAYS) {
    throw new AppError('BAD_INPUT', `The chase window is ${span + 1} days; at most ${MAX_WINDOW_DAYS}`);
  }
  const groups = new Map<string, DayStep[]>();
  const events: ChaseEvent[] = [];
  for (const item of items) {
    const group = `${item.source}|${item.dueOn}`;
    let steps = groups.get(group);
    if (!steps) {
      steps = deriveSteps(calendar, settings[item.source], item.dueOn, window);
      groups.set(group, steps);
    }
    for (const s of steps) {
      events.push({
        key: chaseEventKey(item, s.kind, s.step),
        kind: s.kind,
        step: s.step,
        item,
        audience: s.audience,
        on: s.on,
      });
    }
  }
  return events;
}
