import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { DEFAULT_CALENDAR, computeDeadline } from '../requests/calendar.js';
import {
  DEFAULT_ENTERPRISE_REQUEST_RULES,
  applyEnterpriseRequestEvent,
  deriveEnterpriseRequestOverdue,
  receiveEnterpriseRequest,
} from './enterprise-requests.js';
import type { EnterpriseRequestEventInput, EnterpriseRequestIntake } from './enterprise-requests.js';
import { makeRequest } from './test-fixtures.js';
import type { EnterpriseRequest, ServiceActor } from './types.js';

const butler: ServiceActor = { role: 'butler', unitIds: [] };
const unit: ServiceActor = { role: 'unit', unitIds: [21] };
const otherUnit: ServiceActor = { role: 'unit', unitIds: [22] };
const enterprise: ServiceActor = { role: 'enterprise', unitIds: [] };

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

function run(
  request: EnterpriseRequest,
  steps: [EnterpriseRequestEventInput, ServiceActor, string][],
): EnterpriseRequest {
  let r = request;
  for (const [input, actor, now] of steps) r = applyEnterpriseRequestEvent(r, input, actor, now).request;
  return r;
}

describe('receiveEnterpriseRequest', () => {
  it('takes a request in, trimmed, and refuses an empty one naming the field', () => {
    const r = receiveEnterpriseRequest(
      5,
      { enterpriseId: 1, text: ' 厂区周边道路施工影响货车进出 ', category: '基础设施', butler: '周管家' },
      '2024-09-30T02:00:00Z',
    );
    expect(r).toMatchObject({
      id: 5,
      text: '厂区周边道路施工影响货车进出',
      status: 'received',
      receivedAt: '2024-09-30T02:00:00.000Z',
      packageId: null,
      deadlines: null,
    });
    const cases: [string, Partial<EnterpriseRequestIntake>][] = [
      ['text', { text: ' ' }],
      ['category', { category: '' }],
      ['butler', { butler: '' }],
    ];
    for (const [field, intake] of cases) {
      const error = caught(() =>
        receiveEnterpriseRequest(
          1,
          { enterpriseId: 1, text: 'x', category: 'y', butler: 'z', ...intake },
          '2024-09-30T02:00:00Z',
        ),
      );
      expect(error.details[0]?.path).toBe(field);
    }
    expect(
      caught(() =>
        receiveEnterpriseRequest(1, { enterpriseId: 1, text: 'x', category: 'y', butler: 'z' }, 'now'),
      ).code,
    ).toBe('BAD_INPUT');
  });
});

