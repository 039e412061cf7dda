import { useEffect, useState } from 'react';
import {
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Table,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { endpoints } from '../api/endpoints';
import { workApi, type UnitNotifySettings } from '../api/work';
import { ErrorView } from '../components/error-view';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useErrorMessage } from '../hooks/use-error-message';
import { useUnits } from '../hooks/use-plan-data';

type Robot = UnitNotifySettings['robots'][number];
const CHANNELS: Robot['channel'][] = ['dingtalk', 'wecom', 'webhook'];

/**
 * 单位通知设置 (admins): for the unit chosen, its leader in charge (told when work escalates)
 * and its group robots (钉钉, 企业微信, a generic webhook) — addresses and secrets shown masked
 * as the server keeps them; a masked one sent back unchanged is kept.
 */
export default function WorkUnitNotifyPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('work.unitNotify.title'));
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const client = useQueryClient();
  const units = useUnits();
  const users = useQuery({ queryKey: ['users'], queryFn: endpoints.listUsers });
  const [unitId, setUnitId] = useState<number | undefined>();
  const settings = useQuery({
    queryKey: ['notify', 'unit', unitId],
    queryFn: () => workApi.unitSettings(unitId!),
    enabled: unitId !== undefined,
  });
  const [draft, setDraft] = useState<UnitNotifySettings | undefined>();
  useEffect(() => setDraft(settings.data?.data), [settings.data]);
  const save = useMutation({
    mutationFn: (data: UnitNotifySettings) =>
      workApi.saveUnitSettings(unitId!, data, settings.data?.version ?? 0),
    onSuccess: (saved) => {
      void message.success(t('work.unitNotify.saved'));
      client.setQueryData(['notify', 'unit', unitId], saved);
    },
    onError: (error) => void message.error(errorMessage(error)),
  });
  const setRobot = (index: number, patch: Partial<Robot>) =>
    setDraft((d) => d && { ...d, robots: d.robots.map((r, i) => (i === index ? { ...r, ...patch } : r)) });
  const leaders = (users.data ?? []).filter(
    (u) => u.role === 'leader' || u.role === 'supervisor' || u.role === 'admin',
  );

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={3}>{t('work.unitNotify.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('work.unitNotify.intro')}</Typography.Paragraph>
        <Space wrap>
          <label htmlFor="notify-unit">{t('work.unitNotify.unit')}</label>
          <Select
            id="notify-unit"
            style={{ minWidth: 240 }}
            showSearch
            optionFilterProp="label"
            placeholder={t('work.unitNotify.chooseUnit')}
            value={unitId}
            onChange={setUnitId}
            options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
          />
        </Space>
      </div>
      {unitId === undefined ? null : settings.error ? (
        <ErrorView error={settings.error} onRetry={() => void settings.refetch()} />
      ) : draft ? (
        <Card>
          <Form layout="vertical" onFinish={() => save.mutate(draft)}>
            <Form.Item label={t('work.unitNotify.leader')} htmlFor="notify-leader">
              <Select
                id="notify-leader"
                allowClear
                style={{ maxWidth: 320 }}
                placeholder={t('work.unitNotify.noLeader')}
                value={draft.leaderUserId ?? undefined}
                onChange={(v: number | undefined) => setDraft({ ...draft, leaderUserId: v ?? null })}
                options={leaders.map((u) => ({ value: u.id, label: u.displayName }))}
              />
            </Form.Item>
            <Form.Item
              label={t('work.unitNotify.inboxAfterHours')}
              htmlFor="notify-inbox-hours"
              extra={t('work.unitNotify.inboxAfterHoursHelp')}
            >
              <InputNumber
                id="notify-inbox-hours"
                min={0.5}
                max={72}
                step={0.5}
                placeholder={t('work.unitNotify.inboxAfterHoursDefault')}
                style={{ width: 200 }}
                value={draft.inboxAfterHours ?? null}
                onChange={(v: number | null) => setDraft({ ...draft, inboxAfterHours: v })}
              />
            </Form.Item>
            <Typography.Title level={5}>{t('work.unitNotify.robots')}</Typography.Title>
            <Table<Robot & { index: number }>
              rowKey="index"
              size="small"
              pagination={false}
              scroll={{ x: 760 }}
              dataSource={draft.robots.map((r, index) => ({ ...r, index }))}
              locale={{ emptyText: <Empty description={t('work.unitNotify.noRobots')} /> }}
              columns={[
                {
                  title: t('work.unitNotify.channel'),
                  key: 'channel',
                  render: (_, r) => (
                    <Select
                      aria-label={t('work.unitNotify.channel')}
                      style={{ width: 120 }}
                      value={r.channel}
                      onChange={(channel: Robot['channel']) => setRobot(r.index, { channel })}
                      options={CHANNELS.map((c) => ({ value: c, label: t(`work.unitNotify.channels.${c}`) }))}
                    />
                  ),
                },
                {
                  title: t('work.unitNotify.name'),
                  key: 'name',
                  render: (_, r) => (
                    <Input
                      aria-label={t('work.unitNotify.name')}
                      value={r.name}
                      maxLength={100}
                      onChange={(e) => setRobot(r.index, { name: e.target.value })}
                    />
                  ),
                },
                {
                  title: t('work.unitNotify.url'),
                  key: 'url',
                  render: (_, r) => (
                    <Input
                      aria-label={t('work.unitNotify.url')}
                      value={r.url}
                      maxLength={1000}
                      onChange={(e) => setRobot(r.index, { url: e.target.value })}
                    />
                  ),
                },
                {
                  title: t('work.unitNotify.secret'),
                  key: 'secret',
                  render: (_, r) => (
                    <Input
                      aria-label={t('work.unitNotify.secret')}
                      value={r.secret ?? ''}
                      maxLength={200}
                      onChange={(e) => setRobot(r.index, { secret: e.target.value || null })}
                    />
                  ),
                },
                {
                  title: t('work.unitNotify.enabled'),
                  key: 'enabled',
                  render: (_, r) => (
                    <Switch
                      aria-label={t('work.unitNotify.enabled')}
                      checked={r.enabled}
                      onChange={(enabled) => setRobot(r.index, { enabled })}
                    />
                  ),
                },
                {
                  title: '',
                  key: 'remove',
                  render: (_, r) => (
                    <Button
                      type="link"
                      danger
                      onClick={() =>
                        setDraft({ ...draft, robots: draft.robots.filter((_, i) => i !== r.index) })
                      }
                    >
                      {t('work.unitNotify.remove')}
                    </Button>
                  ),
                },
              ]}
            />
            <Space style={{ marginTop: 16 }}>
              <Button
                onClick={() =>
                  setDraft({
                    ...draft,
                    robots: [
                      ...draft.robots,
                      { channel: 'dingtalk', name: '', url: '', secret: null, enabled: true },
                    ],
                  })
                }
              >
                {t('work.unitNotify.addRobot')}
              </Button>
              <Button type="primary" htmlType="submit" loading={save.isPending}>
                {t('work.unitNotify.save')}
              </Button>
            </Space>
          </Form>
        </Card>
      ) : null}
    </Space>
  );
}
