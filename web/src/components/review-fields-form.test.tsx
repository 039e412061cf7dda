import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import i18next from 'i18next';
import { ReviewFieldsForm, checkFieldsDraft, type FieldsDraft } from './review-fields-form';
import { selectionSpan } from './review-selection';

const initial: FieldsDraft = {
  metric: '地区生产总值增长',
  comparator: '>=',
  value: '6',
  unit: '%',
  period: '2023年',
};

function renderForm(draft: FieldsDraft = initial) {
  const onSubmit = vi.fn();
  render(<ReviewFieldsForm initial={draft} onSubmit={onSubmit} />);
  return onSubmit;
}

function type(label: string, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

async function submit() {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: /保存更正/ }));
  });
}

describe('ReviewFieldsForm', () => {
  it('sends the corrected fields, the value as a number', async () => {
    const onSubmit = renderForm();
    type('数值', '6.5');
    type('单位', ' % ');
    await submit();
    expect(onSubmit).toHaveBeenCalledWith({
      metric: '地区生产总值增长',
      comparator: '>=',
      value: 6.5,
      unit: '%',
      period: '2023年',
    });
  });

  it('says a value is not a number as it is typed, and refuses to submit', async () => {
    const onSubmit = renderForm();
    type('数值', '六点五');
    expect(screen.getByText('请输入有效数字')).toBeTruthy();
    await submit();
    expect(onSubmit).not.toHaveBeenCalled();
    type('数值', '6.5');
    await submit();
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ value: 6.5 }));
  });

  it('asks for a metric when it is emptied', () => {
    renderForm();
    type('指标', '  ');
    expect(screen.getByText('请填写指标')).toBeTruthy();
  });

  it('shows errors of untouched fields only after a submit', async () => {
    const onSubmit = renderForm({ ...initial, value: '', comparator: '' });
    expect(screen.queryByText('请输入有效数字')).toBeNull();
    await submit();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText('请输入有效数字')).toBeTruthy();
    expect(screen.getByText('请选择比较方式')).toBeTruthy();
  });

  it('speaks English when the user chose it', async () => {
    await act(async () => {
      await i18next.changeLanguage('en');
    });
    try {
      renderForm();
      type('Value', 'abc');
      expect(screen.getByText('Enter a valid number')).toBeTruthy();
    } finally {
      await act(async () => {
        await i18next.changeLanguage('zh-CN');
      });
    }
  });

  it('checks drafts without a DOM: infinity and a wrong comparator are refused', () => {
    expect(checkFieldsDraft({ ...initial, value: 'Infinity' }).errors.value).toBe('review.errors.value');
    expect(checkFieldsDraft({ ...initial, comparator: '≥' }).errors.comparator).toBe(
      'review.errors.comparator',
    );
    expect(checkFieldsDraft({ ...initial, value: '1,200' }).fields?.value).toBe(1200);
  });
});

describe('selectionSpan', () => {
  it('maps a selection across highlighted marks to offsets of the plain text', () => {
    const container = document.createElement('div');
    container.innerHTML = '<span>全年</span><span><mark>增长<mark>6%</mark></mark></span><span>左右</span>';
    document.body.append(container);
    const second = container.querySelectorAll('mark')[1]!.firstChild!;
    const last = container.lastChild!.firstChild!;
    const selection = window.getSelection()!;
    const range = document.createRange();
    range.setStart(second, 0);
    range.setEnd(last, 2);
    selection.removeAllRanges();
    selection.addRange(range);
    expect(selectionSpan(container, selection)).toEqual([4, 8]);
    selection.removeAllRanges();
    expect(selectionSpan(container, selection)).toBeUndefined();
    container.remove();
  });
});
