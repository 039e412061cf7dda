import { useState } from 'react';
import { Alert, App, Button, Card, Descriptions, Form, Radio, Space, Spin, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SATISFACTION_LEVELS, type OrderEvent, type Satisfaction, type WorkOrder } from '../../api/requests';
import type { Unit } from '../../api/types';
import { ContactView, OrderTable, useNow } from '../../components/requests/order-bits';
import { ErrorView } from '../../components/error-view';
import { useOrderAction, useOrderEvents, useOrders, useUnitMap } from '../../hooks/use-requests';
import { useErrorMessage } from '../../hooks/use-error-message';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useLang } from '../../hooks/use-lang';
import { WorkingAsOfPicker } from '../../components/as-of-picker';
import { formatDateTime } from '../../lib/format';
import { formatOrderNumber } from '../../lib/order-number';

type YesNo = 'yes' | 'no' | undefined;

/**
 * What the unit did and answered, as the operator needs it before calling the citizen: who
 * answered and when, its answer, its note of contacting the citizen, and what the public reads.
 */
export function UnitAnswer({
  order,
  events,
  units,
}: {
  order: WorkOrder;
  events: OrderEvent[] | undefined;
  units: Map<number, Unit>;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  if (!events) return <Spin size="small" />;
  const reply = events.filter((e) => e.type === 'replied' && e.unitId === order.leadUnitId).at(-1);
  const contact = events.filter((e) => e.type === 'contacted').at(-1);
  const coReplies = events.filter((e) => e.type === 'replied' && e.unitId !== order.leadUnitId);
  const unit = (id: number) => units.get(id)?.name ?? t('requests.detail.actorUnit');
  if (!reply || reply.type !== 'replied')
    return <Typography.Text type="secondary">{t('requests.followUp.noAnswer')}</Typography.Text>;
  return (
    <Descriptions
      size="small"
      column={1}
      bordered
      data-testid="unit-answer"
      title={t('requests.followUp.unitAnswer')}
      items={[
        {
          key: 'answer',
          label: `${unit(reply.unitId)} · ${formatDateTime(reply.at, lang)}`,
          children: <span style={{ whiteSpace: 'pre-wrap' }}>{reply.text}</span>,
        },
        ...(contact && contact.type === 'contacted'
          ? [
              {
                key: 'contact',
                label: `${t('requests.event.contacted')} · ${formatDateTime(contact.at, lang)}`,
                children: contact.note || '—',
              },
            ]
          : []),
        ...coReplies.flatMap((e) =>
          e.type === 'replied'
            ? [
                {
                  key: `co-${e.seq}`,
                  label: `${t('requests.common.coUnits')} ${unit(e.unitId)}`,
                  children: e.text,
                },
              ]
            : [],
        ),
        ...(order.publicNote
          ? [{ key: 'public', label: t('requests.followUp.publicNote'), children: order.publicNote }]
          : []),
      ]}
    />
  );
}

/**
 * One follow-up call: reached the citizen? then contacted? resolved? satisfied? — with what the
 * unit answered in front of the operator. The call is recorded first, then the order closed
 * (结案), so its story reads in the order things happened; an unresolved answer reopens it.
 */
function FollowUpForm({ order, units }: { order: WorkOrder; units: Map<number, Unit> }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const act = useOrderAction();
  const events = useOrderEvents(order.id);
  const [reached, setReached] = useState<YesNo>('yes');
  const [contacted, setContacted] = useState<YesNo>();
  const [resolved, setResolved] = useState<YesNo>();
  const [satisfaction, setSatisfaction] = useState<Satisfaction | undefined>();
  const [tried, setTried] = useState(false);
  const incomplete = reached === 'yes' && (!contacted || !resolved || !satisfaction);
  const last = order.followUps.at(-1);
  const yesNo = (value: YesNo, set: (v: YesNo) => void, label: string, id: string) => (
    <Form.Item label={label} htmlFor={id} style={{ marginBottom: 8 }}>
      <Radio.Group
        id={id}
        value={value}
        onChange={(e) => set(e.target.value as YesNo)}
        options={[
          { value: 'yes', label: t('common.yes') },
          { value: 'no', label: t('common.no') },
        ]}
      />
    </Form.Item>
  );

  const submit = async () => {
    setTried(true);
    if (incomplete || !reached) return;
    try {
      const answered = reached === 'yes';
      let after = await act.mutateAsync({
        id: order.id,
        input: {
          type: 'followed_up',
          reached: answered,
          contacted: answered ? contacted === 'yes' : null,
          resolved: answered ? resolved === 'yes' : null,
          satisfaction: answered ? (satisfaction ?? null) : null,
        },
      });
      // Solved, or the citizen not reached: the hotline closes it; unsolved, it was reopened.
      if (after.status === 'replied')
        after = await act.mutateAsync({ id: order.id, input: { type: 'closed' } });
      void message.success(
        after.status === 'closed' ? t('requests.followUp.saved') : t('requests.followUp.reopened'),
      );
    } catch {
      // shown below from act.error
    }
  };

  return (
    <Form
      layout="vertical"
      onFinish={() => void submit()}
      aria-label={`${t('requests.followUp.title')} ${t('requests.common.orderNo')} ${formatOrderNumber(order.id, order.receivedAt)}`}
    >
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 4 }}>
        {order.text}
      </Typography.Paragraph>
      <ContactView order={order} />
      <div style={{ margin: '8px 0 12px' }}>
        <UnitAnswer order={order} events={events.data} units={units} />
      </div>
      {last ? (
        <Typography.Paragraph type="secondary">
          {t('requests.followUp.lastFollowUp', { date: formatDateTime(last.at, lang) })}
          {last.reached ? '' : ` · ${t('requests.followUp.notReached')}`}
        </Typography.Paragraph>
      ) : null}
      {yesNo(reached, setReached, t('requests.followUp.reached'), `reached-${order.id}`)}
      {reached === 'yes' ? (
        <>
          {yesNo(contacted, setContacted, t('requests.followUp.contacted'), `contacted-${order.id}`)}
          {yesNo(resolved, setResolved, t('requests.followUp.resolved'), `resolved-${order.id}`)}
          <Form.Item
            label={t('requests.followUp.satisfaction')}
            htmlFor={`satisfaction-${order.id}`}
            style={{ marginBottom: 8 }}
          >
            <Radio.Group
              id={`satisfaction-${order.id}`}
              value={satisfaction}
              onChange={(e) => setSatisfaction(e.target.value as Satisfaction)}
              options={SATISFACTION_LEVELS.map((s) => ({ value: s, label: t(`requests.satisfaction.${s}`) }))}
            />
          </Form.Item>
        </>
      ) : null}
      {tried && incomplete ? (
        <Alert
          type="warning"
          showIcon
          title={t('requests.followUp.answerAll')}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {act.isError ? (
        <Alert type="error" showIcon title={errorMessage(act.error)} style={{ marginBottom: 12 }} />
      ) : null}
      <Space>
        <Button type="primary" htmlType="submit" loading={act.isPending}>
          {t('requests.followUp.save')}
        </Button>
      </Space>
    </Form>
  );
}

/** 回访: answered orders to call back, and closed ones whose citizen has not been reached yet. */
export default function FollowUpPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const now = useNow();
  useDocumentTitle(t('requests.followUp.title'));
  const unitMap = useUnitMap();
  const replied = useOrders({ status: 'replied' });
  const closed = useOrders({ status: 'closed' });
  // A repeat call (重复件) closed by its merge is called back with the order it went into.
  const unreached = (closed.data?.items ?? []).filter(
    (o) => !o.repeatOf && (o.followUps.length === 0 || !o.followUps.some((f) => f.reached)),
  );
  if (replied.isError) return <ErrorView error={replied.error} onRetry={() => void replied.refetch()} />;
  const table = (orders: WorkOrder[], loading: boolean) => (
    <OrderTable
      orders={orders}
      units={unitMap}
      lang={lang}
      now={now}
      loading={loading}
      expanded={(order) => <FollowUpForm order={order} units={unitMap} />}
    />
  );
  return (
    <Card>
      <Typography.Title level={2} className="lx-page-title">
        {t('requests.followUp.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('requests.followUp.intro')}</Typography.Paragraph>
      <div style={{ marginBottom: 12 }}>
        <WorkingAsOfPicker lang={lang} />
      </div>
      <Tabs
        items={[
          {
            key: 'replied',
            label: `${t('requests.status.replied')} (${replied.data?.items.length ?? 0})`,
            children: table(replied.data?.items ?? [], replied.isPending),
          },
          {
            key: 'unreached',
            label: `${t('requests.followUp.notReached')} (${unreached.length})`,
            children: table(unreached, closed.isPending),
          },
        ]}
      />
    </Card>
  );
}
