import { useMemo, useState } from 'react';
import { Button, Empty, Input, Layout, Segmented, Select, Space, Spin, Typography } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { usePlanIdParam } from '../hooks/use-current-plan';
import { usePlans, usePublicPlanPage } from '../hooks/use-plan-data';
import { useLang } from '../hooks/use-lang';
import { useSetLang } from '../hooks/use-set-lang';
import { useSession } from '../hooks/use-session';
import { useDocumentTitle } from '../hooks/use-document-title';
import { ErrorView, NotFoundView } from '../components/error-view';
import { CommitmentList } from '../components/commitment-list';
import {
  COMMITMENT_GROUPS,
  deriveCommitments,
  downloadFile,
  searchCommitments,
  toCsv,
  type Commitment,
} from '../lib/commitments';
import { formatDate } from '../lib/format';
import { useItemHealth } from '../hooks/use-tracking';
import { documentsApi, OPEN_DATA_LISTS } from '../api/documents';
import type { Health } from '../api/types';
import { todayIso } from '../hooks/use-working-plan';
import { useAsOf } from '../hooks/use-as-of';
import './public-page.css';

type KindFilter = 'all' | Commitment['kind'];

/** 公开: the published plan for everyone, no sign-in; searchable, downloadable, phone-sized. */
export default function PublicPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { setLang } = useSetLang();
  const { session } = useSession();
  const navigate = useNavigate();
  const plans = usePlans('published');
  const routeId = usePlanIdParam();
  const published = plans.data?.items.filter((plan) => plan.state === 'published') ?? [];
  // An address naming a plan that is not published is a missing page, never another plan.
  const missing = routeId !== undefined && plans.isSuccess && !published.some((plan) => plan.id === routeId);
  const planId = routeId !== undefined ? (missing ? undefined : routeId) : published[0]?.id;
  // The plan's data in one held answer (issue 15), its items' health at the default as-of date.
  const page = usePublicPlanPage(planId);
  const data = page.data;
  // Health and overdue marks read the plan as of its as-of date: a past plan at its year's end
  // (the public sees how the year ended, not the plan four years overdue), a current one today.
  // Another date chosen in the tab asks for its own health.
  const readAt = useAsOf(data?.summary.plan);
  const otherDate = readAt !== undefined && data !== undefined && data.health.asOf !== readAt;
  const itemHealth = useItemHealth(otherDate ? (planId ?? 0) : 0, readAt);
  const healthItems = otherDate ? itemHealth.data?.items : data?.health.items;
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState<KindFilter>('all');

  const all = useMemo(() => {
    // One answer: the chapters (outline) and units arrive with the rows, so the list never opens
    // with the review's projects as promises, 未分配, then reshuffles.
    if (!data) return [];
    const unitMap = new Map(data.units.map((unit) => [unit.id, unit]));
    return deriveCommitments(
      { targets: data.targets, tasks: data.tasks, projects: data.projects, achievements: data.achievements },
      unitMap,
      data.text,
      new Map<string, Health>((healthItems ?? []).map((item) => [`${item.type}:${item.id}`, item.health])),
      {
        year: data.summary.plan.year,
        today: readAt ?? todayIso(),
        chapters: data.outline
          .filter((node) => node.level === 1)
          .map((node) => ({ title: node.title, start: node.span[0] })),
      },
    );
  }, [data, healthItems, readAt]);
  const rows = useMemo(
    () => searchCommitments(kind === 'all' ? all : all.filter((row) => row.kind === kind), query),
    [all, kind, query],
  );
  const plan = data?.summary.plan;
  const asOf = plan?.updatedAt ?? plan?.publishedAt ?? null;
  const loading = plans.isPending || (planId !== undefined && page.isPending);
  const error = plans.error ?? page.error;
  useDocumentTitle(missing ? t('notFound.title') : (plan?.title ?? t('public.title')));
  const promised = rows.filter((row) => row.group !== 'achievement').length;
  const overdue = rows.filter((row) => row.overdue).length;
  const fileBase = plan ? `luoshi-${plan.year}-${plan.place || plan.id}` : 'luoshi';

  return (
    <Layout className="lx-public">
      <header className="lx-public-header">
        <Link to="/public" className="lx-public-brand">
          <span className="lx-logo-mark" aria-hidden="true">
            落
          </span>
          {t('app.name')}
        </Link>
        <Space>
          <Button
            type="text"
            onClick={() => setLang(lang === 'en' ? 'zh-CN' : 'en')}
            lang={lang === 'en' ? 'zh-CN' : 'en'}
          >
            {lang === 'en' ? '中文' : 'English'}
          </Button>
          <Link to={session ? '/' : '/sign-in'}>{session ? t('nav.dashboard') : t('header.signIn')}</Link>
        </Space>
      </header>
      <main className="lx-public-main" id="main">
        <Typography.Title level={1} className="lx-public-title">
          {plan?.title ?? t('public.title')}
        </Typography.Title>
        {missing ? null : <Typography.Paragraph>{t('public.intro')}</Typography.Paragraph>}
        {missing ? <NotFoundView home="/public" homeLabel={t('public.allPlans')} /> : null}
        {error ? <ErrorView error={error} onRetry={() => void plans.refetch()} /> : null}
        {!loading && published.length === 0 && !error && !missing ? (
          <Empty description={t('public.noPublished')} />
        ) : null}
        {published.length > 1 ? (
          <Space style={{ marginBottom: 12 }} wrap>
            <label htmlFor="public-plan">{t('public.choosePlan')}</label>
            <Select
              id="public-plan"
              value={planId}
              style={{ minWidth: 240 }}
              onChange={(id: number) => navigate(`/public/${id}`)}
              options={published.map((p) => ({ value: p.id, label: p.title }))}
            />
          </Space>
        ) : null}
        {plan ? (
          <section aria-labelledby="commitments-title">
            <div className="lx-public-toolbar">
              <Typography.Title level={2} id="commitments-title" style={{ fontSize: 18, margin: 0 }}>
                {t('public.commitments')}{' '}
                <Typography.Text type="secondary" style={{ fontSize: 14 }}>
                  {t('public.results', { count: promised })} ·{' '}
                  {overdue > 0 ? (
                    <>
                      <Typography.Text type="danger">
                        {t('public.overdueCount', { count: overdue })}
                      </Typography.Text>{' '}
                      ·{' '}
                    </>
                  ) : null}
                  {t('common.asOf', { date: formatDate(asOf, lang) })}
                </Typography.Text>
              </Typography.Title>
              <Space wrap>
                <Button
                  icon={<DownloadOutlined />}
                  onClick={() => downloadFile(`${fileBase}.csv`, toCsv(rows), 'text/csv;charset=utf-8')}
                  aria-label={`${t('public.download')} ${t('public.csv')}`}
                >
                  {t('public.csv')}
                </Button>
                <Button
                  icon={<DownloadOutlined />}
                  onClick={() =>
                    downloadFile(
                      `${fileBase}.json`,
                      JSON.stringify(
                        {
                          plan: { id: plan.id, title: plan.title, year: plan.year, asOf },
                          commitments: rows,
                        },
                        null,
                        2,
                      ),
                      'application/json',
                    )
                  }
                  aria-label={`${t('public.download')} ${t('public.json')}`}
                >
                  {t('public.json')}
                </Button>
              </Space>
            </div>
            <nav aria-label={t('downloads.openData')} className="lx-open-data" data-testid="open-data">
              <Typography.Text type="secondary">{t('downloads.openData')}：</Typography.Text>{' '}
              <a href={documentsApi.publicJsonUrl(plan.id)} download>
                JSON
              </a>
              {OPEN_DATA_LISTS.map((list) => (
                <span key={list}>
                  {' · '}
                  <a href={documentsApi.publicCsvUrl(plan.id, list)} download>
                    {t(`downloads.lists.${list}`)} CSV
                  </a>
                </span>
              ))}
            </nav>
            <Space orientation="vertical" style={{ width: '100%', margin: '12px 0' }}>
              <Input.Search
                aria-label={t('public.search')}
                placeholder={t('public.search')}
                allowClear
                onChange={(event) => setQuery(event.target.value)}
                onSearch={setQuery}
                enterButton
              />
              <Segmented<KindFilter>
                aria-label={t('public.kindFilter')}
                value={kind}
                onChange={setKind}
                options={[
                  { value: 'all', label: t('common.all') },
                  { value: 'target', label: t('kind.target') },
                  { value: 'task', label: t('kind.task') },
                  { value: 'project', label: t('kind.project') },
                ]}
              />
            </Space>
            {COMMITMENT_GROUPS.map((group) => {
              const inGroup = rows.filter((row) => row.group === group);
              if (inGroup.length === 0) return null;
              return (
                <section key={group} aria-labelledby={`group-${group}`} data-testid={`public-group-${group}`}>
                  <Typography.Title level={3} id={`group-${group}`} className="lx-public-group">
                    {t(`public.groups.${group}`, { year: plan.year })}{' '}
                    <Typography.Text type="secondary" style={{ fontSize: 14, fontWeight: 'normal' }}>
                      {t('public.results', { count: inGroup.length })}
                    </Typography.Text>
                  </Typography.Title>
                  {group === 'achievement' ? (
                    <Typography.Paragraph type="secondary">
                      {t('public.achievementsNote')}
                    </Typography.Paragraph>
                  ) : null}
                  <CommitmentList rows={inGroup} lang={lang} asOf={asOf} />
                </section>
              );
            })}
          </section>
        ) : loading ? (
          <Spin />
        ) : null}
      </main>
    </Layout>
  );
}
