import { useMemo, useState } from 'react';
import { Button, Card, List, Segmented, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Doubt } from '../api/types';
import type { Mark } from '../lib/spans';

type Filter = 'all' | 'below80' | 'below50';
const LIMIT: Record<Filter, number> = { all: Infinity, below80: 0.8, below50: 0.5 };

export interface DoubtEntry {
  mark: Mark;
  confidence: number;
  doubts: string[];
}

/**
 * Pairs each mark with the reader's confidence in it, found by span (targets and achievements
 * among the items, projects among the projects), least sure first. A mark added in review has no
 * reading of its own: it counts as sure.
 * @example rankByDoubt(marks, doubts)[0]?.confidence // 0.33
 */
export function rankByDoubt(marks: Mark[], doubts: { items: Doubt[]; projects: Doubt[] }): DoubtEntry[] {
  const bySpan = (list: Doubt[]) => new Map(list.map((d) => [`${d.span[0]}:${d.span[1]}`, d]));
  const items = bySpan(doubts.items);
  const projects = bySpan(doubts.projects);
  return marks
    .filter((m) => m.kind !== 'task')
    .map((mark) => {
      const d = (mark.kind === 'project' ? projects : items).get(`${mark.start}:${mark.end}`);
      return { mark, confidence: d?.confidence ?? 1, doubts: d?.doubts ?? [] };
    })
    .sort((a, b) => a.confidence - b.confidence || a.mark.start - b.mark.start);
}

/** 审核: the extracted targets, achievements and projects, least sure first, filtered by confidence. */
export function DoubtList({
  marks,
  doubts,
  onSelect,
}: {
  marks: Mark[];
  doubts: { items: Doubt[]; projects: Doubt[] } | undefined;
  onSelect: (mark: Mark) => void;
}) {
  const { t } = useTranslation();
  const [filter, setFilter] = useState<Filter>('below80');
  const ranked = useMemo(() => (doubts ? rankByDoubt(marks, doubts) : []), [marks, doubts]);
  const shown = ranked.filter((e) => e.confidence < LIMIT[filter]);
  return (
    <Card size="small" title={t('review.doubt.title')} style={{ marginBottom: 16 }}>
      <Typography.Paragraph type="secondary">{t('review.doubt.hint')}</Typography.Paragraph>
      <Space style={{ marginBottom: 8 }}>
        <Typography.Text>{t('review.doubt.filter')}</Typography.Text>
        <Segmented<Filter>
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'below50', label: t('review.doubt.below50') },
            { value: 'below80', label: t('review.doubt.below80') },
            { value: 'all', label: t('review.doubt.all') },
          ]}
        />
      </Space>
      <List
        size="small"
        style={{ maxHeight: 320, overflowY: 'auto' }}
        dataSource={shown}
        locale={{ emptyText: t('review.doubt.none') }}
        renderItem={(e) => (
          <List.Item>
            <Space wrap>
              <Tag>{t(`kind.${e.mark.kind}`)}</Tag>
              <Button type="link" onClick={() => onSelect(e.mark)} style={{ padding: 0 }}>
                {e.mark.label.length > 30 ? `${e.mark.label.slice(0, 30)}…` : e.mark.label}
              </Button>
              <Typography.Text strong>
                {t('review.doubt.confidence', { pct: Math.round(e.confidence * 100) })}
              </Typography.Text>
              {e.doubts.map((code) => (
                <Typography.Text key={code} type="secondary">
                  {t(`review.doubt.reasons.${code}`, { defaultValue: '' })}
                </Typography.Text>
              ))}
            </Space>
          </List.Item>
        )}
      />
    </Card>
  );
}
