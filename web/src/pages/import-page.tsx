import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, InputNumber, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useImportReport } from '../hooks/use-plan-data';
import { useErrorMessage } from '../hooks/use-error-message';
import { isApiError } from '../api/client';
import type { ReaderWarning } from '../api/types';
import { savePlanId } from '../hooks/use-current-plan';

const ACCEPT = ['.txt', '.docx', '.html', '.htm', '.pdf'];

/** 导入报告: upload a report file; the new draft plan opens in the report view for review. */
export default function ImportPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const errorMessage = useErrorMessage();
  const upload = useImportReport();
  const [file, setFile] = useState<File | undefined>();
  const [year, setYear] = useState<number | null>(null);
  const [place, setPlace] = useState('');
  const [tried, setTried] = useState(false);
  const [error, setError] = useState<string | undefined>();
  // What the reader found odd: shown here before the draft is reviewed and published (issue 13).
  const [warned, setWarned] = useState<{ planId: number; warnings: ReaderWarning[] } | undefined>();

  const typeOk = file === undefined || ACCEPT.some((ext) => file.name.toLowerCase().endsWith(ext));
  const yearOk = year === null || (year >= 1949 && year <= 2100);
  const fileProblem = !typeOk
    ? t('importReport.badType')
    : tried && !file
      ? t('importReport.chooseFile')
      : undefined;

  const submit = () => {
    setTried(true);
    setError(undefined);
    if (!file || !typeOk || !yearOk) return;
    upload.mutate(
      { file, name: file.name, year: year ?? undefined, place: place.trim() || undefined },
      {
        onSuccess: (summary) => {
          void message.success(t('importReport.done', { title: summary.plan.title }));
          savePlanId(summary.plan.id);
          if (summary.warnings?.length) setWarned({ planId: summary.plan.id, warnings: summary.warnings });
          else navigate(`/plans/${summary.plan.id}/report`);
        },
        onError: (cause) => {
          // A file that is not a report: said in the user's language, with the reader's reason.
          if (isApiError(cause, 'UNPROCESSABLE')) {
            const reason = cause.details[0]?.message ?? cause.message;
            setError(`${t('importReport.notAReport')}${reason ? ` (${reason})` : ''}`);
          } else {
            setError(errorMessage(cause));
          }
        },
      },
    );
  };

  return (
    <Card style={{ maxWidth: 720 }}>
      <Typography.Title level={2} className="lx-page-title" style={{ fontSize: 20 }}>
        {t('importReport.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('importReport.intro')}</Typography.Paragraph>
      <Form layout="vertical" onFinish={submit}>
        <Form.Item
          validateStatus={fileProblem ? 'error' : undefined}
          help={fileProblem}
          label={t('importReport.drop')}
          htmlFor="import-file"
        >
          <Upload.Dragger
            id="import-file"
            accept={ACCEPT.join(',')}
            maxCount={1}
            beforeUpload={(chosen) => {
              setFile(chosen);
              setError(undefined);
              return false; // sent with the form, not on its own
            }}
            onRemove={() => setFile(undefined)}
            fileList={file ? [{ uid: 'report', name: file.name, status: 'done' }] : []}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined />
            </p>
            <p>{t('importReport.drop')}</p>
            <p>{t('importReport.formats')}</p>
          </Upload.Dragger>
        </Form.Item>
        <Form.Item
          label={t('importReport.year')}
          htmlFor="import-year"
          validateStatus={yearOk ? undefined : 'error'}
          help={yearOk ? undefined : t('importReport.yearRange')}
        >
          <InputNumber
            id="import-year"
            value={year}
            onChange={(value) => setYear(value)}
            style={{ width: 160 }}
          />
        </Form.Item>
        <Form.Item label={t('importReport.place')} htmlFor="import-place">
          <Input id="import-place" value={place} maxLength={100} onChange={(e) => setPlace(e.target.value)} />
        </Form.Item>
        {warned ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            title={t('importReport.warningsTitle')}
            description={
              <ul style={{ paddingInlineStart: 20, margin: 0 }}>
                {warned.warnings.map((w, i) => (
                  <li key={`${w.code}-${i}`}>
                    {t(`importReport.warnings.${w.code}`, { defaultValue: t('importReport.warnings.other') })}
                    {w.excerpt ? (
                      <Typography.Text type="secondary">
                        {' '}
                        {t('importReport.at', { excerpt: w.excerpt.slice(0, 40) })}
                      </Typography.Text>
                    ) : null}
                  </li>
                ))}
              </ul>
            }
            action={
              <Button onClick={() => navigate(`/plans/${warned.planId}/report`)}>
                {t('importReport.openReview')}
              </Button>
            }
          />
        ) : null}
        {error ? (
          <Typography.Paragraph type="danger" role="alert">
            {error}
          </Typography.Paragraph>
        ) : null}
        <Button type="primary" htmlType="submit" loading={upload.isPending}>
          {t('importReport.submit')}
        </Button>
      </Form>
    </Card>
  );
}
