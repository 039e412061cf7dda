import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Space, Table, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useWorkingAsOf } from '../hooks/use-as-of';
import { WorkingAsOfPicker } from '../components/as-of-picker';
import { useLang } from '../hooks/use-lang';
import { Link, useParams } from 'react-router';
import type { LibraryProjectDetail } from '../api/library';
import { isApiError } from '../api/client';
import { ErrorView } from '../components/error-view';
import { LAMP_KINDS, Lamp, lampWhyText, yi } from '../components/library-lamps';
import { LibraryStageDialog } from '../components/library-stage-dialog';
import { ToneTag, type Tone } from '../components/tags';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useLibraryProject } from '../hooks/use-library';
import { useSession } from '../hooks/use-session';
import { useUnits } from '../hooks/use-plan-data';

const VERDICT_TONE: Record<string, Tone> = {
  reached: 'green',
  already: 'blue',
  missed: 'red',
  pending: 'gold',
};

/** A project's years, oldest first: the year's target from the report, its verdict, its stage changes. */
function YearsTimeline({
  detail,
  stageName,
}: {
  detail: LibraryProjectDetail;
  stageName: (id: string) => string;
}) {
  const { t } = useTranslation();
  return (
    <Timeline
      items={detail.timeline.map((year) => ({
        key: year.year,
        color: year.verdict === 'missed' ? 'red' : year.verdict === 'pending' ? 'blue' : 'green',
        content: (
          <div data-testid={`year-${year.year}`}>
            <Space wrap>
              <Typography.Text strong>{year.year}年</Typography.Text>
              <Typography.Text>
                {year.target
                  ? t('library.project.target', { step: year.target.step })
                  : t('library.project.noTarget')}
              </Typography.Text>
              {year.verdict ? (
                <ToneTag tone={VERDICT_TONE[year.verdict] ?? 'grey'}>
                  {t(`library.verdict.${year.verdict}`)}
                </ToneTag>
              ) : null}
            </Space>
            <ul className="lx-plain-list">
              {year.changes.map((c) => (
                <li key={`${c.stage}-${c.date}`}>
                  {c.date} {stageName(c.stage)}
                  {c.reason ? `（${c.reason}）` : ''}
                </li>
              ))}
            </ul>
          </div>
        ),
      }))}
    />
  );
}

/** A library project: its record, its four lamps with their reasons, investment, years and reports. */
export default function LibraryProjectPage() {
  const { t } = useTranslation();
  const id = Number(useParams().projectId);
  // The lamps as the plan's tab reads it: on a past date, as they stood then.
  const detail = useLibraryProject(Number.isInteger(id) ? id : 0, useWorkingAsOf());
  const lang = useLang();
  const units = useUnits();
  const role = useSession().session?.user.role;
  const office = role === 'admin' || role === 'supervisor';
  const [moving, setMoving] = useState(false);
  useDocumentTitle(detail.data?.project.name ?? t('library.board.title'));
  if (detail.isError)
    return isApiError(detail.error) && detail.error.status === 404 ? (
      <Alert type="warning" showIcon title={t('library.project.notFound')} />
    ) : (
      <ErrorView error={detail.error} onRetry={() => void detail.refetch()} />
    );
  const d = detail.data;
  if (!d) return <Card loading />;
  const p = d.project;
  const stageName = (sid: string) => d.stages.find((s) => s.id === sid)?.name ?? sid;
  const current = p.history.at(-1);
  const unit = units.data?.find((u) => u.id === p.leadUnitId)?.name ?? '—';
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Card>
        <Link to="/library">{t('library.project.backToLibrary')}</Link>
        <Typography.Title level={2} className="lx-page-title">
          {p.name}
        </Typography.Title>
        <Space wrap style={{ marginBottom: 12 }}>
          <WorkingAsOfPicker lang={lang} />
        </Space>
        {office && !p.exited ? (
          <Space wrap style={{ marginBottom: 12 }}>
            <Button type="primary" onClick={() => setMoving(true)}>
              {t('library.actions.moveStage')}
            </Button>
            <Link to={`/library/projects/${p.id}/edit`}>
              <Button>{t('library.actions.edit')}</Button>
            </Link>
            <Link to={`/library/projects/${p.id}/report`}>
              <Button>{t('library.report.title')}</Button>
            </Link>
            <Link to={`/library/projects/${p.id}/exit`}>
              <Button danger>{t('library.exit.title')}</Button>
            </Link>
          </Space>
        ) : null}
        {!office && !p.exited && role === 'reporter' ? (
          <Link to={`/library/projects/${p.id}/report`}>
            <Button type="primary">{t('library.report.title')}</Button>
          </Link>
        ) : null}
        {office && p.exited ? (
          <Link to={`/library/projects/${p.id}/exit`}>
            <Button>{t('library.exit.undo')}</Button>
          </Link>
        ) : null}
        {office ? (
          <LibraryStageDialog project={p} stages={d.stages} open={moving} onClose={() => setMoving(false)} />
        ) : null}
        {p.exited ? (
          <Alert
            type="info"
            message={t('library.project.exited', { date: p.exited.date, reason: p.exited.reason })}
          />
        ) : null}
        <Descriptions size="small" column={{ xs: 1, md: 3 }}>
          <Descriptions.Item label={t('library.project.class')}>{p.class}</Descriptions.Item>
          <Descriptions.Item label={t('library.project.stage')}>
            {current ? `${stageName(current.stage)}（${current.date}）` : '—'}
          </Descriptions.Item>
          <Descriptions.Item label={t('library.project.lead')}>{unit}</Descriptions.Item>
          <Descriptions.Item label={t('library.project.total')}>{yi(p.totalInvestment)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('library.project.lampsTitle')}>
        <ul className="lx-plain-list">
          {LAMP_KINDS.map((kind) => (
            <li key={kind} data-testid={`lamp-${kind}`}>
              <Lamp kind={kind} color={d.lamps[kind].color} /> {lampWhyText(t, d.lamps[kind].why)}
            </li>
          ))}
        </ul>
      </Card>
      <Card title={t('library.project.investmentTitle')}>
        <Descriptions size="small" column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('library.project.yearPlanned')}>
            {yi(d.investment.yearPlanned)}
          </Descriptions.Item>
          <Descriptions.Item label={t('library.project.yearCompleted')}>
            {yi(d.investment.yearCompleted)}
          </Descriptions.Item>
          <Descriptions.Item label={t('library.project.completedToDate')}>
            {yi(d.investment.completedToDate)}
          </Descriptions.Item>
          <Descriptions.Item label={t('library.project.yearShare')}>
            {d.investment.yearShare === null ? '—' : `${Math.round(d.investment.yearShare * 100)}%`}
          </Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('library.project.timelineTitle')}>
        <YearsTimeline detail={d} stageName={stageName} />
      </Card>
      {d.reports.length > 0 ? (
        <Card title={t('library.project.reportsTitle')}>
          <Table
            size="small"
            pagination={false}
            rowKey={(r) => `${r.planId}-${r.name}`}
            dataSource={d.reports}
            columns={[
              { title: '', dataIndex: 'planTitle' },
              { title: t('library.project.name'), dataIndex: 'name' },
              { title: t('library.board.written'), dataIndex: 'step' },
            ]}
          />
        </Card>
      ) : null}
    </Space>
  );
}
