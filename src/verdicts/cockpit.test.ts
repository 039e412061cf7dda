import { describe, expect, it } from 'vitest';
import type { TargetLike } from '../plan/expected.js';
import type { HealthWhy } from '../plan/health-why.js';
import {
  deriveTrajectory,
  deriveWorstItems,
  listDisagreements,
  rankLeadUnits,
  scoreItem,
} from './cockpit.js';
import type { CockpitItem } from './cockpit.js';
import type { ConfidenceAssessment } from './confidence.js';

const jobs: TargetLike = {
  metric: '新增城乡劳动力就业',
  comparator: '>=',
  value: 9000,
  unit: '人',
  period: '2022',
  direction: 'rising',
  baseline: null,
};

const gdp: TargetLike = {
  metric: '地区生产总值增长',
  comparator: '~',
  value: 6.5,
  unit: '%',
  period: '2022',
  direction: 'rising',
  baseline: null,
};

describe('deriveTrajectory', () => {
  it('expected to December, actual for the months begun, and the year’s end at the present pace', () => {
    const t = deriveTrajectory(
      jobs,
      [
        { value: 2000, asOf: '2022-03-31' },
        { value: 4000, asOf: '2022-06-30' },
        { value: 500, asOf: '2021-12-31' },
      ],
      2022,
      '2022-07-10',
    );
    expect(t.points).toHaveLength(12);
    expect(t.points.map((p) => p.actual)).toEqual([
      null,
      null,
      2000,
      2000,
      2000,
      4000,
      4000,
      null,
      null,
      null,
      null,
      null,
    ]);
    expect(t.points[0]!.expected).toBeCloseTo((9000 * 31) / 365, 6);
    expect(t.points[11]).toMatchObject({ month: '2022-12', date: '2022-12-31', expected: 9000 });
    // 4000 by 181 days of 365: 4000 × 365 / 181 ≈ 8066.3
    expect(t.projected).toBeCloseTo((4000 * 365) / 181, 1);
    expect(t.latest).toEqual({ value: 4000, asOf: '2022-06-30' });
  });

  it('a figure not yet approved by today is not drawn', () => {
    const t = deriveTrajectory(jobs, [{ value: 4000, asOf: '2022-06-30' }], 2022, '2022-06-15');
    expect(t.points[5]!.actual).toBeNull();
    expect(t.latest).toBeNull();
    expect(t.projected).toBeNull();
  });

  it('a rate is expected flat all year and projects as it stands', () => {
    const t = deriveTrajectory(gdp, [{ value: 5.8, asOf: '2022-06-30' }], 2022, '2022-07-20');
    expect(new Set(t.points.map((p) => p.expected))).toEqual(new Set([6.5]));
    expect(t.projected).toBe(5.8);
  });

  it('a path that cannot be known (a level without baseline) draws no expected line', () => {
    const t = deriveTrajectory(jobs, [{ value: 10, asOf: '2022-03-31' }], 2022, '2022-04-10', {
      measure: 'level',
    });
    expect(t.points.every((p) => p.expected === null)).toBe(true);
    expect(t.projected).toBeNull();
  });
});

const why: HealthWhy = {
  code: 'PROGRESS_VS_EXPECTED',
  params: { progress: 20, expected: 50, date: '2022-06-30', ratio: 0.4, stale: false },
};

function item(id: number, patch: Partial<CockpitItem> = {}): CockpitItem {
  return {
    type: 'task',
    id,
    chapterId: 1,
    leadUnitId: 11,
    health: 'on_track',
    ratio: 1,
    why,
    overdueDays: 0,
    slipDays: 0,
    confidence: null,
    openNotices: 0,
    pendingExtensions: 0,
    ...patch,
  };
}

function assessed(
  level: ConfidenceAssessment['level'],
  source: ConfidenceAssessment['source'] = 'lead_unit',
): ConfidenceAssessment {
  return {
    id: 1,
    subject: { type: 'task', id: 1, planId: 1, leadUnitId: 11 },
    periodKey: '2022-06',
    source,
    level,
    comment: null,
    by: 5,
    at: '2022-07-01T00:00:00.000Z',
  };
}

