import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import {
  confirmFollow,
  covers,
  deriveDigestPeriod,
  followInApp,
  lastEndedPeriod,
  listFollowedChanges,
  parseEmail,
  planDigests,
  requestEmailFollow,
  unsubscribe,
} from './follow.js';
import type { ChangeEvent, Follow, FollowSubject } from './follow.js';
import { token } from './test-fixtures.js';

const task7: FollowSubject = { kind: 'task', id: 7, planId: 1 };
const chapter2: FollowSubject = { kind: 'chapter', id: 2, planId: 1 };
const plan1: FollowSubject = { kind: 'plan', id: 1, planId: 1 };
const T0 = '2022-06-01T08:00:00.000Z';
const BEIJING = 480;

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  return 'none';
}

/** A confirmed e-mail follow (through the real request and confirmation). */
function following(
  id: number,
  email: string,
  subject: FollowSubject,
  cadence: 'daily' | 'weekly' = 'daily',
): Follow {
  const confirm = token(`c${id}`);
  const { follow } = requestEmailFollow(
    { id, subject, email, cadence },
    { confirm, unsubscribe: token(`u${id}`) },
    T0,
    [],
    [],
  );
  return confirmFollow(follow, confirm, '2022-06-01T09:00:00.000Z');
}

function change(id: number, at: string, patch: Partial<ChangeEvent> = {}): ChangeEvent {
  return {
    id,
    planId: 1,
    subject: { type: 'task', id: 7 },
    chapterId: 2,
    kind: 'state',
    at,
    before: 'not_started',
    after: 'in_progress',
    ...patch,
  };
}

describe('parseEmail', () => {
  it('normalises an address and refuses what is not one', () => {
    expect(parseEmail(' Zhang.San@Example.COM ')).toBe('zhang.san@example.com');
    for (const bad of ['', 'a@b', 'a b@c.cn', 'a@@b.cn', '<a@b.cn>', `${'a'.repeat(250)}@b.cn`]) {
      expect(parseEmail(bad)).toBeUndefined();
    }
  });
});

