import { useQuery } from '@tanstack/react-query';
import { useAsOf } from '../hooks/use-as-of';
import { usePlanSummary } from '../hooks/use-plan-data';
import { Alert, Card, Layout, Space, Spin, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useDocumentTitle } from '../hooks/use-document-title';
import { ErrorView } from '../components/error-view';
import { evidenceUrl, promisesApi, type PublicCommitment } from '../api/promises';
import { describeDeadline, VERDICT_COLORS } from '../lib/promises';
import { CommentSection } from './comment-section';
import { FollowForm } from './follow-form';
import { formatBytes } from '../lib/format';
import { useLang } from '../hooks/use-lang';
import './promise-tracker.css';

const KINDS: Record<string, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpeg',
  'image/png': 'png',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
};
const kindOf = (contentType: string) => KINDS[contentType] ?? 'other';

/** A commitment's public page: the promise, original vs current, verdict history, evidence. */
export default function PromiseDetailPage() {
  const { t } = useTranslation();
  const params = useParams();
  const planId = Number(params.planId);
  const type = params.type === 'target' ? 'target' : 'task';
  const id = Number(params.itemId);
  const summary = usePlanSummary(planId > 0 ? planId : undefined);
  const asOf = useAsOf(summary.data?.plan);
  // A plan that is not there: asked anyway, so the page says so.
  const ready = asOf !== undefined || summary.isError;
  const page = useQuery({
    queryKey: ['promises', planId, type, id, asOf],
    queryFn: () => promisesApi.commitment(planId, type, id, asOf),
    enabled: ready,
  });
  useDocumentTitle(page.data?.title ?? t('promises.title'));
  if (page.error) return <ErrorView error={page.error} />;
  if (!page.data) return <Spin />;
  return <PromiseDetail page={page.data} />;
}

export function PromiseDetail({ page }: { page: PublicCommitment }) {
  const { t } = useTranslation();
  const lang = useLang();
  // The names of the files a verdict made public (those the page lists; nothing else of them).
  const names = new Map(page.evidence.map((e) => [e.id, e.name]));
  const evidenceOf = (ids: number[]) => ids.flatMap((id) => names.get(id) ?? []);
  const d = page.promise.deadline;
  return (
    <Layout className="lx-promises">
      <Link to={`/public/${page.planId}/promises`}>{t('promises.back')}</Link>
      <Typography.Title level={3}>{page.title}</Typography.Title>
      <Space wrap>
        <Tag color={VERDICT_COLORS[page.verdict.current.verdict]}>{page.verdict.current.label}</Tag>
        {d?.overdue ? <Tag color="red">{t('promises.overdue')}</Tag> : null}
        <Typography.Text type="secondary">
          {t('promises.followers', { count: page.followers })}
        </Typography.Text>
      </Space>
      {page.leadUnit ? (
        <Typography.Paragraph>{t('promises.leadUnit', { unit: page.leadUnit })}</Typography.Paragraph>
      ) : null}
      <Card size="small" title={t('promises.promiseTitle')}>
        {describeDeadline(d, t).map((line) => (
          <Typography.Paragraph key={line} style={{ marginBottom: 4 }}>
            {line}
          </Typography.Paragraph>
        ))}
        {page.verdict.current.newPromise ? (
          <Typography.Paragraph>
            {t('promises.newPromise', { text: page.verdict.current.newPromise.text })}
          </Typography.Paragraph>
        ) : null}
        <Typography.Paragraph type="secondary">
          {t('promises.sentence')}：{page.sentence}
        </Typography.Paragraph>
      </Card>
      {page.promise.changes.length > 0 ? (
        <Card size="small" title={t('promises.changes')}>
          {page.promise.changes.map((c) => (
            <Typography.Paragraph key={`${c.field}:${c.on}:${String(c.to)}`}>
              {t('promises.change', { on: c.on, from: String(c.from), to: String(c.to) })}
              {c.explanation ? <br /> : null}
              {c.explanation ? t('promises.explanation', { text: c.explanation }) : null}
            </Typography.Paragraph>
          ))}
        </Card>
      ) : null}
      <Card size="small" title={t('promises.verdictHistory')}>
        <Timeline
          items={page.verdict.history.map((v) => ({
            key: `${v.on}:${v.verdict}`,
            content: (
              <span>
                {v.on} {v.label}
                {v.note ? `：${v.note}` : ''}
                {evidenceOf(v.evidenceIds).length > 0 ? (
                  <Typography.Text type="secondary" className="lx-promise-line">
                    {t('baseline.evidence.withVerdict', { names: evidenceOf(v.evidenceIds).join('、') })}
                  </Typography.Text>
                ) : null}
              </span>
            ),
          }))}
        />
      </Card>
      <Card size="small" title={t('promises.evidence')}>
        {page.evidence.length === 0
          ? t('promises.noEvidence')
          : page.evidence.map((e) => {
              const about = `${t(`baseline.evidence.kinds.${kindOf(e.contentType)}`)}，${formatBytes(e.size, lang)}`;
              return (
                <div key={e.id} data-testid="public-evidence">
                  {e.version ? (
                    <a
                      href={evidenceUrl(page.planId, e.id, e.version)}
                      download={e.name}
                      aria-label={t('baseline.evidence.download', { name: e.name })}
                    >
                      {e.name}
                    </a>
                  ) : (
                    e.name
                  )}{' '}
                  <Typography.Text type="secondary">
                    {e.version ? about : `${about}，${t('baseline.evidence.noDownload')}`}
                  </Typography.Text>
                </div>
              );
            })}
      </Card>
      <Typography.Paragraph type="secondary">
        {t('promises.comments', { count: page.comments.count })}
      </Typography.Paragraph>
      {page.comments.lastAnswer ? (
        <Alert
          type="info"
          message={t('promises.lastAnswer', {
            unit: page.comments.lastAnswer.unit ?? '',
            on: page.comments.lastAnswer.on,
          })}
          description={page.comments.lastAnswer.text}
        />
      ) : null}
      <CommentSection subject={{ planId: page.planId, type: page.type, id: page.id }} />
      <FollowForm
        subject={{ kind: page.type, id: page.id, planId: page.planId }}
        title={t('promises.follow.title')}
      />
    </Layout>
  );
}