describe('the worst items', () => {
  it('behind before at risk; the shortfall, overdue days and open notices push further down', () => {
    const items = [
      item(1, { health: 'at_risk', ratio: 0.8 }),
      item(2, { health: 'behind', ratio: 0.4 }),
      item(3, { health: 'behind', ratio: 0.6, overdueDays: 12, openNotices: 1 }),
      item(4),
      item(5, { health: 'done' }),
    ];
    const worst = deriveWorstItems(items);
    expect(worst.map((w) => w.item.id)).toEqual([3, 2, 1]);
    expect(worst[0]!.reasons.map((r) => r.code)).toEqual(['HEALTH', 'OVERDUE', 'OPEN_NOTICES']);
    expect(worst[0]!.score).toBe(100 + 20 + 40 + 12 + 10);
  });

  it('keeps ten at most', () => {
    const items = Array.from({ length: 25 }, (_, i) => item(i + 1, { health: 'behind', ratio: i / 25 }));
    const worst = deriveWorstItems(items);
    expect(worst).toHaveLength(10);
    expect(worst[0]!.item.id).toBe(1);
  });

  it('a red confidence and an optimistic disagreement are reasons of their own', () => {
    const scored = scoreItem(
      item(1, {
        confidence: {
          unit: assessed('green'),
          independent: assessed('red', 'independent'),
          disagreements: [{ kind: 'unit_vs_independent', direction: 'optimistic', gap: 4 }],
        },
        slipDays: 92,
        pendingExtensions: 1,
      }),
    );
    expect(scored.reasons).toEqual([
      { code: 'LOW_CONFIDENCE', level: 'red', source: 'independent' },
      {
        code: 'DISAGREEMENT',
        disagreement: { kind: 'unit_vs_independent', direction: 'optimistic', gap: 4 },
      },
      { code: 'SLIPPED', days: 92 },
      { code: 'PENDING_EXTENSION', count: 1 },
    ]);
    expect(scored.score).toBe(30 + 15 + 9 + 5);
  });

  it('lists the items whose confidences disagree', () => {
    const disagreeing = item(2, {
      confidence: {
        unit: assessed('green'),
        independent: null,
        disagreements: [{ kind: 'unit_vs_health', direction: 'optimistic', gap: 3 }],
      },
    });
    expect(listDisagreements([item(1), disagreeing]).map((i) => i.id)).toEqual([2]);
  });
});

describe('rankLeadUnits', () => {
  it('ranks by the share on track or done (half for at risk), then fewer overdue; ties share a rank', () => {
    const items = [
      item(1, { leadUnitId: 11 }),
      item(2, { leadUnitId: 11, health: 'behind', overdueDays: 3 }),
      item(3, { leadUnitId: 12, health: 'done' }),
      item(4, { leadUnitId: 12, health: 'at_risk' }),
      item(5, { leadUnitId: 13 }),
      item(6, { leadUnitId: 13, health: 'behind' }),
      item(7, { leadUnitId: 14, health: 'no_data' }),
      item(8, { leadUnitId: null }),
    ];
    const ranked = rankLeadUnits(items);
    expect(ranked.map((u) => [u.unitId, u.score, u.rank])).toEqual([
      [12, 75, 1],
      [13, 50, 2],
      [11, 50, 3],
      [14, null, null],
    ]);
    expect(ranked[2]).toMatchObject({ items: 2, onTrack: 1, behind: 1, overdue: 1 });
    const tied = rankLeadUnits([
      item(1, { leadUnitId: 21 }),
      item(2, { leadUnitId: 22 }),
      item(3, { leadUnitId: 23, health: 'behind' }),
    ]);
    expect(tied.map((u) => u.rank)).toEqual([1, 1, 3]);
  });
});
