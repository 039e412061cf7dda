/**
 * Health, computed and never typed in. Lifecycle state (未启动/推进中/已完成/已销号), progress
 * percent and health are three separate things: health compares what was reported and
 * approved with what was expected by the date (序时进度), through the plan's thresholds.
 *
 * A figure is judged at its own as-of date (the March figure against March's expectation), so
 * that a reporting lag is not read as lagging; but a figure older than `staleAfterDays` is
 * judged against today's expectation, so that not reporting never keeps an item green.
 */
import { AppError } from '../errors.js';
import { elapsedShare, toDayNumber } from './dates.js';
import { describeHealthWhy } from './health-why.js';
import type { HealthWhy } from './health-why.js';
import {
  deriveAttainment,
  deriveExpectedValue,
  deriveGoodSide,
  deriveTargetMeasure,
  isAchieved,
} from './expected.js';
import type { ExpectationOptions, TargetLike } from './expected.js';
import { DEFAULT_HEALTH_CONFIG } from './thresholds.js';
import type { HealthConfig, HealthThresholds } from './thresholds.js';
import { PROJECT_STAGES } from './types.js';
import type { Health, Project, ProjectStage, TaskState } from './types.js';

/**
 * Days after which a figure no longer speaks for today (default: a month and a half, for
 * monthly reporting; pass `deriveStaleAfterDays(periodConfig)` for the plan's own cycle).
 */
export const DEFAULT_STALE_AFTER_DAYS = 45;

export interface HealthOptions {
  config?: HealthConfig;
  staleAfterDays?: number;
}

/** A health with the figures that produced it, so every colour can say why. */
export interface HealthResult {
  health: Health;
  /** Attainment (actual progress / expected progress); null when nothing was compared. */
  ratio: number | null;
  expected: number | null;
  actual: number | null;
  /** The date the comparison was made at (the figure's as-of date, or today when stale). */
  comparedAt: string | null;
  /** True when the latest figure was older than `staleAfterDays`. */
  stale: boolean;
  /** Why, as a code with its figures (for clients to say in their reader's language). */
  why: HealthWhy;
  /** The same in one English sentence (`describeHealthWhy`). */
  reason: string;
}

/**
 * on_track at or above `atRisk`, at_risk at or above `behind`, else behind.
 * @example
 * deriveHealthFromRatio(0.85) // 'at_risk' with the defaults 0.9 / 0.7
 */
export function deriveHealthFromRatio(
  ratio: number,
  thresholds: HealthThresholds = DEFAULT_HEALTH_CONFIG.thresholds,
): 'on_track' | 'at_risk' | 'behind' {
  if (ratio >= thresholds.atRisk) return 'on_track';
  if (ratio >= thresholds.behind) return 'at_risk';
  return 'behind';
}

/** One shape for every result, so that thousands of them stay cheap to build and keep. */
function make(
  health: Health,
  ratio: number | null,
  expected: number | null,
  actual: number | null,
  comparedAt: string | null,
  stale: boolean,
  why: HealthWhy,
): HealthResult {
  return { health, ratio, expected, actual, comparedAt, stale, why, reason: describeHealthWhy(why) };
}

function latestBy<T extends { asOf: string }>(items: readonly T[], date: string): T | undefined {
  const day = toDayNumber(date);
  let best: T | undefined;
  let bestDay = -Infinity;
  for (const item of items) {
    const d = toDayNumber(item.asOf);
    if (d <= day && d >= bestDay) {
      best = item;
      bestDay = d;
    }
  }
  return best;
}

function judgedAt(asOf: string, date: string, staleAfterDays: number): { at: string; stale: boolean } {
  const stale = toDayNumber(date) - toDayNumber(asOf) > staleAfterDays;
  return { at: stale ? date : asOf, stale };
}

/** An approved figure for a target: its value to date, as of a date (usually a period's end). */
export interface TargetObservation {
  value: number;
  asOf: string;
}

