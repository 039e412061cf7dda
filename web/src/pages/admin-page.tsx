import { useEffect, useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  Empty,
  Form,
  Input,
  Row,
  Select,
  Space,
  Switch,
  Table,
  Tabs,
  Typography,
} from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { adminApi } from '../api/admin';
import { ApiError } from '../api/client';
import { endpoints } from '../api/endpoints';
import { trackingApi, type PeriodRow } from '../api/tracking';
import type { Role, User } from '../api/types';
import { ErrorView } from '../components/error-view';
import { ToneTag } from '../components/tags';
import { NewUnitForm, UnitsManager } from '../components/units-manager';
import { useErrorMessage } from '../hooks/use-error-message';
import { keys, useUnits } from '../hooks/use-plan-data';
import { useAreaNames } from '../hooks/use-requests';
import { useSession } from '../hooks/use-session';
import { usePeriods, useSaveSettings, useTrackingMutation, useTrackingSettings } from '../hooks/use-tracking';
import { useWorkingPlan } from '../hooks/use-working-plan';
import {
  toSettingsWrite,
  validateNewUser,
  validateSettings,
  type NewUserValues,
  type SettingsValues,
} from '../lib/admin';
import type { Problem } from '../lib/progress';
import { SlippageSettings } from './slippage-settings';

const ROLES: Role[] = ['admin', 'supervisor', 'leader', 'reporter'];

function useHelp() {
  const { t } = useTranslation();
  return (problem: Problem | undefined, shown: boolean | undefined) =>
    shown && problem
      ? { validateStatus: 'error' as const, help: t(problem.key, problem.values) }
      : { validateStatus: undefined, help: undefined };
}

function UsersTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const help = useHelp();
  const client = useQueryClient();
  const users = useQuery({ queryKey: ['users'], queryFn: endpoints.listUsers });
  const units = useUnits(true);
  const unitOptions = (units.data ?? []).map((u) => ({ value: u.id, label: u.name }));
  const blank: NewUserValues = { username: '', displayName: '', role: undefined, unitIds: [], password: '' };
  const [values, setValues] = useState<NewUserValues>(blank);
  const [touched, setTouched] = useState<Partial<Record<keyof NewUserValues, boolean>>>({});
  const problems = useMemo(() => validateNewUser(values), [values]);
  const change = <K extends keyof NewUserValues>(field: K, value: NewUserValues[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setTouched((x) => ({ ...x, [field]: true }));
  };
  const refresh = () => client.invalidateQueries({ queryKey: ['users'] });
  const create = useMutation({ mutationFn: adminApi.createUser, onSuccess: refresh });
  const update = useMutation({
    mutationFn: ({ id, patch }: { id: number; patch: Parameters<typeof adminApi.updateUser>[1] }) =>
      adminApi.updateUser(id, patch),
    onSuccess: refresh,
    onError: (error) => void message.error(errorMessage(error)),
  });

  const submit = () => {
    setTouched({ username: true, displayName: true, role: true, unitIds: true, password: true });
    if (Object.keys(problems).length > 0 || !values.role) return;
    create.mutate(
      {
        username: values.username.trim(),
        displayName: values.displayName.trim(),
        role: values.role,
        unitIds: values.role === 'reporter' ? values.unitIds : [],
        password: values.password,
      },
      {
        onSuccess: () => {
          void message.success(t('admin.created'));
          setValues(blank);
          setTouched({});
        },
        onError: (error) => void message.error(errorMessage(error)),
      },
    );
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        {users.isError ? <ErrorView error={users.error} onRetry={() => void users.refetch()} /> : null}
        <Table<User>
          rowKey="id"
          size="small"
          loading={users.isPending}
          dataSource={users.data ?? []}
          pagination={{ pageSize: 20, hideOnSinglePage: true }}
          data-testid="users-table"
          columns={[
            { title: t('admin.username'), dataIndex: 'username' },
            { title: t('admin.displayName'), dataIndex: 'displayName', width: 120 },
            {
              title: t('admin.role'),
              key: 'role',
              render: (_, user) => (
                <Select
                  aria-label={`${user.username} ${t('admin.role')}`}
                  size="small"
                  value={user.role}
                  style={{ width: 120 }}
                  onChange={(role: Role) => update.mutate({ id: user.id, patch: { role } })}
                  options={ROLES.map((r) => ({ value: r, label: t(`header.role.${r}`) }))}
                />
              ),
            },
            {
              title: t('admin.unitsOf'),
              key: 'units',
              render: (_, user) =>
                user.role === 'reporter' ? (
                  <Select
                    aria-label={`${user.username} ${t('admin.unitsOf')}`}
                    size="small"
                    mode="multiple"
                    value={user.unitIds}
                    style={{ minWidth: 200 }}
                    onChange={(unitIds: number[]) => update.mutate({ id: user.id, patch: { unitIds } })}
                    options={unitOptions}
                  />
                ) : (
                  '—'
                ),
            },
            {
              title: t('admin.active'),
              key: 'disabled',
              render: (_, user) => (
                <Switch
                  aria-label={`${user.username} ${t('admin.active')}`}
                  checked={!user.disabled}
                  onChange={(on) => update.mutate({ id: user.id, patch: { disabled: !on } })}
                />
              ),
            },
          ]}
        />
      </Col>
      <Col xs={24} xl={8}>
        <Card title={t('admin.createUser')} size="small">
          <Form layout="vertical" onFinish={submit} aria-label={t('admin.createUser')}>
            <Form.Item
              label={t('admin.username')}
              htmlFor="new-username"
              required
              {...help(problems.username, touched.username)}
            >
              <Input
                id="new-username"
                value={values.username}
                onChange={(e) => change('username', e.target.value)}
              />
            </Form.Item>
            <Form.Item
              label={t('admin.displayName')}
              htmlFor="new-display"
              required
              {...help(problems.displayName, touched.displayName)}
            >
              <Input
                id="new-display"
                value={values.displayName}
                onChange={(e) => change('displayName', e.target.value)}
              />
            </Form.Item>
            <Form.Item
              label={t('admin.role')}
              htmlFor="new-role"
              required
              {...help(problems.role, touched.role)}
            >
              <Select
                id="new-role"
                value={values.role}
                onChange={(role: NewUserValues['role']) => change('role', role)}
                options={ROLES.map((r) => ({ value: r, label: t(`header.role.${r}`) }))}
              />
            </Form.Item>
            {values.role === 'reporter' ? (
              <Form.Item
                label={t('admin.unitsOf')}
                htmlFor="new-units"
                required
                {...help(problems.unitIds, touched.unitIds)}
              >
                <Select
                  id="new-units"
                  mode="multiple"
                  showSearch={{ optionFilterProp: 'label' }}
                  value={values.unitIds}
                  onChange={(ids: number[]) => change('unitIds', ids)}
                  options={unitOptions}
                />
              </Form.Item>
            ) : null}
            <Form.Item
              label={t('admin.password')}
              htmlFor="new-password"
              required
              {...help(problems.password, touched.password)}
            >
              <Input.Password
                id="new-password"
                autoComplete="new-password"
                value={values.password}
                onChange={(e) => change('password', e.target.value)}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={create.isPending}>
              {t('admin.createUser')}
            </Button>
          </Form>
        </Card>
      </Col>
    </Row>
  );
}

