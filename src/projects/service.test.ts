import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { DEFAULT_CALENDAR, addWorkingDays, createCalendar } from '../requests/calendar.js';
import {
  applyCommitmentEvent,
  deriveFulfilment,
  groupCommitments,
  isCommitmentOverdue,
  openCommitment,
} from './service.js';
import type { CommitmentDraft, CommitmentEventInput } from './service.js';
import { PACKAGES, makeCommitment } from './test-fixtures.js';
import type { Commitment, CommitmentState, ServiceActor } from './types.js';

const office: ServiceActor = { role: 'office', unitIds: [] };
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

const draft: CommitmentDraft = {
  packageId: 1,
  kind: 'approval',
  title: '厂房施工许可办理',
  responsibleUnitId: 21,
  butler: '周管家',
  openedOn: '2024-09-27',
  workingDays: 3,
};

describe('openCommitment', () => {
  it('counts its working days on the 接诉即办 calendar, over 调休 and 国庆', () => {
    const c = openCommitment(1, draft);
    // 2024-09-29 (a Sunday) is a make-up working day; 10-01..07 are off.
    expect(c.dueOn).toBe('2024-10-08');
    expect(c.dueOn).toBe(addWorkingDays(DEFAULT_CALENDAR, '2024-09-27', 3));
    expect(c).toMatchObject({ state: 'open', workingDays: 3, version: 1, evidence: [], links: [] });
    // A loaded table for a year the package does not know counts too.
    const calendar = createCalendar([{ year: 2027, holidays: ['2027-01-04'], workdays: [] }]);
    expect(openCommitment(1, { ...draft, openedOn: '2027-01-01', workingDays: 1 }, calendar).dueOn).toBe(
      '2027-01-05',
    );
  });

  it('takes a date as the office writes 办结时限, and refuses a bad draft naming the field', () => {
    const { workingDays: _w, ...byDate } = draft;
    expect(openCommitment(1, { ...byDate, dueOn: '2024-12-31' })).toMatchObject({
      dueOn: '2024-12-31',
      workingDays: null,
    });
    const cases: [string, Partial<CommitmentDraft> & Record<string, unknown>, string][] = [
      ['an unknown kind', { kind: 'money' as 'land' }, 'kind'],
      ['no content', { title: ' ' }, 'title'],
      ['no 服务管家', { butler: '' }, 'butler'],
      ['no unit', { responsibleUnitId: 0 }, 'responsibleUnitId'],
      ['a bad day', { openedOn: '2024-02-30' }, 'openedOn'],
      ['both deadlines', { dueOn: '2024-12-31' }, 'dueOn'],
      ['0 working days', { workingDays: 0 }, 'workingDays'],
      ['too many working days', { workingDays: 251 }, 'workingDays'],
      ['no deadline', { workingDays: undefined }, 'workingDays'],
      ['a bad link', { links: [{ kind: 'project', projectId: -1 }] }, 'links.0'],
    ];
    for (const [what, change, path] of cases) {
      const error = caught(() => openCommitment(1, { ...draft, ...change } as CommitmentDraft));
      expect([error.code, error.details[0]?.path], what).toEqual(['BAD_INPUT', path]);
    }
    const early = caught(() => openCommitment(1, { ...byDate, dueOn: '2024-09-01' }));
    expect(early.details[0]?.path).toBe('dueOn');
  });
});

