/**
 * 亮灯: four lamps per project as of a day — start on time (开工), pace against the planned
 * milestones (形象进度), funds completed against the year's plan, and statistical registration
 * (入统) — each green, yellow, red or grey (not applicable), each with its reason as a code and
 * figures (lamp-why.ts).
 */
import { addDays, daysBetween, daysInMonth, isoDate } from '../plan/dates.js';
import { deriveHealthFromRatio } from '../plan/health.js';
import type { HealthThresholds } from '../plan/thresholds.js';
import { DEFAULT_HEALTH_CONFIG } from '../plan/thresholds.js';
import { completedBetween, findAnnualPlan, plannedThrough } from './investment.js';
import type { LampWhy } from './lamp-why.js';
import { describeLampWhy } from './lamp-why.js';
import { reachedOn, roleStage } from './stages.js';
import type { LibraryProject, StageModel } from './types.js';

export type LampColor = 'green' | 'yellow' | 'red' | 'grey';
export type LampKind = 'start' | 'pace' | 'funds' | 'stats';

export interface Lamp {
  kind: LampKind;
  color: LampColor;
  why: LampWhy;
  /** describeLampWhy(why). */
  reason: string;
}

export interface ProjectLamps {
  start: Lamp;
  pace: Lamp;
  funds: Lamp;
  stats: Lamp;
  /** The worst of the four (red > yellow > green > grey). */
  overall: LampColor;
}

/** The settings behind the lamps; a jurisdiction may change any of them. */
export interface LampRules {
  /** The start lamp turns yellow this many days before the planned start. Default 30. */
  startWarnDays: number;
  /** A milestone this many days late or less is yellow, more is red. Default 30. */
  paceGraceDays: number;
  /** Completed / expected thresholds of the funds lamp; default the plan's 0.9 / 0.7. */
  funds: HealthThresholds;
  /**
   * Total investment (万元) from which a project must be registered in fixed-asset investment
   * statistics (入统). Default 500 (计划总投资500万元及以上的项目纳入固定资产投资统计).
   */
  statsThreshold: number;
  /** Registration is due by the end of the month this many months after the start month. Default 1. */
  statsGraceMonths: number;
}

export const DEFAULT_LAMP_RULES: Readonly<LampRules> = Object.freeze({
  startWarnDays: 30,
  paceGraceDays: 30,
  funds: DEFAULT_HEALTH_CONFIG.thresholds,
  statsThreshold: 500,
  statsGraceMonths: 1,
});

const RANK: Record<LampColor, number> = { grey: 0, green: 1, yellow: 2, red: 3 };

function lamp(kind: LampKind, color: LampColor, why: LampWhy): Lamp {
  return { kind, color, why, reason: describeLampWhy(why) };
}

/** Reached on or before `date`, else undefined. */
function reachedBy(model: StageModel, project: Pick<LibraryProject, 'history'>, stage: string, date: string) {
  const on = reachedOn(model, project, stage);
  return on !== undefined && on <= date ? on : undefined;
}

/** The last day of the month `months` after the month of `date`. */
function endOfMonthAfter(date: string, months: number): string {
  const total = Number(date.slice(0, 4)) * 12 + Number(date.slice(5, 7)) - 1 + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  return isoDate(year, month, daysInMonth(year, month));
}

/**
 * The start lamp: green when started on time or the start is not near, yellow when started late
 * or due within `startWarnDays`, red when past the planned start and not started.
 */
export function deriveStartLamp(
  project: LibraryProject,
  model: StageModel,
  date: string,
  rules: LampRules = DEFAULT_LAMP_RULES,
): Lamp {
  if (project.exited && project.exited.date <= date)
    return lamp('start', 'grey', { code: 'EXITED', params: { date: project.exited.date } });
  const started = roleStage(model, 'started').id;
  const actual = reachedBy(model, project, started, date);
  const planned = project.milestones.find((m) => m.stage === started)?.planned;
  if (planned === undefined) {
    return actual
      ? lamp('start', 'green', { code: 'STARTED', params: { actual } })
      : lamp('start', 'grey', { code: 'NO_PLANNED_START', params: {} });
  }
  if (actual) {
    return actual <= planned
      ? lamp('start', 'green', { code: 'STARTED_ON_TIME', params: { planned, actual } })
      : lamp('start', 'yellow', {
          code: 'STARTED_LATE',
          params: { planned, actual, days: daysBetween(planned, actual) },
        });
  }
  const left = daysBetween(date, planned);
  if (left < 0) return lamp('start', 'red', { code: 'START_OVERDUE', params: { planned, days: -left } });
  if (left <= rules.startWarnDays)
    return lamp('start', 'yellow', { code: 'START_DUE_SOON', params: { planned, days: left } });
  return lamp('start', 'green', { code: 'START_NOT_DUE', params: { planned, days: left } });
}

/**
 * The pace lamp (形象进度 against the planned milestones): green when every milestone due by `date`
 * was reached by then, yellow when the oldest missed one is at most `paceGraceDays` late, red beyond.
 */