/**
 * Health of a target by `date` from its approved figures (only those as of `date` or
 * earlier count; the latest is judged): not_started before its span; no_data without a
 * figure; done once achieved at the end of the span — or earlier for a flow or a level whose
 * good side is higher (what is counted cannot be un-counted); behind when the span is over
 * and the target missed; otherwise attainment against the expected value, through thresholds.
 * @example
 * // 新增就业9000人, 4000 approved as of 2022-06-30: 4000 / 4463 = 0.896 → 'at_risk'
 * deriveTargetHealth(jobs, [{ value: 4000, asOf: '2022-06-30' }], '2022-07-10').health
 */
export function deriveTargetHealth(
  target: TargetLike,
  observations: readonly TargetObservation[],
  date: string,
  options: HealthOptions & { expectation?: ExpectationOptions } = {},
): HealthResult {
  const config = options.config ?? DEFAULT_HEALTH_CONFIG;
  const expectation = options.expectation ?? {};
  const measure = expectation.measure ?? deriveTargetMeasure(target);
  const today = deriveExpectedValue(target, date, { ...expectation, measure });
  if (toDayNumber(date) < toDayNumber(today.start)) {
    return make('not_started', null, null, null, null, false, {
      code: 'STARTS_LATER',
      params: { date: today.start },
    });
  }
  const latest = latestBy(observations, date);
  if (!latest) {
    return make('no_data', null, today.value, null, null, false, { code: 'NO_FIGURE_YET', params: { date } });
  }
  const { at, stale } = judgedAt(latest.asOf, date, options.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS);
  const expected = deriveExpectedValue(target, at, { ...expectation, measure });
  const achieved = isAchieved(target, latest.value, config.tolerances, measure);
  const over = toDayNumber(at) >= toDayNumber(expected.end);
  const actual = latest.value;
  const promise = { comparator: target.comparator, value: target.value, unit: target.unit };
  // What is counted cannot be un-counted: a flow or level reaching a "more is better" target early is done.
  const keepsWhatItCounts = measure !== 'rate' && deriveGoodSide(target, measure) === 'higher';
  if (achieved && (over || keepsWhatItCounts)) {
    return make('done', null, expected.value, actual, at, stale, {
      code: 'TARGET_ACHIEVED',
      params: { ...promise, actual },
    });
  }
  if (over) {
    return make('behind', null, expected.value, actual, at, stale, {
      code: 'SPAN_ENDED_MISSED',
      params: { ...promise, actual, end: expected.end },
    });
  }
  const ratio = deriveAttainment(target, actual, expected, config.tolerances);
  const why: HealthWhy = {
    code: 'RATIO_VS_EXPECTED',
    params: {
      actual,
      expected: expected.value,
      unit: target.unit,
      date: at,
      ratio,
      method: expected.method,
      stale,
    },
  };
  return make(deriveHealthFromRatio(ratio, config.thresholds), ratio, expected.value, actual, at, stale, why);
}

/** When a task should start and finish, and optionally the progress due at milestones. */
export interface TaskSchedule {
  start: string;
  /** The effective deadline (after approved extensions). */
  deadline: string;
  /** Progress (0–100) due by each date: the expected progress steps through them. */
  milestones?: { date: string; progress: number }[];
}

/** An approved progress report for a task. */
export interface TaskObservation {
  progress: number;
  state: TaskState;
  asOf: string;
}

/**
 * Expected progress (序时进度, 0–100) of a task by `date`: the elapsed share of the time from
 * start to deadline, or the latest milestone reached when milestones are set (100 from the
 * deadline on).
 * @example
 * deriveExpectedProgress({ start: '2022-01-01', deadline: '2022-12-31' }, '2022-06-30') // 49.59 (181/365)
 */
export function deriveExpectedProgress(schedule: TaskSchedule, date: string): number {
  const day = toDayNumber(date);
  if (day >= toDayNumber(schedule.deadline)) return 100;
  if (schedule.milestones && schedule.milestones.length > 0) {
    let value = 0;
    for (const m of schedule.milestones) if (toDayNumber(m.date) <= day) value = Math.max(value, m.progress);
    return value;
  }
  return 100 * elapsedShare(schedule.start, schedule.deadline, date);
}

