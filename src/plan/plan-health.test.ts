import { describe, expect, it } from 'vitest';
import { derivePlanHealth } from './plan-health.js';
import type { PlanHealthInput } from './plan-health.js';
import type { ApprovedFigures } from './reporting.js';

const outline: PlanHealthInput['outline'] = [
  { id: 3, parentId: 1, weight: 1, title: '（二）', position: 1 },
  { id: 1, parentId: null, weight: 1, title: '一、', position: 0 },
  { id: 2, parentId: 1, weight: 2, title: '（一）', position: 0 },
];
const task = (
  id: number,
  outlineNodeId: number | null,
  state: 'in_progress' | 'closed',
  deadline: string | null,
) => ({
  id,
  outlineNodeId,
  weight: 1,
  state,
  deadline,
});
const figures: ApprovedFigures = {
  tasks: new Map([
    [10, [{ progress: 40, state: 'in_progress' as const, asOf: '2022-06-30' }]],
    [12, [{ progress: 45, state: 'in_progress' as const, asOf: '2022-06-30' }]],
  ]),
  targets: new Map([[1, [{ value: 4000, asOf: '2022-06-30' }]]]),
};
const input: PlanHealthInput = {
  year: 2022,
  outline,
  tasks: [
    task(10, 2, 'in_progress', '2022-12-31'),
    task(11, 2, 'closed', '2022-12-31'),
    task(12, 3, 'in_progress', '2022-06-30'),
    task(13, null, 'in_progress', null),
  ],
  targets: [
    {
      id: 1,
      comparator: '=',
      value: 9000,
      unit: '人',
      metric: '新增城乡劳动力就业',
      period: '2022',
      direction: null,
      baseline: null,
    },
  ],
  figures,
  extensions: [
    {
      id: 1,
      subject: { type: 'task', id: 12 },
      state: 'approved',
      approvedDeadline: '2022-12-31',
      decidedAt: '2022-06-01T00:00:00Z',
    },
    {
      id: 2,
      subject: { type: 'target', id: 12 },
      state: 'approved',
      approvedDeadline: '2023-03-31',
      decidedAt: '2022-06-02T00:00:00Z',
    },
  ],
};

describe('derivePlanHealth', () => {
  const health = derivePlanHealth(input, '2022-07-10');

  it('judges each task against its effective deadline', () => {
    // 40 / (100 × 181/365) = 0.807 → at risk.
    expect(health.tasks.get(10)).toMatchObject({
      health: 'at_risk',
      deadline: '2022-12-31',
      extended: false,
    });
    expect(health.tasks.get(11)?.health).toBe('done');
    // Extended to 12-31: 45 / 49.59 = 0.907 → on track (without it, past 06-30 → behind).
    expect(health.tasks.get(12)).toMatchObject({
      health: 'on_track',
      deadline: '2022-12-31',
      extended: true,
    });
    expect(derivePlanHealth({ ...input, extensions: [] }, '2022-07-10').tasks.get(12)?.health).toBe('behind');
    // No deadline: the year's end; no approved report → no data.
    expect(health.tasks.get(13)).toMatchObject({ health: 'no_data', deadline: '2022-12-31' });
  });

  it('judges each target and counts the healths', () => {
    expect(health.targets.get(1)?.health).toBe('at_risk');
    expect(health.counts.tasks).toEqual({
      on_track: 1,
      at_risk: 1,
      behind: 0,
      done: 1,
      not_started: 0,
      no_data: 1,
    });
    expect(health.counts.targets).toEqual({
      on_track: 0,
      at_risk: 1,
      behind: 0,
      done: 0,
      not_started: 0,
      no_data: 0,
    });
  });

  it('rolls task progress up the outline, closed counting 100, a task without data left out', () => {
    // （一）: (40 + 100)/2 = 70; （二）: 45; 一、: (2 × 70 + 45)/3 = 61.67; plan: 一、 alone has data.
    expect(health.progress.findFigure('outline:2')?.value).toBe(70);
    expect(health.progress.findFigure('outline:1')?.value).toBeCloseTo(185 / 3, 12);
    expect(health.progress.findFigure('plan')).toEqual({ value: 185 / 3, coverage: 0.5 });
    const why = health.progress.explain('outline:1');
    expect(why.label).toBe('一、');
    expect(why.formula).toBe('0.6667 × 70 + 0.3333 × 45 = 61.67');
  });

  it('judges each outline node by its rolled-up progress against rolled-up 序时进度', () => {
    const e = (100 * 181) / 365; // expected of a year-long task by 06-30
    // （一）: progress (40 + 100)/2 = 70 against (e + 100)/2; （二）: 45 against e.
    expect(health.outline.get('outline:2')?.ratio).toBeCloseTo(70 / ((e + 100) / 2), 12);
    expect(health.outline.get('outline:3')).toMatchObject({ health: 'on_track', progress: 45 });
    expect(health.outline.get('outline:1')?.ratio).toBeCloseTo((2 * 70 + 45) / (2 * ((e + 100) / 2) + e), 12);
    expect(health.outline.get('plan')).toMatchObject({ health: 'on_track', coverage: 0.5 });
    expect(health.expected.explain('outline:3').children[0]?.value).toBeCloseTo(e, 12);
    // Without the extension task 12 is past its deadline: 45 against 100 → behind, and 一、 at risk.
    const strict = derivePlanHealth({ ...input, extensions: [] }, '2022-07-10');
    expect(strict.outline.get('outline:3')).toMatchObject({ health: 'behind', ratio: 0.45 });
    expect(strict.outline.get('outline:1')?.ratio).toBeCloseTo(
      (2 * 70 + 45) / (2 * ((e + 100) / 2) + 100),
      12,
    );
    expect(strict.outline.get('outline:1')?.health).toBe('at_risk');
  });

  it('recomputes 10,000 tasks to the hand-computed counts and roll-up', () => {
    // 100 sections of 100 tasks; task j of a section reports j% as of 06-30. Expected then is
    // 100 × 181/365 = 49.59%: j ≥ 45 is on track (≥ 0.9), 35–44 at risk (≥ 0.7), 0–34 behind.
    const sections = Array.from({ length: 100 }, (_, s) => ({
      id: s + 2,
      parentId: 1,
      weight: 1,
      title: `section ${s}`,
      position: s,
    }));
    const tasks = [];
    const progress = new Map<number, { progress: number; state: 'in_progress'; asOf: string }[]>();
    for (let s = 0; s < 100; s++) {
      for (let j = 0; j < 100; j++) {
        const id = s * 100 + j + 1;
        tasks.push(task(id, s + 2, 'in_progress', '2022-12-31'));
        progress.set(id, [{ progress: j, state: 'in_progress', asOf: '2022-06-30' }]);
      }
    }
    const big = derivePlanHealth(
      {
        year: 2022,
        outline: [{ id: 1, parentId: null, weight: 1, title: 'root', position: 0 }, ...sections],
        tasks,
        targets: [],
        figures: { tasks: progress, targets: new Map() },
      },
      '2022-07-10',
    );
    expect(big.counts.tasks).toEqual({
      on_track: 5500,
      at_risk: 1000,
      behind: 3500,
      done: 0,
      not_started: 0,
      no_data: 0,
    });
    expect(big.progress.findFigure('plan')?.value).toBeCloseTo(49.5, 9);
  });
});