export function derivePaceLamp(
  project: LibraryProject,
  model: StageModel,
  date: string,
  rules: LampRules = DEFAULT_LAMP_RULES,
): Lamp {
  if (project.exited && project.exited.date <= date)
    return lamp('pace', 'grey', { code: 'EXITED', params: { date: project.exited.date } });
  if (project.milestones.length === 0) return lamp('pace', 'grey', { code: 'NO_MILESTONES', params: {} });
  const sorted = [...project.milestones].sort((a, b) => a.planned.localeCompare(b.planned));
  const due = sorted.filter((m) => m.planned <= date);
  if (due.length === 0) {
    const next = sorted[0]!;
    return lamp('pace', 'green', {
      code: 'NO_MILESTONE_DUE',
      params: { stage: next.stage, planned: next.planned },
    });
  }
  const missed = due.filter((m) => !reachedBy(model, project, m.stage, date));
  if (missed.length === 0)
    return lamp('pace', 'green', { code: 'MILESTONES_MET', params: { due: due.length, date } });
  const worst = missed[0]!;
  const days = daysBetween(worst.planned, date);
  const params = {
    stage: worst.stage,
    planned: worst.planned,
    days,
    due: due.length,
    reached: due.length - missed.length,
  };
  return lamp('pace', days > rules.paceGraceDays ? 'red' : 'yellow', { code: 'MILESTONE_LATE', params });
}

/**
 * The funds lamp: investment completed in the year's ended months against the plan's share for
 * them (the monthly spread, else a twelfth a month), coloured by the thresholds.
 */
export function deriveFundsLamp(
  project: LibraryProject,
  date: string,
  rules: LampRules = DEFAULT_LAMP_RULES,
): Lamp {
  if (project.exited && project.exited.date <= date)
    return lamp('funds', 'grey', { code: 'EXITED', params: { date: project.exited.date } });
  const year = Number(date.slice(0, 4));
  const plan = findAnnualPlan(project, year);
  if (!plan || plan.planned <= 0) return lamp('funds', 'grey', { code: 'NO_ANNUAL_PLAN', params: { year } });
  // Months ended by `date`: the month of `date` counts once its last day is reached.
  const month = Number(date.slice(5, 7));
  const ended = addDays(date, 1).slice(5, 7) !== date.slice(5, 7) ? month : month - 1;
  const expected = plannedThrough(plan, ended);
  if (ended === 0 || expected <= 0)
    return lamp('funds', 'green', { code: 'FUNDS_NOTHING_DUE', params: { date } });
  const through = `${year}-${String(ended).padStart(2, '0')}`;
  const completed = completedBetween(project, `${year}-01`, through);
  const ratio = completed / expected;
  const health = deriveHealthFromRatio(ratio, rules.funds);
  const color: LampColor = health === 'on_track' ? 'green' : health === 'at_risk' ? 'yellow' : 'red';
  return lamp('funds', color, {
    code: 'FUNDS_VS_PLAN',
    params: { completed, expected, planned: plan.planned, through, ratio },
  });
}

/**
 * The 入统 lamp: green once registered; grey below the threshold or before the start; yellow from
 * the start to the end of the month `statsGraceMonths` after it; red after that unregistered.
 */
export function deriveStatsLamp(
  project: LibraryProject,
  model: StageModel,
  date: string,
  rules: LampRules = DEFAULT_LAMP_RULES,
): Lamp {
  if (project.exited && project.exited.date <= date)
    return lamp('stats', 'grey', { code: 'EXITED', params: { date: project.exited.date } });
  if (project.statsRegisteredOn !== null && project.statsRegisteredOn <= date)
    return lamp('stats', 'green', { code: 'REGISTERED', params: { date: project.statsRegisteredOn } });
  if (project.totalInvestment === null || project.totalInvestment < rules.statsThreshold)
    return lamp('stats', 'grey', { code: 'STATS_NOT_REQUIRED', params: { threshold: rules.statsThreshold } });
  const started = reachedBy(model, project, roleStage(model, 'started').id, date);
  if (!started) return lamp('stats', 'grey', { code: 'STATS_NOT_YET', params: {} });
  const due = endOfMonthAfter(started, rules.statsGraceMonths);
  return date <= due
    ? lamp('stats', 'yellow', { code: 'REGISTRATION_DUE', params: { started, due } })
    : lamp('stats', 'red', { code: 'NOT_REGISTERED', params: { started, due } });
}

/**
 * The four lamps of a project as of `date`, and the worst of them.
 * @example
 * deriveLamps(project, DEFAULT_STAGE_MODEL, '2022-07-15').start.why // { code: 'START_OVERDUE', params: { planned: '2022-06-30', days: 15 } }
 */
export function deriveLamps(
  project: LibraryProject,
  model: StageModel,
  date: string,
  rules: LampRules = DEFAULT_LAMP_RULES,
): ProjectLamps {
  const start = deriveStartLamp(project, model, date, rules);
  const pace = derivePaceLamp(project, model, date, rules);
  const funds = deriveFundsLamp(project, date, rules);
  const stats = deriveStatsLamp(project, model, date, rules);
  const overall = [start, pace, funds, stats].reduce<LampColor>(
    (worst, l) => (RANK[l.color] > RANK[worst] ? l.color : worst),
    'grey',
  );
  return { start, pace, funds, stats, overall };
}
