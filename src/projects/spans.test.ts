import { describe, expect, it } from 'vitest';
import { deriveIdleLists } from './lists.js';
import { OPEN_SPAN_END, deriveStageSpans } from './spans.js';
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
