import { useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, Modal, Select, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { NoticeUrgency } from '../api/tracking';

export interface ActionValues {
  text: string;
  date: string | null;
  urgency: NoticeUrgency | undefined;
  /** Evidence files stored through `onUpload` (a closing application needs one at least). */
  evidence: { id: number; name: string }[];
  /** The optional second text (`noteLabel`), e.g. a 延期's public 偏差说明. */
  note: string;
}

export interface ActionDialogProps {
  open: boolean;
  title: string;
  /** The text field's label; its content is required (a reason, an answer, a note). */
  textLabel: string;
  /** False makes the text optional (a closing note). */
  textRequired?: boolean;
  /** A date field's label, when the action needs one (new deadline, new due date). */
  dateLabel?: string;
  /** An optional second text's label and hint (a 延期's public 偏差说明 past the plan's threshold). */
  noteLabel?: string;
  noteHelp?: string;
  /**
   * The note's problem for the date chosen, in words, when the note becomes required (a 延期
   * past the plan's slippage threshold needs its 偏差说明); the form is not sent while it has one.
   */
  noteProblem?: (date: string | null, note: string) => string | undefined;
  /** The server's refusal of the note, in words, shown at the note field. */
  noteError?: string;
  /** Dates before this ISO date are refused. */
  minDate?: string;
  initialDate?: string | null;
  urgency?: boolean;
  /** Stores an evidence file; when given, one file at least is required. */
  onUpload?: (file: File) => Promise<{ id: number; name: string }>;
  uploadError?: (error: unknown) => string;
  okText: string;
  submitting?: boolean;
  /** A server error to show, already in the user's words. */
  error?: string;
  onSubmit: (values: ActionValues) => void;
  onCancel: () => void;
}

const TEXT_MAX = 2000;

/**
 * One small form in a dialog for every supervision step that needs words (and maybe a date):
 * return with a reason, deny, answer a notice, escalate, ask for an extension, reopen.
 * Checks as the user types; fetches nothing.
 */
export function ActionDialog(props: ActionDialogProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState<ActionValues>({
    text: '',
    date: props.initialDate ?? null,
    urgency: undefined,
    evidence: [],
    note: '',
  });
  const [touched, setTouched] = useState<{
    text?: boolean;
    date?: boolean;
    evidence?: boolean;
    note?: boolean;
  }>({});
  const [uploading, setUploading] = useState(false);
  const [uploadProblem, setUploadProblem] = useState<string | undefined>();
  const required = props.textRequired ?? true;
  const textProblem =
    required && values.text.trim() === ''
      ? t('supervision.reasonRequired')
      : values.text.length > TEXT_MAX
        ? t('todo.noteTooLong', { max: TEXT_MAX })
        : undefined;
  const dateProblem =
    props.dateLabel && !values.date
      ? t('todo.dateRequired')
      : props.dateLabel && props.minDate && values.date && values.date < props.minDate
        ? t('plan.deadlinePast')
        : undefined;

  const noteProblem = props.noteProblem?.(values.date, values.note);
  const noteShown = (touched.note || touched.date ? noteProblem : undefined) ?? props.noteError;
  const evidenceProblem =
    props.onUpload && values.evidence.length === 0 ? t('todo.evidenceRequired') : undefined;
  const upload = async (file: File) => {
    if (!props.onUpload) return;
    setUploading(true);
    setUploadProblem(undefined);
    try {
      const stored = await props.onUpload(file);
      setValues((v) => ({ ...v, evidence: [...v.evidence, stored] }));
      setTouched((x) => ({ ...x, evidence: true }));
    } catch (error) {
      setUploadProblem(props.uploadError ? props.uploadError(error) : String(error));
    } finally {
      setUploading(false);
    }
  };

  const submit = () => {
    setTouched({ text: true, date: true, evidence: true, note: true });
    if (textProblem || dateProblem || evidenceProblem || noteProblem) return;
    props.onSubmit({ ...values, text: values.text.trim(), note: values.note.trim() });
  };

  return (
    <Modal
      open={props.open}
      title={props.title}
      okText={props.okText}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={props.onCancel}
      confirmLoading={props.submitting}
      destroyOnHidden
    >
      <Form layout="vertical" component="div">
        <Form.Item
          label={props.textLabel}
          htmlFor="action-text"
          validateStatus={touched.text && textProblem ? 'error' : undefined}
          help={touched.text ? textProblem : undefined}
          required={required}
        >
          <Input.TextArea
            id="action-text"
            autoSize={{ minRows: 2, maxRows: 6 }}
            value={values.text}
            onChange={(e) => {
              setValues((v) => ({ ...v, text: e.target.value }));
              setTouched((x) => ({ ...x, text: true }));
            }}
          />
        </Form.Item>
        {props.noteLabel ? (
          <Form.Item
            label={props.noteLabel}
            htmlFor="action-note"
            extra={props.noteHelp}
            required={noteProblem !== undefined}
            validateStatus={noteShown ? 'error' : undefined}
            help={noteShown}
          >
            <Input.TextArea
              id="action-note"
              autoSize={{ minRows: 2, maxRows: 6 }}
              maxLength={TEXT_MAX}
              value={values.note}
              onChange={(e) => {
                setValues((v) => ({ ...v, note: e.target.value }));
                setTouched((x) => ({ ...x, note: true }));
              }}
            />
          </Form.Item>
        ) : null}
        {props.dateLabel ? (
          <Form.Item
            label={props.dateLabel}
            htmlFor="action-date"
            validateStatus={touched.date && dateProblem ? 'error' : undefined}
            help={touched.date ? dateProblem : undefined}
            required
          >
            <DatePicker
              id="action-date"
              style={{ width: '100%' }}
              value={values.date ? dayjs(values.date) : null}
              onChange={(date) => {
                setValues((v) => ({ ...v, date: date ? date.format('YYYY-MM-DD') : null }));
                setTouched((x) => ({ ...x, date: true }));
              }}
            />
          </Form.Item>
        ) : null}
        {props.urgency ? (
          <Form.Item label={t('supervision.urgency')} htmlFor="action-urgency">
            <Select
              id="action-urgency"
              allowClear
              value={values.urgency}
              onChange={(urgency: NoticeUrgency | undefined) => setValues((v) => ({ ...v, urgency }))}
              options={(['red', 'yellow', 'blue'] as const).map((u) => ({
                value: u,
                label: t(`supervision.urgencyLevel.${u}`),
              }))}
            />
          </Form.Item>
        ) : null}
        {props.onUpload ? (
          <Form.Item
            label={t('todo.evidence')}
            required
            validateStatus={touched.evidence && evidenceProblem ? 'error' : undefined}
            help={touched.evidence ? evidenceProblem : undefined}
          >
            <ul className="lx-evidence-list">
              {values.evidence.map((file) => (
                <li key={file.id}>
                  <PaperClipOutlined /> {file.name}
                </li>
              ))}
            </ul>
            <Upload
              showUploadList={false}
              beforeUpload={(file) => {
                void upload(file);
                return false;
              }}
            >
              <Button icon={<UploadOutlined />} loading={uploading}>
                {t('todo.upload')}
              </Button>
            </Upload>
            {uploadProblem ? (
              <Alert type="error" showIcon title={uploadProblem} style={{ marginTop: 8 }} />
            ) : null}
          </Form.Item>
        ) : null}
        {props.error ? <Alert type="error" showIcon title={props.error} /> : null}
      </Form>
    </Modal>
  );
}
