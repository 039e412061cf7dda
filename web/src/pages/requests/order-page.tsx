import { Breadcrumb, Card, Col, Descriptions, Row, Spin, Table, Typography } from 'antd';
import { formatOrderNumber } from '../../lib/order-number';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import {
  ContactView,
  Countdown,
  EventTimeline,
  OrderStatusTag,
  useNow,
} from '../../components/requests/order-bits';
import { OrderMedia } from '../../components/requests/order-media';
import { RepeatCallsPanel } from '../../components/requests/repeat-calls';
import { OrderTransferPanel } from '../../components/requests/order-transfer';
import { useSession } from '../../hooks/use-session';
import { ErrorView, NotFoundView } from '../../components/error-view';
import { requestsMediaApi } from '../../api/requests-media';
import { useMediaAccess, useOrder, useOrderEvents, useUnitMap } from '../../hooks/use-requests';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useLang } from '../../hooks/use-lang';
import { formatDateTime } from '../../lib/format';

/** One order: its facts, media, deadlines, follow-ups and the whole history of events. */
export default function OrderPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const now = useNow();
  const id = Number(useParams().orderId);
  const valid = Number.isInteger(id) && id > 0;
  const order = useOrder(valid ? id : 0);
  const events = useOrderEvents(valid ? id : 0);
  const units = useUnitMap();
  const role = useSession().session?.user.role;
  const centre = role === 'admin' || role === 'supervisor';
  // The public view of an order lists pictures only (derivePublicOrder); HEAD says which the caller may open.
  const media = order.data?.media ?? [];
  const mediaAccess = useMediaAccess(
    valid ? id : 0,
    media.map((m) => m.ref),
  );
  useDocumentTitle(t('requests.detail.title', { no: formatOrderNumber(id, order.data?.receivedAt) }));
  if (!valid) return <NotFoundView />;
  if (order.isError) return <ErrorView error={order.error} onRetry={() => void order.refetch()} />;
  if (order.isPending) return <Spin />;
  const o = order.data;
  const unit = (unitId: number | null) =>
    unitId === null ? t('requests.common.noUnit') : (units.get(unitId)?.name ?? `#${unitId}`);
  const open = o.status === 'dispatched' || o.status === 'signed' || o.status === 'objecting';

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>
        <Breadcrumb
          items={[
            { title: <Link to="/requests/dispatch">{t('requests.nav.group')}</Link> },
            { title: `${t('requests.common.orderNo')} ${formatOrderNumber(o.id, o.receivedAt)}` },
          ]}
        />
      </Col>
      <Col xs={24} lg={14}>
        <Card
          title={
            <Typography.Title level={2} style={{ margin: 0, fontSize: 20 }}>
              {t('requests.detail.title', { no: formatOrderNumber(o.id, o.receivedAt) })}{' '}
              <OrderStatusTag status={o.status} />
            </Typography.Title>
          }
        >
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid="order-text">
            {o.text}
          </Typography.Paragraph>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'category', label: t('requests.common.category'), children: o.category },
              {
                key: 'source',
                label: t('requests.common.source'),
                children: t(`requests.source.${o.source}`),
              },
              {
                key: 'location',
                label: t('requests.common.location'),
                children: [o.location.area, o.location.community, o.location.gridCell, o.location.address]
                  .filter(Boolean)
                  .join(' · '),
              },
              {
                key: 'received',
                label: t('requests.common.receivedAt'),
                children: formatDateTime(o.receivedAt, lang),
              },
              { key: 'lead', label: t('requests.common.leadUnit'), children: unit(o.leadUnitId) },
              {
                key: 'co',
                label: t('requests.common.coUnits'),
                children: o.coUnits.length ? o.coUnits.map((c) => unit(c.unitId)).join('、') : '—',
              },
              {
                key: 'privacy',
                label: t('requests.detail.privacy'),
                children:
                  [
                    o.privacy.anonymousToPublic ? t('requests.detail.anonymousToPublic') : '',
                    o.privacy.anonymousToUnit ? t('requests.detail.anonymousToUnit') : '',
                  ]
                    .filter(Boolean)
                    .join('、') || '—',
              },
              { key: 'reopen', label: t('requests.detail.reopenCount'), children: o.reopenCount },
            ]}
          />
          {media.length ? (
            <>
              <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
                {t('requests.detail.media')}
              </Typography.Title>
              <OrderMedia
                media={media}
                urlOf={(ref) => requestsMediaApi.mediaUrl(o.id, ref)}
                access={mediaAccess}
                lang={lang}
              />
            </>
          ) : null}
          <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
            {t('requests.intake.contact')}
          </Typography.Title>
          <ContactView order={o} />
          <RepeatCallsPanel order={o} lang={lang} canAct={centre} />
          <OrderTransferPanel order={o} lang={lang} canAct={centre} />
          {o.deadlines ? (
            <>
              <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
                {t('requests.detail.deadlines')}
              </Typography.Title>
              <Descriptions
                size="small"
                column={1}
                items={(['sign', 'contact', 'finish'] as const).map((step) => ({
                  key: step,
                  label: t(`requests.step.${step}`),
                  children: (
                    <Countdown
                      due={o.deadlines![step].due}
                      now={now}
                      lang={lang}
                      done={
                        !open ||
                        (step === 'sign' && Boolean(o.signedAt)) ||
                        (step === 'contact' && (Boolean(o.contactedAt) || o.contact === null))
                      }
                    />
                  ),
                }))}
              />
            </>
          ) : null}
          {o.followUps.length ? (
            <>
              <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
                {t('requests.detail.followUps')}
              </Typography.Title>
              <Table
                size="small"
                rowKey="at"
                pagination={false}
                dataSource={o.followUps}
                columns={[
                  {
                    title: t('requests.common.receivedAt'),
                    dataIndex: 'at',
                    render: (at: string) => formatDateTime(at, lang),
                  },
                  {
                    title: t('requests.followUp.reached'),
                    dataIndex: 'reached',
                    render: (v: boolean) => (v ? t('common.yes') : t('common.no')),
                  },
                  {
                    title: t('requests.followUp.contacted'),
                    dataIndex: 'contacted',
                    render: (v: boolean | null) => (v === null ? '—' : v ? t('common.yes') : t('common.no')),
                  },
                  {
                    title: t('requests.followUp.resolved'),
                    dataIndex: 'resolved',
                    render: (v: boolean | null) => (v === null ? '—' : v ? t('common.yes') : t('common.no')),
                  },
                  {
                    title: t('requests.followUp.satisfaction'),
                    dataIndex: 'satisfaction',
                    render: (v: string | null) => (v ? t(`requests.satisfaction.${v}`) : '—'),
                  },
                ]}
              />
            </>
          ) : null}
        </Card>
      </Col>
      <Col xs={24} lg={10}>
        <Card title={t('requests.detail.timeline')}>
          {events.isError ? (
            <ErrorView error={events.error} onRetry={() => void events.refetch()} />
          ) : events.isPending ? (
            <Spin />
          ) : (
            <EventTimeline events={events.data} units={units} lang={lang} />
          )}
        </Card>
      </Col>
    </Row>
  );
}
