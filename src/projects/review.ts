/**
 * A plan's named projects against the library, as a person reviews them (decision 37): a sure
 * match links by itself, a doubtful or unmatched one waits; the review confirms a record (the
 * report's name becomes an alias), creates a new project from the name, or rejects the name
 * (not a project of the library). And the bridge from a stored plan (its lists, projects,
 * targets and achievements) to the report's shapes the matching and counting read, so a plan
 * corrected in review is counted as corrected.
 */
import { AppError } from '../errors.js';
import type { Achievement, Plan, Project, ProjectList, Target } from '../plan/types.js';
import type { Extraction, Item, Project as ReportProject } from '../report/types.js';
import type { NameMatch } from './match.js';

/** Where a match stands: linked by itself, waiting for a person, or decided by one. */
export const MATCH_STATES = ['matched', 'pending', 'confirmed', 'created', 'rejected'] as const;
export type MatchState = (typeof MATCH_STATES)[number];

/** What a reviewer decides for a named project. */
export type MatchDecision =
  { action: 'confirm'; projectId: number } | { action: 'create' } | { action: 'reject' };

/**
 * The state a fresh match starts in: a sure match is linked, anything else waits for review.
 * @example
 * initialMatchState({ outcome: 'doubtful', … }) // 'pending'
 */
export function initialMatchState(match: Pick<NameMatch, 'outcome'>): MatchState {
  return match.outcome === 'matched' ? 'matched' : 'pending';
}

/**
 * The state a decision moves a match to. A match waiting, or linked by itself (to correct a
 * wrong link), may be decided; one a person decided already may not (CONFLICT).
 * @example
 * decideMatchState('pending', { action: 'confirm', projectId: 3 }) // 'confirmed'
 */
export function decideMatchState(current: MatchState, decision: MatchDecision): MatchState {
  if (current !== 'pending' && current !== 'matched')
    throw new AppError('CONFLICT', `这个项目已审核（${current}）`, [
      { path: 'action', message: `already ${current}` },
    ]);
  if (decision.action === 'confirm') return 'confirmed';
  if (decision.action === 'create') return 'created';
  return 'rejected';
}

/** True when the match stands for a library record (and so may carry the year's target). */
export function isLinked(state: MatchState): boolean {
  return state === 'matched' || state === 'confirmed' || state === 'created';
}

/**
 * A stored plan's projects as the reader gave them: each with its list's span and count.
 * @example
 * toReportProjects(lists, projects)[0] // { name: '科兴生物疫苗质量研究中心', stage: '签约落地', listCount: 40, … }
 */
export function toReportProjects(
  lists: readonly ProjectList[],
  projects: readonly Project[],
): (ReportProject & { id: number })[] {
  const byId = new Map(lists.map((l) => [l.id, l]));
  return projects.map((p) => {
    const list = byId.get(p.listId);
    return {
      id: p.id,
      span: p.span,
      name: p.name,
      stage: p.stage,
      kind: p.kind,
      listSpan: list?.span ?? p.span,
      ...(list?.count !== null && list?.count !== undefined ? { listCount: list.count } : {}),
    };
  });
}

/** A stored plan as the part of an extraction the counts read (deriveCountPromises). */
export function toCountingExtraction(
  plan: Pick<Plan, 'year'>,
  items: {
    targets: readonly Target[];
    achievements: readonly Achievement[];
    lists: readonly ProjectList[];
    projects: readonly Project[];
  },
): Pick<Extraction, 'report' | 'items' | 'projects'> {
  const asItem = (x: Target | Achievement, kind: Item['kind']): Item => ({
    span: x.span,
    quote: x.quote,
    value: x.value,
    unit: x.unit,
    comparator: x.comparator,
    kind,
    period: x.period,
    metric: x.metric,
  });
  return {
    report: { year: plan.year },
    items: [
      ...items.targets.map((t) => asItem(t, 'target')),
      ...items.achievements.map((a) => asItem(a, 'achievement')),
    ],
    projects: toReportProjects(items.lists, items.projects),
  };
}
