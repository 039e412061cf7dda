/**
 * Deadline arithmetic for work orders: working days on the official Chinese calendar (public
 * holidays and make-up working days, 调休) and natural hours for round-the-clock services, with
 * the clock standing still over paused periods. Days are Beijing days (UTC+8, no DST), instants
 * are ISO strings in UTC.
 *
 * The calendar comes from chinese-days (State Council notices, 2004–2026 in 1.5.7). The State
 * Council publishes next year's arrangement each November, before a package release may follow:
 * load it as an override table (same shape as chinese-days' `years/2027.json`).
 */
import chineseDays from 'chinese-days';
import { AppError } from '../errors.js';
import type { DeadlineRule, Interval } from './types.js';

const MS_PER_HOUR = 3_600_000;
const MS_PER_DAY = 86_400_000;
/** Beijing time: UTC+8 all year. */
const OFFSET_MS = 8 * MS_PER_HOUR;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** chinese-days 1.5.7 covers these years; outside them only weekends count as days off. */
const PACKAGE_YEARS = { first: 2004, last: 2026 } as const;

/** One year's official arrangement: its days off (holidays) and its make-up working days (调休上班). */
export interface HolidayTable {
  year: number;
  holidays: string[];
  workdays: string[];
}

/** A working-day calendar: the package's years plus override tables, memoised per day. */
export interface WorkCalendar {
  isWorkingDay(date: string): boolean;
  /** The same for a day number (days since 1970-01-01): the fast path of the arithmetic below. */
  isWorkingDayNumber(day: number): boolean;
  /** True when the year has an official table (package or override), not just the weekend rule. */
  covers(year: number): boolean;
}

/**
 * A calendar from chinese-days with override tables on top; an override replaces the whole
 * year it names. Throws BAD_INPUT on a malformed table.
 * @example
 * const calendar = createCalendar([{ year: 2027, holidays: ['2027-01-01'], workdays: [] }]);
 * calendar.isWorkingDay('2027-01-01') // false
 */
export function createCalendar(overrides: HolidayTable[] = []): WorkCalendar {
  const tables = new Map<number, { holidays: Set<string>; workdays: Set<string> }>();
  for (const table of overrides) {
    for (const date of [...table.holidays, ...table.workdays]) {
      if (!ISO_DATE.test(date) || Number(date.slice(0, 4)) !== table.year) {
        throw new AppError('BAD_INPUT', `Holiday table ${table.year}: "${date}" is not a date of that year`, [
          { path: `calendar.${table.year}`, message: `bad date "${date}"` },
        ]);
      }
    }
    tables.set(table.year, { holidays: new Set(table.holidays), workdays: new Set(table.workdays) });
  }
  const memo = new Map<string, boolean>();
  const isWorkingDay = (date: string): boolean => {
    const known = memo.get(date);
    if (known !== undefined) return known;
    if (!ISO_DATE.test(date)) throw new AppError('BAD_INPUT', `Not an ISO date: "${date}"`);
    const year = Number(date.slice(0, 4));
    const table = tables.get(year);
    let working: boolean;
    if (table) {
      working = table.workdays.has(date) || (!table.holidays.has(date) && !isWeekend(date));
    } else if (year >= PACKAGE_YEARS.first && year <= PACKAGE_YEARS.last) {
      working = chineseDays.isWorkday(date);
    } else {
      working = !isWeekend(date);
    }
    memo.set(date, working);
    return working;
  };
  const byNumber = new Map<number, boolean>();
  const isWorkingDayNumber = (day: number): boolean => {
    let working = byNumber.get(day);
    if (working === undefined) {
      working = isWorkingDay(fromDayNumber(day));
      byNumber.set(day, working);
    }
    return working;
  };
  return {
    isWorkingDay,
    isWorkingDayNumber,
    covers: (year) => tables.has(year) || (year >= PACKAGE_YEARS.first && year <= PACKAGE_YEARS.last),
  };
}

