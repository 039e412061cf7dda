import { useMemo, useState, type ReactNode } from 'react';
import { Alert, Button, Card, ConfigProvider, Form, Typography, Upload } from 'antd';
import { PaperClipOutlined, UploadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { OwedItem } from '../api/tracking';
import type { SaveState } from '../hooks/use-draft-autosave';
import { useLang } from '../hooks/use-lang';
import { periodLabel } from '../lib/format';
import { ProgressLine, type OwedLabel } from './progress-line';
import {
  isLocked,
  lineKeyOf,
  validateProgress,
  type EvidenceItem,
  type LineKey,
  type LineMeta,
  type LineValues,
  type ProgressProblems,
  type ProgressValues,
} from '../lib/progress';

export type { OwedLabel } from './progress-line';
export type { EvidenceItem } from '../lib/progress';

export interface ProgressFormProps {
  owed: OwedItem[];
  labels: { task: Map<number, OwedLabel>; target: Map<number, OwedLabel> };
  initial: ProgressValues;
  /** The period the values were carried forward from, if any. */
  carriedFrom?: string | null;
  /** Why the last submission was returned. */
  returnReason?: string | null;
  /** Evidence already attached to the whole report. */
  evidence?: EvidenceItem[];
  /** Each line's standing on the server (handed in, returned, when its draft was saved). */
  meta?: ReadonlyMap<LineKey, LineMeta>;
  /** Each line as the server holds it now, shown beside the clerk's when they conflict. */
  server?: ReadonlyMap<LineKey, LineValues>;
  /** Autosave: each line's save, and where it stands. */
  onLineChange?: (key: LineKey, values: LineValues) => void;
  saveStates?: Partial<Record<LineKey, SaveState>>;
  onKeepMine?: (key: LineKey) => void;
  onTakeTheirs?: (key: LineKey) => void;
  /** Stores a file, answering its id (the page calls the API). */
  onUpload?: (file: File) => Promise<EvidenceItem>;
  uploadError?: (error: unknown) => string;
  readOnly?: boolean;
  submitting?: boolean;
  /** Extra buttons for a task's line (ask for an extension, apply to close). */
  taskActions?: (taskId: number) => ReactNode;
  onSubmit: (values: ProgressValues, evidence: number[]) => void;
  /** Hands in one line by itself. */
  onSubmitLine?: (key: LineKey, values: ProgressValues) => void;
}

/** The fields of a line in the order the form shows them, to find the first problem. */
const FIELDS = ['progress', 'state', 'value', 'note'];

/**
 * 我的待办's form: per task a percent, a state, a note and its own evidence; per target the value
 * to date; grouped by the report's chapters and their sections. Every change goes to autosave (`onLineChange`);
 * a line is handed in by itself or all at once; a failed submit jumps to the first problem.
 * Lines handed in (awaiting review or approved) are read-only. Fetches nothing.
 */
export function ProgressForm(props: ProgressFormProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const [values, setValues] = useState<ProgressValues>(props.initial);
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [shown, setShown] = useState<ReadonlySet<string> | 'all'>(new Set());
  const [evidence, setEvidence] = useState<EvidenceItem[]>(props.evidence ?? []);
  const [uploading, setUploading] = useState(false);
  const [uploadProblem, setUploadProblem] = useState<string | undefined>();
  const locked = useMemo(
    () =>
      new Set(
        [...(props.meta ?? new Map<LineKey, LineMeta>())].filter(([, m]) => isLocked(m)).map(([k]) => k),
      ),
    [props.meta],
  );
  const problems: ProgressProblems = useMemo(() => validateProgress(values, locked), [values, locked]);
  const role = useMemo(() => new Map(props.owed.map((o) => [`${o.type}.${o.id}`, o])), [props.owed]);
  const lines: LineValues[] = [...values.tasks, ...values.targets];
  const open = lines.filter((l) => !locked.has(lineKeyOf(l)));

  const problemOf = (key: LineKey) => (field: string) => {
    const name = `${key}.${field}`;
    const visible = shown === 'all' || shown.has(key) || touched[name];
    return visible ? problems[name] : undefined;
  };
  const change = (line: LineValues, patch: Partial<LineValues>, field: string) => {
    const key = lineKeyOf(line);
    const next = { ...line, ...patch } as LineValues;
    setValues((v) => ({
      tasks: v.tasks.map((l) => (lineKeyOf(l) === key ? (next as (typeof v.tasks)[number]) : l)),
      targets: v.targets.map((l) => (lineKeyOf(l) === key ? (next as (typeof v.targets)[number]) : l)),
    }));
    setTouched((previous) => ({
      ...previous,
      [`${key}.${field}`]: true,
      ...(field === 'state' ? { [`${key}.progress`]: true } : {}),
    }));
    props.onLineChange?.(key, next);
  };
  const takeTheirs = (key: LineKey) => {
    const server = props.server?.get(key);
    if (server) {
      setValues((v) => ({
        tasks: v.tasks.map((l) => (lineKeyOf(l) === key ? (server as (typeof v.tasks)[number]) : l)),
        targets: v.targets.map((l) => (lineKeyOf(l) === key ? (server as (typeof v.targets)[number]) : l)),
      }));
    }
    props.onTakeTheirs?.(key);
  };

  /** Scrolls to and focuses the first field with a problem among `keys`; true when there is one. */
  const jumpToFirstProblem = (keys: readonly LineKey[]): boolean => {
    for (const key of keys) {
      const field = FIELDS.find((f) => problems[`${key}.${f}`]);
      if (!field) continue;
      const element = document.getElementById(`${key}.${field}`);
      element?.scrollIntoView?.({ block: 'center', behavior: 'smooth' });
      element?.focus();
      return true;
    }
    return false;
  };
  const submit = () => {
    setShown('all');
    if (jumpToFirstProblem(open.map(lineKeyOf))) return;
    props.onSubmit(
      values,
      evidence.map((e) => e.id),
    );
  };
  const submitLine = (key: LineKey) => {
    setShown((previous) => (previous === 'all' ? previous : new Set([...previous, key])));
    if (jumpToFirstProblem([key])) return;
    props.onSubmitLine?.(key, values);
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

  const count = shown === 'all' ? Object.keys(problems).length : 0;
  const problemsAlert =
    count > 0 ? (
      <Alert
        type="warning"
        showIcon
        title={t('todo.fixProblems', { count })}
        action={
          <Button size="small" onClick={() => jumpToFirstProblem(open.map(lineKeyOf))}>
            {t('todo.toFirstProblem')}
          </Button>
        }
        style={{ marginBottom: 16 }}
      />
    ) : null;

  const renderLine = (line: LineValues, index: number) => {
    const key = lineKeyOf(line);
    const meta = props.meta?.get(key);
    const readOnly = Boolean(props.readOnly) || locked.has(key);
    const label =
      'taskId' in line ? props.labels.task.get(line.taskId) : props.labels.target.get(line.targetId);
    return (
      <ConfigProvider key={key} componentDisabled={readOnly}>
        <ProgressLine
          index={index}
          line={line}
          label={label}
          owed={role.get(key)}
          meta={meta}
          serverLine={props.server?.get(key)}
          saveState={props.saveStates?.[key]}
          problem={problemOf(key)}
          readOnly={readOnly}
          onChange={(patch, field) => change(line, patch, field)}
          onUpload={props.onUpload}
          uploadError={props.uploadError}
          onSubmitLine={props.onSubmitLine ? () => submitLine(key) : undefined}
          submitting={props.submitting}
          onKeepMine={() => props.onKeepMine?.(key)}
          onTakeTheirs={() => takeTheirs(key)}
          actions={'taskId' in line ? props.taskActions?.(line.taskId) : undefined}
        />
      </ConfigProvider>
    );
  };

  // Tasks grouped by the report's chapter and section, in the order they come.
  const groups: { chapter: string; section: string; lines: LineValues[] }[] = [];
  for (const line of values.tasks) {
    const label = props.labels.task.get(line.taskId);
    const chapter = label?.chapter ?? '';
    const section = label?.section ?? '';
    const last = groups.at(-1);
    if (last && last.chapter === chapter && last.section === section) last.lines.push(line);
    else groups.push({ chapter, section, lines: [line] });
  }
  const handedIn = lines.length - open.length;

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
          title={t('todo.carriedFrom', { period: periodLabel(props.carriedFrom, lang) })}
        />
      ) : null}
      {props.onLineChange ? (
        <Typography.Paragraph type="secondary" data-testid="autosave-hint">
          {t('todo.autosaveHint', { done: handedIn, total: lines.length })}
        </Typography.Paragraph>
      ) : null}
      {problemsAlert}
      {values.tasks.length > 0 ? (
        <Card
          title={t('todo.tasks', { count: values.tasks.length })}
          size="small"
          style={{ marginBottom: 16 }}
        >
          {groups.map((group, index) => (
            <section
              key={`${group.chapter}-${group.section}-${lineKeyOf(group.lines[0]!)}`}
              aria-label={group.section || group.chapter || undefined}
            >
              {group.chapter && group.chapter !== groups[index - 1]?.chapter ? (
                <Typography.Title level={5} className="lx-progress-chapter">
                  {group.chapter}
                </Typography.Title>
              ) : null}
              {group.section ? (
                <Typography.Paragraph
                  strong
                  className="lx-progress-section"
                  role="heading"
                  aria-level={6}
                  style={{ marginTop: 16, marginBottom: 8 }}
                >
                  {group.section}
                </Typography.Paragraph>
              ) : null}
              {group.lines.map((line) =>
                renderLine(line, values.tasks.indexOf(line as (typeof values.tasks)[number])),
              )}
            </section>
          ))}
        </Card>
      ) : null}
      {values.targets.length > 0 ? (
        <Card
          title={t('todo.targets', { count: values.targets.length })}
          size="small"
          style={{ marginBottom: 16 }}
        >
          {values.targets.map((line, index) => renderLine(line, index))}
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
      {problemsAlert}
      {props.readOnly || open.length === 0 ? null : (
        <Button type="primary" htmlType="submit" loading={props.submitting}>
          {t('todo.submit')}
        </Button>
      )}
    </Form>
  );
}
