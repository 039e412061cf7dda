import { Suspense, useMemo, useState } from 'react';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
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
import { isWallScreen, readSession, SessionProvider } from './hooks/use-session';
import { LangContext } from './hooks/use-set-lang';
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
  notFound: lazyPage(() => import('./pages/not-found-page')),
  importReport: lazyPage(() => import('./pages/import-page')),
  requestIntake: lazyPage(() => import('./pages/requests/intake-page')),
  requestDispatch: lazyPage(() => import('./pages/requests/dispatch-page')),
  requestUnit: lazyPage(() => import('./pages/requests/unit-queue-page')),
  requestFollowUp: lazyPage(() => import('./pages/requests/follow-up-page')),
  requestOrder: lazyPage(() => import('./pages/requests/order-page')),
  requestRankings: lazyPage(() => import('./pages/requests/rankings-page')),
  requestHotspots: lazyPage(() => import('./pages/requests/hotspots-page')),
  requestPublic: lazyPage(() => import('./pages/requests/public-requests-page')),
  requestAdmin: lazyPage(() => import('./pages/requests/admin-page')),
  requestChecks: lazyPage(() => import('./pages/requests/checks-page')),
  requestWork: lazyPage(() => import('./pages/requests/my-work-page')),
  requestKnowledge: lazyPage(() => import('./pages/requests/knowledge-page')),
  requestKnowledgeUpkeep: lazyPage(() => import('./pages/requests/knowledge-upkeep-page')),
  todo: lazyPage(() => import('./pages/todo-page')),
  library: lazyPage(() => import('./pages/library-page')),
  libraryProject: lazyPage(() => import('./pages/library-project-page')),
  libraryForm: lazyPage(() => import('./pages/library-project-form-page')),
  libraryMatches: lazyPage(() => import('./pages/library-matches-page')),
  libraryBoundary: lazyPage(() => import('./pages/library-boundary-page')),
  libraryExit: lazyPage(() => import('./pages/library-exit-page')),
  libraryReport: lazyPage(() => import('./pages/library-report-page')),
  investmentCalls: lazyPage(() => import('./pages/investment-calls-page')),
  investmentSheet: lazyPage(() => import('./pages/investment-sheet-page')),
  services: lazyPage(() => import('./pages/services-page')),
  enterprise: lazyPage(() => import('./pages/enterprise-page')),
  supervision: lazyPage(() => import('./pages/supervision-page')),
  admin: lazyPage(() => import('./pages/admin-page')),
  jurisdictionNew: lazyPage(() => import('./pages/jurisdiction-new-page')),
  planLinks: lazyPage(() => import('./pages/plan-links-page')),
  tokens: lazyPage(() => import('./pages/tokens-page')),
  work: lazyPage(() => import('./pages/work-page')),
  bulletins: lazyPage(() => import('./pages/bulletins-page')),
  workProposals: lazyPage(() => import('./pages/work-proposals-page')),
  workUnitNotify: lazyPage(() => import('./pages/work-unit-notify-page')),
  workDeliveries: lazyPage(() => import('./pages/work-deliveries-page')),
  workItem: lazyPage(() => import('./pages/work-item-page')),
  cockpit: lazyPage(() => import('./pages/cockpit-page')),
  wall: lazyPage(() => import('./pages/kiosk-wall-page')),
  promises: lazyPage(() => import('./pages/promise-tracker-page')),
  promise: lazyPage(() => import('./pages/promise-detail-page')),
  followLink: lazyPage(() => import('./pages/follow-link-page')),
  comments: lazyPage(() => import('./pages/comments-page')),
  follows: lazyPage(() => import('./pages/follows-page')),
};
/**
 * The console's frame (menus, jurisdiction switch, notices) is a chunk of its own too: the
 * public's pages never load it (issue 15.4, the public page's first load on a slow phone).
 */
