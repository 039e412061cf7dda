import { describe, expect, it } from 'vitest';
import { exampleReport } from '../../test/fixtures/example.js';
import { extractReport } from '../report/index.js';
import { createNameIndex, matchReportProjects } from './match.js';
import { setYearTarget, transitionStage } from './project.js';
import {
  countPromise,
  deriveCountPromises,
  deriveProjectTimeline,
  deriveYearTargets,
  yearAsOf,
} from './promises.js';
import { DEFAULT_LIBRARIES, DEFAULT_STAGE_MODEL } from './stages.js';
import { makeProject } from './test-fixtures.js';
import type { LibraryProject } from './types.js';

const M = DEFAULT_STAGE_MODEL;

describe('deriveCountPromises', () => {
  it("reads the example report's library counts, and lists the counts no rule reads", () => {
    const { text, extraction } = exampleReport();
    const { promises, unread } = deriveCountPromises(extraction, text, DEFAULT_LIBRARIES, M);
    expect(promises.map((p) => [p.year, p.rule, p.promised, p.written])).toEqual([
      [2022, { kind: 'stage', stage: '建设', library: null }, 2, '建设'],
      [2022, { kind: 'entered', library: 'major' }, 30, '新入库重大项目'],
      [2022, { kind: 'stage', stage: '签约', library: null }, 40, '签约落地'],
      [2022, { kind: 'stage', stage: '开工', library: null }, 30, '开工建设'],
      [2022, { kind: 'stage', stage: '建成投用', library: null }, 30, '建成投用'],
      [2022, { kind: 'stage', stage: '建成投用', library: null }, 7, '建成通车'],
      [2022, { kind: 'annual', library: 'renewal' }, 60, '年度项目'],
      [2022, { kind: 'stage', stage: '开工', library: null }, 80, '开复工'],
      [2022, { kind: 'stage', stage: '建成投用', library: null }, 24, '建成投用'],
      [2022, { kind: 'stage', stage: '建成投用', library: null }, 9, '竣工开学'],
    ]);
    const signing = promises[2]!;
    expect(signing.named).toEqual(['科兴生物疫苗质量研究中心', '兴唐创新中心']);
    expect(signing.quote).toBe('科兴生物疫苗质量研究中心、兴唐创新中心等40个项目签约落地');
    expect(text.slice(...promises[1]!.span)).toBe('30个');
    expect(unread.map((u) => [u.written, u.promised, u.reason])).toEqual([
      ['推进', 12, 'NO_STAGE'],
      ['前期手续', 23, 'NO_STAGE'],
      ['完成', 3, 'NO_STAGE'],
      ['实施', 68, 'NO_STAGE'],
      ['压茬推进重大投资储备项目', 167, 'NO_RULE'],
      ['集中推进老旧小区改造项目', 63, 'NO_RULE'],
    ]);
  });

  it('promises nothing for a report without a year', () => {
    const { text, extraction } = exampleReport();
    expect(deriveCountPromises({ ...extraction, report: {} }, text, DEFAULT_LIBRARIES, M)).toEqual({
      promises: [],
      unread: [],
    });
  });
});

