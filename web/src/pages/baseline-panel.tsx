import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Radio, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { promisesApi, type ItemPromise } from '../api/promises';
import { useErrorMessage } from '../hooks/use-error-message';
import { chineseDate } from '../lib/promises';

interface Values {
  field: 'deadline' | 'value';
  deadline?: string;
  value?: number;
  reason: string;
  explanation?: string;
  basis?: string;
}

type Version = ItemPromise['deadline'][number];

/**
 * 承诺基线 (issue 19.1): the report's original deadline and target value beside the current
 * ones and the slip, every re-baseline with when, how and why; the plan office re-baselines by
 * a decision here (an explanation when the slip passes the plan's threshold; the server says so).
 */
export function BaselinePanel({
  planId,
  type,
  id,
  office,
}: {
  planId: number;
  type: 'task' | 'target';
  id: number;
  office: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const field = Form.useWatch('field', form) ?? 'deadline';
  const key = ['promise', planId, type, id];
  const promise = useQuery({ queryKey: key, queryFn: () => promisesApi.promise(planId, type, id) });
  const save = useMutation({
    mutationFn: (v: Values) => {
      const note = {
        reason: v.reason.trim(),
        ...(v.explanation?.trim() ? { explanation: v.explanation.trim() } : {}),
        ...(v.basis?.trim() ? { basis: v.basis.trim() } : {}),
      };
      return promisesApi.rebaseline(
        planId,
        type,
        id,
        v.field === 'value'
          ? { field: 'value', value: v.value ?? 0, ...note }
          : { field: 'deadline', deadline: v.deadline ?? '', ...note },
      );
    },
    onSuccess: (next) => {
      client.setQueryData(key, next);
      void client.invalidateQueries({ queryKey: ['promises', planId] });
      form.resetFields();
      void message.success(t('cockpit.baseline.saved'));
    },
    onError: (error) => {
      // Past the plan's threshold without an explanation: said at the field, in the office's words.
      if (isApiError(error, 'BAD_INPUT') && error.details.some((x) => x.path.endsWith('explanation'))) {
        form.setFields([{ name: 'explanation', errors: [t('cockpit.baseline.explanationRequired')] }]);
        return;
      }
      void message.error(errorMessage(error));
    },
  });

  const data = promise.data;
  const d = data?.view.deadline;
  const v = data?.view.value;
  const versionLine = (version: Version, show: (value: Version['value']) => string) => (
    <>
      {t('cockpit.baseline.version', {
        on: version.at.slice(0, 10),
        source: t(`cockpit.baseline.source.${version.source}`),
        value: show(version.value),
      })}
      {version.reason ? <div>{t('cockpit.baseline.why', { text: version.reason })}</div> : null}
      {version.explanation ? (
        <div>{t('cockpit.baseline.explanation', { text: version.explanation })}</div>
      ) : null}
      {version.basis ? <div>{t('cockpit.baseline.basis', { text: version.basis })}</div> : null}
    </>
  );
  const versions = [
    ...(data?.deadline ?? []).map((x) => ({
      x,
      show: (value: Version['value']) => chineseDate(String(value)),
    })),
    ...(data?.value ?? []).map((x) => ({ x, show: (value: Version['value']) => `${value}${v?.unit ?? ''}` })),
  ]
    .filter(({ x }) => x.source !== 'report')
    .sort((a, b) => (a.x.at < b.x.at ? -1 : 1));

  return (
    <Card title={t('cockpit.baseline.title')} loading={promise.isPending} data-testid="baseline-panel">
      {promise.isError ? (
        <Typography.Text type="secondary">{errorMessage(promise.error)}</Typography.Text>
      ) : null}
      {data ? (
        <>
          <Typography.Paragraph>
            {d
              ? t('cockpit.baseline.deadline', {
                  original: chineseDate(d.original),
                  current: chineseDate(d.current),
                })
              : t('cockpit.baseline.none')}{' '}
            {d && d.days > 0 ? (
              <Tag color="orange">{t('cockpit.baseline.slipped', { days: d.days })}</Tag>
            ) : null}
            {d && d.days < 0 ? <Tag>{t('cockpit.baseline.earlier', { days: -d.days })}</Tag> : null}
            {d?.overdue ? <Tag color="red">{t('cockpit.baseline.overdue')}</Tag> : null}
          </Typography.Paragraph>
          {v ? (
            <Typography.Paragraph>
              {t('cockpit.baseline.value', { original: v.original, current: v.current, unit: v.unit })}{' '}
              {v.percent !== null && v.percent !== 0 ? (
                <Tag color={v.easing ? 'orange' : undefined}>
                  {t('cockpit.baseline.percent', { percent: Math.round(v.percent * 10) / 10 })}
                </Tag>
              ) : null}
            </Typography.Paragraph>
          ) : null}
          {versions.length > 0 ? (
            <>
              <Typography.Title level={3} style={{ fontSize: 16 }}>
                {t('cockpit.baseline.history')}
              </Typography.Title>
              <Timeline
                items={versions.map(({ x, show }, i) => ({
                  key: `${i}:${x.at}`,
                  content: versionLine(x, show),
                }))}
              />
            </>
          ) : null}
        </>
      ) : null}
      {office && data ? (
        <Form<Values>
          form={form}
          layout="vertical"
          initialValues={{ field: 'deadline' }}
          onFinish={(values) => save.mutate(values)}
        >
          {type === 'target' ? (
            <Form.Item name="field" label={t('cockpit.baseline.field')}>
              <Radio.Group
                options={[
                  { value: 'deadline', label: t('cockpit.baseline.fieldDeadline') },
                  { value: 'value', label: t('cockpit.baseline.fieldValue') },
                ]}
              />
            </Form.Item>
          ) : null}
          {field === 'value' ? (
            <Form.Item name="value" label={t('cockpit.baseline.newValue')} rules={[{ required: true }]}>
              <InputNumber style={{ width: 200 }} />
            </Form.Item>
          ) : (
            <Form.Item name="deadline" label={t('cockpit.baseline.newDeadline')} rules={[{ required: true }]}>
              <Input type="date" style={{ maxWidth: 200 }} />
            </Form.Item>
          )}
          <Form.Item
            name="reason"
            label={t('cockpit.baseline.reason')}
            rules={[{ required: true, whitespace: true, message: t('cockpit.baseline.reasonRequired') }]}
          >
            <Input maxLength={2000} />
          </Form.Item>
          <Form.Item
            name="explanation"
            label={t('cockpit.baseline.explanationLabel')}
            extra={t('cockpit.baseline.explanationHelp', {
              days: data.thresholds.days,
              percent: data.thresholds.percent,
              min: data.thresholds.minExplanation,
            })}
          >
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="basis" label={t('cockpit.baseline.basisLabel')}>
            <Input maxLength={2000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={save.isPending}>
            {t('cockpit.baseline.submit')}
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}
