import { useEffect, useLayoutEffect, useRef, useState, type Key, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { formatOrderNumber } from '../../lib/order-number';
import { Button, Descriptions, Grid, List, Table, Timeline, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { OrderEvent, OrderStatus, WorkOrder } from '../../api/requests';
import type { Unit } from '../../api/types';
import { asOfInstant, useWorkingAsOf } from '../../hooks/use-as-of';
import { formatDateTime, type Lang } from '../../lib/format';
import { ToneTag, type Tone } from '../tags';

const STATUS_TONE: Record<OrderStatus, Tone> = {
  received: 'orange',
  dispatched: 'gold',
  signed: 'blue',
  objecting: 'purple',
  replied: 'green',
  closed: 'grey',
  transferred: 'grey',
};

export function OrderStatusTag({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return <ToneTag tone={STATUS_TONE[status]}>{t(`requests.status.${status}`)}</ToneTag>;
}

/** How many repeat calls (重复件) were merged into the order; nothing when none. */
export function RepeatCount({ order }: { order: WorkOrder }) {
  const { t } = useTranslation();
  const count = order.repeatCalls?.length ?? 0;
  if (count === 0) return null;
  return (
    <span data-testid="repeat-count">
      <ToneTag tone="purple">{t('requests.repeat.count', { count })}</ToneTag>
    </span>
  );
}

/**
 * The clock, ticking once a minute, so countdowns stay true while a queue is open; stopped at
 * the end of a past as-of date (issue 14.9), so a past year's desk reads as it stood then.
 */
export function useNow(intervalMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs]);
  return asOfInstant(useWorkingAsOf(), now) ?? now;
}

/** Milliseconds as "2 天 3 小时" / "5 小时" / "40 分钟". */
export function useSpan(): (ms: number) => string {
  const { t } = useTranslation();
  return (ms: number) => {
    const minutes = Math.max(0, Math.floor(ms / 60_000));
    const hours = Math.floor(minutes / 60);
    if (hours >= 24) return t('requests.common.days', { count: Math.floor(hours / 24), hours: hours % 24 });
    if (hours >= 1) return t('requests.common.hours', { count: hours });
    return t('requests.common.minutes', { count: minutes });
  };
}

/**
 * A deadline with its countdown: time left, or — in red, with the word, so colour is never the
 * only signal — how long it is overdue.
 */
export function Countdown({
  due,
  now,
  lang,
  done,
}: {
  due: string;
  now: number;
  lang: Lang;
  done?: boolean;
}) {
  const { t } = useTranslation();
  const span = useSpan();
  const left = Date.parse(due) - now;
  const when = formatDateTime(due, lang);
  if (done) return <span>{when}</span>;
  return (
    <span>
      {when}{' '}
      {left < 0 ? (
        <Typography.Text type="danger" strong data-testid="overdue">
          {t('requests.common.overdue', { time: span(-left) })}
        </Typography.Text>
      ) : (
        <Typography.Text type={left < 3_600_000 ? 'warning' : 'secondary'}>
          {t('requests.common.remaining', { time: span(left) })}
        </Typography.Text>
      )}
    </span>
  );
}

/** The deadline that matters next for an order: sign, then finish. */
export function nextDeadline(order: WorkOrder): { step: 'sign' | 'finish'; due: string } | undefined {
  if (!order.deadlines) return undefined;
  if (order.status === 'dispatched' && !order.signedAt)
    return { step: 'sign', due: order.deadlines.sign.due };
  if (order.status === 'dispatched' || order.status === 'signed' || order.status === 'objecting')
    return { step: 'finish', due: order.deadlines.finish.due };
  return undefined;
}

/** The field that had focus when an open row's actions left one layout, to focus again in the other. */
const focusedWhenMoved = new WeakMap<HTMLElement, HTMLElement>();

/**
 * Where an open row's actions show: the row's own node, which the actions are portalled into, is
 * moved into this slot. The table and the cards each have a slot; the actions themselves stay
 * mounted where OrderTable renders them, so what is typed survives the switch between the two.
 */
function ActionSlot({ node }: { node: HTMLElement }) {
  const ref = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const slot = ref.current;
    if (!slot) return undefined;
    slot.appendChild(node);
    const focused = focusedWhenMoved.get(node);
    if (focused && node.contains(focused)) focused.focus();
    focusedWhenMoved.delete(node);
    return () => {
      const active = document.activeElement;
      if (active instanceof HTMLElement && node.contains(active)) focusedWhenMoved.set(node, active);
      if (node.parentNode === slot) slot.removeChild(node);
    };
  }, [node]);
  return <div ref={ref} />;
}

