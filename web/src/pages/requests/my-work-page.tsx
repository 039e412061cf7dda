import { useState } from 'react';
import { Alert, App, Button, Card, Form, Input, Select, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { QueueEntry, WorkItemKind, Workload, WorkloadRow } from '../../api/desk';
import { ErrorView } from '../../components/error-view';
import { useAssign, useHandlerProfile, useMyQueue, useReassign, useWorkload } from '../../hooks/use-desk';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useErrorMessage } from '../../hooks/use-error-message';
import { useLang } from '../../hooks/use-lang';
import { useUnitMap } from '../../hooks/use-requests';
import { formatDate } from '../../lib/format';

type Tab = WorkItemKind | 'all';

/** The person's open items of one kind (or all), overdue first as the server orders them. */
function QueueTable({ kind }: { kind: Tab }) {
  const { t } = useTranslation();
  const lang = useLang();
  const queue = useMyQueue(kind);
  if (queue.isError) return <ErrorView error={queue.error} onRetry={() => void queue.refetch()} />;
  return (
    <Table<QueueEntry>
      rowKey={(item) => `${item.kind}:${item.id}:${item.unitId}`}
      loading={queue.isLoading}
      dataSource={queue.data ?? []}
      pagination={false}
      locale={{ emptyText: t('requests.desk.work.empty') }}
      columns={[
        {
          title: t('requests.desk.work.item'),
          key: 'item',
          render: (_, item) =>
            item.kind === 'order' ? <Link to={`/requests/orders/${item.id}`}>{item.title}</Link> : item.title,
        },
        {
          title: t('requests.desk.work.kind.order') + ' / ' + t('requests.desk.work.kind.task'),
          key: 'kind',
          render: (_, item) => t(`requests.desk.work.kind.${item.kind}`),
        },
        {
          title: t('requests.desk.work.due'),
          key: 'due',
          render: (_, item) => (
            <>
              {item.due ? formatDate(item.due, lang) : t('requests.desk.work.noDue')}{' '}
              {item.overdue ? (
                <Tag color="error">{t('requests.desk.work.overdue')}</Tag>
              ) : item.dueInDays !== null ? (
                <Typography.Text type="secondary">
                  {t('requests.desk.work.dueIn', { count: item.dueInDays })}
                </Typography.Text>
              ) : null}
            </>
          ),
        },
      ]}
    />
  );
}

type UnitItem = Workload['items'][number];

