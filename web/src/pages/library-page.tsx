import { useState } from 'react';
import { lazy, Suspense } from 'react';
import {
  Alert,
  Button,
  Card,
  Input,
  Segmented,
  Select,
  Space,
  Statistic,
  Table,
  Tabs,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { useWorkingAsOf } from '../hooks/use-as-of';
import { WorkingAsOfPicker } from '../components/as-of-picker';
import { useLang } from '../hooks/use-lang';
import { Link, useSearchParams } from 'react-router';
import { IDLE_KINDS, type IdleKind, type LibraryBoard, type LibraryListItem } from '../api/library';
import { ErrorView } from '../components/error-view';
import { LampRow, Lamp, yi } from '../components/library-lamps';
import { ToneTag } from '../components/tags';
import { useDocumentTitle } from '../hooks/use-document-title';
import { useSession } from '../hooks/use-session';
import { useWorkingPlan } from '../hooks/use-working-plan';
import { useIdleList, useLibraryBoard, useLibraryMap, useLibraryProjects } from '../hooks/use-library';

const LibraryMapChart = lazy(() => import('../components/library-map-chart'));
import { useUnits } from '../hooks/use-plan-data';

type Names = {
  library: (code: string) => string;
  stage: (id: string) => string;
  unit: (id: number | null) => string;
};

function useNames(board: LibraryBoard | undefined): Names {
  const units = useUnits();
  const unitNames = new Map((units.data ?? []).map((u) => [u.id, u.name]));
  const libraries = new Map((board?.libraries ?? []).map((l) => [l.code, l.name]));
  const stages = new Map((board?.stages ?? []).map((s) => [s.id, s.name]));
  return {
    library: (code) => libraries.get(code) ?? code,
    stage: (id) => stages.get(id) ?? id,
    unit: (id) => (id === null ? '—' : (unitNames.get(id) ?? '—')),
  };
}

/** Projects by library and stage, and the report's promised counts against the library. */
function StageBoard({ board }: { board: LibraryBoard }) {
  const { t } = useTranslation();
  const rows = board.libraries.map((l) => ({
    key: l.code,
    name: l.name,
    counts: board.board.byLibrary[l.code] ?? {},
  }));
  rows.push({ key: '__total', name: t('library.board.total'), counts: board.board.total });
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="large">
      <Statistic
        title={t('library.board.byStage')}
        value={t('library.board.inLibrary', { count: board.inLibrary })}
      />
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={rows}
        scroll={{ x: 'max-content' }}
        columns={[
          { title: t('library.board.library'), dataIndex: 'name' },
          ...board.stages.map((s) => ({
            title: s.name,
            key: s.id,
            align: 'right' as const,
            render: (_: unknown, row: (typeof rows)[number]) => row.counts[s.id] ?? 0,
          })),
        ]}
      />
      <Typography.Title level={4}>{t('library.board.promises')}</Typography.Title>
      <Table
        size="small"
        pagination={false}
        rowKey="id"
        dataSource={board.promises}
        locale={{ emptyText: t('library.board.noPromises') }}
        columns={[
          { title: t('library.board.written'), dataIndex: 'written' },
          { title: t('library.board.promised'), dataIndex: 'promised', align: 'right' },
          { title: t('library.board.counted'), dataIndex: 'counted', align: 'right' },
          {
            title: t('library.board.expected'),
            dataIndex: 'expected',
            align: 'right',
            render: (v: number) => Math.round(v),
          },
          {
            title: '',
            key: 'met',
            render: (_: unknown, p: LibraryBoard['promises'][number]) => (
              <ToneTag tone={p.met ? 'green' : 'gold'}>
                {t(p.met ? 'library.board.met' : 'library.board.short')}
              </ToneTag>
            ),
          },
        ]}
      />
    </Space>
  );
}

