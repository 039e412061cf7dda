/**
 * The year-end review (对照表) as a pure computation: each target against what was achieved,
 * met or not under its comparator's meaning; tasks counted 超进度 / 达进度 / 欠进度 / 已完成;
 * project lists' counts reached against the count promised; unfinished tasks to carry over;
 * and a draft paragraph per chapter written from these rows with fixed templates — every
 * sentence lists the rows its figures come from, and nothing else goes into it.
 */
import type { TargetLike } from '../plan/expected.js';
import { deriveGoodSide, deriveTolerance, isAchieved, normalizeUnit } from '../plan/expected.js';
import type { TargetObservation } from '../plan/health.js';
import { deriveExpectedProgress, hasReachedStage, parseProjectStage } from '../plan/health.js';
import type { HealthTolerances } from '../plan/thresholds.js';
import { DEFAULT_HEALTH_CONFIG } from '../plan/thresholds.js';
import type { OutlineNode, Project, ProjectList, ProjectStage, Target, Task, Unit } from '../plan/types.js';
import { indexOutline, sortTasks } from './ledger.js';
import type { TargetActual } from './tables.js';
import { formatPromise } from './tables.js';
import type { PlanHeader } from './types.js';

export interface ReviewOptions {
  /** The plan's tolerances for 左右 and exact targets (the health config's; default ±5%, ±0.1%). */
  tolerances?: Partial<HealthTolerances>;
  /** Points of progress around 序时进度 that count as 达进度 (default 5). */
  progressMargin?: number;
  /** First day of the plan's year (default `${year}-01-01`). */
  startOn?: string;
}

export interface ReviewInput {
  plan: PlanHeader;
  /** The date the review speaks for (ISO), usually the year's last day. */
  asOf: string;
  outline: OutlineNode[];
  targets: Target[];
  /** Achieved value per target id (approved figures only). */
  actuals: Record<number, TargetActual | undefined>;
  tasks: Task[];
  units: Unit[];
  projectLists: ProjectList[];
  projects: Project[];
  options?: ReviewOptions;
}

/** A pointer from a sentence or row to the data it came from. */
export interface ReviewRef {
  kind: 'target' | 'task' | 'projectList' | 'project' | 'outline';
  id: number;
}

/** `not_due`: a multi-year target (2022-2026) whose end lies after the review's year: not judged yet. */
export type TargetVerdict = 'met' | 'exceeded' | 'not_met' | 'no_data' | 'unit_mismatch' | 'not_due';

export interface TargetReviewRow {
  targetId: number;
  chapterId: number | null;
  metric: string;
  /** "6.5%左右". */
  promise: string;
  comparator: Target['comparator'];
  value: number;
  unit: string;
  period: string;
  baseline: Target['baseline'];
  achieved: number | null;
  achievedUnit: string | null;
  verdict: TargetVerdict;
  /** True for met/exceeded, false for not_met, null when it cannot be judged. */
  met: boolean | null;
  /** Why, in words: the rule applied ("左右：|6.8−6.5| ≤ 0.33 或超出有利一侧"). */
  rule: string;
  leadUnit: string | null;
}

export type TaskProgressClass = '已完成' | '超进度' | '达进度' | '欠进度';

export interface TaskReviewRow {
  taskId: number;
  chapterId: number | null;
  text: string;
  progress: number;
  /** 序时进度 at `asOf`, 0–100. */
  expected: number;
  class: TaskProgressClass;
  leadUnit: string | null;
  deadline: string | null;
}

export interface ProjectListReviewRow {
  listId: number;
  chapterId: number | null;
  /** The step promised, as written ("签约落地"). */
  stage: string;
  /** The pipeline stage it means, when it can be told. */
  pipelineStage: ProjectStage | null;
  /** The list's count ("40个"), or the number of named projects when the text gives none. */
  promised: number;
  /** Named projects tracked in Luoshi for this list. */
  tracked: number;
  /** Of those, how many reached the promised stage (or a later one). */
  reached: number;
  met: boolean;
  projectIds: number[];
  names: string[];
}

