import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import {
  DEFAULT_CALENDAR,
  addHours,
  addWorkingDays,
  beijingDate,
  computeDeadline,
  countWorkingDays,
  createCalendar,
  endOfBeijingDay,
  isOverdue,
  parseHolidayTable,
} from './calendar.js';

describe('createCalendar', () => {
  it('knows 国庆 2024 (10-01..07 off) and its make-up working days 09-29 (Sun) and 10-12 (Sat)', () => {
    const c = DEFAULT_CALENDAR;
    expect(c.isWorkingDay('2024-09-29')).toBe(true);
    expect(c.isWorkingDay('2024-10-12')).toBe(true);
    for (let d = 1; d <= 7; d++) expect(c.isWorkingDay(`2024-10-0${d}`)).toBe(false);
    expect(c.isWorkingDay('2024-10-13')).toBe(false);
    expect(c.isWorkingDay('2024-10-08')).toBe(true);
  });

  it('knows 春节 2025 (01-28..02-04 off) with make-up days 01-26 and 02-08', () => {
    const c = DEFAULT_CALENDAR;
    expect(c.isWorkingDay('2025-01-26')).toBe(true);
    expect(c.isWorkingDay('2025-01-28')).toBe(false);
    expect(c.isWorkingDay('2025-02-04')).toBe(false);
    expect(c.isWorkingDay('2025-02-05')).toBe(true);
    expect(c.isWorkingDay('2025-02-08')).toBe(true);
  });

  it('falls back to the weekend rule for a year with no table, and says it does not cover it', () => {
    const c = createCalendar();
    expect(c.covers(2027)).toBe(false);
    expect(c.isWorkingDay('2027-01-01')).toBe(true); // a Friday: unknown holiday
    expect(c.isWorkingDay('2027-01-02')).toBe(false); // Saturday
  });

  it('loads next year from an override table in chinese-days shape', () => {
    const table = parseHolidayTable(2027, {
      holidays: { '2027-01-01': "New Year's Day,元旦,1", '2026-12-31': 'x' },
      workdays: { '2027-01-09': "New Year's Day,元旦,1" },
    });
    expect(table).toEqual({ year: 2027, holidays: ['2027-01-01'], workdays: ['2027-01-09'] });
    const c = createCalendar([table]);
    expect(c.covers(2027)).toBe(true);
    expect(c.isWorkingDay('2027-01-01')).toBe(false);
    expect(c.isWorkingDay('2027-01-09')).toBe(true); // a Saturday made a working day
    expect(c.isWorkingDay('2027-01-10')).toBe(false);
  });

  it('refuses a table whose dates are not of its year', () => {
    let caught: unknown;
    try {
      createCalendar([{ year: 2027, holidays: ['2026-10-01'], workdays: [] }]);
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught, 'BAD_INPUT')).toBe(true);
    expect(() => parseHolidayTable(2027, { holidays: [] })).toThrow(/holidays/);
  });
});

describe('addWorkingDays', () => {
  it('jumps over 国庆 2024: one working day after 09-30 is 10-08', () => {
    expect(addWorkingDays(DEFAULT_CALENDAR, '2024-09-30', 1)).toBe('2024-10-08');
  });
  it('counts the Sunday make-up day: one working day after Friday 09-27 is Sunday 09-29', () => {
    expect(addWorkingDays(DEFAULT_CALENDAR, '2024-09-27', 1)).toBe('2024-09-29');
  });
  it('counts Saturday 10-12 as a working day: 5 after 10-07 is 10-12', () => {
    expect(addWorkingDays(DEFAULT_CALENDAR, '2024-10-07', 5)).toBe('2024-10-12');
  });
  it('returns the day itself or the next working day for n = 0', () => {
    expect(addWorkingDays(DEFAULT_CALENDAR, '2024-10-03', 0)).toBe('2024-10-08');
    expect(addWorkingDays(DEFAULT_CALENDAR, '2024-10-08', 0)).toBe('2024-10-08');
  });
  it('refuses a negative or fractional count', () => {
    expect(() => addWorkingDays(DEFAULT_CALENDAR, '2024-10-08', -1)).toThrow(/whole number/);
    expect(() => addWorkingDays(DEFAULT_CALENDAR, '2024-10-08', 1.5)).toThrow(/whole number/);
  });
});

