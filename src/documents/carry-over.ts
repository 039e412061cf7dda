/**
 * Next year's report against this year's plan: which targets recur (same metric), which tasks
 * and projects continue (same project name, similar sentence), each suggested with last
 * year's result; and which unfinished tasks have no continuation and should be carried over
 * with their owners. Pure: suggestions for a person to confirm, never applied silently.
 *
 * Similarity rules (chosen on the Changping 2022 report's own sentences, see the tests):
 * - metrics: equal after dropping scope and movement words (全区, 年均, 增长, 提高到…), or a
 *   character-bigram Dice ≥ 0.8 — so 城镇调查失业率 and 城镇登记失业率 (0.5) stay apart; units
 *   must agree (both % or the same written unit).
 * - tasks: cosine of character bigrams weighted by rarity (tf-idf over both years' tasks),
 *   taking the better of the whole sentence and its lead clause; ≥ 0.6. Plain bigram overlap
 *   scores real continuations (0.25) too close to unrelated tasks (0.10–0.17).
 * - projects: equal names after dropping punctuation and a final 项目, or Dice ≥ 0.8.
 * Links are one-to-one, best score first.
 */
import type { Extraction } from '../report/types.js';
import type { Project, Target, Task, TaskState } from '../plan/types.js';
import type { TargetVerdict } from './review.js';
import { deriveTargetOutcome } from './review.js';
import type { TargetActual } from './tables.js';
import { formatPromise } from './tables.js';

export interface CarryOverInput {
  last: {
    /** The year of last year's plan: multi-year targets ending later are `not_due`. */
    year?: number;
    targets: Target[];
    actuals?: Record<number, TargetActual | undefined>;
    tasks: Task[];
    projects: Project[];
  };
  next: Pick<Extraction, 'items' | 'tasks' | 'projects'>;
  options?: { metricThreshold?: number; taskThreshold?: number; projectThreshold?: number };
}

export interface TargetLink {
  /** Index into `next.items`. */
  nextIndex: number;
  nextQuote: string;
  lastTargetId: number;
  score: number;
  reason: string;
  last: { metric: string; promise: string; achieved: number | null; verdict: TargetVerdict };
}

export interface TaskLink {
  /** Index into `next.tasks`. */
  nextIndex: number;
  nextText: string;
  lastTaskId: number;
  score: number;
  reason: string;
  last: Pick<Task, 'text' | 'state' | 'progress' | 'leadUnitId' | 'coUnitIds' | 'leader' | 'deadline'>;
}

export interface ProjectLink {
  /** Index into `next.projects`. */
  nextIndex: number;
  nextName: string;
  lastProjectId: number;
  score: number;
  reason: string;
  last: Pick<Project, 'name' | 'stage' | 'currentStage' | 'stageDates'>;
}

export interface UnfinishedTask {
  lastTaskId: number;
  text: string;
  state: TaskState;
  progress: number;
  leadUnitId: number | null;
  coUnitIds: number[];
  leader: string | null;
  /** Index into `next.tasks` of the task that continues it, or null: carry it over as is. */
  continuedBy: number | null;
}

export interface CarryOverSuggestions {
  targets: TargetLink[];
  tasks: TaskLink[];
  projects: ProjectLink[];
  unfinished: UnfinishedTask[];
}

const PUNCT = /[\s\p{P}\p{S}]/gu;

