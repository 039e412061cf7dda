import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CheckerQueueItem } from '../../api/desk';
import { ErrorView } from '../../components/error-view';
import { useCheckDecision, useCheckerQueue } from '../../hooks/use-desk';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useErrorMessage } from '../../hooks/use-error-message';
import { useUnitMap } from '../../hooks/use-requests';
import { formatOrderNumber } from '../../lib/order-number';

/** The 工单号 the checker reads (date and sequence), never the bare id. */
const numberOf = (item: CheckerQueueItem) => formatOrderNumber(item.orderId, item.order.receivedAt);

/** The note a failed check needs, in a dialog; the order goes back to its unit with it. */
function ReturnDialog({ item, onClose }: { item: CheckerQueueItem | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const decide = useCheckDecision();
  const [note, setNote] = useState('');
  const [touched, setTouched] = useState(false);
  const problem = touched && !note.trim() ? t('requests.desk.checks.noteRequired') : undefined;
  const close = () => {
    setNote('');
    setTouched(false);
    decide.reset();
    onClose();
  };
  const submit = () => {
    setTouched(true);
    if (!item || !note.trim()) return;
    decide.mutate(
      { orderId: item.orderId, passed: false, note: note.trim() },
      {
        onSuccess: () => {
          void message.success(t('requests.desk.checks.returned', { no: numberOf(item) }));
          close();
        },
      },
    );
  };
  return (
    <Modal
      open={item !== undefined}
      title={item ? t('requests.desk.checks.returnLabel', { no: numberOf(item) }) : undefined}
      okText={t('requests.desk.checks.confirmReturn')}
      cancelText={t('requests.desk.checks.cancel')}
      confirmLoading={decide.isPending}
      onOk={submit}
      onCancel={close}
      destroyOnHidden
    >
      {decide.isError ? <Alert type="error" showIcon title={errorMessage(decide.error)} /> : null}
      <Form layout="vertical" onFinish={submit}>
        <Form.Item
          label={t('requests.desk.checks.note')}
          htmlFor="check-note"
          required
          validateStatus={problem ? 'error' : undefined}
          help={problem}
        >
          <Input.TextArea
            id="check-note"
            rows={4}
            maxLength={1000}
            value={note}
            placeholder={t('requests.desk.checks.notePlaceholder')}
            onChange={(event) => setNote(event.target.value)}
            onBlur={() => setTouched(true)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 答复质检: the checker's queue (unsatisfied follow-ups first, then the random sample), each
 * order passed or returned to its unit with a note. Every control is a labelled button.
 */
export default function ChecksPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const queue = useCheckerQueue();
  const units = useUnitMap();
  const decide = useCheckDecision();
  const [returning, setReturning] = useState<CheckerQueueItem | undefined>();
  useDocumentTitle(t('requests.desk.checks.title'));

  const pass = (item: CheckerQueueItem) =>
    decide.mutate(
      { orderId: item.orderId, passed: true, note: '' },
      { onSuccess: () => void message.success(t('requests.desk.checks.passed', { no: numberOf(item) })) },
    );

  return (
    <Card>
      <Typography.Title level={2} className="lx-page-title">
        {t('requests.desk.checks.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('requests.desk.checks.intro')}</Typography.Paragraph>
      {queue.isError ? <ErrorView error={queue.error} onRetry={() => void queue.refetch()} /> : null}
      {decide.isError ? (
        <Alert type="error" showIcon title={errorMessage(decide.error)} style={{ marginBottom: 16 }} />
      ) : null}
      <Table<CheckerQueueItem>
        rowKey="orderId"
        loading={queue.isLoading}
        dataSource={queue.data ?? []}
        pagination={false}
        locale={{ emptyText: t('requests.desk.checks.empty') }}
        columns={[
          {
            title: t('requests.desk.checks.order'),
            key: 'order',
            render: (_, item) => (
              <Link to={`/requests/orders/${item.orderId}`}>
                {t('requests.desk.checks.orderLink', { no: numberOf(item) })}
              </Link>
            ),
          },
          {
            title: t('requests.desk.checks.reason'),
            key: 'reason',
            render: (_, item) => t(`requests.desk.checks.reasons.${item.reason}`),
          },
          {
            title: t('requests.desk.checks.unit'),
            key: 'unit',
            render: (_, item) => (item.leadUnitId === null ? '—' : (units.get(item.leadUnitId)?.name ?? '—')),
          },
          { title: t('requests.desk.checks.category'), dataIndex: 'category', key: 'category' },
          {
            title: t('requests.desk.checks.reply'),
            key: 'reply',
            render: (_, item) => item.reply ?? item.order.publicNote ?? '—',
          },
          {
            title: t('requests.desk.checks.waiting'),
            key: 'waiting',
            render: (_, item) => t('requests.desk.checks.hours', { count: item.waitingHours }),
          },
          {
            title: t('requests.desk.checks.actions'),
            key: 'actions',
            render: (_, item) => (
              <Space>
                <Button
                  aria-label={t('requests.desk.checks.passLabel', { no: numberOf(item) })}
                  loading={decide.isPending && decide.variables.orderId === item.orderId}
                  onClick={() => pass(item)}
                >
                  {t('requests.desk.checks.pass')}
                </Button>
                <Button
                  danger
                  aria-label={t('requests.desk.checks.returnLabel', { no: numberOf(item) })}
                  onClick={() => setReturning(item)}
                >
                  {t('requests.desk.checks.return')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <ReturnDialog item={returning} onClose={() => setReturning(undefined)} />
    </Card>
  );
}
