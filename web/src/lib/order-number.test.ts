import { describe, expect, it } from 'vitest';
import { formatOrderNumber } from './order-number';

describe('formatOrderNumber', () => {
  it('writes the Beijing day of the call and a six-digit sequence', () => {
    expect(formatOrderNumber(123, '2022-03-14T17:30:00.000Z')).toBe('20220315000123');
    expect(formatOrderNumber(7, '2022-03-14T08:00:00.000Z')).toBe('20220314000007');
  });
  it('shows the padded sequence when the day is unknown', () => {
    expect(formatOrderNumber(5)).toBe('000005');
    expect(formatOrderNumber(5, 'not a date')).toBe('000005');
  });
});