/** Character bigrams with counts. */
function bigrams(text: string): Map<string, number> {
  const s = text.replace(PUNCT, '');
  const out = new Map<string, number>();
  if (s.length === 1) out.set(s, 1);
  for (let i = 0; i < s.length - 1; i++) {
    const g = s.slice(i, i + 2);
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** Dice coefficient of two texts' character bigrams, 0–1. */
export function bigramDice(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  let common = 0;
  let total = 0;
  for (const [g, n] of x) {
    common += Math.min(n, y.get(g) ?? 0);
    total += n;
  }
  for (const n of y.values()) total += n;
  return total === 0 ? 0 : (2 * common) / total;
}

/** A metric's core: 全区地区生产总值年均增长 → 地区生产总值. */
export function normaliseMetric(metric: string): string {
  return metric
    .replace(PUNCT, '')
    .replace(/^(全区|全市|全省|全国|全年|全县|力争|累计|年均|平均)+/, '')
    .replace(/(年均|平均)/g, '')
    .replace(/(增长|增速|提高到|提高|提升到|提升|达到|下降|降低|降到|降至|保持在|保持|控制在)+$/, '');
}

function normaliseProject(name: string): string {
  return name.replace(PUNCT, '').replace(/项目$/, '');
}

const isPercent = (unit: string) => unit === '%' || unit === '个百分点' || unit === '';

/** Greedy one-to-one matching, best score first (ties: earlier next item first). */
function assign<T extends { nextIndex: number; score: number }>(
  candidates: T[],
  lastKey: (c: T) => number,
): T[] {
  const sorted = [...candidates].sort((a, b) => b.score - a.score || a.nextIndex - b.nextIndex);
  const usedNext = new Set<number>();
  const usedLast = new Set<number>();
  const out: T[] = [];
  for (const c of sorted) {
    if (usedNext.has(c.nextIndex) || usedLast.has(lastKey(c))) continue;
    usedNext.add(c.nextIndex);
    usedLast.add(lastKey(c));
    out.push(c);
  }
  return out.sort((a, b) => a.nextIndex - b.nextIndex);
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** Suggests links from next year's extraction to this year's plan. */
export function deriveCarryOver(input: CarryOverInput): CarryOverSuggestions {
  const metricThreshold = input.options?.metricThreshold ?? 0.8;
  const taskThreshold = input.options?.taskThreshold ?? 0.6;
  const projectThreshold = input.options?.projectThreshold ?? 0.8;

  // Targets
  const targetCandidates: TargetLink[] = [];
  input.next.items.forEach((item, nextIndex) => {
    if (item.kind !== 'target') return;
    const core = normaliseMetric(item.metric);
    for (const t of input.last.targets) {
      const unitsAgree = t.unit === item.unit || (isPercent(t.unit) && isPercent(item.unit));
      if (!unitsAgree) continue;
      const lastCore = normaliseMetric(t.metric);
      const same = core !== '' && core === lastCore;
      const score = same ? 1 : bigramDice(core, lastCore);
      if (score < metricThreshold) continue;
      const actual = input.last.actuals?.[t.id];
      targetCandidates.push({
        nextIndex,
        nextQuote: item.quote,
        lastTargetId: t.id,
        score: round2(score),
        reason: same ? `same metric (${core})` : `similar metric (${lastCore} ~ ${core}, ${round2(score)})`,
        last: {
          metric: t.metric,
          promise: formatPromise(t),
          achieved: actual?.value ?? null,
          verdict: deriveTargetOutcome(t, actual, input.last.year).verdict,
        },
      });
    }
  });

  // Tasks: tf-idf weighted bigram cosine over both years' sentences.
  const lead = (text: string) => text.split(/[，,。；;：:]/)[0] ?? text;
  const corpus = [...input.last.tasks.map((t) => t.text), ...input.next.tasks.map((t) => t.text)];
  const df = new Map<string, number>();
  for (const text of corpus)
    for (const g of bigrams(text.replace(/\d/g, '')).keys()) df.set(g, (df.get(g) ?? 0) + 1);
  const n = corpus.length;
  const vector = (text: string) => {
    const v = new Map<string, number>();
    for (const [g, c] of bigrams(text.replace(/\d/g, ''))) v.set(g, c * Math.log(1 + n / (df.get(g) ?? 1)));
    return v;
  };
  const cosine = (a: Map<string, number>, b: Map<string, number>) => {
    let dot = 0;
    let x = 0;
    let y = 0;
    for (const [g, w] of a) {
      dot += w * (b.get(g) ?? 0);
      x += w * w;
    }
    for (const w of b.values()) y += w * w;
    return x === 0 || y === 0 ? 0 : dot / Math.sqrt(x * y);
  };
  const lastVectors = input.last.tasks.map((t) => ({
    whole: vector(t.text),
    lead: vector(lead(t.text)),
    leadLength: lead(t.text).length,
  }));
  const taskCandidates: TaskLink[] = [];
  input.next.tasks.forEach((nt, nextIndex) => {
    const whole = vector(nt.text);
    const nLead = lead(nt.text);
    const leadVector = vector(nLead);
    input.last.tasks.forEach((t, i) => {
      const lv = lastVectors[i]!;
      const wholeScore = cosine(whole, lv.whole);
      // A lead clause of a few characters ("坚持") says nothing; require 6 on both sides.
      const leadScore = nLead.length >= 6 && lv.leadLength >= 6 ? cosine(leadVector, lv.lead) : 0;
      const score = Math.max(wholeScore, leadScore);
      if (score < taskThreshold) return;
      taskCandidates.push({
        nextIndex,
        nextText: nt.text,
        lastTaskId: t.id,
        score: round2(score),
        reason:
          leadScore > wholeScore
            ? `similar lead clause (${round2(leadScore)})`
            : `similar sentence (${round2(wholeScore)})`,
        last: {
          text: t.text,
          state: t.state,
          progress: t.progress,
          leadUnitId: t.leadUnitId,
          coUnitIds: t.coUnitIds,
          leader: t.leader,
          deadline: t.deadline,
        },
      });
    });
  });

  // Projects
  const projectCandidates: ProjectLink[] = [];
  input.next.projects.forEach((np, nextIndex) => {
    const name = normaliseProject(np.name);
    for (const p of input.last.projects) {
      const lastName = normaliseProject(p.name);
      const same = name !== '' && name === lastName;
      const score = same ? 1 : bigramDice(name, lastName);
      if (score < projectThreshold) continue;
      projectCandidates.push({
        nextIndex,
        nextName: np.name,
        lastProjectId: p.id,
        score: round2(score),
        reason: same ? 'same project name' : `similar project name (${round2(score)})`,
        last: { name: p.name, stage: p.stage, currentStage: p.currentStage, stageDates: p.stageDates },
      });
    }
  });

  const tasks = assign(taskCandidates, (c) => c.lastTaskId);
  const continued = new Map(tasks.map((l) => [l.lastTaskId, l.nextIndex]));
  return {
    targets: assign(targetCandidates, (c) => c.lastTargetId),
    tasks,
    projects: assign(projectCandidates, (c) => c.lastProjectId),
    unfinished: input.last.tasks
      .filter((t) => t.state !== 'done' && t.state !== 'closed')
      .map((t) => ({
        lastTaskId: t.id,
        text: t.text,
        state: t.state,
        progress: t.progress,
        leadUnitId: t.leadUnitId,
        coUnitIds: t.coUnitIds,
        leader: t.leader,
        continuedBy: continued.get(t.id) ?? null,
      })),
  };
}