/** The projects of the library with their lamps, filtered by library, stage and name. */
function ProjectTable({ board, names }: { board: LibraryBoard; names: Names }) {
  const { t } = useTranslation();
  const [library, setLibrary] = useState<string | undefined>();
  const [stage, setStage] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const projects = useLibraryProjects({ library, stage, q: q || undefined, page }, useWorkingAsOf());
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Typography.Title level={4}>{t('library.board.projects')}</Typography.Title>
      <Space wrap>
        <Select
          allowClear
          style={{ minWidth: 160 }}
          placeholder={t('library.board.allLibraries')}
          aria-label={t('library.board.library')}
          value={library}
          onChange={(v) => (setLibrary(v), setPage(1))}
          options={board.libraries.map((l) => ({ value: l.code, label: l.name }))}
        />
        <Select
          allowClear
          style={{ minWidth: 140 }}
          placeholder={t('library.board.allStages')}
          aria-label={t('library.project.stage')}
          value={stage}
          onChange={(v) => (setStage(v), setPage(1))}
          options={board.stages.map((s) => ({ value: s.id, label: s.name }))}
        />
        <Input.Search
          allowClear
          placeholder={t('library.board.search')}
          aria-label={t('library.board.search')}
          onSearch={(v) => (setQ(v.trim()), setPage(1))}
        />
      </Space>
      {projects.isError ? (
        <ErrorView error={projects.error} onRetry={() => void projects.refetch()} />
      ) : (
        <Table<LibraryListItem>
          size="small"
          rowKey="id"
          loading={projects.isFetching}
          dataSource={projects.data?.items ?? []}
          scroll={{ x: 'max-content' }}
          pagination={{
            current: page,
            pageSize: 50,
            total: projects.data?.total ?? 0,
            onChange: setPage,
            showSizeChanger: false,
          }}
          columns={[
            {
              title: t('library.project.name'),
              key: 'name',
              render: (_, p) => <Link to={`/library/projects/${p.id}`}>{p.name}</Link>,
            },
            { title: t('library.board.library'), key: 'library', render: (_, p) => names.library(p.library) },
            { title: t('library.project.class'), dataIndex: 'class' },
            { title: t('library.project.stage'), key: 'stage', render: (_, p) => names.stage(p.stage) },
            { title: t('library.project.since'), dataIndex: 'stageDate' },
            { title: t('library.project.lead'), key: 'lead', render: (_, p) => names.unit(p.leadUnitId) },
            {
              title: t('library.project.total'),
              key: 'total',
              align: 'right',
              render: (_, p) => yi(p.totalInvestment),
            },
            {
              title: t('library.project.overall'),
              key: 'overall',
              render: (_, p) => <Lamp kind="overall" color={p.lamps.overall} />,
            },
            {
              title: t('library.project.lamps'),
              key: 'lamps',
              render: (_, p) => <LampRow lamps={p.lamps} />,
            },
          ]}
        />
      )}
    </Space>
  );
}

/** One of the 三未 lists, with the size of all three. */
function IdleLists({ names }: { names: Names }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<IdleKind>('approved_not_started');
  const [page, setPage] = useState(1);
  // As the plan's tab reads it: on a past date, the projects idle then.
  const list = useIdleList(kind, page, useWorkingAsOf());
  if (list.isError) return <ErrorView error={list.error} onRetry={() => void list.refetch()} />;
  const counts = list.data?.counts ?? {};
  type Entry = NonNullable<typeof list.data>['page']['items'][number];
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Segmented
        value={kind}
        onChange={(v) => (setKind(v as IdleKind), setPage(1))}
        options={IDLE_KINDS.map((k) => ({
          value: k,
          label: `${t(`library.idle.${k}`)}（${counts[k] ?? 0}）`,
        }))}
      />
      <Table<Entry>
        size="small"
        rowKey="projectId"
        loading={list.isFetching}
        dataSource={list.data?.page.items ?? []}
        scroll={{ x: 'max-content' }}
        pagination={{
          current: page,
          pageSize: 50,
          total: list.data?.page.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          {
            title: t('library.project.name'),
            key: 'name',
            render: (_, e) => <Link to={`/library/projects/${e.projectId}`}>{e.name}</Link>,
          },
          { title: t('library.board.library'), key: 'library', render: (_, e) => names.library(e.library) },
          { title: t('library.project.stage'), key: 'stage', render: (_, e) => names.stage(e.stage) },
          { title: t('library.idle.since'), dataIndex: 'since' },
          { title: t('library.idle.days'), dataIndex: 'days', align: 'right' },
          { title: t('library.idle.next'), key: 'next', render: (_, e) => names.stage(e.next) },
          { title: t('library.idle.plannedBy'), key: 'plannedBy', render: (_, e) => e.plannedBy ?? '—' },
          {
            title: t('library.project.lead'),
            key: 'lead',
            render: (_, e) => names.unit(e.leadUnitId),
          },
          {
            title: '',
            key: 'late',
            render: (_, e) => (
              <ToneTag tone={e.late ? 'red' : 'green'}>
                {t(e.late ? 'library.idle.late' : 'library.idle.onTime')}
              </ToneTag>
            ),
          },
        ]}
      />
    </Space>
  );
}

