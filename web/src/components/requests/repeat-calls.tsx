/**
 * 重复件 (issue 14.8) on the desk: the open orders a new call may repeat, offered in the dispatch
 * queue with a merge button; on an order, the repeat calls merged into it, or — on a repeat —
 * the order it went into and the undo with a reason.
 */
import { useState } from 'react';
import { Alert, App, Button, Form, Input, List, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { QueueItem, WorkOrder } from '../../api/requests';
import { useMergeRepeat, useUndoMerge } from '../../hooks/use-requests';
import { useErrorMessage } from '../../hooks/use-error-message';
import { formatDateTime, type Lang } from '../../lib/format';
import { formatOrderNumber } from '../../lib/order-number';

/** The open orders this call may repeat, each with why it is offered and a merge button. */
export function RepeatOffer({ item, orders }: { item: QueueItem; orders: Map<number, WorkOrder> }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const merge = useMergeRepeat();
  const candidates = item.suggestions.repeats;
  if (candidates.length === 0) return null;
  const numberOf = (id: number) => formatOrderNumber(id, orders.get(id)?.receivedAt);
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="repeat-offer"
      title={t('requests.repeat.offered')}
      description={
        <List
          size="small"
          dataSource={candidates}
          rowKey="orderId"
          renderItem={(c) => (
            <List.Item
              actions={[
                <Button
                  key="merge"
                  size="small"
                  loading={merge.isPending && merge.variables?.intoOrderId === c.orderId}
                  aria-label={`${t('requests.repeat.merge')} ${numberOf(c.orderId)}`}
                  onClick={() =>
                    merge.mutate(
                      { id: item.order.id, intoOrderId: c.orderId },
                      {
                        onSuccess: () =>
                          void message.success(t('requests.repeat.merged', { no: numberOf(c.orderId) })),
                      },
                    )
                  }
                >
                  {t('requests.repeat.merge')}
                </Button>,
              ]}
            >
              <Space wrap size={4}>
                <Link to={`/requests/orders/${c.orderId}`}>{numberOf(c.orderId)}</Link>
                <Typography.Text type="secondary">
                  {[
                    orders.get(c.orderId)?.text,
                    c.reason === 'community'
                      ? t('requests.repeat.sameCommunity')
                      : c.distanceM === null
                        ? t('requests.repeat.nearby')
                        : t('requests.repeat.distance', { metres: c.distanceM }),
                    c.repeats > 0 ? t('requests.repeat.already', { count: c.repeats }) : '',
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      }
      action={
        merge.isError ? <Typography.Text type="danger">{errorMessage(merge.error)}</Typography.Text> : null
      }
    />
  );
}

/** On an order: the repeat calls merged into it, or the order it was merged into and the undo. */
export function RepeatCallsPanel({ order, lang, canAct }: { order: WorkOrder; lang: Lang; canAct: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const undo = useUndoMerge();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const calls = order.repeatCalls ?? [];
  if (order.repeatOf) {
    const into = order.repeatOf;
    const missing = tried && !reason.trim();
    return (
      <Alert
        type="info"
        showIcon
        style={{ marginTop: 16 }}
        data-testid="repeat-of"
        title={
          <span>
            {t('requests.repeat.isRepeat', { at: formatDateTime(into.at, lang) })}{' '}
            <Link to={`/requests/orders/${into.orderId}`}>
              {formatOrderNumber(into.orderId, into.orderReceivedAt)}
            </Link>
          </span>
        }
        description={
          canAct ? (
            <Form
              layout="vertical"
              style={{ marginTop: 8 }}
              onFinish={() => {
                setTried(true);
                if (!reason.trim()) return;
                undo.mutate(
                  { id: order.id, reason: reason.trim() },
                  { onSuccess: () => void message.success(t('requests.repeat.undone')) },
                );
              }}
            >
              <Form.Item
                label={t('requests.repeat.undoReason')}
                htmlFor={`unmerge-${order.id}`}
                required
                validateStatus={missing ? 'error' : undefined}
                help={missing ? t('requests.repeat.undoReasonRequired') : undefined}
              >
                <Input
                  id={`unmerge-${order.id}`}
                  value={reason}
                  onChange={(e) => setReason(e.target.value)}
                />
              </Form.Item>
              {undo.isError ? (
                <Alert type="error" showIcon title={errorMessage(undo.error)} style={{ marginBottom: 8 }} />
              ) : null}
              <Button htmlType="submit" loading={undo.isPending}>
                {t('requests.repeat.undo')}
              </Button>
            </Form>
          ) : null
        }
      />
    );
  }
  if (calls.length === 0) return null;
  return (
    <>
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
        {t('requests.repeat.calls')}（{calls.length}）
      </Typography.Title>
      <List
        size="small"
        data-testid="repeat-calls"
        dataSource={calls}
        rowKey="orderId"
        renderItem={(c) => (
          <List.Item>
            <Space wrap size={8}>
              <Link to={`/requests/orders/${c.orderId}`}>{formatOrderNumber(c.orderId, c.receivedAt)}</Link>
              <span>
                {t('requests.repeat.callAt')} {formatDateTime(c.receivedAt, lang)}
              </span>
              <span>
                {t('requests.repeat.caller')}{' '}
                {c.contact
                  ? [c.contact.name, c.contact.phone].filter(Boolean).join(' ') || '—'
                  : c.anonymousToUnit
                    ? t('requests.common.anonymousContact')
                    : t('requests.unit.noContact')}
              </span>
            </Space>
          </List.Item>
        )}
      />
    </>
  );
}