describe('double opt-in', () => {
  const tokens = { confirm: token('confirm'), unsubscribe: token('unsub') };

  it('a request makes a pending follow that keeps only hashes of its tokens', () => {
    const { follow, outcome } = requestEmailFollow(
      { id: 9, subject: task7, email: 'Li@Example.cn', cadence: 'daily' },
      tokens,
      T0,
      [],
      [],
    );
    expect(outcome).toBe('confirmation_sent');
    expect(follow).toMatchObject({
      state: 'pending',
      email: 'li@example.cn',
      confirmExpiresAt: '2022-06-03T08:00:00.000Z',
    });
    expect(JSON.stringify(follow)).not.toContain(tokens.confirm);
    expect(JSON.stringify(follow)).not.toContain(tokens.unsubscribe);
  });

  it('nothing is active until the link is opened; the link works once and expires', () => {
    const { follow } = requestEmailFollow(
      { id: 9, subject: task7, email: 'li@example.cn', cadence: 'daily' },
      tokens,
      T0,
      [],
      [],
    );
    expect(codeOf(() => confirmFollow(follow, token('guess'), T0))).toBe('NOT_FOUND');
    expect(codeOf(() => confirmFollow(undefined, tokens.confirm, T0))).toBe('NOT_FOUND');
    expect(codeOf(() => confirmFollow(follow, tokens.confirm, '2022-06-03T08:00:01.000Z'))).toBe('BAD_INPUT');
    const active = confirmFollow(follow, tokens.confirm, '2022-06-02T08:00:00.000Z');
    expect(active).toMatchObject({
      state: 'active',
      confirmHash: null,
      confirmedAt: '2022-06-02T08:00:00.000Z',
    });
    expect(confirmFollow(active, tokens.confirm, '2022-06-02T09:00:00.000Z')).toBe(active);
  });

  it('asking again while following sends nothing; asking again while pending sends a fresh link', () => {
    const active = following(9, 'li@example.cn', task7);
    const again = requestEmailFollow(
      { id: 10, subject: task7, email: 'LI@example.cn', cadence: 'daily' },
      tokens,
      T0,
      [active],
      [],
    );
    expect(again.outcome).toBe('already_following');
    const pending = requestEmailFollow(
      { id: 11, subject: chapter2, email: 'li@example.cn', cadence: 'daily' },
      tokens,
      T0,
      [],
      [],
    );
    const fresh = { confirm: token('fresh'), unsubscribe: token('other') };
    const resent = requestEmailFollow(
      { id: 12, subject: chapter2, email: 'li@example.cn', cadence: 'weekly' },
      fresh,
      '2022-06-01T10:00:00.000Z',
      [pending.follow],
      [T0],
    );
    expect(resent.follow.id).toBe(11);
    expect(resent.follow.unsubscribeHash).toBe(pending.follow.unsubscribeHash);
    expect(codeOf(() => confirmFollow(resent.follow, tokens.confirm, '2022-06-01T11:00:00.000Z'))).toBe(
      'NOT_FOUND',
    );
    expect(confirmFollow(resent.follow, fresh.confirm, '2022-06-01T11:00:00.000Z').cadence).toBe('weekly');
  });

  it('at most three confirmations a day to one address', () => {
    const sent = ['2022-05-31T09:00:00.000Z', '2022-05-31T10:00:00.000Z', '2022-06-01T07:00:00.000Z'];
    const input = { id: 9, subject: task7, email: 'li@example.cn', cadence: 'daily' as const };
    expect(codeOf(() => requestEmailFollow(input, tokens, T0, [], sent))).toBe('RATE_LIMITED');
    // A day after the first, one more goes.
    expect(requestEmailFollow(input, tokens, '2022-06-01T09:30:00.000Z', [], sent).outcome).toBe(
      'confirmation_sent',
    );
  });

  it('refuses a bad address, subject kind or cadence, each at its path', () => {
    try {
      requestEmailFollow(
        { id: 9, subject: { ...task7, kind: 'unit' as never }, email: 'nobody', cadence: 'hourly' as never },
        tokens,
        T0,
        [],
        [],
      );
      expect.unreachable();
    } catch (error) {
      expect((error as { details: { path: string }[] }).details.map((d) => d.path)).toEqual([
        'email',
        'subject.kind',
        'cadence',
      ]);
    }
  });
});

describe('one-click unsubscribe', () => {
  it('ends the one follow, or every follow of the address, and a second click changes nothing', () => {
    const a = following(1, 'li@example.cn', task7);
    const b = following(2, 'li@example.cn', chapter2);
    const other = following(3, 'wang@example.cn', task7);
    const one = unsubscribe([a, b, other], token('u2'), 'one', '2022-06-05T00:00:00.000Z');
    expect(one.map((f) => [f.id, f.state])).toEqual([[2, 'unsubscribed']]);
    const all = unsubscribe([a, b, other], token('u1'), 'all', '2022-06-05T00:00:00.000Z');
    expect(all.map((f) => f.id)).toEqual([1, 2]);
    expect(unsubscribe(all, token('u1'), 'all', '2022-06-06T00:00:00.000Z')).toEqual([]);
    expect(codeOf(() => unsubscribe([a], token('nope'), 'one', T0))).toBe('NOT_FOUND');
  });
});