describe('applyEnterpriseRequestEvent', () => {
  const dispatchedAt = '2024-09-30T02:00:00Z'; // Monday 10:00 in Beijing, before 国庆
  const dispatched = () =>
    applyEnterpriseRequestEvent(makeRequest(), { type: 'dispatched', unitId: 21 }, butler, dispatchedAt)
      .request;

  it('fixes the deadlines at dispatch with the 接诉即办 rule and calendar', () => {
    const r = dispatched();
    expect(r.status).toBe('dispatched');
    expect(r.deadlines!.sign.due).toBe('2024-10-08T16:00:00.000Z');
    expect(r.deadlines!.finish.due).toBe('2024-10-25T16:00:00.000Z');
    expect(r.deadlines!.finish.due).toBe(
      computeDeadline(DEFAULT_CALENDAR, dispatchedAt, DEFAULT_ENTERPRISE_REQUEST_RULES.finish),
    );
    const hours = applyEnterpriseRequestEvent(
      makeRequest(),
      {
        type: 'dispatched',
        unitId: 21,
        rules: {
          sign: { amount: 2, calendar: 'natural_hours' },
          finish: { amount: 72, calendar: 'natural_hours' },
        },
      },
      butler,
      dispatchedAt,
    ).request;
    expect(hours.deadlines!.sign.due).toBe('2024-09-30T04:00:00.000Z');
  });

  it('moves the deadlines by a paused period, as an order', () => {
    const r = run(dispatched(), [
      [{ type: 'signed' }, unit, '2024-10-08T01:00:00Z'],
      [{ type: 'paused', reason: '等待企业补充材料' }, unit, '2024-10-09T02:00:00Z'],
      [{ type: 'resumed' }, butler, '2024-10-11T02:00:00Z'],
    ]);
    expect(r.pauses).toEqual([{ from: '2024-10-09T02:00:00.000Z', to: '2024-10-11T02:00:00.000Z' }]);
    expect(r.pausedAt).toBeNull();
    expect(r.deadlines!.finish.due).toBe('2024-10-29T16:00:00.000Z');
    expect(r.deadlines!.finish.due).toBe(
      computeDeadline(DEFAULT_CALENDAR, dispatchedAt, DEFAULT_ENTERPRISE_REQUEST_RULES.finish, r.pauses),
    );
  });

  it('runs to closed with the satisfaction, and reopens with fresh deadlines', () => {
    const closed = run(dispatched(), [
      [{ type: 'signed' }, unit, '2024-10-08T01:00:00Z'],
      [{ type: 'replied', text: '已协调施工单位错峰作业' }, unit, '2024-10-12T03:00:00Z'],
      [{ type: 'closed', satisfaction: '基本满意' }, butler, '2024-10-14T03:00:00Z'],
    ]);
    expect(closed).toMatchObject({
      status: 'closed',
      reply: '已协调施工单位错峰作业',
      satisfaction: '基本满意',
      closedAt: '2024-10-14T03:00:00.000Z',
      version: 5,
    });
    const reopened = applyEnterpriseRequestEvent(
      closed,
      { type: 'reopened', reason: '问题反复' },
      butler,
      '2024-11-04T02:00:00Z',
    );
    expect(reopened.request).toMatchObject({
      status: 'dispatched',
      reopenCount: 1,
      signedAt: null,
      satisfaction: null,
    });
    expect(reopened.request.deadlines!.finish.from).toBe('2024-11-04T02:00:00.000Z');
    expect(reopened.event).toMatchObject({ type: 'reopened', requestId: 1, seq: 6, actor: butler });
  });

  it('refuses the wrong actor, the wrong status, and a clock stopped twice', () => {
    const r = dispatched();
    const paused = applyEnterpriseRequestEvent(
      r,
      { type: 'paused', reason: '等材料' },
      butler,
      '2024-10-09T02:00:00Z',
    ).request;
    const cases: [string, EnterpriseRequest, EnterpriseRequestEventInput, ServiceActor, string][] = [
      ['a unit dispatches', makeRequest(), { type: 'dispatched', unitId: 21 }, unit, 'FORBIDDEN'],
      ['another unit signs', r, { type: 'signed' }, otherUnit, 'FORBIDDEN'],
      ['the enterprise closes', r, { type: 'closed', satisfaction: '满意' }, enterprise, 'FORBIDDEN'],
      ['reply before signing', r, { type: 'replied', text: '已办' }, unit, 'CONFLICT'],
      ['close before the reply', r, { type: 'closed', satisfaction: null }, butler, 'CONFLICT'],
      ['pause twice', paused, { type: 'paused', reason: 'x' }, butler, 'CONFLICT'],
      ['resume a running clock', r, { type: 'resumed' }, butler, 'CONFLICT'],
      ['pause without a reason', r, { type: 'paused', reason: ' ' }, butler, 'BAD_INPUT'],
      ['dispatch to no unit', makeRequest(), { type: 'dispatched', unitId: 0 }, butler, 'BAD_INPUT'],
      [
        'a rule of 0',
        makeRequest(),
        {
          type: 'dispatched',
          unitId: 21,
          rules: {
            sign: { amount: 0, calendar: 'working_days' },
            finish: { amount: 5, calendar: 'working_days' },
          },
        },
        butler,
        'BAD_INPUT',
      ],
    ];
    for (const [what, request, input, actor, code] of cases)
      expect(
        caught(() => applyEnterpriseRequestEvent(request, input, actor, '2024-10-10T02:00:00Z')).code,
        what,
      ).toBe(code);
    const signedPaused = applyEnterpriseRequestEvent(
      applyEnterpriseRequestEvent(r, { type: 'signed' }, unit, '2024-10-08T01:00:00Z').request,
      { type: 'paused', reason: '等材料' },
      unit,
      '2024-10-09T02:00:00Z',
    ).request;
    expect(
      caught(() =>
        applyEnterpriseRequestEvent(
          signedPaused,
          { type: 'replied', text: '已办' },
          unit,
          '2024-10-10T02:00:00Z',
        ),
      ).code,
    ).toBe('CONFLICT');
  });
});

describe('deriveEnterpriseRequestOverdue', () => {
  const r = applyEnterpriseRequestEvent(
    makeRequest(),
    { type: 'dispatched', unitId: 21 },
    butler,
    '2024-09-30T02:00:00Z',
  ).request;
  it('lists the missed deadlines at an instant, in whole hours', () => {
    expect(deriveEnterpriseRequestOverdue(r, '2024-10-08T15:59:59Z')).toEqual([]);
    expect(deriveEnterpriseRequestOverdue(r, '2024-10-09T02:00:00Z')).toEqual([
      { requestId: 1, step: 'sign', unitId: 21, due: '2024-10-08T16:00:00.000Z', hoursLate: 10 },
    ]);
    const signed = applyEnterpriseRequestEvent(r, { type: 'signed' }, unit, '2024-10-09T03:00:00Z').request;
    expect(
      deriveEnterpriseRequestOverdue(signed, '2024-10-26T00:00:00Z').map((o) => [o.step, o.hoursLate]),
    ).toEqual([['finish', 8]]);
    expect(deriveEnterpriseRequestOverdue(makeRequest(), '2030-01-01T00:00:00Z')).toEqual([]);
  });
  it('does not run the clock while it is stopped', () => {
    const paused = applyEnterpriseRequestEvent(
      r,
      { type: 'paused', reason: '等材料' },
      butler,
      '2024-10-08T01:00:00Z',
    ).request;
    expect(deriveEnterpriseRequestOverdue(paused, '2024-10-20T00:00:00Z')).toEqual([]);
  });
});
