import { lazy, Suspense, useEffect, useMemo, useState } from 'react';
import type { ReactNode } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, List, Result, Row, Spin, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useOutletContext, useSearchParams } from 'react-router';
import type { Plan } from '../api/types';
import { AsOfPicker } from '../components/as-of-picker';
import { useAsOf } from '../hooks/use-as-of';
import { useLang } from '../hooks/use-lang';
import { todayIso } from '../hooks/use-working-plan';
import { usePlanIdParam } from '../hooks/use-current-plan';
import { useDocumentTitle } from '../hooks/use-document-title';
import { ErrorView } from '../components/error-view';
import { isApiError } from '../api/client';
import { useSession } from '../hooks/use-session';
import { keys } from '../hooks/use-plan-data';
import { LazyEChart as EChart, loadEChart } from '../components/lazy-echart';
import { PlainTable } from '../components/plain-table';
import { promisesApi, type Cockpit } from '../api/promises';
import {
  chaptersOption,
  describeReasons,
  formatRate,
  HEALTH_COLORS,
  itemPath,
  trajectoryOption,
} from '../lib/cockpit';
import './cockpit.css';

// Forms and pickers below the first screen: their code (antd's Select, Form…) comes after it.
const StocktakePack = lazy(async () => ({
  default: (await import('../components/stocktake-pack')).StocktakePack,
}));
const KioskLinks = lazy(async () => ({ default: (await import('../components/kiosk-links')).KioskLinks }));

/** 驾驶舱: one screen for the leader; every element drills down to its item. */
export default function CockpitPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const role = useSession().session?.user.role;
  const planId = usePlanIdParam() ?? 0;
  const wall = useSearchParams()[0].get('wall') === '1';
  // The plan's as-of date, as every page of the plan reads it (a past plan: its year's end).
  // Today's answer is the one asked early, beside the page's code; a past date asks its own.
  const plan = useOutletContext<{ plans: Plan[] } | undefined>()?.plans.find((p) => p.id === planId);
  const asOf = useAsOf(plan);
  const date = asOf !== undefined && asOf < todayIso() ? asOf : undefined;
  const cockpit = useQuery({
    queryKey: keys.cockpit(planId, date),
    queryFn: () => promisesApi.cockpit(planId, date),
    enabled: planId > 0 && plan !== undefined,
    // The wall screen refreshes itself.
    refetchInterval: wall ? WALL_REFRESH_MS : false,
  });
  useDocumentTitle(t('cockpit.title'));
  // The charts' code loads while the answer is on its way.
  useEffect(() => void loadEChart(), []);
  if (cockpit.error) return <ErrorView error={cockpit.error} />;
  // Today's answer may be held (asked early) before the plan list says which date to read.
  if (!cockpit.data || !plan) return <Spin />;
  if (wall) return <WallScreen cockpit={cockpit.data} />;
  return (
    <CockpitView cockpit={cockpit.data} picker={<AsOfPicker plan={plan} lang={lang} />}>
      <Suspense fallback={null}>
        <StocktakePack planId={planId} />
        {/* The plan office opens the wall screens' links. */}
        {role === 'admin' || role === 'supervisor' ? (
          <div style={{ marginTop: 16 }}>
            <KioskLinks planId={planId} />
          </div>
        ) : null}
      </Suspense>
    </CockpitView>
  );
}

/** The views the wall screen turns through, and how long each stays. */
export const WALL_VIEWS = ['targets', 'chapters', 'worst', 'units', 'supervision', 'requests'] as const;
export type WallView = (typeof WALL_VIEWS)[number];
export const WALL_ROTATE_MS = 20_000;
export const WALL_REFRESH_MS = 60_000;

/** 大屏: dark, one view at a time, turning every WALL_ROTATE_MS (1920×1080 and 3840×2160). */
export function WallScreen({
  cockpit,
  views = WALL_VIEWS,
  rotateMs = WALL_ROTATE_MS,
}: {
  cockpit: Cockpit;
  views?: readonly WallView[];
  rotateMs?: number;
}) {
  const [index, setIndex] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setIndex((i) => (i + 1) % views.length), rotateMs);
    return () => clearInterval(timer);
  }, [views.length, rotateMs]);
  return (
    <div className="lx-wall">
      <CockpitView cockpit={cockpit} only={views[index % views.length]} />
    </div>
  );
}

