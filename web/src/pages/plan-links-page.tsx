import { useState } from 'react';
import { App, Button, Card, Empty, Select, Space, Table, Tag, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { cascadeApi, type TargetLinkSuggestion, type UpperLink } from '../api/cascade';
import { ErrorView } from '../components/error-view';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useErrorMessage } from '../hooks/use-error-message';
import { useSession } from '../hooks/use-session';
import { formatNumber, type Lang } from '../lib/format';

type Figure = { metric: string; value: number; unit: string };

/** 关联上级目标: a lower plan's own targets linked to (and unlinked from) the plan above's, by suggestion. */
export default function PlanLinksPage() {
  const { t, i18n } = useTranslation();
  const lang = (i18n.language === 'en' ? 'en' : 'zh-CN') as Lang;
  const { message } = App.useApp();
  const errorText = useErrorMessage();
  const client = useQueryClient();
  const planId = Number(useParams().planId);
  const role = useSession().session?.user.role;
  const mayLink = role === 'admin' || role === 'supervisor';
  useDocumentTitle(t('cascade.links.title'));
  const upper = useQuery({ queryKey: ['upper-links', planId], queryFn: () => cascadeApi.upperLinks(planId) });
  const [chosen, setChosen] = useState<number | undefined>();
  const parentPlanId = chosen ?? upper.data?.plans[0]?.id;
  const suggestions = useQuery({
    queryKey: ['link-suggestions', planId, parentPlanId],
    queryFn: () => cascadeApi.suggestions(planId, parentPlanId!),
    enabled: parentPlanId !== undefined,
  });
  const refresh = () =>
    Promise.all([
      client.invalidateQueries({ queryKey: ['upper-links', planId] }),
      client.invalidateQueries({ queryKey: ['link-suggestions', planId] }),
    ]);
  const link = useMutation({
    mutationFn: (s: TargetLinkSuggestion) =>
      cascadeApi.link(planId, s.childTargetId, {
        parentPlanId: parentPlanId!,
        parentTargetId: s.parentTargetId,
      }),
    onSuccess: async (_, s) => {
      void message.success(t('cascade.links.done', { metric: s.parent?.metric ?? '' }));
      await refresh();
    },
    onError: (error) => void message.error(errorText(error)),
  });
  const unlink = useMutation({
    mutationFn: (l: UpperLink) => cascadeApi.unlink(planId, l.childTargetId),
    onSuccess: async () => {
      void message.success(t('cascade.links.undone'));
      await refresh();
    },
    onError: (error) => void message.error(errorText(error)),
  });

  const figure = (f: Figure | null | undefined) =>
    f ? `${f.metric} ${formatNumber(f.value, lang)}${f.unit}` : t('cascade.links.gone');
  if (upper.isError) return <ErrorView error={upper.error} onRetry={() => void upper.refetch()} />;
  const plans = upper.data?.plans ?? [];
  return (
    <Card data-testid="plan-links-page" loading={upper.isLoading}>
      <Typography.Title level={2} className="lx-page-title">
        {t('cascade.links.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('cascade.links.intro')}</Typography.Paragraph>
      <Space orientation="vertical" size="large" style={{ width: '100%' }}>
        <Typography.Title level={4}>{t('cascade.links.linked')}</Typography.Title>
        <Table
          size="small"
          rowKey="linkId"
          data-testid="upper-links"
          dataSource={upper.data?.links ?? []}
          pagination={false}
          scroll={{ x: true }}
          locale={{ emptyText: t('cascade.links.noneLinked') }}
          columns={[
            { key: 'ours', title: t('cascade.links.ours'), render: (_, l) => figure(l.child) },
            {
              key: 'theirs',
              title: t('cascade.links.theirs'),
              render: (_, l) => `${figure(l.parent)}（${l.parentPlanTitle}）`,
            },
            {
              key: 'how',
              title: t('cascade.links.how'),
              render: (_, l) => (
                <Tag>
                  {t(l.origin === 'handed_down' ? 'cascade.links.handedDown' : 'cascade.links.byLink')}
                </Tag>
              ),
            },
            ...(mayLink
              ? [
                  {
                    key: 'act',
                    title: '',
                    render: (_: unknown, l: UpperLink) => (
                      <Button
                        size="small"
                        danger
                        loading={unlink.isPending && unlink.variables?.linkId === l.linkId}
                        aria-label={`${t('cascade.links.unlink')} ${l.child.metric}`}
                        onClick={() => unlink.mutate(l)}
                      >
                        {t('cascade.links.unlink')}
                      </Button>
                    ),
                  },
                ]
              : []),
          ]}
        />
        <Typography.Title level={4}>{t('cascade.links.suggested')}</Typography.Title>
        {plans.length === 0 ? (
          <Empty description={t('cascade.links.noHigher')} />
        ) : (
          <>
            <Space>
              <label htmlFor="higher-plan">{t('cascade.links.higherPlan')}</label>
              <Select
                id="higher-plan"
                style={{ minWidth: 320 }}
                value={parentPlanId}
                options={plans.map((p) => ({ value: p.id, label: `${p.jurisdictionName} · ${p.title}` }))}
                onChange={(id: number) => setChosen(id)}
              />
            </Space>
            <Table
              size="small"
              data-testid="link-suggestions"
              rowKey={(s) => `${s.childTargetId}-${s.parentTargetId}`}
              dataSource={suggestions.data ?? []}
              loading={suggestions.isLoading}
              pagination={false}
              scroll={{ x: true }}
              locale={{ emptyText: t('cascade.links.noneSuggested') }}
              columns={[
                { key: 'ours', title: t('cascade.links.ours'), render: (_, s) => figure(s.child) },
                { key: 'theirs', title: t('cascade.links.theirs'), render: (_, s) => figure(s.parent) },
                { key: 'why', title: t('cascade.links.why'), dataIndex: 'reason' },
                ...(mayLink
                  ? [
                      {
                        key: 'act',
                        title: '',
                        render: (_: unknown, s: TargetLinkSuggestion) => (
                          <Button
                            size="small"
                            type="primary"
                            loading={link.isPending && link.variables?.childTargetId === s.childTargetId}
                            aria-label={`${t('cascade.links.link')} ${s.child?.metric ?? ''}`}
                            onClick={() => link.mutate(s)}
                          >
                            {t('cascade.links.link')}
                          </Button>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          </>
        )}
      </Space>
    </Card>
  );
}
