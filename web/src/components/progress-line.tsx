import { useState, type ReactNode } from 'react';
import { Alert, Button, ConfigProvider, Form, Input, Select, Space, Tag, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { OwedItem } from '../api/tracking';
import type { SaveState } from '../hooks/use-draft-autosave';
import { ToneTag } from './tags';
import { formatDate } from '../lib/format';
import { useLang } from '../hooks/use-lang';
import {
  NOTE_MAX,
  REPORTABLE_STATES,
  type EvidenceItem,
  type LineMeta,
  type LineValues,
  type Problem,
  type TaskLineValues,
} from '../lib/progress';

export interface OwedLabel {
  /** The task's sentence or the target's metric. */
  text: string;
  /** For a target: what was promised ("6.5% 左右"). */
  goal?: string;
  href?: string;
  /** The chapter of the report the item belongs to (一、…), to group the form by. */
  chapter?: string;
  /**
   * The section of that chapter ((一)…), when it has sections: a year's tasks all sit in one
   * chapter (2022年重点任务), so the form groups them by section under it.
   */
  section?: string;
}

const STATUS_TONE = { submitted: 'blue', approved: 'green', returned: 'red' } as const;
const SAVE_TONE: Record<SaveState, 'grey' | 'green' | 'orange' | 'red'> = {
  saving: 'grey',
  saved: 'green',
  conflict: 'red',
  offline: 'orange',
  failed: 'red',
};

export interface ProgressLineProps {
  index: number;
  line: LineValues;
  label: OwedLabel | undefined;
  owed: OwedItem | undefined;
  meta: LineMeta | undefined;
  /** The line as the server holds it now, shown beside the clerk's when they conflict. */
  serverLine?: LineValues;
  saveState?: SaveState;
  /** The problem of a field (`progress`, `state`, `value`, `note`) once it is shown. */
  problem: (field: string) => Problem | undefined;
  readOnly: boolean;
  onChange: (patch: Partial<LineValues>, field: string) => void;
  onUpload?: (file: File) => Promise<EvidenceItem>;
  uploadError?: (error: unknown) => string;
  onSubmitLine?: () => void;
  submitting?: boolean;
  onKeepMine?: () => void;
  onTakeTheirs?: () => void;
  actions?: ReactNode;
}

/** One task or target of 我的待办: its figures, note, own evidence, where it stands, and its save. */
export function ProgressLine(props: ProgressLineProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const { line, meta } = props;
  const isTask = 'taskId' in line;
  const at = isTask ? `task.${line.taskId}` : `target.${line.targetId}`;
  const [uploading, setUploading] = useState(false);
  const [uploadProblem, setUploadProblem] = useState<string | undefined>();
  const status = (field: string) => {
    const problem = props.problem(field);
    return problem
      ? { validateStatus: 'error' as const, help: t(problem.key, problem.values) }
      : { validateStatus: undefined, help: undefined };
  };
  const upload = async (file: File) => {
    if (!props.onUpload) return;
    setUploading(true);
    setUploadProblem(undefined);
    try {
      const stored = await props.onUpload(file);
      props.onChange({ evidence: [...line.evidence, stored] }, 'evidence');
    } catch (error) {
      setUploadProblem(props.uploadError ? props.uploadError(error) : String(error));
    } finally {
      setUploading(false);
    }
  };
  const serverSummary = (server: LineValues) =>
    'taskId' in server
      ? `${server.progress}% · ${t(`taskState.${server.state}`)} · ${server.note}`
      : `${server.value} ${server.unit} · ${server.note}`;

  return (
    <div
      className="lx-progress-line"
      data-testid={`${isTask ? 'task' : 'target'}-line-${isTask ? line.taskId : line.targetId}`}
    >
      <Typography.Paragraph style={{ marginBottom: 4 }}>
        <Typography.Text strong>{props.index + 1}. </Typography.Text>
        {props.label?.href ? <a href={props.label.href}>{props.label.text}</a> : (props.label?.text ?? '')}
        {props.label?.goal ? (
          <Typography.Text type="secondary">（{props.label.goal}）</Typography.Text>
        ) : null}
      </Typography.Paragraph>
      <Space wrap size={4}>
        {props.owed ? (
          <>
            <Tag>{t(`todo.role.${props.owed.role}`)}</Tag>
            <Typography.Text type="secondary">
              {t('todo.dueOn', { date: formatDate(props.owed.dueOn, lang) })}
            </Typography.Text>
          </>
        ) : null}
        {meta?.status ? (
          <ToneTag tone={STATUS_TONE[meta.status]}>{t(`todo.lineStatus.${meta.status}`)}</ToneTag>
        ) : null}
        {props.saveState ? (
          <span data-testid="save-state">
            <ToneTag tone={SAVE_TONE[props.saveState]}>{t(`todo.save.${props.saveState}`)}</ToneTag>
          </span>
        ) : null}
        <ConfigProvider componentDisabled={false}>{props.actions}</ConfigProvider>
      </Space>
      {meta?.status === 'returned' && meta.returnReason ? (
        <Alert
          type="error"
          showIcon
          style={{ marginTop: 8 }}
          title={t('todo.lineReturned')}
          description={meta.returnReason}
          data-testid="line-return-reason"
        />
      ) : null}
      {props.saveState === 'conflict' ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginTop: 8 }}
          data-testid="line-conflict"
          title={t('todo.conflict')}
          description={
            <ConfigProvider componentDisabled={false}>
              {props.serverLine ? (
                <Typography.Paragraph style={{ marginBottom: 8 }}>
                  {t('todo.conflictTheirs', { text: serverSummary(props.serverLine) })}
                </Typography.Paragraph>
              ) : null}
              <Space wrap>
                <Button size="small" type="primary" onClick={props.onKeepMine}>
                  {t('todo.keepMine')}
                </Button>
                <Button size="small" onClick={props.onTakeTheirs}>
                  {t('todo.takeTheirs')}
                </Button>
              </Space>
            </ConfigProvider>
          }
        />
      ) : props.saveState === 'offline' ? (
        <Alert type="warning" showIcon style={{ marginTop: 8 }} title={t('todo.keptOnDevice')} />
      ) : null}
      <Space wrap align="start" style={{ marginTop: 8, display: 'flex' }}>
        {isTask ? (
          <>
            <Form.Item
              label={t('todo.percent')}
              htmlFor={`${at}.progress`}
              {...status('progress')}
              style={{ width: 130 }}
            >
              <Input
                id={`${at}.progress`}
                inputMode="decimal"
                suffix="%"
                value={line.progress}
                onChange={(e) => props.onChange({ progress: e.target.value }, 'progress')}
              />
            </Form.Item>
            <Form.Item
              label={t('fields.state')}
              htmlFor={`${at}.state`}
              {...status('state')}
              style={{ width: 150 }}
            >
              <Select
                id={`${at}.state`}
                value={line.state}
                options={REPORTABLE_STATES.map((s) => ({ value: s, label: t(`taskState.${s}`) }))}
                onChange={(state: TaskLineValues['state']) =>
                  props.onChange(
                    state === 'done'
                      ? { state, progress: '100' }
                      : state === 'not_started'
                        ? { state, progress: '0' }
                        : { state },
                    'state',
                  )
                }
              />
            </Form.Item>
          </>
        ) : (
          <Form.Item
            label={t('todo.valueToDate')}
            htmlFor={`${at}.value`}
            {...status('value')}
            style={{ width: 180 }}
          >
            <Input
              id={`${at}.value`}
              inputMode="decimal"
              suffix={line.unit || undefined}
              value={line.value}
              onChange={(e) => props.onChange({ value: e.target.value }, 'value')}
            />
          </Form.Item>
        )}
      </Space>
      <Form.Item label={t('todo.note')} htmlFor={`${at}.note`} {...status('note')}>
        <Input.TextArea
          id={`${at}.note`}
          autoSize={{ minRows: 1, maxRows: 6 }}
          value={line.note}
          maxLength={NOTE_MAX + 100}
          onChange={(e) => props.onChange({ note: e.target.value }, 'note')}
        />
      </Form.Item>
      <Space wrap align="center" data-testid="line-evidence">
        {line.evidence.map((file) => (
          <Typography.Text key={file.id}>
            <PaperClipOutlined /> {file.name}
          </Typography.Text>
        ))}
        {props.onUpload && !props.readOnly ? (
          <Upload
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />} loading={uploading}>
              {t('todo.lineUpload')}
            </Button>
          </Upload>
        ) : null}
        {props.onSubmitLine && !props.readOnly ? (
          <Button size="small" onClick={props.onSubmitLine} loading={props.submitting}>
            {t('todo.submitLine')}
          </Button>
        ) : null}
      </Space>
      {uploadProblem ? <Alert type="error" showIcon title={uploadProblem} style={{ marginTop: 8 }} /> : null}
    </div>
  );
}