export interface OrderTableProps {
  orders: WorkOrder[];
  units: Map<number, Unit>;
  lang: Lang;
  now: number;
  loading?: boolean;
  /** Extra content under a row (the actions of the queue). */
  expanded?: (order: WorkOrder) => ReactNode;
  /** Open the first row until the user opens or closes rows themselves. */
  expandFirst?: boolean;
  extraColumns?: ColumnsType<WorkOrder>;
  /** A mark beside an order's status (the queue's 疑似重复). */
  statusExtra?: (order: WorkOrder) => ReactNode;
}

/** A queue of orders: number, text (as text), category, place, unit, status and the next deadline. */
export function OrderTable({
  orders,
  units,
  lang,
  now,
  loading,
  expanded,
  expandFirst = true,
  extraColumns = [],
  statusExtra,
}: OrderTableProps) {
  const { t } = useTranslation();
  const narrow = Grid.useBreakpoint().md === false;
  const [open, setOpen] = useState<readonly Key[] | undefined>();
  const openKeys = open ?? (expandFirst ? orders.slice(0, 1).map((o) => o.id) : []);
  // One node per order whose actions were opened: the actions render into it whatever the layout.
  const [nodes] = useState(() => new Map<Key, HTMLElement>());
  const nodeOf = (id: Key): HTMLElement => {
    let node = nodes.get(id);
    if (node === undefined) {
      node = document.createElement('div');
      nodes.set(id, node);
    }
    return node;
  };
  const actions = expanded
    ? orders
        .filter((order) => openKeys.includes(order.id))
        .map((order) => createPortal(expanded(order), nodeOf(order.id), String(order.id)))
    : null;
  const unitOf = (order: WorkOrder) =>
    order.leadUnitId === null
      ? t('requests.common.noUnit')
      : (units.get(order.leadUnitId)?.name ?? t('requests.detail.actorUnit'));
  const deadlineOf = (order: WorkOrder) => {
    const next = nextDeadline(order);
    return next ? (
      <span>
        {t(`requests.step.${next.step}`)}: <Countdown due={next.due} now={now} lang={lang} />
      </span>
    ) : (
      formatDateTime(order.receivedAt, lang)
    );
  };
  if (narrow) {
    // A phone (钉钉, 浙政钉): one card an order, its actions under it; nothing wider than the screen.
    return (
      <>
        {actions}
        <List<WorkOrder>
          loading={loading}
          dataSource={orders}
          rowKey="id"
          locale={{ emptyText: t('requests.common.empty') }}
          pagination={orders.length > 20 ? { pageSize: 20, size: 'small' } : false}
          data-testid="order-cards"
          renderItem={(order) => {
            const isOpen = openKeys.includes(order.id);
            return (
              <List.Item style={{ display: 'block' }}>
                <div
                  style={{ display: 'flex', justifyContent: 'space-between', gap: 8, alignItems: 'baseline' }}
                >
                  <Link to={`/requests/orders/${order.id}`}>
                    {t('requests.common.orderNo')} {formatOrderNumber(order.id, order.receivedAt)}
                  </Link>
                  <span>
                    <OrderStatusTag status={order.status} />
                    <RepeatCount order={order} />
                    {statusExtra?.(order)}
                  </span>
                </div>
                <Typography.Paragraph style={{ margin: '4px 0', wordBreak: 'break-word' }}>
                  {order.text}
                </Typography.Paragraph>
                <Typography.Text type="secondary">
                  {order.category} · {`${order.location.area} ${order.location.community ?? ''}`.trim()} ·{' '}
                  {unitOf(order)}
                </Typography.Text>
                <div>{deadlineOf(order)}</div>
                {expanded ? (
                  <>
                    <Button
                      size="small"
                      type="link"
                      style={{ padding: 0 }}
                      aria-expanded={isOpen}
                      onClick={() =>
                        setOpen(isOpen ? openKeys.filter((k) => k !== order.id) : [...openKeys, order.id])
                      }
                    >
                      {isOpen ? t('requests.common.hideActions') : t('requests.common.showActions')}
                    </Button>
                    {isOpen ? (
                      <div style={{ marginTop: 8 }}>
                        <ActionSlot node={nodeOf(order.id)} />
                      </div>
                    ) : null}
                  </>
                ) : null}
              </List.Item>
            );
          }}
        />
      </>
    );
  }
  const columns: ColumnsType<WorkOrder> = [
    {
      title: t('requests.common.orderNo'),
      dataIndex: 'id',
      width: 150,
      render: (id: number, order) => (
        <Link to={`/requests/orders/${id}`}>{formatOrderNumber(id, order.receivedAt)}</Link>
      ),
    },
    {
      title: t('requests.common.text'),
      dataIndex: 'text',
      ellipsis: true,
      render: (text: string) => <span title={text}>{text}</span>,
    },
    { title: t('requests.common.category'), dataIndex: 'category', width: 100 },
    {
      title: t('requests.common.location'),
      key: 'location',
      width: 180,
      render: (_: unknown, order) => `${order.location.area} ${order.location.community ?? ''}`.trim(),
    },
    {
      title: t('requests.common.leadUnit'),
      key: 'unit',
      width: 180,
      render: (_: unknown, order) => unitOf(order),
    },
    {
      title: t('requests.common.status'),
      dataIndex: 'status',
      width: 130,
      render: (status: OrderStatus, order) => (
        <>
          <OrderStatusTag status={status} />
          <RepeatCount order={order} />
          {statusExtra?.(order)}
        </>
      ),
    },
    {
      title: t('requests.common.deadline'),
      key: 'deadline',
      width: 260,
      render: (_: unknown, order) => deadlineOf(order),
    },
    ...extraColumns,
  ];
  return (
    <>
      {actions}
      <Table<WorkOrder>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={orders}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        locale={{ emptyText: t('requests.common.empty') }}
        expandable={
          expanded
            ? {
                expandedRowRender: (order) => <ActionSlot node={nodeOf(order.id)} />,
                expandedRowKeys: openKeys,
                onExpandedRowsChange: (keys) => setOpen(keys),
                expandRowByClick: false,
              }
            : undefined
        }
        scroll={{ x: 1000 }}
      />
    </>
  );
}

