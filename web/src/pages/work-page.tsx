import { useState } from 'react';
import { App, Card, Select, Space, Typography } from 'antd';
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
import { WorkItemsTable } from './work/work-items-table';

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
  const units = useUnits();
  const items = useQuery({
    queryKey: ['work', 'items', source ?? 'all'],
    queryFn: () => workApi.items(source ? { kind: source } : {}),
  });
  const register = useMutation({
    mutationFn: (body: InstructionBody) => workApi.registerInstruction(body),
    onSuccess: (item) => {
      if (item.source === 'instruction') void message.success(t('work.registered', { title: item.title }));
      void client.invalidateQueries({ queryKey: ['work'] });
    },
    onError: (error) => void message.error(errorMessage(error)),
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
  const office = session?.user.role === 'admin' || session?.user.role === 'supervisor';

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3}>{t('work.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('work.intro')}</Typography.Paragraph>
      </div>
      {office ? (
        <Card title={t('work.register')}>
          <InstructionForm
            today={todayIso()}
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
            units={units.data ?? []}
            loading={items.isLoading}
          />
        )}
      </Card>
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
