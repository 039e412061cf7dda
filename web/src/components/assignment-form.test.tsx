import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { AssignmentForm } from './assignment-form';
import type { Unit } from '../api/types';

const units: Unit[] = [
  { id: 1, name: '区发展改革委', kind: 'department' },
  { id: 2, name: '区财政局', kind: 'department' },
  { id: 3, name: '东湖街道', kind: 'street' },
];

function renderForm() {
  const onSubmit = vi.fn();
  const view = render(<AssignmentForm units={units} count={3} today="2022-03-01" onSubmit={onSubmit} />);
  return { onSubmit, ...view };
}

async function choose(label: string, option: string) {
  const combo = screen.getByLabelText(label);
  await act(async () => {
    fireEvent.mouseDown(combo);
  });
  const options = await screen.findAllByTitle(option);
  await act(async () => {
    fireEvent.click(options.at(-1)!);
  });
}

async function submit() {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: /批量分配/ }));
  });
}

describe('AssignmentForm', () => {
  it('refuses to submit an empty form, saying to fill in a field', async () => {
    const { onSubmit } = renderForm();
    await submit();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText('请至少填写一项')).toBeTruthy();
  });

  it('checks the leader as the user types', async () => {
    const { onSubmit } = renderForm();
    const leader = screen.getByLabelText('责任领导');
    fireEvent.change(leader, { target: { value: '张'.repeat(33) } });
    expect(await screen.findByText('责任领导不超过 32 个字')).toBeTruthy();
    const item = leader.closest('.ant-form-item')!;
    expect(item.className).toContain('ant-form-item-has-error');
    fireEvent.change(leader, { target: { value: '张副区长' } });
    // the message animates out; the field itself is no longer in error at once
    expect(item.className).not.toContain('ant-form-item-has-error');
    await submit();
    expect(onSubmit).toHaveBeenCalledWith({ leader: '张副区长' });
  });

  it('refuses a co-unit that is also the lead unit', async () => {
    const { onSubmit } = renderForm();
    await choose('牵头单位', '区财政局');
    await choose('配合单位', '区财政局');
    expect(await screen.findByText('配合单位不能与牵头单位相同')).toBeTruthy();
    await submit();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('sends only the fields filled in', async () => {
    const { onSubmit } = renderForm();
    await choose('牵头单位', '区发展改革委');
    await choose('配合单位', '东湖街道');
    fireEvent.change(screen.getByLabelText('责任领导'), { target: { value: '  李四  ' } });
    await submit();
    expect(onSubmit).toHaveBeenCalledTimes(1);
    expect(onSubmit.mock.calls[0]![0]).toEqual({ leadUnitId: 1, coUnitIds: [3], leader: '李四' });
  });

  it('refuses a deadline before today', async () => {
    const { onSubmit, container } = renderForm();
    const input = within(container).getByLabelText('完成时限') as HTMLInputElement;
    await act(async () => {
      fireEvent.mouseDown(input);
      fireEvent.focus(input);
    });
    await act(async () => {
      fireEvent.change(input, { target: { value: '2022-02-01' } });
    });
    await act(async () => {
      fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
    });
    expect(await screen.findByText('完成时限不能早于今天')).toBeTruthy();
    await submit();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('refuses a weight outside 0–100', async () => {
    const { onSubmit } = renderForm();
    const weight = screen.getByLabelText('权重');
    await act(async () => {
      fireEvent.change(weight, { target: { value: '150' } });
    });
    expect(await screen.findByText('权重须在 0 到 100 之间')).toBeTruthy();
    await submit();
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
