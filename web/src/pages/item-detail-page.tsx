import { useCallback, useEffect, useMemo } from 'react';
import { Breadcrumb, Card, Col, Row, Space, Spin, Steps, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { usePlanIdParam } from '../hooks/use-current-plan';
import {
  usePlanSummary,
  usePlanText,
  useProject,
  useTarget,
  useTask,
  useUnits,
} from '../hooks/use-plan-data';
import { useLang } from '../hooks/use-lang';
import { useSession } from '../hooks/use-session';
import { ErrorView, NotFoundView } from '../components/error-view';
import { ItemSummary, type AnyItem } from '../components/item-summary';
import { SourceContext } from '../components/source-context';
import { deskApi } from '../api/desk';
import { PROJECT_STAGES, type Project, type Target, type Task } from '../api/types';
import { periodEndOf } from '../lib/item-trend';
import { taskTitle } from '../lib/task-title';
import { formatDate, type Lang } from '../lib/format';
import { stageIndex } from '../lib/projects';
import { FollowButton } from './follow-button';
import { ItemTracking } from './item-tracking';
import { TaskRequests } from './requests/task-requests';
import { TargetCascadePanel } from './target-cascade';
import { TaskCascadePanel } from './task-cascade';
import { VerdictPanel } from './verdict-panel';
import { ConfidencePanel } from './confidence-panel';
import { BaselinePanel } from './baseline-panel';

type Kind = 'task' | 'target' | 'project';

function useItem(kind: Kind, planId: number, id: number) {
  // All three hooks run (rules of hooks); only the one asked for is enabled by its key.
  const task = useTask(kind === 'task' ? planId : 0, kind === 'task' ? id : 0);
  const target = useTarget(kind === 'target' ? planId : 0, kind === 'target' ? id : 0);
  const project = useProject(kind === 'project' ? planId : 0, kind === 'project' ? id : 0);
  return kind === 'task' ? task : kind === 'target' ? target : project;
}

function ProjectPipeline({ project, lang }: { project: Project; lang: Lang }) {
  const { t } = useTranslation();
  const current = stageIndex(project.currentStage);
  return (
    <Steps
      current={current}
      items={PROJECT_STAGES.map((stage) => {
        const date = project.stageDates[stage];
        return {
          title: stage,
          content: date
            ? t('detail.reachedOn', { date: formatDate(date, lang) })
            : stageIndex(stage) <= current
              ? undefined
              : t('detail.notReached'),
        };
      })}
    />
  );
}

/** A task, target or project: its source sentence in context, its facts and owners. */
export default function ItemDetailPage({ kind }: { kind: Kind }) {
  const { t } = useTranslation();
  const lang = useLang();
  const planId = usePlanIdParam() ?? 0;
  const itemId = Number(useParams().itemId);
  const valid = planId > 0 && Number.isInteger(itemId) && itemId > 0;
  const query = useItem(kind, valid ? planId : 0, valid ? itemId : 0);
  const text = usePlanText(planId);
  const summary = usePlanSummary(valid ? planId : undefined);
  const user = useSession().session?.user;
  const signedIn = user !== undefined;
  // The plan office (admin, 督查室) gives the public verdict.
  const office = user?.role === 'admin' || user?.role === 'supervisor';
  // A unit's person opened a task: notices held for it stay with them (named handler first).
  const reporter = user?.role === 'reporter';
  useEffect(() => {
    if (kind === 'task' && valid && reporter) void deskApi.seen('task', itemId).catch(() => undefined);
  }, [kind, valid, reporter, itemId]);
  const units = useUnits();
  const unitMap = useMemo(() => new Map((units.data ?? []).map((unit) => [unit.id, unit])), [units.data]);
  const unitName = useCallback((id: number) => unitMap.get(id)?.name, [unitMap]);

  if (!valid) return <NotFoundView />;
  if (query.isError) return <ErrorView error={query.error} onRetry={() => void query.refetch()} />;
  if (query.isPending) return <Spin />;
  const item = query.data;
  const entry = { kind, item } as AnyItem;
  const title =
    kind === 'target'
      ? (item as { metric: string }).metric
      : kind === 'project'
        ? (item as Project).name
        : taskTitle((item as { text: string }).text);
  const sentence = 'sentence' in item ? item.sentence : 'text' in item ? item.text : undefined;

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Breadcrumb
          items={[
            { title: <Link to={`/plans/${planId}/plan`}>{t('nav.plan')}</Link> },
            {
              title: (
                <Link to={`/plans/${planId}/${kind === 'project' ? 'projects' : `plan?tab=${kind}s`}`}>
                  {t(`kind.${kind}`)}
                </Link>
              ),
            },
            { title },
          ]}
        />
      </Col>
      <Col xs={24} lg={14}>
        <Card
          title={
            <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
              {title}
            </Typography.Title>
          }
          extra={
            <Space wrap>
              {kind !== 'project' && signedIn ? (
                <FollowButton planId={planId} type={kind} id={item.id} />
              ) : null}
              <Link to={`/plans/${planId}/report?focus=${kind}:${item.id}`}>{t('detail.inReport')}</Link>
            </Space>
          }
        >
          <Typography.Title level={3} style={{ fontSize: 16 }}>
            {t('detail.context')}
          </Typography.Title>
          <SourceContext text={text.data} span={item.span} sentence={sentence} />
          {kind === 'project' ? (
            <>
              <Typography.Title level={3} style={{ fontSize: 16 }}>
                {t('detail.pipeline')}
              </Typography.Title>
              <ProjectPipeline project={item as Project} lang={lang} />
            </>
          ) : null}
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title={kind === 'project' ? t('detail.facts') : t('detail.owners')}>
          <ItemSummary entry={entry} lang={lang} units={unitMap} />
        </Card>
      </Col>
      <ItemTracking
        kind={kind}
        planId={planId}
        itemId={item.id}
        lang={lang}
        plan={summary.data?.plan}
        deadline={
          kind === 'target'
            ? ((item as Target).deadline ?? periodEndOf((item as Target).period))
            : 'deadline' in item
              ? (item.deadline ?? null)
              : null
        }
        goal={kind === 'task' ? 100 : kind === 'target' ? (item as Target).value : null}
        unitName={unitName}
      />
      {kind === 'task' ? (
        <Col span={24}>
          <TaskRequests taskId={item.id} />
        </Col>
      ) : null}
      {kind === 'task' ? <TaskCascadePanel task={item as Task} /> : null}
      {kind === 'target' ? <TargetCascadePanel target={item as Target} lang={lang} /> : null}
      {kind !== 'project' && signedIn ? (
        <Col xs={24} lg={12}>
          <BaselinePanel planId={planId} type={kind} id={item.id} office={office} />
        </Col>
      ) : null}
      {kind !== 'project' && signedIn ? (
        <Col xs={24} lg={12}>
          <ConfidencePanel
            planId={planId}
            type={kind}
            id={item.id}
            gives={
              office
                ? 'independent'
                : user?.role === 'reporter' &&
                    'leadUnitId' in item &&
                    item.leadUnitId !== null &&
                    user.unitIds.includes(item.leadUnitId)
                  ? 'lead_unit'
                  : null
            }
          />
        </Col>
      ) : null}
      {kind !== 'project' && office ? (
        <Col xs={24} lg={12}>
          <VerdictPanel planId={planId} type={kind} id={item.id} />
        </Col>
      ) : null}
    </Row>
  );
}
