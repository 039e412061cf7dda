import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Select, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { promisesApi, type ConfidenceAssessment } from '../api/promises';
import { useErrorMessage } from '../hooks/use-error-message';
import { CONFIDENCE_LEVELS } from '../../../src/contract/constants';

type Level = (typeof CONFIDENCE_LEVELS)[number];

/** GMPP's five colours, as the cockpit draws them. */
const LEVEL_COLORS: Record<Level, string> = {
  green: 'green',
  amber_green: 'lime',
  amber: 'gold',
  amber_red: 'orange',
  red: 'red',
};

interface Values {
  level: Level;
  comment?: string;
}

/**
 * 交付把握程度 (issue 19.2): beside computed health, the lead unit's own confidence for this
 * period and the 督查室's independent one, where they disagree with each other or with health;
 * `gives` says which one this user gives (a unit's reporter: its own; the 督查室: independent).
 */
export function ConfidencePanel({
  planId,
  type,
  id,
  gives,
}: {
  planId: number;
  type: 'task' | 'target';
  id: number;
  gives: 'lead_unit' | 'independent' | null;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const key = ['confidence', planId, type, id];
  const confidence = useQuery({ queryKey: key, queryFn: () => promisesApi.confidence(planId, type, id) });
  const give = useMutation({
    mutationFn: (values: Values) =>
      promisesApi.giveConfidence(planId, type, id, {
        source: gives!,
        level: values.level,
        ...(values.comment?.trim() ? { comment: values.comment.trim() } : {}),
      }),
    onSuccess: () => {
      form.resetFields();
      void client.invalidateQueries({ queryKey: key });
      void client.invalidateQueries({ queryKey: ['cockpit', planId] });
      void message.success(t('cockpit.confidence.saved'));
    },
    onError: (error) => void message.error(errorMessage(error)),
  });

  const describe = (a: ConfidenceAssessment | null) =>
    a ? (
      <Space wrap>
        <Tag color={LEVEL_COLORS[a.level]}>{t(`cockpit.level.${a.level}`)}</Tag>
        {a.comment ? <Typography.Text>{a.comment}</Typography.Text> : null}
      </Space>
    ) : (
      <Typography.Text type="secondary">{t('cockpit.confidence.none')}</Typography.Text>
    );

  const data = confidence.data;
  return (
    <Card
      title={t('cockpit.confidence.title')}
      loading={confidence.isPending}
      data-testid="confidence-panel"
      extra={data ? t('cockpit.confidence.period', { period: data.periodKey }) : null}
    >
      {confidence.isError ? (
        <Typography.Text type="secondary">{errorMessage(confidence.error)}</Typography.Text>
      ) : null}
      {data ? (
        <>
          <Descriptions
            size="small"
            column={1}
            items={[
              {
                key: 'health',
                label: t('cockpit.columns.health'),
                children: t(`cockpit.health.${data.health}`),
              },
              { key: 'unit', label: t('cockpit.unitLevel'), children: describe(data.view.unit) },
              {
                key: 'independent',
                label: t('cockpit.independentLevel'),
                children: describe(data.view.independent),
              },
            ]}
          />
          {data.view.disagreements.map((d) => (
            <Alert
              key={d.kind}
              type="warning"
              showIcon
              style={{ marginTop: 8 }}
              title={t(`cockpit.confidence.disagreement.${d.kind}`)}
            />
          ))}
        </>
      ) : null}
      {gives ? (
        <Form<Values>
          form={form}
          layout="vertical"
          style={{ marginTop: 16 }}
          onFinish={(values) => give.mutate(values)}
        >
          <Form.Item
            name="level"
            label={t('cockpit.confidence.level')}
            rules={[{ required: true, message: t('cockpit.confidence.levelRequired') }]}
          >
            <Select
              style={{ maxWidth: 240 }}
              options={CONFIDENCE_LEVELS.map((l) => ({ value: l, label: t(`cockpit.level.${l}`) }))}
            />
          </Form.Item>
          <Form.Item name="comment" label={t('cockpit.confidence.comment')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={give.isPending}>
            {gives === 'lead_unit'
              ? t('cockpit.confidence.submitUnit')
              : t('cockpit.confidence.submitIndependent')}
          </Button>
        </Form>
      ) : null}
    </Card>
  );
}
