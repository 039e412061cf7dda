/**
 * What a plan's documents read (issue 6): its lists as tables for .xlsx and CSV exports, and
 * the year-end review from approved figures and the plan's tolerances.
 */
import { AppError } from '../errors.js';
import {
  achievementsTable,
  auditTable,
  deriveActuals,
  deriveReview,
  projectsTable,
  targetsTable,
  tasksTable,
} from '../documents/index.js';
import type { Review, TableSpec } from '../documents/index.js';
import type { EXPORT_LISTS } from '../contract/constants.js';
import { resolveHealthConfig } from '../plan/thresholds.js';
import type { Store } from '../store/types.js';
import type { HealthViews } from './health.js';
import { loadPlanData, loadTaskHealth } from './plan-data.js';

/** The lists that export as .xlsx and CSV (the API's vocabulary, src/contract). */
export type ExportList = (typeof EXPORT_LISTS)[number];

/**
 * One list as a table, for a caller who may (`personal`) or may not read personal data: without
 * it no 责任领导 column and no audit trail (it would name who acted; UNAUTHENTICATED); everything
 * else in a published plan is public by design.
 */
export async function listTable(
  store: Store,
  views: HealthViews,
  planId: number,
  list: ExportList,
  personal: boolean,
  date: string,
): Promise<TableSpec> {
  const data = await loadPlanData(store, planId);
  const units = await store.units.list();
  switch (list) {
    case 'targets':
      return targetsTable(data.items.targets, units, deriveActuals(data.figures.targets, date));
    case 'achievements':
      return achievementsTable(await allAchievements(store, planId));
    case 'projects':
      return projectsTable(data.items.projects, data.items.projectLists);
    case 'tasks': {
      const spec = tasksTable(
        data.items.tasks,
        units,
        data.items.outline,
        await loadTaskHealth(store, views, planId, date),
      );
      return personal ? spec : withoutColumn(spec, '责任领导');
    }
    case 'audit': {
      if (!personal) throw new AppError('UNAUTHENTICATED', 'sign in to read the audit trail');
      const users = new Map((await store.users.list()).map((u) => [u.id, u.displayName]));
      return auditTable(await store.audit.list(planId), { userName: (id) => users.get(id) });
    }
  }
}

/** Every achievement of a plan (the store pages by 1,000). */
export async function allAchievements(store: Store, planId: number) {
  const out = [];
  for (let offset = 0; ; offset += 1000) {
    const page = await store.achievements.list(planId, { limit: 1000, offset });
    out.push(...page.items);
    if (page.items.length < 1000) return out;
  }
}

/** Drops a column from a table (the public's copy has no personal names). */
export function withoutColumn(spec: TableSpec, header: string): TableSpec {
  const i = spec.columns.findIndex((c) => c.header === header);
  if (i < 0) return spec;
  return {
    ...spec,
    columns: spec.columns.filter((_, k) => k !== i),
    rows: spec.rows.map((r) => r.filter((_, k) => k !== i)),
  };
}

/** The review at `asOf`, from approved figures and the plan's tolerances. */
export async function loadReview(
  store: Store,
  planId: number,
  asOf: string | undefined,
  date: string,
): Promise<Review> {
  const data = await loadPlanData(store, planId);
  const { plan, settings } = data.frame;
  const yearEnd = `${plan.year}-12-31`;
  const at = asOf ?? (date < yearEnd ? date : yearEnd);
  const units = await store.units.list();
  return deriveReview({
    plan,
    asOf: at,
    outline: data.items.outline,
    targets: data.items.targets,
    actuals: deriveActuals(data.figures.targets, at),
    tasks: data.items.tasks,
    units,
    projectLists: data.items.projectLists,
    projects: data.items.projects,
    options: { tolerances: resolveHealthConfig(settings.health).tolerances },
  });
}
