import { useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Radio, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Rating } from '../../../../src/contract';

export interface RateValues {
  rating: Rating;
  comment: string | null;
  dueOn?: string;
}

const RATINGS: Rating[] = ['满意', '基本满意', '不满意'];

/** 录入评价: the author's verdict from the 征询意见表; 不满意 needs the reason and a new due date. */
export function RateDialog({
  subject,
  today,
  submitting,
  error,
  onSubmit,
  onCancel,
}: {
  subject: string;
  today: string;
  submitting?: boolean;
  error?: string;
  onSubmit: (values: RateValues) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [rating, setRating] = useState<Rating>('满意');
  const [comment, setComment] = useState('');
  const [due, setDue] = useState<string | null>(null);
  const [checked, setChecked] = useState(false);
  const unhappy = rating === '不满意';
  const submit = () => {
    setChecked(true);
    if (unhappy && (comment.trim() === '' || !due)) return;
    onSubmit({ rating, comment: comment.trim() || null, ...(unhappy && due ? { dueOn: due } : {}) });
  };
  return (
    <Modal
      open
      title={subject}
      okText={t('work.desk.rate')}
      onOk={submit}
      onCancel={onCancel}
      confirmLoading={submitting}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item label={t('work.desk.ratingLabel')}>
          <Radio.Group
            value={rating}
            onChange={(e) => setRating(e.target.value as Rating)}
            options={RATINGS.map((r) => ({ value: r, label: r }))}
          />
        </Form.Item>
        <Form.Item
          label={t('work.desk.comment')}
          htmlFor="rate-comment"
          required={unhappy}
          {...(checked && unhappy && comment.trim() === ''
            ? {
                validateStatus: 'error' as const,
                help: t('work.desk.required', { field: t('work.desk.comment') }),
              }
            : {})}
        >
          <Input.TextArea
            id="rate-comment"
            rows={3}
            maxLength={2000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
          />
        </Form.Item>
        {unhappy ? (
          <>
            <Typography.Paragraph type="warning">{t('work.desk.reopenHint')}</Typography.Paragraph>
            <Form.Item
              label={t('work.desk.reopenDue')}
              htmlFor="rate-due"
              required
              {...(checked && !due
                ? { validateStatus: 'error' as const, help: t('work.desk.reopenDueRequired') }
                : {})}
            >
              <DatePicker
                id="rate-due"
                value={due ? dayjs(due) : null}
                disabledDate={(d) => d.format('YYYY-MM-DD') < today}
                onChange={(d) => setDue(d ? d.format('YYYY-MM-DD') : null)}
              />
            </Form.Item>
          </>
        ) : null}
        {error ? <Alert type="error" showIcon title={error} /> : null}
      </Form>
    </Modal>
  );
}
