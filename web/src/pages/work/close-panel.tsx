import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Typography } from 'antd';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../api/types';
import { workApi, type WorkItem } from '../../api/work';
import { useErrorMessage } from '../../hooks/use-error-message';
import { referenceOf } from './work-items-table';

type Closable = Extract<WorkItem, { source: 'instruction' | 'decision' }>;

/** True when `role` may close `item` now: an answered 批示件 or 议定事项, by a leader or the office. */
export function canClose(item: WorkItem, role: Role | undefined): item is Closable {
  if (item.source !== 'instruction' && item.source !== 'decision') return false;
  return item.state === 'answered' && (role === 'leader' || role === 'admin' || role === 'supervisor');
}

/**
 * 办结: the leader's office reads the unit's answer and closes the item, with its note; the
 * supervision office closing a 批示件 on the leader office's word names who confirmed it.
 */
export function ClosePanel({ item, role }: { item: Closable; role: Role }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const client = useQueryClient();
  const [note, setNote] = useState('');
  const [confirmedBy, setConfirmedBy] = useState('');
  const [checked, setChecked] = useState(false);
  const needsConfirmer = item.source === 'instruction' && role === 'supervisor';
  const close = useMutation({
    mutationFn: () => {
      const base = { type: 'close' as const, note: note.trim() || null, version: item.version };
      return item.source === 'instruction'
        ? workApi.moveInstruction(item.id, {
            ...base,
            ...(needsConfirmer ? { confirmedBy: confirmedBy.trim() } : {}),
          })
        : workApi.moveDecision(item.id, base);
    },
    onSuccess: (closed) => {
      void message.success(t('work.close.done', { subject: referenceOf(closed).subject }));
      client.setQueryData(['work', 'item', closed.id], closed);
      void client.invalidateQueries({ queryKey: ['work'] });
    },
  });
  const submit = () => {
    setChecked(true);
    if (needsConfirmer && confirmedBy.trim() === '') return;
    close.mutate();
  };
  return (
    <Card title={t('work.close.title')}>
      <Typography.Paragraph type="secondary">{t('work.close.intro')}</Typography.Paragraph>
      <Form layout="vertical" onFinish={submit} aria-label={t('work.close.title')}>
        {needsConfirmer ? (
          <Form.Item
            label={t('work.close.confirmedBy')}
            htmlFor="close-confirmed-by"
            required
            {...(checked && confirmedBy.trim() === ''
              ? { validateStatus: 'error' as const, help: t('work.close.confirmedByRequired') }
              : {})}
          >
            <Input
              id="close-confirmed-by"
              maxLength={100}
              placeholder={t('work.close.confirmedByHint')}
              value={confirmedBy}
              onChange={(e) => setConfirmedBy(e.target.value)}
            />
          </Form.Item>
        ) : null}
        <Form.Item label={t('work.close.note')} htmlFor="close-note">
          <Input.TextArea
            id="close-note"
            rows={2}
            maxLength={1000}
            placeholder={t('work.close.noteHint')}
            value={note}
            onChange={(e) => setNote(e.target.value)}
          />
        </Form.Item>
        {close.error ? <Alert type="error" showIcon title={errorMessage(close.error)} /> : null}
        <Button type="primary" htmlType="submit" loading={close.isPending} style={{ marginTop: 8 }}>
          {t('work.close.submit')}
        </Button>
      </Form>
    </Card>
  );
}
