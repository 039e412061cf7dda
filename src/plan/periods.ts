/**
 * Reporting periods (月报/季报) of a plan year: their spans, due dates — staggered so that
 * co-units (配合单位) report before the lead unit (牵头单位) that sums up — their status at a
 * date, and locking after close.
 */
import chineseDays from 'chinese-days';
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import { createAuditEvent } from './audit.js';
import type { Actor, AuditEvent } from './audit.js';
import { addDays, daysInMonth, isoDate, toDayNumber } from './dates.js';

export type PeriodFrequency = 'monthly' | 'quarterly';

export interface PeriodConfig {
  frequency: PeriodFrequency;
  /** Day of the month after a period ends by which the lead unit reports (default 5, the 5th). */
  dueDay: number;
  /** Co-units are due this many days before the lead unit (default 2: the 3rd). */
  coUnitLeadDays: number;
  /**
   * Days after the lead unit's due date at which the period locks by itself (default null:
   * only when the office closes it, after review).
   */
  lockAfterDays: number | null;
  /**
   * Move due dates off weekends and public holidays, by the official calendar with its
   * make-up working days (调休): the lead unit's to the next working day, the co-units' to the
   * working day on or before (default false).
   */
  workdaysOnly: boolean;
}

/** Monthly, due on the 5th, co-units on the 3rd, locked when the office closes the period. */
export const DEFAULT_PERIOD_CONFIG: Readonly<PeriodConfig> = Object.freeze({
  frequency: 'monthly',
  dueDay: 5,
  coUnitLeadDays: 2,
  lockAfterDays: null,
  workdaysOnly: false,
});

export interface ReportingPeriod {
  /** "2022-03" for a month, "2022-Q1" for a quarter. */
  key: string;
  /** As offices write it: "2022年3月", "2022年第一季度". */
  label: string;
  /** 1-based position in the year. */
  index: number;
  start: string;
  end: string;
  /** The lead unit's due date. */
  dueOn: string;
  /** The co-units' due date (before the lead unit's). */
  coUnitDueOn: string;
  /** First day the period is locked by itself; null when only closing locks it. */
  locksOn: string | null;
}

/**
 * A plan's period settings merged onto the defaults. Throws AppError BAD_INPUT listing
 * every problem with its path.
 * @example
 * resolvePeriodConfig({ frequency: 'quarterly', dueDay: 10 })
 */
export function resolvePeriodConfig(input: Partial<PeriodConfig> = {}): PeriodConfig {
  const config: PeriodConfig = { ...DEFAULT_PERIOD_CONFIG, ...input };
  const problems: ErrorDetail[] = [];
  if (config.frequency !== 'monthly' && config.frequency !== 'quarterly') {
    problems.push({ path: 'frequency', message: 'must be "monthly" or "quarterly"' });
  }
  if (!Number.isInteger(config.dueDay) || config.dueDay < 1 || config.dueDay > 31) {
    problems.push({ path: 'dueDay', message: 'must be a day of the month, 1–31' });
  }
  if (!Number.isInteger(config.coUnitLeadDays) || config.coUnitLeadDays < 0 || config.coUnitLeadDays > 27) {
    problems.push({ path: 'coUnitLeadDays', message: 'must be a whole number of days, 0–27' });
  }
  if (
    config.lockAfterDays !== null &&
    (!Number.isInteger(config.lockAfterDays) || config.lockAfterDays < 0)
  ) {
    problems.push({ path: 'lockAfterDays', message: 'must be null or a whole number of days ≥ 0' });
  }
  if (typeof config.workdaysOnly !== 'boolean')
    problems.push({ path: 'workdaysOnly', message: 'must be true or false' });
  if (problems.length > 0) throw new AppError('BAD_INPUT', 'Invalid reporting period settings', problems);
  return config;
}

/**
 * The date itself when it is a working day, else the nearest working day after it (step 1) or
 * before it (step -1), by the official calendar (weekends, holidays, 调休 make-up days).
 * @example
 * shiftToWorkday('2022-04-05', 1) // '2022-04-06' (清明 holiday)
 */
