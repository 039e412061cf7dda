import { useState } from 'react';
import { Button, Form, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ItemFields } from '../api/review';
import { COMPARATOR_OPTIONS } from '../lib/comparators';

/** The form's text as typed: every field a string, checked on each change. */
export interface FieldsDraft {
  metric: string;
  comparator: string;
  value: string;
  unit: string;
  period: string;
}

export type FieldsErrors = Partial<Record<keyof FieldsDraft, string>>;

/** Problems of a draft as i18n keys (review.errors.*), or the fields to send when none. */
export function checkFieldsDraft(draft: FieldsDraft): { errors: FieldsErrors; fields?: ItemFields } {
  const errors: FieldsErrors = {};
  if (draft.metric.trim() === '') errors.metric = 'review.errors.metric';
  const number = draft.value.trim() === '' ? Number.NaN : Number(draft.value.trim().replace(/,/g, ''));
  if (!Number.isFinite(number)) errors.value = 'review.errors.value';
  const comparator = COMPARATOR_OPTIONS.find((option) => option.value === draft.comparator)?.value;
  if (!comparator) errors.comparator = 'review.errors.comparator';
  if (draft.unit.trim().length > 50) errors.unit = 'review.errors.unit';
  if (draft.period.trim().length > 100) errors.period = 'review.errors.period';
  if (Object.keys(errors).length > 0 || !comparator) return { errors };
  return {
    errors,
    fields: {
      metric: draft.metric.trim(),
      comparator,
      value: number,
      unit: draft.unit.trim(),
      period: draft.period.trim(),
    },
  };
}

export function draftOf(item: ItemFields): FieldsDraft {
  return {
    metric: item.metric,
    comparator: item.comparator,
    value: String(item.value),
    unit: item.unit,
    period: item.period,
  };
}

export interface ReviewFieldsFormProps {
  initial: FieldsDraft;
  submitLabel?: string;
  busy?: boolean;
  onSubmit: (fields: ItemFields) => void;
}

/** Value, unit, comparator, period and metric of a target or achievement, checked as typed. */
export function ReviewFieldsForm({ initial, submitLabel, busy, onSubmit }: ReviewFieldsFormProps) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<FieldsDraft>(initial);
  const [touched, setTouched] = useState<Set<keyof FieldsDraft>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const { errors, fields } = checkFieldsDraft(draft);

  const set = (key: keyof FieldsDraft, value: string) => {
    setDraft((current) => ({ ...current, [key]: value }));
    setTouched((current) => new Set(current).add(key));
  };
  const shown = (key: keyof FieldsDraft) => {
    const error = errors[key];
    return error && (submitted || touched.has(key)) ? t(error) : undefined;
  };
  const status = (key: keyof FieldsDraft) => (shown(key) ? ('error' as const) : undefined);
  const text = (key: 'metric' | 'value' | 'unit' | 'period') => (
    <Form.Item
      label={t(`review.${key}`)}
      validateStatus={status(key)}
      help={shown(key)}
      htmlFor={`review-${key}`}
    >
      <Input
        id={`review-${key}`}
        value={draft[key]}
        inputMode={key === 'value' ? 'decimal' : undefined}
        onChange={(event) => set(key, event.target.value)}
      />
    </Form.Item>
  );

  return (
    <Form
      layout="vertical"
      onFinish={() => {
        setSubmitted(true);
        if (fields) onSubmit(fields);
      }}
    >
      {text('metric')}
      <Space wrap align="start">
        <Form.Item
          label={t('review.comparator')}
          validateStatus={status('comparator')}
          help={shown('comparator')}
          htmlFor="review-comparator"
        >
          <Select
            id="review-comparator"
            style={{ minWidth: 140 }}
            value={draft.comparator || undefined}
            onChange={(value: string) => set('comparator', value)}
            options={COMPARATOR_OPTIONS.map((option) => ({
              value: option.value,
              label: t(`review.comparators.${option.key}`),
            }))}
          />
        </Form.Item>
        {text('value')}
        {text('unit')}
      </Space>
      {text('period')}
      <Button type="primary" htmlType="submit" loading={busy}>
        {submitLabel ?? t('review.save')}
      </Button>
    </Form>
  );
}