/**
 * Health of a task by `date`: done when closed (已销号), or when its latest approved report
 * says done or 100%; not_started before its start; no_data when a report was due and none
 * was approved; behind when past the deadline; otherwise reported progress against expected
 * progress at the report's date (or today when stale), through thresholds.
 * @example
 * // 40% approved as of 2022-06-30 on a year-long task: 40 / 49.59 = 0.807 → 'at_risk'
 * deriveTaskHealth({ state: 'in_progress', observations }, schedule, '2022-07-03').health
 */
export function deriveTaskHealth(
  task: { state: TaskState; observations: readonly TaskObservation[] },
  schedule: TaskSchedule,
  date: string,
  options: HealthOptions = {},
): HealthResult {
  if (toDayNumber(schedule.deadline) < toDayNumber(schedule.start)) {
    throw new AppError('BAD_INPUT', `Deadline ${schedule.deadline} is before start ${schedule.start}`);
  }
  const config = options.config ?? DEFAULT_HEALTH_CONFIG;
  const latest = latestBy(task.observations, date);
  if (task.state === 'closed') {
    return make('done', null, null, latest?.progress ?? null, null, false, { code: 'CLOSED', params: {} });
  }
  if (latest && (latest.state === 'done' || latest.progress >= 100)) {
    return make('done', null, null, latest.progress, latest.asOf, false, {
      code: 'REPORTED_DONE',
      params: { date: latest.asOf },
    });
  }
  if (toDayNumber(date) < toDayNumber(schedule.start)) {
    return make('not_started', null, 0, null, null, false, {
      code: 'STARTS_LATER',
      params: { date: schedule.start },
    });
  }
  const expectedToday = deriveExpectedProgress(schedule, date);
  if (!latest) {
    if (expectedToday <= 0) {
      return make('not_started', null, 0, null, null, false, { code: 'NOTHING_DUE', params: { date } });
    }
    return make('no_data', null, expectedToday, null, null, false, {
      code: 'NO_REPORT_YET',
      params: { date, expected: expectedToday },
    });
  }
  const { at, stale } = judgedAt(latest.asOf, date, options.staleAfterDays ?? DEFAULT_STALE_AFTER_DAYS);
  const progress = latest.progress;
  if (toDayNumber(date) > toDayNumber(schedule.deadline)) {
    return make('behind', progress / 100, 100, progress, date, stale, {
      code: 'PAST_DEADLINE',
      params: { deadline: schedule.deadline, progress },
    });
  }
  const expected = deriveExpectedProgress(schedule, at);
  if (expected <= 0) {
    const health = progress > 0 || latest.state === 'in_progress' ? 'on_track' : 'not_started';
    return make(health, null, 0, progress, at, stale, { code: 'NOTHING_DUE', params: { date: at } });
  }
  const ratio = progress / expected;
  return make(deriveHealthFromRatio(ratio, config.thresholds), ratio, expected, progress, at, stale, {
    code: 'PROGRESS_VS_EXPECTED',
    params: { progress, expected, date: at, ratio, stale },
  });
}

/**
 * The pipeline stage a promised step names ("签约落地" → 签约, "开工建设"/"开复工" → 开工,
 * "建成投用"/"竣工开学" → 建成投用, "储备" → 储备); undefined for a bare "建设".
 * @example
 * parseProjectStage('签约落地') // '签约'
 */
export function parseProjectStage(text: string): ProjectStage | undefined {
  if (/建成|投用|竣工|完工|投产|开园|开学|开业|通车/.test(text)) return '建成投用';
  if (/开工|开复工|动工|复工/.test(text)) return '开工';
  if (/签约|落地|引进|落户/.test(text)) return '签约';
  if (/储备|谋划|入库/.test(text)) return '储备';
  return undefined;
}