/**
 * Reads a year's table in chinese-days' JSON shape (`{ holidays: { date: name }, workdays: { … } }`),
 * so next year's file can be loaded as soon as it is published. Throws BAD_INPUT when the shape is wrong.
 * @example
 * parseHolidayTable(2027, { holidays: { '2027-01-01': "New Year's Day,元旦,1" }, workdays: {} })
 * // { year: 2027, holidays: ['2027-01-01'], workdays: [] }
 */
export function parseHolidayTable(year: number, json: unknown): HolidayTable {
  const record = json as { holidays?: unknown; workdays?: unknown } | null;
  if (
    typeof record !== 'object' ||
    record === null ||
    typeof record.holidays !== 'object' ||
    record.holidays === null ||
    typeof record.workdays !== 'object' ||
    record.workdays === null
  ) {
    throw new AppError('BAD_INPUT', 'A holiday table needs "holidays" and "workdays" objects keyed by date');
  }
  const inYear = (date: string): boolean => date.startsWith(`${year}-`);
  return {
    year,
    holidays: Object.keys(record.holidays).filter(inYear).sort(),
    workdays: Object.keys(record.workdays).filter(inYear).sort(),
  };
}

/** The shared default calendar (package data only). */
export const DEFAULT_CALENDAR: WorkCalendar = createCalendar();

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

function toDayNumber(date: string): number {
  if (!ISO_DATE.test(date)) throw new AppError('BAD_INPUT', `Not an ISO date: "${date}"`);
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new AppError('BAD_INPUT', `Not a calendar date: "${date}"`);
  return ms / MS_PER_DAY;
}

function fromDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** The Beijing day number of an instant in ms. */
function beijingDayNumber(ms: number): number {
  return Math.floor((ms + OFFSET_MS) / MS_PER_DAY);
}

function addWorkingDayNumbers(calendar: WorkCalendar, day: number, n: number): number {
  let d = day;
  if (n === 0) {
    while (!calendar.isWorkingDayNumber(d)) d++;
    return d;
  }
  let left = n;
  while (left > 0) {
    d++;
    if (calendar.isWorkingDayNumber(d)) left--;
  }
  return d;
}

function countWorkingDayNumbers(calendar: WorkCalendar, from: number, to: number): number {
  let count = 0;
  for (let d = from; d < to; d++) if (calendar.isWorkingDayNumber(d)) count++;
  return count;
}

/**
 * The Beijing date of an instant.
 * @example
 * beijingDate('2024-09-30T17:00:00Z') // '2024-10-01'
 */
export function beijingDate(instant: string): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new AppError('BAD_INPUT', `Not an ISO instant: "${instant}"`);
  return new Date(ms + OFFSET_MS).toISOString().slice(0, 10);
}

/**
 * The instant a Beijing day ends (24:00 Beijing, i.e. 16:00 UTC that day): a deadline "by the
 * end of day N" is due then.
 * @example
 * endOfBeijingDay('2024-10-10') // '2024-10-10T16:00:00.000Z'
 */
export function endOfBeijingDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + MS_PER_DAY - OFFSET_MS).toISOString();
}

/**
 * The `n`-th working day after `date` (n ≥ 1); for n = 0, `date` itself when it is a working
 * day, else the next one.
 * @example
 * addWorkingDays(DEFAULT_CALENDAR, '2024-09-30', 1) // '2024-10-08' (国庆 2024-10-01..07)
 */
export function addWorkingDays(calendar: WorkCalendar, date: string, n: number): string {
  if (!Number.isInteger(n) || n < 0)
    throw new AppError('BAD_INPUT', `Working days must be a whole number ≥ 0, got ${n}`);
  return fromDayNumber(addWorkingDayNumbers(calendar, toDayNumber(date), n));
}

/**
 * Working days in the half-open range [from, to) of dates.
 * @example
 * countWorkingDays(DEFAULT_CALENDAR, '2024-09-28', '2024-10-14') // 7: 09-29, 09-30, 10-08..10-12
 */
