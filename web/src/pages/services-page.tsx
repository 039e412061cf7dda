import { useState } from 'react';
import { Card, Col, InputNumber, Row, Space, Statistic, Table, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { todayIso } from '../hooks/use-working-plan';
import { useWorkingAsOf } from '../hooks/use-as-of';
import { WorkingAsOfPicker } from '../components/as-of-picker';
import { useLang } from '../hooks/use-lang';
import { Link } from 'react-router';
import type { ServiceOverview } from '../api/library';
import { ErrorView } from '../components/error-view';
import { ToneTag } from '../components/tags';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useServiceOverview } from '../hooks/use-library';
import { useUnits } from '../hooks/use-plan-data';

type Group = ServiceOverview['byUnit'][number];
type Pkg = ServiceOverview['packages'][number];

/** Commitments grouped by unit or 服务管家, by state, with what is overdue. */
function GroupTable({
  groups,
  label,
  name,
}: {
  groups: Group[];
  label: string;
  name: (key: Group['key']) => string;
}) {
  const { t } = useTranslation();
  const state = (s: string) => (g: Group) => g.byState[s] ?? 0;
  return (
    <Table<Group>
      size="small"
      pagination={false}
      rowKey={(g) => String(g.key)}
      dataSource={groups}
      scroll={{ x: true }}
      columns={[
        { title: label, key: 'key', render: (_, g) => name(g.key) },
        { title: t('library.services.total'), dataIndex: 'total', align: 'right' },
        {
          title: t('library.services.open'),
          key: 'open',
          align: 'right',
          render: (_, g) => state('open')(g),
        },
        {
          title: t('library.services.inProgress'),
          key: 'ip',
          align: 'right',
          render: (_, g) => state('in_progress')(g),
        },
        {
          title: t('library.services.delivered'),
          key: 'dl',
          align: 'right',
          render: (_, g) => state('delivered')(g),
        },
        {
          title: t('library.services.confirmed'),
          key: 'cf',
          align: 'right',
          render: (_, g) => state('confirmed')(g),
        },
        {
          title: t('library.services.returned'),
          key: 'rt',
          align: 'right',
          render: (_, g) => state('returned')(g),
        },
        {
          title: t('library.services.overdue'),
          key: 'overdue',
          align: 'right',
          render: (_, g) => (g.overdue > 0 ? <ToneTag tone="red">{g.overdue}</ToneTag> : 0),
        },
      ]}
    />
  );
}

/** 服务包台账: the year's packages with the 兑现 count, by unit and by 服务管家. */
export default function ServicesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('library.services.title'));
  const lang = useLang();
  // Counted as the plan's tab reads it (a past plan: its year's end), that date's year first.
  const asOf = useWorkingAsOf();
  const [chosenYear, setYear] = useState<number | undefined>();
  const year = chosenYear ?? Number((asOf ?? todayIso()).slice(0, 4));
  const overview = useServiceOverview(year, asOf);
  const units = useUnits();
  const unitName = (key: Group['key']) => units.data?.find((u) => u.id === Number(key))?.name ?? '—';
  if (overview.isError) return <ErrorView error={overview.error} onRetry={() => void overview.refetch()} />;
  const o = overview.data;
  return (
    <Card loading={overview.isLoading}>
      <Typography.Title level={2} className="lx-page-title">
        {t('library.services.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('library.services.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        <WorkingAsOfPicker lang={lang} />
        <label htmlFor="services-year">{t('library.services.year')}</label>
        <InputNumber
          id="services-year"
          min={2000}
          max={2100}
          precision={0}
          value={year}
          onChange={(v) => v && setYear(v)}
        />
      </Space>
      {o ? (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col xs={12} md={6}>
              <Statistic title={t('library.services.packages')} value={o.fulfilment.packages} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('library.services.fulfilled')} value={o.fulfilment.fulfilled} />
            </Col>
            <Col xs={12} md={6}>
              <Statistic
                title={t('library.services.confirmed')}
                value={o.fulfilment.confirmed}
                suffix={`/ ${o.fulfilment.commitments}`}
              />
            </Col>
            <Col xs={12} md={6}>
              <Statistic title={t('library.services.overdue')} value={o.fulfilment.overdue} />
            </Col>
          </Row>
          <Tabs
            items={[
              {
                key: 'packages',
                label: t('library.services.packages'),
                children: (
                  <Table<Pkg>
                    size="small"
                    rowKey="id"
                    dataSource={o.packages}
                    locale={{ emptyText: t('library.services.empty') }}
                    scroll={{ x: true }}
                    columns={[
                      {
                        title: t('library.services.holder'),
                        key: 'holder',
                        render: (_, p) =>
                          p.holder.kind === 'enterprise' ? (
                            <Link to={`/services/enterprises/${p.holder.id}`}>{p.holder.name}</Link>
                          ) : (
                            p.holder.name
                          ),
                      },
                      {
                        title: '',
                        key: 'kind',
                        render: (_, p) =>
                          t(
                            p.holder.kind === 'enterprise'
                              ? 'library.services.enterprise'
                              : 'library.services.talent',
                          ),
                      },
                      { title: t('library.services.butler'), dataIndex: 'butler' },
                      { title: t('library.services.commitments'), dataIndex: 'commitments', align: 'right' },
                      { title: t('library.services.confirmed'), dataIndex: 'confirmed', align: 'right' },
                      { title: t('library.services.overdue'), dataIndex: 'overdue', align: 'right' },
                      {
                        title: t('library.services.fulfilled'),
                        key: 'fulfilled',
                        render: (_, p) => (
                          <ToneTag tone={p.fulfilled ? 'green' : 'grey'}>
                            {t(p.fulfilled ? 'library.services.yes' : 'library.services.no')}
                          </ToneTag>
                        ),
                      },
                    ]}
                  />
                ),
              },
              {
                key: 'unit',
                label: t('library.services.byUnit'),
                children: <GroupTable groups={o.byUnit} label={t('library.services.unit')} name={unitName} />,
              },
              {
                key: 'butler',
                label: t('library.services.byButler'),
                children: (
                  <GroupTable
                    groups={o.byButler}
                    label={t('library.services.butler')}
                    name={(k) => String(k)}
                  />
                ),
              },
            ]}
          />
        </>
      ) : null}
    </Card>
  );
}
