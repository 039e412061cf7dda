import { useMemo } from 'react';
import { useAsOf } from '../hooks/use-as-of';
import { AsOfPicker } from '../components/as-of-picker';
import { Card, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePlanSummary, useTargets, useTasks } from '../hooks/use-plan-data';
import { useSession } from '../hooks/use-session';
import { usePlanIdParam } from '../hooks/use-current-plan';
import { useLang } from '../hooks/use-lang';
import { ErrorView, NotFoundView } from '../components/error-view';
import { HeadlineTargetGroups, type HeadlineTarget } from '../components/headline-targets';
import { PlanCounts } from '../components/plan-counts';
import { PlanStateTag } from '../components/tags';
import type { Target, TaskState } from '../api/types';
import { formatDateTime } from '../lib/format';
import { groupHeadlineTargets } from '../lib/headline';
import { useItemHealth } from '../hooks/use-tracking';
import { DashboardHealth } from './dashboard-health';
import { PublishButton } from './publish-button';

/** How many headline targets the dashboard shows, for the plan's year and for each other period. */
const HEADLINE_MAX = 12;

/** 总览: headline targets with health, the plan's health, and what the plan holds. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const planId = usePlanIdParam();
  const summary = usePlanSummary(planId);
  const targets = useTargets(planId ?? 0);
  const tasks = useTasks(planId ?? 0);
  const role = useSession().session?.user.role;
  // Health is computed on the server for every item: asked once the headline targets are in,
  // so the first figures are not queued behind it (issue 5: interactive within 1.5 s).
  const healthReady = targets.isSuccess;
  const asOf = useAsOf(summary.data?.plan);
  const itemHealth = useItemHealth(healthReady ? (planId ?? 0) : 0, asOf);

  const year = summary.data?.plan.year;
  const headline = useMemo(() => {
    if (year === undefined) return undefined;
    const withHealth = (target: Target): HeadlineTarget => {
      const health = itemHealth.data?.target.get(target.id);
      return {
        target,
        health: health?.health,
        actual: health?.actual ?? undefined,
        expected: health?.expected ?? undefined,
      };
    };
    // The plan year's own targets lead; five-year (and other) periods stay apart, collapsed.
    const groups = groupHeadlineTargets(targets.data?.items ?? [], year, HEADLINE_MAX);
    return {
      own: groups.year.map(withHealth),
      others: groups.others.map((group) => ({ ...group, items: group.items.map(withHealth) })),
    };
  }, [targets.data, itemHealth.data, year]);

  const byState = useMemo(() => {
    if (!tasks.data) return undefined;
    const counts: Record<TaskState, number> = { not_started: 0, in_progress: 0, done: 0, closed: 0 };
    for (const task of tasks.data.items) counts[task.state] += 1;
    return counts;
  }, [tasks.data]);

  if (planId === undefined) return <NotFoundView />;
  if (summary.isPending) return <Spin />;
  if (summary.isError) return <ErrorView error={summary.error} onRetry={() => void summary.refetch()} />;
  const { plan } = summary.data;
  const base = `/plans/${plan.id}`;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="dashboard">
      <div
        style={{
          display: 'flex',
          justifyContent: 'space-between',
          alignItems: 'flex-start',
          gap: 16,
          flexWrap: 'wrap',
        }}
      >
        <div>
          <Typography.Title level={2} className="lx-page-title">
            {plan.title} <PlanStateTag state={plan.state} />
          </Typography.Title>
          <Space wrap>
            <Typography.Text type="secondary">
              {t('common.updatedAt', { date: formatDateTime(plan.updatedAt, lang) })}
            </Typography.Text>
            <AsOfPicker plan={plan} lang={lang} />
          </Space>
        </div>
        <PublishButton plan={plan} />
      </div>
      <Card title={t('dashboard.headline')}>
        {targets.isError ? (
          <ErrorView error={targets.error} onRetry={() => void targets.refetch()} />
        ) : targets.isPending || !headline ? (
          <Spin />
        ) : (
          <HeadlineTargetGroups
            year={plan.year}
            own={headline.own}
            others={headline.others}
            lang={lang}
            hrefOf={(target) => `${base}/targets/${target.id}`}
          />
        )}
      </Card>
      {healthReady ? <DashboardHealth plan={plan} lang={lang} signedIn={Boolean(role)} /> : null}
      {/* What the plan holds is the office's inventory: a leader reads health, not counts. */}
      {role === 'leader' ? null : (
        <Card title={t('dashboard.counts')}>
          <PlanCounts
            summary={summary.data}
            byState={byState}
            lang={lang}
            links={{
              targets: `${base}/plan?tab=targets`,
              tasks: `${base}/plan?tab=tasks`,
              projects: `${base}/projects`,
              report: `${base}/report`,
            }}
          />
        </Card>
      )}
    </Space>
  );
}