export function countWorkingDays(calendar: WorkCalendar, from: string, to: string): number {
  return countWorkingDayNumbers(calendar, toDayNumber(from), toDayNumber(to));
}

/**
 * `hours` natural hours after an instant.
 * @example
 * addHours('2024-10-01T00:00:00Z', 24) // '2024-10-02T00:00:00.000Z'
 */
export function addHours(instant: string, hours: number): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new AppError('BAD_INPUT', `Not an ISO instant: "${instant}"`);
  return new Date(ms + hours * MS_PER_HOUR).toISOString();
}

/** Sorted, merged copy of the intervals (empty ones dropped). */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals
    .map((i) => ({ from: Date.parse(i.from), to: Date.parse(i.to) }))
    .filter((i) => i.to > i.from)
    .sort((a, b) => a.from - b.from);
  const merged: { from: number; to: number }[] = [];
  for (const i of sorted) {
    const last = merged.at(-1);
    if (last && i.from <= last.to) last.to = Math.max(last.to, i.to);
    else merged.push({ ...i });
  }
  return merged.map((i) => ({ from: new Date(i.from).toISOString(), to: new Date(i.to).toISOString() }));
}

/**
 * The due instant of a rule started at `from`, with the clock standing still over `pauses`.
 * - natural hours: `amount` hours later, plus the length of every pause that begins before
 *   the (moving) due instant;
 * - working days: the end of the `amount`-th working day after the Beijing date of `from`,
 *   plus one working day for every working day a pause covers (from the pause's first day up
 *   to, not including, the day the clock restarts) while the pause begins before the due day ends.
 * @example
 * computeDeadline(DEFAULT_CALENDAR, '2024-09-30T02:00:00Z', { amount: 3, calendar: 'working_days' })
 * // '2024-10-10T16:00:00.000Z' (10-08, 10-09, 10-10 after 国庆)
 */
export function computeDeadline(
  calendar: WorkCalendar,
  from: string,
  rule: DeadlineRule,
  pauses: readonly Interval[] = [],
): string {
  if (!(rule.amount >= 0))
    throw new AppError('BAD_INPUT', `A deadline needs an amount ≥ 0, got ${rule.amount}`);
  const start = Date.parse(from);
  if (Number.isNaN(start)) throw new AppError('BAD_INPUT', `Not an ISO instant: "${from}"`);
  const merged = pauses.length === 0 ? [] : mergeIntervals(pauses).filter((p) => Date.parse(p.to) > start);
  if (rule.calendar === 'natural_hours') {
    let due = start + rule.amount * MS_PER_HOUR;
    for (const pause of merged) {
      const pFrom = Math.max(Date.parse(pause.from), start);
      if (pFrom >= due) break;
      due += Date.parse(pause.to) - pFrom;
    }
    return new Date(due).toISOString();
  }
  if (!Number.isInteger(rule.amount))
    throw new AppError('BAD_INPUT', `Working days must be whole, got ${rule.amount}`);
  let dueDay = addWorkingDayNumbers(calendar, beijingDayNumber(start), rule.amount);
  for (const pause of merged) {
    const pFromDay = beijingDayNumber(Math.max(Date.parse(pause.from), start));
    if (pFromDay > dueDay) break;
    const lost = countWorkingDayNumbers(calendar, pFromDay, beijingDayNumber(Date.parse(pause.to)));
    if (lost > 0) dueDay = addWorkingDayNumbers(calendar, dueDay, lost);
  }
  // The end of the due Beijing day: 24:00 Beijing is 16:00 UTC that day.
  return new Date((dueDay + 1) * MS_PER_DAY - OFFSET_MS).toISOString();
}

/**
 * True when `now` is past the due instant.
 * @example
 * isOverdue('2024-10-10T16:00:00.000Z', '2024-10-10T16:00:00.001Z') // true
 */
export function isOverdue(due: string, now: string): boolean {
  return Date.parse(now) > Date.parse(due);
}
