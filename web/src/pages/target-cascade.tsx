import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Col,
  Input,
  InputNumber,
  Modal,
  Space,
  Table,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { cascadeApi, type LowerPlan, type TargetCascade } from '../api/cascade';
import { isApiError } from '../api/client';
import type { Target } from '../api/types';
import { HealthTag } from '../components/tags';
import { useErrorMessage } from '../hooks/use-error-message';
import { useSession } from '../hooks/use-session';
import { formatDate, formatNumber, type Lang } from '../lib/format';

type Contribution = TargetCascade['contributions'][number];

interface Choice {
  on: boolean;
  value: number | null;
  unit: string;
}

/** 下达到下级: the plans below with a share each; every refusal shown at its plan. */
function HandDownDialog(props: { target: Target; lower: LowerPlan[]; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const client = useQueryClient();
  const [choices, setChoices] = useState<Record<number, Choice>>({});
  const [problems, setProblems] = useState<Record<string, string>>({});
  const choice = (id: number): Choice => choices[id] ?? { on: false, value: null, unit: props.target.unit };
  const set = (id: number, patch: Partial<Choice>) =>
    setChoices((all) => ({ ...all, [id]: { ...choice(id), ...patch } }));
  const chosen = props.lower.filter((p) => choice(p.id).on);
  const send = useMutation({
    mutationFn: () =>
      cascadeApi.handDown(props.target.planId, props.target.id, {
        to: chosen.map((p) => {
          const c = choice(p.id);
          return {
            planId: p.id,
            ...(c.value === null
              ? {}
              : { share: { value: c.value, unit: c.unit.trim() || props.target.unit } }),
          };
        }),
      }),
    onSuccess: (answer) => {
      void message.success(t('cascade.handedDown', { count: answer.total }));
      void client.invalidateQueries({ queryKey: ['cascade', props.target.planId, props.target.id] });
      setChoices({});
      setProblems({});
      props.onClose();
    },
    onError: (error) => {
      // Each problem at its plan's row (`to.N.planId` is the N-th plan chosen); the rest above.
      const at: Record<string, string> = {};
      if (isApiError(error)) {
        for (const d of error.details) {
          const index = /^to\.(\d+)\./.exec(d.path)?.[1];
          const plan = index === undefined ? undefined : chosen[Number(index)];
          at[plan ? String(plan.id) : 'form'] = d.message;
        }
      }
      if (Object.keys(at).length === 0) at.form = errorMessage(error);
      setProblems(at);
    },
  });
  return (
    <Modal
      open={props.open}
      title={t('cascade.handDownTitle', { metric: props.target.metric })}
      okText={t('cascade.handDown')}
      cancelText={t('common.cancel')}
      okButtonProps={{ loading: send.isPending }}
      onCancel={props.onClose}
      onOk={() => {
        if (chosen.length === 0) setProblems({ form: t('cascade.pickOne') });
        else send.mutate();
      }}
    >
      <Typography.Paragraph type="secondary">{t('cascade.handDownIntro')}</Typography.Paragraph>
      {problems.form ? (
        <Alert type="error" showIcon message={problems.form} style={{ marginBottom: 12 }} />
      ) : null}
      <Space direction="vertical" style={{ width: '100%' }}>
        {props.lower.map((plan) => {
          const c = choice(plan.id);
          return (
            <div key={plan.id}>
              <Checkbox checked={c.on} onChange={(e) => set(plan.id, { on: e.target.checked })}>
                {plan.jurisdictionName} · {plan.title}
              </Checkbox>
              {c.on ? (
                <Space style={{ marginTop: 4, marginLeft: 24 }}>
                  <InputNumber
                    aria-label={`${plan.jurisdictionName}${t('cascade.shareValue')}`}
                    placeholder={`${t('cascade.shareValue')}（${formatNumber(props.target.value, 'zh-CN')}）`}
                    min={0}
                    value={c.value}
                    onChange={(v) => set(plan.id, { value: typeof v === 'number' ? v : null })}
                    style={{ width: 160 }}
                  />
                  <Input
                    aria-label={`${plan.jurisdictionName}${t('cascade.shareUnit')}`}
                    value={c.unit}
                    onChange={(e) => set(plan.id, { unit: e.target.value })}
                    style={{ width: 90 }}
                  />
                </Space>
              ) : null}
              {problems[String(plan.id)] ? (
                <Typography.Text type="danger" style={{ display: 'block', marginLeft: 24 }}>
                  {problems[String(plan.id)]}
                </Typography.Text>
              ) : null}
            </div>
          );
        })}
      </Space>
    </Modal>
  );
}

/**
 * 上下级汇总 on a target's page: what the jurisdictions below report against it (their share,
 * latest approved figure, health, evidence), the total with how it was made, and, for the plan
 * office, 下达到下级.
 */
export function TargetCascadePanel({ target, lang }: { target: Target; lang: Lang }) {
  const { t } = useTranslation();
  const role = useSession().session?.user.role;
  const mayHandDown = role === 'admin' || role === 'supervisor';
  const [open, setOpen] = useState(false);
  const cascade = useQuery({
    queryKey: ['cascade', target.planId, target.id],
    queryFn: () => cascadeApi.getCascade(target.planId, target.id),
  });
  const lower = useQuery({
    queryKey: ['lower-plans', target.planId],
    queryFn: () => cascadeApi.listLowerPlans(target.planId),
    enabled: mayHandDown,
  });
  const data = cascade.data;
  const lowerPlans = lower.data ?? [];
  if (!data || (data.linked === 0 && lowerPlans.length === 0)) return null;
  const columns = [
    { title: t('cascade.jurisdiction'), dataIndex: 'jurisdictionName', key: 'j' },
    {
      title: t('cascade.share'),
      key: 's',
      render: (_: unknown, c: Contribution) => `${formatNumber(c.value, lang)}${c.unit}`,
    },
    {
      title: t('cascade.latest'),
      key: 'l',
      render: (_: unknown, c: Contribution) =>
        c.latest
          ? `${formatNumber(c.latest.value, lang)}${c.unit}（${formatDate(c.latest.asOf, lang)}）`
          : t('cascade.notReported'),
    },
    {
      title: t('fields.health'),
      key: 'h',
      render: (_: unknown, c: Contribution) => <HealthTag health={c.health} />,
    },
    { title: t('cascade.evidence'), dataIndex: 'evidence', key: 'e' },
  ];
  return (
    <Col span={24}>
      <Card
        title={t('cascade.title')}
        extra={
          mayHandDown && lowerPlans.length > 0 ? (
            <Button onClick={() => setOpen(true)}>{t('cascade.handDown')}</Button>
          ) : null
        }
      >
        {data.linked === 0 ? (
          <Typography.Text type="secondary">{t('cascade.none')}</Typography.Text>
        ) : (
          <>
            <Space wrap style={{ marginBottom: 12 }}>
              <HealthTag health={data.health} />
              {data.total !== null ? (
                <Typography.Text strong>
                  {t('cascade.total', { value: `${formatNumber(data.total, lang)}${target.unit}` })}
                </Typography.Text>
              ) : null}
              <Typography.Text>
                {t('cascade.reporting', { linked: data.linked, reporting: data.reporting })}
              </Typography.Text>
            </Space>
            <Typography.Paragraph type="secondary">
              {t('cascade.how', { formula: data.explain })}
            </Typography.Paragraph>
            <Table<Contribution>
              size="small"
              rowKey="targetId"
              pagination={false}
              columns={columns}
              dataSource={data.contributions}
            />
          </>
        )}
        {mayHandDown ? (
          <HandDownDialog target={target} lower={lowerPlans} open={open} onClose={() => setOpen(false)} />
        ) : null}
      </Card>
    </Col>
  );
}