function UnitsTab() {
  const { t } = useTranslation();
  const client = useQueryClient();
  // Under keys.units, so a change here refreshes every page's unit names too.
  const units = useQuery({ queryKey: [...keys.units, 'managed'], queryFn: adminApi.listUnits });
  // The streets and towns an office may govern, as the server holds them.
  const areaNames = useAreaNames();
  const refresh = () => client.invalidateQueries({ queryKey: keys.units });
  // A stale version or a refusal also means the list moved on: read it again either way.
  const settle = <T,>(write: Promise<T>) => write.finally(() => void refresh());
  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={16}>
        {units.isError ? <ErrorView error={units.error} onRetry={() => void units.refetch()} /> : null}
        <UnitsManager
          units={units.data ?? []}
          areas={areaNames}
          loading={units.isPending}
          onRename={(unit, patch) =>
            settle(adminApi.updateUnit(unit.id, { ...patch, version: unit.version }))
          }
          onDelete={(unit) => settle(adminApi.deleteUnit(unit.id, unit.version))}
          onMerge={(unit, into) =>
            settle(adminApi.mergeUnit(unit.id, into.id, unit.version)).then((answer) => {
              // Tasks, targets and users changed hands.
              void client.invalidateQueries({ queryKey: ['plan'] });
              void client.invalidateQueries({ queryKey: ['users'] });
              return answer;
            })
          }
        />
      </Col>
      <Col xs={24} xl={8}>
        <Card title={t('admin.createUnit')} size="small">
          <NewUnitForm
            units={units.data ?? []}
            areas={areaNames}
            onCreate={(unit) => settle(adminApi.createUnit(unit))}
          />
        </Card>
      </Col>
    </Row>
  );
}

