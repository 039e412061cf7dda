import { useState } from 'react';
import { Alert, App, Button, Descriptions, Space, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { documentsApi, EXPORT_LISTS, type LedgerImportAnswer } from '../api/documents';
import { CellProblems, LedgerChanges } from '../components/ledger-changes';
import { PdfDownload } from '../components/pdf-download';
import { useErrorMessage } from '../hooks/use-error-message';

/**
 * 下载与导入 for the plan office: the ledger (one sheet or one per chapter), the year-end
 * review (.docx/.xlsx/PDF), list exports; and a ledger import that checks first (dry run, with the
 * change report or every bad cell) and applies only when asked.
 */
export function DownloadsPanel({ planId, canImport }: { planId: number; canImport: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const client = useQueryClient();
  const [file, setFile] = useState<File | undefined>();
  const [checked, setChecked] = useState<LedgerImportAnswer | undefined>();
  const [problem, setProblem] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const run = async (dryRun: boolean) => {
    if (!file) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const answer = await documentsApi.importLedger(planId, file, file.name, dryRun);
      if (dryRun) setChecked(answer);
      else {
        void message.success(t('downloads.applied', { count: answer.changes.length }));
        setChecked(undefined);
        setFile(undefined);
        await client.invalidateQueries({ queryKey: ['plan', planId] });
      }
    } catch (error) {
      setChecked(undefined);
      setProblem(error);
    } finally {
      setBusy(false);
    }
  };

  const link = (href: string, label: string) => (
    <Button key={href} href={href} icon={<DownloadOutlined />} download>
      {label}
    </Button>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }} data-testid="downloads">
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('downloads.ledger')}>
          <Space wrap>
            {link(documentsApi.ledgerUrl(planId, 'single'), t('downloads.ledgerSingle'))}
            {link(documentsApi.ledgerUrl(planId, 'by-chapter'), t('downloads.ledgerByChapter'))}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('downloads.review')}>
          <Space wrap>
            {link(documentsApi.reviewUrl(planId, 'docx'), t('downloads.reviewDocx'))}
            {link(documentsApi.reviewUrl(planId, 'xlsx'), t('downloads.reviewXlsx'))}
            <PdfDownload
              load={() => documentsApi.reviewPdf(planId)}
              fileName={t('downloads.review')}
              label={t('downloads.reviewPdf')}
            />
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('downloads.exports')}>
          <Space wrap>
            {EXPORT_LISTS.map((list) => (
              <Space.Compact key={list}>
                <Button disabled>{t(`downloads.lists.${list}`)}</Button>
                {link(documentsApi.exportUrl(planId, list, 'xlsx'), 'xlsx')}
                {link(documentsApi.exportUrl(planId, list, 'csv'), 'CSV')}
              </Space.Compact>
            ))}
          </Space>
        </Descriptions.Item>
      </Descriptions>
      {canImport ? (
        <div>
          <Typography.Title level={3} style={{ fontSize: 16 }}>
            {t('downloads.importLedger')}
          </Typography.Title>
          <Space wrap>
            <Upload
              accept=".xlsx"
              maxCount={1}
              showUploadList={false}
              beforeUpload={(chosen) => {
                setFile(chosen);
                setChecked(undefined);
                setProblem(undefined);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />}>{file ? file.name : t('downloads.chooseFile')}</Button>
            </Upload>
            <Button disabled={!file} loading={busy && !checked} onClick={() => void run(true)}>
              {t('downloads.dryRun')}
            </Button>
            <Button
              type="primary"
              disabled={!checked || checked.changes.length === 0}
              loading={busy && checked !== undefined}
              onClick={() => void run(false)}
            >
              {t('downloads.apply')}
            </Button>
          </Space>
          {problem ? (
            isApiError(problem) && problem.details.length > 0 ? (
              <div style={{ marginTop: 12 }}>
                <CellProblems
                  details={problem.details}
                  title={t('downloads.rowErrors', { count: problem.details.length })}
                />
              </div>
            ) : (
              <Alert type="error" showIcon title={errorMessage(problem)} style={{ marginTop: 12 }} />
            )
          ) : null}
          {checked ? (
            <div style={{ marginTop: 12 }}>
              <Alert
                type={checked.changes.length > 0 ? 'info' : 'success'}
                showIcon
                title={
                  checked.changes.length > 0
                    ? t('downloads.changes', { count: checked.changes.length })
                    : t('downloads.noChanges')
                }
                style={{ marginBottom: 8 }}
              />
              <LedgerChanges changes={checked.changes} />
            </div>
          ) : null}
        </div>
      ) : null}
    </Space>
  );
}
