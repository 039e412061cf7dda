import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Select, Space, Tag, Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../api/client';
import { promisesApi, type PublicCommitment } from '../api/promises';
import { useErrorMessage } from '../hooks/use-error-message';
import { VERDICT_COLORS } from '../lib/promises';
import { EvidenceChoice } from './evidence-choice';

/** The verdicts the plan office gives (尚未评估 is where every commitment starts). */
const GIVEN = ['on_track', 'behind', 'adjusted', 'dropped', 'done'] as const;
type Given = (typeof GIVEN)[number];

interface Values {
  verdict: Given;
  note?: string;
  newPromise?: string;
  newDeadline?: string;
  /** The item's evidence files made public with the verdict. */
  evidenceIds?: number[];
}

/**
 * 公开评估 (issue 19.4): the plan office gives a commitment its public verdict — 不再推进 with
 * the reason the public reads, 调整 with the new promise — and sees the current verdict and its
 * history as the public page shows them.
 */
export function VerdictPanel({ planId, type, id }: { planId: number; type: 'task' | 'target'; id: number }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const client = useQueryClient();
  const [form] = Form.useForm<Values>();
  const verdict = Form.useWatch('verdict', form);
  const key = ['promises', planId, type, id];
  const page = useQuery({
    queryKey: key,
    queryFn: () => promisesApi.commitment(planId, type, id),
    retry: false,
  });
  const give = useMutation({
    mutationFn: (values: Values) =>
      promisesApi.giveVerdict(planId, type, id, {
        verdict: values.verdict,
        ...(values.note?.trim() ? { note: values.note.trim() } : {}),
        ...(values.verdict === 'adjusted' && values.newPromise?.trim()
          ? { newPromise: { text: values.newPromise.trim(), deadline: values.newDeadline || null } }
          : {}),
        ...(values.evidenceIds?.length ? { evidenceIds: values.evidenceIds } : {}),
      }),
    onSuccess: (view) => {
      client.setQueryData<PublicCommitment>(key, (old) => (old ? { ...old, verdict: view } : old));
      void client.invalidateQueries({ queryKey: ['promises', planId] });
      form.resetFields();
      void message.success(t('promises.office.saved'));
    },
    onError: (error) => void message.error(errorMessage(error)),
  });

  const title = t('promises.office.title');
  if (page.isError) {
    // A draft plan has no public page yet; any other failure says what it is.
    const draft = isApiError(page.error) && page.error.code === 'NOT_FOUND';
    return (
      <Card title={title}>
        <Typography.Text type="secondary">
          {draft ? t('promises.office.notPublished') : errorMessage(page.error)}
        </Typography.Text>
      </Card>
    );
  }
  const view = page.data?.verdict;
  // What is public already shows ticked and fixed: a verdict's evidence stays public.
  const publicIds = (page.data?.evidence ?? []).map((e) => e.id);
  return (
    <Card
      title={title}
      loading={page.isPending}
      extra={<Link to={`/public/${planId}/promises/${type}/${id}`}>{t('promises.office.publicPage')}</Link>}
      data-testid="verdict-panel"
    >
      {view ? (
        <>
          <Space>
            <Typography.Text>{t('promises.office.current')}</Typography.Text>
            <Tag color={VERDICT_COLORS[view.current.verdict]}>{view.current.label}</Tag>
          </Space>
          {view.history.length > 0 ? (
            <>
              <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
                {t('promises.office.history')}
              </Typography.Title>
              <Timeline
                items={view.history.map((v, i) => ({
                  key: `${i}:${v.on}:${v.verdict}`,
                  content: `${v.on} ${v.label}${v.note ? `：${v.note}` : ''}`,
                }))}
              />
            </>
          ) : null}
        </>
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        style={{ marginTop: 16 }}
        onFinish={(values) => give.mutate(values)}
      >
        <Form.Item name="verdict" label={t('promises.office.verdict')} rules={[{ required: true }]}>
          <Select
            options={GIVEN.map((v) => ({ value: v, label: t(`promises.verdict.${v}`) }))}
            style={{ maxWidth: 240 }}
          />
        </Form.Item>
        {verdict === 'adjusted' ? (
          <>
            <Form.Item
              name="newPromise"
              label={t('promises.office.newPromise')}
              rules={[{ required: true, whitespace: true, message: t('promises.office.newPromiseRequired') }]}
            >
              <Input maxLength={500} />
            </Form.Item>
            <Form.Item name="newDeadline" label={t('promises.office.newDeadline')}>
              <Input type="date" style={{ maxWidth: 200 }} />
            </Form.Item>
          </>
        ) : null}
        <Form.Item
          name="note"
          label={t('promises.office.note')}
          extra={t('promises.office.noteHelp')}
          rules={[
            {
              required: verdict === 'dropped',
              whitespace: true,
              message: t('promises.office.noteRequired'),
            },
          ]}
        >
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item
          name="evidenceIds"
          label={t('baseline.evidence.label')}
          extra={t('baseline.evidence.help')}
        >
          <EvidenceChoice planId={planId} type={type} id={id} published={publicIds} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={give.isPending}>
          {t('promises.office.submit')}
        </Button>
      </Form>
    </Card>
  );
}
