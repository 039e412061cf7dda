import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { IntakeForm } from './intake-form';
import { toIntake, validateIntake, EMPTY_INTAKE } from './intake-validation';
import { suggestByKeywords } from './suggest';
import { TEST_AREAS, TEST_CATALOGUE_ROWS } from '../../test-fixtures/requests';

function renderForm() {
  const onSubmit = vi.fn();
  const text = vi.fn();
  const view = render(
    <IntakeForm
      rows={TEST_CATALOGUE_ROWS}
      areas={TEST_AREAS}
      suggestions={suggestByKeywords('下雨后小区门口积水很深', TEST_CATALOGUE_ROWS)}
      onTextChange={text}
      onSubmit={onSubmit}
    />,
  );
  return { onSubmit, text, ...view };
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
    fireEvent.click(screen.getByRole('button', { name: /登记工单/ }));
  });
}

describe('IntakeForm', () => {
  it('refuses an empty request, naming every missing field in Chinese', async () => {
    const { onSubmit } = renderForm();
    await submit();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText('请填写诉求内容')).toBeTruthy();
    expect(screen.getByText('请选择诉求类别')).toBeTruthy();
    expect(screen.getByText('请选择街道（镇）')).toBeTruthy();
    expect(screen.getByText('请填写详细地址')).toBeTruthy();
  });

  it('checks the phone as the operator types, and clears the message once it is right', async () => {
    renderForm();
    const phone = screen.getByLabelText('电话');
    fireEvent.change(phone, { target: { value: '12ab' } });
    expect(await screen.findByText('请输入有效的电话号码（5–20 位数字）')).toBeTruthy();
    const item = phone.closest('.ant-form-item')!;
    expect(item.className).toContain('ant-form-item-has-error');
    fireEvent.change(phone, { target: { value: '13800000000' } });
    expect(item.className).not.toContain('ant-form-item-has-error');
  });

  it('offers the categories the text suggests and takes one with a click', async () => {
    const { onSubmit, text } = renderForm();
    fireEvent.change(screen.getByLabelText('诉求内容'), { target: { value: '下雨后小区门口积水很深' } });
    expect(text).toHaveBeenCalledWith('下雨后小区门口积水很深');
    const suggestion = screen.getByRole('button', { name: /积水 100%/ });
    await act(async () => {
      fireEvent.click(suggestion);
    });
    await choose('街道（镇）', '东湖街道');
    await choose('社区（村）', '青松社区');
    fireEvent.change(screen.getByLabelText('详细地址'), { target: { value: '青松小区东门' } });
    fireEvent.change(screen.getByLabelText('姓名'), { target: { value: '王女士' } });
    await submit();
    expect(onSubmit).toHaveBeenCalledTimes(1);
    const values = onSubmit.mock.calls[0]![0];
    expect(toIntake(values)).toEqual({
      source: 'hotline',
      text: '下雨后小区门口积水很深',
      category: '积水',
      location: { address: '青松小区东门', area: '东湖街道', community: '青松社区' },
      contact: { name: '王女士' },
      privacy: { anonymousToPublic: true, anonymousToUnit: false },
    });
  });

  it('keeps the two privacy choices apart', async () => {
    renderForm();
    const unit = screen.getByLabelText(/对承办单位匿名/) as HTMLInputElement;
    const pub = screen.getByLabelText(/对公众匿名/) as HTMLInputElement;
    expect(pub.checked).toBe(true);
    expect(unit.checked).toBe(false);
    fireEvent.click(unit);
    expect(unit.checked).toBe(true);
    expect(pub.checked).toBe(true);
  });
});

describe('validateIntake', () => {
  const context = { categories: TEST_CATALOGUE_ROWS.map((r) => r.category), areas: TEST_AREAS };
  const valid = { ...EMPTY_INTAKE, text: '路灯不亮', category: '道路', area: '城关街道', address: '西关路' };

  it('accepts a complete request', () => {
    expect(validateIntake(valid, context)).toEqual({});
  });

  it('refuses a community of another street, a bad email and disguised or oversized media', () => {
    const problems = validateIntake(
      {
        ...valid,
        community: '青松社区',
        email: 'not-an-email',
        files: [{ uid: '1', name: 'a.exe', type: 'application/x-msdownload', size: 10 }],
      },
      context,
    );
    expect(problems.community?.key).toBe('requests.intake.communityWrong');
    expect(problems.email?.key).toBe('requests.intake.emailWrong');
    expect(problems.files).toEqual({ key: 'requests.intake.mediaType', values: { name: 'a.exe' } });
    const big = validateIntake(
      { ...valid, files: [{ uid: '2', name: 'v.mp4', type: 'video/mp4', size: 21 * 1024 * 1024 }] },
      context,
    );
    expect(big.files?.key).toBe('requests.intake.mediaSize');
  });

  it('refuses a text over 4000 characters and an unknown category', () => {
    const problems = validateIntake({ ...valid, text: '字'.repeat(4001), category: '外星人' }, context);
    expect(problems.text?.key).toBe('requests.intake.textTooLong');
    expect(problems.category?.key).toBe('requests.intake.categoryRequired');
  });
});
