import { describe, expect, it } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { useExpandedRows } from './use-expanded-rows';

describe('useExpandedRows', () => {
  it('opens rows that arrive after the first render; a row closed stays closed', () => {
    const { result, rerender } = renderHook(({ keys }) => useExpandedRows(keys), {
      initialProps: { keys: [] as number[] },
    });
    expect(result.current.expandedRowKeys).toEqual([]);
    rerender({ keys: [4, 9] });
    expect(result.current.expandedRowKeys).toEqual([4, 9]);
    act(() => result.current.onExpand(false, 4));
    expect(result.current.expandedRowKeys).toEqual([9]);
    rerender({ keys: [4, 9, 12] });
    expect(result.current.expandedRowKeys).toEqual([9, 12]);
    act(() => result.current.onExpand(true, 4));
    expect(result.current.expandedRowKeys).toEqual([4, 9, 12]);
  });
});
