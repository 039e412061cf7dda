import { lazy, Suspense, useMemo, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  List,
  Row,
  Segmented,
  Select,
  Space,
  Spin,
  Statistic,
  Table,
  Typography,
} from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { Hotspot, HotspotDimension, MonthlyTopic } from '../../api/requests';
import { ErrorView } from '../../components/error-view';
import { ToneTag } from '../../components/tags';
import { beijingMonth } from '../../components/requests/month';
import { savedPlanId } from '../../hooks/use-current-plan';
import { usePlans, useTasks, useUnits } from '../../hooks/use-plan-data';
import {
  useAreaNames,
  useCatalogueRows,
  useCreateTheme,
  useDecideLink,
  useHotspots,
  useTheme,
  useThemeTaskSuggestions,
  useThemes,
  useUnitMap,
} from '../../hooks/use-requests';
import { useErrorMessage } from '../../hooks/use-error-message';
import { useDocumentTitle } from '../../hooks/use-document-title';
import { useLang } from '../../hooks/use-lang';
import { formatPercent } from '../../lib/format';

const ThemeMeasureChart = lazy(() =>
  import('../../components/requests/theme-measure-chart').then((m) => ({ default: m.ThemeMeasureChart })),
);

interface ThemeValues {
  title: string;
  month: string;
  leadUnitId: number | undefined;
  categories: string[];
  areas: string[];
  problems: string;
}

/** 新建每月一题: a topic with its lead department, categories, places and problems. */
function ThemeForm({
  initial,
  onDone,
}: {
  initial: Partial<ThemeValues>;
  onDone: (theme: MonthlyTopic) => void;
}) {
  const { t } = useTranslation();
  const errorMessage = useErrorMessage();
  const units = useUnits();
  const create = useCreateTheme();
  const rows = useCatalogueRows();
  const areaNames = useAreaNames();
  const [values, setValues] = useState<ThemeValues>({
    title: '',
    month: beijingMonth(),
    leadUnitId: undefined,
    categories: [],
    areas: [],
    problems: '',
    ...initial,
  });
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const change = <K extends keyof ThemeValues>(field: K, value: ThemeValues[K]) => {
    setValues((p) => ({ ...p, [field]: value }));
    setTouched((p) => ({ ...p, [field]: true }));
  };
  const problemList = values.problems
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean);
  const problems: Partial<Record<keyof ThemeValues, string>> = {};
  if (!values.title.trim()) problems.title = t('requests.hotspots.themeTitleRequired');
  if (values.leadUnitId === undefined) problems.leadUnitId = t('requests.hotspots.themeLeadRequired');
  if (values.categories.length === 0) problems.categories = t('requests.hotspots.themeCategoriesRequired');
  if (problemList.length === 0) problems.problems = t('requests.hotspots.themeProblemsRequired');
  const show = (field: keyof ThemeValues) =>
    touched[field] && problems[field]
      ? { validateStatus: 'error' as const, help: problems[field] }
      : { validateStatus: undefined, help: undefined };

  return (
    <Form
      layout="vertical"
      aria-label={t('requests.hotspots.newTheme')}
      onFinish={() => {
        setTouched({ title: true, leadUnitId: true, categories: true, problems: true });
        if (Object.keys(problems).length > 0 || values.leadUnitId === undefined) return;
        create.mutate(
          {
            title: values.title.trim(),
            month: values.month,
            leadUnitId: values.leadUnitId,
            categories: values.categories,
            ...(values.areas.length ? { areas: values.areas } : {}),
            problems: problemList,
            tasks: [],
          },
          { onSuccess: onDone },
        );
      }}
    >
      <Row gutter={16}>
        <Col xs={24} md={12}>
          <Form.Item
            label={t('requests.hotspots.themeTitle')}
            htmlFor="theme-title"
            required
            {...show('title')}
          >
            <Input id="theme-title" value={values.title} onChange={(e) => change('title', e.target.value)} />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item label={t('requests.hotspots.themeMonth')} htmlFor="theme-month">
            <DatePicker
              id="theme-month"
              picker="month"
              allowClear={false}
              value={dayjs(`${values.month}-01`)}
              onChange={(d) => d && change('month', d.format('YYYY-MM'))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label={t('requests.hotspots.themeLead')}
            htmlFor="theme-lead"
            required
            {...show('leadUnitId')}
          >
            <Select
              id="theme-lead"
              showSearch={{ optionFilterProp: 'label' }}
              value={values.leadUnitId}
              onChange={(v: number) => change('leadUnitId', v)}
              options={(units.data ?? []).map((u) => ({ value: u.id, label: u.name }))}
            />
          </Form.Item>
        </Col>
        <Col xs={24} md={12}>
          <Form.Item
            label={t('requests.hotspots.themeCategories')}
            htmlFor="theme-categories"
            required
            {...show('categories')}
          >
            <Select
              id="theme-categories"
              mode="multiple"
              value={values.categories}
              onChange={(v: string[]) => change('categories', v)}
              options={rows.map((r) => ({ value: r.category, label: r.category }))}
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item label={t('requests.hotspots.themeAreas')} htmlFor="theme-areas">
            <Select
              id="theme-areas"
              mode="multiple"
              value={values.areas}
              onChange={(v: string[]) => change('areas', v)}
              options={areaNames.map((name) => ({ value: name, label: name }))}
            />
          </Form.Item>
        </Col>
        <Col span={24}>
          <Form.Item
            label={t('requests.hotspots.themeProblems')}
            htmlFor="theme-problems"
            required
            {...show('problems')}
          >
            <Input.TextArea
              id="theme-problems"
              rows={3}
              value={values.problems}
              onChange={(e) => change('problems', e.target.value)}
            />
          </Form.Item>
        </Col>
      </Row>
      {create.isError ? (
        <Alert type="error" showIcon title={errorMessage(create.error)} style={{ marginBottom: 12 }} />
      ) : null}
      <Button type="primary" htmlType="submit" loading={create.isPending}>
        {t('requests.hotspots.newTheme')}
      </Button>
    </Form>
  );
}

