import { Suspense, useCallback } from 'react';
import { Modal, Spin } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useMatch, useNavigate } from 'react-router';
import { AppLayout, type NavKey } from '../components/app-layout';
import { navLabelKey, requestsNavKey, requestsNavPath } from '../components/requests/nav';
import { SignInForm } from '../components/sign-in-form';
import { useSession } from '../hooks/use-session';
import { useErrorMessage } from '../hooks/use-error-message';
import { useDocumentTitle } from '../hooks/use-document-title';
import { usePlans } from '../hooks/use-plan-data';
import { useSetLang } from '../hooks/use-set-lang';
import { savedPlanId, savePlanId } from '../hooks/use-current-plan';

import { isApiError } from '../api/client';

/** Which menu entry an address belongs to. */
function activeKey(pathname: string): NavKey | undefined {
  const requests = requestsNavKey(pathname);
  if (requests) return requests;
  if (/^\/plans\/\d+\/?$/.test(pathname)) return 'dashboard';
  if (/^\/plans\/\d+\/cockpit/.test(pathname)) return 'cockpit';
  if (/^\/plans\/\d+\/report/.test(pathname) || pathname === '/import') return 'report';
  if (/^\/plans\/\d+\/(plan|tasks|targets)/.test(pathname)) return 'plan';
  if (/^\/plans\/\d+\/projects/.test(pathname)) return 'projects';
  if (/^\/plans\/\d+\/comments/.test(pathname)) return 'comments';
  const top = pathname.split('/')[1];
  return top === 'todo' ||
    top === 'supervision' ||
    top === 'admin' ||
    top === 'work' ||
    top === 'bulletins' ||
    top === 'library' ||
    top === 'services' ||
    top === 'follows'
    ? top
    : pathname === '/'
      ? 'dashboard'
      : undefined;
}

/**
 * The signed-in console: sends visitors without a session to sign-in (remembering where they
 * were going), and when a session expires mid-work, asks for the password in a dialog over the
 * page so forms keep what was typed.
 */
export function Shell() {
  const { t } = useTranslation();
  const { session, expired, signIn, signOut } = useSession();
  const { lang, setLang } = useSetLang();
  const location = useLocation();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const match = useMatch('/plans/:planId/*');
  const plans = usePlans(undefined);
  const routeId = Number(match?.params.planId);
  const planId = Number.isInteger(routeId) && routeId > 0 ? routeId : savedPlanId();
  const planIds = plans.data?.items.map((plan) => plan.id) ?? [];
  const currentPlanId = planId !== undefined && planIds.includes(planId) ? planId : planIds[0];
  const active = activeKey(location.pathname);
  useDocumentTitle(active ? t(navLabelKey(active)) : undefined);

  const onNavigate = useCallback(
    (key: NavKey) => {
      const requestsPath = requestsNavPath(key);
      if (requestsPath) return void navigate(requestsPath);
      const base = currentPlanId ? `/plans/${currentPlanId}` : '';
      const to: Partial<Record<NavKey, string>> = {
        dashboard: base || '/',
        cockpit: base ? `${base}/cockpit` : '/',
        report: base ? `${base}/report` : '/',
        plan: base ? `${base}/plan` : '/',
        projects: base ? `${base}/projects` : '/',
        library: '/library',
        services: '/services',
        todo: '/todo',
        supervision: '/supervision',
        work: '/work',
        bulletins: '/bulletins',
        comments: base ? `${base}/comments` : '/',
        follows: '/follows',
        public: currentPlanId ? `/public/${currentPlanId}` : '/public',
        admin: '/admin',
      };
      navigate(to[key] ?? '/');
    },
    [currentPlanId, navigate],
  );

  const onPlanChange = (id: number) => {
    savePlanId(id);
    const rest = location.pathname.match(/^\/plans\/\d+\/(report|plan|projects)/)?.[1];
    navigate(rest ? `/plans/${id}/${rest}` : `/plans/${id}`);
  };

  const reSignIn = async (username: string, password: string) => {
    try {
      await signIn(username, password);
    } catch (error) {
      throw new Error(isApiError(error, 'UNAUTHENTICATED') ? t('errors.signInFailed') : errorMessage(error), {
        cause: error,
      });
    }
  };

  if (session === undefined) {
    return (
      <div style={{ padding: 96, textAlign: 'center' }}>
        <Spin />
      </div>
    );
  }
  if (session === null && !expired) {
    const next = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?next=${encodeURIComponent(next)}`} replace />;
  }

  return (
    <AppLayout
      active={active}
      plans={plans.data?.items ?? []}
      planId={currentPlanId}
      user={session?.user}
      lang={lang}
      onNavigate={onNavigate}
      onPlanChange={onPlanChange}
      onLangChange={setLang}
      onSignOut={() => void signOut().then(() => navigate('/sign-in'))}
      onSignIn={() => navigate('/sign-in')}
      onTokens={() => navigate('/tokens')}
    >
      <Suspense
        fallback={
          <div style={{ padding: 48, textAlign: 'center' }}>
            <Spin />
          </div>
        }
      >
        <Outlet context={{ plans: plans.data?.items ?? [] }} />
      </Suspense>
      <Modal
        open={expired}
        title={t('signIn.title')}
        footer={null}
        closable={false}
        mask={{ closable: false }}
      >
        <p role="status">{t('signIn.expired')}</p>
        <SignInForm onSubmit={reSignIn} initialUsername={session?.user.username} />
      </Modal>
    </AppLayout>
  );
}
