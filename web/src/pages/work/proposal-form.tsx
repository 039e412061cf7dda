import { useState } from 'react';
import { Button, Form, Input, Radio, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ProposalBody } from '../../../../src/contract';

type Field = 'number' | 'session' | 'title' | 'authorName';
const LABEL: Record<Field, string> = {
  number: 'work.desk.number',
  session: 'work.desk.session',
  title: 'work.desk.docTitle',
  authorName: 'work.desk.authorName',
};

/**
 * 登记建议提案 in one form: 建议 or 提案, 编号, the session, 案由, the leading deputy or member and
 * their delegation or sector (several names, separated by 、, share it). Names each field left empty.
 */
export function ProposalForm({
  submitting,
  onSubmit,
}: {
  submitting?: boolean;
  onSubmit: (body: ProposalBody) => void;
}) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'suggestion' | 'proposal'>('suggestion');
  const [values, setValues] = useState<Record<Field, string> & { group: string }>({
    number: '',
    session: '',
    title: '',
    authorName: '',
    group: '',
  });
  const [checked, setChecked] = useState(false);
  const missing = (f: Field) => values[f].trim() === '';
  const status = (f: Field) =>
    checked && missing(f)
      ? { validateStatus: 'error' as const, help: t('work.desk.required', { field: t(LABEL[f]) }) }
      : {};
  const input = (f: Field | 'group', id: string, hint?: string) => (
    <Input
      id={id}
      value={values[f]}
      placeholder={hint}
      maxLength={f === 'title' ? 300 : 100}
      onChange={(e) => setValues((v) => ({ ...v, [f]: e.target.value }))}
    />
  );
  const submit = () => {
    setChecked(true);
    if ((Object.keys(LABEL) as Field[]).some(missing)) return;
    const group = values.group.trim() || null;
    onSubmit({
      kind,
      number: values.number.trim(),
      session: values.session.trim(),
      title: values.title.trim(),
      authors: values.authorName
        .split(/[、,，\s]+/)
        .filter(Boolean)
        .map((name) => ({ name, group })),
    });
  };
  return (
    <Form layout="vertical" onFinish={submit} aria-label={t('work.desk.register')}>
      <Form.Item label={t('work.desk.kind')}>
        <Radio.Group
          value={kind}
          onChange={(e) => setKind(e.target.value as 'suggestion' | 'proposal')}
          options={(['suggestion', 'proposal'] as const).map((k) => ({
            value: k,
            label: t(`work.sources.${k}`),
          }))}
        />
      </Form.Item>
      <Space wrap align="start">
        <Form.Item label={t('work.desk.number')} htmlFor="proposal-number" {...status('number')}>
          {input('number', 'proposal-number', t('work.desk.numberHint'))}
        </Form.Item>
        <Form.Item label={t('work.desk.session')} htmlFor="proposal-session" {...status('session')}>
          {input('session', 'proposal-session', t('work.desk.sessionHint'))}
        </Form.Item>
        <Form.Item label={t('work.desk.authorName')} htmlFor="proposal-author" {...status('authorName')}>
          {input('authorName', 'proposal-author')}
        </Form.Item>
        <Form.Item label={t('work.desk.authorGroup')} htmlFor="proposal-group">
          {input('group', 'proposal-group')}
        </Form.Item>
      </Space>
      <Form.Item label={t('work.desk.docTitle')} htmlFor="proposal-title" {...status('title')}>
        {input('title', 'proposal-title')}
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={submitting}>
        {t('work.desk.submit')}
      </Button>
    </Form>
  );
}
