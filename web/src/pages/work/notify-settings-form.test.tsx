import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { NotifySettingsForm } from './notify-settings-form';

const NONE = { email: null, phone: null, channels: [], digest: null, quietHours: 'policy' as const };

describe('NotifySettingsForm', () => {
  it('offers only the channels the deployment has, refuses a wrong mobile number, and saves', async () => {
    const onSave = vi.fn();
    render(<NotifySettingsForm settings={NONE} available={['email', 'webhook']} onSave={onSave} />);
    expect(screen.queryByLabelText('短信')).toBeNull();
    fireEvent.change(screen.getByLabelText('电子邮箱'), { target: { value: 'wangfang@example.gov.cn' } });
    fireEvent.change(screen.getByLabelText('手机号码'), { target: { value: '1380000' } });
    fireEvent.click(screen.getByLabelText('邮件'));
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '保存设置' }));
    });
    expect(onSave).not.toHaveBeenCalled();
    expect(screen.getByText('请填写11位手机号码')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('手机号码'), { target: { value: '138 0000 0001' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '保存设置' }));
    });
    expect(onSave).toHaveBeenCalledWith({
      ...NONE,
      email: 'wangfang@example.gov.cn',
      phone: '13800000001',
      channels: ['email'],
    });
  });
});
