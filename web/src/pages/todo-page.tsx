import { useMemo, useState } from 'react';
import { Alert, App, Button, Card, Empty, Grid, List, Select, Space, Spin, Typography, Upload } from 'antd';
import { DownloadOutlined, UploadOutlined } from '@ant-design/icons';
import { documentsApi } from '../api/documents';
import { useTranslation } from 'react-i18next';
import { trackingApi, type SupervisionNotice, type Todo } from '../api/tracking';
import { ActionDialog, type ActionValues } from '../components/action-dialog';
import { ErrorView } from '../components/error-view';
import { PdfDownload } from '../components/pdf-download';
import type { OwedLabel } from '../components/progress-form';
import { ReportCard } from '../components/report-card';
import { ToneTag } from '../components/tags';
import { STATUS_TONE, URGENCY_TONE } from '../lib/tracking-tones';
import { useErrorMessage } from '../hooks/use-error-message';
import { useLang } from '../hooks/use-lang';
import { useOutline, usePlanSummary, useTargets, useTasks, useUnits } from '../hooks/use-plan-data';
import { useSession } from '../hooks/use-session';
import {
  useNotices,
  usePeriods,
  useSubmitReport,
  useTodos,
  useTrackingMutation,
  useReminders,
} from '../hooks/use-tracking';
import { todayIso, useWorkingPlan } from '../hooks/use-working-plan';
import { useAsOf } from '../hooks/use-as-of';
import { AsOfPicker } from '../components/as-of-picker';
import { formatDate, formatPromise, periodLabel } from '../lib/format';
import { taskTitle } from '../lib/task-title';
import { Link, useSearchParams } from 'react-router';
import { WorkTodoCard } from './work/work-todo-card';
import { InvestmentTodoCard } from './investment-todo-card';

type Dialog =
  | { kind: 'answer'; notice: SupervisionNotice }
  | { kind: 'extension'; taskId: number }
  | { kind: 'closure'; taskId: number; unitId: number };

