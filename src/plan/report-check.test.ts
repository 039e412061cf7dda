import { describe, expect, it } from 'vitest';
import { extractReport } from '../report/index.js';
import { exampleText } from '../../test/fixtures/example.js';
import { findNotAReportReason } from './report-check.js';

describe('findNotAReportReason', () => {
  it('accepts the example report', () => {
    expect(findNotAReportReason(extractReport(exampleText()))).toBeUndefined();
  });

  it("gives the reader's own NOT_A_REPORT reason first", () => {
    const extraction = extractReport(exampleText());
    extraction.warnings.push({ code: 'NOT_A_REPORT', message: 'this is a menu' });
    expect(findNotAReportReason(extraction)).toBe('this is a menu');
  });

  it('refuses a text without chapters', () => {
    expect(findNotAReportReason(extractReport('今日菜单：米饭、青菜、豆腐汤。'))).toMatch(/no chapters/);
  });

  it('refuses chapters with neither tasks nor targets', () => {
    const extraction = extractReport('一、概述\n本文介绍食堂。\n二、附录\n无。\n');
    extraction.outline = [{ level: 1, title: '概述', span: [2, 4] }];
    extraction.tasks = [];
    extraction.items = [];
    expect(findNotAReportReason(extraction)).toMatch(/no tasks and no targets/);
  });
});
