import { Button, Card, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { SignInForm } from '../components/sign-in-form';
import { useSession } from '../hooks/use-session';
import { useErrorMessage } from '../hooks/use-error-message';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useSetLang } from '../hooks/use-set-lang';

import { isApiError } from '../api/client';

/** Only same-site paths, so `?next=` cannot send the user elsewhere. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** 登录: the sign-in page; goes back to where the user was headed. */
export default function SignInPage() {
  const { t } = useTranslation();
  const { session, signIn } = useSession();
  const { lang, setLang } = useSetLang();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const next = safeNext(params.get('next'));
  useDocumentTitle(t('signIn.title'));

  if (session) return <Navigate to={next} replace />;

  return (
    <main
      style={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'linear-gradient(180deg, #f0f5ff 0%, #f5f5f5 100%)',
        padding: 16,
      }}
    >
      <Card style={{ width: 380, maxWidth: '100%' }}>
        <div style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'baseline' }}>
          <Typography.Title level={1} style={{ fontSize: 24 }}>
            {t('app.name')} · {t('signIn.title')}
          </Typography.Title>
          <Button type="link" onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}>
            {lang === 'en' ? '中文' : 'English'}
          </Button>
        </div>
        <Typography.Paragraph type="secondary">{t('signIn.subtitle')}</Typography.Paragraph>
        <SignInForm
          onSubmit={async (username, password) => {
            try {
              await signIn(username, password);
            } catch (error) {
              throw new Error(
                isApiError(error, 'UNAUTHENTICATED') ? t('errors.signInFailed') : errorMessage(error),
                { cause: error },
              );
            }
            navigate(next, { replace: true });
          }}
        />
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
          <Link to="/public">{t('signIn.publicLink')}</Link>
        </Typography.Paragraph>
      </Card>
    </main>
  );
}
