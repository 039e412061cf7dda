import { useState } from 'react';
import { Alert, DatePicker, Form, Input, Modal, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../api/types';

export interface AssignValues {
  leadUnitId: number;
  coUnitIds: number[];
  dueOn: string;
  requirement: string | null;
}

/** 交办: the lead (主办) unit, the helping (会办/配合) units, the deadline and what is asked. */
export function AssignDialog({
  open,
  subject,
  units,
  today,
  submitting,
  error,
  onSubmit,
  onCancel,
}: {
  open: boolean;
  /** What is assigned, as the office names it. */
  subject: string;
  units: Pick<Unit, 'id' | 'name'>[];
  today: string;
  submitting?: boolean;
  error?: string;
  onSubmit: (values: AssignValues) => void;
  onCancel: () => void;
}) {
  const { t } = useTranslation();
  const [lead, setLead] = useState<number | undefined>();
  const [co, setCo] = useState<number[]>([]);
  const [due, setDue] = useState<string | null>(null);
  const [requirement, setRequirement] = useState('');
  const [checked, setChecked] = useState(false);
  const options = units.map((u) => ({ value: u.id, label: u.name }));
  const submit = () => {
    setChecked(true);
    if (lead === undefined || !due) return;
    onSubmit({
      leadUnitId: lead,
      coUnitIds: co.filter((id) => id !== lead),
      dueOn: due,
      requirement: requirement.trim() || null,
    });
  };
  return (
    <Modal
      open={open}
      title={t('work.assign.title', { subject })}
      okText={t('work.assign.ok')}
      onOk={submit}
      onCancel={onCancel}
      confirmLoading={submitting}
      destroyOnHidden
    >
      <Form layout="vertical">
        <Form.Item
          label={t('work.assign.lead')}
          htmlFor="assign-lead"
          required
          {...(checked && lead === undefined
            ? { validateStatus: 'error' as const, help: t('work.assign.leadRequired') }
            : {})}
        >
          <Select
            id="assign-lead"
            showSearch
            optionFilterProp="label"
            value={lead}
            onChange={(v: number) => setLead(v)}
            options={options}
            placeholder={t('work.assign.pickUnit')}
          />
        </Form.Item>
        <Form.Item label={t('work.assign.co')} htmlFor="assign-co">
          <Select
            id="assign-co"
            mode="multiple"
            optionFilterProp="label"
            value={co}
            onChange={(v: number[]) => setCo(v)}
            options={options.filter((o) => o.value !== lead)}
          />
        </Form.Item>
        <Form.Item
          label={t('work.assign.dueOn')}
          htmlFor="assign-due"
          required
          {...(checked && !due
            ? { validateStatus: 'error' as const, help: t('work.assign.dueRequired') }
            : {})}
        >
          <DatePicker
            id="assign-due"
            value={due ? dayjs(due) : null}
            disabledDate={(d) => d.format('YYYY-MM-DD') < today}
            onChange={(d) => setDue(d ? d.format('YYYY-MM-DD') : null)}
          />
        </Form.Item>
        <Form.Item label={t('work.assign.requirement')} htmlFor="assign-requirement">
          <Input.TextArea
            id="assign-requirement"
            rows={3}
            maxLength={2000}
            value={requirement}
            placeholder={t('work.assign.requirementHint')}
            onChange={(e) => setRequirement(e.target.value)}
          />
        </Form.Item>
        {error ? <Alert type="error" showIcon title={error} /> : null}
      </Form>
    </Modal>
  );
}