const shell = lazyPage<object>(async () => ({ default: (await import('./pages/shell')).Shell }));
const Shell = shell.Page;
const SignInPage = pages.signIn.Page;
const HomePage = pages.home.Page;
const DashboardPage = pages.dashboard.Page;
const ReportPage = pages.report.Page;
const PlanPage = pages.plan.Page;
const ItemDetailPage = pages.itemDetail.Page;
const ProjectsPage = pages.projects.Page;
const PublicPage = pages.public.Page;
const NotFoundPage = pages.notFound.Page;
const ImportPage = pages.importReport.Page;
const RequestIntakePage = pages.requestIntake.Page;
const RequestDispatchPage = pages.requestDispatch.Page;
const RequestUnitPage = pages.requestUnit.Page;
const RequestFollowUpPage = pages.requestFollowUp.Page;
const RequestOrderPage = pages.requestOrder.Page;
const RequestRankingsPage = pages.requestRankings.Page;
const RequestHotspotsPage = pages.requestHotspots.Page;
const RequestPublicPage = pages.requestPublic.Page;
const RequestAdminPage = pages.requestAdmin.Page;
const RequestChecksPage = pages.requestChecks.Page;
const RequestWorkPage = pages.requestWork.Page;
const RequestKnowledgePage = pages.requestKnowledge.Page;
const RequestKnowledgeUpkeepPage = pages.requestKnowledgeUpkeep.Page;
const TodoPage = pages.todo.Page;
const LibraryPage = pages.library.Page;
const LibraryProjectPage = pages.libraryProject.Page;
const LibraryFormPage = pages.libraryForm.Page;
const LibraryMatchesPage = pages.libraryMatches.Page;
const LibraryBoundaryPage = pages.libraryBoundary.Page;
const LibraryExitPage = pages.libraryExit.Page;
const LibraryReportPage = pages.libraryReport.Page;
const InvestmentCallsPage = pages.investmentCalls.Page;
const InvestmentSheetPage = pages.investmentSheet.Page;
const ServicesPage = pages.services.Page;
const EnterprisePage = pages.enterprise.Page;
const SupervisionPage = pages.supervision.Page;
const AdminPage = pages.admin.Page;
const JurisdictionNewPage = pages.jurisdictionNew.Page;
const PlanLinksPage = pages.planLinks.Page;
const TokensPage = pages.tokens.Page;
const WorkPage = pages.work.Page;
const BulletinsPage = pages.bulletins.Page;
const WorkProposalsPage = pages.workProposals.Page;
const WorkUnitNotifyPage = pages.workUnitNotify.Page;
const WorkDeliveriesPage = pages.workDeliveries.Page;
const WorkItemPage = pages.workItem.Page;
const CommentsPage = pages.comments.Page;
const FollowsPage = pages.follows.Page;
const CockpitPage = pages.cockpit.Page;
const WallPage = pages.wall.Page;
const PromisesPage = pages.promises.Page;
const PromisePage = pages.promise.Page;
const FollowLinkPage = pages.followLink.Page;