function actorWord(event: OrderEvent, units: Map<number, Unit>, t: (key: string) => string): string {
  const role = event.actor.role;
  if (role === 'unit') {
    const id = 'unitId' in event ? event.unitId : event.actor.unitIds[0];
    return (id !== undefined ? units.get(id)?.name : undefined) ?? t('requests.detail.actorUnit');
  }
  return t(
    role === 'center'
      ? 'requests.detail.actorCenter'
      : role === 'supervisor'
        ? 'requests.detail.actorSupervisor'
        : 'requests.detail.actorSystem',
  );
}

/** What an event says beyond its name, as plain text (never HTML). */
function eventDetail(
  event: OrderEvent,
  units: Map<number, Unit>,
  t: (key: string, values?: Record<string, unknown>) => string,
  lang: Lang,
): string {
  const unit = (id: number) => units.get(id)?.name ?? `#${id}`;
  switch (event.type) {
    case 'received':
      return `${t(`requests.source.${event.source}`)} · ${event.category} · ${event.location.area}`;
    case 'dispatched':
    case 'redispatched':
      return [
        unit(event.leadUnitId),
        event.coUnits.length
          ? `${t('requests.common.coUnits')}: ${event.coUnits.map((c) => unit(c.unitId)).join('、')}`
          : '',
        event.type === 'dispatched' && event.override
          ? `${t('requests.common.reason')}: ${event.override.reason}`
          : '',
      ]
        .filter(Boolean)
        .join(' · ');
    case 'contacted':
      return event.note ?? '';
    case 'objection_raised':
      return `${t(`requests.objection.${event.reason}`)}${event.note ? ` · ${event.note}` : ''}`;
    case 'objection_decided':
      return `${event.accepted ? t('requests.dispatch.accept') : t('requests.dispatch.reject')}${event.note ? ` · ${event.note}` : ''}`;
    case 'extension_requested':
      return `${formatDateTime(event.until, lang)} · ${event.reason}`;
    case 'extension_decided':
      return `${event.approved ? t('requests.dispatch.approve') : t('requests.dispatch.refuse')}${event.until ? ` · ${formatDateTime(event.until, lang)}` : ''}${event.note ? ` · ${event.note}` : ''}`;
    case 'reminded':
    case 'supervised':
      return event.note;
    case 'replied':
    case 'answered_directly':
      return event.text;
    case 'reply_checked':
      return `${event.passed ? t('requests.check.passed') : t('requests.check.returned')}${event.note ? ` · ${event.note}` : ''}`;
    case 'closed':
      return event.note ?? '';
    case 'followed_up':
      if (!event.reached) return t('requests.followUp.notReached');
      return [
        `${t('requests.followUp.contacted')} ${event.contacted === null ? '—' : event.contacted ? t('common.yes') : t('common.no')}`,
        `${t('requests.followUp.resolved')} ${event.resolved === null ? '—' : event.resolved ? t('common.yes') : t('common.no')}`,
        event.satisfaction ? t(`requests.satisfaction.${event.satisfaction}`) : '',
      ]
        .filter(Boolean)
        .join(' · ');
    case 'reopened':
    case 'exempted':
      return event.reason;
    case 'transferred':
      return `${unit(event.fromUnitId)} → ${unit(event.toUnitId)} · ${event.reason}`;
    case 'transferred_out':
      return `${t('requests.transfer.toOrder', { no: formatOrderNumber(event.toOrderId) })} · ${event.reason}`;
    case 'signed':
      return unit(event.unitId);
    case 'merged_into':
      return t('requests.repeat.intoOrder', {
        no: formatOrderNumber(event.intoOrderId, event.intoReceivedAt),
      });
    case 'merge_undone':
      return `${t('requests.repeat.intoOrder', { no: formatOrderNumber(event.intoOrderId, event.intoReceivedAt) })} · ${event.reason}`;
    case 'repeat_added':
      return [
        formatOrderNumber(event.repeatOrderId, event.receivedAt),
        formatDateTime(event.receivedAt, lang),
        event.contact?.name ?? '',
      ]
        .filter(Boolean)
        .join(' · ');
    case 'repeat_removed':
      return `${t('requests.repeat.removed', { no: formatOrderNumber(event.repeatOrderId) })} · ${event.reason}`;
  }
}