export function shiftToWorkday(date: string, step: 1 | -1): string {
  let day = date;
  // The longest run of days off is the Spring Festival or National Day week.
  for (let i = 0; i < 14 && !chineseDays.isWorkday(day); i++) day = addDays(day, step);
  return day;
}

/**
 * How old a figure may be before health stops trusting it (`HealthOptions.staleAfterDays`):
 * one period's length, plus the due day, plus ten days' grace — so a figure turns stale only
 * once the next report is well overdue. Monthly due on the 5th: 31 + 5 + 10 = 46 days;
 * quarterly due on the 10th: 92 + 10 + 10 = 112.
 * @example
 * deriveStaleAfterDays({ frequency: 'quarterly', dueDay: 10 }) // 112
 */
export function deriveStaleAfterDays(input: Partial<PeriodConfig> = {}): number {
  const config = resolvePeriodConfig(input);
  return (config.frequency === 'monthly' ? 31 : 92) + config.dueDay + 10;
}

const QUARTER_NAMES = ['一', '二', '三', '四'];

/**
 * The reporting periods of a year, in order. The due date is `dueDay` of the month after the
 * period ends (clamped to that month's length), the co-units' `coUnitLeadDays` earlier.
 * Throws AppError BAD_INPUT on invalid settings.
 * @example
 * deriveReportingPeriods(2022)[2]
 * // { key: '2022-03', label: '2022年3月', index: 3, start: '2022-03-01', end: '2022-03-31',
 * //   dueOn: '2022-04-05', coUnitDueOn: '2022-04-03', locksOn: null }
 */
export function deriveReportingPeriods(year: number, input: Partial<PeriodConfig> = {}): ReportingPeriod[] {
  if (!Number.isInteger(year) || year < 1900 || year > 9999) {
    throw new AppError('BAD_INPUT', `Not a plan year: ${String(year)}`, [
      { path: 'year', message: 'must be a year' },
    ]);
  }
  const config = resolvePeriodConfig(input);
  const months = config.frequency === 'monthly' ? 1 : 3;
  const periods: ReportingPeriod[] = [];
  for (let index = 1; index <= 12 / months; index++) {
    const firstMonth = (index - 1) * months + 1;
    const lastMonth = firstMonth + months - 1;
    const start = isoDate(year, firstMonth, 1);
    const end = isoDate(year, lastMonth, daysInMonth(year, lastMonth));
    const dueYear = lastMonth === 12 ? year + 1 : year;
    const dueMonth = lastMonth === 12 ? 1 : lastMonth + 1;
    const nominal = isoDate(dueYear, dueMonth, config.dueDay);
    const dueOn = config.workdaysOnly ? shiftToWorkday(nominal, 1) : nominal;
    const coUnitDueOn = config.workdaysOnly
      ? shiftToWorkday(addDays(dueOn, -config.coUnitLeadDays), -1)
      : addDays(dueOn, -config.coUnitLeadDays);
    periods.push({
      key: config.frequency === 'monthly' ? `${year}-${String(index).padStart(2, '0')}` : `${year}-Q${index}`,
      label:
        config.frequency === 'monthly' ? `${year}年${index}月` : `${year}年第${QUARTER_NAMES[index - 1]}季度`,
      index,
      start,
      end,
      dueOn,
      coUnitDueOn,
      locksOn: config.lockAfterDays === null ? null : addDays(dueOn, config.lockAfterDays + 1),
    });
  }
  return periods;
}

/**
 * The period with this key. Throws AppError NOT_FOUND.
 * @example
 * getPeriod(periods, '2022-03').end // '2022-03-31'
 */
export function getPeriod(periods: readonly ReportingPeriod[], key: string): ReportingPeriod {
  const period = periods.find((p) => p.key === key);
  if (!period) throw new AppError('NOT_FOUND', `No reporting period "${key}"`);
  return period;
}

/**
 * The period whose span holds the date; undefined outside the year.
 * @example
 * findPeriodContaining(periods, '2022-03-15')?.key // '2022-03'
 */
export function findPeriodContaining(
  periods: readonly ReportingPeriod[],
  date: string,
): ReportingPeriod | undefined {
  const day = toDayNumber(date);
  return periods.find((p) => toDayNumber(p.start) <= day && day <= toDayNumber(p.end));
}

