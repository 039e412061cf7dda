import { useMemo, useState } from 'react';
import { useAsOf } from '../hooks/use-as-of';
import { App, Button, Card, Col, Drawer, Input, Row, Select, Space, Switch, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  useBulkAssign,
  useOutline,
  usePlanSummary,
  useProjects,
  useTargets,
  useTasks,
  useUnits,
  type BulkResult,
} from '../hooks/use-plan-data';
import { useErrorMessage } from '../hooks/use-error-message';
import { usePlanIdParam } from '../hooks/use-current-plan';
import { useLang } from '../hooks/use-lang';
import { useSession } from '../hooks/use-session';
import { AssignmentForm } from '../components/assignment-form';
import { ErrorView, NotFoundView } from '../components/error-view';
import { OutlineTree } from '../components/outline-tree';
import { ProjectTable, TargetTable, TaskTable } from '../components/item-tables';
import { deriveSubtree, filterTargets, filterTasks, type ItemFilter } from '../lib/filters';
import { todayIso } from '../hooks/use-working-plan';
import type { Health, TaskState } from '../api/types';
import { useItemHealth, usePlanHealth } from '../hooks/use-tracking';
import { usePromiseSlips } from '../hooks/use-promise-slips';
import { outlineHealthMap } from '../lib/health';
import { DownloadsPanel } from './downloads-panel';

type Tab = 'tasks' | 'targets' | 'projects';
const STATES: TaskState[] = ['not_started', 'in_progress', 'done', 'closed'];