export interface CarryOverRow {
  taskId: number;
  text: string;
  progress: number;
  state: Task['state'];
  leadUnitId: number | null;
  leadUnit: string | null;
  coUnitIds: number[];
  leader: string | null;
  deadline: string | null;
}

export interface ReviewSentence {
  text: string;
  refs: ReviewRef[];
}

export interface ChapterReview {
  /** null for items outside any chapter. */
  chapterId: number | null;
  /** "三、2022年重点任务". */
  heading: string;
  title: string;
  paragraph: ReviewSentence[];
}

export interface Review {
  plan: PlanHeader;
  asOf: string;
  targets: TargetReviewRow[];
  targetCounts: Record<TargetVerdict, number>;
  tasks: TaskReviewRow[];
  taskCounts: Record<TaskProgressClass, number> & { total: number };
  projectLists: ProjectListReviewRow[];
  carryOver: CarryOverRow[];
  summary: ReviewSentence[];
  chapters: ChapterReview[];
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * Judges one target with the domain's rules (plan/expected.ts `isAchieved`, so the review and
 * health never disagree): `>=` 以上, `>` 超过, `<=` 以内 as written; `~` 左右 and `=` within the
 * tolerance or beyond it on the good side. `exceeded` is an achieved `>=`, `~` or `=` target
 * beyond its value (and tolerance) on the good side. A figure in another unit cannot be judged.
 */
export function deriveTargetVerdict(
  t: TargetLike,
  actual: TargetActual | undefined,
  tolerances: Partial<HealthTolerances> = {},
): { verdict: TargetVerdict; rule: string } {
  if (!actual) return { verdict: 'no_data', rule: '尚无实际值' };
  if (actual.unit !== undefined && normalizeUnit(actual.unit) !== normalizeUnit(t.unit)) {
    return {
      verdict: 'unit_mismatch',
      rule: `实际值单位“${actual.unit}”与目标单位“${t.unit}”不一致，无法比较`,
    };
  }
  const tol = { ...DEFAULT_HEALTH_CONFIG.tolerances, ...tolerances };
  const a = actual.value;
  const v = t.value;
  const met = isAchieved(t, a, tol);
  const margin = round(deriveTolerance(t, tol), 6);
  const side = deriveGoodSide(t);
  const beyond = side === 'higher' ? a > v + margin : side === 'lower' ? a < v - margin : false;
  const exceeded = met && beyond && (t.comparator === '>=' || t.comparator === '~' || t.comparator === '=');
  const verdict: TargetVerdict = !met ? 'not_met' : exceeded ? 'exceeded' : 'met';
  const sideWord = side === 'higher' ? '越高越好' : side === 'lower' ? '越低越好' : '越接近越好';
  let rule: string;
  switch (t.comparator) {
    case '>=':
      rule = `以上：${a} ${a >= v ? '≥' : '<'} ${v}`;
      break;
    case '>':
      rule = `超过：${a} ${a > v ? '>' : '≤'} ${v}`;
      break;
    case '<=':
      rule = `以内：${a} ${a <= v ? '≤' : '>'} ${v}`;
      break;
    default: {
      const word = t.comparator === '~' ? '左右' : '等于';
      const within = Math.abs(round(a - v, 6)) <= margin;
      rule = within
        ? `${word}：|${a}−${v}| ≤ ${margin}`
        : `${word}：|${a}−${v}| > ${margin}，${sideWord}，${met ? '偏向有利一侧' : '偏向不利一侧'}`;
    }
  }
  return { verdict, rule };
}

/**
 * The verdict of a target in a given year: `not_due` for a multi-year target ending later
 * ("2022-2026" reviewed in 2022), else deriveTargetVerdict.
 */
export function deriveTargetOutcome(
  t: TargetLike,
  actual: TargetActual | undefined,
  year: number | undefined,
  tolerances?: Partial<HealthTolerances>,
): { verdict: TargetVerdict; rule: string } {
  const end = /^\d{4}-(\d{4})$/.exec(t.period)?.[1];
  if (year !== undefined && end !== undefined && Number(end) > year) {
    return { verdict: 'not_due', rule: `${t.period}年目标，期末为${end}年，本年度不作判定` };
  }
  return deriveTargetVerdict(t, actual, tolerances);
}

