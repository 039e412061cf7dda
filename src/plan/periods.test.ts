import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import type { Actor } from './audit.js';
import {
  canReportFor,
  derivePeriodStatus,
  deriveReportingPeriods,
  deriveStaleAfterDays,
  findOpenPeriod,
  findPeriodContaining,
  getPeriod,
  lockPeriod,
  resolvePeriodConfig,
  shiftToWorkday,
} from './periods.js';

const supervisor: Actor = { userId: 2, role: 'supervisor', unitIds: [] };
const reporter: Actor = { userId: 5, role: 'reporter', unitIds: [11] };

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('deriveReportingPeriods', () => {
  it('gives twelve months due on the 5th of the next month, co-units two days earlier', () => {
    const periods = deriveReportingPeriods(2022);
    expect(periods).toHaveLength(12);
    expect(periods[1]).toEqual({
      key: '2022-02',
      label: '2022年2月',
      index: 2,
      start: '2022-02-01',
      end: '2022-02-28',
      dueOn: '2022-03-05',
      coUnitDueOn: '2022-03-03',
      locksOn: null,
    });
    expect(periods[11]).toMatchObject({ key: '2022-12', dueOn: '2023-01-05', coUnitDueOn: '2023-01-03' });
  });

  it('gives four quarters with their own due day and automatic locking', () => {
    const periods = deriveReportingPeriods(2022, {
      frequency: 'quarterly',
      dueDay: 10,
      coUnitLeadDays: 5,
      lockAfterDays: 15,
    });
    expect(periods.map((p) => [p.key, p.label, p.start, p.end, p.dueOn, p.coUnitDueOn, p.locksOn])).toEqual([
      ['2022-Q1', '2022年第一季度', '2022-01-01', '2022-03-31', '2022-04-10', '2022-04-05', '2022-04-26'],
      ['2022-Q2', '2022年第二季度', '2022-04-01', '2022-06-30', '2022-07-10', '2022-07-05', '2022-07-26'],
      ['2022-Q3', '2022年第三季度', '2022-07-01', '2022-09-30', '2022-10-10', '2022-10-05', '2022-10-26'],
      ['2022-Q4', '2022年第四季度', '2022-10-01', '2022-12-31', '2023-01-10', '2023-01-05', '2023-01-26'],
    ]);
  });

  it('moves due dates off holidays by the official calendar when asked', () => {
    // 2022-04-05 is 清明 (off): the lead unit reports on 04-06; 04-04 is off too, and 04-02 a
    // Saturday worked in lieu (调休), so co-units report on 04-02.
    const march = getPeriod(deriveReportingPeriods(2022, { workdaysOnly: true }), '2022-03');
    expect([march.dueOn, march.coUnitDueOn]).toEqual(['2022-04-06', '2022-04-02']);
    // 2022-09's 10-05 falls in the National Day week: 10-08 is a make-up working Saturday.
    const september = getPeriod(deriveReportingPeriods(2022, { workdaysOnly: true }), '2022-09');
    expect(september.dueOn).toBe('2022-10-08');
    expect(shiftToWorkday('2022-04-06', 1)).toBe('2022-04-06');
  });

  it('clamps a due day past the month’s end', () => {
    expect(deriveReportingPeriods(2022, { dueDay: 31 })[0]?.dueOn).toBe('2022-02-28');
  });

  it('refuses bad settings, listing each', () => {
    const e = caught(() => resolvePeriodConfig({ dueDay: 0, coUnitLeadDays: -1, lockAfterDays: 1.5 }));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.details.map((d) => d.path)).toEqual(['dueDay', 'coUnitLeadDays', 'lockAfterDays']);
    expect(() => deriveReportingPeriods(22.5)).toThrow(/year/);
  });
});

describe('getPeriod and findPeriodContaining', () => {
  const periods = deriveReportingPeriods(2022);

  it('find a period by key or by a date inside it', () => {
    expect(getPeriod(periods, '2022-07').start).toBe('2022-07-01');
    expect(findPeriodContaining(periods, '2022-03-31')?.key).toBe('2022-03');
    expect(findPeriodContaining(periods, '2023-01-01')).toBeUndefined();
    expect(caught(() => getPeriod(periods, '2022-13')).code).toBe('NOT_FOUND');
  });
});

