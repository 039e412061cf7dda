import { describe, expect, it, vi } from 'vitest';
import {
  formatBytes,
  formatDate,
  formatDateTime,
  formatPromise,
  formatQuantity,
  periodLabel,
  splitUnit,
} from './format';

describe('formatQuantity', () => {
  it('keeps the unit as written in Chinese', () => {
    expect(formatQuantity(9000, '人', 'zh-CN')).toBe('9,000人');
    expect(formatQuantity(1270, '亿元', 'zh-CN')).toBe('1,270亿元');
  });

  it('scales 万 and 亿 into English numbers', () => {
    expect(formatQuantity(1270, '亿元', 'en')).toBe('127B yuan');
    expect(formatQuantity(3.5, '万人', 'en')).toBe('35K people');
    expect(formatQuantity(6.5, '%', 'en')).toBe('6.5%');
  });

  it('keeps an unknown unit as written', () => {
    expect(formatQuantity(3, '个百分点', 'en')).toBe('3 个百分点');
  });
});

describe('splitUnit', () => {
  it('separates the multiplier from the base unit', () => {
    expect(splitUnit('万平方米')).toEqual([1e4, '平方米']);
    expect(splitUnit('万')).toEqual([1, '万']);
  });
});

describe('formatBytes', () => {
  it('says a size in bytes, kB or MB in each language', () => {
    expect(formatBytes(512, 'zh-CN')).toBe('512字节');
    expect(formatBytes(512, 'en')).toBe('512 bytes');
    expect(formatBytes(12_595, 'zh-CN')).toBe('12.3 kB');
    expect(formatBytes(1_310_720, 'en')).toBe('1.3 MB');
    expect(formatBytes(20 * 1024 * 1024, 'zh-CN')).toBe('20 MB');
  });
});

describe('formatDate', () => {
  it('formats a calendar day in each language', () => {
    expect(formatDate('2022-06-30', 'zh-CN')).toBe('2022年6月30日');
    expect(formatDate('2022-06-30', 'en')).toBe('Jun 30, 2022');
    expect(formatDate(null, 'en')).toBe('—');
  });

  it('makes each language’s date format once, not once a row (a list of dates on a slow phone)', () => {
    formatDate('2022-06-30', 'zh-CN');
    formatDateTime('2022-06-30T08:00:00Z', 'en');
    const made = vi.spyOn(Intl, 'DateTimeFormat');
    try {
      for (let day = 1; day <= 28; day++) {
        expect(formatDate(`2022-02-${String(day).padStart(2, '0')}`, 'zh-CN')).toBe(`2022年2月${day}日`);
        formatDateTime(`2022-02-${String(day).padStart(2, '0')}T08:00:00Z`, 'en');
      }
      expect(made).not.toHaveBeenCalled();
    } finally {
      made.mockRestore();
    }
  });
});

describe('formatPromise', () => {
  it('puts each comparator where each language says it', () => {
    expect(formatPromise(6.5, '%', '~', '左右', 'zh-CN')).toBe('6.5%左右');
    expect(formatPromise(175, '亿元', '>', '超过', 'zh-CN')).toBe('超过175亿元');
    expect(formatPromise(175, '亿元', '>', 'over', 'en')).toBe('over 17.5B yuan');
    expect(formatPromise(9000, '人', '=', '', 'zh-CN')).toBe('9,000人');
  });
});

describe('periodLabel', () => {
  it('writes a period as offices do', () => {
    expect(periodLabel('2022-12', 'zh-CN')).toBe('2022年12月');
    expect(periodLabel('2022-03', 'en')).toBe('Mar 2022');
    expect(periodLabel('2022-Q1', 'zh-CN')).toBe('2022年第一季度');
    expect(periodLabel('2022-Q4', 'en')).toBe('Q4 2022');
    expect(periodLabel('上半年', 'zh-CN')).toBe('上半年');
  });
});
