import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { RateDialog } from './rate-dialog';

async function ok() {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '录入评价' }));
  });
}

describe('the author’s rating of an answer', () => {
  it('records 满意 as it is, with no comment needed', async () => {
    const onSubmit = vi.fn();
    render(<RateDialog subject="第0042号" today="2024-06-04" onSubmit={onSubmit} onCancel={vi.fn()} />);
    await ok();
    expect(onSubmit).toHaveBeenCalledWith({ rating: '满意', comment: null });
  });

  it('asks for the reason and a new due date before a 不满意 sends it back', async () => {
    const onSubmit = vi.fn();
    render(<RateDialog subject="第0042号" today="2024-06-04" onSubmit={onSubmit} onCancel={vi.fn()} />);
    fireEvent.click(screen.getByLabelText('不满意'));
    expect(screen.getByText('评价为“不满意”的，将退回主办单位重新办理。')).toBeTruthy();
    await ok();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText('请填写意见说明')).toBeTruthy();
    expect(screen.getByText('请选择重新办理时限')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('意见说明'), { target: { value: '未回应具体河段' } });
    const date = screen.getByLabelText('重新办理时限');
    await act(async () => {
      fireEvent.mouseDown(date);
      fireEvent.change(date, { target: { value: '2024-07-31' } });
    });
    await act(async () => {
      fireEvent.keyDown(date, { key: 'Enter', code: 'Enter' });
    });
    await ok();
    expect(onSubmit).toHaveBeenCalledWith({
      rating: '不满意',
      comment: '未回应具体河段',
      dueOn: '2024-07-31',
    });
  });
});
