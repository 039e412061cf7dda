import { useMemo, useState, type ReactNode } from 'react';
import { formatOrderNumber } from '../../lib/order-number';
import { Alert, App, Button, Card, Form, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { OverdueRow, QueueItem, WorkOrder } from '../../api/requests';
import type { Unit } from '../../api/types';
import { ContactView, OrderTable, useNow } from '../../components/requests/order-bits';
import { ErrorView } from '../../components/error-view';
import { RepeatOffer } from '../../components/requests/repeat-calls';
import { useUnits } from '../../hooks/use-plan-data';
import {
  useDispatch,
  useDispatchQueue,
  useOverdue,
  useOrderAction,
  useOrders,
  useUnitMap,
} from '../../hooks/use-requests';
import { useErrorMessage } from '../../hooks/use-error-message';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useLang } from '../../hooks/use-lang';
import { WorkingAsOfPicker } from '../../components/as-of-picker';
import { formatDateTime } from '../../lib/format';

/** The dispatch of one received order: the suggestion, or another unit with a reason. */
function DispatchForm({
  item,
  units,
  orders,
}: {
  item: QueueItem;
  units: Unit[];
  /** The orders the page holds, to name the open ones a call may repeat. */
  orders: Map<number, WorkOrder>;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const dispatch = useDispatch();
  const suggestion = item.suggestions.dispatch;
  const [leadUnitId, setLeadUnitId] = useState<number | undefined>(suggestion?.leadUnitId);
  const [coUnitIds, setCoUnitIds] = useState<number[]>([]);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const overriding = leadUnitId !== suggestion?.leadUnitId || coUnitIds.length > 0;
  const reasonMissing = overriding && !reason.trim();
  const options = units.map((u) => ({ value: u.id, label: u.name }));
  const id = item.order.id;

  const submit = () => {
    setTried(true);
    if (reasonMissing || leadUnitId === undefined) return;
    dispatch.mutate(
      { id, body: overriding ? { leadUnitId, coUnitIds, reason: reason.trim() } : {} },
      { onSuccess: () => void message.success(t('requests.dispatch.dispatched')) },
    );
  };

  return (
    <Form
      layout="vertical"
      onFinish={submit}
      aria-label={`${t('requests.dispatch.dispatch')} ${t('requests.common.orderNo')} ${formatOrderNumber(id, item.order.receivedAt)}`}
    >
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{item.order.text}</Typography.Paragraph>
      <RepeatOffer item={item} orders={orders} />
      {suggestion ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('requests.dispatch.suggestion', {
            unit: units.find((u) => u.id === suggestion.leadUnitId)?.name ?? `#${suggestion.leadUnitId}`,
          })}
          description={suggestion.reason}
        />
      ) : null}
      {item.suggestions.categories.length ? (
        <Typography.Paragraph type="secondary">
          {t('requests.intake.suggested')}{' '}
          {item.suggestions.categories.map((c) => `${c.category} ${Math.round(c.score * 100)}%`).join('、')}
        </Typography.Paragraph>
      ) : null}
      <Space wrap align="start">
        <Form.Item label={t('requests.common.leadUnit')} htmlFor={`lead-${id}`} style={{ minWidth: 280 }}>
          <Select
            id={`lead-${id}`}
            showSearch={{ optionFilterProp: 'label' }}
            options={options}
            value={leadUnitId}
            onChange={(value: number) => setLeadUnitId(value)}
          />
        </Form.Item>
        <Form.Item label={t('requests.dispatch.coUnits')} htmlFor={`co-${id}`} style={{ minWidth: 280 }}>
          <Select
            id={`co-${id}`}
            mode="multiple"
            showSearch={{ optionFilterProp: 'label' }}
            options={options.filter((o) => o.value !== leadUnitId)}
            value={coUnitIds}
            onChange={(value: number[]) => setCoUnitIds(value)}
          />
        </Form.Item>
      </Space>
      {overriding ? (
        <Form.Item
          label={t('requests.dispatch.overrideReason')}
          htmlFor={`reason-${id}`}
          required
          validateStatus={tried && reasonMissing ? 'error' : undefined}
          help={tried && reasonMissing ? t('requests.dispatch.overrideReasonRequired') : undefined}
        >
          <Input id={`reason-${id}`} value={reason} onChange={(e) => setReason(e.target.value)} />
        </Form.Item>
      ) : null}
      {dispatch.isError ? (
        <Alert type="error" showIcon title={errorMessage(dispatch.error)} style={{ marginBottom: 12 }} />
      ) : null}
      <Button type="primary" htmlType="submit" loading={dispatch.isPending}>
        {overriding ? t('requests.dispatch.override') : t('requests.dispatch.dispatch')}
      </Button>
    </Form>
  );
}

