import { describe, expect, it } from 'vitest';
import { deriveReimportMatches, deriveRowMatches } from './match.js';

describe('deriveRowMatches', () => {
  it('matches the same span and key first', () => {
    const old = [
      { span: [10, 14] as [number, number], key: '5%以内' },
      { span: [50, 54] as [number, number], key: '5%以内' },
    ];
    expect(
      deriveRowMatches(old, [
        { span: [50, 54], key: '5%以内' },
        { span: [10, 14], key: '5%以内' },
      ]),
    ).toEqual([1, 0]);
  });

  it('then the same key nearest to where it was, each old row once', () => {
    const old = [
      { span: [10, 14] as [number, number], key: '5%以内' },
      { span: [50, 54] as [number, number], key: '5%以内' },
    ];
    const fresh = [
      { span: [57, 61] as [number, number], key: '5%以内' },
      { span: [17, 21] as [number, number], key: '5%以内' },
      { span: [90, 94] as [number, number], key: '5%以内' },
    ];
    expect(deriveRowMatches(old, fresh)).toEqual([1, 0, null]);
  });

  it('never matches a different key', () => {
    expect(deriveRowMatches([{ span: [0, 3], key: '40个' }], [{ span: [0, 3], key: '30个' }])).toEqual([
      null,
    ]);
  });
});

describe('deriveReimportMatches', () => {
  const span = (start: number, end: number): [number, number] => [start, end];
  const empty = { outline: [], achievements: [], tasks: [], targets: [], projectLists: [], projects: [] };

  it('gives, per table, the id of the old row each new row continues, or null', () => {
    const oldText = '一、工作任务\n推进改革。\n';
    const newText = '一、工作任务\n坚持稳中求进。\n推进改革。\n';
    const old = {
      ...empty,
      outline: [{ id: 11, span: span(0, 6), level: 1, title: '工作任务' }],
      tasks: [{ id: 21, span: span(7, 12), text: '推进改革。' }],
      projectLists: [{ id: 31, span: span(7, 11) }],
    };
    const rows = {
      plan: {} as never,
      outline: [
        { parentIndex: null, level: 1 as const, title: '工作任务', span: span(0, 6), position: 0, weight: 1 },
      ],
      achievements: [],
      tasks: [
        { outlineIndex: 0, text: '坚持稳中求进。', span: span(7, 14) },
        { outlineIndex: 0, text: '推进改革。', span: span(15, 20) },
      ],
      targets: [],
      projectLists: [
        { taskIndex: 1, stage: '签约', count: null, kind: 'target' as const, span: span(15, 19) },
      ],
      projects: [],
    };
    expect(deriveReimportMatches(old, rows, oldText, newText)).toEqual({
      ...empty,
      outline: [11],
      tasks: [null, 21],
      // The list's text ("推进改革") moved, so it is matched by its words in each version.
      projectLists: [31],
    });
  });
});
