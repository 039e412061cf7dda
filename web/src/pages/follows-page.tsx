import { useQuery } from '@tanstack/react-query';
import { Badge, Card, Empty, List, Space, Spin, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { followsApi, type StaffFollow } from '../api/comments';
import { ErrorView } from '../components/error-view';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useLang } from '../hooks/use-lang';
import { formatDate, formatDateTime } from '../lib/format';
import { FollowButton } from './follow-button';

function FollowCard({ follow }: { follow: StaffFollow }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      data-testid="follow"
      title={
        <Space wrap>
          <Tag>{t(`follows.kinds.${follow.type}`)}</Tag>
          <Link to={`/plans/${follow.planId}/${follow.type}s/${follow.itemId}`}>{follow.title}</Link>
        </Space>
      }
      extra={<FollowButton planId={follow.planId} type={follow.type} id={follow.itemId} />}
    >
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text type="secondary">{t('follows.plan', { title: follow.planTitle })}</Typography.Text>
        <Typography.Text type="secondary">
          {t('follows.since', { date: formatDate(follow.since, lang) })}
        </Typography.Text>
        {follow.recent > 0 ? (
          <Badge color="red" text={t('follows.recent', { count: follow.recent })} />
        ) : null}
      </Space>
      <List
        size="small"
        dataSource={follow.changes}
        locale={{ emptyText: t('follows.noChanges') }}
        renderItem={(c) => (
          <List.Item key={`${c.at}:${c.kind}`}>
            <Space wrap>
              <Typography.Text type="secondary">{formatDateTime(c.at, lang)}</Typography.Text>
              <Typography.Text>{c.text}</Typography.Text>
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}

/** 我的关注: the tasks and targets the user follows, each with its changes since. */
export default function FollowsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('follows.title'));
  const list = useQuery({ queryKey: ['follows'], queryFn: () => followsApi.list() });
  if (list.error) return <ErrorView error={list.error} onRetry={() => void list.refetch()} />;
  if (!list.data) return <Spin />;
  return (
    <div>
      <Typography.Title level={3}>{t('follows.title')}</Typography.Title>
      <Typography.Paragraph type="secondary">
        {t('follows.intro')}{' '}
        {/* Underlined: a link inside a sentence is told by more than its colour (WCAG 1.4.1). */}
        <Link to="/work" style={{ textDecoration: 'underline' }}>
          {t('follows.settings')}
        </Link>
      </Typography.Paragraph>
      {list.data.items.length === 0 ? <Empty description={t('follows.empty')} /> : null}
      {list.data.items.map((f) => (
        <FollowCard key={f.id} follow={f} />
      ))}
    </div>
  );
}