/** The centre's decision on a 退单 or an extension, and 催办/督办/改派 on open orders. */
function DecideForm({
  order,
  units,
  kind,
}: {
  order: WorkOrder;
  units: Unit[];
  kind: 'objection' | 'extension' | 'open';
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const act = useOrderAction();
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const [redispatchTo, setRedispatchTo] = useState<number | undefined>();
  const unitName = (id: number | null) =>
    id === null ? '' : (units.find((u) => u.id === id)?.name ?? `#${id}`);
  const done = () => void message.success(t('requests.dispatch.decided'));
  const noteMissing = !note.trim();

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }}>
        {order.text}
      </Typography.Paragraph>
      <ContactView order={order} />
      {kind === 'objection' && order.pendingObjection ? (
        <>
          <Alert
            type="warning"
            showIcon
            title={t('requests.dispatch.objectionBy', {
              unit: unitName(order.leadUnitId),
              reason: t(`requests.objection.${order.pendingObjection.reason}`),
            })}
            description={order.pendingObjection.note}
          />
          <Space>
            <Button
              type="primary"
              loading={act.isPending}
              onClick={() =>
                act.mutate(
                  {
                    id: order.id,
                    input: {
                      type: 'objection_decided',
                      accepted: true,
                      reason: order.pendingObjection!.reason,
                    },
                  },
                  { onSuccess: done },
                )
              }
            >
              {t('requests.dispatch.accept')}
            </Button>
            <Button
              loading={act.isPending}
              onClick={() =>
                act.mutate(
                  {
                    id: order.id,
                    input: {
                      type: 'objection_decided',
                      accepted: false,
                      reason: order.pendingObjection!.reason,
                    },
                  },
                  { onSuccess: done },
                )
              }
            >
              {t('requests.dispatch.reject')}
            </Button>
          </Space>
        </>
      ) : null}
      {kind === 'extension' && order.pendingExtension ? (
        <>
          <Alert
            type="warning"
            showIcon
            title={t('requests.dispatch.extensionBy', {
              unit: unitName(order.leadUnitId),
              until: formatDateTime(order.pendingExtension.until, lang),
              reason: order.pendingExtension.reason,
            })}
          />
          <Space>
            <Button
              type="primary"
              loading={act.isPending}
              onClick={() =>
                act.mutate(
                  { id: order.id, input: { type: 'extension_decided', approved: true, mode: 'move' } },
                  { onSuccess: done },
                )
              }
            >
              {t('requests.dispatch.approve')}
            </Button>
            <Button
              loading={act.isPending}
              onClick={() =>
                act.mutate(
                  { id: order.id, input: { type: 'extension_decided', approved: false } },
                  { onSuccess: done },
                )
              }
            >
              {t('requests.dispatch.refuse')}
            </Button>
          </Space>
        </>
      ) : null}
      {kind === 'open' ? (
        <Space wrap align="start">
          <Form.Item
            label={t('requests.common.note')}
            htmlFor={`note-${order.id}`}
            validateStatus={tried && noteMissing ? 'error' : undefined}
            help={tried && noteMissing ? t('requests.dispatch.noteRequired') : undefined}
            style={{ minWidth: 320, marginBottom: 0 }}
          >
            <Input id={`note-${order.id}`} value={note} onChange={(e) => setNote(e.target.value)} />
          </Form.Item>
          {(['reminded', 'supervised'] as const).map((type) => (
            <Button
              key={type}
              loading={act.isPending}
              danger={type === 'supervised'}
              style={{ marginTop: 30 }}
              onClick={() => {
                setTried(true);
                if (noteMissing) return;
                act.mutate(
                  { id: order.id, input: { type, note: note.trim() } },
                  {
                    onSuccess: () => {
                      setNote('');
                      setTried(false);
                      void message.success(t('requests.dispatch.reminded'));
                    },
                  },
                );
              }}
            >
              {type === 'reminded' ? t('requests.dispatch.remind') : t('requests.dispatch.supervise')}
            </Button>
          ))}
          <Form.Item
            label={t('requests.dispatch.redispatchTo')}
            htmlFor={`re-${order.id}`}
            style={{ minWidth: 260, marginBottom: 0 }}
          >
            <Select
              id={`re-${order.id}`}
              showSearch={{ optionFilterProp: 'label' }}
              options={units
                .filter((u) => u.id !== order.leadUnitId)
                .map((u) => ({ value: u.id, label: u.name }))}
              value={redispatchTo}
              onChange={(value: number) => setRedispatchTo(value)}
            />
          </Form.Item>
          <Button
            style={{ marginTop: 30 }}
            disabled={redispatchTo === undefined}
            loading={act.isPending}
            onClick={() =>
              redispatchTo !== undefined &&
              act.mutate(
                {
                  id: order.id,
                  input: { type: 'redispatched', leadUnitId: redispatchTo, coUnits: [], designated: false },
                },
                { onSuccess: () => void message.success(t('requests.dispatch.redispatched')) },
              )
            }
          >
            {t('requests.dispatch.redispatch')}
          </Button>
        </Space>
      ) : null}
      {act.isError ? <Alert type="error" showIcon title={errorMessage(act.error)} /> : null}
    </Space>
  );
}

