/**
 * After import, the plan office's list of rows whose state their own quote contradicts (issue
 * 14.6): a project at 储备 beside "主体结构封顶" and the like, each with the report's words, what
 * the row states and what the words imply, and a link to correct it. Nothing when none.
 */
import { Alert, List, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Contradiction } from '../api/types';
import { useContradictions } from '../hooks/use-plan-data';

function statedWord(value: string, rule: Contradiction['rule'], t: (key: string) => string): string {
  return rule === 'direction_vs_metric' ? t(`contradictions.direction.${value}`) : value;
}

export function ContradictionsPanel({ planId, enabled }: { planId: number; enabled: boolean }) {
  const { t } = useTranslation();
  const found = useContradictions(planId, enabled);
  const items = found.data ?? [];
  if (!enabled || items.length === 0) return null;
  const linkOf = (c: Contradiction) =>
    c.subject.type === 'achievement' ? undefined : `/plans/${planId}/${c.subject.type}s/${c.subject.id}`;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      data-testid="contradictions"
      title={t('contradictions.title', { count: items.length })}
      description={
        <>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('contradictions.intro')}
          </Typography.Paragraph>
          <List
            size="small"
            dataSource={items}
            rowKey={(c) => `${c.rule}-${c.subject.type}-${c.subject.id}`}
            renderItem={(c) => {
              const link = linkOf(c);
              return (
                <List.Item
                  actions={
                    link
                      ? [
                          <Link key="open" to={link}>
                            {t('contradictions.open')}
                          </Link>,
                        ]
                      : []
                  }
                >
                  <Space orientation="vertical" size={0}>
                    <Typography.Text strong>
                      {c.name} · {t(`contradictions.rule.${c.rule}`)}
                    </Typography.Text>
                    <Typography.Text>
                      {t('contradictions.quote')}：「{c.quote}」
                    </Typography.Text>
                    <Typography.Text type="secondary">
                      {t('contradictions.stated')}：{statedWord(c.stated, c.rule, t)} ·{' '}
                      {t('contradictions.implied')}：{statedWord(c.implied, c.rule, t)}
                    </Typography.Text>
                  </Space>
                </List.Item>
              );
            }}
          />
        </>
      }
    />
  );
}
