import { useEffect, useState } from 'react';
import { Alert, Button, List, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useKnowledgeSearch } from '../../hooks/use-desk';

/** How long the text must rest before the knowledge base is asked. */
export const KNOWLEDGE_DELAY_MS = 300;

export interface KnowledgePanelProps {
  text: string;
  area: string | undefined;
  category: string | undefined;
  /** Attachments were added: a direct answer takes none. */
  hasFiles: boolean;
  answering: boolean;
  onAnswer: (entryId: number) => void;
}

/**
 * 知识库参考答案 beside the intake form: the entries in force for what the operator typed
 * (category and street lift them), each with its answer and one button that takes the call in
 * and closes it as 直接答复. A labelled region whose count is announced as it changes.
 */
export function KnowledgePanel({ text, area, category, hasFiles, answering, onAnswer }: KnowledgePanelProps) {
  const { t } = useTranslation();
  const [settled, setSettled] = useState(text.trim());
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text.trim()), KNOWLEDGE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [text]);
  const search = useKnowledgeSearch(settled, area, category);
  if (settled.length < 2) return null;
  const hits = search.data ?? [];
  const headingId = 'knowledge-panel-title';
  return (
    <section aria-labelledby={headingId} data-testid="knowledge-panel" style={{ marginBottom: 16 }}>
      <Typography.Title level={3} id={headingId} style={{ fontSize: 16 }}>
        {t('requests.desk.knowledge.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('requests.desk.knowledge.hint')}</Typography.Paragraph>
      <p role="status" aria-live="polite" style={{ margin: '0 0 8px' }}>
        {search.isFetching && hits.length === 0
          ? t('requests.desk.knowledge.searching')
          : hits.length === 0
            ? t('requests.desk.knowledge.none')
            : t('requests.desk.knowledge.count', { count: hits.length })}
      </p>
      {hasFiles && hits.length > 0 ? (
        <Alert
          type="info"
          showIcon
          title={t('requests.desk.knowledge.noFiles')}
          style={{ marginBottom: 8 }}
        />
      ) : null}
      <List
        dataSource={hits}
        renderItem={(hit) => (
          <List.Item key={hit.entryId}>
            <Space orientation="vertical" size={4} style={{ width: '100%' }}>
              <Typography.Text strong>{hit.question}</Typography.Text>
              <Typography.Paragraph style={{ marginBottom: 0 }}>{hit.answer}</Typography.Paragraph>
              <Space size={8} wrap>
                <Tag>{hit.category}</Tag>
                {hit.categoryMatch ? (
                  <Tag color="green">{t('requests.desk.knowledge.categoryMatch')}</Tag>
                ) : null}
                <Typography.Text type="secondary">
                  {t('requests.desk.knowledge.reviewBy', { date: hit.reviewBy })}
                </Typography.Text>
                <Button
                  type="primary"
                  size="small"
                  disabled={hasFiles}
                  loading={answering}
                  aria-label={t('requests.desk.knowledge.answerLabel', { question: hit.question })}
                  onClick={() => onAnswer(hit.entryId)}
                >
                  {t('requests.desk.knowledge.answer')}
                </Button>
              </Space>
            </Space>
          </List.Item>
        )}
      />
    </section>
  );
}
