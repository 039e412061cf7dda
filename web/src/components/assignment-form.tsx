import { useMemo, useState } from 'react';
import { Alert, Button, DatePicker, Form, Input, InputNumber, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../api/types';
import {
  LEADER_MAX,
  toAssignmentPatch,
  validateAssignment,
  type AssignmentProblems,
  type AssignmentValues,
} from '../lib/assignment';

export interface AssignmentFormProps {
  units: Unit[];
  /** How many rows the form assigns to (shown in the button). */
  count: number;
  /** ISO date that deadlines may not precede. */
  today: string;
  submitting?: boolean;
  onSubmit: (patch: ReturnType<typeof toAssignmentPatch>) => void;
  onCancel?: () => void;
}

type Field = keyof AssignmentValues;

/**
 * Bulk assignment of lead unit, co-units, leader, deadline and weight. Checks as the user types
 * (a field shows its problem once touched; submitting shows them all) and sends only the
 * fields filled in. The values live in this component, so a sign-in dialog over it keeps them.
 */
export function AssignmentForm({ units, count, today, submitting, onSubmit, onCancel }: AssignmentFormProps) {
  const { t } = useTranslation();
  const [values, setValues] = useState<AssignmentValues>({});
  const [touched, setTouched] = useState<Partial<Record<Field | 'form', boolean>>>({});
  const problems: AssignmentProblems = useMemo(() => validateAssignment(values, today), [values, today]);
  const options = useMemo(() => units.map((unit) => ({ value: unit.id, label: unit.name })), [units]);

  const change = <K extends Field>(field: K, value: AssignmentValues[K]) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    setTouched((previous) => ({ ...previous, [field]: true }));
  };

  const status = (field: Field) => {
    const problem = touched[field] ? problems[field] : undefined;
    return problem
      ? { validateStatus: 'error' as const, help: t(problem.key, problem.values) }
      : { validateStatus: undefined, help: undefined };
  };

  const submit = () => {
    setTouched({ leadUnitId: true, coUnitIds: true, leader: true, deadline: true, weight: true, form: true });
    if (Object.keys(problems).length > 0) return;
    onSubmit(toAssignmentPatch(values));
  };

  return (
    <Form layout="vertical" onFinish={submit} aria-label={t('plan.assignTitle', { count })}>
      <p>{t('plan.assignHint')}</p>
      <Form.Item label={t('fields.leadUnit')} htmlFor="assign-lead" {...status('leadUnitId')}>
        <Select
          id="assign-lead"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={options}
          value={values.leadUnitId ?? undefined}
          onChange={(value: number | undefined) => change('leadUnitId', value ?? null)}
        />
      </Form.Item>
      <Form.Item label={t('fields.coUnits')} htmlFor="assign-co" {...status('coUnitIds')}>
        <Select
          id="assign-co"
          mode="multiple"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          options={options}
          value={values.coUnitIds ?? []}
          onChange={(value: number[]) => change('coUnitIds', value)}
        />
      </Form.Item>
      <Form.Item label={t('fields.leader')} htmlFor="assign-leader" {...status('leader')}>
        <Input
          id="assign-leader"
          value={values.leader ?? ''}
          maxLength={LEADER_MAX * 2}
          onChange={(event) => change('leader', event.target.value)}
        />
      </Form.Item>
      <Form.Item label={t('fields.deadline')} htmlFor="assign-deadline" {...status('deadline')}>
        <DatePicker
          id="assign-deadline"
          value={values.deadline ? dayjs(values.deadline) : null}
          onChange={(date) => change('deadline', date ? date.format('YYYY-MM-DD') : null)}
          style={{ width: '100%' }}
        />
      </Form.Item>
      <Form.Item label={t('fields.weight')} htmlFor="assign-weight" {...status('weight')}>
        <InputNumber
          id="assign-weight"
          value={values.weight ?? null}
          onChange={(value) => change('weight', typeof value === 'number' ? value : null)}
          style={{ width: '100%' }}
        />
      </Form.Item>
      {touched.form && problems.form ? (
        <Alert type="warning" showIcon title={t(problems.form.key)} style={{ marginBottom: 16 }} />
      ) : null}
      <Space>
        <Button type="primary" htmlType="submit" loading={submitting}>
          {t('plan.assignSelected', { count })}
        </Button>
        {onCancel ? <Button onClick={onCancel}>{t('common.cancel')}</Button> : null}
      </Space>
    </Form>
  );
}
