import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
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

describe('ActionDialog: a 延期 past the plan threshold (issue 19)', () => {
  // The rule the 我的待办 page gives: past 2022-07-30 (30 days after 2022-06-30) ten characters at least.
  const noteProblem = (date: string | null, note: string) =>
    date && date > '2022-07-30' && [...note.trim()].length < 10 ? '须填写不少于10字的偏差说明' : undefined;

  it('asks for the explanation before sending once the date passes the threshold', async () => {
    const { onSubmit } = renderDialog({
      dateLabel: '新的完成时限',
      noteLabel: '偏差说明',
      initialDate: '2022-09-30',
      noteProblem,
    });
    fireEvent.change(screen.getByLabelText('退回理由'), { target: { value: '征地手续未完成' } });
    await ok();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText('须填写不少于10字的偏差说明')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('偏差说明'), {
      target: { value: '征地补偿方案调整，需重新公示，预计三季度末完成' },
    });
    // The field's error leaves (antd animates it out).
    await waitFor(() => expect(screen.queryByText('须填写不少于10字的偏差说明')).toBeNull());
    await ok();
    expect(onSubmit.mock.calls[0]![0]).toMatchObject({
      date: '2022-09-30',
      note: '征地补偿方案调整，需重新公示，预计三季度末完成',
    });
  });

  it('sends without an explanation within the threshold, and shows the server’s refusal at the field', async () => {
    const { onSubmit } = renderDialog({
      dateLabel: '新的完成时限',
      noteLabel: '偏差说明',
      initialDate: '2022-07-15',
      noteProblem,
      noteError: '新的完成时限比原定推迟92天，超过本计划规定的30天，须填写不少于10字的偏差说明。',
    });
    const field = screen.getByLabelText('偏差说明').closest('.ant-form-item')!;
    expect(field.textContent).toContain('超过本计划规定的30天');
    fireEvent.change(screen.getByLabelText('退回理由'), { target: { value: '征地手续未完成' } });
    await ok();
    expect(onSubmit).toHaveBeenCalledOnce();
  });
});
