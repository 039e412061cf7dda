import { describe, expect, it } from 'vitest';
import { addDays } from '../plan/dates.js';
import { DEFAULT_CALENDAR } from '../requests/calendar.js';
import type { WorkCalendar } from '../requests/calendar.js';
import { DEFAULT_CHASE_SETTINGS } from './policy.js';
import { chaseEventKey, deriveChaseEvents } from './schedule.js';
import type { ChaseItem } from './types.js';

const instruction: ChaseItem = {
  key: 'instruction:7',
  source: 'instruction',
  title: '关于做好汛期安全工作的批示',
  unitId: 11,
  dueOn: '2024-09-30',
  path: '/work/instruction/7',
};

/** Runs the chase once a day from `from` to `to` and lists what each day brought. */
function daily(
  items: ChaseItem[],
  from: string,
  to: string,
  calendar: WorkCalendar = DEFAULT_CALENDAR,
): string[] {
  const out: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    for (const e of deriveChaseEvents(items, DEFAULT_CHASE_SETTINGS, { from: day, to: day }, calendar)) {
      out.push(`${e.on} ${e.kind} ${e.step} ${e.audience}`);
    }
  }
  return out;
}

describe('deriveChaseEvents', () => {
  it('reminds 3 and 1 working days ahead, chases the next working day and every 2, escalates at 3 — on the official calendar', () => {
    // 2024: 9-29 (Sunday) is a make-up working day; 10-01..10-07 are 国庆; 10-12 (Saturday) is worked.
    expect(daily([instruction], '2024-09-20', '2024-10-15')).toEqual([
      '2024-09-26 reminder 3 unit',
      '2024-09-29 reminder 1 unit',
      '2024-10-08 chaser 1 unit',
      '2024-10-10 chaser 3 unit',
      '2024-10-10 escalation 3 leader',
      '2024-10-12 chaser 5 unit',
      '2024-10-15 chaser 7 unit', // 10-13 is a Sunday: 10-14 is only the 6th working day overdue
    ]);
  });

  it('a run after days of downtime sends each kind’s latest step once, and no reminder past the deadline', () => {
    const events = deriveChaseEvents(
      [instruction],
      DEFAULT_CHASE_SETTINGS,
      { from: '2024-09-27', to: '2024-10-12' },
      DEFAULT_CALENDAR,
    );
    expect(events.map((e) => `${e.on} ${e.kind} ${e.step}`)).toEqual([
      '2024-10-12 chaser 5',
      '2024-10-10 escalation 3',
    ]);
    const before = deriveChaseEvents(
      [instruction],
      DEFAULT_CHASE_SETTINGS,
      { from: '2024-09-25', to: '2024-09-29' },
      DEFAULT_CALENDAR,
    );
    expect(before.map((e) => `${e.on} ${e.kind} ${e.step}`)).toEqual(['2024-09-29 reminder 1']);
  });

  it('keys events by item, kind, step and deadline, so an extension starts the reminders afresh', () => {
    const [event] = deriveChaseEvents(
      [instruction],
      DEFAULT_CHASE_SETTINGS,
      { from: '2024-09-26', to: '2024-09-26' },
      DEFAULT_CALENDAR,
    );
    expect(event!.key).toBe('instruction:7|reminder|3|2024-09-30');
    expect(chaseEventKey({ ...instruction, dueOn: '2024-10-31' }, 'reminder', 3)).not.toBe(event!.key);
  });

  it('each source follows its own policy', () => {
    const proposal: ChaseItem = {
      ...instruction,
      key: 'proposal:3',
      source: 'proposal',
      dueOn: '2024-05-31',
    };
    // 10 working days before 5-31: 5-17 … 5-30 holds 5-17, 5-20..24, 5-27..30 = 10.
    expect(daily([proposal], '2024-05-16', '2024-05-31')).toEqual([
      '2024-05-17 reminder 10 unit',
      '2024-05-28 reminder 3 unit',
    ]);
  });

  it('10,000 items due on one day ask the calendar once per day of the run, not once per item', () => {
    let asked = 0;
    const counting: WorkCalendar = {
      isWorkingDay: (d) => (asked++, DEFAULT_CALENDAR.isWorkingDay(d)),
      isWorkingDayNumber: (n) => (asked++, DEFAULT_CALENDAR.isWorkingDayNumber(n)),
      covers: (y) => DEFAULT_CALENDAR.covers(y),
    };
    const items = Array.from({ length: 10_000 }, (_, i) => ({
      ...instruction,
      key: `list:${i}`,
      source: 'list' as const,
      unitId: i % 150,
    }));
    const events = deriveChaseEvents(
      items,
      DEFAULT_CHASE_SETTINGS,
      { from: '2024-09-26', to: '2024-09-26' },
      counting,
    );
    expect(events).toHaveLength(10_000);
    expect(new Set(events.map((e) => e.key)).size).toBe(10_000);
    expect(asked).toBeLessThan(20);
  });

  it('refuses a window that runs backwards or is longer than 31 days', () => {
    expect(() =>
      deriveChaseEvents(
        [],
        DEFAULT_CHASE_SETTINGS,
        { from: '2024-05-02', to: '2024-05-01' },
        DEFAULT_CALENDAR,
      ),
    ).toThrow(/before it starts/);
    expect(() =>
      deriveChaseEvents(
        [],
        DEFAULT_CHASE_SETTINGS,
        { from: '2024-05-01', to: '2024-06-01' },
        DEFAULT_CALENDAR,
      ),
    ).toThrow(/at most 31/);
  });
});
