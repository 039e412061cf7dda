/**
 * Why a health is what it is, as a code with its figures: the web translates it (zh-CN,
 * English) and formats the figures in the reader's language; `describeHealthWhy` gives the
 * English sentence API consumers read as `reason`. Types and one pure function, no I/O: the
 * web imports the types (web/src/api/tracking.ts).
 */
import type { Comparator } from '../report/types.js';
import { HEALTH_WHY_CODES } from '../contract/constants.js';
import type { ProjectStage } from './types.js';

/** How an expected value was drawn (expected.ts `ExpectationMethod`). */
export type HealthWhyMethod = 'linear' | 'stepped' | 'seasonal' | 'flat';

/** A target's promise: "> 1.2万户". */
export interface HealthWhyPromise {
  comparator: Comparator;
  value: number;
  unit: string;
}

/**
 * Every reason a health can have. Dates are ISO dates; `ratio` is attainment (0.8 = 80%);
 * task progress and expected progress are percentages 0–100; target figures are in `unit`.
 */
export type HealthWhy =
  /** Task, target or project list: its span starts after the date. */
  | { code: 'STARTS_LATER'; params: { date: string } }
  /** Task or project list: nothing was expected yet by `date`. */
  | { code: 'NOTHING_DUE'; params: { date: string } }
  /** Target: no approved figure by `date`. */
  | { code: 'NO_FIGURE_YET'; params: { date: string } }
  /** Target: achieved (a flow or "more is better" level early, anything at its span's end). */
  | { code: 'TARGET_ACHIEVED'; params: HealthWhyPromise & { actual: number } }
  /** Target: its span ended on `end` and the figure misses the promise. */
  | { code: 'SPAN_ENDED_MISSED'; params: HealthWhyPromise & { actual: number; end: string } }
  /** Target: the figure against the value expected by `date`. */
  | {
      code: 'RATIO_VS_EXPECTED';
      params: {
        actual: number;
        expected: number;
        unit: string;
        date: string;
        ratio: number;
        method: HealthWhyMethod;
        stale: boolean;
      };
    }
  /** Task: closed (已销号). */
  | { code: 'CLOSED'; params: Record<string, never> }
  /** Task: its latest approved report says done or 100%. */
  | { code: 'REPORTED_DONE'; params: { date: string } }
  /** Task: progress was expected and no report was approved by `date`. */
  | { code: 'NO_REPORT_YET'; params: { date: string; expected: number } }
  /** Task: past its deadline (after extensions) and not done. */
  | { code: 'PAST_DEADLINE'; params: { deadline: string; progress: number } }
  /** Task: reported progress against 序时进度 by `date`. */
  | {
      code: 'PROGRESS_VS_EXPECTED';
      params: { progress: number; expected: number; date: string; ratio: number; stale: boolean };
    }
  /** Project list: the promised count reached the promised stage. */
  | { code: 'STAGE_REACHED'; params: { reached: number; promised: number; stage: ProjectStage } }
  /** Project list: no count promised and no project named. */
  | { code: 'NO_COUNT_PROMISED'; params: Record<string, never> }
  /** Project list: past its deadline short of the count. */
  | {
      code: 'STAGE_PAST_DEADLINE';
      params: { deadline: string; reached: number; promised: number; stage: ProjectStage };
    }
  /** Project list: projects at the stage against the count expected by `date`. */
  | {
      code: 'PROJECT_STAGE_COUNT';
      params: { reached: number; stage: ProjectStage; expected: number; date: string; ratio: number };
    }
  /** Project list: its promised step ("建设") names no stage of the pipeline. */
  | { code: 'NO_PIPELINE_STAGE'; params: { stage: string } };

export type HealthWhyCode = HealthWhy['code'];

/** Every code, in the order above (for translations and their tests): the API's vocabulary. */
export { HEALTH_WHY_CODES };
// The list and the union name the same codes: a code added to one and not the other fails here.
const _everyCode: readonly HealthWhyCode[] = HEALTH_WHY_CODES;
const _everyListed = (code: HealthWhyCode): (typeof HEALTH_WHY_CODES)[number] => code;
void _everyCode;
void _everyListed;

function pct(n: number): string {
  return `${(Math.round(n * 1000) / 10).toString()}%`;
}

function round(n: number): string {
  return (Math.round(n * 100) / 100).toString();
}

function promise(p: HealthWhyPromise): string {
  return `${p.comparator} ${round(p.value)}${p.unit}`;
}

/**
 * The reason in one English sentence (the API's `reason`), figures rounded to two places.
 * @example
 * describeHealthWhy({ code: 'PAST_DEADLINE', params: { deadline: '2022-06-30', progress: 80 } })
 * // 'Past its deadline 2022-06-30 at 80%'
 */
export function describeHealthWhy(why: HealthWhy): string {
  switch (why.code) {
    case 'STARTS_LATER':
      return `Starts on ${why.params.date}`;
    case 'NOTHING_DUE':
      return `Nothing was due by ${why.params.date}`;
    case 'NO_FIGURE_YET':
      return `No approved figure by ${why.params.date}`;
    case 'TARGET_ACHIEVED':
      return `${round(why.params.actual)} achieves ${promise(why.params)}`;
    case 'SPAN_ENDED_MISSED':
      return `The span ended on ${why.params.end} and ${round(why.params.actual)} misses ${promise(why.params)}`;
    case 'RATIO_VS_EXPECTED': {
      const p = why.params;
      return (
        `${round(p.actual)} against ${round(p.expected)} expected by ${p.date} (${p.method}): ` +
        `${pct(p.ratio)} of expected${p.stale ? '; the figure is stale' : ''}`
      );
    }
    case 'CLOSED':
      return 'Closed (已销号)';
    case 'REPORTED_DONE':
      return `Reported done as of ${why.params.date}`;
    case 'NO_REPORT_YET':
      return `No approved report by ${why.params.date}; ${round(why.params.expected)}% was expected`;
    case 'PAST_DEADLINE':
      return `Past its deadline ${why.params.deadline} at ${round(why.params.progress)}%`;
    case 'PROGRESS_VS_EXPECTED': {
      const p = why.params;
      return (
        `${round(p.progress)}% against ${round(p.expected)}% expected by ${p.date}: ` +
        `${pct(p.ratio)} of 序时进度${p.stale ? '; the report is stale' : ''}`
      );
    }
    case 'STAGE_REACHED':
      return `${why.params.reached} of ${why.params.promised} reached ${why.params.stage}`;
    case 'NO_COUNT_PROMISED':
      return 'The list promises no count and names no project';
    case 'STAGE_PAST_DEADLINE': {
      const p = why.params;
      return `Past ${p.deadline} with ${p.reached} of ${p.promised} at ${p.stage}`;
    }
    case 'PROJECT_STAGE_COUNT': {
      const p = why.params;
      return `${p.reached} at ${p.stage} against ${round(p.expected)} expected by ${p.date}: ${pct(p.ratio)}`;
    }
    case 'NO_PIPELINE_STAGE':
      return `"${why.params.stage}" names no pipeline stage`;
  }
}
