import { lazy, Suspense, useMemo, useState } from 'react';
import { useAsOf } from '../hooks/use-as-of';
import { Card, Col, Drawer, Row, Spin } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { trackingApi, type ItemHealth } from '../api/tracking';
import type { Health, Plan } from '../api/types';
import { ErrorView } from '../components/error-view';
import {
  ChapterHealthTable,
  ExplainView,
  LaggingList,
  PlanHealthSummary,
  UnitRanking,
} from '../components/health-panels';
import { useOutline, useProjectLists, useTargets, useTasks, useUnits } from '../hooks/use-plan-data';
import {
  useExplain,
  useItemHealth,
  usePeriods,
  usePlanHealth,
  useReports,
  trackingKeys,
} from '../hooks/use-tracking';
import { todayIso } from '../hooks/use-working-plan';
import { laggingItems, outlineHealthMap, outlineIdOf, rankUnits } from '../lib/health';
import type { Lang } from '../lib/format';
import { taskTitle } from '../lib/task-title';

// ECharts loads with the chart, after the dashboard's figures are on screen.
const HealthTrendChart = lazy(() => import('../components/health-trend-chart'));

/**
 * The dashboard's health (issue 4): overall progress against expected, chapters and sections,
 * the items behind and why, units ranked, the monthly trend. Every figure opens what it is
 * made of (the explain endpoint, or the items behind a count).
 */
