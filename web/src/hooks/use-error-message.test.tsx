import { describe, expect, it } from 'vitest';
import { renderHook } from '@testing-library/react';
import { ApiError } from '../api/client';
import { useErrorMessage } from './use-error-message';

describe('useErrorMessage', () => {
  it('tells the unit each reason the answer rules refused its reply for', () => {
    const { result } = renderHook(() => useErrorMessage());
    const refused = new ApiError(422, 'UNPROCESSABLE', '答复未通过质检规则', [
      { path: 'rules.too_short', message: '答复少于15字' },
      { path: 'rules.stock_phrase', message: '只有套话' },
    ]);
    expect(result.current(refused)).toBe(
      '答复未通过质检规则：答复过于简短，未说明办理情况；答复只有套话，没有说明采取的措施。请修改后重新提交。',
    );
  });

  it('keeps the general wording for other unprocessable answers', () => {
    const { result } = renderHook(() => useErrorMessage());
    expect(
      result.current(new ApiError(422, 'UNPROCESSABLE', 'x', [{ path: 'file', message: 'not a report' }])),
    ).toBe('无法处理该内容。');
  });

  it('says the first problem of a refused form in the server’s words, never its field path', () => {
    const { result } = renderHook(() => useErrorMessage());
    const refused = new ApiError(400, 'BAD_INPUT', '提交的内容有1处不符合要求', [
      { path: 'body.name', code: 'required', message: '此项不能为空' },
    ]);
    expect(result.current(refused)).toBe('提交的内容有误：此项不能为空。请检查后重试。');
    expect(result.current(refused)).not.toContain('body.name');
  });
});
