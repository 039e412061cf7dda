import { useMemo } from 'react';
import { App, Button, Card, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { usePlanSummary, useSetPlanState, useTargets, useTasks } from '../hooks/use-plan-data';
import { useSession } from '../hooks/use-session';
import { useErrorMessage } from '../hooks/use-error-message';
import { usePlanIdParam } from '../hooks/use-current-plan';
import { useLang } from '../hooks/use-lang';
import { ErrorView, NotFoundView } from '../components/error-view';
import { HeadlineTargets } from '../components/headline-targets';
import { PlanCounts } from '../components/plan-counts';
import { PlanStateTag } from '../components/tags';
import type { TaskState } from '../api/types';
import { formatDateTime } from '../lib/format';
import { useItemHealth } from '../hooks/use-tracking';
import { DashboardHealth } from './dashboard-health';

/** How many headline targets the dashboard shows. */
const HEADLINE_MAX = 12;

/** 总览: headline targets with health, the plan's health, and what the plan holds. */
export default function DashboardPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const planId = usePlanIdParam();
  const summary = usePlanSummary(planId);
  const targets = useTargets(planId ?? 0);
  const tasks = useTasks(planId ?? 0);
  const { message, modal } = App.useApp();
  const errorMessage = useErrorMessage();
  const role = useSession().session?.user.role;
  const canPublish = role === 'admin' || role === 'supervisor';
  const setState = useSetPlanState(planId ?? 0);
  // Health is computed on the server for every item: asked once the headline targets are in,
  // so the first figures are not queued behind it (issue 5: interactive within 1.5 s).
  const healthReady = targets.isSuccess;
  const itemHealth = useItemHealth(healthReady ? (planId ?? 0) : 0);

  const headline = useMemo(() => {
    const items = targets.data?.items ?? [];
    // 主要预期目标 are stated on their own, before the tasks: targets not inside a task first.
    const ordered = [...items].sort(
      (a, b) => Number(a.taskId !== null) - Number(b.taskId !== null) || a.span[0] - b.span[0],
    );
    return ordered.slice(0, HEADLINE_MAX).map((target) => {
      const health = itemHealth.data?.target.get(target.id);
      return {
        target,
        health: health?.health,
        actual: health?.actual ?? undefined,
        expected: health?.expected ?? undefined,
      };
    });
  }, [targets.data, itemHealth.data]);

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
  const publishing = plan.state === 'draft';
  const togglePublished = () =>
    modal.confirm({
      title: publishing ? t('publish.publish') : t('publish.unpublish'),
      content: publishing ? t('publish.confirmPublish') : t('publish.confirmUnpublish'),
      okText: publishing ? t('publish.publish') : t('publish.unpublish'),
      cancelText: t('common.cancel'),
      onOk: () =>
        setState
          .mutateAsync({ state: publishing ? 'published' : 'draft', version: plan.version })
          .then(() => void message.success(publishing ? t('publish.published') : t('publish.unpublished')))
          .catch((error: unknown) => void message.error(errorMessage(error))),
    });

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
          <Typography.Text type="secondary">
            {t('common.asOf', { date: formatDateTime(plan.updatedAt, lang) })}
          </Typography.Text>
        </div>
        {canPublish ? (
          <Button
            type={publishing ? 'primary' : 'default'}
            onClick={togglePublished}
            loading={setState.isPending}
          >
            {publishing ? t('publish.publish') : t('publish.unpublish')}
          </Button>
        ) : null}
      </div>
      <Card title={t('dashboard.headline')}>
        {targets.isError ? (
          <ErrorView error={targets.error} onRetry={() => void targets.refetch()} />
        ) : targets.isPending ? (
          <Spin />
        ) : (
          <HeadlineTargets items={headline} lang={lang} hrefOf={(target) => `${base}/targets/${target.id}`} />
        )}
      </Card>
      {healthReady ? <DashboardHealth plan={plan} lang={lang} signedIn={Boolean(role)} /> : null}
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
    </Space>
  );
}
