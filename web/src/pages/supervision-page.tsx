import { useMemo, useState, type ReactNode } from 'react';
import { App, Button, Card, Empty, Space, Switch, Table, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import {
  trackingApi,
  type ClosureApplication,
  type ExtensionRequest,
  type SubjectRef,
  type SupervisionNotice,
  type UnitReport,
} from '../api/tracking';
import { ActionDialog, type ActionValues } from '../components/action-dialog';
import { ErrorView } from '../components/error-view';
import { PdfDownload } from '../components/pdf-download';
import { NoticeDialog, type NoticeDraft } from '../components/notice-dialog';
import { ToneTag } from '../components/tags';
import { useErrorMessage } from '../hooks/use-error-message';
import { useLang } from '../hooks/use-lang';
import { useTargets, useTasks, useUnits } from '../hooks/use-plan-data';
import { useSession } from '../hooks/use-session';
import {
  useClosures,
  useExtensions,
  useNotices,
  useReports,
  useTrackingMutation,
} from '../hooks/use-tracking';
import { todayIso, useWorkingPlan } from '../hooks/use-working-plan';
import { useAsOf } from '../hooks/use-as-of';
import { slipKey, usePromiseSlips } from '../hooks/use-promise-slips';
import { SlipTag } from '../components/slip-tag';
import { AsOfPicker } from '../components/as-of-picker';
import { formatDate, formatDateTime, periodLabel } from '../lib/format';
import { taskTitle } from '../lib/task-title';
import { CLOSURE_TONE, EXTENSION_TONE, NOTICE_TONE, STATUS_TONE, URGENCY_TONE } from '../lib/tracking-tones';
import { deriveStepCall, type Step } from './supervision-steps';
import { ReportReview, type ReportReviewProps } from '../components/report-review';
import { useQuery } from '@tanstack/react-query';
import { previousReport } from '../lib/review-lines';
import { useExpandedRows } from '../hooks/use-expanded-rows';

/** A report under review with the unit's report of the period before, read when opened. */
function ReviewRow(props: Omit<ReportReviewProps, 'previous' | 'evidenceUrl'> & { planId: number }) {
  const { planId, report } = props;
  const earlier = useQuery({
    queryKey: ['plan', planId, 'tracking', 'reports', 'unit', report.unitId],
    queryFn: () => trackingApi.reports(planId, { unitId: report.unitId }),
  });
  return (
    <ReportReview
      {...props}
      previous={previousReport(report, earlier.data?.items ?? [])}
      evidenceUrl={(fileId) => trackingApi.evidenceUrl(planId, fileId)}
    />
  );
}

/** 督办: reports to review, 督办单, extension requests and 销号 applications, for supervisors. */
/** On a phone a table scrolls within its card; its headings stay on one line. */
const WIDE_TABLE = { x: 'max-content' } as const;

export default function SupervisionPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const plan = useWorkingPlan();
  const planId = plan?.id ?? 0;
  const role = useSession().session?.user.role;
  const canAct = role === 'admin' || role === 'supervisor';
  const [pendingOnly, setPendingOnly] = useState(true);
  const reports = useReports(planId, 'submitted');
  // Every report to review opens on its lines, also when the list arrives after the page.
  const reportIds = useMemo(() => (reports.data?.items ?? []).map((r) => r.id), [reports.data]);
  const expandedReports = useExpandedRows(reportIds);
  // The 督办 lists read the plan as of its as-of date (a past plan: its year's end).
  const asOf = useAsOf(plan);
  const notices = useNotices(planId, undefined, asOf);
  const extensions = useExtensions(planId, undefined, asOf);
  const closures = useClosures(planId, undefined, asOf);
  const slips = usePromiseSlips(planId, asOf);
  const units = useUnits(true);
  const tasks = useTasks(planId);
  const targets = useTargets(planId);
  const [step, setStep] = useState<Step | undefined>();
  const [issuing, setIssuing] = useState(false);
  const [stepError, setStepError] = useState<string | undefined>();

  const unitName = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u.name])), [units.data]);
  const taskText = useMemo(
    () => new Map((tasks.data?.items ?? []).map((x) => [x.id, taskTitle(x.text)])),
    [tasks.data],
  );
  const targetText = useMemo(
    () => new Map((targets.data?.items ?? []).map((x) => [x.id, x.metric])),
    [targets.data],
  );

  const run = useTrackingMutation(planId, async (fn: () => Promise<unknown>) => fn());
  const perform = (fn: () => Promise<unknown>, done: string, after?: () => void) =>
    run.mutate(fn, {
      onSuccess: () => {
        void message.success(done);
        setStepError(undefined);
        after?.();
      },
      onError: (error) => {
        if (after) setStepError(errorMessage(error));
        else void message.error(errorMessage(error));
      },
    });

  if (!plan) return <Empty description={t('dashboard.noPlans')} />;

  const subjectLink = (subject: SubjectRef): ReactNode => {
    const label =
      subject.type === 'task'
        ? taskText.get(subject.id)
        : subject.type === 'target'
          ? targetText.get(subject.id)
          : undefined;
    const path = subject.type === 'task' ? 'tasks' : subject.type === 'target' ? 'targets' : 'projects';
    const text =
      label ??
      `${t(`kind.${subject.type === 'target' ? 'target' : subject.type === 'task' ? 'task' : 'project'}`)} #${subject.id}`;
    return (
      <Link to={`/plans/${planId}/${path}/${subject.id}`}>
        <Typography.Text ellipsis={{ tooltip: text }} style={{ maxWidth: 360 }}>
          {text}
        </Typography.Text>
      </Link>
    );
  };
  const unitCell = (id: number) => unitName.get(id) ?? `#${id}`;

  const submitStep = (values: ActionValues) => {
    if (!step) return;
    const { send, doneKey } = deriveStepCall(planId, step, values);
    return perform(send, t(doneKey), () => setStep(undefined));
  };

  const issue = (draft: NoticeDraft) =>
    perform(
      () => trackingApi.issueNotice(planId, draft),
      t('supervision.issued'),
      () => setIssuing(false),
    );

  const pending = {
    reports: reports.data?.items ?? [],
    notices: (notices.data?.items ?? []).filter((n) => !pendingOnly || n.state !== 'closed'),
    extensions: (extensions.data?.items ?? []).filter((e) => !pendingOnly || e.state === 'requested'),
    closures: (closures.data?.items ?? []).filter((c) => !pendingOnly || c.state === 'applied'),
  };

  const reportTable = (
    <Table<UnitReport>
      rowKey="id"
      dataSource={pending.reports}
      loading={reports.isPending}
      pagination={false}
      scroll={WIDE_TABLE}
      locale={{ emptyText: t('supervision.noPending') }}
      expandable={{
        expandedRowRender: (report) => (
          <ReviewRow
            planId={planId}
            report={report}
            nameOf={(line) =>
              (line.type === 'task' ? taskText.get(line.id) : targetText.get(line.id)) ??
              t(`kind.${line.type}`)
            }
            canAct={canAct}
            busy={run.isPending}
            onApprove={(lines) =>
              perform(
                () => trackingApi.reviewReport(planId, report.id, { type: 'approve', lines }, report.version),
                t('supervision.approved'),
              )
            }
            onReturn={(lines) =>
              perform(
                () => trackingApi.reviewReport(planId, report.id, { type: 'return', lines }, report.version),
                t('supervision.returnedDone'),
              )
            }
          />
        ),
        expandedRowKeys: expandedReports.expandedRowKeys,
        onExpand: (open, report) => expandedReports.onExpand(open, report.id),
      }}
      columns={[
        { title: t('supervision.unit'), dataIndex: 'unitId', render: unitCell },
        {
          title: t('supervision.period'),
          dataIndex: 'periodKey',
          render: (key: string) => periodLabel(key, lang),
        },
        {
          title: t('fields.state'),
          dataIndex: 'status',
          render: (status: string) => (
            <ToneTag tone={STATUS_TONE[status] ?? 'grey'}>{t(`todo.status.${status}`)}</ToneTag>
          ),
        },
        {
          title: t('supervision.content'),
          key: 'lines',
          render: (_, r) => t('supervision.lines', { tasks: r.tasks.length, targets: r.targets.length }),
        },
        {
          title: t('supervision.submittedAt'),
          dataIndex: 'submittedAt',
          render: (v: string | null) => formatDateTime(v, lang),
        },
        {
          title: t('todo.actions'),
          key: 'actions',
          render: (_, report) =>
            canAct ? (
              <Space>
                <Button
                  type="primary"
                  size="small"
                  loading={run.isPending}
                  onClick={() =>
                    perform(
                      () => trackingApi.reviewReport(planId, report.id, { type: 'approve' }, report.version),
                      t('supervision.approved'),
                    )
                  }
                >
                  {t('supervision.approve')}
                </Button>
                <Button size="small" danger onClick={() => setStep({ kind: 'return', report })}>
                  {t('supervision.return')}
                </Button>
              </Space>
            ) : null,
        },
      ]}
    />
  );

  const noticeTable = (
    <Table<SupervisionNotice & { number?: string }>
      rowKey="id"
      dataSource={pending.notices}
      loading={notices.isPending}
      pagination={false}
      scroll={WIDE_TABLE}
      locale={{ emptyText: t('supervision.noPending') }}
      columns={[
        {
          title: t('supervision.number'),
          dataIndex: 'number',
          render: (number: string | undefined, n) => (
            <Space size={0} wrap>
              <a href={trackingApi.noticeDocxUrl(planId, n.id)} download title={t('supervision.print')}>
                {number}
              </a>
              <PdfDownload
                type="link"
                size="small"
                load={() => trackingApi.noticePdf(planId, n.id)}
                fileName={t('supervision.sheetFile', { number: number ?? '' })}
                label={t('supervision.printPdf')}
              />
            </Space>
          ),
        },
        {
          title: t('supervision.urgency'),
          dataIndex: 'urgency',
          render: (u: SupervisionNotice['urgency']) => (
            <ToneTag tone={URGENCY_TONE[u]}>{t(`supervision.urgencyLevel.${u}`)}</ToneTag>
          ),
        },
        { title: t('supervision.item'), key: 'subject', render: (_, n) => subjectLink(n.subject) },
        { title: t('supervision.unit'), dataIndex: 'unitId', render: unitCell },
        { title: t('supervision.content'), dataIndex: 'content' },
        { title: t('supervision.dueOn'), dataIndex: 'dueOn', render: (v: string) => formatDate(v, lang) },
        {
          title: t('fields.state'),
          dataIndex: 'state',
          render: (s: SupervisionNotice['state']) => (
            <ToneTag tone={NOTICE_TONE[s]}>{t(`supervision.noticeState.${s}`)}</ToneTag>
          ),
        },
        { title: t('supervision.answer'), dataIndex: 'answer', render: (v: string | null) => v ?? '—' },
        {
          title: t('todo.actions'),
          key: 'actions',
          render: (_, notice) =>
            canAct && notice.state !== 'closed' ? (
              <Space>
                <Button size="small" type="primary" onClick={() => setStep({ kind: 'close', notice })}>
                  {t('supervision.close')}
                </Button>
                <Button size="small" danger onClick={() => setStep({ kind: 'escalate', notice })}>
                  {t('supervision.escalate')}
                </Button>
              </Space>
            ) : null,
        },
      ]}
    />
  );

  const extensionTable = (
    <Table<ExtensionRequest>
      rowKey="id"
      dataSource={pending.extensions}
      loading={extensions.isPending}
      pagination={false}
      scroll={WIDE_TABLE}
      locale={{ emptyText: t('supervision.noPending') }}
      columns={[
        { title: t('supervision.item'), key: 'subject', render: (_, e) => subjectLink(e.subject) },
        { title: t('supervision.unit'), dataIndex: 'unitId', render: unitCell },
        {
          title: t('supervision.previousDeadline'),
          dataIndex: 'previousDeadline',
          render: (v: string | null, e) => (
            <>
              {formatDate(v, lang)}{' '}
              {e.subject.type === 'task' || e.subject.type === 'target' ? (
                <SlipTag view={slips?.get(slipKey(e.subject.type, e.subject.id))} lang={lang} />
              ) : null}
            </>
          ),
        },
        {
          title: t('supervision.requestedDeadline'),
          dataIndex: 'requestedDeadline',
          render: (v: string) => formatDate(v, lang),
        },
        { title: t('todo.reason'), dataIndex: 'reason' },
        {
          title: t('fields.state'),
          key: 'state',
          render: (_, e) => (
            <Space>
              <ToneTag tone={EXTENSION_TONE[e.state]}>{t(`supervision.extensionState.${e.state}`)}</ToneTag>
              {e.approvedDeadline ? formatDate(e.approvedDeadline, lang) : null}
            </Space>
          ),
        },
        {
          title: t('todo.actions'),
          key: 'actions',
          render: (_, extension) =>
            canAct && extension.state === 'requested' ? (
              <Space>
                <Button
                  size="small"
                  type="primary"
                  onClick={() => setStep({ kind: 'approveExtension', extension })}
                >
                  {t('supervision.approveExtension')}
                </Button>
                <Button size="small" danger onClick={() => setStep({ kind: 'deny', extension })}>
                  {t('supervision.deny')}
                </Button>
              </Space>
            ) : null,
        },
      ]}
    />
  );

  const closureTable = (
    <Table<ClosureApplication>
      rowKey="id"
      dataSource={pending.closures}
      loading={closures.isPending}
      pagination={false}
      scroll={WIDE_TABLE}
      locale={{ emptyText: t('supervision.noPending') }}
      columns={[
        {
          title: t('supervision.item'),
          key: 'task',
          render: (_, c) => subjectLink({ type: 'task', id: c.taskId }),
        },
        { title: t('supervision.unit'), dataIndex: 'unitId', render: unitCell },
        { title: t('todo.closureNote'), dataIndex: 'note' },
        {
          title: t('supervision.evidence'),
          key: 'evidence',
          render: (_, c) =>
            c.evidence.map((file) => (
              <div key={file.fileId}>
                <a href={trackingApi.evidenceUrl(planId, file.fileId)}>{file.name}</a>
              </div>
            )),
        },
        {
          title: t('fields.state'),
          dataIndex: 'state',
          render: (s: ClosureApplication['state']) => (
            <ToneTag tone={CLOSURE_TONE[s]}>{t(`supervision.closureState.${s}`)}</ToneTag>
          ),
        },
        {
          title: t('todo.actions'),
          key: 'actions',
          render: (_, closure) =>
            !canAct ? null : closure.state === 'applied' ? (
              <Space>
                <Button
                  size="small"
                  type="primary"
                  onClick={() =>
                    perform(
                      () =>
                        trackingApi.decideClosure(planId, closure.id, { type: 'approve' }, closure.version),
                      t('supervision.closed'),
                    )
                  }
                >
                  {t('supervision.approveClosure')}
                </Button>
                <Button size="small" danger onClick={() => setStep({ kind: 'returnClosure', closure })}>
                  {t('supervision.return')}
                </Button>
              </Space>
            ) : closure.state === 'approved' ? (
              <Button size="small" onClick={() => setStep({ kind: 'reopen', closure })}>
                {t('supervision.reopen')}
              </Button>
            ) : null,
        },
      ]}
    />
  );

  const failed = [reports, notices, extensions, closures].find((q) => q.isError);
  const stepDialog = step ? dialogFor(step) : undefined;

  function dialogFor(s: Step) {
    switch (s.kind) {
      case 'return':
      case 'returnClosure':
        return {
          title: t('supervision.return'),
          textLabel: t('supervision.returnReason'),
          okText: t('supervision.return'),
        };
      case 'close':
        return {
          title: t('supervision.close'),
          textLabel: t('todo.note'),
          okText: t('supervision.close'),
          textRequired: false,
        };
      case 'escalate':
        return {
          title: t('supervision.escalate'),
          textLabel: t('supervision.escalateReason'),
          okText: t('supervision.escalate'),
          dateLabel: t('supervision.dueOn'),
          urgency: true,
        };
      case 'deny':
        return { title: t('supervision.deny'), textLabel: t('todo.reason'), okText: t('supervision.deny') };
      case 'approveExtension':
        return {
          title: t('supervision.approveExtension'),
          textLabel: t('todo.note'),
          okText: t('supervision.approveExtension'),
          textRequired: false,
          dateLabel: t('supervision.approvedDeadline'),
          initialDate: s.extension.requestedDeadline,
        };
      case 'reopen':
        return {
          title: t('supervision.reopen'),
          textLabel: t('supervision.reopenReason'),
          okText: t('supervision.reopen'),
        };
    }
  }

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="supervision-page">
      <div style={{ display: 'flex', justifyContent: 'space-between', gap: 16, flexWrap: 'wrap' }}>
        <Typography.Title level={2} className="lx-page-title">
          {t('supervision.title')}
        </Typography.Title>
        <Space wrap>
          {plan ? <AsOfPicker plan={plan} lang={lang} /> : null}
          <label htmlFor="pending-only">{t('supervision.pendingOnly')}</label>
          <Switch id="pending-only" checked={pendingOnly} onChange={setPendingOnly} />
          {canAct ? (
            <Button type="primary" onClick={() => setIssuing(true)}>
              {t('supervision.issue')}
            </Button>
          ) : null}
        </Space>
      </div>
      {failed ? <ErrorView error={failed.error} onRetry={() => void failed.refetch()} /> : null}
      <Card>
        <Tabs
          items={[
            {
              key: 'reports',
              label: t('supervision.reports', { count: pending.reports.length }),
              children: reportTable,
            },
            {
              key: 'notices',
              label: t('supervision.notices', { count: pending.notices.length }),
              children: noticeTable,
            },
            {
              key: 'extensions',
              label: t('supervision.extensions', { count: pending.extensions.length }),
              children: extensionTable,
            },
            {
              key: 'closures',
              label: t('supervision.closures', { count: pending.closures.length }),
              children: closureTable,
            },
          ]}
        />
      </Card>
      {stepDialog ? (
        <ActionDialog
          open
          {...stepDialog}
          minDate={todayIso()}
          submitting={run.isPending}
          error={stepError}
          onSubmit={submitStep}
          onCancel={() => {
            setStep(undefined);
            setStepError(undefined);
          }}
        />
      ) : null}
      {issuing ? (
        <NoticeDialog
          open
          today={todayIso()}
          items={{
            task: (tasks.data?.items ?? []).map((x) => ({ id: x.id, label: x.text })),
            target: (targets.data?.items ?? []).map((x) => ({
              id: x.id,
              label: `${x.metric} ${x.value}${x.unit}`,
            })),
          }}
          submitting={run.isPending}
          error={stepError}
          onSubmit={issue}
          onCancel={() => {
            setIssuing(false);
            setStepError(undefined);
          }}
        />
      ) : null}
    </Space>
  );
}
