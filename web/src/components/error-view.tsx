import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../api/client';
import { useErrorMessage } from '../hooks/use-error-message';

/** "Not found" for an id that does not exist (or any unknown address). */
export function NotFoundView({ home = '/', homeLabel }: { home?: string; homeLabel?: string }) {
  const { t } = useTranslation();
  return (
    <Result
      status="404"
      // A heading, so the page has one to start from (screen readers' headings list).
      title={<h2 className="lx-result-title">{t('notFound.title')}</h2>}
      subTitle={t('notFound.text')}
      extra={
        <Link to={home}>
          <Button type="primary">{homeLabel ?? t('notFound.home')}</Button>
        </Link>
      }
    />
  );
}

/** Shows a failed query: 404 as "not found", anything else as a readable message with retry. */
export function ErrorView({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  if (isApiError(error, 'NOT_FOUND')) return <NotFoundView />;
  return (
    <Result
      status={isApiError(error, 'FORBIDDEN') ? '403' : 'error'}
      title={<h2 className="lx-result-title">{message(error)}</h2>}
      extra={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}