/**
 * Whether a project had reached `stage` by `date` (a recorded date, or its current stage).
 * @example
 * hasReachedStage({ currentStage: '开工', stageDates: { 签约: '2022-03-01' } }, '签约', '2022-06-30') // true
 */
export function hasReachedStage(
  project: Pick<Project, 'currentStage' | 'stageDates'>,
  stage: ProjectStage,
  date: string,
): boolean {
  const target = PROJECT_STAGES.indexOf(stage);
  // A later stage's date implies the earlier stage was passed by then.
  for (let i = target; i < PROJECT_STAGES.length; i++) {
    const s = PROJECT_STAGES[i];
    const when = s === undefined ? undefined : project.stageDates[s];
    if (when !== undefined && toDayNumber(when) <= toDayNumber(date)) return true;
  }
  const undated = PROJECT_STAGES.slice(target).every((s) => project.stageDates[s] === undefined);
  return undated && PROJECT_STAGES.indexOf(project.currentStage) >= target;
}

/**
 * Health of a project list ("40个项目签约落地") by `date`: the projects that reached the
 * promised stage against the count promised (the list's count, else its number of projects),
 * expected linearly from start to deadline or by milestones (counts due by dates).
 * Throws AppError UNPROCESSABLE when the promised stage is not one of the pipeline's.
 * @example
 * // 40 promised by year end, 12 signed by 2022-06-30: expected 40 × 181/365 = 19.84 → 0.605 → 'behind'
 * deriveProjectListHealth({ stage: '签约落地', count: 40 }, projects, schedule, '2022-06-30')
 */
export function deriveProjectListHealth(
  list: { stage: string; count: number | null },
  projects: readonly Pick<Project, 'currentStage' | 'stageDates'>[],
  schedule: { start: string; deadline: string; milestones?: { date: string; count: number }[] },
  date: string,
  options: HealthOptions = {},
): HealthResult & { reached: number; promised: number } {
  const stage = parseProjectStage(list.stage);
  if (!stage) {
    throw new AppError('UNPROCESSABLE', `"${list.stage}" names no stage of 储备 → 签约 → 开工 → 建成投用`);
  }
  const config = options.config ?? DEFAULT_HEALTH_CONFIG;
  const promised = list.count ?? projects.length;
  const reached = projects.filter((p) => hasReachedStage(p, stage, date)).length;
  const base = { reached, promised, actual: reached, comparedAt: date, stale: false };
  const result = (
    health: Health,
    ratio: number | null,
    expected: number,
    why: HealthWhy,
  ): HealthResult & { reached: number; promised: number } => ({
    health,
    ...base,
    ratio,
    expected,
    why,
    reason: describeHealthWhy(why),
  });
  if (promised > 0 && reached >= promised) {
    return result('done', null, promised, { code: 'STAGE_REACHED', params: { reached, promised, stage } });
  }
  if (toDayNumber(date) < toDayNumber(schedule.start)) {
    return result('not_started', null, 0, { code: 'STARTS_LATER', params: { date: schedule.start } });
  }
  if (promised === 0) return result('no_data', null, 0, { code: 'NO_COUNT_PROMISED', params: {} });
  if (toDayNumber(date) > toDayNumber(schedule.deadline)) {
    return result('behind', reached / promised, promised, {
      code: 'STAGE_PAST_DEADLINE',
      params: { deadline: schedule.deadline, reached, promised, stage },
    });
  }
  let expected: number;
  if (schedule.milestones && schedule.milestones.length > 0) {
    expected = 0;
    for (const m of schedule.milestones) {
      if (toDayNumber(m.date) <= toDayNumber(date)) expected = Math.max(expected, m.count);
    }
  } else {
    expected = promised * elapsedShare(schedule.start, schedule.deadline, date);
  }
  if (expected <= 0) return result('on_track', null, 0, { code: 'NOTHING_DUE', params: { date } });
  const ratio = reached / expected;
  return result(deriveHealthFromRatio(ratio, config.thresholds), ratio, expected, {
    code: 'PROJECT_STAGE_COUNT',
    params: { reached, stage, expected, date, ratio },
  });
}
