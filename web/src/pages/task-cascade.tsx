import { App, Button, Card, Col, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { cascadeApi, type LowerPlan } from '../api/cascade';
import type { Task } from '../api/types';
import { useErrorMessage } from '../hooks/use-error-message';
import { useSession } from '../hooks/use-session';

/**
 * 下达到下级 on a task's page, for the plan office: each plan below with the task handed down to
 * it (its state and progress there) or a button that hands it down, one click per plan.
 */
export function TaskCascadePanel({ task }: { task: Task }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorMessage();
  const client = useQueryClient();
  const role = useSession().session?.user.role;
  const mayHandDown = role === 'admin' || role === 'supervisor';
  const lower = useQuery({
    queryKey: ['lower-plans', task.planId],
    queryFn: () => cascadeApi.listLowerPlans(task.planId),
    enabled: mayHandDown,
  });
  const given = useQuery({
    queryKey: ['task-hand-downs', task.planId, task.id],
    queryFn: () => cascadeApi.taskHandDowns(task.planId, task.id),
    enabled: mayHandDown,
  });
  const handDown = useMutation({
    mutationFn: (plan: LowerPlan) => cascadeApi.handDownTask(task.planId, task.id, plan.id),
    onSuccess: async (_, plan) => {
      void message.success(t('cascade.tasks.done', { name: plan.jurisdictionName }));
      await client.invalidateQueries({ queryKey: ['task-hand-downs', task.planId, task.id] });
    },
    onError: (error) => void message.error(errorText(error)),
  });
  const plans = lower.data ?? [];
  if (!mayHandDown || plans.length === 0) return null;
  const downs = given.data ?? [];
  return (
    <Col span={24}>
      <Card title={t('cascade.tasks.title')}>
        <Typography.Paragraph type="secondary">{t('cascade.tasks.intro')}</Typography.Paragraph>
        <Table<LowerPlan>
          size="small"
          rowKey="id"
          data-testid="task-hand-down"
          pagination={false}
          dataSource={plans}
          columns={[
            { key: 'j', title: t('cascade.jurisdiction'), dataIndex: 'jurisdictionName' },
            { key: 'p', title: t('cascade.tasks.plan'), dataIndex: 'title' },
            {
              key: 'a',
              title: '',
              render: (_: unknown, plan: LowerPlan) => {
                const down = downs.find((d) => d.planId === plan.id);
                if (down)
                  return t('cascade.tasks.given', {
                    state: t(`taskState.${down.state}`),
                    progress: down.progress,
                  });
                return (
                  <Button
                    size="small"
                    loading={handDown.isPending && handDown.variables?.id === plan.id}
                    disabled={given.isLoading}
                    aria-label={`${t('cascade.tasks.handDown')} ${plan.jurisdictionName}`}
                    onClick={() => handDown.mutate(plan)}
                  >
                    {t('cascade.tasks.handDown')}
                  </Button>
                );
              },
            },
          ]}
        />
      </Card>
    </Col>
  );
}
