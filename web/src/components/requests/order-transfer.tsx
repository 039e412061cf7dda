/**
 * 市级派单 (issue 16.3) on an order's page: the centre hands an order down to a district chosen
 * from the list of those below its jurisdiction, with a reason; a handed-down order shows the
 * district's result (reply, close, 回访); a taken-over order shows only the link back.
 */
import { useState } from 'react';
import { Alert, App, Button, Descriptions, Form, Input, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TransferView, WorkOrder } from '../../api/requests';
import { isApiError } from '../../api/client';
import { useOrderTransfer, useTransferOrder } from '../../hooks/use-requests';
import { useErrorMessage } from '../../hooks/use-error-message';
import { formatDateTime, type Lang } from '../../lib/format';
import { formatOrderNumber } from '../../lib/order-number';
import { OrderStatusTag } from './order-bits';

/** The transfer's part of an order's page; nothing when there is none and none may be made. */
export function OrderTransferPanel({
  order,
  lang,
  canAct,
}: {
  order: WorkOrder;
  lang: Lang;
  canAct: boolean;
}) {
  const { t } = useTranslation();
  const view = useOrderTransfer(order.id);
  // No transfer to show (or the view could not be read): the page is whole without it.
  if (!view.data) return null;
  const { from, to, targets } = view.data;
  if (!from && !to && !(canAct && targets.length > 0)) return null;
  return (
    <section data-testid="order-transfer" style={{ marginTop: 16 }}>
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {t('requests.transfer.title')}
      </Typography.Title>
      {from ? (
        <Alert
          type="info"
          showIcon
          title={t('requests.transfer.from', {
            name: from.jurisdictionName,
            no: formatOrderNumber(from.orderId, from.receivedAt),
            at: formatDateTime(from.receivedAt, lang),
          })}
          description={`${t('requests.transfer.reason')}：${from.reason}`}
        />
      ) : null}
      {to ? <TransferResultView to={to} lang={lang} /> : null}
      {canAct && !to && targets.length > 0 ? <TransferAction order={order} targets={targets} /> : null}
    </section>
  );
}

function TransferResultView({ to, lang }: { to: NonNullable<TransferView['to']>; lang: Lang }) {
  const { t } = useTranslation();
  const { result } = to;
  const last = result.followUps.at(-1);
  return (
    <>
      <Alert
        type="info"
        showIcon
        title={t('requests.transfer.sent', {
          name: to.jurisdictionName,
          no: formatOrderNumber(to.orderId, to.receivedAt),
        })}
        description={`${t('requests.transfer.reason')}：${to.reason}`}
      />
      <Descriptions
        size="small"
        column={1}
        style={{ marginTop: 8 }}
        title={t('requests.transfer.result')}
        items={[
          {
            key: 'status',
            label: t('requests.common.status'),
            children: <OrderStatusTag status={result.status} />,
          },
          {
            key: 'reply',
            label: t('requests.transfer.reply'),
            children: result.reply ?? t('requests.transfer.none'),
          },
          {
            key: 'closed',
            label: t('requests.transfer.closedAt'),
            children: result.closedAt ? formatDateTime(result.closedAt, lang) : '—',
          },
          {
            key: 'followUp',
            label: t('requests.transfer.followUp'),
            children: last
              ? last.reached
                ? t('requests.transfer.reached', {
                    satisfaction: last.satisfaction ? t(`requests.satisfaction.${last.satisfaction}`) : '—',
                  })
                : t('requests.transfer.notReached')
              : '—',
          },
        ]}
      />
    </>
  );
}

function TransferAction({ order, targets }: { order: WorkOrder; targets: TransferView['targets'] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const transfer = useTransferOrder();
  // The server says in Chinese why a transfer cannot be made (the place, the category, the level).
  const refusalOf = (error: unknown) => {
    const said = isApiError(error) ? error.details[0]?.message : undefined;
    return said !== undefined && /[\u4e00-\u9fff]/.test(said) ? said : errorMessage(error);
  };
  const [open, setOpen] = useState(false);
  const [target, setTarget] = useState<number | undefined>(undefined);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const noTarget = tried && target === undefined;
  const noReason = tried && !reason.trim();
  const submit = () => {
    setTried(true);
    if (target === undefined || !reason.trim()) return;
    const name = targets.find((j) => j.id === target)?.name ?? '';
    transfer.mutate(
      { id: order.id, body: { jurisdictionId: target, reason: reason.trim() } },
      {
        onSuccess: () => {
          setOpen(false);
          void message.success(t('requests.transfer.done', { name }));
        },
      },
    );
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t('requests.transfer.action')}</Button>
      <Modal
        open={open}
        title={t('requests.transfer.action')}
        okText={t('requests.transfer.submit')}
        confirmLoading={transfer.isPending}
        onOk={submit}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Form layout="vertical">
          <Form.Item
            label={t('requests.transfer.to')}
            htmlFor={`transfer-to-${order.id}`}
            required
            validateStatus={noTarget ? 'error' : undefined}
            help={noTarget ? t('requests.transfer.chooseTarget') : undefined}
          >
            <Select
              id={`transfer-to-${order.id}`}
              value={target}
              onChange={setTarget}
              placeholder={t('requests.transfer.placeholder')}
              options={targets.map((j) => ({ value: j.id, label: j.name }))}
            />
          </Form.Item>
          <Form.Item
            label={t('requests.transfer.reason')}
            htmlFor={`transfer-reason-${order.id}`}
            required
            validateStatus={noReason ? 'error' : undefined}
            help={noReason ? t('requests.transfer.reasonRequired') : undefined}
          >
            <Input.TextArea
              id={`transfer-reason-${order.id}`}
              rows={2}
              maxLength={500}
              value={reason}
              onChange={(e) => setReason(e.target.value)}
            />
          </Form.Item>
        </Form>
        {transfer.isError ? <Alert type="error" showIcon title={refusalOf(transfer.error)} /> : null}
      </Modal>
    </>
  );
}
