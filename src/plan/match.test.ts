import { describe, expect, it } from 'vitest';
import { deriveRowMatches } from './match.js';

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