describe('applyCommitmentEvent', () => {
  it('runs open → in progress → delivered → confirmed, one version a step', () => {
    let c = openCommitment(7, draft);
    const steps: [CommitmentEventInput, ServiceActor, string, CommitmentState][] = [
      [{ type: 'started' }, unit, '2024-09-29', 'in_progress'],
      [{ type: 'delivered', evidence: ['施工许可证扫描件.pdf', ' '] }, unit, '2024-10-08', 'delivered'],
      [{ type: 'confirmed', satisfaction: '满意' }, enterprise, '2024-10-09', 'confirmed'],
    ];
    for (const [input, actor, on, state] of steps) {
      const { commitment, event } = applyCommitmentEvent(c, input, actor, on);
      expect(commitment.state).toBe(state);
      expect(event).toMatchObject({ type: input.type, commitmentId: 7, seq: commitment.version, on, actor });
      expect(commitment.version).toBe(c.version + 1);
      c = commitment;
    }
    expect(c).toMatchObject({
      evidence: ['施工许可证扫描件.pdf'],
      deliveredOn: '2024-10-08',
      confirmedOn: '2024-10-09',
      satisfaction: '满意',
    });
  });

  it('lets the holder return a delivery, the unit deliver again, and the office reopen with a fresh clock', () => {
    const delivered = makeCommitment({ state: 'delivered', deliveredOn: '2024-03-10', evidence: ['回复函'] });
    const returned = applyCommitmentEvent(
      delivered,
      { type: 'returned', reason: '许可范围不全' },
      butler,
      '2024-03-11',
    );
    expect(returned.commitment).toMatchObject({ state: 'returned', note: '许可范围不全' });
    const again = applyCommitmentEvent(
      returned.commitment,
      { type: 'delivered', evidence: ['补充许可'] },
      unit,
      '2024-03-13',
    );
    expect(again.commitment.state).toBe('delivered');
    const reopened = applyCommitmentEvent(
      returned.commitment,
      { type: 'reopened', reason: '企业补充诉求' },
      office,
      '2024-04-01',
    );
    expect(reopened.commitment).toMatchObject({
      state: 'in_progress',
      openedOn: '2024-04-01',
      dueOn: addWorkingDays(DEFAULT_CALENDAR, '2024-04-01', 10),
      deliveredOn: null,
      note: '企业补充诉求',
    });
    const confirmed = makeCommitment({
      state: 'confirmed',
      confirmedOn: '2024-03-12',
      satisfaction: '满意',
      workingDays: null,
    });
    const noDays = caught(() =>
      applyCommitmentEvent(confirmed, { type: 'reopened', reason: '问题复发' }, office, '2024-05-01'),
    );
    expect(noDays.details[0]?.path).toBe('workingDays');
    expect(
      applyCommitmentEvent(
        confirmed,
        { type: 'reopened', reason: '问题复发', workingDays: 5 },
        office,
        '2024-05-06',
      ).commitment,
    ).toMatchObject({ state: 'in_progress', workingDays: 5, confirmedOn: null, satisfaction: null });
  });

  it('links a commitment to a project, a parcel or a plan task, once', () => {
    const c = makeCommitment();
    const linked = applyCommitmentEvent(
      c,
      { type: 'linked', link: { kind: 'parcel', parcel: 'DK-07' } },
      butler,
      '2024-03-02',
    );
    expect(linked.commitment.links).toEqual([{ kind: 'parcel', parcel: 'DK-07' }]);
    const twice = caught(() =>
      applyCommitmentEvent(
        linked.commitment,
        { type: 'linked', link: { kind: 'parcel', parcel: 'DK-07' } },
        butler,
        '2024-03-02',
      ),
    );
    expect(twice.code).toBe('CONFLICT');
    const both = applyCommitmentEvent(
      linked.commitment,
      { type: 'linked', link: { kind: 'task', taskId: 104 } },
      butler,
      '2024-03-02',
    );
    const unlinked = applyCommitmentEvent(
      both.commitment,
      { type: 'unlinked', link: { kind: 'parcel', parcel: 'DK-07' } },
      office,
      '2024-03-03',
    );
    expect(unlinked.commitment.links).toEqual([{ kind: 'task', taskId: 104 }]);
    const project = applyCommitmentEvent(
      c,
      { type: 'linked', link: { kind: 'project', projectId: 3 } },
      office,
      '2024-03-02',
    );
    expect(project.commitment.links).toEqual([{ kind: 'project', projectId: 3 }]);
  });

  it('refuses the wrong actor, the wrong state and a missing piece', () => {
    const open = makeCommitment();
    const delivered = makeCommitment({ state: 'delivered', deliveredOn: '2024-03-10' });
    const cases: [string, Commitment, CommitmentEventInput, ServiceActor, string, string][] = [
      ['another unit starts', open, { type: 'started' }, otherUnit, '2024-03-02', 'FORBIDDEN'],
      ['the enterprise starts', open, { type: 'started' }, enterprise, '2024-03-02', 'FORBIDDEN'],
      [
        'a unit confirms its own delivery',
        delivered,
        { type: 'confirmed', satisfaction: '满意' },
        unit,
        '2024-03-11',
        'FORBIDDEN',
      ],
      ['a unit reopens', delivered, { type: 'reopened', reason: 'x' }, unit, '2024-03-11', 'FORBIDDEN'],
      [
        'confirm before delivery',
        open,
        { type: 'confirmed', satisfaction: '满意' },
        enterprise,
        '2024-03-11',
        'CONFLICT',
      ],
      [
        'start twice',
        makeCommitment({ state: 'in_progress' }),
        { type: 'started' },
        unit,
        '2024-03-02',
        'CONFLICT',
      ],
      ['reopen an open one', open, { type: 'reopened', reason: 'x' }, office, '2024-03-02', 'CONFLICT'],
      [
        'deliver without evidence',
        open,
        { type: 'delivered', evidence: [' '] },
        unit,
        '2024-03-02',
        'BAD_INPUT',
      ],
      [
        'an unknown satisfaction',
        delivered,
        { type: 'confirmed', satisfaction: '很好' as '满意' },
        enterprise,
        '2024-03-11',
        'BAD_INPUT',
      ],
      [
        'return without a reason',
        delivered,
        { type: 'returned', reason: '' },
        enterprise,
        '2024-03-11',
        'BAD_INPUT',
      ],
      ['a day before opening', open, { type: 'started' }, unit, '2024-02-28', 'BAD_INPUT'],
      ['a bad day', open, { type: 'started' }, unit, '2024-3-2', 'BAD_INPUT'],
      [
        'unlink what is not linked',
        open,
        { type: 'unlinked', link: { kind: 'task', taskId: 1 } },
        office,
        '2024-03-02',
        'CONFLICT',
      ],
    ];
    for (const [what, c, input, actor, on, code] of cases) {
      expect(caught(() => applyCommitmentEvent(c, input, actor, on)).code, what).toBe(code);
    }
  });
});