export function DashboardHealth({ plan, lang, signedIn }: { plan: Plan; lang: Lang; signedIn: boolean }) {
  const { t } = useTranslation();
  const id = plan.id;
  const base = `/plans/${id}`;
  const asOf = useAsOf(plan);
  const health = usePlanHealth(id, asOf);
  const items = useItemHealth(id, asOf);
  const outline = useOutline(id);
  const lists = useProjectLists(id);
  const tasks = useTasks(id);
  const targets = useTargets(id);
  const reports = useReports(signedIn ? id : 0);
  const periods = usePeriods(signedIn ? id : 0);
  const units = useUnits(signedIn);
  const [explainId, setExplainId] = useState<string | undefined>();
  const [countFilter, setCountFilter] = useState<{ type: 'task' | 'target'; health: Health } | undefined>();
  const explain = useExplain(id, explainId);
  const today = todayIso();
  // One request: the server judges the plan at every month end of its year up to today.
  const trend = useQuery({
    queryKey: [...trackingKeys.all(id), 'trend'],
    queryFn: () => trackingApi.healthTrend(id),
    // After the plan's own health, so the first figures are not queued behind it.
    enabled: health.isSuccess,
  });

  const taskText = useMemo(
    () => new Map((tasks.data?.items ?? []).map((x) => [x.id, taskTitle(x.text)])),
    [tasks.data],
  );
  const targetText = useMemo(
    () => new Map((targets.data?.items ?? []).map((x) => [x.id, `${x.metric} ${x.value}${x.unit}`])),
    [targets.data],
  );
  const listName = useMemo(
    () =>
      new Map((lists.data ?? []).map((l) => [l.id, l.count === null ? l.stage : `${l.stage}（${l.count}）`])),
    [lists.data],
  );
  const nodeTitle = useMemo(() => new Map((outline.data ?? []).map((n) => [n.id, n.title])), [outline.data]);
  const unitName = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u.name])), [units.data]);
  const outlineHealth = useMemo(() => outlineHealthMap(health.data?.outline ?? []), [health.data]);
  const lagging = useMemo(() => laggingItems(items.data?.items ?? []), [items.data]);
  const ranking = useMemo(() => {
    if (!items.data || !tasks.data || !targets.data) return [];
    const owned = [
      ...tasks.data.items.map((x) => ({ type: 'task' as const, id: x.id, leadUnitId: x.leadUnitId })),
      ...targets.data.items.map((x) => ({ type: 'target' as const, id: x.id, leadUnitId: x.leadUnitId })),
    ];
    return rankUnits(owned, items.data, reports.data?.items ?? [], periods.data?.items ?? [], today);
  }, [items.data, tasks.data, targets.data, reports.data, periods.data, today]);

  const labelOf = (item: ItemHealth) =>
    item.type === 'task'
      ? { text: taskText.get(item.id) ?? `#${item.id}`, href: `${base}/tasks/${item.id}` }
      : item.type === 'target'
        ? { text: targetText.get(item.id) ?? `#${item.id}`, href: `${base}/targets/${item.id}` }
        : {
            text: `${t('dashboard.projectLists')} · ${listName.get(item.id) ?? `#${item.id}`}`,
            href: `${base}/projects`,
          };
  const explainLabel = (nodeId: string) => {
    const task = /^task:(\d+)$/.exec(nodeId);
    if (task) return taskText.get(Number(task[1])) ?? nodeId;
    const target = /^target:(\d+)$/.exec(nodeId);
    if (target) return targetText.get(Number(target[1])) ?? nodeId;
    const node = outlineIdOf(nodeId.replace(/^outline:/, ''));
    return node !== undefined ? (nodeTitle.get(node) ?? nodeId) : nodeId;
  };

  if (health.isError) return <ErrorView error={health.error} onRetry={() => void health.refetch()} />;
  if (health.isPending) return <Spin />;

  const points = (trend.data?.items ?? []).map((point) => ({
    date: point.asOf,
    progress: point.plan.progress,
    expected: point.plan.expected,
    behind: point.counts.tasks.behind,
    atRisk: point.counts.tasks.at_risk,
  }));
  const counted = countFilter
    ? (items.data?.items ?? []).filter((i) => i.type === countFilter.type && i.health === countFilter.health)
    : [];

  return (
    <>
      <Card title={`${t('healthView.title')} · ${t('healthView.asOf', { date: health.data.asOf })}`}>
        <PlanHealthSummary
          plan={health.data.plan}
          counts={health.data.counts}
          lang={lang}
          onExplain={() => setExplainId('plan')}
          onCount={(type, h) => setCountFilter({ type, health: h })}
        />
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card title={t('healthView.chapters')}>
            <ChapterHealthTable
              nodes={outline.data ?? []}
              health={outlineHealth}
              lang={lang}
              onExplain={(nodeId) => setExplainId(`outline:${nodeId}`)}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('healthView.trend')}>
            {trend.isError ? (
              <ErrorView error={trend.error} onRetry={() => void trend.refetch()} />
            ) : trend.isPending ? (
              <Spin />
            ) : (
              <Suspense fallback={<Spin />}>
                <HealthTrendChart points={points} lang={lang} onClickPoint={() => setExplainId('plan')} />
              </Suspense>
            )}
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Card title={`${t('healthView.behind')} (${lagging.length})`}>
            <LaggingList items={lagging} labelOf={labelOf} lang={lang} pageSize={6} />
          </Card>
        </Col>
        {signedIn ? (
          <Col xs={24} xl={10}>
            <Card title={t('healthView.units')}>
              <UnitRanking
                rows={ranking}
                unitName={(unitId) => unitName.get(unitId) ?? `#${unitId}`}
                lang={lang}
                hrefOf={(unitId) => `${base}/plan?tab=tasks&unit=${unitId}`}
              />
            </Card>
          </Col>
        ) : null}
      </Row>
      <Drawer
        open={explainId !== undefined}
        onClose={() => setExplainId(undefined)}
        title={`${t('healthView.explain')} · ${explainId === 'plan' ? plan.title : explainLabel(explainId ?? '')}`}
        size="large"
      >
        {explain.isError ? (
          <ErrorView error={explain.error} />
        ) : explain.data ? (
          <ExplainView answer={explain.data} lang={lang} labelOf={explainLabel} />
        ) : (
          <Spin />
        )}
      </Drawer>
      <Drawer
        open={countFilter !== undefined}
        onClose={() => setCountFilter(undefined)}
        title={
          countFilter
            ? `${t(`kind.${countFilter.type}`)} · ${t(`health.${countFilter.health}`)} (${counted.length})`
            : ''
        }
        size="large"
      >
        <LaggingList items={counted} labelOf={labelOf} lang={lang} />
      </Drawer>
    </>
  );
}
