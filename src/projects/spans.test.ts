import { describe, expect, it } from 'vitest';
import { addDays } from '../plan/dates.js';
import { deriveIdleLists, listStaleProjects, monthsBefore } from './lists.js';
import { OPEN_SPAN_END, deriveQuietSpans, deriveStageSpans } from './spans.js';
import type { QuietSpan } from './spans.js';
import type { LibraryProject } from './types.js';
import { DEFAULT_STAGE_MODEL } from './stages.js';
import { makeProject } from './test-fixtures.js';

describe('deriveStageSpans', () => {
  it('cuts the history into the days each stage was held, with the 三未 band the lists read', () => {
    const project = makeProject({
      history: [
        { stage: '签约', date: '2021-03-01' },
        { stage: '入库', date: '2021-05-10' },
        { stage: '开工', date: '2022-04-01' },
        { stage: '建设', date: '2022-04-01' },
      ],
      milestones: [
        { stage: '开工', planned: '2021-12-31' },
        { stage: '建成投用', planned: '2023-12-31' },
      ],
    });
    expect(deriveStageSpans(project, DEFAULT_STAGE_MODEL)).toEqual([
      {
        seq: 0,
        stage: '签约',
        rank: 2,
        from: '2021-03-01',
        to: '2021-05-10',
        band: null,
        bandSince: null,
        plannedBy: null,
      },
      {
        seq: 1,
        stage: '入库',
        rank: 3,
        from: '2021-05-10',
        to: '2022-04-01',
        band: 'approved_not_started',
        bandSince: '2021-05-10',
        plannedBy: '2021-12-31',
      },
      // A same-day move: a span of no days, never held on a day.
      {
        seq: 2,
        stage: '开工',
        rank: 4,
        from: '2022-04-01',
        to: '2022-04-01',
        band: 'started_not_building',
        bandSince: '2022-04-01',
        plannedBy: null,
      },
      {
        seq: 3,
        stage: '建设',
        rank: 5,
        from: '2022-04-01',
        to: OPEN_SPAN_END,
        band: 'building_not_finished',
        bandSince: '2022-04-01',
        plannedBy: '2023-12-31',
      },
    ]);
  });

  it('keeps the day a project entered its band across a move back within it, as the lists find it', () => {
    const project = makeProject({
      history: [
        { stage: '入库', date: '2021-05-10' },
        { stage: '开工', date: '2021-09-01' },
        { stage: '建设', date: '2021-10-01' },
        { stage: '开工', date: '2021-11-01', reason: '停工' },
      ],
    });
    const spans = deriveStageSpans(project, DEFAULT_STAGE_MODEL);
    const last = spans.at(-1)!;
    const listed = deriveIdleLists([project], DEFAULT_STAGE_MODEL, '2022-01-31').started_not_building[0]!;
    expect(last).toMatchObject({ band: 'started_not_building', bandSince: listed.since, from: '2021-11-01' });
    expect(listed.since).toBe('2021-11-01');
  });
});

/** The stale list as the store reads it: the stage span and the quiet span holding on the day. */
function staleBySpans(project: LibraryProject, date: string, months: number) {
  const stage = deriveStageSpans(project, DEFAULT_STAGE_MODEL).find((s) => s.from <= date && s.to > date);
  const quiet = deriveQuietSpans(project).find((q: QuietSpan) => q.from <= date && q.to > date);
  const under = stage !== undefined && stage.rank < 6 && (!project.exited || project.exited.date > date);
  return under && quiet !== undefined && quiet.last <= monthsBefore(date, months)
    ? { projectId: project.id, stage: stage.stage, lastProgress: quiet.last }
    : undefined;
}

describe('deriveQuietSpans', () => {
  it('keeps only the spans long enough to go stale, the last movement standing for each', () => {
    const project = makeProject({
      history: [
        { stage: '入库', date: '2021-05-10' },
        { stage: '开工', date: '2022-01-10' },
      ],
      investments: [
        { month: '2022-02', amount: 300 },
        { month: '2022-03', amount: 200 },
        { month: '2022-04', amount: 0 },
        { month: '2022-07', amount: 100 },
      ],
      progress: [{ date: '2022-03-15', note: '主体施工' }],
    });
    expect(deriveQuietSpans(project)).toEqual([
      { from: '2021-05-10', to: '2022-01-10', last: '2021-05-10' },
      // 2022-01-10 → 2022-02-01 is under a month: never stale, not kept; nor are February's and March's.
      { from: '2022-03-15', to: '2022-07-01', last: '2022-03-31' },
      { from: '2022-07-01', to: OPEN_SPAN_END, last: '2022-07-31' },
    ]);
  });

  it('finds the same stale projects as listStaleProjects on every day of two years, for 1, 3 and 6 months', () => {
    // Made-up projects with stage moves, gaps in investment, 形象进度 reports and one 出库.
    const projects: LibraryProject[] = Array.from({ length: 12 }, (_, i) =>
      makeProject({
        id: i + 1,
        history: [
          { stage: '入库', date: `2021-0${1 + (i % 6)}-1${i % 9}` },
          ...(i % 3 === 0 ? [] : [{ stage: '开工', date: `2021-1${i % 3}-0${1 + (i % 8)}` }]),
          ...(i % 4 === 1 ? [{ stage: '建成投用', date: '2022-08-31' }] : []),
        ],
        investments: Array.from({ length: 24 }, (_, m) => ({
          month: `${2021 + Math.floor(m / 12)}-${String(1 + (m % 12)).padStart(2, '0')}`,
          amount: (m * 7 + i * 5) % 11 < 4 + (i % 5) ? 100 : 0,
        })),
        progress: i % 2 === 0 ? [{ date: `2022-0${1 + (i % 9)}-2${i % 8}`, note: '进展' }] : [],
        exited: i === 5 ? { date: '2022-06-30', reason: '不再实施' } : null,
      }),
    );
    let stale = 0;
    for (let date = '2021-01-01'; date <= '2022-12-31'; date = addDays(date, 1))
      for (const months of [1, 3, 6]) {
        const expected = listStaleProjects(projects, DEFAULT_STAGE_MODEL, date, months).map((e) => ({
          projectId: e.projectId,
          stage: e.stage,
          lastProgress: e.lastProgress,
        }));
        const found = projects
          .map((p) => staleBySpans(p, date, months))
          .filter((e) => e !== undefined)
          .sort((a, b) => a.lastProgress.localeCompare(b.lastProgress) || a.projectId - b.projectId);
        expect(found, `${date}, ${months} months`).toEqual(expected);
        stale += found.length;
      }
    expect(stale).toBeGreaterThan(500);
  });
});