const VERDICT_WORDS: Record<TargetVerdict, string> = {
  met: '达到预期',
  exceeded: '超过预期',
  not_met: '未达到预期',
  no_data: '尚未报送实际数据',
  unit_mismatch: '实际值单位与目标不一致，需核实',
  not_due: '尚未到期',
};

export const TARGET_VERDICT_LABELS: Record<TargetVerdict, string> = {
  met: '达到',
  exceeded: '超过',
  not_met: '未达到',
  no_data: '无数据',
  unit_mismatch: '单位不一致',
  not_due: '未到期',
};

/**
 * The achieved value of each target as of `asOf`, from the domain's approved figures
 * (`deriveApprovedFigures(...).targets`): the latest observation on or before that date.
 */
export function deriveActuals(
  observations: ReadonlyMap<number, readonly TargetObservation[]>,
  asOf: string,
): Record<number, TargetActual> {
  const out: Record<number, TargetActual> = {};
  for (const [id, list] of observations) {
    const latest = list
      .filter((o) => o.asOf <= asOf)
      .sort((a, b) => a.asOf.localeCompare(b.asOf))
      .at(-1);
    if (latest) out[id] = { value: latest.value, asOf: latest.asOf };
  }
  return out;
}

/** Computes the whole review. Pure: same input, same output. */
export function deriveReview(input: ReviewInput): Review {
  const options = input.options ?? {};
  const margin = options.progressMargin ?? 5;
  const startOn = options.startOn ?? `${input.plan.year}-01-01`;
  const yearEnd = `${input.plan.year}-12-31`;
  const index = indexOutline(input.outline);
  const unitName = new Map(input.units.map((u) => [u.id, u.name]));
  const nameOf = (id: number | null) => (id === null ? null : (unitName.get(id) ?? null));
  const tasksById = new Map(input.tasks.map((t) => [t.id, t]));
  const chapterIdOf = (nodeId: number | null) => index.chapterOf(nodeId)?.id ?? null;

  // Targets
  const targets: TargetReviewRow[] = input.targets.map((t) => {
    const actual = input.actuals[t.id];
    const { verdict, rule } = deriveTargetOutcome(t, actual, input.plan.year, options.tolerances);
    const taskNode = t.taskId !== null ? (tasksById.get(t.taskId)?.outlineNodeId ?? null) : null;
    return {
      targetId: t.id,
      chapterId: chapterIdOf(t.outlineNodeId) ?? chapterIdOf(taskNode),
      metric: t.metric,
      promise: formatPromise(t),
      comparator: t.comparator,
      value: t.value,
      unit: t.unit,
      period: t.period,
      baseline: t.baseline,
      achieved: actual?.value ?? null,
      achievedUnit: actual ? (actual.unit ?? t.unit) : null,
      verdict,
      met: verdict === 'met' || verdict === 'exceeded' ? true : verdict === 'not_met' ? false : null,
      rule,
      leadUnit: nameOf(t.leadUnitId),
    };
  });
  const targetCounts: Record<TargetVerdict, number> = {
    met: 0,
    exceeded: 0,
    not_met: 0,
    no_data: 0,
    unit_mismatch: 0,
    not_due: 0,
  };
  for (const r of targets) targetCounts[r.verdict]++;

  // Tasks
  const ordered = sortTasks(input.tasks, index);
  const tasks: TaskReviewRow[] = ordered.map((t) => {
    const expected = round(
      deriveExpectedProgress({ start: startOn, deadline: t.deadline ?? yearEnd }, input.asOf),
      1,
    );
    let cls: TaskProgressClass;
    if (t.state === 'done' || t.state === 'closed') cls = '已完成';
    else if (t.progress > expected + margin) cls = '超进度';
    else if (t.progress >= expected - margin) cls = '达进度';
    else cls = '欠进度';
    return {
      taskId: t.id,
      chapterId: chapterIdOf(t.outlineNodeId),
      text: t.text,
      progress: t.progress,
      expected,
      class: cls,
      leadUnit: nameOf(t.leadUnitId),
      deadline: t.deadline,
    };
  });
  const taskCounts = { 已完成: 0, 超进度: 0, 达进度: 0, 欠进度: 0, total: tasks.length };
  for (const r of tasks) taskCounts[r.class]++;

  // Project lists
  const projectLists: ProjectListReviewRow[] = input.projectLists.map((l) => {
    const members = input.projects.filter((p) => p.listId === l.id);
    const stage = parseProjectStage(l.stage) ?? null;
    const reachedProjects = stage ? members.filter((p) => hasReachedStage(p, stage, input.asOf)) : [];
    const promised = l.count ?? members.length;
    const taskNode = l.taskId !== null ? (tasksById.get(l.taskId)?.outlineNodeId ?? null) : null;
    return {
      listId: l.id,
      chapterId: chapterIdOf(taskNode),
      stage: l.stage,
      pipelineStage: stage,
      promised,
      tracked: members.length,
      reached: reachedProjects.length,
      met: stage !== null && reachedProjects.length >= promised,
      projectIds: members.map((p) => p.id),
      names: members.map((p) => p.name),
    };
  });

  // Carry-over: what is not done or closed moves to next year with its owners.
  const carryOver: CarryOverRow[] = ordered
    .filter((t) => t.state !== 'done' && t.state !== 'closed')
    .map((t) => ({
      taskId: t.id,
      text: t.text,
      progress: t.progress,
      state: t.state,
      leadUnitId: t.leadUnitId,
      leadUnit: nameOf(t.leadUnitId),
      coUnitIds: t.coUnitIds,
      leader: t.leader,
      deadline: t.deadline,
    }));

  // Text
  const summary: ReviewSentence[] = [];
  if (targets.length > 0) summary.push(targetsSentence(`${input.plan.year}年确定的`, targets));
  if (tasks.length > 0) summary.push(tasksSentence('部署', tasks));
  if (carryOver.length > 0) {
    summary.push({
      text: `未完成的${carryOver.length}项任务结转下一年度，由原牵头单位继续推进。`,
      refs: carryOver.map((c) => ({ kind: 'task', id: c.taskId })),
    });
  }

  const chapterIds: (number | null)[] = [...index.chapters.map((c) => c.id), null];
  const chapters: ChapterReview[] = [];
  for (const chapterId of chapterIds) {
    const ts = targets.filter((r) => r.chapterId === chapterId);
    const ks = tasks.filter((r) => r.chapterId === chapterId);
    const ls = projectLists.filter((r) => r.chapterId === chapterId);
    if (ts.length + ks.length + ls.length === 0) continue;
    const node = chapterId === null ? undefined : index.byId.get(chapterId);
    const title = node?.title ?? '其他事项';
    const paragraph: ReviewSentence[] = [];
    const lead = `${title}方面，`;
    if (ks.length > 0) {
      const s = tasksSentence('部署', ks);
      paragraph.push({ text: lead + s.text, refs: s.refs });
    }
    if (ts.length > 0) {
      const s = targetsSentence('涉及', ts);
      paragraph.push({ text: (paragraph.length === 0 ? lead : '') + s.text, refs: s.refs });
      for (const r of ts) paragraph.push(targetDetailSentence(r));
    }
    for (const l of ls) paragraph.push(projectListSentence(l));
    const behind = ks.filter((r) => r.class === '欠进度');
    if (behind.length > 0) {
      paragraph.push({
        text: `欠进度的${behind.length}项任务为：${behind.map((r) => `${shorten(r.text)}（进度${r.progress}%，序时进度${r.expected}%）`).join('；')}。`,
        refs: behind.map((r) => ({ kind: 'task', id: r.taskId })),
      });
    }
    chapters.push({
      chapterId,
      heading: node ? `${index.label.get(node.id) ?? ''}${title}` : title,
      title,
      paragraph,
    });
  }

  return {
    plan: input.plan,
    asOf: input.asOf,
    targets,
    targetCounts,
    tasks,
    taskCounts,
    projectLists,
    carryOver,
    summary,
    chapters,
  };
}

