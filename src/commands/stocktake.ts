/**
 * The stocktake pack (盘点材料) for a leader's portfolio (issue 19): every commitment whose
 * 责任领导 is the leader, one page each worst first (promise original and current, trajectory,
 * confidence of the lead unit and the 督查室, issues, decisions needed), as .docx. Read here,
 * decided by src/verdicts, written by src/documents.
 */
import { writeStocktakeDocx } from '../documents/stocktake-docx.js';
import { AppError } from '../errors.js';
import { isNoticeOverdue } from '../plan/supervision.js';
import type { Target, Task } from '../plan/types.js';
import type { Store } from '../store/types.js';
import { deriveStocktakePack, deriveTrajectory } from '../verdicts/index.js';
import type { StocktakeInput } from '../verdicts/index.js';
import { targetTitle } from './cockpit.js';
import { presentVerdicts } from './commitments.js';
import { loadApprovedFigures } from './frame.js';
import { derivePlanHealthView } from './health.js';
import type { HealthViews } from './health.js';
import { loadPromiseBook } from './promises.js';
import { currentPeriodKey, loadConfidenceViews, loadVerdictRecords } from './verdicts.js';

const key = (r: { type: string; id: number }) => `${r.type}:${r.id}`;

/** The leaders named on a plan's items (责任领导) and how many items each holds. */
export async function listPortfolioLeaders(store: Store, planId: number) {
  const items = await store.plans.getItems(planId);
  const counts = new Map<string, number>();
  for (const i of [...items.tasks, ...items.targets]) {
    const name = i.leader?.trim();
    if (name) counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  return [...counts].map(([name, n]) => ({ name, items: n })).sort((a, b) => b.items - a.items);
}

/** The pack as .docx bytes; NOT_FOUND when no item of the plan names the leader. */
export async function buildStocktakeDocx(
  store: Store,
  views: HealthViews,
  planId: number,
  leader: string,
  date: string,
): Promise<Buffer> {
  const view = await derivePlanHealthView(store, views, planId, date);
  const { items, health, frame } = view;
  const mine = (i: Task | Target) => i.leader?.trim() === leader;
  if (![...items.tasks, ...items.targets].some(mine)) {
    throw new AppError('NOT_FOUND', `no item of plan ${planId} names ${leader} as its leader`);
  }
  const [book, plan, units, notices, figures, reports, period] = await Promise.all([
    loadPromiseBook(store, planId, {
      tasks: items.tasks,
      targets: items.targets,
      extensions: view.extensions,
    }),
    store.plans.get(planId),
    store.units.list(),
    store.supervision.list('notice', planId),
    loadApprovedFigures(store, frame, items),
    store.tracking.listReports(planId, { status: 'approved' }),
    currentPeriodKey(store, planId, date),
  ]);
  const verdicts = await loadVerdictRecords(store, plan);
  const healthOf = (r: { type: 'task' | 'target'; id: number }) =>
    r.type === 'task' ? health.tasks.get(r.id) : health.targets.get(r.id);
  const confidence = await loadConfidenceViews(store, planId, period, (r) => healthOf(r)?.health);
  const unitName = new Map(units.map((u) => [u.id, u.name]));
  const byId = new Map(items.outline.map((n) => [n.id, n]));
  const chapterOf = (nodeId: number | null) => {
    let node = nodeId === null ? undefined : byId.get(nodeId);
    while (node && node.parentId !== null) node = byId.get(node.parentId);
    return node?.title ?? null;
  };
  const noteOf = (type: 'task' | 'target', id: number) => {
    for (const r of [...reports].sort((a, b) => (a.periodKey < b.periodKey ? 1 : -1))) {
      const line =
        type === 'task' ? r.tasks.find((x) => x.taskId === id) : r.targets.find((x) => x.targetId === id);
      if (line?.note.trim()) return line.note.trim();
    }
    return null;
  };

  const inputs: StocktakeInput[] = [];
  const add = (type: 'task' | 'target', item: Task | Target, promise: string, finished: boolean) => {
    const ref = { type, id: item.id };
    const h = healthOf(ref);
    if (!h || !mine(item)) return;
    const record = verdicts.get(key(ref));
    inputs.push({
      item: {
        type,
        id: item.id,
        promise,
        chapter: chapterOf(item.outlineNodeId),
        leadUnit: item.leadUnitId === null ? null : (unitName.get(item.leadUnitId) ?? null),
        coUnits: item.coUnitIds.map((id) => unitName.get(id) ?? '').filter(Boolean),
        leader: item.leader?.trim() ?? null,
      },
      health: { health: h.health, why: h.why },
      promise: book.view(ref, { today: date, finished }),
      verdict: record ? presentVerdicts(record).current : null,
      confidence: confidence.get(key(ref)) ?? {
        unit: null,
        independent: null,
        unitMissing: true,
        disagreements: [],
      },
      trajectory:
        type === 'target'
          ? deriveTrajectory(item as Target, figures.targets.get(item.id) ?? [], frame.plan.year, date)
          : null,
      progress: [],
      notices: notices
        .filter((n) => n.state !== 'closed' && n.subject.type === type && n.subject.id === item.id)
        .map((n) => ({
          urgency: n.urgency,
          dueOn: n.dueOn,
          overdue: isNoticeOverdue(n, date),
          escalated: n.state === 'escalated',
        })),
      extensions: view.extensions
        .filter((e) => e.state === 'requested' && e.subject.type === type && e.subject.id === item.id)
        .map((e) => ({ requestedDeadline: e.requestedDeadline, reason: e.reason })),
      latestNote: noteOf(type, item.id),
    });
  };
  for (const t of items.tasks) add('task', t, t.text, t.state === 'done' || t.state === 'closed');
  for (const t of items.targets)
    add('target', t, targetTitle(t), health.targets.get(t.id)?.health === 'done');
  const pack = deriveStocktakePack(leader, date, inputs, book.thresholds);
  return writeStocktakeDocx(pack, { planTitle: plan.title });
}
