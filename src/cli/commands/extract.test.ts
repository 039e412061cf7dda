import { describe, expect, it } from 'vitest';
import { extractReport } from '../../report/index.js';
import type { Extraction } from '../../report/index.js';
import { deriveOutput, formatJson } from './extract.js';

const empty: Extraction = {
  report: {},
  outline: [],
  zones: [],
  items: [],
  projects: [],
  tasks: [],
  warnings: [],
};

describe('deriveOutput', () => {
  it('puts the reading warnings first, then the extraction warnings', () => {
    const read = {
      text: 'x',
      format: 'txt' as const,
      warnings: [{ code: 'ENCODING_GUESSED', message: 'm' }],
    };
    const extraction = {
      ...empty,
      warnings: [{ code: 'X', message: 'n', span: [0, 1] as [number, number] }],
    };
    const codes = deriveOutput(read, extraction).warnings.map((w) => w.code);
    expect(codes.slice(0, 2)).toEqual(['ENCODING_GUESSED', 'X']);
  });

  it('adds NOT_A_REPORT when an import would refuse the text (the one rule), once', () => {
    const read = { text: 'x', format: 'txt' as const, warnings: [] };
    expect(deriveOutput(read, empty).warnings.map((w) => w.code)).toEqual(['NOT_A_REPORT']);
    const already = { ...empty, warnings: [{ code: 'NOT_A_REPORT', message: 'm' }] };
    expect(deriveOutput(read, already).warnings.map((w) => w.code)).toEqual(['NOT_A_REPORT']);
    const chapter = { level: 1 as const, title: '回顾', span: [2, 4] as [number, number] };
    // Chapters with neither tasks nor targets: `luoshi import` and the API refuse it, extract says so.
    const chaptersOnly = deriveOutput(read, { ...empty, outline: [chapter] }).warnings;
    expect(chaptersOnly).toEqual([
      { code: 'NOT_A_REPORT', message: expect.stringMatching(/no tasks and no targets/) },
    ]);
    const task = {
      span: [5, 9] as [number, number],
      text: '推进改革',
      outlinePath: ['回顾'],
      itemIndexes: [],
      projectIndexes: [],
    };
    expect(deriveOutput(read, { ...empty, outline: [chapter], tasks: [task] }).warnings).toEqual([]);
  });
});

describe('formatJson', () => {
  it('keeps number arrays on one line and round-trips to the same value', () => {
    const value = {
      span: [12, 345],
      list: [1.5, -2e-7],
      quote: 'a [\n 1,\n 2\n] b',
      nested: [{ span: [0, 0] }],
    };
    const text = formatJson(value);
    expect(text).toContain('"span": [12, 345]');
    expect(text).toContain('"list": [1.5, -2e-7]');
    expect(JSON.parse(text)).toEqual(value);
  });

  it('round-trips a real extraction', () => {
    const extraction = extractReport('一、过去五年工作回顾\n地区生产总值年均增长6.6%。\n');
    expect(JSON.parse(formatJson(extraction))).toEqual(JSON.parse(JSON.stringify(extraction)));
  });
});
