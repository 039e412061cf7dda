import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import {
  addDays,
  dateOf,
  daysBetween,
  daysInMonth,
  elapsedShare,
  isoDate,
  parsePeriodSpan,
  toDayNumber,
} from './dates.js';

describe('toDayNumber', () => {
  it('counts days since 1970-01-01 and reads timestamps by their date', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('1970-02-01T23:59:59Z')).toBe(31);
  });

  it('refuses text that is not a calendar date', () => {
    expect(() => toDayNumber('2022-02-30')).toThrow(/calendar/);
    expect(() => toDayNumber('2022-02-011')).toThrow(/ISO/);
    let caught: unknown;
    try {
      toDayNumber('March 5');
    } catch (error) {
      caught = error;
    }
    expect(isAppError(caught, 'BAD_INPUT')).toBe(true);
  });
});

describe('addDays and daysBetween', () => {
  it('cross month and leap-year ends', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2022-03-01', -1)).toBe('2022-02-28');
    expect(daysBetween('2022-01-01', '2023-01-01')).toBe(365);
    expect(daysBetween('2022-03-10', '2022-03-05')).toBe(-5);
  });
});

describe('isoDate', () => {
  it('clamps the day to the month length', () => {
    expect(isoDate(2022, 4, 31)).toBe('2022-04-30');
    expect(isoDate(2024, 2, 30)).toBe('2024-02-29');
    expect(daysInMonth(2023, 2)).toBe(28);
  });
});

describe('dateOf', () => {
  it('keeps the date of a timestamp', () => {
    expect(dateOf('2022-07-01T10:00:00.000Z')).toBe('2022-07-01');
  });
});

describe('elapsedShare', () => {
  it('counts whole days including the given one, clamped to 0–1', () => {
    expect(elapsedShare('2022-01-01', '2022-12-31', '2021-12-31')).toBe(0);
    expect(elapsedShare('2022-01-01', '2022-12-31', '2022-01-01')).toBeCloseTo(1 / 365, 12);
    expect(elapsedShare('2022-01-01', '2022-12-31', '2022-06-30')).toBeCloseTo(181 / 365, 12);
    expect(elapsedShare('2022-01-01', '2022-12-31', '2023-03-01')).toBe(1);
  });
});

describe('parsePeriodSpan', () => {
  it('reads one year or a span of years', () => {
    expect(parsePeriodSpan('2022')).toEqual({ start: '2022-01-01', end: '2022-12-31' });
    expect(parsePeriodSpan('2022-2026')).toEqual({ start: '2022-01-01', end: '2026-12-31' });
    expect(parsePeriodSpan('十四五')).toBeUndefined();
    expect(parsePeriodSpan('2026-2022')).toBeUndefined();
  });
});