/**
 * Where a period stands at a date:
 * `upcoming` before it starts; `running` while under way (reports may be drafted);
 * `due` after it ends until the due date (the data call is open); `overdue` after that, still
 * accepting late reports; `locked` once closed or past `locksOn`: nothing more is accepted.
 */
export type PeriodStatus = 'upcoming' | 'running' | 'due' | 'overdue' | 'locked';

/** The office's closing of a period (stored by the caller). */
export interface PeriodLock {
  key: string;
  /** ISO timestamp of the closing. */
  lockedAt: string;
  lockedBy: number | null;
}

/**
 * The status of a period at `date` for a unit in a role (co-units are due earlier).
 * @example
 * derivePeriodStatus(march, '2022-04-04', { role: 'co' }) // 'overdue' (co-units due 04-03)
 */
export function derivePeriodStatus(
  period: ReportingPeriod,
  date: string,
  options: { role?: 'lead' | 'co'; lock?: PeriodLock | null } = {},
): PeriodStatus {
  const day = toDayNumber(date);
  if (options.lock && day >= toDayNumber(options.lock.lockedAt)) return 'locked';
  if (period.locksOn !== null && day >= toDayNumber(period.locksOn)) return 'locked';
  if (day < toDayNumber(period.start)) return 'upcoming';
  if (day <= toDayNumber(period.end)) return 'running';
  const due = options.role === 'co' ? period.coUnitDueOn : period.dueOn;
  return day <= toDayNumber(due) ? 'due' : 'overdue';
}

/**
 * Whether a period takes reports at `date`: running, due or overdue — not upcoming or locked.
 * @example
 * canReportFor(march, '2022-04-20') // true unless locked
 */
export function canReportFor(period: ReportingPeriod, date: string, lock?: PeriodLock | null): boolean {
  const status = derivePeriodStatus(period, date, { lock: lock ?? null });
  return status === 'running' || status === 'due' || status === 'overdue';
}

/**
 * The period whose data call is open at `date`: the latest period that has ended and is not
 * locked; undefined when none (January 1st of the plan year, or all closed).
 * @example
 * findOpenPeriod(periods, '2022-04-03')?.key // '2022-03'
 */
export function findOpenPeriod(
  periods: readonly ReportingPeriod[],
  date: string,
  locks: readonly PeriodLock[] = [],
): ReportingPeriod | undefined {
  const byKey = new Map(locks.map((l) => [l.key, l]));
  let open: ReportingPeriod | undefined;
  for (const period of periods) {
    const status = derivePeriodStatus(period, date, { lock: byKey.get(period.key) ?? null });
    if (status === 'due' || status === 'overdue') open = period;
  }
  return open;
}

/**
 * Closes a period: from now on it takes no reports; a correction is a new audited entry.
 * Only a supervisor or admin may, once the period has ended, and not twice.
 * Throws AppError FORBIDDEN or CONFLICT with the reason.
 * @example
 * const { next, event } = lockPeriod(march, null, supervisor, '2022-04-12T08:00:00.000Z')
 */
export function lockPeriod(
  period: ReportingPeriod,
  current: PeriodLock | null,
  actor: Actor,
  now: string,
  planId: number | null = null,
): { next: PeriodLock; event: AuditEvent } {
  if (actor.role !== 'supervisor' && actor.role !== 'admin') {
    throw new AppError('FORBIDDEN', 'Only a supervisor can close a reporting period');
  }
  if (current)
    throw new AppError('CONFLICT', `Period ${period.label} was already closed at ${current.lockedAt}`);
  if (toDayNumber(now) <= toDayNumber(period.end)) {
    throw new AppError(
      'CONFLICT',
      `Period ${period.label} runs until ${period.end}; it cannot be closed yet`,
    );
  }
  const next: PeriodLock = { key: period.key, lockedAt: now, lockedBy: actor.userId };
  const event = createAuditEvent({
    at: now,
    actor,
    entity: { type: 'period', id: period.key },
    planId,
    action: 'period.lock',
    before: null,
    after: next,
  });
  return { next, event };
}
