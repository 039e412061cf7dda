import type { Cockpit, PublicCommitment } from '../api/promises';

const counts = { on_track: 0, at_risk: 0, behind: 0, done: 0, not_started: 0, no_data: 0 };

/** A small cockpit: one headline target, two chapters, one late task the units disagree on. */
export const COCKPIT: Cockpit = {
  planId: 3,
  title: '2022年政府工作报告',
  year: 2022,
  asOf: '2022-07-10',
  generatedAt: '2022-07-10T09:00:00.000Z',
  totals: { tasks: { ...counts, on_track: 5, behind: 2 }, targets: counts, overdue: 1, plan: 'at_risk' },
  headline: [
    {
      id: 11,
      metric: '新增城乡劳动力就业',
      promise: '新增城乡劳动力就业9000人',
      unit: '人',
      target: 9000,
      health: 'at_risk',
      why: { code: 'NO_DATA', params: {} } as unknown as Cockpit['headline'][number]['why'],
      points: [
        { month: '2022-05', date: '2022-05-31', expected: 3700, actual: 3000 },
        { month: '2022-06', date: '2022-06-30', expected: 4463, actual: 4000 },
        { month: '2022-07', date: '2022-07-31', expected: 5220, actual: null },
      ],
      projected: 8067,
      latest: { value: 4000, asOf: '2022-06-30' },
      slip: null,
    },
  ],
  chapters: [
    { id: 1, title: '一、2021年工作回顾', health: 'on_track', ratio: 1, counts: { ...counts, on_track: 3 } },
    {
      id: 2,
      title: '二、2022年重点工作',
      health: 'behind',
      ratio: 0.6,
      counts: { ...counts, on_track: 2, behind: 2 },
    },
  ],
  worst: [
    {
      type: 'task',
      id: 21,
      title: '完成回龙观地块征收',
      leadUnitId: 5,
      leadUnit: '区发展改革委',
      health: 'behind',
      score: 9,
      reasons: [
        { code: 'OVERDUE', days: 10 },
        {
          code: 'DISAGREEMENT',
          disagreement: { kind: 'unit_vs_independent', direction: 'optimistic', gap: 4 },
        },
      ],
    },
  ],
  units: [
    {
      unitId: 5,
      name: '区发展改革委',
      items: 4,
      onTrack: 2,
      atRisk: 0,
      behind: 2,
      done: 0,
      unjudged: 0,
      overdue: 1,
      openNotices: 1,
      score: 50,
      rank: 1,
    },
  ],
  supervision: { noticesOpen: 1, noticesOverdue: 0, extensionsPending: 0, lines: [] },
  requests: {
    month: '2022-07',
    volume: 0,
    rates: { response: 98.5, resolution: null, satisfaction: null },
    topic: null,
  },
  disagreements: [
    {
      type: 'task',
      id: 21,
      title: '完成回龙观地块征收',
      leadUnitId: 5,
      leadUnit: '区发展改革委',
      health: 'behind',
      unitLevel: 'green',
      independentLevel: 'red',
      disagreements: [{ kind: 'unit_vs_independent', direction: 'optimistic', gap: 4 }],
    },
  ],
};

/** A commitment whose deadline moved from June to October, rated 滞后. */
export const COMMITMENT: PublicCommitment = {
  planId: 3,
  type: 'task',
  id: 21,
  title: '完成回龙观地块征收',
  sentence: '年内完成回龙观地块征收工作。',
  chapter: '二、2022年重点工作',
  leadUnit: '区发展改革委',
  state: 'in_progress',
  health: 'behind',
  promise: {
    deadline: {
      original: '2022-06-30',
      current: '2022-10-31',
      days: 123,
      rebaselines: 1,
      overdue: false,
      daysLeft: 113,
    },
    value: null,
    changes: [
      {
        field: 'deadline',
        on: '2022-07-10',
        from: '2022-06-30',
        to: '2022-10-31',
        source: 'decision',
        explanation: '征收补偿方案调整，顺延四个月',
        basis: null,
      },
    ],
  },
  verdict: {
    current: {
      verdict: 'behind',
      label: '滞后',
      on: '2022-07-10',
      note: '征地滞后',
      newPromise: null,
      evidenceIds: [],
    },
    history: [
      {
        verdict: 'not_rated',
        label: '尚未评估',
        on: '2022-01-20',
        note: null,
        newPromise: null,
        evidenceIds: [],
      },
      {
        verdict: 'behind',
        label: '滞后',
        on: '2022-07-10',
        note: '征地滞后',
        newPromise: null,
        evidenceIds: [],
      },
    ],
  },
  evidence: [],
  comments: { count: 2, lastAnswer: { unit: '区发展改革委', text: '正在加快推进', on: '2022-07-11' } },
  followers: 3,
  asOf: '2022-07-10',
};
