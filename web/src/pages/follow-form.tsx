import { useId, useState } from 'react';
import { useMutation } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Segmented } from 'antd';
import { useTranslation } from 'react-i18next';
import { ErrorView } from '../components/error-view';
import { promisesApi, type FollowKind } from '../api/promises';
import { looksLikeEmail } from '../lib/promises';

/** Follow by e-mail: the server sends a confirmation first (double opt-in). */
export function FollowForm({
  subject,
  title,
}: {
  subject: { kind: FollowKind; id: number; planId: number };
  title: string;
}) {
  const { t } = useTranslation();
  const [email, setEmail] = useState('');
  const [cadence, setCadence] = useState<'daily' | 'weekly'>('weekly');
  const [invalid, setInvalid] = useState(false);
  const emailId = useId();
  const follow = useMutation({ mutationFn: () => promisesApi.follow({ subject, email, cadence }) });
  const submit = () => {
    if (!looksLikeEmail(email)) return setInvalid(true);
    setInvalid(false);
    follow.mutate();
  };
  return (
    <Card size="small" title={title} style={{ marginTop: 12 }}>
      {follow.data ? (
        <Alert type="success" message={follow.data.message} />
      ) : (
        <Form layout="vertical" component="div">
          <Form.Item
            htmlFor={emailId}
            label={t('promises.follow.email')}
            validateStatus={invalid ? 'error' : ''}
            help={invalid ? t('promises.follow.emailInvalid') : undefined}
          >
            <Input
              id={emailId}
              type="email"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              autoComplete="email"
            />
          </Form.Item>
          <Form.Item label={t('promises.follow.cadence')}>
            <Segmented
              value={cadence}
              onChange={(v) => setCadence(v as 'daily' | 'weekly')}
              options={[
                { value: 'daily', label: t('promises.follow.daily') },
                { value: 'weekly', label: t('promises.follow.weekly') },
              ]}
            />
          </Form.Item>
          {follow.error ? <ErrorView error={follow.error} /> : null}
          <Button type="primary" onClick={submit} loading={follow.isPending}>
            {t('promises.follow.submit')}
          </Button>
        </Form>
      )}
    </Card>
  );
}
