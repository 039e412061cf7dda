import { Suspense, useMemo, useState } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import 'antd/dist/antd.css';
import zhCN from 'antd/locale/zh_CN';
import enUS from 'antd/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { I18nextProvider } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import { saveLang, setupI18n } from './i18n';
import type { Lang } from './lib/format';
import { keys, prefetchForPath, shouldRetry } from './hooks/use-plan-data';
import { readSession, SessionProvider } from './hooks/use-session';
import { LangContext } from './hooks/use-set-lang';
import { Shell } from './pages/shell';
import { lazyPage } from './lib/lazy-page';
import './app.css';

/** Every page is its own chunk, loaded when first shown (or preloaded for the first address). */
const pages = {
  signIn: lazyPage(() => import('./pages/sign-in-page')),
  home: lazyPage(() => import('./pages/home-page')),
  dashboard: lazyPage(() => import('./pages/dashboard-page')),
  report: lazyPage(() => import('./pages/report-page')),
  plan: lazyPage(() => import('./pages/plan-page')),
  itemDetail: lazyPage(() => import('./pages/item-detail-page')),
  projects: lazyPage(() => import('./pages/projects-page')),
  public: lazyPage(() => import('./pages/public-page')),
  placeholder: lazyPage(() => import('./pages/placeholder-page')),
  notFound: lazyPage(() => import('./pages/not-found-page')),
  importReport: lazyPage(() => import('./pages/import-page')),
};
const SignInPage = pages.signIn.Page;
const HomePage = pages.home.Page;
const DashboardPage = pages.dashboard.Page;
const ReportPage = pages.report.Page;
const PlanPage = pages.plan.Page;
const ItemDetailPage = pages.itemDetail.Page;
const ProjectsPage = pages.projects.Page;
const PublicPage = pages.public.Page;
const PlaceholderPage = pages.placeholder.Page;
const NotFoundPage = pages.notFound.Page;
const ImportPage = pages.importReport.Page;

/** The chunk of the page an address opens, so it loads while the session is checked. */
function preloadPage(pathname: string): void {
  const page: keyof typeof pages | undefined = /^\/plans\/\d+\/?$/.test(pathname)
    ? 'dashboard'
    : /^\/plans\/\d+\/report/.test(pathname)
      ? 'report'
      : /^\/plans\/\d+\/plan/.test(pathname)
        ? 'plan'
        : /^\/plans\/\d+\/projects\/?$/.test(pathname)
          ? 'projects'
          : /^\/plans\/\d+\/(tasks|targets|projects)\//.test(pathname)
            ? 'itemDetail'
            : pathname.startsWith('/public')
              ? 'public'
              : pathname.startsWith('/sign-in')
                ? 'signIn'
                : pathname === '/'
                  ? 'home'
                  : undefined;
  if (page) void pages[page].preload();
}

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: shouldRetry, staleTime: 30_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}

function PageFallback() {
  return (
    <div style={{ padding: 48, textAlign: 'center' }}>
      <Spin />
    </div>
  );
}

/** The whole app: providers (query, i18n, antd locale, session) and the routes. */
export function App() {
  const i18n = useMemo(() => setupI18n(), []);
  const [lang, setLang] = useState<Lang>(i18n.language === 'en' ? 'en' : 'zh-CN');
  const [client] = useState(() => {
    const created = createQueryClient();
    if (typeof window !== 'undefined') {
      preloadPage(window.location.pathname);
      // Who is signed in, asked at once rather than after the first render.
      void created.prefetchQuery({ queryKey: keys.me, queryFn: readSession, staleTime: 60_000 });
      prefetchForPath(created, window.location.pathname);
    }
    return created;
  });
  const langState = useMemo(
    () => ({
      lang,
      setLang: (next: Lang) => {
        saveLang(next);
        dayjs.locale(next === 'en' ? 'en' : 'zh-cn');
        void i18n.changeLanguage(next);
        setLang(next);
      },
    }),
    [lang, i18n],
  );
  dayjs.locale(lang === 'en' ? 'en' : 'zh-cn');

  return (
    <QueryClientProvider client={client}>
      <I18nextProvider i18n={i18n}>
        <LangContext.Provider value={langState}>
          <ConfigProvider
            locale={lang === 'en' ? enUS : zhCN}
            theme={{
              // Darker than antd's defaults so links and secondary text meet WCAG AA (4.5:1).
              // Styles come from antd's prebuilt stylesheet instead of being generated on the
              // first render of each component (the console's first paint was spent there).
              zeroRuntime: true,
              token: {
                colorPrimary: '#0958d9',
                colorLink: '#0958d9',
                colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
                colorTextDescription: 'rgba(0, 0, 0, 0.65)',
                borderRadius: 4,
              },
            }}
          >
            <AntApp>
              <SessionProvider>
                <BrowserRouter>
                  <Suspense fallback={<PageFallback />}>
                    <Routes>
                      <Route path="/sign-in" element={<SignInPage />} />
                      <Route path="/public" element={<PublicPage />} />
                      <Route path="/public/:planId" element={<PublicPage />} />
                      <Route element={<Shell />}>
                        <Route index element={<HomePage />} />
                        <Route path="plans/:planId" element={<DashboardPage />} />
                        <Route path="plans/:planId/report" element={<ReportPage />} />
                        <Route path="plans/:planId/plan" element={<PlanPage />} />
                        <Route path="plans/:planId/projects" element={<ProjectsPage />} />
                        <Route path="plans/:planId/tasks/:itemId" element={<ItemDetailPage kind="task" />} />
                        <Route
                          path="plans/:planId/targets/:itemId"
                          element={<ItemDetailPage kind="target" />}
                        />
                        <Route
                          path="plans/:planId/projects/:itemId"
                          element={<ItemDetailPage kind="project" />}
                        />
                        <Route path="import" element={<ImportPage />} />
                        <Route path="todo" element={<PlaceholderPage page="todo" />} />
                        <Route path="supervision" element={<PlaceholderPage page="supervision" />} />
                        <Route path="admin" element={<PlaceholderPage page="admin" />} />
                        <Route path="*" element={<NotFoundPage />} />
                      </Route>
                    </Routes>
                  </Suspense>
                </BrowserRouter>
              </SessionProvider>
            </AntApp>
          </ConfigProvider>
        </LangContext.Provider>
      </I18nextProvider>
    </QueryClientProvider>
  );
}