describe('countWorkingDays', () => {
  it('counts 7 working days in [2024-09-28, 2024-10-14): 09-29, 09-30, 10-08..10-12', () => {
    expect(countWorkingDays(DEFAULT_CALENDAR, '2024-09-28', '2024-10-14')).toBe(7);
  });
});

describe('beijingDate and endOfBeijingDay', () => {
  it('reads the Beijing date of a UTC instant (UTC+8)', () => {
    expect(beijingDate('2024-09-30T15:59:59Z')).toBe('2024-09-30');
    expect(beijingDate('2024-09-30T16:00:00Z')).toBe('2024-10-01');
  });
  it('ends a Beijing day at 16:00 UTC', () => {
    expect(endOfBeijingDay('2024-10-10')).toBe('2024-10-10T16:00:00.000Z');
  });
});

describe('addHours', () => {
  it('adds natural hours whatever the holidays', () => {
    expect(addHours('2024-09-30T20:00:00Z', 24)).toBe('2024-10-01T20:00:00.000Z');
  });
});

describe('computeDeadline', () => {
  it('gives 3 working days from Monday 2024-09-30 → end of 10-10 Beijing', () => {
    expect(
      computeDeadline(DEFAULT_CALENDAR, '2024-09-30T02:00:00Z', { amount: 3, calendar: 'working_days' }),
    ).toBe('2024-10-10T16:00:00.000Z');
  });
  it('gives 24 natural hours for a round-the-clock service over the holiday', () => {
    expect(
      computeDeadline(DEFAULT_CALENDAR, '2024-10-01T02:00:00Z', { amount: 24, calendar: 'natural_hours' }),
    ).toBe('2024-10-02T02:00:00.000Z');
  });
  it('adds a natural-hours pause that starts before the due instant, ignores one after it', () => {
    const due = computeDeadline(
      DEFAULT_CALENDAR,
      '2025-03-03T00:00:00Z',
      { amount: 24, calendar: 'natural_hours' },
      [
        { from: '2025-03-03T10:00:00Z', to: '2025-03-03T16:00:00Z' }, // 6 h
        { from: '2025-03-05T00:00:00Z', to: '2025-03-06T00:00:00Z' }, // after the due instant
      ],
    );
    expect(due).toBe('2025-03-04T06:00:00.000Z');
  });
  it('extends working days by the working days a pause covers (Mon..Wed paused → 2 lost)', () => {
    // From Mon 2025-03-03 +5 working days → Mon 03-10. Pause Tue 03-04 .. Thu 03-06 covers Tue, Wed.
    const due = computeDeadline(
      DEFAULT_CALENDAR,
      '2025-03-03T01:00:00Z',
      { amount: 5, calendar: 'working_days' },
      [{ from: '2025-03-04T01:00:00Z', to: '2025-03-06T01:00:00Z' }],
    );
    expect(due).toBe(endOfBeijingDay('2025-03-12'));
  });
  it('merges overlapping pauses before counting them', () => {
    const due = computeDeadline(
      DEFAULT_CALENDAR,
      '2025-03-03T00:00:00Z',
      { amount: 10, calendar: 'natural_hours' },
      [
        { from: '2025-03-03T01:00:00Z', to: '2025-03-03T03:00:00Z' },
        { from: '2025-03-03T02:00:00Z', to: '2025-03-03T04:00:00Z' },
      ],
    );
    expect(due).toBe('2025-03-03T13:00:00.000Z');
  });
});

describe('isOverdue', () => {
  it('is false at the due instant and true a millisecond after', () => {
    expect(isOverdue('2024-10-10T16:00:00.000Z', '2024-10-10T16:00:00.000Z')).toBe(false);
    expect(isOverdue('2024-10-10T16:00:00.000Z', '2024-10-10T16:00:00.001Z')).toBe(true);
  });
});