/** The wall screen opened by a kiosk link (/wall/:planId#token=…): no sign-in, its own views. */
export function KioskWallPage() {
  const { t } = useTranslation();
  const planId = usePlanIdParam() ?? 0;
  const token = new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
  const wall = useQuery({
    queryKey: keys.wall(planId, token),
    queryFn: () => promisesApi.wall(planId, token),
    refetchInterval: WALL_REFRESH_MS,
    retry: false,
  });
  useEffect(() => void loadEChart(), []);
  if (wall.error) {
    // A wrong, revoked or expired link: what to do, not "please sign in" (a wall has no sign-in).
    const link = isApiError(wall.error, 'UNAUTHENTICATED') || isApiError(wall.error, 'FORBIDDEN');
    return link ? <Result status="403" title={t('cockpit.wallInvalid')} /> : <ErrorView error={wall.error} />;
  }
  if (!wall.data) return <Spin />;
  return (
    <WallScreen
      cockpit={wall.data.cockpit}
      views={wall.data.views}
      rotateMs={wall.data.rotateSeconds * 1000}
    />
  );
}

/** A card's title as the page's second level (h2): landmarks and screen readers list them. */
function CardHeading({ children }: { children: ReactNode }) {
  return (
    <Typography.Title level={2} className="lx-cockpit-heading">
      {children}
    </Typography.Title>
  );
}

