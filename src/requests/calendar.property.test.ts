import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_CALENDAR,
  addWorkingDays,
  computeDeadline,
  countWorkingDays,
  endOfBeijingDay,
} from './calendar.js';

const MS_PER_DAY = 86_400_000;
const day = (offset: number): string =>
  new Date(Date.UTC(2024, 0, 1) + offset * MS_PER_DAY).toISOString().slice(0, 10);

describe('working-day arithmetic (properties over 2024–2025)', () => {
  it('lands on a working day with exactly n working days after the start', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 700 }), fc.integer({ min: 1, max: 20 }), (offset, n) => {
        const start = day(offset);
        const end = addWorkingDays(DEFAULT_CALENDAR, start, n);
        expect(DEFAULT_CALENDAR.isWorkingDay(end)).toBe(true);
        // (start, end] holds n working days.
        const next = (d: string): string =>
          new Date(Date.parse(`${d}T00:00:00Z`) + MS_PER_DAY).toISOString().slice(0, 10);
        expect(countWorkingDays(DEFAULT_CALENDAR, next(start), next(end))).toBe(n);
      }),
      { numRuns: 200 },
    );
  });

  it('never moves a deadline earlier when the clock is paused', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 700 }),
        fc.integer({ min: 1, max: 15 }),
        fc.integer({ min: 0, max: 20 * 24 }),
        fc.integer({ min: 1, max: 10 * 24 }),
        fc.boolean(),
        (offset, amount, pauseStartHours, pauseHours, working) => {
          const from = `${day(offset)}T02:00:00.000Z`;
          const rule = {
            amount: working ? amount : amount * 8,
            calendar: working ? ('working_days' as const) : ('natural_hours' as const),
          };
          const plain = computeDeadline(DEFAULT_CALENDAR, from, rule);
          const pFrom = new Date(Date.parse(from) + pauseStartHours * 3_600_000).toISOString();
          const pTo = new Date(Date.parse(pFrom) + pauseHours * 3_600_000).toISOString();
          const paused = computeDeadline(DEFAULT_CALENDAR, from, rule, [{ from: pFrom, to: pTo }]);
          expect(Date.parse(paused)).toBeGreaterThanOrEqual(Date.parse(plain));
          if (working) expect(paused.endsWith('T16:00:00.000Z')).toBe(true);
          else if (Date.parse(pFrom) < Date.parse(plain))
            expect(Date.parse(paused) - Date.parse(plain)).toBe(pauseHours * 3_600_000);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('ends a working-day deadline at the end of a working Beijing day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 700 }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 1, max: 15 }),
        (offset, hour, n) => {
          const from = new Date(Date.parse(`${day(offset)}T00:00:00Z`) + hour * 3_600_000).toISOString();
          const due = computeDeadline(DEFAULT_CALENDAR, from, { amount: n, calendar: 'working_days' });
          const dueDate = due.slice(0, 10);
          expect(due).toBe(endOfBeijingDay(dueDate));
          expect(DEFAULT_CALENDAR.isWorkingDay(dueDate)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });
});
