import { useEffect, useState } from 'react';
import { Button, Checkbox, Form, Input, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { UserNotifySettings } from '../../api/work';

const PHONE = /^(\+?86)?1[3-9]\d{9}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface NotifySettingsFormProps {
  settings: UserNotifySettings;
  /** The channels this deployment has (e-mail and SMS only where configured). */
  available: string[];
  saving?: boolean;
  onSave: (settings: UserNotifySettings) => void;
}

/** 我的通知设置: e-mail, mobile number and which of them to be reached by; the rest stays as saved. */
export function NotifySettingsForm({ settings, available, saving, onSave }: NotifySettingsFormProps) {
  const { t } = useTranslation();
  const [email, setEmail] = useState(settings.email ?? '');
  const [phone, setPhone] = useState(settings.phone ?? '');
  const [channels, setChannels] = useState<UserNotifySettings['channels']>(settings.channels);
  const [checked, setChecked] = useState(false);
  useEffect(() => {
    setEmail(settings.email ?? '');
    setPhone(settings.phone ?? '');
    setChannels(settings.channels);
  }, [settings]);
  const emailProblem = email.trim() !== '' && !EMAIL.test(email.trim());
  const phoneProblem = phone.trim() !== '' && !PHONE.test(phone.replace(/[\s-]/g, ''));
  const options = (['email', 'sms'] as const)
    .filter((c) => available.includes(c))
    .map((c) => ({ value: c, label: t(c === 'email' ? 'work.notify.byEmail' : 'work.notify.bySms') }));
  const submit = () => {
    setChecked(true);
    if (emailProblem || phoneProblem) return;
    onSave({
      ...settings,
      email: email.trim() || null,
      phone: phone.replace(/[\s-]/g, '') || null,
      channels: channels.filter((c) => (c === 'email' ? email.trim() !== '' : phone.trim() !== '')),
    });
  };
  return (
    <Form layout="vertical" onFinish={submit} aria-label={t('work.notify.title')}>
      <Space wrap align="start">
        <Form.Item
          label={t('work.notify.email')}
          htmlFor="notify-email"
          {...(checked && emailProblem ? { validateStatus: 'error', help: t('work.notify.badEmail') } : {})}
        >
          <Input id="notify-email" value={email} maxLength={200} onChange={(e) => setEmail(e.target.value)} />
        </Form.Item>
        <Form.Item
          label={t('work.notify.phone')}
          htmlFor="notify-phone"
          {...(checked && phoneProblem ? { validateStatus: 'error', help: t('work.notify.badPhone') } : {})}
        >
          <Input id="notify-phone" value={phone} maxLength={20} onChange={(e) => setPhone(e.target.value)} />
        </Form.Item>
      </Space>
      <Form.Item label={t('work.notify.channels')} extra={t('work.notify.appOnly')}>
        <Checkbox.Group
          options={options}
          value={channels}
          onChange={(value) => setChannels(value as UserNotifySettings['channels'])}
        />
      </Form.Item>
      {options.length === 0 ? (
        <Typography.Paragraph type="secondary">{t('work.notify.appOnly')}</Typography.Paragraph>
      ) : null}
      <Button type="primary" htmlType="submit" loading={saving}>
        {t('work.notify.save')}
      </Button>
    </Form>
  );
}