/** The order's history, oldest first, each event with when, who and what. */
export function EventTimeline({
  events,
  units,
  lang,
}: {
  events: OrderEvent[];
  units: Map<number, Unit>;
  lang: Lang;
}) {
  const { t } = useTranslation();
  return (
    <Timeline
      data-testid="order-timeline"
      items={events.map((event) => ({
        key: event.seq,
        color: event.type === 'reopened' || event.type === 'supervised' ? 'red' : 'blue',
        content: (
          <div>
            <Typography.Text strong>{t(`requests.event.${event.type}`)}</Typography.Text>{' '}
            <Typography.Text type="secondary">
              {formatDateTime(event.at, lang)} · {actorWord(event, units, t)}
            </Typography.Text>
            <div style={{ whiteSpace: 'pre-wrap' }}>{eventDetail(event, units, t, lang)}</div>
          </div>
        ),
      }))}
    />
  );
}

/** The citizen's contact as a unit may see it: hidden when the citizen chose so. */
export function ContactView({ order }: { order: WorkOrder }) {
  const { t } = useTranslation();
  if (order.privacy.anonymousToUnit && !order.contact)
    return <Typography.Text type="secondary">{t('requests.common.anonymousContact')}</Typography.Text>;
  if (!order.contact)
    return <Typography.Text type="secondary">{t('requests.unit.noContact')}</Typography.Text>;
  return (
    <Descriptions
      size="small"
      column={{ xs: 1, sm: 3 }}
      items={[
        { key: 'name', label: t('requests.intake.name'), children: order.contact.name ?? '—' },
        { key: 'phone', label: t('requests.intake.phone'), children: order.contact.phone ?? '—' },
        { key: 'email', label: t('requests.intake.email'), children: order.contact.email ?? '—' },
      ]}
    />
  );
}
