/**
 * The leader's cockpit (驾驶舱) of a plan as of a date: read once from the held health view,
 * the promise book, confidence, supervision records and the 接诉即办 month, then figured by
 * src/verdicts (trajectories, the worst items, units ranked). The wall screen shows the same.
 */
import type { Cockpit } from '../contract/cockpit.js';
import { AppError, isAppError } from '../errors.js';
import { toDayNumber } from '../plan/dates.js';
import { isNoticeOverdue } from '../plan/supervision.js';
import type { Health, OutlineNode, Target, Task } from '../plan/types.js';
import type { RequestUnit } from '../requests/index.js';
import type { ItemRef } from '../store/promises.js';
import type { Store } from '../store/types.js';
import { deriveTrajectory, deriveWorstItems, listDisagreements, rankLeadUnits } from '../verdicts/index.js';
import type { CockpitItem } from '../verdicts/index.js';
import { loadApprovedFigures } from './frame.js';
import { derivePlanHealthView } from './health.js';
import type { HealthViews } from './health.js';
import { loadPromiseBook } from './promises.js';
import { listMonthlyScores } from './request-queries.js';
import type { RequestsSetup } from './requests-setup.js';
import { currentPeriodKey, loadConfidenceViews } from './verdicts.js';

/** The most headline targets the cockpit shows. */
export const MAX_HEADLINE = 8;

const key = (r: ItemRef) => `${r.type}:${r.id}`;

function emptyCounts(): Record<Health, number> {
  return { on_track: 0, at_risk: 0, behind: 0, done: 0, not_started: 0, no_data: 0 };
}

/** Each outline node's chapter (its level-1 ancestor). */
function chapterIndex(outline: readonly OutlineNode[]): (nodeId: number | null) => number | null {
  const byId = new Map(outline.map((n) => [n.id, n]));
  const memo = new Map<number, number | null>();
  const chapterOf = (nodeId: number | null): number | null => {
    if (nodeId === null) return null;
    const known = memo.get(nodeId);
    if (known !== undefined) return known;
    let node = byId.get(nodeId);
    while (node && node.parentId !== null) node = byId.get(node.parentId);
    const found = node ? node.id : null;
    memo.set(nodeId, found);
    return found;
  };
  return chapterOf;
}

/** A target's words for people: the report's own quote, else metric and value. */
export function targetTitle(t: Pick<Target, 'quote' | 'metric' | 'value' | 'unit'>): string {
  return t.quote.trim() || `${t.metric}${t.value}${t.unit}`;
}

/** The plan year's own targets stated apart from tasks first, in the report's order. */
function headlineTargets(targets: readonly Target[], year: number): Target[] {
  return targets
    .filter((t) => t.period.trim().replace(/年$/, '') === String(year))
    .sort((a, b) => Number(a.taskId !== null) - Number(b.taskId !== null) || a.span[0] - b.span[0])
    .slice(0, MAX_HEADLINE);
}

/** The district's 三率 for a month, summed over the units, and the month's 每月一题. */
async function requestsSummary(
  store: Store,
  setup: RequestsSetup,
  month: string,
): Promise<Cockpit['requests']> {
  // Before 接诉即办 has a scoring scheme for the month, there are no 三率 to show (not an error).
  const scores = await listMonthlyScores(store, setup, month).catch((error: unknown) => {
    if (isAppError(error, 'NOT_FOUND')) return [];
    throw error;
  });
  const rate = (pick: (s: (typeof scores)[number]) => { numerator: number; denominator: number }) => {
    const n = scores.reduce((sum, s) => sum + pick(s).numerator, 0);
    const d = scores.reduce((sum, s) => sum + pick(s).denominator, 0);
    return d === 0 ? null : Math.round((n / d) * 1000) / 10;
  };
  const themes = (await store.requestThemes.listThemes(setup.jurisdictionId)).filter((t) => t.month <= month);
  const topic = themes.sort((a, b) => (a.month < b.month ? 1 : a.month > b.month ? -1 : b.id - a.id))[0];
  const unitName = new Map(setup.units.map((u: RequestUnit) => [u.id, u.name]));
  return {
    month,
    volume: scores.reduce((sum, s) => sum + s.volume, 0),
    rates: {
      response: rate((s) => s.response),
      resolution: rate((s) => s.resolution),
      satisfaction: rate((s) => s.satisfaction),
    },
    topic: topic
      ? {
          id: topic.id,
          title: topic.title,
          leadUnit: unitName.get(topic.leadUnitId) ?? null,
          month: topic.month,
          planTaskIds: topic.planTaskIds,
        }
      : null,
  };
}

/** The cockpit's part that is the plan's alone, held by the plan's read version. */
type PlanCockpit = Omit<Cockpit, 'generatedAt' | 'requests'>;

interface HeldCockpit {
  date: string;
  /** The plan's read version (store/revisions.ts) when its data was read. */
  revision: number;
  createdAt: string;
  cockpit: PlanCockpit;
}