function TrackingTab({ planId }: { planId: number }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const errorMessage = useErrorMessage();
  const help = useHelp();
  const settings = useTrackingSettings(planId);
  const periods = usePeriods(planId);
  const save = useSaveSettings(planId);
  const lock = useTrackingMutation(planId, (key: string) => trackingApi.lockPeriod(planId, key));
  const [values, setValues] = useState<SettingsValues | undefined>();
  const [touched, setTouched] = useState<Partial<Record<keyof SettingsValues, boolean>>>({});

  useEffect(() => {
    if (!settings.data) return;
    const s = settings.data;
    setValues({
      frequency: s.period.frequency,
      dueDay: String(s.period.dueDay),
      coUnitLeadDays: String(s.period.coUnitLeadDays),
      atRisk: String(s.health.thresholds?.atRisk ?? 0.9),
      behind: String(s.health.thresholds?.behind ?? 0.7),
    });
  }, [settings.data]);

  if (settings.isError) return <ErrorView error={settings.error} onRetry={() => void settings.refetch()} />;
  if (!values || !settings.data) return null;
  const problems = validateSettings(values);
  const change = (field: keyof SettingsValues, value: string) => {
    setValues((v) => (v ? { ...v, [field]: value } : v));
    setTouched((x) => ({ ...x, [field]: true }));
  };
  const submit = () => {
    setTouched({ dueDay: true, coUnitLeadDays: true, atRisk: true, behind: true });
    if (Object.keys(problems).length > 0) return;
    save.mutate(
      { ...toSettingsWrite(values), version: settings.data.version },
      {
        onSuccess: () => void message.success(t('admin.saved')),
        onError: (error) => void message.error(errorMessage(error)),
      },
    );
  };

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={10}>
        <Card title={`${t('admin.periods')} · ${t('admin.thresholds')}`} size="small">
          <Form layout="vertical" onFinish={submit} data-testid="settings-form">
            <Form.Item label={t('admin.frequency')} htmlFor="set-frequency">
              <Select
                id="set-frequency"
                value={values.frequency}
                onChange={(f: string) => change('frequency', f)}
                options={[
                  { value: 'monthly', label: t('admin.monthly') },
                  { value: 'quarterly', label: t('admin.quarterly') },
                ]}
              />
            </Form.Item>
            <Form.Item label={t('admin.dueDay')} htmlFor="set-due" {...help(problems.dueDay, touched.dueDay)}>
              <Input
                id="set-due"
                inputMode="numeric"
                value={values.dueDay}
                onChange={(e) => change('dueDay', e.target.value)}
              />
            </Form.Item>
            <Form.Item
              label={t('admin.coUnitLeadDays')}
              htmlFor="set-lead"
              {...help(problems.coUnitLeadDays, touched.coUnitLeadDays)}
            >
              <Input
                id="set-lead"
                inputMode="numeric"
                value={values.coUnitLeadDays}
                onChange={(e) => change('coUnitLeadDays', e.target.value)}
              />
            </Form.Item>
            <Form.Item
              label={t('admin.atRisk')}
              htmlFor="set-atrisk"
              {...help(problems.atRisk, touched.atRisk)}
            >
              <Input
                id="set-atrisk"
                inputMode="decimal"
                value={values.atRisk}
                onChange={(e) => change('atRisk', e.target.value)}
              />
            </Form.Item>
            <Form.Item
              label={t('admin.behind')}
              htmlFor="set-behind"
              {...help(problems.behind, touched.behind)}
            >
              <Input
                id="set-behind"
                inputMode="decimal"
                value={values.behind}
                onChange={(e) => change('behind', e.target.value)}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={save.isPending}>
              {t('admin.save')}
            </Button>
          </Form>
        </Card>
        <div style={{ marginTop: 16 }}>
          <SlippageSettings planId={planId} />
        </div>
      </Col>
      <Col xs={24} xl={14}>
        <Card title={t('admin.periodList')} size="small">
          <Table<PeriodRow>
            rowKey="key"
            size="small"
            loading={periods.isPending}
            dataSource={periods.data?.items ?? []}
            pagination={false}
            columns={[
              { title: t('todo.period'), dataIndex: 'label' },
              { title: t('supervision.dueOn'), dataIndex: 'dueOn' },
              {
                title: t('fields.state'),
                dataIndex: 'status',
                render: (s: PeriodRow['status']) => (
                  <ToneTag
                    tone={s === 'locked' ? 'purple' : s === 'overdue' ? 'red' : s === 'due' ? 'gold' : 'grey'}
                  >
                    {t(`admin.periodStatus.${s}`)}
                  </ToneTag>
                ),
              },
              {
                title: t('todo.actions'),
                key: 'lock',
                render: (_, p) =>
                  p.status === 'due' || p.status === 'overdue' ? (
                    <Button
                      size="small"
                      onClick={() =>
                        modal.confirm({
                          title: t('admin.lock'),
                          content: t('admin.lockConfirm', { period: p.label }),
                          okText: t('admin.lock'),
                          cancelText: t('common.cancel'),
                          onOk: () =>
                            lock
                              .mutateAsync(p.key)
                              .then(() => void message.success(t('admin.locked')))
                              .catch((error: unknown) => void message.error(errorMessage(error))),
                        })
                      }
                    >
                      {t('admin.lock')}
                    </Button>
                  ) : null,
              },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}

/** 管理: users and roles, units, the plan's reporting cycle and health thresholds. */
export default function AdminPage() {
  const { t } = useTranslation();
  const role = useSession().session?.user.role;
  const plan = useWorkingPlan();
  if (role !== 'admin' && role !== 'supervisor')
    return <ErrorView error={new ApiError(403, 'FORBIDDEN', 'forbidden')} />;
  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }} data-testid="admin-page">
      <Space style={{ justifyContent: 'space-between', width: '100%' }} wrap>
        <Typography.Title level={2} className="lx-page-title">
          {t('admin.title')}
        </Typography.Title>
        {role === 'admin' ? <Link to="/jurisdictions/new">{t('jurisdictions.open')}</Link> : null}
      </Space>
      <Card>
        <Tabs
          items={[
            ...(role === 'admin' ? [{ key: 'users', label: t('admin.users'), children: <UsersTab /> }] : []),
            // Units: admins and the 督查室 (`unit:manage`, src/server/auth/policy.ts).
            { key: 'units', label: t('admin.units'), children: <UnitsTab /> },
            {
              key: 'tracking',
              label: `${t('admin.periods')} · ${t('admin.thresholds')}`,
              children: plan ? (
                <TrackingTab planId={plan.id} />
              ) : (
                <Empty description={t('dashboard.noPlans')} />
              ),
            },
          ]}
        />
      </Card>
    </Space>
  );
}
