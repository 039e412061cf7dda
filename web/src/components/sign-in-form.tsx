import { useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';

export interface SignInFormProps {
  /** Resolves when signed in; rejects with a message to show. */
  onSubmit: (username: string, password: string) => Promise<void>;
  initialUsername?: string;
}

/** Username and password, checked as typed; the caller does the signing in. */
export function SignInForm({ onSubmit, initialUsername }: SignInFormProps) {
  const { t } = useTranslation();
  const [error, setError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  return (
    <Form
      layout="vertical"
      name="sign-in"
      initialValues={{ username: initialUsername ?? '' }}
      onFinish={async (values: { username: string; password: string }) => {
        setBusy(true);
        setError(undefined);
        try {
          await onSubmit(values.username.trim(), values.password);
        } catch (cause) {
          setError(cause instanceof Error ? cause.message : String(cause));
        } finally {
          setBusy(false);
        }
      }}
    >
      <Form.Item
        label={t('signIn.username')}
        name="username"
        rules={[{ required: true, whitespace: true, message: t('signIn.usernameRequired') }]}
      >
        <Input prefix={<UserOutlined />} autoComplete="username" />
      </Form.Item>
      <Form.Item
        label={t('signIn.password')}
        name="password"
        rules={[{ required: true, message: t('signIn.passwordRequired') }]}
      >
        <Input.Password prefix={<LockOutlined />} autoComplete="current-password" />
      </Form.Item>
      {error ? <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} role="alert" /> : null}
      <Button type="primary" htmlType="submit" block loading={busy}>
        {t('signIn.submit')}
      </Button>
    </Form>
  );
}
