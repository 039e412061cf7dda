/**
 * A PDF made on request (the 督办通知单, the year-end review): the server prints the Word
 * document, which takes a few seconds, so the button fetches it, shows it is busy and saves the
 * file when it comes; a server that cannot make PDF says so and points to the Word version.
 */
import { FilePdfOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { useErrorMessage } from '../hooks/use-error-message';

/** Saves a Blob under a file name, as a download link would. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function PdfDownload({
  load,
  fileName,
  label,
  type = 'default',
  size,
}: {
  load: () => Promise<Blob>;
  /** Without ".pdf". */
  fileName: string;
  label: string;
  type?: ButtonProps['type'];
  size?: ButtonProps['size'];
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const [busy, setBusy] = useState(false);
  const run = async () => {
    setBusy(true);
    try {
      saveBlob(await load(), `${fileName.replace(/[\\/:*?"<>|]+/g, '_')}.pdf`);
    } catch (error) {
      void message.error(isApiError(error, 'UNAVAILABLE') ? t('pdf.unavailable') : errorMessage(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button type={type} size={size} icon={<FilePdfOutlined />} loading={busy} onClick={() => void run()}>
      {busy ? t('pdf.making') : label}
    </Button>
  );
}