/** The first clause of a task sentence, for naming it in a paragraph. */
function shorten(text: string): string {
  const first = text.split(/[，。；]/)[0] ?? text;
  return first.length > 30 ? `${first.slice(0, 30)}…` : first;
}

function targetsSentence(verb: string, rows: TargetReviewRow[]): ReviewSentence {
  const count = (v: TargetVerdict) => rows.filter((r) => r.verdict === v).length;
  const met = count('met') + count('exceeded');
  const parts = [`${met}项达到或超过预期`];
  if (count('exceeded') > 0) parts[0] += `（其中超过预期${count('exceeded')}项）`;
  if (count('not_met') > 0) parts.push(`${count('not_met')}项未达到预期`);
  if (count('no_data') > 0) parts.push(`${count('no_data')}项尚无实际数据`);
  if (count('unit_mismatch') > 0) parts.push(`${count('unit_mismatch')}项单位不一致待核实`);
  if (count('not_due') > 0) parts.push(`${count('not_due')}项为多年期目标尚未到期`);
  return {
    text: `${verb}${rows.length}项指标，${parts.join('，')}。`,
    refs: rows.map((r) => ({ kind: 'target', id: r.targetId })),
  };
}

function tasksSentence(verb: string, rows: TaskReviewRow[]): ReviewSentence {
  const count = (c: TaskProgressClass) => rows.filter((r) => r.class === c).length;
  const parts = (['已完成', '超进度', '达进度', '欠进度'] as const)
    .filter((c) => count(c) > 0)
    .map((c) => `${c}${count(c)}项`);
  return {
    text: `${verb}重点任务${rows.length}项，其中${parts.join('，')}。`,
    refs: rows.map((r) => ({ kind: 'task', id: r.taskId })),
  };
}

