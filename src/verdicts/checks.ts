/**
 * Small checks the folder shares: required text, ISO instants, collected problems. Every
 * problem carries the path of the field it is about.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import { toDayNumber } from '../plan/dates.js';

/** Adds a problem at `path` unless `value` has text other than spaces. */
export function requireText(
  problems: ErrorDetail[],
  path: string,
  value: string | null | undefined,
  what: string,
): void {
  if (value === undefined || value === null || value.trim() === '') {
    problems.push({ path, message: `${what} is required` });
  }
}

/** Adds a problem at `path` when `value` is longer than `max` characters. */
export function limitText(
  problems: ErrorDetail[],
  path: string,
  value: string | null | undefined,
  max: number,
): void {
  if (value !== undefined && value !== null && [...value].length > max) {
    problems.push({ path, message: `must be at most ${max} characters` });
  }
}

/** Adds a problem at `path` unless `value` is a real calendar date (YYYY-MM-DD). */
export function requireDate(problems: ErrorDetail[], path: string, value: string | null | undefined): void {
  if (value === undefined || value === null || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    problems.push({ path, message: 'must be a date (YYYY-MM-DD)' });
    return;
  }
  try {
    toDayNumber(value);
  } catch {
    problems.push({ path, message: `"${value}" is not a calendar date` });
  }
}

/** Throws BAD_INPUT with `message` and every problem, when there is any. */
export function throwIfAny(problems: readonly ErrorDetail[], message: string): void {
  if (problems.length > 0) throw new AppError('BAD_INPUT', message, [...problems]);
}

/** Milliseconds since the epoch of an ISO instant; BAD_INPUT naming `path` when it is not one. */
export function instantOf(value: string, path = 'now'): number {
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
  if (Number.isNaN(ms)) {
    throw new AppError('BAD_INPUT', `Not an ISO instant: "${value}"`, [
      { path, message: 'must be an ISO instant (YYYY-MM-DDTHH:mm:ss.sssZ)' },
    ]);
  }
  return ms;
}

/** The text trimmed, or null when it is empty or missing. */
export function cleanText(value: string | null | undefined): string | null {
  const text = value?.trim() ?? '';
  return text === '' ? null : text;
}
