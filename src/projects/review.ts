/**
 * A plan's named projects against the library, as a person reviews them (decision 37): a sure
 * match links by itself, a doubtful or unmatched one waits; the review confirms a record (the
 * report's name becomes an alias), creates a new project from the name, or rejects the name
 * (not a project of the library). And the bridge from a stored plan (its lists, projects,
 * and targets) to the report's shapes the matching and counting read, so a plan
 * corrected in review is counted as corrected.
 */
import { AppError } from '../errors.js';
import type { Plan, Project, ProjectList, Target } from '../plan/types.js';
import type { Extraction, Item, Project as ReportProject } from '../report/types.js';
import type { NameMatch } from './match.js';
import type { ProjectDraft } from './project.js';
import { findLibrary, parseTargetStage, stageIndex } from './stages.js';
import type { Library, StageModel, YearTarget } from './types.js';

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

/**
 * A stored plan as the part of an extraction the counts read (deriveCountPromises): its targets
 * (the counts promised; achievements are the past, never promises) and its named projects.
 */
export function toCountingExtraction(
  plan: Pick<Plan, 'year'>,
  items: { targets: readonly Target[]; lists: readonly ProjectList[]; projects: readonly Project[] },
): Pick<Extraction, 'report' | 'items' | 'projects'> {
  const asItem = (x: Target, kind: Item['kind']): Item => ({
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
    items: items.targets.map((t) => asItem(t, 'target')),
    projects: toReportProjects(items.lists, items.projects),
  };
}

/**
 * A new library project for a name a report gives and no record matches, as the review creates
 * it: in the library the sentence names (else the first), class B, and where the report puts it
 * at the end of the year before the plan's (so the year's counts count only what it does in the
 * year) — a promise ("签约落地" in 2022) means it stood one stage before and gets the promise as
 * the year's target; a reported step ("建成投用" in the review) means it had reached that stage;
 * a step no stage reads starts it at the first stage. The reviewer may name the library, class,
 * stage and day instead.
 * @example
 * draftFromReportName({ name: '兴唐创新中心', step: '签约落地', kind: 'target' }, 2022, model, libraries, '…等40个项目签约落地')
 * // { name: '兴唐创新中心', library: 'major', history: [{ stage: '洽谈', date: '2021-12-31' }], targets: [{ year: 2022, stage: '签约', … }], … }
 */
export function draftFromReportName(
  named: { name: string; step: string; kind: 'target' | 'achievement'; source?: YearTarget['source'] },
  year: number,
  model: StageModel,
  libraries: readonly Library[],
  sentence: string,
  choice: { library?: string; class?: ProjectDraft['class']; stage?: string; date?: string } = {},
): ProjectDraft {
  const promised = parseTargetStage(model, named.step);
  let stage = model.stages[0]!.id;
  if (promised !== undefined && named.kind === 'target')
    stage = model.stages[Math.max(0, stageIndex(model, promised) - 1)]!.id;
  else if (promised !== undefined) stage = promised;
  const date = `${year - 1}-12-31`;
  const targets: YearTarget[] =
    promised !== undefined && named.kind === 'target'
      ? [{ year, stage: promised, step: named.step, ...(named.source ? { source: named.source } : {}) }]
      : [];
  return {
    name: named.name.trim(),
    aliases: [],
    library: choice.library ?? findLibrary(libraries, sentence)?.code ?? libraries[0]?.code ?? '',
    class: choice.class ?? 'B',
    history: [{ stage: choice.stage ?? stage, date: choice.date ?? date }],
    totalInvestment: null,
    annualPlans: [],
    investments: [],
    parcel: null,
    location: null,
    leadUnitId: null,
    leader: null,
    enterpriseId: null,
    milestones: [],
    targets,
    progress: [],
    statsRegisteredOn: null,
    exited: null,
  };
}
