import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Modal, Space, Table, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { KnowledgeUpkeepItem } from '../../api/desk';
import { deskApi } from '../../api/desk';
import { ErrorView } from '../../components/error-view';
import { ToneTag, type Tone } from '../../components/tags';
import { useKnowledgeStep, useKnowledgeUpkeep, useStaleNotices } from '../../hooks/use-desk';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useErrorMessage } from '../../hooks/use-error-message';
import { useUnitMap } from '../../hooks/use-requests';
import { useSession } from '../../hooks/use-session';

const KIND_TONE: Record<KnowledgeUpkeepItem['kind'], Tone> = {
  stale: 'red',
  expiring: 'orange',
  pending: 'gold',
  rejected: 'purple',
};

/** 复核确认 of one entry: the answer still holds; the next review date (half a year on by default). */
function ConfirmDialog({ item, onClose }: { item: KnowledgeUpkeepItem | undefined; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const step = useKnowledgeStep();
  const [reviewBy, setReviewBy] = useState(() => dayjs().add(180, 'day').format('YYYY-MM-DD'));
  const confirm = async () => {
    if (!item) return;
    // The row version is read now, so a change meanwhile is not overwritten blindly.
    const latest = await deskApi.knowledgeEntry(item.entryId);
    step.mutate(
      { type: 'confirm', id: item.entryId, reviewBy, version: latest.version },
      {
        onSuccess: () => {
          void message.success(t('requests.kb.confirmed'));
          onClose();
        },
      },
    );
  };
  return (
    <Modal
      open={item !== undefined}
      title={t('requests.kb.confirmTitle')}
      okText={t('requests.kb.confirm')}
      cancelText={t('requests.kb.cancel')}
      confirmLoading={step.isPending}
      onOk={() => void confirm()}
      onCancel={onClose}
      destroyOnHidden
    >
      {step.isError ? <Alert type="error" showIcon role="alert" title={errorMessage(step.error)} /> : null}
      <Typography.Paragraph>{item?.question}</Typography.Paragraph>
      <Form layout="vertical" onFinish={() => void confirm()}>
        <Form.Item label={t('requests.kb.nextReview')} htmlFor="kb-next-review" required>
          <Input
            id="kb-next-review"
            type="date"
            value={reviewBy}
            onChange={(e) => setReviewBy(e.target.value)}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/**
 * 待复核知识: what each unit owes its knowledge base (entries past their review date first,
 * then lapsing, waiting and returned ones); a unit sees its own, the centre every unit's and
 * sends the review reminders (through the notices' outbox).
 */
export default function KnowledgeUpkeepPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('requests.kb.upkeep.title'));
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const { session } = useSession();
  const user = session?.user;
  const centre = user?.role === 'admin' || user?.role === 'supervisor';
  const units = useUnitMap();
  const upkeep = useKnowledgeUpkeep(undefined);
  const notices = useStaleNotices();
  const [confirming, setConfirming] = useState<KnowledgeUpkeepItem | undefined>();
  const days = (item: KnowledgeUpkeepItem) =>
    item.kind === 'stale'
      ? t('requests.kb.upkeep.daysStale', { count: item.days })
      : item.kind === 'expiring'
        ? t('requests.kb.upkeep.daysLeft', { count: item.days })
        : t('requests.kb.upkeep.daysWaiting', { count: item.days });

  const notify = () =>
    notices.mutate(undefined, {
      onSuccess: (result) =>
        void message.success(
          result.entries === 0
            ? t('requests.kb.upkeep.notifiedNone')
            : t('requests.kb.upkeep.notified', result),
        ),
    });

  return (
    <Card>
      <Typography.Title level={2} className="lx-page-title">
        {t('requests.kb.upkeep.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('requests.kb.upkeep.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 16 }}>
        {upkeep.data ? (
          <Typography.Text>{t('requests.kb.upkeep.asOf', { date: upkeep.data.asOf })}</Typography.Text>
        ) : null}
        {centre ? (
          <Button onClick={notify} loading={notices.isPending}>
            {t('requests.kb.upkeep.notify')}
          </Button>
        ) : null}
        <Link to="/requests/knowledge">{t('requests.kb.title')}</Link>
      </Space>
      {notices.isError ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={errorMessage(notices.error)}
          style={{ marginBottom: 12 }}
        />
      ) : null}
      {upkeep.isError ? <ErrorView error={upkeep.error} onRetry={() => void upkeep.refetch()} /> : null}
      <Table<KnowledgeUpkeepItem>
        data-testid="kb-upkeep"
        rowKey={(i) => `${i.entryId}:${i.kind}`}
        loading={upkeep.isPending}
        dataSource={upkeep.data?.items ?? []}
        locale={{ emptyText: t('requests.kb.upkeep.empty') }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          {
            title: t('requests.kb.upkeep.kind'),
            key: 'k',
            render: (_, i) => (
              <ToneTag tone={KIND_TONE[i.kind]}>{t(`requests.kb.upkeep.kinds.${i.kind}`)}</ToneTag>
            ),
          },
          {
            title: t('requests.kb.question'),
            key: 'q',
            render: (_, i) => <Link to={`/requests/knowledge?entry=${i.entryId}`}>{i.question}</Link>,
          },
          {
            title: t('requests.kb.owner'),
            key: 'o',
            render: (_, i) => units.get(i.ownerUnitId)?.name ?? '—',
          },
          { title: t('requests.kb.upkeep.days'), key: 'd', render: (_, i) => days(i) },
          { title: t('requests.kb.upkeep.detail'), dataIndex: 'message', key: 'm' },
          {
            title: t('requests.kb.upkeep.actions'),
            key: 'a',
            render: (_, i) =>
              (i.kind === 'stale' || i.kind === 'expiring') &&
              (centre || user?.unitIds.includes(i.ownerUnitId)) ? (
                <Button size="small" onClick={() => setConfirming(i)}>
                  {t('requests.kb.confirm')}
                </Button>
              ) : null,
          },
        ]}
      />
      <ConfirmDialog item={confirming} onClose={() => setConfirming(undefined)} />
    </Card>
  );
}
