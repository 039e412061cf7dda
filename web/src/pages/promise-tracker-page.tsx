import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { Empty, Input, Layout, List, Select, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useAsOf } from '../hooks/use-as-of';
import { useOutline, usePlanSummary } from '../hooks/use-plan-data';
import { ErrorView } from '../components/error-view';
import { feedUrl, promisesApi } from '../api/promises';
import { describeDeadline, filterCommitments, groupByChapter, VERDICT_COLORS } from '../lib/promises';
import type { PublicCommitmentRow } from '../api/promises';
import { ChapterHeading } from './chapter-heading';
import { FollowForm } from './follow-form';
import './promise-tracker.css';

const VERDICTS = ['all', 'on_track', 'behind', 'adjusted', 'dropped', 'done', 'not_rated'] as const;

/** 承诺事项公开: every commitment's verdict and due date, for everyone, phone-sized. */
export default function PromiseTrackerPage() {
  const { t } = useTranslation();
  const planId = Number(useParams().planId);
  // Verdicts and overdue read the plan as of its as-of date (a past plan: its year's end).
  const summary = usePlanSummary(planId > 0 ? planId : undefined);
  const asOf = useAsOf(summary.data?.plan);
  // A plan that is not there: asked anyway, so the page says so.
  const ready = asOf !== undefined || summary.isError;
  const list = useQuery({
    queryKey: ['promises', planId, asOf],
    queryFn: () => promisesApi.commitments(planId, asOf),
    enabled: planId > 0 && ready,
  });
  const outline = useOutline(planId);
  const [query, setQuery] = useState('');
  const [verdict, setVerdict] = useState<(typeof VERDICTS)[number]>('all');
  useDocumentTitle(t('promises.title'));
  const rows = list.data ? filterCommitments(list.data.items, query, verdict) : [];
  // Grouped by the report's chapters once the outline is here, each heading followable.
  const chapters = (outline.data ?? []).filter((n) => n.parentId === null);
  const groups = groupByChapter(rows, Array.isArray(outline.data) ? chapters : []);
  const renderRow = (row: PublicCommitmentRow) => (
    <List.Item>
      <div className="lx-promise-row">
        <Link to={`/public/${planId}/promises/${row.type}/${row.id}`}>{row.title}</Link>
        <div>
          <Tag color={VERDICT_COLORS[row.verdict]}>{row.verdictLabel}</Tag>
          {row.deadline?.overdue ? <Tag color="red">{t('promises.overdue')}</Tag> : null}
          {row.leadUnit ? <Typography.Text type="secondary">{row.leadUnit}</Typography.Text> : null}
        </div>
        {describeDeadline(row.deadline, t).map((line) => (
          <Typography.Text key={line} type="secondary" className="lx-promise-line">
            {line}
          </Typography.Text>
        ))}
        {row.comments > 0 ? (
          <Typography.Text type="secondary">
            {t('promises.comments', { count: row.comments })}
          </Typography.Text>
        ) : null}
      </div>
    </List.Item>
  );
  return (
    <Layout className="lx-promises">
      <Typography.Title level={3}>{t('promises.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">{t('promises.intro')}</Typography.Paragraph>
      <Space wrap>
        <a href={feedUrl(planId)} type="application/atom+xml">
          {t('promises.feed')}
        </a>
      </Space>
      <FollowForm subject={{ kind: 'plan', id: planId, planId }} title={t('promises.follow.planTitle')} />
      <Space direction="vertical" style={{ width: '100%', margin: '12px 0' }}>
        <Input.Search
          aria-label={t('promises.search')}
          placeholder={t('promises.search')}
          onChange={(e) => setQuery(e.target.value)}
        />
        <Select
          aria-label={t('promises.verdictFilter')}
          value={verdict}
          onChange={setVerdict}
          style={{ width: '100%' }}
          options={VERDICTS.map((v) => ({
            value: v,
            label: v === 'all' ? t('promises.all') : t(`promises.verdict.${v}`),
          }))}
        />
      </Space>
      {list.error ? <ErrorView error={list.error} /> : null}
      {list.isPending ? <Spin /> : null}
      {list.data && rows.length === 0 ? <Empty description={t('promises.empty')} /> : null}
      {list.data
        ? groups.map((group) => (
            <section
              key={group.id ?? 'rest'}
              aria-labelledby={group.id === null ? undefined : `chapter-${group.id}`}
              data-testid={group.id === null ? 'chapter-rest' : `chapter-${group.id}`}
            >
              {group.id !== null && group.title !== null ? (
                <ChapterHeading
                  planId={planId}
                  chapter={{ id: group.id, title: group.title }}
                  count={group.rows.length}
                />
              ) : groups.length > 1 ? (
                <Typography.Title level={4} className="lx-chapter-title lx-chapter-heading">
                  {t('baseline.chapter.other')}
                </Typography.Title>
              ) : null}
              <List dataSource={group.rows} renderItem={renderRow} />
            </section>
          ))
        : null}
    </Layout>
  );
}
