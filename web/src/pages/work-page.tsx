import { useState } from 'react';
import { App, Card, Select, Space, Typography } from 'antd';
import { Link } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { workApi, type InstructionBody, type UserNotifySettings, type WorkItem } from '../api/work';
import { ErrorView } from '../components/error-view';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useErrorMessage } from '../hooks/use-error-message';
import { useUnits } from '../hooks/use-plan-data';
import { useSession } from '../hooks/use-session';
import { todayIso } from '../hooks/use-working-plan';
import { InstructionForm } from './work/instruction-form';
import { NotifySettingsForm } from './work/notify-settings-form';
import { AssignDialog, type AssignValues } from './work/assign-dialog';
import { referenceOf, WorkItemsTable } from './work/work-items-table';

/** The 交办 of an item, by its source's own route. */
function assignItem(item: WorkItem, values: AssignValues) {
  const action = { type: 'assign' as const, ...values, version: item.version };
  if (item.source === 'instruction') return workApi.moveInstruction(item.id, action);
  if (item.source === 'decision') return workApi.moveDecision(item.id, action);
  return workApi.moveProposal(item.id, action);
}

const SOURCES: WorkItem['source'][] = ['instruction', 'decision', 'suggestion', 'proposal', 'list'];

/**
 * 交办事项: the office registers a 领导批示件 in one form; everyone sees the ledger of 批示件,
 * 议定事项, 建议提案 and list items (a unit: its own), each with its source named.
 */
export default function WorkPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('work.title'));
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const { session } = useSession();
  const client = useQueryClient();
  const [source, setSource] = useState<WorkItem['source'] | undefined>(undefined);
  const office = session?.user.role === 'admin' || session?.user.role === 'supervisor';
  // A city's office registers for, lists and assigns within a jurisdiction below it too.
  const jurisdictions = useQuery({
    queryKey: ['work', 'jurisdictions'],
    queryFn: workApi.jurisdictions,
    enabled: office,
  });
  const [where, setWhere] = useState<number | undefined>(undefined);
  const chosen = jurisdictions.data?.find((j) => j.id === where) ?? jurisdictions.data?.[0];
  const below = chosen !== undefined && chosen.id !== jurisdictions.data?.[0]?.id ? chosen.id : undefined;
  const forWhere = below === undefined ? {} : { jurisdictionId: below };
  const ownUnits = useUnits();
  const units = below === undefined ? (ownUnits.data ?? []) : (chosen?.units ?? []);
  const items = useQuery({
    queryKey: ['work', 'items', source ?? 'all', below ?? 'own'],
    queryFn: () => workApi.items({ ...(source ? { kind: source } : {}), ...forWhere }),
  });
  const [formKey, setFormKey] = useState(0);
  const [assigning, setAssigning] = useState<WorkItem | undefined>();
  const register = useMutation({
    mutationFn: (body: InstructionBody) => workApi.registerInstruction({ ...body, ...forWhere }),
    onSuccess: (item) => {
      if (item.source === 'instruction') void message.success(t('work.registered', { title: item.title }));
      setFormKey((k) => k + 1);
      void client.invalidateQueries({ queryKey: ['work'] });
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  const assign = useMutation({
    mutationFn: ({ item, values }: { item: WorkItem; values: AssignValues }) => assignItem(item, values),
    onSuccess: (item) => {
      void message.success(t('work.assign.done', { subject: referenceOf(item).subject }));
      setAssigning(undefined);
      void client.invalidateQueries({ queryKey: ['work'] });
    },
  });
  const settings = useQuery({ queryKey: ['notify', 'me'], queryFn: workApi.mySettings });
  const saveSettings = useMutation({
    mutationFn: (data: UserNotifySettings) => workApi.saveMySettings(data, settings.data?.version ?? 0),
    onSuccess: (saved) => {
      void message.success(t('work.notify.saved'));
      client.setQueryData(['notify', 'me'], saved);
    },
    onError: (error) => void message.error(errorMessage(error)),
  });

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3}>{t('work.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('work.intro')}</Typography.Paragraph>
        <Space wrap>
          <Link to="/work/proposals">{t('work.desk.title')}</Link>
          {session?.user.role === 'admin' ? (
            <>
              <Link to="/work/unit-notify">{t('work.unitNotify.title')}</Link>
              <Link to="/work/deliveries">{t('work.deliveries.title')}</Link>
            </>
          ) : null}
        </Space>
      </div>
      {office && (jurisdictions.data?.length ?? 0) > 1 ? (
        <Space wrap>
          <label htmlFor="work-jurisdiction">{t('work.jurisdiction.label')}</label>
          <Select
            id="work-jurisdiction"
            style={{ minWidth: 200 }}
            value={chosen?.id}
            onChange={(id: number) => setWhere(id)}
            options={(jurisdictions.data ?? []).map((j) => ({ value: j.id, label: j.name }))}
          />
          <Typography.Text type="secondary">{t('work.jurisdiction.hint')}</Typography.Text>
        </Space>
      ) : null}
      {office ? (
        <Card title={t('work.register')}>
          <InstructionForm
            key={`${formKey}-${below ?? 'own'}`}
            today={todayIso()}
            onUploadScan={(file) => workApi.uploadScan(file, file.name, below)}
            uploadError={errorMessage}
            submitting={register.isPending}
            onSubmit={(b) => register.mutate(b)}
          />
        </Card>
      ) : null}
      <Card
        title={t('work.list')}
        extra={
          <Select
            aria-label={t('work.filterSource')}
            allowClear
            placeholder={t('work.allSources')}
            style={{ width: 180 }}
            value={source}
            onChange={(value: WorkItem['source'] | undefined) => setSource(value)}
            options={SOURCES.map((s) => ({ value: s, label: t(`work.sources.${s}`) }))}
          />
        }
      >
        {items.error ? (
          <ErrorView error={items.error} onRetry={() => void items.refetch()} />
        ) : (
          <WorkItemsTable
            items={items.data?.items ?? []}
            units={units}
            loading={items.isLoading}
            {...(office ? { onAssign: (item: WorkItem) => setAssigning(item) } : {})}
          />
        )}
      </Card>
      {assigning ? (
        <AssignDialog
          open
          subject={referenceOf(assigning).subject}
          units={units}
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
      {settings.data ? (
        <Card title={t('work.notify.title')}>
          <NotifySettingsForm
            settings={settings.data.data}
            available={settings.data.channels}
            saving={saveSettings.isPending}
            onSave={(data) => saveSettings.mutate(data)}
          />
        </Card>
      ) : null}
    </Space>
  );
}
