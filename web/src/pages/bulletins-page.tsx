import { useState } from 'react';
import { App, Button, Card, DatePicker, Empty, List, Popconfirm, Space, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { workApi, type BulletinDraft, type IssuedBulletinSummary } from '../api/work';
import { beijingMonth } from '../components/requests/month';
import { ErrorView } from '../components/error-view';
import { PdfDownload } from '../components/pdf-download';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useErrorMessage } from '../hooks/use-error-message';
import { useLang } from '../hooks/use-lang';
import { useSession } from '../hooks/use-session';
import { useWorkingAsOf } from '../hooks/use-as-of';
import { formatDateTime } from '../lib/format';
import { BulletinDraftForm } from './work/bulletin-draft-form';
import { BulletinPreview } from './work/bulletin-preview';
import { IssuedBulletinView } from './work/issued-bulletin';

/** 已印发通报: each revision with its downloads (.docx with the red header, its PDF, .xlsx). */
export function IssuedBulletins({ items }: { items: IssuedBulletinSummary[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (items.length === 0) return <Empty description={t('work.bulletin.noneIssued')} />;
  return (
    <List
      dataSource={items}
      renderItem={(b) => (
        <List.Item
          actions={[
            <a key="docx" href={workApi.fileUrl(b.id, 'docx')} download>
              {t('work.bulletin.download')} Word
            </a>,
            <a key="xlsx" href={workApi.fileUrl(b.id, 'xlsx')} download>
              {t('work.bulletin.download')} Excel
            </a>,
            <PdfDownload
              key="pdf"
              type="link"
              size="small"
              load={() => workApi.filePdf(b.id)}
              fileName={`${b.number}${b.title}`}
              label={t('work.bulletin.printPdf')}
            />,
          ]}
        >
          <List.Item.Meta
            title={`${b.number} ${b.title}${b.revision > 1 ? `（${t('work.bulletin.revision', { revision: b.revision })}）` : ''}`}
            description={`${t('work.bulletin.issuedAt')}：${formatDateTime(b.issuedAt, lang)}`}
          />
        </List.Item>
      )}
    />
  );
}

/**
 * 月度通报: the office picks a month, writes the 文号, leaders' comments and next steps, reads the
 * preview built from the data, and issues it; every unit reads the bulletins that name it.
 */
export default function BulletinsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('work.bulletin.title'));
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const { session } = useSession();
  const client = useQueryClient();
  const office = session?.user.role === 'admin' || session?.user.role === 'supervisor';
  // A notice's link opens one issued bulletin (`/bulletins/:id`) above the rest.
  const opened = Number(useParams().bulletinId);
  // By default the month the working plan is read as of: this month, or a past plan's last month
  // (a 2022 plan is reported on as it stood in December 2022, not four years overdue).
  const asOf = useWorkingAsOf();
  const [picked, setMonth] = useState<string | undefined>();
  const month = picked ?? asOf?.slice(0, 7) ?? beijingMonth();
  const [dirty, setDirty] = useState(false);
  const issued = useQuery({ queryKey: ['bulletins', 'issued'], queryFn: workApi.issued });
  const draft = useQuery({
    queryKey: ['bulletins', 'draft', month],
    queryFn: () => workApi.draft(month),
    enabled: office,
  });
  const preview = useQuery({
    queryKey: ['bulletins', 'preview', month],
    queryFn: () => workApi.preview(month),
    enabled: office,
  });
  const save = useMutation({
    mutationFn: (data: BulletinDraft) => workApi.saveDraft(month, data, draft.data?.version ?? 0),
    onSuccess: () => {
      void message.success(t('work.bulletin.draftSaved'));
      void client.invalidateQueries({ queryKey: ['bulletins'] });
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  const issue = useMutation({
    mutationFn: () => workApi.issue(month, draft.data?.version ?? 0),
    onSuccess: (b) => {
      void message.success(t('work.bulletin.issued', { number: b.number }));
      void client.invalidateQueries({ queryKey: ['bulletins'] });
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  const numbered = (draft.data?.data.number ?? '') !== '';

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <Typography.Title level={3}>{t('work.bulletin.title')}</Typography.Title>
      {Number.isInteger(opened) && opened > 0 ? <IssuedBulletinView id={opened} /> : null}
      {office ? (
        <Card
          title={t('work.bulletin.draft')}
          extra={
            <DatePicker
              picker="month"
              aria-label={t('work.bulletin.month')}
              allowClear={false}
              value={dayjs(`${month}-01`)}
              onChange={(date) => date && setMonth(date.format('YYYY-MM'))}
            />
          }
        >
          {draft.error ? (
            <ErrorView error={draft.error} onRetry={() => void draft.refetch()} />
          ) : draft.data ? (
            <BulletinDraftForm
              draft={draft.data.data}
              saving={save.isPending}
              onSave={(data) => save.mutate(data)}
              onDirty={setDirty}
            />
          ) : null}
        </Card>
      ) : null}
      {office ? (
        <Card
          title={t('work.bulletin.preview')}
          extra={
            <Popconfirm
              title={t('work.bulletin.confirmIssue')}
              onConfirm={() => issue.mutate()}
              disabled={!numbered || dirty}
            >
              <Button type="primary" danger loading={issue.isPending} disabled={!numbered || dirty}>
                {t('work.bulletin.issue')}
              </Button>
            </Popconfirm>
          }
        >
          {!numbered ? (
            <Typography.Paragraph type="warning">{t('work.bulletin.needNumber')}</Typography.Paragraph>
          ) : null}
          {dirty ? (
            <Typography.Paragraph type="warning">{t('work.bulletin.unsaved')}</Typography.Paragraph>
          ) : null}
          {preview.error ? (
            <ErrorView error={preview.error} onRetry={() => void preview.refetch()} />
          ) : preview.data ? (
            <BulletinPreview bulletin={preview.data} />
          ) : null}
        </Card>
      ) : null}
      <Card title={t('work.bulletin.issuedList')}>
        {issued.error ? (
          <ErrorView error={issued.error} onRetry={() => void issued.refetch()} />
        ) : (
          <IssuedBulletins items={issued.data ?? []} />
        )}
      </Card>
    </Space>
  );
}
