import { useCallback, useEffect, useMemo, useState } from 'react';
import { Button, Card, Checkbox, Drawer, List, Space, Spin, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  useAchievements,
  useDoubts,
  usePlanSummary,
  usePlanText,
  useProjects,
  useTargets,
  useTasks,
  useUnits,
} from '../hooks/use-plan-data';
import { usePlanIdParam } from '../hooks/use-current-plan';
import { useLang } from '../hooks/use-lang';
import { useSession } from '../hooks/use-session';
import { ContradictionsPanel } from '../components/contradictions-panel';
import { HighlightedText } from '../components/highlighted-text';
import { ItemSummary, type AnyItem } from '../components/item-summary';
import { ErrorView, NotFoundView } from '../components/error-view';
import { deriveMarks } from '../lib/marks';
import { useAchievementVersion, useReview } from '../hooks/use-review';
import { ReviewPanel } from '../components/review-panel';
import { DoubtList } from '../components/doubt-list';
import { ReviewSelection } from '../components/review-selection';
import { PublishButton } from './publish-button';
import type { Mark, MarkKind } from '../lib/spans';

const KINDS: MarkKind[] = ['target', 'achievement', 'project', 'task'];

/** 报告: the report's own text with every extracted item highlighted; a click opens it. */
export default function ReportPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const planId = usePlanIdParam() ?? 0;
  const summary = usePlanSummary(planId || undefined);
  const text = usePlanText(planId);
  const targets = useTargets(planId);
  const achievements = useAchievements(planId);
  const projects = useProjects(planId);
  const tasks = useTasks(planId);
  const units = useUnits();
  const role = useSession().session?.user.role;
  const canImport = role === 'admin' || role === 'supervisor';
  const [shown, setShown] = useState<Set<MarkKind>>(() => new Set(KINDS));
  const [selected, setSelected] = useState<{ mark: Mark; covering: Mark[] } | undefined>();
  // 审核: the plan office corrects the extraction (admin and supervisor only).
  const [reviewing, setReviewing] = useState(false);
  const review = useReview(planId);
  // …sorting and filtering what was extracted by the reader's confidence in it (issue 13)
  const doubts = useDoubts(planId, reviewing && canImport);
  const reviewAchievement = useAchievementVersion(
    planId,
    reviewing && canImport && selected?.mark.kind === 'achievement' ? selected.mark.id : undefined,
  );

  const items = useMemo(
    () => ({
      targets: targets.data?.items,
      achievements: achievements.data?.items,
      projects: projects.data?.items,
      tasks: tasks.data?.items,
    }),
    [targets.data, achievements.data, projects.data, tasks.data],
  );
  const marks = useMemo(() => deriveMarks(items, shown), [items, shown]);
  const counts = useMemo(() => {
    const all = deriveMarks(items, new Set(KINDS));
    return Object.fromEntries(KINDS.map((kind) => [kind, all.filter((mark) => mark.kind === kind).length]));
  }, [items]);
  const unitMap = useMemo(() => new Map((units.data ?? []).map((unit) => [unit.id, unit])), [units.data]);

  const onSelect = useCallback((mark: Mark, covering: Mark[]) => setSelected({ mark, covering }), []);

  // ?focus=target:12 (from a detail page): open that item and scroll it into view once loaded.
  const [params] = useSearchParams();
  const focus = params.get('focus');
  const focusMark = useMemo(() => marks.find((mark) => mark.key === focus), [marks, focus]);
  useEffect(() => {
    if (!focusMark || !text.data) return;
    setSelected({ mark: focusMark, covering: [focusMark] });
    document.querySelector(`[data-key="${CSS.escape(focusMark.key)}"]`)?.scrollIntoView({ block: 'center' });
  }, [focusMark, text.data]);

  const entryOf = (mark: Mark): AnyItem | undefined => {
    if (mark.kind === 'task') {
      const item = items.tasks?.find((x) => x.id === mark.id);
      return item && { kind: 'task', item };
    }
    if (mark.kind === 'target') {
      const item = items.targets?.find((x) => x.id === mark.id);
      return item && { kind: 'target', item };
    }
    if (mark.kind === 'achievement') {
      const item = items.achievements?.find((x) => x.id === mark.id);
      return item && { kind: 'achievement', item };
    }
    const item = items.projects?.find((x) => x.id === mark.id);
    return item && { kind: 'project', item };
  };

  if (!planId) return <NotFoundView />;
  if (summary.isError) return <ErrorView error={summary.error} />;
  if (text.isError) return <ErrorView error={text.error} onRetry={() => void text.refetch()} />;
  const entry = selected ? entryOf(selected.mark) : undefined;
  const detailPath = (mark: Mark) =>
    mark.kind === 'achievement' ? undefined : `/plans/${planId}/${mark.kind}s/${mark.id}`;

  return (
    <Card
      title={
        <Typography.Title level={2} className="lx-page-title" style={{ margin: 0, fontSize: 20 }}>
          {summary.data?.plan.title ?? t('report.title')}
        </Typography.Title>
      }
      extra={
        canImport ? (
          <Space>
            <Switch checked={reviewing} onChange={setReviewing} aria-label={t('review.mode')} />
            <Typography.Text>{t('review.mode')}</Typography.Text>
            <Link to="/import">
              <Button>{t('importReport.title')}</Button>
            </Link>
            {/* A reviewed draft can be published from here, as from the overview. */}
            {summary.data ? <PublishButton plan={summary.data.plan} withdraw={false} /> : null}
          </Space>
        ) : null
      }
    >
      <ContradictionsPanel planId={planId} enabled={canImport} />
      <Space wrap style={{ marginBottom: 16 }} aria-label={t('report.filter')}>
        <Typography.Text strong>{t('report.filter')}</Typography.Text>
        {KINDS.map((kind) => (
          <Checkbox
            key={kind}
            checked={shown.has(kind)}
            onChange={(event) => {
              const next = new Set(shown);
              if (event.target.checked) next.add(kind);
              else next.delete(kind);
              setShown(next);
            }}
          >
            <mark className={`lx-mark lx-mark-${kind}`}>{t(`kind.${kind}`)}</mark>{' '}
            <Typography.Text type="secondary">{counts[kind] ?? 0}</Typography.Text>
          </Checkbox>
        ))}
      </Space>
      {reviewing && canImport ? (
        <>
          <Typography.Paragraph type="secondary">{t('review.modeHint')}</Typography.Paragraph>
          <DoubtList
            marks={deriveMarks(items, new Set(KINDS))}
            doubts={doubts.data}
            onSelect={(mark) => setSelected({ mark, covering: [mark] })}
          />
        </>
      ) : null}
      {text.isPending ? (
        <Spin />
      ) : reviewing && canImport ? (
        <ReviewSelection
          text={text.data}
          year={summary.data?.plan.year}
          busy={review.add.isPending}
          onAdd={(kind, fields, span) => review.add.mutateAsync({ kind, fields, span })}
        >
          <HighlightedText
            text={text.data}
            marks={marks}
            onSelect={onSelect}
            selectedKey={selected?.mark.key}
            label={t('report.title')}
          />
        </ReviewSelection>
      ) : (
        <HighlightedText
          text={text.data}
          marks={marks}
          onSelect={onSelect}
          selectedKey={selected?.mark.key}
          label={t('report.title')}
        />
      )}
      <Drawer
        open={selected !== undefined}
        onClose={() => setSelected(undefined)}
        title={selected ? t(`kind.${selected.mark.kind}`) : ''}
        size={480}
        extra={
          selected && detailPath(selected.mark) ? (
            <Link to={detailPath(selected.mark)!}>
              <Button type="primary">{t('report.openDetail')}</Button>
            </Link>
          ) : null
        }
      >
        {selected ? (
          <Space orientation="vertical" style={{ width: '100%' }}>
            <Typography.Paragraph className="lx-source">{selected.mark.label}</Typography.Paragraph>
            {entry ? <ItemSummary entry={entry} lang={lang} units={unitMap} /> : null}
            {entry && reviewing && canImport && text.data !== undefined ? (
              <ReviewPanel
                entry={entry}
                text={text.data}
                tasks={items.tasks ?? []}
                achievementVersion={reviewAchievement.data?.version}
                actions={review}
                onGone={() => setSelected(undefined)}
              />
            ) : null}
            {selected.covering.length > 1 ? (
              <List
                header={t('report.alsoHere')}
                size="small"
                dataSource={selected.covering.filter((mark) => mark.key !== selected.mark.key)}
                renderItem={(mark) => (
                  <List.Item>
                    <Button type="link" onClick={() => setSelected({ mark, covering: selected.covering })}>
                      {t(`kind.${mark.kind}`)}: {mark.label.slice(0, 40)}
                      {mark.label.length > 40 ? '…' : ''}
                    </Button>
                  </List.Item>
                )}
              />
            ) : null}
          </Space>
        ) : null}
      </Drawer>
    </Card>
  );
}