/** One theme: its measure (chart by month, fall against before and last year) and its task links. */
function ThemeView({ id, planId }: { id: number; planId: number | undefined }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { message } = App.useApp();
  const errorMessage = useErrorMessage();
  const detail = useTheme(id);
  const suggestions = useThemeTaskSuggestions(id, planId);
  const decide = useDecideLink();
  const tasks = useTasks(planId ?? 0);
  const taskText = useMemo(
    () => new Map((tasks.data?.items ?? []).map((task) => [task.id, task.text])),
    [tasks.data],
  );
  const deciding = decide.isPending ? decide.variables.taskId : undefined;
  const names = useMemo(
    () => ({
      count: t('requests.common.count'),
      lastYear: t('requests.hotspots.lastYear'),
      baseline: t('requests.hotspots.baseline'),
    }),
    [t],
  );
  if (detail.isError) return <ErrorView error={detail.error} onRetry={() => void detail.refetch()} />;
  if (detail.isPending) return <Spin />;
  const { theme, measure, links } = detail.data;
  const confirmed = new Set(links.map((l) => l.taskId));
  const pct = (v: number | null) => (v === null ? '—' : formatPercent(-v, lang));

  return (
    <div data-testid="theme-view">
      <Typography.Title level={3} style={{ fontSize: 16 }}>
        {theme.title} · {theme.month}
      </Typography.Title>
      <Typography.Paragraph>{theme.problems.join('；')}</Typography.Paragraph>
      <Row gutter={16}>
        <Col span={8}>
          <Statistic title={t('requests.hotspots.baseline')} value={measure.baseline} />
        </Col>
        <Col span={8}>
          <Statistic title={t('requests.hotspots.fall')} value={pct(measure.fall)} />
        </Col>
        <Col span={8}>
          <Statistic title={t('requests.hotspots.fallYoY')} value={pct(measure.fallYearOnYear)} />
        </Col>
      </Row>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {measure.explanation}
      </Typography.Paragraph>
      <Suspense fallback={<Spin />}>
        <ThemeMeasureChart
          measure={measure}
          names={names}
          label={t('requests.hotspots.measureChart', { title: theme.title })}
        />
      </Suspense>
      <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
        {t('requests.hotspots.links')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('requests.hotspots.linksIntro')}</Typography.Paragraph>
      {planId === undefined ? <Alert type="info" title={t('requests.hotspots.noPlan')} /> : null}
      {decide.isError ? <Alert type="error" showIcon title={errorMessage(decide.error)} /> : null}
      <List
        data-testid="link-suggestions"
        loading={suggestions.isLoading}
        dataSource={suggestions.data ?? []}
        locale={{ emptyText: t('common.empty') }}
        renderItem={(s) => (
          <List.Item
            actions={
              confirmed.has(s.taskId)
                ? [
                    <ToneTag key="c" tone="green">
                      {t('requests.hotspots.confirmed')}
                    </ToneTag>,
                  ]
                : [
                    <Button
                      key="yes"
                      size="small"
                      type="primary"
                      loading={deciding === s.taskId}
                      onClick={() =>
                        decide.mutate(
                          { sourceKey: s.key, taskId: s.taskId, score: s.score, accept: true },
                          { onSuccess: () => void message.success(t('requests.hotspots.confirmed')) },
                        )
                      }
                    >
                      {t('requests.hotspots.confirm')}
                    </Button>,
                    <Button
                      key="no"
                      size="small"
                      onClick={() =>
                        decide.mutate({ sourceKey: s.key, taskId: s.taskId, score: s.score, accept: false })
                      }
                    >
                      {t('requests.hotspots.rejectLink')}
                    </Button>,
                  ]
            }
          >
            <List.Item.Meta
              title={
                planId ? (
                  <Link to={`/plans/${planId}/tasks/${s.taskId}`}>
                    {t('requests.hotspots.task')} #{s.taskId}
                  </Link>
                ) : (
                  `#${s.taskId}`
                )
              }
              description={`${taskText.get(s.taskId) ?? ''} — ${t('requests.hotspots.score')} ${formatPercent(s.score, lang)} · ${t('requests.hotspots.sharedTerms')}: ${s.sharedTerms.slice(0, 8).join('、')}`}
            />
          </List.Item>
        )}
      />
    </div>
  );
}