/** The page each address opens, first match wins: its chunk loads while the session is checked. */
const FIRST_PAGES: [RegExp, keyof typeof pages][] = [
  [/^\/plans\/\d+\/?$/, 'dashboard'],
  [/^\/plans\/\d+\/report/, 'report'],
  [/^\/plans\/\d+\/plan/, 'plan'],
  [/^\/plans\/\d+\/projects\/?$/, 'projects'],
  [/^\/plans\/\d+\/(tasks|targets|projects)\//, 'itemDetail'],
  [/^\/plans\/\d+\/cockpit/, 'cockpit'],
  [/^\/wall\//, 'wall'],
  [/^\/public/, 'public'],
  [/^\/sign-in/, 'signIn'],
  [/^\/$/, 'home'],
];

/** The chunk of the page an address opens, so it loads while the session is checked. */
function preloadPage(pathname: string): void {
  const page = FIRST_PAGES.find(([pattern]) => pattern.test(pathname))?.[1];
  if (page) void pages[page].preload();
  // Every address but the public's and the sign-in opens inside the console's frame.
  if (!pathname.startsWith('/public') && !pathname.startsWith('/sign-in') && !pathname.startsWith('/wall/'))
    void shell.preload();
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
      // Who is signed in, asked at once rather than after the first render (a wall screen: no one).
      if (!isWallScreen(window.location.pathname))
        void created.prefetchQuery({ queryKey: keys.me, queryFn: readSession, staleTime: 60_000 });
      prefetchForPath(created, window.location.pathname, window.location.hash);
    }
    return created;
  });
  const langState = useMemo(
    () => ({
      lang,
      setLang: (next: Lang) => {
        saveLang(next);
        // English is a chunk of its own (i18n/index.ts): loaded first, so the page turns once.
        void i18n.loadLanguages(next).then(() => {
          dayjs.locale(next === 'en' ? 'en' : 'zh-cn');
          void i18n.changeLanguage(next);
          setLang(next);
        });
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
                // Descriptions' labels (antd's tertiary grey was 3.36:1) and warning words
                // (#faad14 was 1.9:1, #ad6800 4.41:1) at 4.5:1 or more on white (axe on every console page).
                colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
                colorWarningText: '#874d00',
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
                      <Route path="/public/requests" element={<RequestPublicPage />} />
                      <Route path="/public/:planId" element={<PublicPage />} />
                      <Route path="/wall/:planId" element={<WallPage />} />
                      <Route path="/public/:planId/promises" element={<PromisesPage />} />
                      <Route path="/public/:planId/promises/:type/:itemId" element={<PromisePage />} />
                      <Route path="/public/follows/confirm" element={<FollowLinkPage action="confirm" />} />
                      <Route
                        path="/public/follows/unsubscribe"
                        element={<FollowLinkPage action="unsubscribe" />}
                      />
                      <Route element={<Shell />}>
                        <Route index element={<HomePage />} />
                        <Route path="plans/:planId" element={<DashboardPage />} />
                        <Route path="plans/:planId/cockpit" element={<CockpitPage />} />
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
                        <Route path="requests/intake" element={<RequestIntakePage />} />
                        <Route path="requests/dispatch" element={<RequestDispatchPage />} />
                        <Route path="requests/unit" element={<RequestUnitPage />} />
                        <Route path="requests/follow-up" element={<RequestFollowUpPage />} />
                        <Route path="requests/orders/:orderId" element={<RequestOrderPage />} />
                        <Route path="requests/rankings" element={<RequestRankingsPage />} />
                        <Route path="requests/hotspots" element={<RequestHotspotsPage />} />
                        <Route path="requests/admin" element={<RequestAdminPage />} />
                        <Route path="requests/checks" element={<RequestChecksPage />} />
                        <Route path="requests/my-work" element={<RequestWorkPage />} />
                        <Route path="requests/knowledge" element={<RequestKnowledgePage />} />
                        <Route path="requests/knowledge/upkeep" element={<RequestKnowledgeUpkeepPage />} />
                        <Route path="todo" element={<TodoPage />} />
                        <Route path="library" element={<LibraryPage />} />
                        <Route path="library/projects/:projectId" element={<LibraryProjectPage />} />
                        <Route path="library/new" element={<LibraryFormPage />} />
                        <Route path="library/projects/:projectId/edit" element={<LibraryFormPage />} />
                        <Route path="library/projects/:projectId/exit" element={<LibraryExitPage />} />
                        <Route path="library/projects/:projectId/report" element={<LibraryReportPage />} />
                        <Route path="library/boundary" element={<LibraryBoundaryPage />} />
                        <Route path="library/investment-calls" element={<InvestmentCallsPage />} />
                        <Route
                          path="library/investment-calls/:callId/units/:unitId"
                          element={<InvestmentSheetPage />}
                        />
                        <Route path="plans/:planId/library-matches" element={<LibraryMatchesPage />} />
                        <Route path="services" element={<ServicesPage />} />
                        <Route path="services/enterprises/:enterpriseId" element={<EnterprisePage />} />
                        <Route path="supervision" element={<SupervisionPage />} />
                        <Route path="work" element={<WorkPage />} />
                        <Route path="work/proposals" element={<WorkProposalsPage />} />
                        <Route path="work/unit-notify" element={<WorkUnitNotifyPage />} />
                        <Route path="work/deliveries" element={<WorkDeliveriesPage />} />
                        <Route path="work/:source/:itemId" element={<WorkItemPage />} />
                        <Route path="bulletins" element={<BulletinsPage />} />
                        <Route path="bulletins/:bulletinId" element={<BulletinsPage />} />
                        <Route path="plans/:planId/comments" element={<CommentsPage />} />
                        <Route path="follows" element={<FollowsPage />} />
                        <Route path="admin" element={<AdminPage />} />
                        <Route path="jurisdictions/new" element={<JurisdictionNewPage />} />
                        <Route path="plans/:planId/links" element={<PlanLinksPage />} />
                        <Route path="tokens" element={<TokensPage />} />
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
