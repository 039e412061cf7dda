import { useState } from 'react';
import { App, Button, Card, Input, Select, Space, Table, Typography } from 'antd';
import { PaperClipOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { workApi, type WorkItem, type WorkItemQuery } from '../api/work';
import { ErrorView } from '../components/error-view';
import { ToneTag } from '../components/tags';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useErrorMessage } from '../hooks/use-error-message';
import { useUnits } from '../hooks/use-plan-data';
import { useSession } from '../hooks/use-session';
import { todayIso } from '../hooks/use-working-plan';
import { AssignDialog, type AssignValues } from './work/assign-dialog';
import { ProposalForm } from './work/proposal-form';
import { RateDialog, type RateValues } from './work/rate-dialog';

type Proposal = Extract<WorkItem, { source: 'suggestion' | 'proposal' }>;
const RATING_TONES = { 满意: 'green', 基本满意: 'blue', 不满意: 'red' } as const;
const STATE_TONES = {
  registered: 'grey',
  assigned: 'blue',
  answered: 'gold',
  closed: 'green',
  filed: 'purple',
} as const;

/**
 * 建议提案办理: every 人大代表建议 and 政协委员提案 by number, with its deputies or members, its 主办
 * and 会办 units, where it stands, its answer letter and the author's rating; found by kind,
 * author, unit and rating. The office registers, assigns and records ratings (不满意 sends it back).
 */
