import { useQuery } from '@tanstack/react-query';
import { Alert, Layout, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorView } from '../components/error-view';
import { promisesApi } from '../api/promises';
import './promise-tracker.css';

/** The links of the follow messages: confirm, or unsubscribe in one click. */
export default function FollowLinkPage({ action }: { action: 'confirm' | 'unsubscribe' }) {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const done = useQuery({
    queryKey: ['follow', action, token],
    queryFn: () => (action === 'confirm' ? promisesApi.confirm(token) : promisesApi.unsubscribe(token)),
    retry: false,
  });
  return (
    <Layout className="lx-promises">
      {done.error ? <ErrorView error={done.error} /> : null}
      {done.data ? <Alert type="success" message={done.data.message} /> : null}
      {done.isPending ? (
        <Spin
          tip={t(action === 'confirm' ? 'promises.follow.confirming' : 'promises.follow.unsubscribing')}
        />
      ) : null}
    </Layout>
  );
}
