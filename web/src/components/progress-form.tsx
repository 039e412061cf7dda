import { useMemo, useState, type ReactNode } from 'react';
import {
  Alert,
  Button,
  Card,
  ConfigProvider,
  Form,
  Input,
  Select,
  Space,
  Tag,
  Typography,
  Upload,
} from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { OwedItem } from '../api/tracking';
import {
  NOTE_MAX,
  REPORTABLE_STATES,
  validateProgress,
  type ProgressProblems,
  type ProgressValues,
} from '../lib/progress';

export interface OwedLabel {
  /** The task's sentence or the target's metric. */
  text: string;
  /** For a target: what was promised ("6.5% 左右"). */
  goal?: string;
  href?: string;
}

export interface EvidenceItem {
  id: number;
  name: string;
}

export interface ProgressFormProps {
  owed: OwedItem[];
  labels: { task: Map<number, OwedLabel>; target: Map<number, OwedLabel> };
  initial: ProgressValues;
  /** The period the values were carried forward from, if any. */
  carriedFrom?: string | null;
  /** Why the last submission was returned. */
  returnReason?: string | null;
  /** Evidence already attached. */
  evidence?: EvidenceItem[];
  /** Stores a file, answering its id (the page calls the API). */
  onUpload?: (file: File) => Promise<EvidenceItem>;
  uploadError?: (error: unknown) => string;
  readOnly?: boolean;
  submitting?: boolean;
  /** Extra buttons for a task's line (ask for an extension, apply to close). */
  taskActions?: (taskId: number) => ReactNode;
  onSubmit: (values: ProgressValues, evidence: number[]) => void;
}

/**
 * 我的待办's one form ("最多报一次"): per task a percent, a state and a note; per target the
 * value to date; evidence files; one submit. Checks as the user types (a field shows its
 * problem once touched; submitting shows them all). Fetches nothing.
 */
