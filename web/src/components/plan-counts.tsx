import { Card, Col, Progress, Row, Statistic } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { PlanSummary, TaskState } from '../api/types';
import { formatNumber, formatPercent, type Lang } from '../lib/format';

export interface PlanCountsProps {
  summary: PlanSummary;
  /** Tasks per lifecycle state, when the task list is loaded. */
  byState?: Record<TaskState, number>;
  lang: Lang;
  /** Where each figure clicks through to. */
  links: { targets: string; tasks: string; projects: string; report: string };
}

const STATES: TaskState[] = ['not_started', 'in_progress', 'done', 'closed'];

/** What the plan holds, each figure a link to the list it counts. */
export function PlanCounts({ summary, byState, lang, links }: PlanCountsProps) {
  const { t } = useTranslation();
  const { counts } = summary;
  const figure = (title: string, value: number, to: string) => (
    <Col xs={12} sm={8} lg={4}>
      <Link to={to}>
        <Card size="small" hoverable>
          <Statistic title={title} value={value} formatter={(v) => formatNumber(Number(v), lang)} />
        </Card>
      </Link>
    </Col>
  );
  const assignedRatio = counts.tasks > 0 ? counts.tasksAssigned / counts.tasks : 0;
  return (
    <Row gutter={[16, 16]}>
      {figure(t('dashboard.targets'), counts.targets, links.targets)}
      {figure(t('dashboard.tasks'), counts.tasks, links.tasks)}
      {figure(t('dashboard.projects'), counts.projects, links.projects)}
      {figure(t('dashboard.achievements'), counts.achievements, links.report)}
      {figure(t('dashboard.outline'), counts.outline, links.report)}
      <Col xs={12} sm={8} lg={4}>
        <Link to={links.tasks}>
          <Card size="small" hoverable>
            <Statistic
              title={t('dashboard.assigned')}
              value={`${formatNumber(counts.tasksAssigned, lang)} / ${formatNumber(counts.tasks, lang)}`}
            />
            <Progress
              percent={Math.round(assignedRatio * 100)}
              size="small"
              format={() => formatPercent(assignedRatio, lang)}
              aria-label={t('dashboard.assignedRate')}
            />
          </Card>
        </Link>
      </Col>
      {byState ? (
        <Col xs={24}>
          <Card size="small" title={t('dashboard.byState')}>
            <Row gutter={[16, 8]}>
              {STATES.map((state) => (
                <Col key={state} xs={12} sm={6}>
                  <Link to={`${links.tasks}?state=${state}`}>
                    <Statistic
                      title={t(`taskState.${state}`)}
                      value={byState[state]}
                      formatter={(v) => formatNumber(Number(v), lang)}
                    />
                  </Link>
                </Col>
              ))}
            </Row>
          </Card>
        </Col>
      ) : null}
    </Row>
  );
}