/** The plans' cockpits held beside the health views of the same store (a few plans at most). */
const heldCockpits = new WeakMap<HealthViews, Map<number, HeldCockpit>>();
const HELD_PLANS = 8;

/**
 * The cockpit of a plan as of `date`. Its plan part (everything but 接诉即办's month) is
 * figured once per plan, day and read version and held beside `views`: a leader's reload or a
 * wall screen's minute read after no change costs one read of the plan's revision. Every write
 * under a plan (tasks, figures, notices, extensions, confidence, re-baselines; a unit's name
 * for every plan) advances that revision, so a held part is never older than what committed
 * before the read. The 三率 and 每月一题, written apart from any plan, are read each time.
 */
export async function loadCockpit(
  store: Store,
  views: HealthViews,
  setup: RequestsSetup,
  planId: number,
  date: string,
  now: string,
): Promise<Cockpit> {
  const [plan, requests] = await Promise.all([
    heldPlanCockpit(store, views, planId, date),
    requestsSummary(store, setup, date.slice(0, 7)),
  ]);
  return { ...plan, generatedAt: now, requests };
}

async function heldPlanCockpit(
  store: Store,
  views: HealthViews,
  planId: number,
  date: string,
): Promise<PlanCockpit> {
  // The revision is read before the data, so a change landing in between is seen next time.
  const stamp = await store.plans.findReadStamp(planId);
  if (stamp === undefined) throw new AppError('NOT_FOUND', `no plan with id ${planId}`);
  let held = heldCockpits.get(views);
  if (held === undefined) {
    held = new Map();
    heldCockpits.set(views, held);
  }
  const last = held.get(planId);
  if (last && last.date === date && last.revision === stamp.revision && last.createdAt === stamp.createdAt) {
    return last.cockpit;
  }
  const cockpit = await derivePlanCockpit(store, views, planId, date);
  held.delete(planId);
  if (held.size >= HELD_PLANS) held.delete(held.keys().next().value!);
  held.set(planId, { date, revision: stamp.revision, createdAt: stamp.createdAt, cockpit });
  return cockpit;
}