/** The unit's open items nobody handles yet, each given to a person with a labelled choice. */
function UnassignedItems({
  unitId,
  items,
  people,
}: {
  unitId: number;
  items: UnitItem[];
  people: { value: number; label: string }[];
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const assign = useAssign();
  const [chosen, setChosen] = useState<Record<string, number | undefined>>({});
  const key = (item: UnitItem) => `${item.kind}-${item.id}`;
  const give = (item: UnitItem) => {
    const handlerId = chosen[key(item)];
    if (handlerId === undefined) return;
    assign.mutate(
      { unitId, body: { kind: item.kind, itemId: item.id, handlerId } },
      {
        onSuccess: () =>
          void message.success(
            t('requests.desk.work.given', { name: people.find((p) => p.value === handlerId)?.label ?? '' }),
          ),
      },
    );
  };
  if (items.length === 0) return null;
  return (
    <>
      <Typography.Title level={4} style={{ fontSize: 16, marginTop: 16 }}>
        {t('requests.desk.work.unassignedItems')}
      </Typography.Title>
      {assign.isError ? (
        <Alert type="error" showIcon title={errorMessage(assign.error)} style={{ marginBottom: 8 }} />
      ) : null}
      <Table<UnitItem>
        rowKey={key}
        dataSource={items}
        pagination={false}
        columns={[
          {
            title: t('requests.desk.work.item'),
            key: 'item',
            render: (_, item) => `${t(`requests.desk.work.kind.${item.kind}`)}：${item.title}`,
          },
          {
            title: t('requests.desk.work.giveTo'),
            key: 'give',
            render: (_, item) => (
              <Space>
                <Select
                  style={{ minWidth: 140 }}
                  aria-label={t('requests.desk.work.giveToLabel', { title: item.title })}
                  value={chosen[key(item)]}
                  options={people}
                  onChange={(value: number) => setChosen((p) => ({ ...p, [key(item)]: value }))}
                />
                <Button
                  disabled={chosen[key(item)] === undefined}
                  loading={assign.isPending && assign.variables.body.itemId === item.id}
                  aria-label={t('requests.desk.work.giveLabel', { title: item.title })}
                  onClick={() => give(item)}
                >
                  {t('requests.desk.work.give')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
    </>
  );
}

/** The head's view of one unit: the workload by person and one form to move a person's items. */
function UnitWorkload({ unitId, unitName }: { unitId: number; unitName: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const workload = useWorkload(unitId);
  const reassign = useReassign();
  const [from, setFrom] = useState<number | undefined>();
  const [to, setTo] = useState<number | undefined>();
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const members = workload.data?.members ?? [];
  const people = members.filter((m) => m.active).map((m) => ({ value: m.userId, label: m.name }));
  const name = (row: WorkloadRow) => (row.userId === null ? t('requests.desk.work.unassigned') : row.name);
  // What is wrong with the form as it stands now: said once a submit was tried, gone once put right.
  const invalid =
    from === undefined || to === undefined || !reason.trim()
      ? t('requests.desk.work.required')
      : from === to
        ? t('requests.desk.work.same')
        : undefined;
  const problem = tried ? invalid : undefined;

  const submit = () => {
    setTried(true);
    if (invalid !== undefined || from === undefined || to === undefined) return;
    reassign.mutate(
      { unitId, body: { fromHandlerId: from, toHandlerId: to, reason: reason.trim() } },
      {
        onSuccess: (answer) => {
          void message.success(t('requests.desk.work.moved', { count: answer.moved.length }));
          setReason('');
          setTried(false);
        },
      },
    );
  };

  const ids = { from: `bulk-from-${unitId}`, to: `bulk-to-${unitId}`, reason: `bulk-reason-${unitId}` };
  return (
    <section aria-labelledby={`workload-${unitId}`} style={{ marginTop: 24 }}>
      <Typography.Title level={3} id={`workload-${unitId}`} style={{ fontSize: 18 }}>
        {t('requests.desk.work.workload')}：{unitName}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('requests.desk.work.workloadIntro')}</Typography.Paragraph>
      {workload.isError ? <ErrorView error={workload.error} onRetry={() => void workload.refetch()} /> : null}
      <Table<WorkloadRow>
        rowKey={(row) => String(row.userId ?? 'none')}
        loading={workload.isLoading}
        dataSource={workload.data?.rows ?? []}
        pagination={false}
        columns={[
          {
            title: t('requests.desk.work.person'),
            key: 'person',
            render: (_, row) => (
              <>
                {name(row)} {row.away ? <Tag>{t('requests.desk.work.away')}</Tag> : null}
              </>
            ),
          },
          { title: t('requests.desk.work.open'), dataIndex: 'open', key: 'open' },
          { title: t('requests.desk.work.overdueCount'), dataIndex: 'overdue', key: 'overdue' },
          { title: t('requests.desk.work.dueSoon'), dataIndex: 'dueSoon', key: 'dueSoon' },
          { title: t('requests.desk.work.orders'), dataIndex: 'orders', key: 'orders' },
          { title: t('requests.desk.work.tasks'), dataIndex: 'tasks', key: 'tasks' },
        ]}
      />
      <UnassignedItems
        unitId={unitId}
        items={(workload.data?.items ?? []).filter((item) => item.open && item.handlerId === null)}
        people={people}
      />
      <Typography.Title level={4} style={{ fontSize: 16, marginTop: 16 }}>
        {t('requests.desk.work.bulk')}
      </Typography.Title>
      {problem ? <Alert type="error" showIcon title={problem} style={{ marginBottom: 8 }} /> : null}
      {reassign.isError ? (
        <Alert type="error" showIcon title={errorMessage(reassign.error)} style={{ marginBottom: 8 }} />
      ) : null}
      <Form layout="vertical" onFinish={submit} style={{ maxWidth: 480 }}>
        <Form.Item label={t('requests.desk.work.from')} htmlFor={ids.from} required>
          <Select id={ids.from} value={from} options={people} onChange={setFrom} />
        </Form.Item>
        <Form.Item label={t('requests.desk.work.to')} htmlFor={ids.to} required>
          <Select id={ids.to} value={to} options={people} onChange={setTo} />
        </Form.Item>
        <Form.Item label={t('requests.desk.work.reason')} htmlFor={ids.reason} required>
          <Input.TextArea
            id={ids.reason}
            rows={2}
            maxLength={500}
            value={reason}
            placeholder={t('requests.desk.work.reasonPlaceholder')}
            onChange={(event) => setReason(event.target.value)}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={reassign.isPending}>
          {t('requests.desk.work.submit')}
        </Button>
      </Form>
    </section>
  );
}

/**
 * 我的待办: the person's own queue (我的工单, 我的任务); and for the head of a unit, the unit's
 * workload by person with a bulk move when someone is away.
 */
export default function MyWorkPage() {
  const { t } = useTranslation();
  const profile = useHandlerProfile();
  const units = useUnitMap();
  const [tab, setTab] = useState<Tab>('all');
  useDocumentTitle(t('requests.desk.work.title'));
  const tabs: Tab[] = ['all', 'order', 'task'];
  return (
    <Card>
      <Typography.Title level={2} className="lx-page-title">
        {t('requests.desk.work.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('requests.desk.work.intro')}</Typography.Paragraph>
      <Tabs
        activeKey={tab}
        onChange={(key) => setTab(key as Tab)}
        items={tabs.map((key) => ({
          key,
          label: t(`requests.desk.work.tabs.${key}`),
          children: <QueueTable kind={key} />,
        }))}
      />
      {(profile.data?.headOf ?? []).map((unitId) => (
        <UnitWorkload key={unitId} unitId={unitId} unitName={units.get(unitId)?.name ?? ''} />
      ))}
    </Card>
  );
}