/** 热点与每月一题: hotspots by category or place, the monthly themes and their measure, links to the plan. */
export default function HotspotsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  useDocumentTitle(t('requests.hotspots.title'));
  const [month, setMonth] = useState(beijingMonth());
  const [dimension, setDimension] = useState<HotspotDimension>('category');
  const [minCount, setMinCount] = useState(20);
  const [picked, setPicked] = useState<Partial<ThemeValues> | undefined>();
  const [themeId, setThemeId] = useState<number | undefined>();
  const hotspots = useHotspots(month, dimension, minCount);
  const themes = useThemes();
  const units = useUnitMap();
  const plans = usePlans();
  const saved = savedPlanId();
  const planIds = plans.data?.items.map((p) => p.id) ?? [];
  const planId = saved !== undefined && planIds.includes(saved) ? saved : planIds[0];
  const shownTheme = themeId ?? themes.data?.[0]?.id;

  const pick = (h: Hotspot) => {
    const [category, area] =
      h.dimension === 'category'
        ? [h.key, undefined]
        : h.dimension === 'area'
          ? [undefined, h.key]
          : h.key.split('@');
    setPicked({
      title: h.key.replace('@', ' · '),
      month,
      categories: category ? [category] : [],
      areas: area ? [area] : [],
      problems: h.explanation,
    });
  };

  return (
    <Space orientation="vertical" size="large" style={{ width: '100%' }}>
      <Card>
        <Typography.Title level={2} className="lx-page-title">
          {t('requests.hotspots.title')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('requests.hotspots.intro')}</Typography.Paragraph>
        <Space wrap style={{ marginBottom: 16 }}>
          <label htmlFor="hot-month">{t('requests.common.month')}</label>
          <DatePicker
            id="hot-month"
            picker="month"
            allowClear={false}
            value={dayjs(`${month}-01`)}
            onChange={(d) => d && setMonth(d.format('YYYY-MM'))}
          />
          <Segmented
            aria-label={t('requests.hotspots.dimension')}
            value={dimension}
            onChange={(v) => setDimension(v as HotspotDimension)}
            options={[
              { value: 'category', label: t('requests.hotspots.byCategory') },
              { value: 'area', label: t('requests.hotspots.byArea') },
              { value: 'category_area', label: t('requests.hotspots.byBoth') },
            ]}
          />
          <label htmlFor="hot-min">{t('requests.common.count')} ≥</label>
          <InputNumber id="hot-min" min={1} value={minCount} onChange={(v) => setMinCount(v ?? 1)} />
        </Space>
        {hotspots.isError ? (
          <ErrorView error={hotspots.error} onRetry={() => void hotspots.refetch()} />
        ) : (
          <Table<Hotspot>
            data-testid="hotspots-table"
            rowKey="key"
            size="middle"
            loading={hotspots.isPending}
            dataSource={hotspots.data ?? []}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: t('common.empty') }}
            expandable={{
              expandedRowRender: (h) => <Typography.Paragraph>{h.explanation}</Typography.Paragraph>,
            }}
            columns={[
              {
                title: t('requests.hotspots.dimension'),
                dataIndex: 'key',
                render: (k: string) => k.replace('@', ' · '),
              },
              { title: t('requests.common.count'), dataIndex: 'count', width: 90 },
              { title: t('requests.hotspots.previous'), dataIndex: 'previous', width: 90 },
              { title: t('requests.hotspots.lastYear'), dataIndex: 'sameMonthLastYear', width: 120 },
              {
                title: t('requests.common.reason'),
                dataIndex: 'reasons',
                render: (reasons: Hotspot['reasons']) => (
                  <Space size={4} wrap>
                    {reasons.map((r) => (
                      <ToneTag key={r} tone={r === 'rising' ? 'red' : r === 'high' ? 'orange' : 'blue'}>
                        {t(`requests.hotspots.${r}`)}
                      </ToneTag>
                    ))}
                  </Space>
                ),
              },
              {
                title: t('requests.common.actions'),
                key: 'pick',
                width: 150,
                render: (_: unknown, h) => (
                  <Button size="small" onClick={() => pick(h)}>
                    {t('requests.hotspots.pick')}
                  </Button>
                ),
              },
            ]}
          />
        )}
      </Card>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={10}>
          <Card title={t('requests.hotspots.themes')}>
            {themes.isError ? <ErrorView error={themes.error} onRetry={() => void themes.refetch()} /> : null}
            <List
              data-testid="themes"
              loading={themes.isPending}
              dataSource={themes.data ?? []}
              locale={{ emptyText: t('common.empty') }}
              renderItem={(theme) => (
                <List.Item
                  onClick={() => setThemeId(theme.id)}
                  style={{ cursor: 'pointer', background: theme.id === shownTheme ? '#e6f4ff' : undefined }}
                >
                  <List.Item.Meta
                    title={
                      <Button type="link" style={{ padding: 0 }} onClick={() => setThemeId(theme.id)}>
                        {theme.title}
                      </Button>
                    }
                    description={`${theme.month} · ${t('requests.hotspots.themeLead')}: ${units.get(theme.leadUnitId)?.name ?? `#${theme.leadUnitId}`} · ${theme.categories.join('、')}`}
                  />
                </List.Item>
              )}
            />
            <Typography.Title level={3} style={{ fontSize: 16, marginTop: 16 }}>
              {t('requests.hotspots.newTheme')}
            </Typography.Title>
            <ThemeForm
              key={JSON.stringify(picked ?? {})}
              initial={picked ?? {}}
              onDone={(theme) => {
                setPicked(undefined);
                setThemeId(theme.id);
                void message.success(t('requests.hotspots.themeCreated'));
              }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t('requests.hotspots.measure')}>
            {shownTheme !== undefined ? (
              <ThemeView id={shownTheme} planId={planId} />
            ) : (
              <Typography.Text type="secondary">{t('common.empty')}</Typography.Text>
            )}
          </Card>
        </Col>
      </Row>
    </Space>
  );
}