/** The map tab: the chart once the points and boundary are read. */
function MapTab() {
  const { t } = useTranslation();
  const map = useLibraryMap();
  if (map.isError) return <ErrorView error={map.error} onRetry={() => void map.refetch()} />;
  if (!map.data) return <Card loading />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {map.data.boundary ? null : <Alert type="info" title={t('library.board.noBoundary')} />}
      <Suspense fallback={<Card loading />}>
        <LibraryMapChart map={map.data} />
      </Suspense>
    </Space>
  );
}

/** The office's ways in: a new project, the review of the report's projects, the boundary. */
function OfficeActions() {
  const { t } = useTranslation();
  const role = useSession().session?.user.role;
  const plan = useWorkingPlan();
  if (role !== 'admin' && role !== 'supervisor') return null;
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <Link to="/library/new">
        <Button type="primary">{t('library.actions.newProject')}</Button>
      </Link>
      {plan ? (
        <Link to={`/plans/${plan.id}/library-matches`}>
          <Button>{t('library.actions.matches')}</Button>
        </Link>
      ) : null}
      <Link to="/library/boundary">
        <Button>{t('library.actions.boundary')}</Button>
      </Link>
      <Link to="/library/investment-calls">
        <Button>{t('investCall.title')}</Button>
      </Link>
    </Space>
  );
}

const TABS = ['board', 'idle', 'map'];

/** 项目库: the board by stage against the report's promises, the projects with lamps, and 三未. */
export default function LibraryPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('library.board.title'));
  const [search, setSearch] = useSearchParams();
  const askedYear = Number(search.get('year')) || undefined;
  const lang = useLang();
  const board = useLibraryBoard(askedYear);
  const names = useNames(board.data);
  const tab = TABS.includes(search.get('tab') ?? '') ? search.get('tab')! : 'board';
  if (board.isError) return <ErrorView error={board.error} onRetry={() => void board.refetch()} />;
  return (
    <Card loading={board.isLoading}>
      <Typography.Title level={2} className="lx-page-title">
        {t('library.board.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('library.board.intro')}</Typography.Paragraph>
      <Space wrap style={{ marginBottom: 12 }}>
        <WorkingAsOfPicker lang={lang} />
      </Space>
      <OfficeActions />
      {board.data ? (
        <Tabs
          activeKey={tab}
          onChange={(key) =>
            setSearch(
              { ...(key === 'board' ? {} : { tab: key }), ...(askedYear ? { year: String(askedYear) } : {}) },
              { replace: true },
            )
          }
          items={[
            {
              key: 'board',
              label: t('library.board.tabBoard'),
              children: (
                <Space orientation="vertical" style={{ width: '100%' }} size="large">
                  <Space wrap>
                    <Select
                      aria-label={t('library.board.year')}
                      value={board.data.year}
                      style={{ width: 140 }}
                      options={[...new Set([board.data.year, ...board.data.years])]
                        .sort((a, b) => b - a)
                        .map((y) => ({ value: y, label: t('library.board.yearOption', { year: y }) }))}
                      onChange={(y: number) => setSearch({ year: String(y) }, { replace: true })}
                    />
                    <Typography.Text type="secondary" data-testid="board-as-of">
                      {t('library.board.asOf', { date: board.data.date, promises: board.data.promisesAsOf })}
                    </Typography.Text>
                  </Space>
                  <StageBoard board={board.data} />
                  <ProjectTable board={board.data} names={names} />
                </Space>
              ),
            },
            { key: 'idle', label: t('library.board.tabIdle'), children: <IdleLists names={names} /> },
            { key: 'map', label: t('library.board.tabMap'), children: <MapTab /> },
          ]}
        />
      ) : null}
    </Card>
  );
}
