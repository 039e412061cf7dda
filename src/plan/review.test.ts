import { describe, expect, it } from 'vitest';
import {
  assertTwoTasks,
  checkItemFields,
  checkSpan,
  deriveDirection,
  deriveTaskMerge,
  deriveTaskSplit,
  sentenceAround,
  trimItemFields,
} from './review.js';

const text = '一是稳增长。推进改革，扩大开放。二是保就业。';

describe('review rules', () => {
  it('names each field a correction gets wrong, and trims what it keeps', () => {
    expect(
      checkItemFields({ value: Number.NaN, comparator: '≈' as never, metric: ' ' }).map((p) => p.path),
    ).toEqual(['value', 'comparator', 'metric']);
    expect(checkItemFields({ value: 6, comparator: '~' })).toEqual([]);
    expect(trimItemFields({ metric: ' GDP ', unit: ' % ', value: 6 })).toEqual({
      metric: 'GDP',
      unit: '%',
      value: 6,
    });
  });

  it('accepts a span inside the text only, and finds the sentence around it', () => {
    expect(checkSpan([0, 4], text.length)).toEqual([]);
    expect(checkSpan([4, 4], text.length)).toEqual([
      { path: 'span', message: '所选原文不在报告正文之内：请在报告原文中重新选择一段文字' },
    ]);
    expect(checkSpan([0, text.length + 1], text.length, 'body.span')[0]?.path).toBe('body.span');
    expect(sentenceAround(text, [8, 10])).toBe('推进改革，扩大开放。');
    expect(deriveDirection('<=')).toBe('falling');
    expect(deriveDirection('~')).toBeNull();
    expect(deriveDirection('>=')).toBe('rising');
  });

  it('splits a task strictly inside its span into two halves with text', () => {
    const span: [number, number] = [6, 16];
    expect(deriveTaskSplit(text, span, 11)).toEqual({
      first: { text: '推进改革，', span: [6, 11] },
      second: { text: '扩大开放。', span: [11, 16] },
    });
    expect(() => deriveTaskSplit(text, span, 6)).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => deriveTaskSplit('   推进', [0, 5], 2)).toThrow('both parts of a split task need text');
  });

  it('merges two neighbouring tasks of one outline node only', () => {
    const first = { id: 1, text: '推进改革，', span: [6, 11] as [number, number], outlineNodeId: 4 };
    const second = { id: 2, text: '扩大开放。', span: [11, 16] as [number, number], outlineNodeId: 4 };
    expect(deriveTaskMerge(text, first, second, [])).toEqual({ text: '推进改革，扩大开放。', span: [6, 16] });
    expect(() => deriveTaskMerge(text, first, second, [3])).toThrow('only adjacent tasks can be merged');
    expect(() => deriveTaskMerge(text, first, { ...second, outlineNodeId: 5 }, [])).toThrow(
      'only tasks of the same outline node can be merged',
    );
    // A task carried over has no place in the text ([0, 0]): the merge joins the two texts.
    const carried = { ...first, span: [0, 0] as [number, number] };
    expect(deriveTaskMerge(text, carried, second, []).text).toBe('推进改革，扩大开放。');
    expect(() => assertTwoTasks([2, 2])).toThrow('merge needs two different tasks');
  });
});
