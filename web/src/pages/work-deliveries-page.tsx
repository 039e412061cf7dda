import { useState } from 'react';
import { App, Button, Card, Select, Space, Table, Tooltip, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { workApi, type OutboxEntry, type OutboxQuery } from '../api/work';
import { ErrorView } from '../components/error-view';
import { ToneTag } from '../components/tags';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useErrorMessage } from '../hooks/use-error-message';
import { useLang } from '../hooks/use-lang';
import { formatDateTime } from '../lib/format';

const STATUS_TONES = { pending: 'grey', sending: 'blue', sent: 'green', failed: 'red' } as const;
const STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;
const CHANNELS = ['email', 'sms', 'dingtalk', 'wecom', 'webhook'] as const;
const PAGE = 50;

/**
 * 消息发送记录 (admins): every message the reminders, chasers and notices made — to whom, by which
 * channel, what became of it (sent, failed and why, delivered, read where the channel says) —
 * filtered by status and channel; a failed one sent again.
 */
export default function WorkDeliveriesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('work.deliveries.title'));
  const lang = useLang();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const client = useQueryClient();
  const [status, setStatus] = useState<OutboxQuery['status']>();
  const [channel, setChannel] = useState<OutboxQuery['channel']>();
  const [page, setPage] = useState(1);
  const query: OutboxQuery = {
    ...(status ? { status } : {}),
    ...(channel ? { channel } : {}),
    limit: PAGE,
    offset: (page - 1) * PAGE,
  };
  const log = useQuery({ queryKey: ['notify', 'outbox', query], queryFn: () => workApi.outbox(query) });
  const resend = useMutation({
    mutationFn: (id: string) => workApi.resend(id),
    onSuccess: () => {
      void message.success(t('work.deliveries.resent'));
      void client.invalidateQueries({ queryKey: ['notify', 'outbox'] });
    },
    onError: (error) => void message.error(errorMessage(error)),
  });

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3}>{t('work.deliveries.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('work.deliveries.intro')}</Typography.Paragraph>
      </div>
      <Card
        extra={
          <Space wrap>
            <Select
              aria-label={t('work.deliveries.status')}
              allowClear
              placeholder={t('work.deliveries.allStatuses')}
              style={{ width: 130 }}
              value={status}
              onChange={(v) => {
                setStatus(v);
                setPage(1);
              }}
              options={STATUSES.map((s) => ({ value: s, label: t(`work.deliveries.statuses.${s}`) }))}
            />
            <Select
              aria-label={t('work.deliveries.channel')}
              allowClear
              placeholder={t('work.deliveries.allChannels')}
              style={{ width: 130 }}
              value={channel}
              onChange={(v) => {
                setChannel(v);
                setPage(1);
              }}
              options={CHANNELS.map((c) => ({ value: c, label: t(`work.deliveries.channels.${c}`) }))}
            />
          </Space>
        }
      >
        {log.error ? (
          <ErrorView error={log.error} onRetry={() => void log.refetch()} />
        ) : (
          <Table<OutboxEntry>
            rowKey="id"
            size="middle"
            loading={log.isLoading}
            dataSource={log.data?.items ?? []}
            locale={{ emptyText: t('work.deliveries.empty') }}
            scroll={{ x: 900 }}
            pagination={{
              current: page,
              pageSize: PAGE,
              total: log.data?.total ?? 0,
              hideOnSinglePage: true,
              showSizeChanger: false,
              onChange: setPage,
            }}
            columns={[
              {
                title: t('work.deliveries.columns.queuedAt'),
                key: 'queued',
                render: (_, m) => formatDateTime(m.queuedAt, lang),
              },
              {
                title: t('work.deliveries.columns.recipient'),
                key: 'to',
                render: (_, m) => m.recipient.label,
              },
              {
                title: t('work.deliveries.columns.channel'),
                key: 'channel',
                render: (_, m) => t(`work.deliveries.channels.${m.channel}`),
              },
              { title: t('work.deliveries.columns.title'), dataIndex: 'title', key: 'title' },
              {
                title: t('work.deliveries.columns.status'),
                key: 'status',
                render: (_, m) => {
                  const tag = (
                    <ToneTag tone={STATUS_TONES[m.status]}>
                      {t(`work.deliveries.statuses.${m.status}`)}
                    </ToneTag>
                  );
                  return (
                    <Space size={4} wrap>
                      {m.status === 'failed' && m.lastError ? (
                        <Tooltip title={t('work.deliveries.failedWhy', { why: m.lastError })}>{tag}</Tooltip>
                      ) : (
                        tag
                      )}
                      {m.readAt ? (
                        <Typography.Text type="secondary">{t('work.deliveries.read')}</Typography.Text>
                      ) : m.deliveredAt ? (
                        <Typography.Text type="secondary">{t('work.deliveries.delivered')}</Typography.Text>
                      ) : null}
                      {m.status === 'pending' && m.nextAttemptAt ? (
                        <Typography.Text type="secondary">
                          {t('work.deliveries.waitUntil', { time: formatDateTime(m.nextAttemptAt, lang) })}
                        </Typography.Text>
                      ) : null}
                    </Space>
                  );
                },
              },
              { title: t('work.deliveries.columns.attempts'), dataIndex: 'attempts', key: 'attempts' },
              {
                title: t('work.deliveries.columns.sentAt'),
                key: 'sent',
                render: (_, m) => (m.sentAt ? formatDateTime(m.sentAt, lang) : '—'),
              },
              {
                title: t('work.deliveries.columns.actions'),
                key: 'actions',
                render: (_, m) =>
                  m.status === 'failed' ? (
                    <Button size="small" loading={resend.isPending} onClick={() => resend.mutate(m.id)}>
                      {t('work.deliveries.resend')}
                    </Button>
                  ) : null,
              },
            ]}
          />
        )}
      </Card>
    </Space>
  );
}