describe('derivePeriodStatus', () => {
  const march = getPeriod(deriveReportingPeriods(2022), '2022-03');

  it('moves from upcoming through running, due and overdue', () => {
    expect(derivePeriodStatus(march, '2022-02-28')).toBe('upcoming');
    expect(derivePeriodStatus(march, '2022-03-31')).toBe('running');
    expect(derivePeriodStatus(march, '2022-04-05')).toBe('due');
    expect(derivePeriodStatus(march, '2022-04-06')).toBe('overdue');
  });

  it('makes co-units overdue earlier', () => {
    expect(derivePeriodStatus(march, '2022-04-03', { role: 'co' })).toBe('due');
    expect(derivePeriodStatus(march, '2022-04-04', { role: 'co' })).toBe('overdue');
  });

  it('is locked from the day the office closed it, or from locksOn', () => {
    const lock = { key: '2022-03', lockedAt: '2022-04-12T08:00:00.000Z', lockedBy: 2 };
    expect(derivePeriodStatus(march, '2022-04-11', { lock })).toBe('overdue');
    expect(derivePeriodStatus(march, '2022-04-12', { lock })).toBe('locked');
    const auto = getPeriod(deriveReportingPeriods(2022, { lockAfterDays: 0 }), '2022-03');
    expect(derivePeriodStatus(auto, '2022-04-05')).toBe('due');
    expect(derivePeriodStatus(auto, '2022-04-06')).toBe('locked');
    expect(canReportFor(auto, '2022-04-06')).toBe(false);
    expect(canReportFor(march, '2022-03-20')).toBe(true);
    expect(canReportFor(march, '2022-02-20')).toBe(false);
  });
});

describe('findOpenPeriod', () => {
  const periods = deriveReportingPeriods(2022);

  it('is the latest ended period not locked', () => {
    expect(findOpenPeriod(periods, '2022-01-15')).toBeUndefined();
    expect(findOpenPeriod(periods, '2022-04-03')?.key).toBe('2022-03');
    expect(findOpenPeriod(periods, '2022-04-20')?.key).toBe('2022-03');
    expect(findOpenPeriod(periods, '2022-05-02')?.key).toBe('2022-04');
    const locks = [{ key: '2022-04', lockedAt: '2022-05-01T00:00:00.000Z', lockedBy: 2 }];
    expect(findOpenPeriod(periods, '2022-05-02', locks)?.key).toBe('2022-03');
  });
});

describe('lockPeriod', () => {
  const march = getPeriod(deriveReportingPeriods(2022), '2022-03');

  it('closes an ended period with an audit event', () => {
    const { next, event } = lockPeriod(march, null, supervisor, '2022-04-12T08:00:00.000Z', 1);
    expect(next).toEqual({ key: '2022-03', lockedAt: '2022-04-12T08:00:00.000Z', lockedBy: 2 });
    expect(event).toMatchObject({
      action: 'period.lock',
      entity: { type: 'period', id: '2022-03' },
      planId: 1,
    });
  });

  it('refuses a reporter, a second closing, and a period still running', () => {
    expect(caught(() => lockPeriod(march, null, reporter, '2022-04-12T08:00:00.000Z')).code).toBe(
      'FORBIDDEN',
    );
    const lock = { key: '2022-03', lockedAt: '2022-04-12T08:00:00.000Z', lockedBy: 2 };
    expect(caught(() => lockPeriod(march, lock, supervisor, '2022-04-13T08:00:00.000Z')).code).toBe(
      'CONFLICT',
    );
    const e = caught(() => lockPeriod(march, null, supervisor, '2022-03-31T23:00:00.000Z'));
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toMatch(/runs until 2022-03-31/);
  });
});

describe('deriveStaleAfterDays', () => {
  it('allows one period, the due day and ten days’ grace', () => {
    expect(deriveStaleAfterDays()).toBe(46);
    expect(deriveStaleAfterDays({ frequency: 'quarterly', dueDay: 10 })).toBe(112);
  });
});
