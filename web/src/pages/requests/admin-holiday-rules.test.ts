import { describe, expect, it } from 'vitest';
import { normaliseDate, parseHolidayText } from './admin-holiday-rules';

describe('parseHolidayText', () => {
  it('reads chinese-days JSON (date → name), ignoring its other keys', () => {
    const text = JSON.stringify({
      holidays: { '2027-01-01': "New Year's Day,元旦,1", '2027-02-06': 'Spring Festival,春节,8' },
      workdays: { '2027-02-20': 'Spring Festival,春节,8' },
      inLieuDays: {},
    });
    expect(parseHolidayText(text, 2027)).toEqual({
      format: 'json',
      problems: [],
      table: {
        holidays: { '2027-01-01': "New Year's Day,元旦,1", '2027-02-06': 'Spring Festival,春节,8' },
        workdays: { '2027-02-20': 'Spring Festival,春节,8' },
      },
    });
  });

  it('reads lists of dates too (the domain’s own shape)', () => {
    const parsed = parseHolidayText('{"holidays":["2027-01-01"],"workdays":[]}', 2027);
    expect(parsed.table).toEqual({ holidays: { '2027-01-01': '' }, workdays: {} });
  });

  it('reads CSV with a header, 休/班 and loose dates', () => {
    const csv = '日期,类型,名称\n2027/1/1,休,元旦\n2027-2-6，放假，春节\n2027-02-20,班,春节\n';
    expect(parseHolidayText(csv, 2027)).toEqual({
      format: 'csv',
      problems: [],
      table: { holidays: { '2027-01-01': '元旦', '2027-02-06': '春节' }, workdays: { '2027-02-20': '春节' } },
    });
  });

  it('names every problem: line, wrong year, a weekday “worked”, a day both off and worked', () => {
    const csv =
      '2027-01-01,休,元旦\n2027-13-01,休,x\n2026-12-31,休,x\n2027-02-09,班,春节\n2027-01-01,上班,x\n2027-02-10,休息吧';
    const keys = parseHolidayText(csv, 2027).problems.map((p) => [p.key.split('.').at(-1), p.line ?? p.date]);
    expect(keys).toEqual([
      ['csvDate', 2],
      ['csvType', 6],
      ['wrongYear', '2026-12-31'],
      ['workdayNotWeekend', '2027-02-09'],
      ['bothOffAndWorked', '2027-01-01'],
    ]);
  });

  it('refuses broken JSON and an empty paste', () => {
    expect(parseHolidayText('{"holidays": ', 2027).problems[0]?.key).toBe(
      'requests.admin.problems.jsonSyntax',
    );
    expect(parseHolidayText('  ', 2027).format).toBe('empty');
  });

  it('normalises the ways offices write dates', () => {
    expect(normaliseDate('2027年2月6日')).toBe('2027-02-06');
    expect(normaliseDate('2027.02.06')).toBe('2027-02-06');
    expect(normaliseDate('2027-02-30')).toBeUndefined();
  });
});
