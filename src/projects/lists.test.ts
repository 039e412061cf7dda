import { describe, expect, it } from 'vitest';
import { deriveIdleLists, deriveLastProgress, deriveStageBoard, listStaleProjects } from './lists.js';
import { DEFAULT_STAGE_MODEL } from './stages.js';
import { makeProject, sampleLibrary } from './test-fixtures.js';

const M = DEFAULT_STAGE_MODEL;

describe('deriveIdleLists (三未)', () => {
  it('puts each project in the list of its stage that day, late ones first', () => {
    const lists = deriveIdleLists(sampleLibrary(), M, '2022-06-30');
    // 1 is at 入库 (planned start 06-30, not late yet), 2 at 入库 and late (planned 05-31);
    // 3 has been under construction since 2021-07-15; 4 at 入库 with no planned start.
    expect(lists.approved_not_started.map((e) => [e.projectId, e.late, e.since])).toEqual([
      [2, true, '2022-02-10'],
      [4, false, '2022-02-01'],
      [1, false, '2022-04-20'],
    ]);
    expect(lists.approved_not_started[0]).toEqual({
      projectId: 2,
      kind: 'approved_not_started',
      stage: '入库',
      since: '2022-02-10',
      days: 140,
      next: '开工',
      plannedBy: '2022-05-31',
      late: true,
    });
    expect(lists.started_not_building).toEqual([]);
    expect(
      lists.building_not_finished.map((e) => [e.projectId, e.stage, e.next, e.plannedBy, e.late]),
    ).toEqual([[3, '建设', '建成投用', '2022-09-30', false]]);
  });

  it('follows the day: later, 1 is started and not building, 3 has finished', () => {
    const lists = deriveIdleLists(sampleLibrary(), M, '2022-10-15');
    expect(lists.started_not_building.map((e) => [e.projectId, e.since, e.days])).toEqual([
      [1, '2022-08-01', 75],
    ]);
    expect(lists.building_not_finished).toEqual([]);
  });

  it('counts from the latest entry into the band after a move back, and skips projects not in the library', () => {
    const project = makeProject({
      id: 9,
      history: [
        { stage: '入库', date: '2021-01-01' },
        { stage: '开工', date: '2021-06-01' },
        { stage: '入库', date: '2022-03-01', reason: '规划调整' },
      ],
    });
    expect(deriveIdleLists([project], M, '2022-04-01').approved_not_started[0]?.since).toBe('2022-03-01');
    expect(deriveIdleLists([project], M, '2021-07-01').started_not_building[0]?.since).toBe('2021-06-01');
    expect(deriveIdleLists([project], M, '2020-12-31').approved_not_started).toEqual([]);
    const left = { ...project, exited: { date: '2022-03-15', reason: '合并' } };
    expect(deriveIdleLists([left], M, '2022-04-01').approved_not_started).toEqual([]);
    expect(deriveIdleLists([left], M, '2022-03-14').approved_not_started).toHaveLength(1);
  });
});

describe('listStaleProjects', () => {
  const base = makeProject({ id: 7, history: [{ stage: '开工', date: '2022-01-05' }] });
  it('flags projects under way with nothing moving for N months', () => {
    const cases: [string, Parameters<typeof makeProject>[0], string, string | undefined][] = [
      ['no move since the start', {}, '2022-04-05', '2022-01-05'],
      ['a day short of three months', {}, '2022-04-04', undefined],
      [
        'a month with investment counts as its last day',
        { investments: [{ month: '2022-02', amount: 10 }] },
        '2022-05-27',
        undefined,
      ],
      [
        'a month of 0 does not count',
        { investments: [{ month: '2022-02', amount: 0 }] },
        '2022-05-27',
        '2022-01-05',
      ],
      [
        'a 形象进度 report counts',
        { progress: [{ date: '2022-03-01', note: '基础施工' }] },
        '2022-06-01',
        '2022-03-01',
      ],
      [
        'finished projects are not chased',
        { history: [{ stage: '建成投用', date: '2021-01-05' }] },
        '2022-06-01',
        undefined,
      ],
      ['left the library', { exited: { date: '2022-02-01', reason: '合并' } }, '2022-06-01', undefined],
    ];
    for (const [what, change, date, last] of cases) {
      const stale = listStaleProjects([{ ...base, ...change }], M, date, 3);
      expect(stale[0]?.lastProgress, what).toBe(last);
    }
    expect(listStaleProjects([base], M, '2022-07-10', 3)[0]).toEqual({
      projectId: 7,
      stage: '开工',
      lastProgress: '2022-01-05',
      months: 6,
    });
  });
  it('reads the last move as of the day, ignoring later ones', () => {
    const project = makeProject({
      history: [{ stage: '开工', date: '2022-01-05' }],
      investments: [{ month: '2022-05', amount: 10 }],
      progress: [{ date: '2022-06-20', note: '封顶' }],
    });
    expect(deriveLastProgress(project, '2022-05-12')).toBe('2022-05-12');
    expect(deriveLastProgress(project, '2022-06-10')).toBe('2022-05-31');
    expect(deriveLastProgress(project, '2022-07-01')).toBe('2022-06-20');
    expect(deriveLastProgress(project, '2021-12-31')).toBeUndefined();
  });
});

describe('deriveStageBoard', () => {
  it('counts projects by library and stage on a day', () => {
    const board = deriveStageBoard(sampleLibrary(), M, '2022-06-30');
    expect(board.total).toEqual({
      谋划: 1,
      洽谈: 0,
      签约: 0,
      入库: 3,
      开工: 0,
      建设: 1,
      建成投用: 0,
      达产: 0,
    });
    expect(board.byLibrary.industry).toMatchObject({ 入库: 2 });
    expect(deriveStageBoard(sampleLibrary(), M, '2022-12-31').total).toMatchObject({
      谋划: 0,
      开工: 1,
      建成投用: 1,
    });
  });
});
