import { lazy, Suspense, useMemo, useState } from 'react';
import { App, Button, Card, Col, Descriptions, Empty, List, Space, Spin, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { trackingApi, type SubjectRef } from '../api/tracking';
import type { Plan } from '../api/types';
import { HistoryList } from '../components/history-list';
import { NoticeDialog, type NoticeDraft } from '../components/notice-dialog';
import { HealthTag, ToneTag } from '../components/tags';
import { useErrorMessage } from '../hooks/use-error-message';
import { useOutline } from '../hooks/use-plan-data';
import { useSession } from '../hooks/use-session';
import {
  trackingKeys,
  useExtensions,
  useHistory,
  useItemHealth,
  useNotices,
  useTrackingMutation,
} from '../hooks/use-tracking';
import { todayIso } from '../hooks/use-working-plan';
import { useAsOf } from '../hooks/use-as-of';
import { formatDate, formatDateTime, formatNumber, periodLabel, type Lang } from '../lib/format';
import { healthReasonText } from '../lib/health-why';
import { deriveItemChart } from '../lib/item-trend';
import { URGENCY_TONE } from '../lib/tracking-tones';

type Kind = 'task' | 'target' | 'project';

const EChart = lazy(() => import('../components/echart'));

/**
 * The tracking half of a detail page: health and why, the deadline in force, reported figures
 * against the expected line, evidence, the supervision thread, extensions and the change
 * history with differences.
 */
export function ItemTracking({
  kind,
  planId,
  itemId,
  lang,
  plan,
  deadline,
  goal,
  unitName,
}: {
  kind: Kind;
  planId: number;
  itemId: number;
  lang: Lang;
  plan?: Plan;
  deadline: string | null;
  /** What the item must reach by its deadline: 100 (%) for a task, the promised value for a target. */
  goal: number | null;
  /** Unit names for the change history (unit ids stay ids without it). */
  unitName?: (id: number) => string | undefined;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const role = useSession().session?.user.role;
  const supervisor = role === 'admin' || role === 'supervisor';
  const subject: SubjectRef = { type: kind, id: itemId };
  // The item as it stood on the plan's as-of date (a past plan: its year's end), as the dashboard reads it.
  const asOf = useAsOf(plan);
  const health = useItemHealth(kind === 'project' ? 0 : planId, asOf);
  const notices = useNotices(planId, subject);
  const extensions = useExtensions(planId, subject);
  const history = useHistory(planId, `${kind}s` as 'tasks' | 'targets' | 'projects', itemId);
  const [issuing, setIssuing] = useState(false);
  const [issueError, setIssueError] = useState<string | undefined>();
  const issue = useTrackingMutation(planId, (draft: NoticeDraft) => trackingApi.issueNotice(planId, draft));
  const today = asOf ?? todayIso();
  const outline = useOutline(planId);
  const outlineTitles = useMemo(
    () => new Map((outline.data ?? []).map((n) => [n.id, n.title])),
    [outline.data],
  );

  // The item's health at each period's end, computed by the server in one request; the chart
  // draws the figure reported for each ended period against what was expected of it.
  const trend = useQuery({
    queryKey: [...trackingKeys.all(planId), 'item-trend', kind, itemId],
    enabled: kind !== 'project',
    queryFn: () =>
      trackingApi.itemHealthTrend(planId, { type: kind === 'task' ? 'task' : 'target', id: itemId }),
  });

  // What the approved reports that carry this item said, period by period: the latest
  // 进展情况 and every evidence file.
  const reported = useQuery({
    queryKey: [...trackingKeys.reports(planId, 'approved'), 'lines', kind, itemId],
    enabled: kind !== 'project',
    queryFn: async () => {
      const reports = await trackingApi.reports(planId, { status: 'approved' });
      const files: { fileId: number | string; name: string; periodKey: string }[] = [];
      let latest:
        { periodKey: string; note: string; progress?: number; value?: number; unit?: string } | undefined;
      for (const report of reports.items) {
        const line =
          kind === 'task'
            ? report.tasks.find((l) => l.taskId === itemId)
            : report.targets.find((l) => l.targetId === itemId);
        if (!line) continue;
        for (const e of report.evidence) files.push({ ...e, periodKey: report.periodKey });
        if (!latest || report.periodKey > latest.periodKey) {
          latest =
            'taskId' in line
              ? { periodKey: report.periodKey, note: line.note, progress: line.progress }
              : { periodKey: report.periodKey, note: line.note, value: line.value, unit: line.unit };
        }
      }
      return { files: files.sort((a, b) => a.periodKey.localeCompare(b.periodKey)), latest };
    },
  });
  const evidence = { data: reported.data?.files };
  const latest = reported.data?.latest;

  const mine =
    kind === 'task'
      ? health.data?.task.get(itemId)
      : kind === 'target'
        ? health.data?.target.get(itemId)
        : undefined;
  const approvedExtensions = (extensions.data?.items ?? []).filter((e) => e.state === 'approved');
  const inForce =
    mine?.extended && mine.deadline
      ? mine.deadline
      : (approvedExtensions.at(-1)?.approvedDeadline ?? deadline);

  const chart = useMemo(
    () =>
      trend.data
        ? deriveItemChart(trend.data, {
            deadline: inForce,
            originalDeadline: inForce !== deadline ? deadline : null,
            goal,
          })
        : undefined,
    [trend.data, inForce, deadline, goal],
  );
  const option = useMemo(() => {
    if (!chart) return {};
    const marks = [
      chart.deadline ? { xAxis: chart.deadline, name: t('fields.deadline') } : undefined,
      chart.originalDeadline
        ? { xAxis: chart.originalDeadline, name: t('supervision.previousDeadline') }
        : undefined,
    ].filter((m) => m !== undefined);
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0, data: [t('healthView.actual'), t('healthView.expected')] },
      grid: { left: 56, right: 40, top: 56, bottom: 32 },
      xAxis: {
        type: 'time',
        min: chart.from,
        max: chart.to,
        axisLabel: { formatter: lang === 'en' ? '{MMM} {yyyy}' : '{yyyy}年{M}月', hideOverlap: true },
      },
      yAxis: {
        type: 'value',
        ...(kind === 'task' ? { max: 100, axisLabel: { formatter: '{value}%' } } : {}),
      },
      series: [
        {
          name: t('healthView.actual'),
          type: 'line',
          connectNulls: true,
          showSymbol: true,
          symbolSize: 8,
          data: chart.data.map((p) => [p.date, p.actual]),
        },
        {
          name: t('healthView.expected'),
          type: 'line',
          lineStyle: { type: 'dashed' },
          itemStyle: { color: '#8c8c8c' },
          data: chart.data.map((p) => [p.date, p.expected]),
          markLine: marks.length
            ? {
                symbol: 'none',
                lineStyle: { color: '#cf1322', type: 'solid' },
                label: { formatter: '{b}', position: 'end', color: '#a8071a' },
                data: marks,
              }
            : undefined,
        },
        {
          name: t('healthView.expected'),
          type: 'line',
          lineStyle: { type: 'dotted' },
          itemStyle: { color: '#8c8c8c' },
          showSymbol: false,
          data: chart.trajectory,
        },
      ],
    };
  }, [chart, t, lang, kind]);

  return (
    <>
      {kind !== 'project' ? (
        <Col xs={24} lg={10}>
          <Card title={t('healthView.title')} data-testid="item-health">
            {mine ? (
              <Descriptions column={1} size="small">
                <Descriptions.Item label={t('fields.health')}>
                  <HealthTag health={mine.health} />
                </Descriptions.Item>
                <Descriptions.Item label={t('healthView.why')}>
                  <span data-testid="health-why">{healthReasonText(mine, t, lang)}</span>
                </Descriptions.Item>
                <Descriptions.Item label={`${t('healthView.actual')} / ${t('healthView.expected')}`}>
                  {mine.actual === null ? '—' : formatNumber(mine.actual, lang)} /{' '}
                  {mine.expected === null ? '—' : formatNumber(mine.expected, lang)}
                </Descriptions.Item>
                {kind === 'task' ? (
                  <Descriptions.Item label={t('fields.deadline')}>
                    <span data-testid="deadline-in-force">
                      {formatDate(inForce, lang)}{' '}
                      {inForce !== deadline && deadline ? (
                        <ToneTag tone="blue">
                          {t('healthView.deadlineExtended', {
                            date: formatDate(inForce, lang),
                            original: formatDate(deadline, lang),
                          })}
                        </ToneTag>
                      ) : null}
                    </span>
                  </Descriptions.Item>
                ) : null}
                <Descriptions.Item label={t('healthView.latest')}>
                  <span data-testid="latest-progress">
                    {latest ? (
                      <>
                        <Typography.Text type="secondary">
                          {periodLabel(latest.periodKey, lang)}
                          {latest.progress !== undefined ? ` · ${formatNumber(latest.progress, lang)}%` : ''}
                          {latest.value !== undefined
                            ? ` · ${formatNumber(latest.value, lang)}${latest.unit ?? ''}`
                            : ''}
                        </Typography.Text>{' '}
                        {latest.note || t('healthView.noNote')}
                      </>
                    ) : (
                      t('healthView.noReport')
                    )}
                  </span>
                </Descriptions.Item>
              </Descriptions>
            ) : health.isPending ? (
              <Spin />
            ) : (
              <Empty />
            )}
          </Card>
        </Col>
      ) : null}
      {kind !== 'project' ? (
        <Col xs={24} lg={14}>
          <Card title={t('healthView.progressChart')}>
            {trend.isPending ? (
              <Spin />
            ) : (
              <Suspense fallback={<Spin />}>
                <EChart
                  option={option}
                  height={260}
                  label={`${t('healthView.progressChart')}: ${(chart?.data ?? [])
                    .map((p) => `${p.period} ${p.actual ?? '—'}/${p.expected ?? '—'}`)
                    .join(
                      '; ',
                    )}${chart?.deadline ? `; ${t('fields.deadline')} ${formatDate(chart.deadline, lang)}` : ''}`}
                />
              </Suspense>
            )}
            <Typography.Title level={3} style={{ fontSize: 16 }}>
              {t('todo.evidence')}
            </Typography.Title>
            {(evidence.data ?? []).length === 0 ? (
              <Typography.Text type="secondary">{t('todo.noEvidence')}</Typography.Text>
            ) : (
              <ul>
                {evidence.data!.map((file) => (
                  <li key={`${file.periodKey}-${file.fileId}`}>
                    <a href={trackingApi.evidenceUrl(planId, file.fileId)}>{file.name}</a>{' '}
                    <Typography.Text type="secondary">{periodLabel(file.periodKey, lang)}</Typography.Text>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </Col>
      ) : null}
      <Col xs={24} lg={12}>
        <Card
          title={t('healthView.supervision')}
          extra={
            supervisor ? (
              <Button size="small" onClick={() => setIssuing(true)}>
                {t('supervision.issue')}
              </Button>
            ) : null
          }
        >
          <List
            dataSource={notices.data?.items ?? []}
            locale={{ emptyText: t('common.empty') }}
            renderItem={(notice) => (
              <List.Item>
                <Space orientation="vertical" size={2} style={{ width: '100%' }}>
                  <Space wrap>
                    <ToneTag tone={URGENCY_TONE[notice.urgency]}>
                      {t(`supervision.urgencyLevel.${notice.urgency}`)}
                    </ToneTag>
                    <span>{t(`supervision.noticeState.${notice.state}`)}</span>
                    <Typography.Text type="secondary">
                      {formatDateTime(notice.issuedAt, lang)} · {t('supervision.dueOn')}{' '}
                      {formatDate(notice.dueOn, lang)}
                    </Typography.Text>
                  </Space>
                  <Typography.Text>{notice.content}</Typography.Text>
                  {notice.escalations.map((e) => (
                    <Typography.Text key={e.at} type="danger">
                      {t('supervision.escalate')}：{e.reason}
                    </Typography.Text>
                  ))}
                  {notice.answer ? (
                    <Typography.Text type="secondary">
                      {t('supervision.answer')}：{notice.answer}
                    </Typography.Text>
                  ) : null}
                  {notice.closingNote ? (
                    <Typography.Text type="secondary">{notice.closingNote}</Typography.Text>
                  ) : null}
                </Space>
              </List.Item>
            )}
          />
          <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
            {t('healthView.extensions')}
          </Typography.Title>
          <List
            dataSource={extensions.data?.items ?? []}
            locale={{ emptyText: t('common.empty') }}
            renderItem={(e) => (
              <List.Item>
                <Space wrap>
                  <span>{t(`supervision.extensionState.${e.state}`)}</span>
                  <span>
                    {formatDate(e.previousDeadline, lang)} →{' '}
                    {formatDate(e.approvedDeadline ?? e.requestedDeadline, lang)}
                  </span>
                  <Typography.Text type="secondary">{e.reason}</Typography.Text>
                </Space>
              </List.Item>
            )}
          />
        </Card>
      </Col>
      <Col xs={24} lg={12}>
        <Card title={t('healthView.history')}>
          {history.isPending ? (
            <Spin />
          ) : (
            <HistoryList
              entries={history.data?.items ?? []}
              lang={lang}
              unitName={unitName}
              outlineTitle={(id) => outlineTitles.get(id)}
            />
          )}
        </Card>
      </Col>
      {issuing ? (
        <NoticeDialog
          open
          subject={subject}
          items={{ task: [], target: [] }}
          today={today}
          submitting={issue.isPending}
          error={issueError}
          onSubmit={(draft) =>
            issue.mutate(draft, {
              onSuccess: () => {
                void message.success(t('supervision.issued'));
                setIssuing(false);
                setIssueError(undefined);
              },
              onError: (error) => setIssueError(errorMessage(error)),
            })
          }
          onCancel={() => {
            setIssuing(false);
            setIssueError(undefined);
          }}
        />
      ) : null}
    </>
  );
}
