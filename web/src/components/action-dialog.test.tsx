import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { ActionDialog } from './action-dialog';

function renderDialog(extra: Partial<Parameters<typeof ActionDialog>[0]> = {}) {
  const onSubmit = vi.fn();
  render(
    <ActionDialog
      open
      title="退回"
      textLabel="退回理由"
      okText="确认退回"
      onSubmit={onSubmit}
      onCancel={() => undefined}
      {...extra}
    />,
  );
  return { onSubmit };
}

async function ok() {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: /确认退回/ }));
  });
}

describe('ActionDialog', () => {
  it('requires a reason, says so, and sends it trimmed', async () => {
    const { onSubmit } = renderDialog();
    await ok();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText('请填写理由')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('退回理由'), { target: { value: '  口径有误  ' } });
    await ok();
    expect(onSubmit).toHaveBeenCalledWith({
      text: '口径有误',
      date: null,
      urgency: undefined,
      evidence: [],
      note: '',
    });
  });

  it('asks for a file when evidence is needed, then sends its id', async () => {
    const onUpload = vi.fn().mockResolvedValue({ id: 7, name: '验收报告.pdf' });
    const { onSubmit } = renderDialog({ onUpload });
    fireEvent.change(screen.getByLabelText('退回理由'), { target: { value: '已竣工验收' } });
    await ok();
    expect(screen.getByText('请至少上传一份佐证材料')).toBeTruthy();
    expect(onSubmit).not.toHaveBeenCalled();
    const input = document.querySelector('input[type=file]') as HTMLInputElement;
    await act(async () => {
      fireEvent.change(input, { target: { files: [new File(['%PDF'], '验收报告.pdf')] } });
    });
    expect(await screen.findByText('验收报告.pdf')).toBeTruthy();
    await ok();
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({ evidence: [{ id: 7, name: '验收报告.pdf' }] });
  });

  it('shows a server error as words', () => {
    renderDialog({ error: '其他人刚刚修改了这条内容，请重新加载后再改。' });
    expect(screen.getByText('其他人刚刚修改了这条内容，请重新加载后再改。')).toBeTruthy();
  });
});
