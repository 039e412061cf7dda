/**
 * Why a project's lamp (亮灯) shows its colour, as a code with its figures (like plan/health-why.ts):
 * the web translates it and formats the figures; `describeLampWhy` gives the English sentence
 * API consumers read as `reason`. Dates are ISO dates, money 万元, `ratio` completed / expected.
 */

export type LampWhy =
  /** Any lamp: the project left the library. */
  | { code: 'EXITED'; params: { date: string } }
  /** Start: no planned start date. */
  | { code: 'NO_PLANNED_START'; params: Record<string, never> }
  /** Start: started, with no plan to compare. */
  | { code: 'STARTED'; params: { actual: string } }
  /** Start: started on or before the planned day. */
  | { code: 'STARTED_ON_TIME'; params: { planned: string; actual: string } }
  /** Start: started after the planned day. */
  | { code: 'STARTED_LATE'; params: { planned: string; actual: string; days: number } }
  /** Start: not started, the planned day is more than the warning window away. */
  | { code: 'START_NOT_DUE'; params: { planned: string; days: number } }
  /** Start: not started, the planned day is within the warning window. */
  | { code: 'START_DUE_SOON'; params: { planned: string; days: number } }
  /** Start: not started, past the planned day. */
  | { code: 'START_OVERDUE'; params: { planned: string; days: number } }
  /** Pace: no milestones planned. */
  | { code: 'NO_MILESTONES'; params: Record<string, never> }
  /** Pace: no milestone due yet; `next` is the first one ahead. */
  | { code: 'NO_MILESTONE_DUE'; params: { stage: string; planned: string } }
  /** Pace: every milestone due by `date` was reached. */
  | { code: 'MILESTONES_MET'; params: { due: number; date: string } }
  /** Pace: milestones due and not reached; the latest-overdue one named. */
  | {
      code: 'MILESTONE_LATE';
      params: { stage: string; planned: string; days: number; due: number; reached: number };
    }
  /** Funds: no plan for the year, or a plan of 0. */
  | { code: 'NO_ANNUAL_PLAN'; params: { year: number } }
  /** Funds: no month of the year has ended by `date`. */
  | { code: 'FUNDS_NOTHING_DUE'; params: { date: string } }
  /** Funds: completed against the plan's share through `through` (YYYY-MM). */
  | {
      code: 'FUNDS_VS_PLAN';
      params: { completed: number; expected: number; planned: number; through: string; ratio: number };
    }
  /** 入统: the total is below the statistics threshold (or unknown). */
  | { code: 'STATS_NOT_REQUIRED'; params: { threshold: number } }
  /** 入统: not started, nothing to register yet. */
  | { code: 'STATS_NOT_YET'; params: Record<string, never> }
  /** 入统: registered. */
  | { code: 'REGISTERED'; params: { date: string } }
  /** 入统: started, registration due by `due`. */
  | { code: 'REGISTRATION_DUE'; params: { started: string; due: string } }
  /** 入统: started and not registered by `due`. */
  | { code: 'NOT_REGISTERED'; params: { started: string; due: string } };

export type LampWhyCode = LampWhy['code'];

/** Every code, in the order above (for translations and their tests). */
export const LAMP_WHY_CODES: readonly LampWhyCode[] = [
  'EXITED',
  'NO_PLANNED_START',
  'STARTED',
  'STARTED_ON_TIME',
  'STARTED_LATE',
  'START_NOT_DUE',
  'START_DUE_SOON',
  'START_OVERDUE',
  'NO_MILESTONES',
  'NO_MILESTONE_DUE',
  'MILESTONES_MET',
  'MILESTONE_LATE',
  'NO_ANNUAL_PLAN',
  'FUNDS_NOTHING_DUE',
  'FUNDS_VS_PLAN',
  'STATS_NOT_REQUIRED',
  'STATS_NOT_YET',
  'REGISTERED',
  'REGISTRATION_DUE',
  'NOT_REGISTERED',
];

function round(n: number): string {
  return (Math.round(n * 100) / 100).toString();
}

function pct(n: number): string {
  return `${(Math.round(n * 1000) / 10).toString()}%`;
}

/**
 * The reason in one English sentence, figures rounded to two places.
 * @example
 * describeLampWhy({ code: 'START_OVERDUE', params: { planned: '2022-06-30', days: 12 } })
 * // 'Not started, 12 days past the planned start 2022-06-30'
 */
export function describeLampWhy(why: LampWhy): string {
  switch (why.code) {
    case 'EXITED':
      return `Left the library on ${why.params.date}`;
    case 'NO_PLANNED_START':
      return 'No planned start date';
    case 'STARTED':
      return `Started on ${why.params.actual}`;
    case 'STARTED_ON_TIME':
      return `Started on ${why.params.actual}, planned ${why.params.planned}`;
    case 'STARTED_LATE':
      return `Started on ${why.params.actual}, ${why.params.days} days after the planned ${why.params.planned}`;
    case 'START_NOT_DUE':
      return `Start planned for ${why.params.planned}, in ${why.params.days} days`;
    case 'START_DUE_SOON':
      return `Start due on ${why.params.planned}, in ${why.params.days} days`;
    case 'START_OVERDUE':
      return `Not started, ${why.params.days} days past the planned start ${why.params.planned}`;
    case 'NO_MILESTONES':
      return 'No milestones planned';
    case 'NO_MILESTONE_DUE':
      return `Next milestone ${why.params.stage} on ${why.params.planned}`;
    case 'MILESTONES_MET':
      return `All ${why.params.due} milestones due by ${why.params.date} reached`;
    case 'MILESTONE_LATE': {
      const p = why.params;
      return `${p.stage} planned for ${p.planned} not reached, ${p.days} days late (${p.reached} of ${p.due} due reached)`;
    }
    case 'NO_ANNUAL_PLAN':
      return `No investment plan for ${why.params.year}`;
    case 'FUNDS_NOTHING_DUE':
      return `No month of the year has ended by ${why.params.date}`;
    case 'FUNDS_VS_PLAN': {
      const p = why.params;
      return `${round(p.completed)} completed against ${round(p.expected)} planned through ${p.through} (of ${round(p.planned)} for the year): ${pct(p.ratio)}`;
    }
    case 'STATS_NOT_REQUIRED':
      return `Total investment below ${round(why.params.threshold)}: no statistical registration required`;
    case 'STATS_NOT_YET':
      return 'Not started: nothing to register yet';
    case 'REGISTERED':
      return `Registered in statistics on ${why.params.date}`;
    case 'REGISTRATION_DUE':
      return `Started on ${why.params.started}; registration due by ${why.params.due}`;
    case 'NOT_REGISTERED':
      return `Started on ${why.params.started} and not registered by ${why.params.due}`;
  }
}
