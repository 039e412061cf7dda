import { describe, expect, it } from 'vitest';
import { materializeOrder } from './generator.js';
import type { SyntheticOrder } from './generator.js';
import { deriveOverdue, listOverdue } from './overdue.js';
import { CHANGPING_CATALOGUE } from '../../test/fixtures/changping-requests.js';

const base: SyntheticOrder = {
  id: 5,
  source: 'hotline',
  category: '积水',
  text: '路口积水',
  area: '回龙观街道',
  community: '龙腾苑社区',
  address: '龙腾苑社区路口',
  lat: 40.07,
  long: 116.33,
  receivedAt: '2024-07-01T02:00:00.000Z',
  leadUnitId: 203,
  signedAt: '2024-07-01T05:00:00.000Z', // sign due 03:00
  contactedAt: '2024-07-01T07:00:00.000Z', // contact due 06:00
  repliedAt: '2024-07-05T02:00:00.000Z', // finish due 07-04 02:00
  closedAt: '2024-07-05T04:00:00.000Z',
  followUp: null,
};

describe('deriveOverdue', () => {
  it('reports a late signature in whole hours', () => {
    const order = materializeOrder(base, { now: '2024-07-01T04:00:00.000Z', catalogue: CHANGPING_CATALOGUE });
    expect(deriveOverdue(order, '2024-07-01T04:00:00.000Z')).toEqual([
      { orderId: 5, step: 'sign', unitId: 203, due: '2024-07-01T03:00:00.000Z', hoursLate: 1 },
    ]);
  });

  it('reports a late contact once signed, then the finish deadline', () => {
    const at = '2024-07-01T06:30:00.000Z';
    expect(
      deriveOverdue(materializeOrder(base, { now: at, catalogue: CHANGPING_CATALOGUE }), at).map((i) => [
        i.step,
        i.hoursLate,
      ]),
    ).toEqual([['contact', 0]]);
    const later = '2024-07-04T05:30:00.000Z';
    expect(
      deriveOverdue(materializeOrder(base, { now: later, catalogue: CHANGPING_CATALOGUE }), later).map(
        (i) => [i.step, i.hoursLate],
      ),
    ).toEqual([['finish', 3]]);
  });

  it('reports nothing once the unit replied', () => {
    const at = '2024-07-05T03:00:00.000Z';
    expect(deriveOverdue(materializeOrder(base, { now: at, catalogue: CHANGPING_CATALOGUE }), at)).toEqual(
      [],
    );
  });
});

describe('listOverdue', () => {
  it('lists every missed deadline, longest late first', () => {
    const now = '2024-07-04T05:30:00.000Z';
    const other = materializeOrder(
      { ...base, id: 6, receivedAt: '2024-07-01T00:00:00.000Z' },
      { now, catalogue: CHANGPING_CATALOGUE },
    );
    const list = listOverdue([materializeOrder(base, { now, catalogue: CHANGPING_CATALOGUE }), other], now);
    expect(list.map((i) => [i.orderId, i.step, i.hoursLate])).toEqual([
      [6, 'finish', 5],
      [5, 'finish', 3],
    ]);
  });
});

describe('materializeOrder', () => {
  const o: SyntheticOrder = {
    ...base,
    signedAt: '2024-07-01T02:30:00.000Z',
    contactedAt: '2024-07-01T03:00:00.000Z',
    repliedAt: '2024-07-02T02:00:00.000Z',
    closedAt: '2024-07-02T04:00:00.000Z',
    followUp: {
      at: '2024-07-03T02:00:00.000Z',
      reached: true,
      contacted: true,
      resolved: false,
      satisfaction: '不满意',
    },
  };

  it('shows only the steps that happened by now, with catalogue deadlines', () => {
    const early = materializeOrder(o, { now: '2024-07-01T02:10:00.000Z', catalogue: CHANGPING_CATALOGUE });
    expect([
      early.status,
      early.catalogueVersion,
      early.deadlines?.sign.due,
      early.deadlines?.finish.due,
    ]).toEqual(['dispatched', 1, '2024-07-01T03:00:00.000Z', '2024-07-04T02:00:00.000Z']);
    expect(
      materializeOrder(o, { now: '2024-07-02T03:00:00.000Z', catalogue: CHANGPING_CATALOGUE }).status,
    ).toBe('replied');
  });

  it('reopens on an unresolved follow-up with deadlines from the follow-up', () => {
    // The second round signs 30 min after the follow-up (as the first did): look before that.
    const reopened = materializeOrder(o, { now: '2024-07-03T02:10:00.000Z', catalogue: CHANGPING_CATALOGUE });
    expect([
      reopened.status,
      reopened.reopenCount,
      reopened.followUps.length,
      reopened.deadlines?.finish.due,
    ]).toEqual(['dispatched', 1, 1, '2024-07-06T02:00:00.000Z']);
  });

  it('ends the rework round resolved, as long as the first round', () => {
    const done = materializeOrder(o, { now: '2024-07-06T00:00:00.000Z', catalogue: CHANGPING_CATALOGUE });
    expect([done.status, done.closedAt, done.followUps[1]]).toEqual([
      'closed',
      '2024-07-04T04:00:00.000Z',
      {
        at: '2024-07-05T02:00:00.000Z',
        reached: true,
        contacted: true,
        resolved: true,
        satisfaction: '基本满意',
      },
    ]);
  });
});
