/**
 * Contradictions between what a plan's rows state and what their own quotes say (issue 14.6):
 * a project at 储备 beside "主体结构封顶", a result dated after the report's year, a promise due
 * before it, a target read as rising whose words say it falls. The rules are about how reports
 * are written, never about one report; the plan office resolves each after import (by moving the
 * stage, correcting the row), and a resolved one is no longer listed. Pure: rows in, list out.
 */
import { PROJECT_STAGES } from '../contract/constants.js';
import type { Achievement, Project, ProjectStage, Target } from './types.js';

/** Which rule a row breaks. */
export type ContradictionRule =
  | 'stage_behind_quote' // the quote says the project got further than its stage
  | 'direction_vs_metric' // the metric's words say falling and the target reads rising, or the reverse
  | 'promise_before_year' // a promise (target) due before the report's year
  | 'result_after_year'; // a result (achievement) dated after the report's year

export interface Contradiction {
  rule: ContradictionRule;
  subject: { type: 'project' | 'target' | 'achievement'; id: number };
  /** What the row is called (a project's name, a target's or result's metric). */
  name: string;
  /** The words of the report the row was read from. */
  quote: string;
  /** What the row states now: a stage, a direction, a period. */
  stated: string;
  /** What the quote implies instead. */
  implied: string;
}

/**
 * The least stage the words attest, as reports write it. A result (achievement) attests what it
 * names: 建成投用 for "建成/投用/竣工…", 开工 for "开工/封顶/续建…", 签约 for "签约/落地…". A promise
 * attests only that work is already under way (开工) when it promises what follows a start —
 * capping the structure, continuing or speeding up construction — since a start is not promised
 * of what has started.
 */
export function deriveAttestedStage(words: string, kind: 'target' | 'achievement'): ProjectStage | undefined {
  const underWay = /封顶|续建|加快建设|加快推进建设|主体建设|主体工程|主体结构|装修|竣工验收|在建/;
  if (kind === 'target') return underWay.test(words) ? '开工' : undefined;
  if (/建成|投用|竣工|完工|投产|开园|开学|开业|通车/.test(words)) return '建成投用';
  if (underWay.test(words) || /开工|开复工|动工|复工/.test(words)) return '开工';
  if (/签约|落地|引进|落户/.test(words)) return '签约';
  return undefined;
}

const yearsOf = (period: string): number[] => (period.match(/20\d{2}/g) ?? []).map(Number);

function metricDirection(metric: string): 'rising' | 'falling' | undefined {
  const falls = /下降|降低|减少|净减|压减|削减|降至/.test(metric);
  const rises = /增长|提高|提升|增加|新增|增至|净增/.test(metric);
  if (falls === rises) return undefined;
  return falls ? 'falling' : 'rising';
}

export interface ContradictionInput {
  year: number;
  projects: readonly Pick<Project, 'id' | 'name' | 'stage' | 'kind' | 'currentStage'>[];
  targets: readonly Pick<Target, 'id' | 'metric' | 'quote' | 'period' | 'direction'>[];
  achievements: readonly Pick<Achievement, 'id' | 'metric' | 'quote' | 'period'>[];
  /** A project's own words in the report (its span), when the text is at hand. */
  projectWords?: (project: Pick<Project, 'id'>) => string;
}

/**
 * Every contradiction of a plan's rows, projects first, each with the quote and what it implies.
 * @example
 * findContradictions({ year: 2022, projects: [{ id: 3, name: '国际研究型医院', stage: '主体结构封顶', kind: 'achievement', currentStage: '储备' }], targets: [], achievements: [] })
 * // [{ rule: 'stage_behind_quote', subject: { type: 'project', id: 3 }, stated: '储备', implied: '开工', … }]
 */
export function findContradictions(input: ContradictionInput): Contradiction[] {
  const found: Contradiction[] = [];
  for (const project of input.projects) {
    const words = `${project.stage} ${input.projectWords?.(project) ?? ''}`;
    const attested = deriveAttestedStage(words, project.kind === 'achievement' ? 'achievement' : 'target');
    if (
      attested !== undefined &&
      PROJECT_STAGES.indexOf(attested) > PROJECT_STAGES.indexOf(project.currentStage)
    ) {
      found.push({
        rule: 'stage_behind_quote',
        subject: { type: 'project', id: project.id },
        name: project.name,
        quote: project.stage,
        stated: project.currentStage,
        implied: attested,
      });
    }
  }
  for (const target of input.targets) {
    const says = metricDirection(target.metric);
    if (says !== undefined && target.direction !== null && target.direction !== says) {
      found.push({
        rule: 'direction_vs_metric',
        subject: { type: 'target', id: target.id },
        name: target.metric,
        quote: target.quote,
        stated: target.direction,
        implied: says,
      });
    }
    const years = yearsOf(target.period);
    if (years.length > 0 && Math.max(...years) < input.year) {
      found.push({
        rule: 'promise_before_year',
        subject: { type: 'target', id: target.id },
        name: target.metric,
        quote: target.quote,
        stated: target.period,
        implied: String(input.year),
      });
    }
  }
  for (const achievement of input.achievements) {
    const years = yearsOf(achievement.period);
    if (years.length > 0 && Math.min(...years) > input.year) {
      found.push({
        rule: 'result_after_year',
        subject: { type: 'achievement', id: achievement.id },
        name: achievement.metric,
        quote: achievement.quote,
        stated: achievement.period,
        implied: String(input.year),
      });
    }
  }
  return found;
}
