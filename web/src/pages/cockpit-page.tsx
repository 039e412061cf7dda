import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, List, Row, Spin, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { usePlanIdParam } from '../hooks/use-current-plan';
import { useDocumentTitle } from '../hooks/use-document-title';
import { ErrorView } from '../components/error-view';
import EChart from '../components/echart';
import { promisesApi, type Cockpit } from '../api/promises';
import {
  chaptersOption,
  describeReasons,
  formatRate,
  HEALTH_COLORS,
  itemPath,
  trajectoryOption,
} from '../lib/cockpit';

export const cockpitKey = (planId: number) => ['cockpit', planId] as const;

/** 驾驶舱: one screen for the leader; every element drills down to its item. */
export default function CockpitPage() {
  const { t } = useTranslation();
  const planId = usePlanIdParam() ?? 0;
  const cockpit = useQuery({
    queryKey: cockpitKey(planId),
    queryFn: () => promisesApi.cockpit(planId),
    enabled: planId > 0,
  });
  useDocumentTitle(t('cockpit.title'));
  if (cockpit.error) return <ErrorView error={cockpit.error} />;
  if (!cockpit.data) return <Spin />;
  return <CockpitView cockpit={cockpit.data} />;
}

/** The cockpit's elements for a loaded cockpit (also drawn by tests with a fixture). */
export function CockpitView({ cockpit }: { cockpit: Cockpit }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const planId = cockpit.planId;
  const tasks = Object.values(cockpit.totals.tasks).reduce((a, b) => a + b, 0);
  const chapters = useMemo(() => chaptersOption(cockpit.chapters, t), [cockpit.chapters, t]);
  const item = (r: { type: 'task' | 'target'; id: number; title: string }) => (
    <Link to={itemPath(planId, r)}>{r.title}</Link>
  );
  return (
    <div className="lx-cockpit">
      <Typography.Title level={3}>
        {cockpit.title} · {t('cockpit.title')}
      </Typography.Title>
      <Typography.Text type="secondary">{t('cockpit.asOf', { date: cockpit.asOf })}</Typography.Text>
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
      <Card title={t('cockpit.headline')} size="small" style={{ marginTop: 16 }}>
        <Row gutter={[16, 16]}>
          {cockpit.headline.map((target) => (
            <Col xs={24} md={12} xl={6} key={target.id}>
              <EChart
                height={220}
                label={target.promise}
                option={trajectoryOption(target, t)}
                onClickItem={() => navigate(itemPath(planId, { type: 'target', id: target.id }))}
              />
              <Link to={itemPath(planId, { type: 'target', id: target.id })}>{target.promise}</Link>
            </Col>
          ))}
        </Row>
      </Card>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={12}>
          <Card title={t('cockpit.chapters')} size="small">
            <EChart
              height={Math.max(200, cockpit.chapters.length * 36 + 60)}
              label={t('cockpit.chapters')}
              option={chapters}
              onClickItem={() => navigate(`/plans/${planId}/plan`)}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('cockpit.worst')} size="small">
            <Table
              size="small"
              pagination={false}
              rowKey={(r) => `${r.type}:${r.id}`}
              dataSource={cockpit.worst}
              columns={[
                { title: t('cockpit.columns.item'), key: 'item', render: (_, r) => item(r) },
                { title: t('cockpit.columns.unit'), dataIndex: 'leadUnit' },
                {
                  title: t('cockpit.columns.reasons'),
                  key: 'reasons',
                  render: (_, r) => describeReasons(r, t),
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]} style={{ marginTop: 16 }}>
        <Col xs={24} xl={12}>
          <Card title={t('cockpit.units')} size="small">
            <Table
              size="small"
              pagination={false}
              rowKey="unitId"
              dataSource={cockpit.units.slice(0, 15)}
              columns={[
                { title: t('cockpit.columns.rank'), dataIndex: 'rank', width: 64 },
                { title: t('cockpit.columns.unit'), dataIndex: 'name' },
                { title: t('cockpit.columns.items'), dataIndex: 'items' },
                { title: t('cockpit.columns.behind'), dataIndex: 'behind' },
                { title: t('cockpit.columns.overdue'), dataIndex: 'overdue' },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title={t('cockpit.supervision')} size="small">
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
          <Card
            title={t('cockpit.requests', { month: cockpit.requests.month })}
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
        </Col>
      </Row>
      <Card title={t('cockpit.disagreements')} size="small" style={{ marginTop: 16 }}>
        {cockpit.disagreements.length === 0 ? (
          <Empty description={t('cockpit.noDisagreement')} />
        ) : (
          <Table
            size="small"
            pagination={false}
            rowKey={(r) => `${r.type}:${r.id}`}
            dataSource={cockpit.disagreements}
            columns={[
              { title: t('cockpit.columns.item'), key: 'item', render: (_, r) => item(r) },
              { title: t('cockpit.columns.unit'), dataIndex: 'leadUnit' },
              {
                title: t('cockpit.columns.health'),
                key: 'health',
                render: (_, r) => (
                  <Tag color={HEALTH_COLORS[r.health]}>{t(`cockpit.health.${r.health}`)}</Tag>
                ),
              },
              {
                title: t('cockpit.unitLevel'),
                key: 'unit',
                render: (_, r) => (r.unitLevel ? t(`cockpit.level.${r.unitLevel}`) : '—'),
              },
              {
                title: t('cockpit.independentLevel'),
                key: 'independent',
                render: (_, r) => (r.independentLevel ? t(`cockpit.level.${r.independentLevel}`) : '—'),
              },
            ]}
          />
        )}
      </Card>
    </div>
  );
}
