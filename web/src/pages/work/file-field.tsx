import { useState } from 'react';
import { Alert, Button, Space, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';

/** What a field takes: the extensions and the largest size, checked before the upload (the server checks again). */
export interface FileRule {
  exts: readonly string[];
  maxBytes: number;
  /** The words naming what is accepted: 「PDF 文件或 JPG、PNG 图片」. */
  kindKey: string;
}

export const SCAN_RULE: FileRule = {
  exts: ['pdf', 'jpg', 'jpeg', 'png'],
  maxBytes: 20 * 1024 * 1024,
  kindKey: 'work.file.scanKinds',
};
export const LETTER_RULE: FileRule = {
  exts: ['docx'],
  maxBytes: 20 * 1024 * 1024,
  kindKey: 'work.file.letterKinds',
};

/** 'type' or 'size' when the file cannot be taken, else undefined. */
export function fileProblem(
  file: { name: string; size: number },
  rule: FileRule,
): 'type' | 'size' | 'empty' | undefined {
  const ext = /\.([A-Za-z0-9]+)$/.exec(file.name)?.[1]?.toLowerCase() ?? '';
  if (!rule.exts.includes(ext)) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > rule.maxBytes) return 'size';
  return undefined;
}

export interface StoredFile {
  id: number;
  name: string;
}

/**
 * One file to attach (a 批示件's scan, an answer letter): picked, checked, uploaded at once;
 * what was stored is named with a paper clip; a refusal says what is wrong in the office's words.
 */
export function FileField({
  id,
  rule,
  value,
  onUpload,
  uploadError,
  onChange,
  buttonKey,
}: {
  id: string;
  rule: FileRule;
  value: StoredFile | null;
  onUpload: (file: File) => Promise<StoredFile>;
  uploadError: (error: unknown) => string;
  onChange: (file: StoredFile | null) => void;
  buttonKey: string;
}) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | undefined>();
  const words = { kinds: t(rule.kindKey), mb: Math.round(rule.maxBytes / 1024 / 1024) };
  const take = async (file: File) => {
    const local = fileProblem(file, rule);
    if (local) {
      setProblem(t(`work.file.${local}`, words));
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      onChange(await onUpload(file));
    } catch (error) {
      // The server's refusal, in the field's own words where it says which rule the file broke.
      if (isApiError(error) && error.code === 'TOO_LARGE') setProblem(t('work.file.size', words));
      else if (isApiError(error) && error.code === 'UNSUPPORTED_FORMAT')
        setProblem(t('work.file.type', words));
      else setProblem(uploadError(error));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Space direction="vertical" size={4}>
      <Space wrap>
        <Upload
          showUploadList={false}
          accept={rule.exts.map((e) => `.${e}`).join(',')}
          beforeUpload={(file) => {
            void take(file);
            return false;
          }}
        >
          <Button id={id} icon={<UploadOutlined />} loading={busy}>
            {t(buttonKey)}
          </Button>
        </Upload>
        {value ? (
          <span>
            <PaperClipOutlined /> {value.name}{' '}
            <Button type="link" size="small" onClick={() => onChange(null)}>
              {t('work.file.remove')}
            </Button>
          </span>
        ) : (
          <Typography.Text type="secondary">{t('work.file.hint', words)}</Typography.Text>
        )}
      </Space>
      {problem ? <Alert type="error" showIcon title={problem} /> : null}
    </Space>
  );
}