/** 派单: the dispatcher's queue, 退单 and extension requests to decide, open orders to chase. */
export default function DispatchPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const now = useNow();
  useDocumentTitle(t('requests.dispatch.title'));
  const units = useUnits();
  const unitMap = useUnitMap();
  const queue = useDispatchQueue();
  const objecting = useOrders({ status: 'objecting' });
  const signed = useOrders({ status: 'signed' });
  const dispatched = useOrders({ status: 'dispatched' });
  const overdue = useOverdue();
  const unitList = units.data ?? [];
  const queueOrders = useMemo(() => (queue.data?.items ?? []).map((i) => i.order), [queue.data]);
  const queueById = useMemo(
    () => new Map((queue.data?.items ?? []).map((i) => [i.order.id, i])),
    [queue.data],
  );
  const extensions = (signed.data?.items ?? []).filter((o) => o.pendingExtension);
  const open = [...(dispatched.data?.items ?? []), ...(signed.data?.items ?? [])].sort((a, b) => a.id - b.id);
  const known = new Map(
    [...open, ...(objecting.data?.items ?? []), ...queueOrders].map((o) => [o.id, o] as const),
  );

  if (queue.isError) return <ErrorView error={queue.error} onRetry={() => void queue.refetch()} />;
  const table = (
    orders: WorkOrder[],
    loading: boolean,
    expanded: (o: WorkOrder) => ReactNode,
    statusExtra?: (o: WorkOrder) => ReactNode,
  ) => (
    <OrderTable
      orders={orders}
      units={unitMap}
      lang={lang}
      now={now}
      loading={loading}
      expanded={expanded}
      statusExtra={statusExtra}
    />
  );
  /** A call that may repeat an open order is marked on its row, before the row is opened. */
  const suspectedRepeat = (order: WorkOrder) =>
    (queueById.get(order.id)?.suggestions.repeats.length ?? 0) > 0 ? (
      <Tag color="warning" data-testid="suspected-repeat">
        {t('requests.repeat.suspected')}
      </Tag>
    ) : null;

  return (
    <Card>
      <Typography.Title level={2} className="lx-page-title">
        {t('requests.dispatch.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('requests.dispatch.intro')}</Typography.Paragraph>
      <div style={{ marginBottom: 12 }}>
        <WorkingAsOfPicker lang={lang} />
      </div>
      <Tabs
        items={[
          {
            key: 'pending',
            label: `${t('requests.dispatch.pending')} (${queueOrders.length})`,
            children: table(
              queueOrders,
              queue.isPending,
              (order) => {
                const item = queueById.get(order.id);
                return item ? <DispatchForm item={item} units={unitList} orders={known} /> : null;
              },
              suspectedRepeat,
            ),
          },
          {
            key: 'objections',
            label: `${t('requests.dispatch.objections')} (${objecting.data?.items.length ?? 0})`,
            children: table(objecting.data?.items ?? [], objecting.isPending, (order) => (
              <DecideForm order={order} units={unitList} kind="objection" />
            )),
          },
          {
            key: 'extensions',
            label: `${t('requests.dispatch.extensions')} (${extensions.length})`,
            children: table(extensions, signed.isPending, (order) => (
              <DecideForm order={order} units={unitList} kind="extension" />
            )),
          },
          {
            key: 'overdue',
            label: `${t('requests.dispatch.overdue')} (${overdue.data?.length ?? 0})`,
            children: (
              <Table<OverdueRow>
                rowKey={(row) => `${row.orderId}-${row.step}-${row.unitId}`}
                size="middle"
                loading={overdue.isPending}
                dataSource={overdue.data ?? []}
                pagination={{ pageSize: 20, hideOnSinglePage: true }}
                locale={{ emptyText: t('common.empty') }}
                columns={[
                  {
                    title: t('requests.common.orderNo'),
                    dataIndex: 'orderId',
                    render: (id: number) => (
                      <Link to={`/requests/orders/${id}`}>{formatOrderNumber(id)}</Link>
                    ),
                  },
                  { title: t('requests.common.category'), dataIndex: 'category' },
                  { title: t('requests.common.area'), dataIndex: 'area' },
                  {
                    title: t('requests.common.unit'),
                    dataIndex: 'unitId',
                    render: (id: number) => unitMap.get(id)?.name ?? `#${id}`,
                  },
                  {
                    title: t('requests.common.deadline'),
                    key: 'step',
                    render: (_: unknown, row) =>
                      `${t(`requests.step.${row.step}`)} ${formatDateTime(row.due, lang)}`,
                  },
                  {
                    title: t('requests.dispatch.overdue'),
                    dataIndex: 'hoursLate',
                    render: (count: number) => (
                      <Typography.Text type="danger" strong>
                        {t('requests.dispatch.hoursLate', { count })}
                      </Typography.Text>
                    ),
                  },
                ]}
              />
            ),
          },
          {
            key: 'open',
            label: `${t('requests.dispatch.inProgress')} (${open.length})`,
            children: table(open, signed.isPending || dispatched.isPending, (order) => (
              <DecideForm order={order} units={unitList} kind="open" />
            )),
          },
        ]}
      />
    </Card>
  );
}
