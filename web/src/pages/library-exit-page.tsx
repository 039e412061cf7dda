import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Space, Typography } from 'antd';
import type dayjs from 'dayjs';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { isApiError } from '../api/client';
import { libraryApi } from '../api/library';
import { ErrorView } from '../components/error-view';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useErrorMessage } from '../hooks/use-error-message';
import { useLibraryProject } from '../hooks/use-library';

interface Values {
  date?: dayjs.Dayjs;
  reason?: string;
}

/**
 * 项目出库 (/library/projects/:projectId/exit): a project taken out of the library with the day
 * and the reason, or an 出库 made by mistake undone with its reason — both audited. When someone
 * changed the project meanwhile (409) what was typed stays, and the page reads the project again.
 */
export default function LibraryExitPage() {
  const { t } = useTranslation();
  const errorText = useErrorMessage();
  const queryClient = useQueryClient();
  const id = Number(useParams().projectId);
  const detail = useLibraryProject(Number.isInteger(id) ? id : 0);
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | undefined>();
  const [moved, setMoved] = useState(false);
  const [done, setDone] = useState<string | undefined>();
  useDocumentTitle(t('library.exit.title'));
  if (detail.isError) return <ErrorView error={detail.error} onRetry={() => void detail.refetch()} />;
  const p = detail.data?.project;
  if (!p) return <Card loading />;

  const submit = async (values: Values) => {
    setBusy(true);
    setFailure(undefined);
    setMoved(false);
    try {
      const reason = values.reason ?? '';
      if (p.exited) await libraryApi.undoExit(p.id, { reason, version: p.version });
      else
        await libraryApi.exit(p.id, {
          date: values.date?.format('YYYY-MM-DD') ?? '',
          reason,
          version: p.version,
        });
      setDone(
        p.exited ? t('library.exit.undone', { name: p.name }) : t('library.exit.done', { name: p.name }),
      );
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['library'] });
    } catch (error) {
      if (isApiError(error, 'CONFLICT')) {
        setMoved(true);
        await detail.refetch();
      } else setFailure(errorText(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card>
      <Link to={`/library/projects/${p.id}`}>{t('library.exit.back', { name: p.name })}</Link>
      <Typography.Title level={2} className="lx-page-title">
        {p.exited ? t('library.exit.undoTitle') : t('library.exit.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">
        {p.exited
          ? t('library.exit.exitedOn', { name: p.name, date: p.exited.date, reason: p.exited.reason })
          : t('library.exit.intro', { name: p.name })}
      </Typography.Paragraph>
      <Space orientation="vertical" style={{ width: '100%' }}>
        {done ? <Alert type="success" showIcon title={done} /> : null}
        {moved ? <Alert type="warning" showIcon role="alert" title={t('library.exit.moved')} /> : null}
        {failure ? <Alert type="error" showIcon role="alert" title={failure} /> : null}
        <Form<Values>
          form={form}
          layout="vertical"
          onFinish={(v) => void submit(v)}
          style={{ maxWidth: 560 }}
        >
          {p.exited ? null : (
            <Form.Item
              name="date"
              label={t('library.exit.date')}
              rules={[{ required: true, message: t('library.exit.dateNeeded') }]}
            >
              <DatePicker />
            </Form.Item>
          )}
          <Form.Item
            name="reason"
            label={p.exited ? t('library.exit.undoReason') : t('library.exit.reason')}
            rules={[{ required: true, whitespace: true, message: t('library.exit.reasonNeeded') }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount />
          </Form.Item>
          <Button type="primary" danger={!p.exited} htmlType="submit" loading={busy}>
            {p.exited ? t('library.exit.undo') : t('library.exit.submit')}
          </Button>
        </Form>
      </Space>
    </Card>
  );
}