describe('digest periods', () => {
  it('a day in local time (UTC+8)', () => {
    expect(deriveDigestPeriod('2022-06-02T20:00:00.000Z', 'daily', BEIJING)).toEqual({
      cadence: 'daily',
      key: '2022-06-03',
      start: '2022-06-02T16:00:00.000Z',
      end: '2022-06-03T16:00:00.000Z',
    });
  });

  it('an ISO week, Monday to Sunday, across a year end', () => {
    expect(deriveDigestPeriod('2022-01-02T03:00:00.000Z', 'weekly', BEIJING)).toMatchObject({
      key: '2021-W52',
      start: '2021-12-26T16:00:00.000Z',
      end: '2022-01-02T16:00:00.000Z',
    });
    expect(deriveDigestPeriod('2022-06-08T03:00:00.000Z', 'weekly', BEIJING).key).toBe('2022-W23');
  });

  it('the last ended period is the one before now’s', () => {
    expect(lastEndedPeriod('2022-06-03T01:00:00.000Z', 'daily', BEIJING).key).toBe('2022-06-02');
  });
});

describe('planDigests', () => {
  const at = (day: number, hour = 2) =>
    `2022-06-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00.000Z`;

  it('a follower of an item, its chapter and the plan gets exactly one digest for the day, whatever changed', () => {
    const follows = [
      following(1, 'li@example.cn', task7),
      following(2, 'li@example.cn', chapter2),
      following(3, 'li@example.cn', plan1),
    ];
    const changes = [
      change(10, at(2)),
      change(11, at(2, 3), { kind: 'deadline', before: '2022-06-30', after: '2022-09-30' }),
      change(12, at(2, 4), {
        subject: { type: 'target', id: 3 },
        chapterId: 5,
        kind: 'verdict',
        before: 'not_rated',
        after: 'behind',
      }),
    ];
    const now = at(3, 1); // 09:00 on the 3rd in Beijing
    const first = planDigests(follows, changes, now, { utcOffsetMinutes: BEIJING, sent: new Set() });
    expect(first).toHaveLength(1);
    expect(first[0]).toMatchObject({
      key: 'li@example.cn|2022-06-02',
      email: 'li@example.cn',
      lastChangeId: 12,
    });
    expect(first[0]!.lines.map((l) => [l.subject.id, l.changes.map((c) => c.kind)])).toEqual([
      [7, ['state', 'deadline']],
      [3, ['verdict']],
    ]);
    // The worker runs again the same day: the key was sent, nothing more goes.
    const again = planDigests(follows, changes, at(3, 5), {
      utcOffsetMinutes: BEIJING,
      sent: new Set([first[0]!.key]),
    });
    expect(again).toEqual([]);
  });

  it('changes of one field coalesce from the first before to the last after; a change undone is left out', () => {
    const follows = [following(1, 'li@example.cn', task7)];
    const changes = [
      change(10, at(2), { kind: 'deadline', before: '2022-06-30', after: '2022-07-31' }),
      change(11, at(2, 3), { kind: 'deadline', before: '2022-07-31', after: '2022-09-30' }),
      change(12, at(2, 4), { kind: 'verdict', before: 'on_track', after: 'behind' }),
      change(13, at(2, 5), { kind: 'verdict', before: 'behind', after: 'on_track' }),
    ];
    const [digest] = planDigests(follows, changes, at(3, 1), { utcOffsetMinutes: BEIJING, sent: new Set() });
    expect(digest!.lines[0]!.changes).toEqual([
      { kind: 'deadline', before: '2022-06-30', after: '2022-09-30', at: at(2, 3) },
    ]);
  });

  it('nothing changed, no digest; a change before the follow was confirmed is not told', () => {
    const follows = [following(1, 'li@example.cn', task7)];
    expect(planDigests(follows, [], at(3, 1), { utcOffsetMinutes: BEIJING, sent: new Set() })).toEqual([]);
    const early = change(10, '2022-06-01T08:30:00.000Z');
    expect(planDigests(follows, [early], at(3, 1), { utcOffsetMinutes: BEIJING, sent: new Set() })).toEqual(
      [],
    );
  });

  it('a change after the period’s end waits for the next digest; a missed run loses nothing', () => {
    const follows = [following(1, 'li@example.cn', task7)];
    const late = change(20, at(3, 0)); // 08:00 on the 3rd in Beijing: the 3rd's period
    expect(planDigests(follows, [late], at(3, 1), { utcOffsetMinutes: BEIJING, sent: new Set() })).toEqual(
      [],
    );
    // No run on the 4th; on the 5th the digest of the 4th carries the 3rd's change too.
    const changes = [late, change(21, at(4), { kind: 'verdict', before: 'on_track', after: 'behind' })];
    const [digest] = planDigests(follows, changes, at(5, 1), {
      utcOffsetMinutes: BEIJING,
      sent: new Set(),
      lastChangeIdByAddress: new Map([['li@example.cn', 19]]),
    });
    expect(digest!.period.key).toBe('2022-06-04');
    expect(digest!.lines[0]!.changes.map((c) => c.kind)).toEqual(['state', 'verdict']);
  });

  it('one digest per address per period: each follower separately, weekly ones by the week', () => {
    const follows = [
      following(1, 'li@example.cn', task7),
      following(2, 'wang@example.cn', chapter2, 'weekly'),
      following(3, 'zhao@example.cn', { kind: 'task', id: 8, planId: 1 }),
    ];
    const changes = [change(10, at(2))];
    const digests = planDigests(follows, changes, '2022-06-06T01:00:00.000Z', {
      utcOffsetMinutes: BEIJING,
      sent: new Set(),
    });
    expect(digests.map((d) => d.key)).toEqual(['li@example.cn|2022-06-05', 'wang@example.cn|2022-W22']);
    // li's daily window starts after the digest it had: no second digest of the same change.
    const later = planDigests(follows, changes, '2022-06-07T01:00:00.000Z', {
      utcOffsetMinutes: BEIJING,
      sent: new Set(digests.map((d) => d.key)),
      lastChangeIdByAddress: new Map([
        ['li@example.cn', 10],
        ['wang@example.cn', 10],
      ]),
    });
    expect(later).toEqual([]);
  });

  it('an unsubscribed or pending follow hears nothing', () => {
    const active = following(1, 'li@example.cn', task7);
    const ended = { ...active, state: 'unsubscribed' as const };
    const pending = requestEmailFollow(
      { id: 2, subject: task7, email: 'wang@example.cn', cadence: 'daily' },
      { confirm: token('c2'), unsubscribe: token('u2') },
      T0,
      [],
      [],
    ).follow;
    expect(
      planDigests([ended, pending], [change(10, at(2))], at(3, 1), {
        utcOffsetMinutes: BEIJING,
        sent: new Set(),
      }),
    ).toEqual([]);
  });
});

describe('following in the app', () => {
  it('staff follow at once, and see the changes of what they follow since their last visit', () => {
    const follow = followInApp({ id: 1, subject: chapter2, userId: 5 }, T0, []);
    expect(follow.state).toBe('active');
    expect(followInApp({ id: 2, subject: chapter2, userId: 5 }, T0, [follow])).toBe(follow);
    const changes = [
      change(1, '2022-06-02T00:00:00.000Z'),
      change(2, '2022-06-03T00:00:00.000Z', { chapterId: 9 }),
      change(3, '2022-06-04T00:00:00.000Z'),
    ];
    expect(listFollowedChanges([follow], 5, changes, '2022-06-02T12:00:00.000Z').map((c) => c.id)).toEqual([
      3,
    ]);
    expect(listFollowedChanges([follow], 6, changes, null)).toEqual([]);
  });

  it('covers: a plan follow covers its plan only, a chapter its chapter, an item itself', () => {
    const c = change(1, T0);
    expect(covers(plan1, c)).toBe(true);
    expect(covers({ ...plan1, planId: 2, id: 2 }, c)).toBe(false);
    expect(covers(chapter2, c)).toBe(true);
    expect(covers({ kind: 'target', id: 7, planId: 1 }, c)).toBe(false);
  });
});