function targetDetailSentence(r: TargetReviewRow): ReviewSentence {
  const baseline = r.baseline ? `（${r.baseline.period}年为${r.baseline.value}${r.baseline.unit}）` : '';
  const refs: ReviewRef[] = [{ kind: 'target', id: r.targetId }];
  if (r.verdict === 'not_due') {
    const now = r.achieved === null ? '' : `目前为${r.achieved}${r.achievedUnit ?? ''}，`;
    return {
      text: `${r.metric}预期${r.promise}${baseline}，为${r.period}年目标，${now}${VERDICT_WORDS.not_due}。`,
      refs,
    };
  }
  if (r.achieved === null) {
    return { text: `${r.metric}预期${r.promise}${baseline}，${VERDICT_WORDS.no_data}。`, refs };
  }
  return {
    text: `${r.metric}预期${r.promise}${baseline}，实际${r.achieved}${r.achievedUnit ?? ''}，${VERDICT_WORDS[r.verdict]}。`,
    refs,
  };
}

function projectListSentence(l: ProjectListReviewRow): ReviewSentence {
  const refs: ReviewRef[] = [
    { kind: 'projectList', id: l.listId },
    ...l.projectIds.map((id) => ({ kind: 'project' as const, id })),
  ];
  const named =
    l.names.length > 0 ? `${l.names.slice(0, 2).join('、')}${l.names.length > 2 ? '等' : ''}` : '';
  if (l.pipelineStage === null) {
    return { text: `承诺${l.stage}项目${l.promised}个，环节无法对应到项目流程，需人工核实。`, refs };
  }
  return {
    text: `承诺${l.stage}项目${l.promised}个，在库跟踪${l.tracked}个${named ? `（${named}）` : ''}，已${l.pipelineStage === '建成投用' ? '建成投用' : l.pipelineStage}${l.reached}个，${l.met ? '完成承诺' : `距承诺尚差${l.promised - l.reached}个`}。`,
    refs,
  };
}
