import { useEffect, useState } from 'react';
import { Button, Form, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BulletinDraft } from '../../api/work';

export interface BulletinDraftFormProps {
  draft: BulletinDraft;
  saving?: boolean;
  onSave: (draft: BulletinDraft) => void;
  /** Told whether what is shown differs from `draft` (unsaved changes). */
  onDirty?: (dirty: boolean) => void;
}

/** Lines of text → paragraphs, blank lines dropped. */
export function paragraphs(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/**
 * The office's part of a 通报: 文号, title, leaders' comments (领导批示) and the next steps
 * (下步工作要求), one paragraph a line.
 */
export function BulletinDraftForm({ draft, saving, onSave, onDirty }: BulletinDraftFormProps) {
  const { t } = useTranslation();
  const [number, setNumber] = useState(draft.number);
  const [title, setTitle] = useState(draft.title ?? '');
  const [comments, setComments] = useState(draft.comments);
  const [requirements, setRequirements] = useState(draft.requirements.join('\n'));
  useEffect(() => {
    setNumber(draft.number);
    setTitle(draft.title ?? '');
    setComments(draft.comments);
    setRequirements(draft.requirements.join('\n'));
  }, [draft]);
  const current: BulletinDraft = {
    number: number.trim(),
    title: title.trim() || null,
    comments: comments.filter((c) => c.leader.trim() !== '' && c.text.trim() !== ''),
    requirements: paragraphs(requirements),
  };
  const dirty = JSON.stringify(current) !== JSON.stringify(draft);
  useEffect(() => onDirty?.(dirty), [dirty, onDirty]);
  const setComment = (index: number, field: 'leader' | 'text', value: string) =>
    setComments((previous) => previous.map((c, i) => (i === index ? { ...c, [field]: value } : c)));

  return (
    <Form layout="vertical" onFinish={() => onSave(current)} aria-label={t('work.bulletin.draft')}>
      <Space wrap align="start">
        <Form.Item label={t('work.bulletin.number')} htmlFor="bulletin-number">
          <Input
            id="bulletin-number"
            placeholder={t('work.bulletin.numberHint')}
            value={number}
            maxLength={80}
            onChange={(event) => setNumber(event.target.value)}
          />
        </Form.Item>
        <Form.Item
          label={t('work.bulletin.docTitle')}
          htmlFor="bulletin-title"
          style={{ minWidth: 'min(360px, 100%)' }}
        >
          <Input
            id="bulletin-title"
            placeholder={t('work.bulletin.docTitleHint')}
            value={title}
            maxLength={200}
            onChange={(event) => setTitle(event.target.value)}
          />
        </Form.Item>
      </Space>
      <Form.Item label={t('work.bulletin.comments')}>
        {comments.map((c, i) => (
          <Space key={i} align="start" style={{ display: 'flex', marginBottom: 8 }}>
            <Input
              aria-label={`${t('work.bulletin.commentLeader')} ${i + 1}`}
              placeholder={t('work.bulletin.commentLeader')}
              value={c.leader}
              maxLength={50}
              onChange={(event) => setComment(i, 'leader', event.target.value)}
            />
            <Input.TextArea
              aria-label={`${t('work.bulletin.commentText')} ${i + 1}`}
              placeholder={t('work.bulletin.commentText')}
              value={c.text}
              rows={2}
              maxLength={2000}
              style={{ width: 480 }}
              onChange={(event) => setComment(i, 'text', event.target.value)}
            />
          </Space>
        ))}
        <Button onClick={() => setComments((previous) => [...previous, { leader: '', text: '' }])}>
          {t('work.bulletin.addComment')}
        </Button>
      </Form.Item>
      <Form.Item
        label={t('work.bulletin.requirements')}
        htmlFor="bulletin-requirements"
        extra={t('work.bulletin.requirementsHint')}
      >
        <Input.TextArea
          id="bulletin-requirements"
          rows={4}
          value={requirements}
          onChange={(event) => setRequirements(event.target.value)}
        />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={saving} disabled={!dirty}>
        {t('work.bulletin.saveDraft')}
      </Button>
    </Form>
  );
}
