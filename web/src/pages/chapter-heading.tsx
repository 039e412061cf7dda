import { useState } from 'react';
import { Button, Space, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { chapterFeedUrl } from '../api/promises';
import { FollowForm } from './follow-form';

/**
 * A chapter's heading on the public tracker (issue 19.5): its count, 关注本章 by e-mail (the
 * server confirms first: double opt-in) and the chapter's own Atom feed.
 */
export function ChapterHeading({
  planId,
  chapter,
  count,
}: {
  planId: number;
  chapter: { id: number; title: string };
  count: number;
}) {
  const { t } = useTranslation();
  const [following, setFollowing] = useState(false);
  const headingId = `chapter-${chapter.id}`;
  return (
    <div className="lx-chapter-heading">
      <Typography.Title level={4} id={headingId} className="lx-chapter-title">
        {chapter.title}{' '}
        <Typography.Text type="secondary" className="lx-chapter-count">
          {t('baseline.chapter.count', { count })}
        </Typography.Text>
      </Typography.Title>
      <Space wrap size="middle">
        <Button
          size="small"
          icon={<BellOutlined />}
          aria-expanded={following}
          aria-describedby={headingId}
          onClick={() => setFollowing((x) => !x)}
        >
          {t('baseline.chapter.follow')}
        </Button>
        <a href={chapterFeedUrl(planId, chapter.id)} type="application/atom+xml" aria-describedby={headingId}>
          {t('baseline.chapter.feed')}
        </a>
      </Space>
      {following ? (
        <FollowForm
          subject={{ kind: 'chapter', id: chapter.id, planId }}
          title={t('baseline.chapter.followTitle', { title: chapter.title })}
        />
      ) : null}
    </div>
  );
}
