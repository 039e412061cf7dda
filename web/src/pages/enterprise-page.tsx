import { Alert, Card, Descriptions, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { EnterpriseDetail } from '../api/library';
import { isApiError } from '../api/client';
import { ErrorView } from '../components/error-view';
import { ToneTag } from '../components/tags';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useEnterprise } from '../hooks/use-library';
import { useUnits } from '../hooks/use-plan-data';
import { formatDateTime } from '../lib/format';
import { useLang } from '../hooks/use-lang';

type Commitment = EnterpriseDetail['packages'][number]['commitments'][number];

/** An enterprise: its record, its 服务包 by year with their commitments, its requests and projects. */
export default function EnterprisePage() {
  const { t } = useTranslation();
  const lang = useLang();
  const id = Number(useParams().enterpriseId);
  const detail = useEnterprise(Number.isInteger(id) ? id : 0);
  const units = useUnits();
  const unitName = (uid: number | null) => units.data?.find((u) => u.id === uid)?.name ?? '—';
  useDocumentTitle(detail.data?.enterprise.name ?? t('library.services.title'));
  if (detail.isError)
    return isApiError(detail.error) && detail.error.status === 404 ? (
      <Alert type="warning" showIcon title={t('library.project.notFound')} />
    ) : (
      <ErrorView error={detail.error} onRetry={() => void detail.refetch()} />
    );
  const d = detail.data;
  if (!d) return <Card loading />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Card>
        <Link to="/services">{t('library.services.title')}</Link>
        <Typography.Title level={2} className="lx-page-title">
          {d.enterprise.name}
        </Typography.Title>
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('library.enterprise.creditCode')}>
            {d.enterprise.creditCode}
          </Descriptions.Item>
          <Descriptions.Item label={t('library.enterprise.industry')}>
            {d.enterprise.industry || '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('library.enterprise.address')}>
            {d.enterprise.address || '—'}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      {d.packages.map((p) => (
        <Card key={p.id} title={t('library.enterprise.package', { year: p.year, butler: p.butler })}>
          <Table<Commitment>
            size="small"
            pagination={false}
            rowKey="id"
            dataSource={p.commitments}
            scroll={{ x: true }}
            columns={[
              { title: t('library.enterprise.title'), dataIndex: 'title' },
              {
                title: t('library.enterprise.kind'),
                key: 'kind',
                render: (_, c) => t(`library.commitmentKind.${c.kind}`),
              },
              {
                title: t('library.services.unit'),
                key: 'unit',
                render: (_, c) => unitName(c.responsibleUnitId),
              },
              { title: t('library.enterprise.dueOn'), dataIndex: 'dueOn' },
              {
                title: t('library.enterprise.state'),
                key: 'state',
                render: (_, c) => (
                  <ToneTag tone={c.state === 'confirmed' ? 'green' : c.overdue ? 'red' : 'blue'}>
                    {t(`library.commitmentState.${c.state}`)}
                  </ToneTag>
                ),
              },
            ]}
          />
        </Card>
      ))}
      <Card title={t('library.enterprise.requests')}>
        <Table
          size="small"
          pagination={false}
          rowKey="id"
          dataSource={d.requests}
          locale={{ emptyText: t('library.enterprise.noRequests') }}
          columns={[
            { title: t('library.enterprise.requestText'), dataIndex: 'text' },
            { title: t('library.enterprise.category'), dataIndex: 'category' },
            {
              title: t('library.enterprise.receivedAt'),
              key: 'at',
              render: (_, r: EnterpriseDetail['requests'][number]) => formatDateTime(r.receivedAt, lang),
            },
            {
              title: t('library.enterprise.status'),
              key: 'status',
              render: (_, r: EnterpriseDetail['requests'][number]) => t(`library.requestStatus.${r.status}`),
            },
          ]}
        />
      </Card>
      {d.projects.length > 0 ? (
        <Card title={t('library.enterprise.projects')}>
          <ul className="lx-plain-list">
            {d.projects.map((p) => (
              <li key={p.id}>
                <Link to={`/library/projects/${p.id}`}>{p.name}</Link>（{p.stage}）
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
    </Space>
  );
}