/** 我的待办: what a unit owes this period, one form for everything, notices to answer. */
export default function TodoPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const narrow = Grid.useBreakpoint().md === false;
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const working = useWorkingPlan();
  // A list item's ledger, opened from its line (`?plan=`): no plan of the header, yet reported here.
  const [params] = useSearchParams();
  const asked = Number(params.get('plan'));
  const ledgerId = Number.isInteger(asked) && asked > 0 && asked !== working?.id ? asked : undefined;
  // A ledger opened by its link (`?plan=`): read as itself, its year included.
  const ledger = usePlanSummary(ledgerId).data?.plan;
  const plan =
    ledgerId === undefined ? working : (ledger ?? { id: ledgerId, year: Number(todayIso().slice(0, 4)) });
  const planId = plan?.id ?? 0;
  const user = useSession().session?.user;
  const reporter = user?.role === 'reporter';
  const [periodKey, setPeriodKey] = useState<string | undefined>();
  const [unitId, setUnitId] = useState<number | undefined>();
  const units = useUnits(Boolean(user));
  const periods = usePeriods(planId);
  const todos = useTodos(planId, reporter ? undefined : unitId, periodKey, reporter || unitId !== undefined);
  const tasks = useTasks(planId);
  const targets = useTargets(planId);
  const outline = useOutline(planId);
  const notices = useNotices(planId);
  // The overdue reckoning reads the plan as of its as-of date (a past plan: its year's end); the
  // form itself is today's work.
  const asOf = useAsOf(plan);
  const reminders = useReminders(planId, asOf);
  const submit = useSubmitReport(planId);
  const [dialog, setDialog] = useState<Dialog | undefined>();
  const [dialogError, setDialogError] = useState<string | undefined>();
  const act = useTrackingMutation(
    planId,
    async ({ dialog: d, values }: { dialog: Dialog; values: ActionValues }) => {
      if (d.kind === 'answer')
        return trackingApi.moveNotice(
          planId,
          d.notice.id,
          { type: 'answer', text: values.text },
          d.notice.version,
        );
      if (d.kind === 'extension')
        return trackingApi.requestExtension(planId, {
          subject: { type: 'task', id: d.taskId },
          requestedDeadline: values.date!,
          reason: values.text,
          ...(values.note ? { explanation: values.note } : {}),
        });
      return trackingApi.applyToClose(planId, d.taskId, {
        evidence: values.evidence.map((e) => e.id),
        note: values.text,
      });
    },
  );

  const unitName = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u.name])), [units.data]);
  const labels = useMemo(() => {
    const task = new Map<number, OwedLabel>();
    const target = new Map<number, OwedLabel>();
    // A task's chapter (the first-level heading above it, 一、…) and section ((一)…), to group
    // the form by.
    const nodes = new Map((outline.data ?? []).map((n) => [n.id, n]));
    const placeOf = (id: number | null) => {
      let node = id === null ? undefined : nodes.get(id);
      let below: typeof node;
      while (node && node.parentId !== null && nodes.has(node.parentId)) {
        below = node;
        node = nodes.get(node.parentId);
      }
      return { chapter: node?.title, section: below?.title };
    };
    for (const item of tasks.data?.items ?? [])
      task.set(item.id, {
        text: item.text,
        href: `/plans/${planId}/tasks/${item.id}`,
        ...placeOf(item.outlineNodeId),
      });
    for (const item of targets.data?.items ?? [])
      target.set(item.id, {
        text: item.metric,
        goal: formatPromise(item.value, item.unit, item.comparator, t(`comparator.${item.comparator}`), lang),
        href: `/plans/${planId}/targets/${item.id}`,
      });
    return { task, target };
  }, [tasks.data, targets.data, outline.data, planId, t, lang]);
  const taskState = useMemo(
    () => new Map((tasks.data?.items ?? []).map((x) => [x.id, x.state])),
    [tasks.data],
  );

  const noticeTitle = (notice: SupervisionNotice) => {
    const { type, id } = notice.subject;
    if (type === 'task') return taskTitle(labels.task.get(id)?.text ?? '');
    return type === 'target' ? (labels.target.get(id)?.text ?? '') : '';
  };
  /** What a 督办单 is about, named as the unit knows it (the task's title, the target's metric). */
  const noticeSubject = (notice: SupervisionNotice) => {
    const { type, id } = notice.subject;
    const label =
      type === 'task' ? labels.task.get(id) : type === 'target' ? labels.target.get(id) : undefined;
    const text = label
      ? type === 'task'
        ? taskTitle(label.text)
        : label.text
      : t(`kind.${type === 'target' ? 'target' : type === 'task' ? 'task' : 'project'}`);
    return label?.href ? (
      <Link to={label.href} data-testid="notice-subject">
        {text}
      </Link>
    ) : (
      <span data-testid="notice-subject">{text}</span>
    );
  };
  if (!plan) return <Empty description={t('dashboard.noPlans')} />;
  const openNotices = (notices.data?.items ?? []).filter(
    (n) => n.state === 'issued' || n.state === 'escalated',
  );
  const period = todos.data?.period;

  const runDialog = (values: ActionValues) => {
    if (!dialog) return;
    setDialogError(undefined);
    act.mutate(
      { dialog, values },
      {
        onSuccess: () => {
          void message.success(
            t(
              dialog.kind === 'answer'
                ? 'todo.answered'
                : dialog.kind === 'extension'
                  ? 'todo.requested'
                  : 'todo.applied',
            ),
          );
          setDialog(undefined);
        },
        onError: (error) => setDialogError(errorMessage(error)),
      },
    );
  };

  const renderTodo = (todo: Todo) => {
    const report = todo.report;
    const readOnly = report?.status === 'approved';
    const sheet = period ? (
      <Space wrap>
        <Button
          size="small"
          icon={<DownloadOutlined />}
          href={documentsApi.dataCallUrl(planId, period.key, todo.unitId)}
          download
        >
          {t('downloads.dataCall')}
        </Button>
        {readOnly ? null : (
          <Upload
            accept=".xlsx"
            showUploadList={false}
            beforeUpload={(file) => {
              documentsApi
                .uploadDataCall(planId, period.key, todo.unitId, file, file.name)
                .then(async () => {
                  void message.success(t('downloads.dataCallDone'));
                  await todos.refetch();
                })
                .catch((error: unknown) => void message.error(errorMessage(error)));
              return false;
            }}
          >
            <Button size="small" icon={<UploadOutlined />}>
              {t('downloads.uploadDataCall')}
            </Button>
          </Upload>
        )}
      </Space>
    ) : null;
    return (
      <Card
        key={`${todo.unitId}`}
        title={
          <Space wrap>
            <span>{unitName.get(todo.unitId) ?? `#${todo.unitId}`}</span>
            <ToneTag tone={STATUS_TONE[report?.status ?? 'draft'] ?? 'grey'}>
              {t(`todo.status.${report?.status ?? 'draft'}`)}
            </ToneTag>
            <Typography.Text type="secondary">
              {t('todo.dueOn', { date: formatDate(todo.dueOn, lang) })}
            </Typography.Text>
          </Space>
        }
        data-testid={`todo-unit-${todo.unitId}`}
        // On a phone the sheet's buttons go under the title: beside it they squeeze the unit's name.
        extra={narrow ? null : sheet}
      >
        {narrow && sheet ? <div style={{ marginBottom: 12 }}>{sheet}</div> : null}
        {period ? (
          <ReportCard
            planId={planId}
            periodKey={period.key}
            todo={todo}
            labels={labels}
            saveLine={(body) => trackingApi.saveDraftLine(planId, body)}
            submit={(body) =>
              submit.mutateAsync(body).then(
                (answer) => {
                  void message.success(t(body.only ? 'todo.lineSubmitted' : 'todo.submitted'));
                  return answer;
                },
                (error: unknown) => {
                  void message.error(errorMessage(error));
                  throw error;
                },
              )
            }
            reload={() => void todos.refetch()}
            submitting={submit.isPending}
            onUpload={async (file) => {
              const stored = await trackingApi.uploadEvidence(planId, file, file.name, todo.unitId);
              return { id: stored.id, name: stored.name };
            }}
            uploadError={errorMessage}
            taskActions={(taskId) => (
              <Space size={4}>
                <Button size="small" onClick={() => setDialog({ kind: 'extension', taskId })}>
                  {t('todo.extension')}
                </Button>
                {taskState.get(taskId) === 'done' ? (
                  <Button
                    size="small"
                    onClick={() => setDialog({ kind: 'closure', taskId, unitId: todo.unitId })}
                  >
                    {t('todo.closure')}
                  </Button>
                ) : null}
              </Space>
            )}
          />
        ) : null}
      </Card>
    );
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="todo-page">
      <div>
        <Typography.Title level={2} className="lx-page-title">
          {t('todo.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('todo.intro')}</Typography.Paragraph>
        <Space wrap>
          <label htmlFor="todo-period">{t('todo.period')}</label>
          <Select
            id="todo-period"
            style={{ minWidth: 180 }}
            value={periodKey ?? period?.key}
            onChange={setPeriodKey}
            options={(periods.data?.items ?? []).map((p) => ({
              value: p.key,
              label: `${p.label} · ${t(`admin.periodStatus.${p.status}`)}`,
            }))}
          />
          {plan ? <AsOfPicker plan={plan} lang={lang} /> : null}
          {reporter ? null : (
            <>
              <label htmlFor="todo-unit">{t('todo.unit')}</label>
              <Select
                id="todo-unit"
                style={{ minWidth: 220 }}
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('todo.chooseUnit')}
                value={unitId}
                onChange={setUnitId}
                options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
              />
            </>
          )}
        </Space>
      </div>
      {(reminders.data?.items ?? []).map((r) => (
        <Alert
          key={`${r.unitId}-${r.periodKey}-${r.kind}`}
          type={r.kind === 'overdue' ? 'error' : 'warning'}
          showIcon
          data-testid="reminder"
          title={t(r.kind === 'overdue' ? 'todo.overdue' : 'todo.dueSoon', {
            unit: unitName.get(r.unitId) ?? `#${r.unitId}`,
            period: periodLabel(r.periodKey, lang),
            date: formatDate(r.dueOn, lang),
            days: Math.abs(r.daysLeft),
            count: r.missing.length,
          })}
        />
      ))}
      <WorkTodoCard
        {...(ledgerId === undefined ? {} : { reportedPlanId: ledgerId })}
        mine={reporter}
        ownUnitIds={user?.unitIds ?? []}
        {...(reporter || unitId === undefined ? {} : { unitId })}
      />
      <InvestmentTodoCard unitIds={reporter ? (user?.unitIds ?? []) : unitId === undefined ? [] : [unitId]} />
      {openNotices.length > 0 ? (
        <Card title={t('todo.notices')}>
          <List
            dataSource={openNotices}
            renderItem={(notice) => (
              <List.Item
                actions={[
                  <Button key="answer" type="primary" onClick={() => setDialog({ kind: 'answer', notice })}>
                    {t('todo.answer')}
                  </Button>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space wrap>
                      <ToneTag tone={URGENCY_TONE[notice.urgency]}>
                        {t(`supervision.urgencyLevel.${notice.urgency}`)}
                      </ToneTag>
                      {noticeSubject(notice)}
                    </Space>
                  }
                  description={
                    <>
                      <Typography.Paragraph style={{ margin: 0 }}>{notice.content}</Typography.Paragraph>
                      <Typography.Text type="secondary">
                        {notice.number} · {unitName.get(notice.unitId)} ·{' '}
                        {t('todo.answerBy', { date: formatDate(notice.dueOn, lang) })} ·{' '}
                        {t('supervision.print')}：
                        <a href={trackingApi.noticeDocxUrl(planId, notice.id)} download>
                          {t('supervision.printDocx')}
                        </a>{' '}
                        <PdfDownload
                          type="link"
                          size="small"
                          load={() => trackingApi.noticePdf(planId, notice.id)}
                          fileName={t('supervision.sheetFile', { number: notice.number })}
                          label={t('supervision.printPdf')}
                        />
                      </Typography.Text>
                    </>
                  }
                />
              </List.Item>
            )}
          />
        </Card>
      ) : null}
      {!reporter && unitId === undefined ? (
        <Alert type="info" showIcon title={t('todo.notUnitUser')} />
      ) : todos.isError ? (
        <ErrorView error={todos.error} onRetry={() => void todos.refetch()} />
      ) : todos.isPending || tasks.isPending || targets.isPending ? (
        <Spin />
      ) : !period ? (
        <Empty description={t('todo.noPeriod')} />
      ) : todos.data.items.length === 0 ? (
        <Empty description={t('todo.nothingOwed')} />
      ) : (
        todos.data.items.map(renderTodo)
      )}
      {dialog ? (
        <ActionDialog
          open
          title={
            dialog.kind === 'answer'
              ? `${t('todo.answer')}${t('todo.noticeOn')}${noticeTitle(dialog.notice)}`
              : t(dialog.kind === 'extension' ? 'todo.extension' : 'todo.closure')
          }
          textLabel={t(
            dialog.kind === 'answer'
              ? 'todo.answerPlaceholder'
              : dialog.kind === 'extension'
                ? 'todo.reason'
                : 'todo.closureNote',
          )}
          dateLabel={dialog.kind === 'extension' ? t('todo.newDeadline') : undefined}
          noteLabel={dialog.kind === 'extension' ? t('todo.explanation') : undefined}
          noteHelp={dialog.kind === 'extension' ? t('todo.explanationHelp') : undefined}
          minDate={dialog.kind === 'extension' ? todayIso() : undefined}
          onUpload={
            dialog.kind === 'closure'
              ? async (file) => {
                  const stored = await trackingApi.uploadEvidence(planId, file, file.name, dialog.unitId);
                  return { id: stored.id, name: stored.name };
                }
              : undefined
          }
          uploadError={errorMessage}
          okText={t('common.save')}
          submitting={act.isPending}
          error={dialogError}
          onSubmit={runDialog}
          onCancel={() => {
            setDialog(undefined);
            setDialogError(undefined);
          }}
        />
      ) : null}
    </Space>
  );
}
