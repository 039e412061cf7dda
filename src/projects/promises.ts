/**
 * Across years and reports: what a report promises for the library — a year's target stage per
 * named project ("开工建设" → 开工), and counts ("新入库重大项目30个", "60个年度项目", "X、Y等40个项目
 * 签约落地") — counted from the library as of a day and set against the promise; and one
 * project's timeline over all its years.
 *
 * Count rules (decision 37): a stage count is the projects (of the named library, else all) that
 * first reached the stage, or a later one, within the year by the day; "新入库" counts first
 * reaching the `approved` role's stage; "年度项目" counts the projects with a plan or a target
 * for the year that had not left the library by the day.
 */
import { AppError } from '../errors.js';
import { elapsedShare } from '../plan/dates.js';
import type { Extraction, Span } from '../report/types.js';
import { completedBetween, findAnnualPlan } from './investment.js';
import type { ReportProjectMatch } from './match.js';
import { findLibrary, parseTargetStage, reachedOn, roleStage, stageIndex } from './stages.js';
import type { Library, LibraryProject, StageModel, YearTarget } from './types.js';

/** What a count promise counts. */
export type CountRule =
  | { kind: 'stage'; stage: string; library: string | null }
  | { kind: 'entered'; library: string | null }
  | { kind: 'annual'; library: string | null };

/** A count the report promises for its year. */
export interface CountPromise {
  year: number;
  rule: CountRule;
  promised: number;
  /** The step or metric as written ("签约落地", "新入库重大项目"). */
  written: string;
  /** Names the report gives for the list (empty for a bare count). */
  named: string[];
  span: Span;
  quote: string;
}

/** A count the reader found but no rule counts: for a person to look at. */
export interface UnreadPromise {
  written: string;
  promised: number;
  span: Span;
  reason: 'NO_STAGE' | 'NO_RULE';
}

/**
 * The sentence around a span (to 。！？； or a line break on each side).
 * @example
 * sentenceAround('甲。力争新入库重大项目30个。乙', [8, 11]) // '力争新入库重大项目30个'
 */
export function sentenceAround(text: string, span: Span): string {
  const stops = /[。！？；\n]/;
  let start = span[0];
  while (start > 0 && !stops.test(text[start - 1] ?? '')) start--;
  let end = span[1];
  while (end < text.length && !stops.test(text[end] ?? '')) end++;
  return text.slice(start, end);
}

const COUNT_UNITS = /^(个|项)$/;

/**
 * The library counts a report promises for its year: project lists with a count (their step read
 * by the stage model), and counted items on 入库 and 年度项目 (the library named in the item or
 * its sentence), for the report's year (none when the report gives no year). Achievements (the
 * review of past years) are not promises.
 * @example
 * deriveCountPromises(extraction, text, DEFAULT_LIBRARIES, DEFAULT_STAGE_MODEL).promises
 * // [{ rule: { kind: 'entered', library: 'major' }, promised: 30, … }, { rule: { kind: 'stage', stage: '签约', … }, promised: 40, named: [...] }, …]
 */
export function deriveCountPromises(
  extraction: Pick<Extraction, 'report' | 'items' | 'projects'>,
  text: string,
  libraries: readonly Library[],
  model: StageModel,
): { promises: CountPromise[]; unread: UnreadPromise[] } {
  const year = extraction.report.year;
  const promises: CountPromise[] = [];
  const unread: UnreadPromise[] = [];
  if (year === undefined) return { promises, unread };
  const lists = new Map<string, { span: Span; step: string; count: number; names: string[] }>();
  for (const p of extraction.projects) {
    if (p.kind !== 'target' || p.listCount === undefined) continue;
    const key = `${p.listSpan[0]}-${p.listSpan[1]}`;
    const list = lists.get(key) ?? { span: p.listSpan, step: p.stage, count: p.listCount, names: [] };
    list.names.push(p.name);
    lists.set(key, list);
  }
  for (const list of lists.values()) {
    const stage = parseTargetStage(model, list.step);
    if (!stage) {
      unread.push({ written: list.step, promised: list.count, span: list.span, reason: 'NO_STAGE' });
      continue;
    }
    const library = findLibrary(libraries, sentenceAround(text, list.span))?.code ?? null;
    promises.push({
      year,
      rule: { kind: 'stage', stage, library },
      promised: list.count,
      written: list.step,
      named: list.names,
      span: list.span,
      quote: text.slice(list.span[0], list.span[1]),
    });
  }
  const inList = (span: Span) =>
    [...lists.values()].some((l) => span[0] >= l.span[0] && span[1] <= l.span[1]);
  for (const item of extraction.items) {
    if (item.kind !== 'target' || item.period !== String(year) || !COUNT_UNITS.test(item.unit)) continue;
    if (!/项目/.test(item.metric) || inList(item.span)) continue;
    const sentence = sentenceAround(text, item.span);
    const library = (findLibrary(libraries, item.metric) ?? findLibrary(libraries, sentence))?.code ?? null;
    let rule: CountRule | undefined;
    if (/入库/.test(item.metric)) rule = { kind: 'entered', library };
    else if (/年度项目/.test(item.metric)) rule = { kind: 'annual', library };
    if (!rule) {
      unread.push({ written: item.metric, promised: item.value, span: item.span, reason: 'NO_RULE' });
      continue;
    }
    promises.push({
      year,
      rule,
      promised: item.value,
      written: item.metric,
      named: [],
      span: item.span,
      quote: item.quote,
    });
  }
  promises.sort((a, b) => a.span[0] - b.span[0]);
  return { promises, unread };
}