describe('countPromise', () => {
  const at = (
    id: number,
    library: string,
    history: LibraryProject['history'],
    extra: Partial<LibraryProject> = {},
  ) => makeProject({ id, library, history, ...extra });
  const projects = [
    at(1, 'industry', [
      { stage: '洽谈', date: '2021-10-01' },
      { stage: '签约', date: '2022-03-01' },
    ]),
    at(2, 'industry', [{ stage: '开工', date: '2022-05-01' }]), // reached 签约 by skipping
    at(3, 'major', [
      { stage: '签约', date: '2021-12-31' },
      { stage: '入库', date: '2022-01-01' },
    ]),
    at(4, 'major', [
      { stage: '签约', date: '2022-11-01' },
      { stage: '洽谈', date: '2022-12-01', reason: '投资方调整' },
    ]), // signed, then back: still counted as signed in 2022
    at(5, 'major', [{ stage: '入库', date: '2022-08-01' }], {
      exited: { date: '2022-09-01', reason: '合并' },
    }),
    at(6, 'renewal', [{ stage: '入库', date: '2021-06-01' }], {
      annualPlans: [{ year: 2022, planned: 500 }],
    }),
    at(7, 'renewal', [{ stage: '入库', date: '2021-06-01' }], {
      targets: [{ year: 2022, stage: '开工', step: '开工建设' }],
      exited: { date: '2022-10-01', reason: '合并' },
    }),
    at(8, 'renewal', [{ stage: '入库', date: '2023-02-01' }], { annualPlans: [{ year: 2022, planned: 1 }] }),
  ];
  it('counts from the library by the rule of the promise, as of a day', () => {
    const cases: [string, Parameters<typeof countPromise>[0], string, number[], string][] = [
      [
        'signed in 2022 (5 passed 签约 on entering at 入库)',
        { year: 2022, rule: { kind: 'stage', stage: '签约', library: null }, promised: 3 },
        '2022-12-31',
        [1, 2, 4, 5],
        'COUNT_MET',
      ],
      [
        'signed by mid-year',
        { year: 2022, rule: { kind: 'stage', stage: '签约', library: null }, promised: 3 },
        '2022-06-30',
        [1, 2],
        'COUNT_SHORT',
      ],
      [
        'signed, one library',
        { year: 2022, rule: { kind: 'stage', stage: '签约', library: 'major' }, promised: 3 },
        '2023-01-15',
        [4, 5],
        'COUNT_MISSED',
      ],
      [
        '新入库 counts 入库 or later, first reached in the year',
        { year: 2022, rule: { kind: 'entered', library: null }, promised: 3 },
        '2022-12-31',
        [2, 3, 5],
        'COUNT_MET',
      ],
      [
        '年度项目 with a plan or a target, not left',
        { year: 2022, rule: { kind: 'annual', library: 'renewal' }, promised: 60 },
        '2022-09-30',
        [6, 7],
        'COUNT_SHORT',
      ],
      [
        '年度项目 at year end',
        { year: 2022, rule: { kind: 'annual', library: 'renewal' }, promised: 60 },
        '2022-12-31',
        [6],
        'COUNT_SHORT',
      ],
    ];
    for (const [what, promise, date, ids, code] of cases) {
      const count = countPromise(promise, projects, M, date);
      expect(count.projectIds, what).toEqual(ids);
      expect(count.counted, what).toBe(ids.length);
      expect(count.why.code, what).toBe(code);
    }
    const mid = countPromise(
      { year: 2022, rule: { kind: 'stage', stage: '签约', library: null }, promised: 40 },
      projects,
      M,
      '2022-06-30',
    );
    expect(mid.expected).toBeCloseTo((40 * 181) / 365, 6);
    expect(mid.why).toEqual({
      code: 'COUNT_SHORT',
      params: { counted: 2, promised: 40, expected: mid.expected, date: '2022-06-30' },
    });
  });
});

describe('deriveYearTargets', () => {
  it('turns sure matches into targets, the furthest step when named twice, and sends the rest to review', () => {
    const index = createNameIndex([
      makeProject({ id: 1, name: '星河生物医药产业基地' }),
      makeProject({ id: 2, name: '云杉智能制造产业园一期' }),
    ]);
    const extraction = extractReport(
      '2023年示例区政府工作报告\n\n二、2023年主要任务\n\n（一）扎实推进重点项目建设\n\n' +
        '推动星河生物医药产业基地、云杉智能制造产业园等20个项目开工建设。加快星河生物医药产业基地建设。' +
        '推动白塔寺修缮、南门广场等5个项目改造提升。',
    );
    const { targets, review } = deriveYearTargets(matchReportProjects(extraction.projects, index), 2023, M, {
      planId: 9,
    });
    expect(
      targets.map((t) => [
        t.projectId,
        t.target.year,
        t.target.stage,
        t.target.step,
        t.target.source?.planId,
      ]),
    ).toEqual([[1, 2023, '建设', '建设', 9]]);
    expect(review.map((r) => [r.name, r.step, r.reason])).toEqual([
      ['云杉智能制造产业园', '开工建设', 'doubtful'],
      ['白塔寺修缮', '改造提升', 'unmatched'],
      ['南门广场', '改造提升', 'unmatched'],
    ]);
  });
});