describe('isCommitmentOverdue', () => {
  it('is overdue after its 办结时限 while still owed', () => {
    const cases: [CommitmentState, string, boolean][] = [
      ['open', '2024-03-15', false],
      ['open', '2024-03-16', true],
      ['in_progress', '2024-03-16', true],
      ['returned', '2024-03-16', true],
      ['delivered', '2024-04-01', false],
      ['confirmed', '2024-04-01', false],
    ];
    for (const [state, date, overdue] of cases)
      expect(isCommitmentOverdue(makeCommitment({ state }), date), `${state} ${date}`).toBe(overdue);
  });
});

describe('deriveFulfilment (兑现)', () => {
  const commitments = [
    // Package 1: both confirmed, the second on 12-20.
    makeCommitment({
      id: 1,
      packageId: 1,
      state: 'confirmed',
      confirmedOn: '2024-06-01',
      satisfaction: '满意',
    }),
    makeCommitment({
      id: 2,
      packageId: 1,
      state: 'confirmed',
      confirmedOn: '2024-12-20',
      satisfaction: '基本满意',
    }),
    // Package 2: one delivered, not yet confirmed.
    makeCommitment({
      id: 3,
      packageId: 2,
      state: 'confirmed',
      confirmedOn: '2024-05-01',
      satisfaction: '满意',
    }),
    makeCommitment({ id: 4, packageId: 2, state: 'delivered', deliveredOn: '2024-11-01' }),
    // Package 3 (a talent's): one overdue.
    makeCommitment({ id: 5, packageId: 3, state: 'in_progress', dueOn: '2024-10-31' }),
    // A package of another year does not count.
    makeCommitment({ id: 6, packageId: 99, state: 'confirmed', confirmedOn: '2024-01-10' }),
  ];
  it('counts a package honoured when every commitment was confirmed by the day', () => {
    const cases: [string, number[], number, number][] = [
      ['2024-12-31', [1], 3, 1],
      ['2024-12-19', [], 2, 1],
      ['2024-10-31', [], 2, 0],
    ];
    for (const [date, fulfilledIds, confirmed, overdue] of cases) {
      const f = deriveFulfilment([...PACKAGES, { id: 99, year: 2023 }], commitments, 2024, date);
      expect([f.fulfilledIds, f.fulfilled, f.confirmed, f.overdue], date).toEqual([
        fulfilledIds,
        fulfilledIds.length,
        confirmed,
        overdue,
      ]);
    }
    const f = deriveFulfilment(PACKAGES, commitments, 2024, '2024-12-31');
    expect(f).toMatchObject({ year: 2024, packages: 3, commitments: 5 });
    expect(f.byState).toEqual({ open: 0, in_progress: 1, delivered: 1, confirmed: 3, returned: 0 });
    // A package with no commitment is not honoured.
    expect(deriveFulfilment([{ id: 50, year: 2024 }], [], 2024, '2024-12-31').fulfilled).toBe(0);
  });

  it('groups commitments by unit and by 服务管家', () => {
    const byUnit = groupCommitments(
      [
        makeCommitment({ id: 1, responsibleUnitId: 21 }),
        makeCommitment({ id: 2, responsibleUnitId: 21, state: 'confirmed' }),
        makeCommitment({ id: 3, responsibleUnitId: 22, butler: '吴管家' }),
      ],
      'unit',
      '2024-03-20',
    );
    expect(byUnit.map((g) => [g.key, g.total, g.byState.open, g.byState.confirmed, g.overdue])).toEqual([
      [21, 2, 1, 1, 1],
      [22, 1, 1, 0, 1],
    ]);
    const byButler = groupCommitments(
      [makeCommitment({ id: 3, butler: '吴管家' }), makeCommitment({ id: 4 })],
      'butler',
      '2024-03-01',
    );
    expect(byButler.map((g) => [g.key, g.total, g.overdue])).toEqual([
      ['吴管家', 1, 0],
      ['周管家', 1, 0],
    ]);
  });
});
