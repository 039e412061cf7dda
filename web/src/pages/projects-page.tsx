import { useMemo } from 'react';
import { Card, Col, Progress, Row, Space, Spin, Statistic, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { usePlanIdParam } from '../hooks/use-current-plan';
import { useProjectLists, useProjects } from '../hooks/use-plan-data';
import { useLang } from '../hooks/use-lang';
import { ErrorView, NotFoundView } from '../components/error-view';
import ProjectPipelineChart from '../components/project-pipeline-chart';
import { ToneTag } from '../components/tags';
import { PROJECT_STAGES } from '../api/types';
import { deriveListProgress, deriveStageTotals, sortListProgress } from '../lib/projects';
import { formatNumber } from '../lib/format';

/** 项目: each list's pipeline by stage, and the count reached against the count promised. */
export default function ProjectsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const planId = usePlanIdParam() ?? 0;
  const lists = useProjectLists(planId);
  const projects = useProjects(planId);
  const progress = useMemo(
    () => sortListProgress(deriveListProgress(lists.data ?? [], projects.data?.items ?? [])),
    [lists.data, projects.data],
  );
  const totals = useMemo(() => deriveStageTotals(progress), [progress]);

  if (!planId) return <NotFoundView />;
  const error = lists.error ?? projects.error;
  if (error)
    return (
      <ErrorView error={error} onRetry={() => void Promise.all([lists.refetch(), projects.refetch()])} />
    );
  if (lists.isPending || projects.isPending) return <Spin />;

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card
        title={
          <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
            {t('projects.title')}
          </Typography.Title>
        }
      >
        {totals.length > 0 ? (
          <ProjectPipelineChart totals={totals} />
        ) : (
          <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>
        )}
      </Card>
      <Row gutter={[16, 16]}>
        {progress.map((entry) => {
          const ratio = entry.promised > 0 ? entry.reached / entry.promised : 0;
          return (
            <Col key={entry.list.id} xs={24} lg={12}>
              <Card
                size="small"
                title={t('projects.listTitle', { stage: entry.list.stage })}
                extra={
                  <Space size={4}>
                    <ToneTag tone={entry.list.kind === 'target' ? 'blue' : 'green'}>
                      {t(`kind.${entry.list.kind}`)}
                    </ToneTag>
                    <Tag>{entry.stage}</Tag>
                  </Space>
                }
              >
                <Row gutter={16}>
                  <Col span={12}>
                    <Statistic
                      title={`${t('projects.reached')} / ${t('projects.promised')}`}
                      value={`${formatNumber(entry.reached, lang)} / ${formatNumber(entry.promised, lang)}`}
                    />
                    {entry.list.count === null ? (
                      <Typography.Text type="secondary">{t('projects.noCount')}</Typography.Text>
                    ) : null}
                  </Col>
                  <Col span={12}>
                    <Progress
                      type="circle"
                      size={72}
                      percent={Math.round(ratio * 100)}
                      aria-label={`${t('projects.reached')} / ${t('projects.promised')}`}
                    />
                  </Col>
                </Row>
                <Typography.Title level={3} style={{ fontSize: 14, marginTop: 12 }}>
                  {t('projects.pipeline')}
                </Typography.Title>
                <Space wrap>
                  {PROJECT_STAGES.map((stage) => (
                    <Tag key={stage} color={stage === entry.stage ? 'blue' : undefined}>
                      {stage} {formatNumber(entry.byStage[stage], lang)}
                    </Tag>
                  ))}
                </Space>
                <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }}>
                  {entry.projects.map((project, index) => (
                    <span key={project.id}>
                      {index > 0 ? '、' : ''}
                      <Link to={`/plans/${planId}/projects/${project.id}`}>{project.name}</Link>
                    </span>
                  ))}
                </Typography.Paragraph>
              </Card>
            </Col>
          );
        })}
      </Row>
    </Space>
  );
}
