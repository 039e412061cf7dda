import { useState } from 'react';
import { Button, DatePicker, Form, Input, Radio, Space } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { InstructionBody } from '../../api/work';
import { FileField, SCAN_RULE, type StoredFile } from './file-field';

export interface InstructionFormProps {
  /** ISO date of today (Beijing): an instruction is not dated later. */
  today: string;
  submitting?: boolean;
  onSubmit: (body: InstructionBody) => void;
  /** Stores the scan (PDF or a photo of the page) before the registration; none when absent. */
  onUploadScan?: (file: File) => Promise<StoredFile>;
  uploadError?: (error: unknown) => string;
}

interface Values {
  docNumber: string;
  title: string;
  leader: string;
  instructedOn: string | null;
  class: 'document' | 'reading';
  text: string;
}

const EMPTY: Values = {
  docNumber: '',
  title: '',
  leader: '',
  instructedOn: null,
  class: 'document',
  text: '',
};
type Field = 'docNumber' | 'title' | 'leader' | 'instructedOn';
const LABEL: Record<Field, string> = {
  docNumber: 'work.form.docNumber',
  title: 'work.form.docTitle',
  leader: 'work.form.leader',
  instructedOn: 'work.form.instructedOn',
};

/** What is missing or wrong, by field (the server checks again and names the same fields). */
export function instructionProblems(values: Values, today: string): Partial<Record<Field, string>> {
  const problems: Partial<Record<Field, string>> = {};
  for (const field of ['docNumber', 'title', 'leader'] as const) {
    if (values[field].trim() === '') problems[field] = 'required';
  }
  if (!values.instructedOn) problems.instructedOn = 'required';
  else if (values.instructedOn > today) problems.instructedOn = 'future';
  return problems;
}

/**
 * 登记领导批示件 in one form: 文号, 标题, 批示领导, 批示日期, 文件/阅件, 批示内容, 扫描件. Checks on submit,
 * naming each field to fill in; keeps what was typed when the server refuses it.
 */
export function InstructionForm({
  today,
  submitting,
  onSubmit,
  onUploadScan,
  uploadError,
}: InstructionFormProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState<Values>(EMPTY);
  const [scan, setScan] = useState<StoredFile | null>(null);
  const [checked, setChecked] = useState(false);
  const problems = instructionProblems(values, today);
  const change = <K extends keyof Values>(field: K, value: Values[K]) =>
    setValues((previous) => ({ ...previous, [field]: value }));
  const status = (field: Field) => {
    const problem = checked ? problems[field] : undefined;
    if (!problem) return {};
    return {
      validateStatus: 'error' as const,
      help:
        problem === 'future' ? t('work.form.future') : t('work.form.required', { field: t(LABEL[field]) }),
    };
  };
  const submit = () => {
    setChecked(true);
    if (Object.keys(problems).length > 0) return;
    onSubmit({
      docNumber: values.docNumber.trim(),
      title: values.title.trim(),
      leader: values.leader.trim(),
      instructedOn: values.instructedOn!,
      class: values.class,
      text: values.text.trim() || null,
      ...(scan ? { scanFileId: scan.id } : {}),
    });
  };

  return (
    <Form layout="vertical" onFinish={submit} aria-label={t('work.register')}>
      <Space wrap align="start">
        <Form.Item label={t('work.form.docNumber')} htmlFor="instruction-number" {...status('docNumber')}>
          <Input
            id="instruction-number"
            placeholder={t('work.form.docNumberHint')}
            value={values.docNumber}
            maxLength={80}
            onChange={(event) => change('docNumber', event.target.value)}
          />
        </Form.Item>
        <Form.Item label={t('work.form.leader')} htmlFor="instruction-leader" {...status('leader')}>
          <Input
            id="instruction-leader"
            placeholder={t('work.form.leaderHint')}
            value={values.leader}
            maxLength={50}
            onChange={(event) => change('leader', event.target.value)}
          />
        </Form.Item>
        <Form.Item label={t('work.form.instructedOn')} htmlFor="instruction-date" {...status('instructedOn')}>
          <DatePicker
            id="instruction-date"
            value={values.instructedOn ? dayjs(values.instructedOn) : null}
            onChange={(date) => change('instructedOn', date ? date.format('YYYY-MM-DD') : null)}
          />
        </Form.Item>
        <Form.Item label={t('work.form.kind')}>
          <Radio.Group
            value={values.class}
            onChange={(event) => change('class', event.target.value as Values['class'])}
            options={[
              { value: 'document', label: t('work.form.document') },
              { value: 'reading', label: t('work.form.reading') },
            ]}
          />
        </Form.Item>
      </Space>
      <Form.Item label={t('work.form.docTitle')} htmlFor="instruction-title" {...status('title')}>
        <Input
          id="instruction-title"
          value={values.title}
          maxLength={300}
          onChange={(event) => change('title', event.target.value)}
        />
      </Form.Item>
      <Form.Item label={t('work.form.text')} htmlFor="instruction-text">
        <Input.TextArea
          id="instruction-text"
          rows={3}
          value={values.text}
          maxLength={5000}
          onChange={(event) => change('text', event.target.value)}
        />
      </Form.Item>
      {onUploadScan ? (
        <Form.Item label={t('work.form.scan')} htmlFor="instruction-scan">
          <FileField
            id="instruction-scan"
            rule={SCAN_RULE}
            value={scan}
            onUpload={onUploadScan}
            uploadError={uploadError ?? String}
            onChange={setScan}
            buttonKey="work.file.pickScan"
          />
        </Form.Item>
      ) : null}
      <Button type="primary" htmlType="submit" loading={submitting}>
        {t('work.form.submit')}
      </Button>
    </Form>
  );
}
