import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { InstructionForm, instructionProblems } from './instruction-form';

async function submit() {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '登 记' }));
  });
}

describe('InstructionForm', () => {
  it('names every field still to fill in, in the office’s words, and sends nothing', async () => {
    const onSubmit = vi.fn();
    render(<InstructionForm today="2024-06-04" onSubmit={onSubmit} />);
    await submit();
    expect(onSubmit).not.toHaveBeenCalled();
    for (const text of ['请填写文号', '请填写文件标题', '请填写批示领导', '请填写批示日期'])
      expect(screen.getByText(text)).toBeTruthy();
  });

  it('registers a 阅件 with what was typed, trimmed', async () => {
    const onSubmit = vi.fn();
    render(<InstructionForm today="2024-06-04" onSubmit={onSubmit} />);
    fireEvent.change(screen.getByLabelText('文号'), { target: { value: ' 区委办呈〔2024〕8号 ' } });
    fireEvent.change(screen.getByLabelText('文件标题'), { target: { value: '关于汛期安全工作的报告' } });
    fireEvent.change(screen.getByLabelText('批示领导'), { target: { value: '张明区长' } });
    fireEvent.change(screen.getByLabelText('批示内容'), { target: { value: '请区水务局牵头抓好落实。' } });
    const date = screen.getByLabelText('批示日期');
    await act(async () => {
      fireEvent.mouseDown(date);
      fireEvent.change(date, { target: { value: '2024-06-03' } });
    });
    await act(async () => {
      fireEvent.keyDown(date, { key: 'Enter', code: 'Enter' });
    });
    fireEvent.click(screen.getByLabelText('阅件'));
    await submit();
    expect(onSubmit).toHaveBeenCalledWith({
      docNumber: '区委办呈〔2024〕8号',
      title: '关于汛期安全工作的报告',
      leader: '张明区长',
      instructedOn: '2024-06-03',
      class: 'reading',
      text: '请区水务局牵头抓好落实。',
    });
  });

  it('refuses a date after today', () => {
    const values = { docNumber: 'x', title: 'x', leader: 'x', class: 'document' as const, text: '' };
    expect(instructionProblems({ ...values, instructedOn: '2024-06-05' }, '2024-06-04')).toEqual({
      instructedOn: 'future',
    });
    expect(instructionProblems({ ...values, instructedOn: '2024-06-04' }, '2024-06-04')).toEqual({});
  });
});