export function ProgressForm(props: ProgressFormProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState<ProgressValues>(props.initial);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [all, setAll] = useState(false);
  const [evidence, setEvidence] = useState<EvidenceItem[]>(props.evidence ?? []);
  const [uploading, setUploading] = useState(false);
  const [uploadProblem, setUploadProblem] = useState<string | undefined>();
  const problems: ProgressProblems = useMemo(() => validateProgress(values), [values]);
  const role = useMemo(() => new Map(props.owed.map((o) => [`${o.type}.${o.id}`, o])), [props.owed]);

  const status = (field: string) => {
    const problem = all || touched[field] ? problems[field] : undefined;
    return problem
      ? { validateStatus: 'error' as const, help: t(problem.key, problem.values) }
      : { validateStatus: undefined, help: undefined };
  };
  const touch = (field: string) => setTouched((previous) => ({ ...previous, [field]: true }));

  const setTask = (taskId: number, patch: Partial<ProgressValues['tasks'][number]>, field: string) => {
    setValues((v) => ({ ...v, tasks: v.tasks.map((l) => (l.taskId === taskId ? { ...l, ...patch } : l)) }));
    touch(`task.${taskId}.${field}`);
    if (field === 'state') touch(`task.${taskId}.progress`);
  };
  const setTarget = (targetId: number, patch: Partial<ProgressValues['targets'][number]>, field: string) => {
    setValues((v) => ({
      ...v,
      targets: v.targets.map((l) => (l.targetId === targetId ? { ...l, ...patch } : l)),
    }));
    touch(`target.${targetId}.${field}`);
  };

  const submit = () => {
    setAll(true);
    if (Object.keys(problems).length > 0) return;
    props.onSubmit(
      values,
      evidence.map((e) => e.id),
    );
  };

  const upload = async (file: File) => {
    if (!props.onUpload) return;
    setUploading(true);
    setUploadProblem(undefined);
    try {
      const stored = await props.onUpload(file);
      setEvidence((list) => [...list, stored]);
    } catch (error) {
      setUploadProblem(props.uploadError ? props.uploadError(error) : String(error));
    } finally {
      setUploading(false);
    }
  };

  const count = Object.keys(problems).length;
  const roleTag = (key: string) => {
    const owed = role.get(key);
    if (!owed) return null;
    return (
      <Space size={4} wrap>
        <Tag>{t(`todo.role.${owed.role}`)}</Tag>
        <Typography.Text type="secondary">{t('todo.dueOn', { date: owed.dueOn })}</Typography.Text>
      </Space>
    );
  };

  return (
    <Form layout="vertical" onFinish={submit} aria-label={t('todo.formTitle')} disabled={props.readOnly}>
      {props.returnReason ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('todo.returned')}
          description={props.returnReason}
          data-testid="return-reason"
        />
      ) : null}
      {props.carriedFrom ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('todo.carriedFrom', { period: props.carriedFrom })}
        />
      ) : null}
      {values.tasks.length > 0 ? (
        <Card
          title={t('todo.tasks', { count: values.tasks.length })}
          size="small"
          style={{ marginBottom: 16 }}
        >
          {values.tasks.map((line, index) => {
            const label = props.labels.task.get(line.taskId);
            const at = `task.${line.taskId}`;
            return (
              <div key={line.taskId} className="lx-progress-line" data-testid={`task-line-${line.taskId}`}>
                <Typography.Paragraph style={{ marginBottom: 4 }}>
                  <Typography.Text strong>{index + 1}. </Typography.Text>
                  {label?.href ? <a href={label.href}>{label.text}</a> : (label?.text ?? `#${line.taskId}`)}
                </Typography.Paragraph>
                <Space wrap>
                  {roleTag(at)}
                  <ConfigProvider componentDisabled={false}>
                    {props.taskActions?.(line.taskId)}
                  </ConfigProvider>
                </Space>
                <Space wrap align="start" style={{ marginTop: 8, display: 'flex' }}>
                  <Form.Item
                    label={t('todo.percent')}
                    htmlFor={`${at}.progress`}
                    {...status(`${at}.progress`)}
                    style={{ width: 140 }}
                  >
                    <Input
                      id={`${at}.progress`}
                      inputMode="decimal"
                      suffix="%"
                      value={line.progress}
                      onChange={(e) => setTask(line.taskId, { progress: e.target.value }, 'progress')}
                    />
                  </Form.Item>
                  <Form.Item
                    label={t('fields.state')}
                    htmlFor={`${at}.state`}
                    {...status(`${at}.state`)}
                    style={{ width: 160 }}
                  >
                    <Select
                      id={`${at}.state`}
                      value={line.state}
                      options={REPORTABLE_STATES.map((s) => ({ value: s, label: t(`taskState.${s}`) }))}
                      onChange={(state) =>
                        setTask(
                          line.taskId,
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
                  <Form.Item
                    label={t('todo.note')}
                    htmlFor={`${at}.note`}
                    {...status(`${at}.note`)}
                    style={{ minWidth: 280, flex: 1 }}
                  >
                    <Input.TextArea
                      id={`${at}.note`}
                      autoSize={{ minRows: 1, maxRows: 4 }}
                      value={line.note}
                      maxLength={NOTE_MAX + 100}
                      onChange={(e) => setTask(line.taskId, { note: e.target.value }, 'note')}
                    />
                  </Form.Item>
                </Space>
              </div>
            );
          })}
        </Card>
      ) : null}
      {values.targets.length > 0 ? (
        <Card
          title={t('todo.targets', { count: values.targets.length })}
          size="small"
          style={{ marginBottom: 16 }}
        >
          {values.targets.map((line, index) => {
            const label = props.labels.target.get(line.targetId);
            const at = `target.${line.targetId}`;
            return (
              <div
                key={line.targetId}
                className="lx-progress-line"
                data-testid={`target-line-${line.targetId}`}
              >
                <Typography.Paragraph style={{ marginBottom: 4 }}>
                  <Typography.Text strong>{index + 1}. </Typography.Text>
                  {label?.href ? <a href={label.href}>{label.text}</a> : (label?.text ?? `#${line.targetId}`)}
                  {label?.goal ? <Typography.Text type="secondary">（{label.goal}）</Typography.Text> : null}
                </Typography.Paragraph>
                {roleTag(at)}
                <Space wrap align="start" style={{ marginTop: 8, display: 'flex' }}>
                  <Form.Item
                    label={t('todo.valueToDate')}
                    htmlFor={`${at}.value`}
                    {...status(`${at}.value`)}
                    style={{ width: 200 }}
                  >
                    <Input
                      id={`${at}.value`}
                      inputMode="decimal"
                      suffix={line.unit || undefined}
                      value={line.value}
                      onChange={(e) => setTarget(line.targetId, { value: e.target.value }, 'value')}
                    />
                  </Form.Item>
                  <Form.Item
                    label={t('todo.note')}
                    htmlFor={`${at}.note`}
                    {...status(`${at}.note`)}
                    style={{ minWidth: 280, flex: 1 }}
                  >
                    <Input.TextArea
                      id={`${at}.note`}
                      autoSize={{ minRows: 1, maxRows: 4 }}
                      value={line.note}
                      onChange={(e) => setTarget(line.targetId, { note: e.target.value }, 'note')}
                    />
                  </Form.Item>
                </Space>
              </div>
            );
          })}
        </Card>
      ) : null}
      <Card title={t('todo.evidence')} size="small" style={{ marginBottom: 16 }} data-testid="evidence">
        {evidence.length === 0 ? (
          <Typography.Text type="secondary">{t('todo.noEvidence')}</Typography.Text>
        ) : (
          <ul className="lx-evidence-list">
            {evidence.map((file) => (
              <li key={file.id}>
                <PaperClipOutlined /> {file.name}
              </li>
            ))}
          </ul>
        )}
        {props.onUpload && !props.readOnly ? (
          <Upload
            showUploadList={false}
            beforeUpload={(file) => {
              void upload(file);
              return false;
            }}
          >
            <Button icon={<UploadOutlined />} loading={uploading} style={{ marginTop: 8 }}>
              {t('todo.upload')}
            </Button>
          </Upload>
        ) : null}
        <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
          {t('todo.evidenceHint')}
        </Typography.Paragraph>
        {uploadProblem ? (
          <Alert type="error" showIcon title={uploadProblem} style={{ marginTop: 8 }} />
        ) : null}
      </Card>
      {all && count > 0 ? (
        <Alert
          type="warning"
          showIcon
          title={t('todo.fixProblems', { count })}
          style={{ marginBottom: 16 }}
        />
      ) : null}
      {props.readOnly ? null : (
        <Button type="primary" htmlType="submit" loading={props.submitting}>
          {t('todo.submit')}
        </Button>
      )}
    </Form>
  );
}
