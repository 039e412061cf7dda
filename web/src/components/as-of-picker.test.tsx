import { describe, expect, it } from 'vitest';
import { act, render, renderHook, screen } from '@testing-library/react';
import { asOfChoices, asOfInstant, defaultAsOf, setAsOf, useAsOf } from '../hooks/use-as-of';
import { AsOfPicker } from './as-of-picker';

describe('the as-of date', () => {
  it('reads a past plan at its year’s end and a current one today', () => {
    expect(defaultAsOf(2022, '2026-12-07')).toBe('2022-12-31');
    expect(defaultAsOf(2026, '2026-12-07')).toBe('2026-12-07');
    // A past plan's month ends, then today: the plan as it stands now.
    expect(asOfChoices(2022, '2026-12-07')).toHaveLength(13);
    expect(asOfChoices(2022, '2026-12-07').at(-1)).toBe('2026-12-07');
    expect(asOfChoices(2027, '2026-12-07')).toEqual([]);
    expect(asOfChoices(2026, '2026-03-10')).toEqual(['2026-01-31', '2026-02-28', '2026-03-10']);
  });

  it('is shared by every page of the plan once chosen', () => {
    const plan = { id: 41, year: 2022 };
    const { result } = renderHook(() => useAsOf(plan));
    expect(result.current).toBe('2022-12-31');
    act(() => setAsOf(41, '2022-06-30'));
    expect(result.current).toBe('2022-06-30');
    // Kept for the tab (a reload reads the same date), and read from there.
    expect(sessionStorage.getItem('luoshi.asOf.41')).toBe('2022-06-30');
    act(() => {
      sessionStorage.setItem('luoshi.asOf.41', '2022-03-31');
      setAsOf(41, '2022-03-31');
    });
    expect(renderHook(() => useAsOf(plan)).result.current).toBe('2022-03-31');
    act(() => setAsOf(41, undefined));
    expect(result.current).toBe('2022-12-31');
  });

  it('stops the countdowns at the end of a past as-of day (Beijing), and lets them run today', () => {
    const now = Date.parse('2026-12-07T09:00:00Z');
    expect(asOfInstant('2022-12-31', now)).toBe(Date.parse('2022-12-31T16:00:00Z'));
    expect(asOfInstant('2026-12-07', now)).toBeUndefined();
    expect(asOfInstant(undefined, now)).toBeUndefined();
  });

  it('shows the date in words in the picker', () => {
    render(<AsOfPicker plan={{ id: 42, year: 2022 }} lang="zh-CN" />);
    expect(screen.getByTestId('as-of').textContent).toContain('数据截至');
    expect(screen.getByTestId('as-of').textContent).toContain('2022年12月31日');
  });
});