export default function WorkProposalsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('work.desk.title'));
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const client = useQueryClient();
  const { session } = useSession();
  const office = session?.user.role === 'admin' || session?.user.role === 'supervisor';
  const units = useUnits();
  const unitName = new Map((units.data ?? []).map((u) => [u.id, u.name]));
  const [kind, setKind] = useState<'suggestion' | 'proposal' | undefined>();
  const [author, setAuthor] = useState('');
  const [unitId, setUnitId] = useState<number | undefined>();
  const [rating, setRating] = useState<WorkItemQuery['rating']>();
  const [formKey, setFormKey] = useState(0);
  const [assigning, setAssigning] = useState<Proposal | undefined>();
  const [rating4, setRating4] = useState<Proposal | undefined>();
  const query: WorkItemQuery = {
    ...(kind ? { kind } : {}),
    ...(author.trim() ? { author: author.trim() } : {}),
    ...(unitId ? { unitId } : {}),
    ...(rating ? { rating } : {}),
  };
  const items = useQuery({
    queryKey: ['work', 'items', 'desk', query],
    queryFn: async () => {
      const page = await workApi.items(kind ? query : { ...query, kind: 'suggestion' });
      const other = kind ? { items: [] } : await workApi.items({ ...query, kind: 'proposal' });
      return [...page.items, ...other.items] as Proposal[];
    },
  });
  const done = (text: string) => {
    void message.success(text);
    void client.invalidateQueries({ queryKey: ['work'] });
  };
  const register = useMutation({
    mutationFn: workApi.registerProposal,
    onSuccess: (item) => {
      setFormKey((k) => k + 1);
      done(t('work.desk.registered', { title: 'title' in item ? item.title : '' }));
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  const assign = useMutation({
    mutationFn: ({ item, values }: { item: Proposal; values: AssignValues }) =>
      workApi.moveProposal(item.id, { type: 'assign', ...values, version: item.version }),
    onSuccess: (item) => {
      setAssigning(undefined);
      done(t('work.assign.done', { subject: 'title' in item ? item.title : '' }));
    },
  });
  const rate = useMutation({
    mutationFn: ({ item, values }: { item: Proposal; values: RateValues }) =>
      workApi.moveProposal(item.id, { type: 'rate', ...values, version: item.version }),
    onSuccess: (_, { values }) => {
      setRating4(undefined);
      done(t('work.desk.rated', { rating: values.rating }));
    },
  });
  const names = (ids: number[]) => ids.map((id) => unitName.get(id) ?? '—').join('、') || '—';

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3}>{t('work.desk.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('work.desk.intro')}</Typography.Paragraph>
      </div>
      {office ? (
        <Card title={t('work.desk.register')}>
          <ProposalForm key={formKey} submitting={register.isPending} onSubmit={(b) => register.mutate(b)} />
        </Card>
      ) : null}
      <Card
        title={t('work.desk.title')}
        extra={
          <Space wrap>
            <Select
              aria-label={t('work.desk.kind')}
              allowClear
              placeholder={t('work.desk.allKinds')}
              style={{ width: 150 }}
              value={kind}
              onChange={setKind}
              options={(['suggestion', 'proposal'] as const).map((k) => ({
                value: k,
                label: t(`work.sources.${k}`),
              }))}
            />
            <Input.Search
              aria-label={t('work.desk.author')}
              placeholder={t('work.desk.authorHint')}
              allowClear
              style={{ width: 160 }}
              onSearch={setAuthor}
            />
            <Select
              aria-label={t('work.desk.unit')}
              allowClear
              showSearch
              optionFilterProp="label"
              placeholder={t('work.desk.allUnits')}
              style={{ width: 180 }}
              value={unitId}
              onChange={setUnitId}
              options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
            />
            <Select
              aria-label={t('work.desk.rating')}
              allowClear
              placeholder={t('work.desk.allRatings')}
              style={{ width: 130 }}
              value={rating}
              onChange={setRating}
              options={(['满意', '基本满意', '不满意'] as const).map((r) => ({ value: r, label: r }))}
            />
          </Space>
        }
      >
        {items.error ? (
          <ErrorView error={items.error} onRetry={() => void items.refetch()} />
        ) : (
          <Table<Proposal>
            rowKey="id"
            size="middle"
            loading={items.isLoading}
            dataSource={[...(items.data ?? [])].sort((a, b) => a.number.localeCompare(b.number, 'zh-CN'))}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: t('work.empty') }}
            scroll={{ x: 960 }}
            columns={[
              { title: t('work.desk.columns.number'), dataIndex: 'number', key: 'number' },
              {
                title: t('work.desk.columns.kind'),
                key: 'kind',
                render: (_, i) => t(`work.sources.${i.source}`),
              },
              { title: t('work.desk.columns.title'), dataIndex: 'title', key: 'title' },
              {
                title: t('work.desk.columns.authors'),
                key: 'authors',
                render: (_, i) =>
                  i.authors.map((a) => (a.group ? `${a.name}（${a.group}）` : a.name)).join('、'),
              },
              {
                title: t('work.desk.columns.host'),
                key: 'host',
                render: (_, i) => (i.leadUnitId === null ? '—' : (unitName.get(i.leadUnitId) ?? '—')),
              },
              { title: t('work.desk.columns.co'), key: 'co', render: (_, i) => names(i.coUnitIds) },
              {
                title: t('work.desk.columns.state'),
                key: 'state',
                render: (_, i) => (
                  <Space size={4} wrap>
                    <ToneTag tone={STATE_TONES[i.state]}>{t(`work.states.${i.state}`)}</ToneTag>
                    {i.round > 1 ? t('work.desk.round', { round: i.round }) : null}
                  </Space>
                ),
              },
              {
                title: t('work.desk.columns.rating'),
                key: 'rating',
                render: (_, i) => {
                  const last = i.ratings.at(-1);
                  return last ? (
                    <ToneTag tone={RATING_TONES[last.rating]}>{last.rating}</ToneTag>
                  ) : (
                    <Typography.Text type="secondary">{t('work.desk.notRated')}</Typography.Text>
                  );
                },
              },
              {
                title: t('work.desk.columns.letter'),
                key: 'letter',
                render: (_, i) => {
                  const letter = i.letters.at(-1);
                  return letter ? (
                    <a href={workApi.itemFileUrl(i.id, letter.fileId)}>
                      <PaperClipOutlined /> {t('work.desk.letterName', { round: letter.round })}
                    </a>
                  ) : (
                    '—'
                  );
                },
              },
              ...(office
                ? [
                    {
                      title: t('work.desk.columns.actions'),
                      key: 'actions',
                      render: (_: unknown, i: Proposal) =>
                        i.state === 'registered' ? (
                          <Button size="small" type="primary" onClick={() => setAssigning(i)}>
                            {t('work.assign.ok')}
                          </Button>
                        ) : i.state === 'answered' ? (
                          <Button size="small" type="primary" onClick={() => setRating4(i)}>
                            {t('work.desk.rate')}
                          </Button>
                        ) : null,
                    },
                  ]
                : []),
            ]}
          />
        )}
      </Card>
      {assigning ? (
        <AssignDialog
          open
          subject={`${assigning.number} ${assigning.title}`}
          units={units.data ?? []}
          today={todayIso()}
          submitting={assign.isPending}
          {...(assign.error ? { error: errorMessage(assign.error) } : {})}
          onSubmit={(values) => assign.mutate({ item: assigning, values })}
          onCancel={() => {
            setAssigning(undefined);
            assign.reset();
          }}
        />
      ) : null}
      {rating4 ? (
        <RateDialog
          subject={t('work.desk.rateTitle', { number: rating4.number, title: rating4.title })}
          today={todayIso()}
          submitting={rate.isPending}
          {...(rate.error ? { error: errorMessage(rate.error) } : {})}
          onSubmit={(values) => rate.mutate({ item: rating4, values })}
          onCancel={() => {
            setRating4(undefined);
            rate.reset();
          }}
        />
      ) : null}
    </Space>
  );
}
