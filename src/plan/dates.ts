/**
 * Calendar arithmetic on ISO dates (YYYY-MM-DD), in UTC days so that no time zone or DST can
 * move a due date. The plan's domain only ever needs whole days.
 */
import { AppError } from '../errors.js';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

/**
 * Days since 1970-01-01 for an ISO date; a full ISO timestamp is cut to its date.
 * Throws AppError BAD_INPUT when the text is not a real calendar date.
 * @example
 * toDayNumber('1970-01-02') // 1
 */
export function toDayNumber(date: string): number {
  // The string itself when it is a bare date: its hash is cached, so the lookup below is cheap.
  const key = date.length === 10 ? date : date.slice(0, 10);
  if (date.length > 10 && date[10] !== 'T' && date[10] !== ' ') {
    throw new AppError('BAD_INPUT', `Not an ISO date: "${date}"`);
  }
  const cached = DAY_CACHE.get(key);
  if (cached !== undefined) return cached;
  const day = parseDayNumber(date, key);
  // Health over a plan reads the same few hundred dates again and again: remember them.
  if (DAY_CACHE.size >= 10_000) DAY_CACHE.clear();
  DAY_CACHE.set(key, day);
  return day;
}

const DAY_CACHE = new Map<string, number>();

function parseDayNumber(date: string, key: string): number {
  const match = ISO_DATE.exec(key);
  if (!match) throw new AppError('BAD_INPUT', `Not an ISO date: "${date}"`);
  const [, y, m, d] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d));
  const back = new Date(ms);
  if (back.getUTCDate() !== Number(d) || back.getUTCMonth() !== Number(m) - 1) {
    throw new AppError('BAD_INPUT', `Not a calendar date: "${date}"`);
  }
  return Math.round(ms / MS_PER_DAY);
}

/**
 * The ISO date of a day number.
 * @example
 * fromDayNumber(1) // '1970-01-02'
 */
export function fromDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/**
 * The date `days` after `date` (before, when negative).
 * @example
 * addDays('2022-02-27', 2) // '2022-03-01'
 */
export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/**
 * Whole days from `from` to `to` (negative when `to` is earlier).
 * @example
 * daysBetween('2022-01-01', '2022-12-31') // 364
 */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * Number of days in a month (month 1–12).
 * @example
 * daysInMonth(2024, 2) // 29
 */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * ISO date from parts, the day clamped to the month's length (31 → 30 in April).
 * @example
 * isoDate(2022, 2, 31) // '2022-02-28'
 */
export function isoDate(year: number, month: number, day: number): string {
  const d = Math.min(Math.max(1, day), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * The date part of an ISO timestamp or date.
 * @example
 * dateOf('2022-03-05T08:00:00.000Z') // '2022-03-05'
 */
export function dateOf(timestamp: string): string {
  return fromDayNumber(toDayNumber(timestamp));
}

/**
 * Share of the span [start, end] (both inclusive, whole days) elapsed by the end of `date`,
 * clamped to 0–1: 0 before `start`, 1 from `end` on.
 * @example
 * elapsedShare('2022-01-01', '2022-12-31', '2022-01-31') // 31 / 365
 */
export function elapsedShare(start: string, end: string, date: string): number {
  const s = toDayNumber(start);
  const e = toDayNumber(end);
  const d = toDayNumber(date);
  if (e < s) throw new AppError('BAD_INPUT', `Span ends (${end}) before it starts (${start})`);
  if (d < s) return 0;
  if (d >= e) return 1;
  return (d - s + 1) / (e - s + 1);
}

/**
 * The calendar span of a period as the report writes it: "2022" or "2022-2026".
 * Returns undefined for anything else.
 * @example
 * parsePeriodSpan('2022-2026') // { start: '2022-01-01', end: '2026-12-31' }
 */
export function parsePeriodSpan(period: string): { start: string; end: string } | undefined {
  const match = /^(\d{4})(?:-(\d{4}))?$/.exec(period.trim());
  if (!match) return undefined;
  const from = Number(match[1]);
  const to = match[2] === undefined ? from : Number(match[2]);
  if (to < from) return undefined;
  return { start: isoDate(from, 1, 1), end: isoDate(to, 12, 31) };
}