async function derivePlanCockpit(
  store: Store,
  views: HealthViews,
  planId: number,
  date: string,
): Promise<PlanCockpit> {
  const view = await derivePlanHealthView(store, views, planId, date);
  const { items, health, extensions, frame } = view;
  const [book, notices, units, period, figures] = await Promise.all([
    loadPromiseBook(store, planId, { tasks: items.tasks, targets: items.targets, extensions }),
    store.supervision.list('notice', planId),
    store.units.list(),
    currentPeriodKey(store, planId, date),
    loadApprovedFigures(store, frame, items),
  ]);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const healthOf = (r: ItemRef) => (r.type === 'task' ? health.tasks.get(r.id) : health.targets.get(r.id));
  const confidence = await loadConfidenceViews(store, planId, period, (r) => healthOf(r)?.health);
  const chapterOf = chapterIndex(items.outline);
  const tasks = new Map(items.tasks.map((t) => [t.id, t]));
  const targets = new Map(items.targets.map((t) => [t.id, t]));

  const openNotices = new Map<string, number>();
  for (const n of notices) {
    if (n.state === 'closed' || (n.subject.type !== 'task' && n.subject.type !== 'target')) continue;
    const k = key(n.subject as ItemRef);
    openNotices.set(k, (openNotices.get(k) ?? 0) + 1);
  }
  const pending = new Map<string, number>();
  for (const e of extensions) {
    if (e.state !== 'requested' || (e.subject.type !== 'task' && e.subject.type !== 'target')) continue;
    const k = key(e.subject as ItemRef);
    pending.set(k, (pending.get(k) ?? 0) + 1);
  }

  const today = toDayNumber(date);
  const cockpitItems: CockpitItem[] = [];
  const add = (type: 'task' | 'target', item: Task | Target, finished: boolean) => {
    const ref = { type, id: item.id };
    const h = healthOf(ref);
    if (!h) return;
    const deadline = book.deadline(ref);
    const current =
      deadline?.versions.at(-1)?.value ?? (type === 'task' ? health.tasks.get(item.id)?.deadline : undefined);
    const overdueDays = !finished && current ? Math.max(0, today - toDayNumber(current)) : 0;
    const slipDays = deadline
      ? toDayNumber(deadline.versions.at(-1)!.value) - toDayNumber(deadline.versions[0]!.value)
      : 0;
    const c = confidence.get(key(ref));
    cockpitItems.push({
      type,
      id: item.id,
      chapterId: chapterOf(item.outlineNodeId),
      leadUnitId: item.leadUnitId,
      health: h.health,
      ratio: h.ratio,
      why: h.why,
      overdueDays,
      slipDays,
      confidence: c ? { unit: c.unit, independent: c.independent, disagreements: c.disagreements } : null,
      openNotices: openNotices.get(key(ref)) ?? 0,
      pendingExtensions: pending.get(key(ref)) ?? 0,
    });
  };
  for (const t of items.tasks) add('task', t, t.state === 'done' || t.state === 'closed');
  for (const t of items.targets) add('target', t, health.targets.get(t.id)?.health === 'done');

  const titleOf = (r: { type: 'task' | 'target'; id: number }) =>
    r.type === 'task' ? (tasks.get(r.id)?.text ?? '') : targetTitle(targets.get(r.id)!);
  const ref = (r: { type: 'task' | 'target'; id: number; leadUnitId: number | null }) => ({
    type: r.type,
    id: r.id,
    title: titleOf(r),
    leadUnitId: r.leadUnitId,
    leadUnit: r.leadUnitId === null ? null : (unitName.get(r.leadUnitId) ?? null),
  });

  const chapterCounts = new Map<number, Record<Health, number>>();
  for (const i of cockpitItems) {
    if (i.type !== 'task' || i.chapterId === null) continue;
    const counts = chapterCounts.get(i.chapterId) ?? emptyCounts();
    counts[i.health]++;
    chapterCounts.set(i.chapterId, counts);
  }
  const chapters = items.outline
    .filter((n) => n.parentId === null)
    .sort((a, b) => a.position - b.position)
    .map((n) => {
      const h = health.outline.get(`outline:${n.id}`);
      return {
        id: n.id,
        title: n.title,
        health: h?.health ?? 'no_data',
        ratio: h?.ratio ?? null,
        counts: chapterCounts.get(n.id) ?? emptyCounts(),
      };
    });

  const series = figures.targets;
  const headline = headlineTargets(items.targets, frame.plan.year).map((t) => {
    const h = health.targets.get(t.id)!;
    const trajectory = deriveTrajectory(t, series.get(t.id) ?? [], frame.plan.year, date);
    const value = book.value(t.id);
    return {
      id: t.id,
      metric: t.metric,
      promise: targetTitle(t),
      unit: t.unit,
      target: t.value,
      health: h.health,
      why: h.why,
      points: trajectory.points,
      projected: trajectory.projected,
      latest: trajectory.latest,
      slip:
        value && value.versions.length > 1
          ? book.view({ type: 'target', id: t.id }, { today: date, finished: false }).value
          : null,
    };
  });

  const openList = notices.filter((n) => n.state !== 'closed');
  const pendingList = extensions.filter((e) => e.state === 'requested');
  const itemRefOf = (s: { type: string; id: number }) => {
    if (s.type === 'task' && tasks.has(s.id))
      return ref({ type: 'task', id: s.id, leadUnitId: tasks.get(s.id)!.leadUnitId });
    if (s.type === 'target' && targets.has(s.id))
      return ref({ type: 'target', id: s.id, leadUnitId: targets.get(s.id)!.leadUnitId });
    return null;
  };
  const lines = [
    ...openList.map((n) => ({
      kind: 'notice' as const,
      id: n.id,
      item: itemRefOf(n.subject),
      unit: unitName.get(n.unitId) ?? null,
      dueOn: n.dueOn,
      overdue: isNoticeOverdue(n, date),
      urgency: n.urgency,
    })),
    ...pendingList.map((e) => ({
      kind: 'extension' as const,
      id: e.id,
      item: itemRefOf(e.subject),
      unit: unitName.get(e.unitId) ?? null,
      dueOn: e.requestedDeadline,
      overdue: false,
      urgency: null,
    })),
  ].sort((a, b) => Number(b.overdue) - Number(a.overdue) || (a.dueOn ?? '').localeCompare(b.dueOn ?? ''));

  return {
    planId,
    title: frame.plan.title,
    year: frame.plan.year,
    asOf: date,
    totals: {
      tasks: health.counts.tasks,
      targets: health.counts.targets,
      overdue: cockpitItems.filter((i) => i.overdueDays > 0).length,
      plan: health.outline.get('plan')?.health ?? 'no_data',
    },
    headline,
    chapters,
    worst: deriveWorstItems(cockpitItems).map((w) => ({
      ...ref(w.item),
      health: w.item.health,
      score: w.score,
      reasons: w.reasons,
    })),
    units: rankLeadUnits(cockpitItems).map((u) => ({ ...u, name: unitName.get(u.unitId) ?? '' })),
    supervision: {
      noticesOpen: openList.length,
      noticesOverdue: openList.filter((n) => isNoticeOverdue(n, date)).length,
      extensionsPending: pendingList.length,
      lines: lines.slice(0, 10),
    },
    disagreements: listDisagreements(cockpitItems).map((i) => ({
      ...ref(i),
      health: i.health,
      unitLevel: i.confidence?.unit?.level ?? null,
      independentLevel: i.confidence?.independent?.level ?? null,
      disagreements: i.confidence?.disagreements ?? [],
    })),
  };
}