export type PromiseWhy =
  | { code: 'COUNT_MET'; params: { counted: number; promised: number } }
  | { code: 'COUNT_SHORT'; params: { counted: number; promised: number; expected: number; date: string } }
  | { code: 'COUNT_MISSED'; params: { counted: number; promised: number; end: string } };

export interface PromiseCount {
  promised: number;
  counted: number;
  /** The projects counted, by id. */
  projectIds: number[];
  /** The promise's share expected by the day (linear over the year). */
  expected: number;
  met: boolean;
  why: PromiseWhy;
}

type Counted = Pick<LibraryProject, 'id' | 'library' | 'history' | 'exited' | 'annualPlans' | 'targets'>;

/**
 * Counts a promise from the library as of `date` (see the count rules at the top).
 * @example
 * countPromise(promise, projects, DEFAULT_STAGE_MODEL, '2022-12-31') // { promised: 40, counted: 41, met: true, … }
 */
export function countPromise(
  promise: Pick<CountPromise, 'year' | 'rule' | 'promised'>,
  projects: Iterable<Counted>,
  model: StageModel,
  date: string,
): PromiseCount {
  const start = `${promise.year}-01-01`;
  const end = `${promise.year}-12-31`;
  const until = date < end ? date : end;
  const rule = promise.rule;
  const stage =
    rule.kind === 'stage' ? rule.stage : rule.kind === 'entered' ? roleStage(model, 'approved').id : null;
  const ids: number[] = [];
  for (const p of projects) {
    if (rule.library !== null && p.library !== rule.library) continue;
    if (stage !== null) {
      const on = reachedOn(model, p, stage);
      if (on !== undefined && on >= start && on <= until) ids.push(p.id);
    } else {
      const planned =
        findAnnualPlan(p, promise.year) !== undefined || p.targets.some((t) => t.year === promise.year);
      const inLibrary = p.history[0] !== undefined && p.history[0].date <= until;
      if (planned && inLibrary && !(p.exited && p.exited.date <= until)) ids.push(p.id);
    }
  }
  return promiseResult(promise, ids, date);
}

/** What countPromise counts, as a query over the library's stage spans (src/projects/spans.ts). */
export type PromiseQuery =
  | { kind: 'reached'; rank: number; from: string; to: string; library: string | null }
  | { kind: 'planned'; year: number; until: string; library: string | null };

/**
 * countPromise's rule as a query: projects that first reached the promised stage (position
 * `rank` or later) in the year up to `date`, or projects planned for the year in the library
 * by then and not out of it.
 */
export function promiseQuery(
  promise: Pick<CountPromise, 'year' | 'rule'>,
  model: StageModel,
  date: string,
): PromiseQuery {
  const end = `${promise.year}-12-31`;
  const until = date < end ? date : end;
  const rule = promise.rule;
  if (rule.kind === 'annual') return { kind: 'planned', year: promise.year, until, library: rule.library };
  const stage = rule.kind === 'stage' ? rule.stage : roleStage(model, 'approved').id;
  const rank = stageIndex(model, stage);
  if (rank < 0) throw new AppError('BAD_INPUT', `Unknown stage "${stage}"`);
  return { kind: 'reached', rank, from: `${promise.year}-01-01`, to: until, library: rule.library };
}

/**
 * A promise's count as of `date` from the projects it counts (countPromise's rule, applied by
 * the caller: the store counts it by query for a whole library).
 */
export function promiseResult(
  promise: Pick<CountPromise, 'year' | 'promised'>,
  projectIds: readonly number[],
  date: string,
): PromiseCount {
  const start = `${promise.year}-01-01`;
  const end = `${promise.year}-12-31`;
  const ids = [...projectIds].sort((a, b) => a - b);
  const counted = ids.length;
  const expected = date < start ? 0 : promise.promised * elapsedShare(start, end, date);
  const met = counted >= promise.promised;
  const why: PromiseWhy = met
    ? { code: 'COUNT_MET', params: { counted, promised: promise.promised } }
    : date > end
      ? { code: 'COUNT_MISSED', params: { counted, promised: promise.promised, end } }
      : { code: 'COUNT_SHORT', params: { counted, promised: promise.promised, expected, date } };
  return { promised: promise.promised, counted, projectIds: ids, expected, met, why };
}