/** The cockpit's elements for a loaded cockpit (also drawn by tests with a fixture). */
export function CockpitView({
  cockpit,
  only,
  children,
  picker,
}: {
  cockpit: Cockpit;
  only?: WallView | undefined;
  /** Shown under the page's heading (the leader's stocktake pack). */
  children?: ReactNode;
  /** The as-of date's picker, in place of the date (the console; a wall screen shows the date). */
  picker?: ReactNode;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const planId = cockpit.planId;
  const tasks = Object.values(cockpit.totals.tasks).reduce((a, b) => a + b, 0);
  const dark = only !== undefined;
  const chapters = useMemo(() => chaptersOption(cockpit.chapters, t, dark), [cockpit.chapters, t, dark]);
  const show = (view: WallView) => only === undefined || only === view;
  const item = (r: { type: 'task' | 'target'; id: number; title: string }) => (
    <Link to={itemPath(planId, r)}>{r.title}</Link>
  );
  return (
    <div className="lx-cockpit">
      <Typography.Title level={1} className="lx-cockpit-title">
        {cockpit.title} · {t('cockpit.title')}
      </Typography.Title>
      {picker ?? (
        <Typography.Text type="secondary">{t('cockpit.asOf', { date: cockpit.asOf })}</Typography.Text>
      )}
      {children ? <div style={{ marginTop: 16 }}>{children}</div> : null}
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        {(
          [
            ['tasks', tasks],
            ['overdue', cockpit.totals.overdue],
            ['notices', cockpit.supervision.noticesOpen],
            ['extensions', cockpit.supervision.extensionsPending],
          ] as const
        ).map(([k, v]) => (
          <Col xs={12} md={6} key={k}>
            <Card size="small">
              <Statistic title={t(`cockpit.totals.${k}`)} value={v} />
            </Card>
          </Col>
        ))}
      </Row>
      {show('targets') ? (
        <Card
          title={<CardHeading>{t('cockpit.headline')}</CardHeading>}
          size="small"
          style={{ marginTop: 16 }}
        >
          <Row gutter={[16, 16]}>
            {cockpit.headline.map((target) => (
              <Col xs={24} md={12} xl={6} key={target.id}>
                <EChart
                  height={220}
                  label={target.promise}
                  option={trajectoryOption(target, t, dark)}
                  onClickItem={() => navigate(itemPath(planId, { type: 'target', id: target.id }))}
                />
                <Link to={itemPath(planId, { type: 'target', id: target.id })}>{target.promise}</Link>
              </Col>
            ))}
          </Row>
        </Card>
      ) : null}
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        {show('chapters') ? (
          <Col xs={24} xl={only ? 24 : 12}>
            <Card title={<CardHeading>{t('cockpit.chapters')}</CardHeading>} size="small">
              <EChart
                height={Math.max(200, cockpit.chapters.length * 36 + 60)}
                label={t('cockpit.chapters')}
                option={chapters}
                onClickItem={() => navigate(`/plans/${planId}/plan`)}
              />
            </Card>
          </Col>
        ) : null}
        {show('worst') ? (
          <Col xs={24} xl={only ? 24 : 12}>
            <Card title={<CardHeading>{t('cockpit.worst')}</CardHeading>} size="small">
              <PlainTable
                rowKey={(r) => `${r.type}:${r.id}`}
                rows={cockpit.worst}
                columns={[
                  { title: t('cockpit.columns.item'), key: 'item', render: (r) => item(r) },
                  { title: t('cockpit.columns.unit'), key: 'unit', render: (r) => r.leadUnit },
                  {
                    title: t('cockpit.columns.reasons'),
                    key: 'reasons',
                    render: (r) => describeReasons(r, t),
                  },
                ]}
              />
            </Card>
          </Col>
        ) : null}
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        {show('units') ? (
          <Col xs={24} xl={only ? 24 : 12}>
            <Card title={<CardHeading>{t('cockpit.units')}</CardHeading>} size="small">
              <PlainTable
                rowKey={(r) => r.unitId}
                rows={cockpit.units.slice(0, 15)}
                columns={[
                  { title: t('cockpit.columns.rank'), key: 'rank', render: (r) => r.rank, width: 64 },
                  { title: t('cockpit.columns.unit'), key: 'name', render: (r) => r.name },
                  { title: t('cockpit.columns.items'), key: 'items', render: (r) => r.items },
                  { title: t('cockpit.columns.behind'), key: 'behind', render: (r) => r.behind },
                  { title: t('cockpit.columns.overdue'), key: 'overdue', render: (r) => r.overdue },
                ]}
              />
            </Card>
          </Col>
        ) : null}
        <Col xs={24} xl={only ? 24 : 12}>
          {show('supervision') ? (
            <Card title={<CardHeading>{t('cockpit.supervision')}</CardHeading>} size="small">
              <List
                size="small"
                dataSource={cockpit.supervision.lines}
                renderItem={(line) => (
                  <List.Item>
                    <Tag color={line.overdue ? 'red' : undefined}>{t(`cockpit.kind.${line.kind}`)}</Tag>
                    {line.item ? item(line.item) : null} {line.unit} {line.dueOn}
                  </List.Item>
                )}
              />
            </Card>
          ) : null}
          {show('requests') ? (
            <Card
              title={<CardHeading>{t('cockpit.requests', { month: cockpit.requests.month })}</CardHeading>}
              size="small"
              style={{ marginTop: 16 }}
            >
              <Row gutter={16}>
                {(['response', 'resolution', 'satisfaction'] as const).map((k) => (
                  <Col span={8} key={k}>
                    <Statistic
                      title={t(`cockpit.rates.${k}`)}
                      value={formatRate(cockpit.requests.rates[k], t)}
                    />
                  </Col>
                ))}
              </Row>
              <Typography.Paragraph style={{ marginTop: 8 }}>
                {cockpit.requests.topic
                  ? t('cockpit.topic', { title: cockpit.requests.topic.title })
                  : t('cockpit.noTopic')}
              </Typography.Paragraph>
            </Card>
          ) : null}
        </Col>
      </Row>
      {only === undefined || only === 'worst' ? (
        <Card
          title={<CardHeading>{t('cockpit.disagreements')}</CardHeading>}
          size="small"
          style={{ marginTop: 16 }}
        >
          {cockpit.disagreements.length === 0 ? (
            <Empty description={t('cockpit.noDisagreement')} />
          ) : (
            <PlainTable
              rowKey={(r) => `${r.type}:${r.id}`}
              rows={cockpit.disagreements}
              columns={[
                { title: t('cockpit.columns.item'), key: 'item', render: (r) => item(r) },
                { title: t('cockpit.columns.unit'), key: 'unit', render: (r) => r.leadUnit },
                {
                  title: t('cockpit.columns.health'),
                  key: 'health',
                  render: (r) => <Tag color={HEALTH_COLORS[r.health]}>{t(`cockpit.health.${r.health}`)}</Tag>,
                },
                {
                  title: t('cockpit.unitLevel'),
                  key: 'unitLevel',
                  render: (r) => (r.unitLevel ? t(`cockpit.level.${r.unitLevel}`) : '—'),
                },
                {
                  title: t('cockpit.independentLevel'),
                  key: 'independent',
                  render: (r) => (r.independentLevel ? t(`cockpit.level.${r.independentLevel}`) : '—'),
                },
              ]}
            />
          )}
        </Card>
      ) : null}
    </div>
  );
}