function numberParam(value: string | null): number | undefined {
  const n = Number(value);
  return value !== null && Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * 计划: the outline tree beside the lists of tasks, targets and projects, with filters kept in
 * the address (so the dashboard can link to "tasks in progress") and bulk assignment.
 */
export default function PlanPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { message, modal } = App.useApp();
  const errorMessage = useErrorMessage();
  const planId = usePlanIdParam() ?? 0;
  const [params, setParams] = useSearchParams();
  const tab: Tab =
    params.get('tab') === 'targets' ? 'targets' : params.get('tab') === 'projects' ? 'projects' : 'tasks';
  const today = todayIso();
  const stateParam = params.get('state');
  const filter: ItemFilter = {
    unitId: numberParam(params.get('unit')),
    state: STATES.includes(stateParam as TaskState) ? (stateParam as TaskState) : undefined,
    outlineNodeId: numberParam(params.get('section')),
    overdueOn: params.get('overdue') === '1' ? today : undefined,
    q: params.get('q') ?? undefined,
  };

  const summary = usePlanSummary(planId || undefined);
  const outline = useOutline(planId);
  const asOf = useAsOf(summary.data?.plan);
  const planHealth = usePlanHealth(planId, asOf);
  const itemHealth = useItemHealth(planId, asOf);
  const slips = usePromiseSlips(planId, asOf);
  const outlineHealth = useMemo(() => {
    const map = new Map<number, Health>();
    for (const [id, row] of outlineHealthMap(planHealth.data?.outline ?? [])) map.set(id, row.health);
    return map;
  }, [planHealth.data]);
  const tasks = useTasks(planId);
  const targets = useTargets(planId);
  const projects = useProjects(planId);
  const units = useUnits();
  const [selected, setSelected] = useState<number[]>([]);
  const [assigning, setAssigning] = useState(false);
  // Only admins and the 督查室 assign (the server enforces it; this hides what would be refused).
  const role = useSession().session?.user.role;
  const canAssign = role === 'admin' || role === 'supervisor';
  const [downloadsOpen, setDownloadsOpen] = useState(false);
  const assign = useBulkAssign(planId, tab === 'targets' ? 'target' : 'task');

  const unitMap = useMemo(() => new Map((units.data ?? []).map((unit) => [unit.id, unit])), [units.data]);
  const section = useMemo(
    () =>
      filter.outlineNodeId !== undefined && outline.data
        ? deriveSubtree(outline.data, filter.outlineNodeId)
        : undefined,
    [filter.outlineNodeId, outline.data],
  );
  const shownTasks = useMemo(
    () => filterTasks(tasks.data?.items ?? [], filter, section),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- filter is rebuilt from params each render
    [tasks.data, section, params],
  );
  const shownTargets = useMemo(
    () => filterTargets(targets.data?.items ?? [], filter, section),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- as above
    [targets.data, section, params],
  );
  // Tasks under each node, its whole subtree included, so a chapter shows all it holds.
  const taskCounts = useMemo(() => {
    const parents = new Map((outline.data ?? []).map((node) => [node.id, node.parentId]));
    const counts = new Map<number, number>();
    for (const task of tasks.data?.items ?? []) {
      let node: number | null | undefined = task.outlineNodeId;
      const seen = new Set<number>();
      while (node !== null && node !== undefined && !seen.has(node)) {
        seen.add(node);
        counts.set(node, (counts.get(node) ?? 0) + 1);
        node = parents.get(node);
      }
    }
    return counts;
  }, [tasks.data, outline.data]);

  const setParam = (key: string, value: string | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, value);
    setParams(next, { replace: true });
    setSelected([]);
  };

  const report = (result: BulkResult) => {
    if (result.saved.length > 0) void message.success(t('plan.assigned', { count: result.saved.length }));
    if (result.conflicts.length > 0) {
      modal.warning({
        title: t('errors.CONFLICT'),
        content: t('plan.conflict', { count: result.conflicts.length }),
        okText: t('common.reload'),
        onOk: () => {
          void tasks.refetch();
          void targets.refetch();
        },
      });
    }
    if (result.failed.length > 0) {
      void message.error(
        `${t('plan.assignFailed', { count: result.failed.length })}: ${errorMessage(result.failed[0]!.error)}`,
      );
    }
    // What did not save stays selected, to reload and retry.
    setSelected([...result.conflicts, ...result.failed.map((failure) => failure.id)]);
  };

  if (!planId) return <NotFoundView />;
  if (summary.isError) return <ErrorView error={summary.error} />;
  const rows =
    tab === 'targets'
      ? shownTargets.filter((row) => selected.includes(row.id))
      : shownTasks.filter((row) => selected.includes(row.id));

  const filters = (
    <Space wrap style={{ marginBottom: 12 }}>
      <Select
        aria-label={t('plan.filterUnit')}
        placeholder={t('plan.filterUnit')}
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        style={{ minWidth: 180 }}
        value={filter.unitId}
        onChange={(value: number | undefined) =>
          setParam('unit', value === undefined ? undefined : String(value))
        }
        options={(units.data ?? []).map((unit) => ({ value: unit.id, label: unit.name }))}
      />
      {tab === 'tasks' ? (
        <Select
          aria-label={t('plan.filterState')}
          placeholder={t('plan.filterState')}
          allowClear
          style={{ minWidth: 120 }}
          value={filter.state}
          onChange={(value: TaskState | undefined) => setParam('state', value)}
          options={STATES.map((state) => ({ value: state, label: t(`taskState.${state}`) }))}
        />
      ) : null}
      <Space>
        <Switch
          aria-label={t('plan.overdueOnly')}
          checked={filter.overdueOn !== undefined}
          onChange={(checked) => setParam('overdue', checked ? '1' : undefined)}
        />
        <span>{t('plan.overdueOnly')}</span>
      </Space>
      <Input.Search
        aria-label={t('plan.searchPlaceholder')}
        placeholder={t('plan.searchPlaceholder')}
        allowClear
        defaultValue={filter.q}
        onSearch={(value) => setParam('q', value)}
        style={{ width: 220 }}
      />
      {tab !== 'projects' && canAssign ? (
        <Button type="primary" disabled={selected.length === 0} onClick={() => setAssigning(true)}>
          {t('plan.assignSelected', { count: selected.length })}
        </Button>
      ) : null}
    </Space>
  );

  const loadingError = tasks.error ?? targets.error ?? projects.error;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} lg={7} xl={6}>
        <Card
          title={t('plan.outline')}
          size="small"
          extra={
            filter.outlineNodeId !== undefined ? (
              <Button size="small" type="link" onClick={() => setParam('section', undefined)}>
                {t('plan.allSections')}
              </Button>
            ) : null
          }
        >
          {outline.data ? (
            <OutlineTree
              nodes={outline.data}
              selectedId={filter.outlineNodeId}
              counts={taskCounts}
              health={outlineHealth}
              onSelect={(id) => setParam('section', id === undefined ? undefined : String(id))}
            />
          ) : outline.isError ? (
            <ErrorView error={outline.error} />
          ) : null}
        </Card>
      </Col>
      <Col xs={24} lg={17} xl={18}>
        <Card>
          <div style={{ display: 'flex', justifyContent: 'space-between', gap: 12, flexWrap: 'wrap' }}>
            <Typography.Title level={2} className="lx-page-title" style={{ fontSize: 20 }}>
              {summary.data?.plan.title ?? t('plan.title')}
            </Typography.Title>
            <Space>
              <Link to={`/plans/${planId}/links`}>{t('cascade.links.open')}</Link>
              <Button onClick={() => setDownloadsOpen(true)}>{t('downloads.title')}</Button>
            </Space>
          </div>
          {loadingError ? <ErrorView error={loadingError} /> : null}
          <Tabs
            activeKey={tab}
            onChange={(key) => {
              setParam('tab', key);
            }}
            items={[
              {
                key: 'tasks',
                label: `${t('plan.tasks')} (${shownTasks.length})`,
                children: (
                  <>
                    {filters}
                    <TaskTable
                      tasks={shownTasks}
                      units={unitMap}
                      lang={lang}
                      today={today}
                      hrefOf={(id) => `/plans/${planId}/tasks/${id}`}
                      health={itemHealth.data?.task}
                      slips={slips}
                      selectedIds={selected}
                      onSelectionChange={setSelected}
                    />
                  </>
                ),
              },
              {
                key: 'targets',
                label: `${t('plan.targets')} (${shownTargets.length})`,
                children: (
                  <>
                    {filters}
                    <TargetTable
                      targets={shownTargets}
                      units={unitMap}
                      lang={lang}
                      today={today}
                      hrefOf={(id) => `/plans/${planId}/targets/${id}`}
                      health={itemHealth.data?.target}
                      slips={slips}
                      selectedIds={selected}
                      onSelectionChange={setSelected}
                    />
                  </>
                ),
              },
              {
                key: 'projects',
                label: `${t('plan.projects')} (${projects.data?.items.length ?? 0})`,
                children: (
                  <ProjectTable
                    projects={projects.data?.items ?? []}
                    hrefOf={(id) => `/plans/${planId}/projects/${id}`}
                  />
                ),
              },
            ]}
          />
        </Card>
      </Col>
      <Drawer
        open={downloadsOpen}
        onClose={() => setDownloadsOpen(false)}
        title={t('downloads.title')}
        size="large"
      >
        {downloadsOpen ? <DownloadsPanel planId={planId} canImport={canAssign} /> : null}
      </Drawer>
      <Drawer
        open={assigning}
        onClose={() => setAssigning(false)}
        title={t('plan.assignTitle', { count: rows.length })}
        size={420}
      >
        <AssignmentForm
          units={units.data ?? []}
          count={rows.length}
          today={today}
          submitting={assign.isPending}
          onCancel={() => setAssigning(false)}
          onSubmit={(patch) =>
            assign.mutate(
              { rows, patch },
              {
                onSuccess: (result) => {
                  report(result);
                  if (result.conflicts.length === 0 && result.failed.length === 0) setAssigning(false);
                },
                onError: (error) => void message.error(errorMessage(error)),
              },
            )
          }
        />
      </Drawer>
    </Row>
  );
}