/** A named project the report promises a step for that needs a person before it becomes a target. */
export interface TargetReview {
  name: string;
  step: string;
  span: Span;
  reason: 'doubtful' | 'unmatched' | 'no_stage';
  match: ReportProjectMatch;
}

/**
 * The year's targets from a report's matched projects: each matched target-kind project gets the
 * stage its step means (the furthest when named more than once). Doubtful and unmatched names,
 * and steps no stage reads, go to review instead.
 * @example
 * deriveYearTargets(matches, 2022, DEFAULT_STAGE_MODEL).targets[0] // { projectId: 3, target: { year: 2022, stage: '签约', step: '签约落地', … } }
 */
export function deriveYearTargets(
  matches: readonly ReportProjectMatch[],
  year: number,
  model: StageModel,
  source: { planId?: number } = {},
): { targets: { projectId: number; target: YearTarget }[]; review: TargetReview[] } {
  const chosen = new Map<number, YearTarget>();
  const review: TargetReview[] = [];
  for (const m of matches) {
    if (m.kind !== 'target') continue;
    const stage = parseTargetStage(model, m.step);
    const reason = m.outcome !== 'matched' ? m.outcome : stage === undefined ? 'no_stage' : undefined;
    if (reason !== undefined || m.projectId === null || stage === undefined) {
      review.push({ name: m.name, step: m.step, span: m.span, reason: reason ?? 'unmatched', match: m });
      continue;
    }
    const target: YearTarget = {
      year,
      stage,
      step: m.step,
      source: { ...source, span: m.span, quote: m.name },
    };
    const had = chosen.get(m.projectId);
    if (!had || stageIndex(model, stage) > stageIndex(model, had.stage)) chosen.set(m.projectId, target);
  }
  const targets = [...chosen].map(([projectId, target]) => ({ projectId, target }));
  return { targets, review };
}

export type TargetVerdict = 'reached' | 'already' | 'missed' | 'pending';

/** One year of a project's life. */
export interface TimelineYear {
  year: number;
  target: YearTarget | null;
  verdict: TargetVerdict | null;
  /** When the target stage was first reached, when it was. */
  reachedOn: string | null;
  planned: number | null;
  completed: number;
  /** Stage changes in the year, in order. */
  changes: { stage: string; date: string; reason?: string; back: boolean }[];
}

/**
 * A project's whole life as of `date`, year by year: its stage changes, the year's target with
 * its verdict (reached in the year, already reached before it, missed after the year, pending),
 * and planned and completed investment — one history however many plans named it.
 */
export function deriveProjectTimeline(
  project: Pick<LibraryProject, 'history' | 'targets' | 'annualPlans' | 'investments'>,
  model: StageModel,
  date: string,
): TimelineYear[] {
  const first = Number(project.history[0]?.date.slice(0, 4) ?? date.slice(0, 4));
  const last = Math.max(Number(date.slice(0, 4)), ...project.targets.map((t) => t.year), first);
  const years: TimelineYear[] = [];
  for (let year = first; year <= last; year++) {
    const target = project.targets.find((t) => t.year === year) ?? null;
    let verdict: TargetVerdict | null = null;
    let reached: string | null = null;
    if (target) {
      const on = reachedOn(model, project, target.stage);
      reached = on !== undefined && on <= date ? on : null;
      if (reached !== null && reached < `${year}-01-01`) verdict = 'already';
      else if (reached !== null && reached <= `${year}-12-31`) verdict = 'reached';
      else verdict = date > `${year}-12-31` ? 'missed' : 'pending';
    }
    const changes = project.history
      .map((e, i) => ({
        e,
        back: i > 0 && stageIndex(model, e.stage) < stageIndex(model, project.history[i - 1]!.stage),
      }))
      .filter(({ e }) => e.date.startsWith(`${year}-`) && e.date <= date)
      .map(({ e, back }) => ({
        stage: e.stage,
        date: e.date,
        ...(e.reason ? { reason: e.reason } : {}),
        back,
      }));
    years.push({
      year,
      target,
      verdict,
      reachedOn: reached,
      planned: findAnnualPlan(project, year)?.planned ?? null,
      completed: completedBetween(
        project,
        `${year}-01`,
        year === Number(date.slice(0, 4)) ? date.slice(0, 7) : `${year}-12`,
      ),
      changes,
    });
  }
  return years;
}

/**
 * The day a library board of plan year `year` is read as of: the year's last day once it is past,
 * its first day before it begins, else today (a 2022 plan read in 2026 counts its promises as
 * they stood at the end of 2022, not against 2026).
 * @example
 * yearAsOf(2022, '2026-12-07') // '2022-12-31'
 */
export function yearAsOf(year: number, today: string): string {
  const [first, last] = [`${year}-01-01`, `${year}-12-31`];
  return today > last ? last : today < first ? first : today;
}
