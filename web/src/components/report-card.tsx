import { useEffect, useMemo, useRef, type ReactNode } from 'react';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DraftLine, ReportBody, Todo } from '../api/tracking';
import { useDraftAutosave } from '../hooks/use-draft-autosave';
import { readPending } from '../lib/draft-mirror';
import {
  lineKeyOf,
  toDraftFields,
  toLineMeta,
  toProgressValues,
  toReportWrite,
  type EvidenceItem,
  type LineKey,
  type LineValues,
  type ProgressValues,
} from '../lib/progress';
import { ProgressForm, type OwedLabel } from './progress-form';

export interface ReportCardProps {
  planId: number;
  periodKey: string;
  todo: Todo;
  labels: { task: Map<number, OwedLabel>; target: Map<number, OwedLabel> };
  /** Saves one line of the draft (PUT /reports/draft-lines). */
  saveLine: (body: SaveLineBody) => Promise<DraftLine>;
  /** Hands in the report or some of its lines; resolves once the server took it. */
  submit: (body: ReportBody) => Promise<unknown>;
  /** Reads 我的待办 again (after a conflict, to show what the other writer saved). */
  reload: () => void;
  onUpload?: (file: File) => Promise<EvidenceItem>;
  uploadError?: (error: unknown) => string;
  submitting?: boolean;
  taskActions?: (taskId: number) => ReactNode;
  delayMs?: number;
}

export type SaveLineBody = ReturnType<typeof toDraftFields> & {
  unitId: number;
  periodKey: string;
  basedOn: string | null;
};

/** Lays the lines typed on this device and not yet saved over the server's values. */
function withPending(values: ProgressValues, pending: ReturnType<typeof readPending>): ProgressValues {
  const pick = <T extends LineValues>(line: T): T =>
    (pending[lineKeyOf(line)]?.values as T | undefined) ?? line;
  return { tasks: values.tasks.map(pick), targets: values.targets.map(pick) };
}

/**
 * A unit's report in 我的待办 with its draft kept safe: every change saved on the server as the
 * clerk types (and on this device until the server confirms), a conflict with another writer
 * shown on its line with both versions, a line handed in by itself or all together.
 */
export function ReportCard(props: ReportCardProps) {
  const { t } = useTranslation();
  const { todo, planId, periodKey } = props;
  const report = todo.report;
  const scope = useMemo(() => ({ planId, unitId: todo.unitId, periodKey }), [planId, todo.unitId, periodKey]);
  const meta = useMemo(() => toLineMeta(todo.draft), [todo.draft]);
  const server = useMemo(() => {
    const values = toProgressValues(todo.draft);
    return new Map<LineKey, LineValues>([...values.tasks, ...values.targets].map((l) => [lineKeyOf(l), l]));
  }, [todo.draft]);
  const savedAt = useMemo(() => new Map([...meta].map(([k, m]) => [k, m.savedAt])), [meta]);
  const autosave = useDraftAutosave({
    scope,
    savedAt,
    delayMs: props.delayMs,
    save: (values, basedOn) =>
      props.saveLine({ ...toDraftFields(values), unitId: todo.unitId, periodKey, basedOn }),
  });

  // After a conflict, read the line again so the clerk sees what the other writer saved.
  const conflicts = Object.values(autosave.states).filter((s) => s === 'conflict').length;
  const seen = useRef(0);
  useEffect(() => {
    if (conflicts > seen.current) props.reload();
    seen.current = conflicts;
  }, [conflicts]); // eslint-disable-line react-hooks/exhaustive-deps

  const formKey = `${todo.unitId}-${periodKey}-${report?.version ?? 0}-${report?.status ?? ''}`;
  // The form starts from the server's lines with what waits on this device laid over them.
  const initial = useMemo(
    () => withPending(toProgressValues(todo.draft), readPending(scope)),
    [formKey], // eslint-disable-line react-hooks/exhaustive-deps
  );
  const send = async (values: ProgressValues, evidence: number[], only?: LineKey[]) => {
    await props.submit(toReportWrite(values, todo.unitId, periodKey, evidence, only));
    const sent = only ?? [...values.tasks, ...values.targets].map(lineKeyOf);
    sent.forEach((key) => autosave.forget(key));
  };

  return (
    <>
      {report?.status === 'submitted' ? (
        <Alert type="success" showIcon title={t('todo.submitted')} style={{ marginBottom: 16 }} />
      ) : null}
      <ProgressForm
        key={formKey}
        owed={todo.owed}
        labels={props.labels}
        initial={initial}
        carriedFrom={todo.draft.carriedFrom}
        returnReason={report?.status === 'returned' ? report.returnReason : null}
        evidence={(report?.evidence ?? []).map((e) => ({ id: Number(e.fileId), name: e.name }))}
        readOnly={report?.status === 'approved'}
        meta={meta}
        server={server}
        onLineChange={autosave.queue}
        saveStates={autosave.states}
        onKeepMine={(key) => autosave.keepMine(key, meta.get(key)?.savedAt)}
        onTakeTheirs={autosave.dropMine}
        submitting={props.submitting}
        onUpload={props.onUpload}
        uploadError={props.uploadError}
        taskActions={props.taskActions}
        onSubmit={(values, evidence) => void send(values, evidence).catch(() => undefined)}
        onSubmitLine={(key, values) => void send(values, [], [key]).catch(() => undefined)}
      />
    </>
  );
}
