/**
 * The official holiday tables the 12345 centre loads (next year's 放假安排 is published each
 * November, before a package release of chinese-days): checked before they are stored, and
 * year by year, where the working-day calendar's days come from.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import { DEFAULT_CALENDAR, createCalendar, parseHolidayTable } from './calendar.js';
import type { HolidayTable } from './calendar.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A year's table in chinese-days' JSON shape: date → name, for holidays and make-up working days. */
export interface HolidayTableDates {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

/** The years chinese-days itself covers, found by asking the package-only calendar. */
export function derivePackageYears(around: number): { first: number; last: number } | null {
  let first: number | undefined;
  let last: number | undefined;
  for (let year = 1949; year <= around + 10; year++) {
    if (!DEFAULT_CALENDAR.covers(year)) continue;
    first ??= year;
    last = year;
  }
  return first === undefined || last === undefined ? null : { first, last };
}

function isCalendarDate(date: string): boolean {
  if (!ISO_DATE.test(date)) return false;
  const ms = Date.parse(`${date}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === date;
}

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

/**
 * Checks a year's table in chinese-days' shape (date → name, for holidays and for make-up
 * working days) before it is loaded, and returns it as the domain's HolidayTable. Throws
 * BAD_INPUT listing every problem: a year other than this one or the next, a key that is not a
 * date of that year, a day both off and worked, a make-up working day that is not a Saturday or
 * Sunday (it would change nothing: the official ones always are), no holidays at all.
 * @example
 * checkHolidayTable(2027, { holidays: { '2027-01-01': '元旦' }, workdays: {} }, 2026)
 * // { year: 2027, holidays: ['2027-01-01'], workdays: [] }
 */
export function checkHolidayTable(year: number, table: HolidayTableDates, currentYear: number): HolidayTable {
  const problems: ErrorDetail[] = [];
  if (year !== currentYear && year !== currentYear + 1) {
    problems.push({
      path: 'params.year',
      message: `only ${currentYear} or ${currentYear + 1} may be loaded: past deadlines keep their calendar`,
    });
  }
  for (const key of ['holidays', 'workdays'] as const) {
    for (const date of Object.keys(table[key])) {
      if (!isCalendarDate(date)) problems.push({ path: `body.${key}.${date}`, message: 'is not a date' });
      else if (!date.startsWith(`${year}-`))
        problems.push({ path: `body.${key}.${date}`, message: `is not in ${year}` });
    }
  }
  for (const date of Object.keys(table.workdays)) {
    if (Object.hasOwn(table.holidays, date))
      problems.push({ path: `body.workdays.${date}`, message: 'is also listed as a holiday' });
    else if (isCalendarDate(date) && !isWeekend(date))
      problems.push({
        path: `body.workdays.${date}`,
        message: 'is not a Saturday or Sunday: make-up working days (调休上班) fall on weekends',
      });
  }
  if (Object.keys(table.holidays).length === 0)
    problems.push({ path: 'body.holidays', message: 'lists no holiday' });
  if (problems.length > 0)
    throw new AppError('BAD_INPUT', `The holiday table of ${year} is not valid`, problems);
  const parsed = parseHolidayTable(year, table);
  createCalendar([parsed]);
  return parsed;
}

/** Where one year's working days come from. */
export interface CalendarYear {
  year: number;
  /** `loaded` by the centre, the `package` (chinese-days), or `weekends` only (no official table). */
  source: 'loaded' | 'package' | 'weekends';
  holidays: number | null;
  workdays: number | null;
}

/** The years from `from` to `to` and where each one's days come from. */
export function deriveCalendarYears(
  from: number,
  to: number,
  loaded: readonly (HolidayTableDates & { year: number })[],
): CalendarYear[] {
  const byYear = new Map(loaded.map((table) => [table.year, table]));
  const years: CalendarYear[] = [];
  for (let year = from; year <= to; year++) {
    const table = byYear.get(year);
    if (table) {
      years.push({
        year,
        source: 'loaded',
        holidays: Object.keys(table.holidays).length,
        workdays: Object.keys(table.workdays).length,
      });
    } else {
      years.push({
        year,
        source: DEFAULT_CALENDAR.covers(year) ? 'package' : 'weekends',
        holidays: null,
        workdays: null,
      });
    }
  }
  return years;
}
