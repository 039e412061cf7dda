import { describe, expect, it } from 'vitest';
import { deriveSegments, type Mark } from './spans';

const mark = (key: string, start: number, end: number, kind: Mark['kind'] = 'target'): Mark => ({
  key,
  kind,
  id: 1,
  start,
  end,
  label: key,
});

const shape = (length: number, marks: Mark[]) =>
  deriveSegments(length, marks).map((s) => `${s.start}-${s.end}:${s.marks.map((m) => m.key).join('+')}`);

describe('deriveSegments', () => {
  it('tiles the whole text, with unmarked stretches between marks', () => {
    expect(shape(10, [mark('a', 2, 4), mark('b', 6, 8)])).toEqual([
      '0-2:',
      '2-4:a',
      '4-6:',
      '6-8:b',
      '8-10:',
    ]);
  });

  it('lists nested marks outermost first', () => {
    expect(shape(10, [mark('inner', 3, 5), mark('outer', 0, 10, 'task')])).toEqual([
      '0-3:outer',
      '3-5:outer+inner',
      '5-10:outer',
    ]);
  });

  it('cuts overlapping marks at every boundary', () => {
    expect(shape(6, [mark('a', 0, 4), mark('b', 2, 6)])).toEqual(['0-2:a', '2-4:a+b', '4-6:b']);
  });

  it('handles marks sharing a boundary without an empty segment', () => {
    expect(shape(6, [mark('a', 0, 3), mark('b', 3, 6)])).toEqual(['0-3:a', '3-6:b']);
  });

  it('clips marks outside the text and drops empty ones', () => {
    expect(shape(5, [mark('a', -3, 2), mark('b', 4, 99), mark('c', 3, 3)])).toEqual([
      '0-2:a',
      '2-4:',
      '4-5:b',
    ]);
  });

  it('accepts marks in any order and keeps identical spans apart', () => {
    expect(shape(4, [mark('y', 1, 3), mark('x', 1, 3)])).toEqual(['0-1:', '1-3:x+y', '3-4:']);
  });

  it('stays linear-ish on thousands of marks', () => {
    const marks = Array.from({ length: 5000 }, (_, i) => mark(`m${i}`, i * 4, i * 4 + 6));
    const started = performance.now();
    const segments = deriveSegments(20_010, marks);
    expect(performance.now() - started).toBeLessThan(500);
    expect(segments.at(-1)!.end).toBe(20_010);
    // every character is in exactly one segment
    expect(segments.reduce((sum, s) => sum + (s.end - s.start), 0)).toBe(20_010);
  });
});