describe('a project across two years and two reports', () => {
  it('keeps one history: targeted by the example 2022 plan, started in 2022, finished under a made-up 2023 plan', () => {
    let project = makeProject({
      id: 13,
      name: '诺诚健华创新药生产基地',
      aliases: ['诺诚健华抗肿瘤创新药物生产基地'],
      library: 'industry',
      history: [
        { stage: '签约', date: '2021-09-01' },
        { stage: '入库', date: '2021-12-01' },
      ],
      annualPlans: [
        { year: 2022, planned: 20_000 },
        { year: 2023, planned: 30_000 },
      ],
      investments: [
        { month: '2022-10', amount: 5000 },
        { month: '2023-03', amount: 8000 },
      ],
    });
    const library = [project, makeProject({ id: 14, name: '云杉智能制造产业园一期', library: 'industry' })];

    // 2022: the example report promises it 开工建设.
    const report2022 = exampleReport();
    const t2022 = deriveYearTargets(
      matchReportProjects(report2022.extraction.projects, createNameIndex(library)),
      2022,
      M,
    );
    const mine2022 = t2022.targets.find((t) => t.projectId === 13)!;
    expect(mine2022.target).toMatchObject({ year: 2022, stage: '开工', step: '开工建设' });
    project = setYearTarget(project, mine2022.target);
    project = transitionStage(project, { stage: '开工', date: '2022-09-01' }, M).project;
    project = transitionStage(project, { stage: '建设', date: '2022-10-15' }, M).project;

    // 2023: a made-up report promises it 建成投用, under its report name.
    const text2023 =
      '2023年示例区政府工作报告\n\n二、2023年主要任务\n\n（一）扎实推进重点项目建设\n\n' +
      '加快诺诚健华抗肿瘤创新药物生产基地、云杉智能制造产业园一期等20个项目建成投用。';
    const extraction2023 = extractReport(text2023);
    const t2023 = deriveYearTargets(
      matchReportProjects(extraction2023.projects, createNameIndex([project, library[1]!])),
      2023,
      M,
    );
    expect(t2023.targets.map((t) => [t.projectId, t.target.stage])).toEqual([
      [13, '建成投用'],
      [14, '建成投用'],
    ]);
    project = setYearTarget(project, t2023.targets[0]!.target);
    project = transitionStage(project, { stage: '建成投用', date: '2023-11-20' }, M).project;

    const timeline = deriveProjectTimeline(project, M, '2023-12-31');
    expect(
      timeline.map((y) => [y.year, y.target?.stage ?? null, y.verdict, y.reachedOn, y.planned, y.completed]),
    ).toEqual([
      [2021, null, null, null, null, 0],
      [2022, '开工', 'reached', '2022-09-01', 20_000, 5000],
      [2023, '建成投用', 'reached', '2023-11-20', 30_000, 8000],
    ]);
    expect(timeline[1]!.changes.map((c) => c.stage)).toEqual(['开工', '建设']);
    expect(project.history.map((e) => e.stage)).toEqual(['签约', '入库', '开工', '建设', '建成投用']);

    // The 2023 promise counted from the library as of year end.
    const { promises } = deriveCountPromises(extraction2023, text2023, DEFAULT_LIBRARIES, M);
    expect(promises.map((p) => [p.rule, p.promised])).toEqual([
      [{ kind: 'stage', stage: '建成投用', library: null }, 20],
    ]);
    expect(countPromise(promises[0]!, [project, library[1]!], M, '2023-12-31')).toMatchObject({
      promised: 20,
      counted: 1,
      projectIds: [13],
      met: false,
      why: { code: 'COUNT_SHORT' },
    });
  });

  it('says missed after the year, pending within it, already when reached before it', () => {
    const project = makeProject({
      history: [
        { stage: '入库', date: '2021-03-01' },
        { stage: '开工', date: '2021-06-01' },
      ],
      targets: [
        { year: 2022, stage: '开工', step: '开工建设' },
        { year: 2023, stage: '建成投用', step: '建成投用' },
      ],
    });
    const verdicts = (date: string) =>
      deriveProjectTimeline(project, M, date).map((y) => [y.year, y.verdict]);
    expect(verdicts('2023-06-30')).toEqual([
      [2021, null],
      [2022, 'already'],
      [2023, 'pending'],
    ]);
    expect(verdicts('2024-01-01')).toContainEqual([2023, 'missed']);
  });
});

describe('yearAsOf', () => {
  it('reads a past plan year at its last day, a coming one at its first, the current one today', () => {
    expect(yearAsOf(2022, '2026-12-07')).toBe('2022-12-31');
    expect(yearAsOf(2026, '2026-12-07')).toBe('2026-12-07');
    expect(yearAsOf(2027, '2026-12-07')).toBe('2027-01-01');
  });
});
