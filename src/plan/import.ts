/**
 * A report's extraction → the rows of a plan, ready for the store to write in one
 * transaction. Pure: no I/O, no clock. Rows point at each other by index into these arrays;
 * the store turns indexes into ids.
 */
import { AppError } from '../errors.js';
import { listSentences } from '../report/sentences.js';
import type { Comparator, Extraction, Item, ItemKind, ReportMeta, Span } from '../report/types.js';
import { deriveBaselines } from './baseline.js';
import type { Direction, PlanState, ProjectStage } from './types.js';

/** What the caller knows beyond the report. */
export interface PlanImportOptions {
  sourceName: string;
  /** Overrides of what the report says. */
  year?: number;
  place?: string;
  state?: PlanState;
}

export interface PlanRowDraft {
  title: string;
  place: string;
  level: string;
  year: number;
  state: PlanState;
  meta: ReportMeta;
  sourceName: string;
}

export interface OutlineRowDraft {
  /** Index of the parent in `outline`, or null for a chapter. */
  parentIndex: number | null;
  level: 1 | 2 | 3;
  title: string;
  span: Span;
  /** Position among siblings, from 0. */
  position: number;
  weight: number;
}

export interface AchievementRowDraft {
  outlineIndex: number | null;
  metric: string;
  comparator: Comparator;
  value: number;
  unit: string;
  period: string;
  span: Span;
  quote: string;
}

export interface TaskRowDraft {
  outlineIndex: number | null;
  text: string;
  span: Span;
}

export interface TargetRowDraft {
  outlineIndex: number | null;
  taskIndex: number | null;
  metric: string;
  comparator: Comparator;
  value: number;
  unit: string;
  period: string;
  direction: Direction | null;
  span: Span;
  quote: string;
  sentence: string;
  /** Index in `achievements` of the baseline, or null. */
  baselineIndex: number | null;
}

export interface ProjectListRowDraft {
  taskIndex: number | null;
  stage: string;
  count: number | null;
  kind: ItemKind;
  span: Span;
}

export interface ProjectRowDraft {
  listIndex: number;
  taskIndex: number | null;
  name: string;
  stage: string;
  kind: ItemKind;
  span: Span;
  currentStage: ProjectStage;
}

/** Every row of a plan, from one extraction. */
export interface PlanImport {
  plan: PlanRowDraft;
  outline: OutlineRowDraft[];
  achievements: AchievementRowDraft[];
  tasks: TaskRowDraft[];
  targets: TargetRowDraft[];
  projectLists: ProjectListRowDraft[];
  projects: ProjectRowDraft[];
}

/**
 * Maps an extraction to plan rows: the outline as a tree (a heading's parent is the nearest
 * heading before it of a lower level), targets and achievements from items with the deepest
 * heading before them as outline node, tasks, project lists grouped by `listSpan`, projects,
 * and baselines linked from the report's own achievements (deriveBaselines).
 * Throws AppError BAD_INPUT when the plan's year cannot be told (not in the options, the
 * report or the file name).
 */
export function derivePlanImport(
  text: string,
  extraction: Extraction,
  options: PlanImportOptions,
): PlanImport {
  const meta = extraction.report;
  const year = options.year ?? meta.year ?? yearFromName(options.sourceName);
  if (year === undefined) {
    throw new AppError('BAD_INPUT', 'cannot tell the plan year from the report: give it (--year)', [
      { path: 'year', message: 'required when the report does not say' },
    ]);
  }
  const place = options.place ?? meta.place ?? '';
  const plan: PlanRowDraft = {
    title: meta.title ?? (place ? `${place}${year}年政府工作报告` : options.sourceName),
    place,
    level: meta.level ?? '',
    year,
    state: options.state ?? 'draft',
    meta,
    sourceName: options.sourceName,
  };

  const outline = deriveOutlineRows(extraction);
  const headingStarts = outline.map((node) => node.span[0]);
  const outlineIndexAt = (offset: number): number | null => {
    const i = lastAtOrBefore(headingStarts, offset);
    return i < 0 ? null : i;
  };

  const tasks: TaskRowDraft[] = extraction.tasks.map((task) => ({
    outlineIndex: outlineIndexAt(task.span[0]),
    text: task.text,
    span: task.span,
  }));
  const taskOfItem = new Map<number, number>();
  const taskOfProject = new Map<number, number>();
  extraction.tasks.forEach((task, taskIndex) => {
    for (const i of task.itemIndexes) if (!taskOfItem.has(i)) taskOfItem.set(i, taskIndex);
    for (const i of task.projectIndexes) if (!taskOfProject.has(i)) taskOfProject.set(i, taskIndex);
  });
  const taskOrder = extraction.tasks.map((_, i) => i).sort((a, b) => spanStart(a) - spanStart(b));
  const taskStarts = taskOrder.map(spanStart);
  const taskContaining = (span: Span): number | null => {
    const i = taskOrder[lastAtOrBefore(taskStarts, span[0])];
    const task = i === undefined ? undefined : extraction.tasks[i];
    return task && i !== undefined && span[0] < task.span[1] ? i : null;
  };
  function spanStart(taskIndex: number): number {
    return extraction.tasks[taskIndex]?.span[0] ?? 0;
  }

  const achievementItems = extraction.items.filter((item) => item.kind === 'achievement');
  const achievements: AchievementRowDraft[] = achievementItems.map((item) => ({
    outlineIndex: outlineIndexAt(item.span[0]),
    metric: item.metric,
    comparator: item.comparator,
    value: item.value,
    unit: item.unit,
    period: item.period,
    span: item.span,
    quote: item.quote,
  }));

  const sentences = listSentences(text);
  const sentenceStarts = sentences.map((s) => s.span[0]);
  const sentenceAt = (span: Span): string => {
    const s = sentences[lastAtOrBefore(sentenceStarts, span[0])];
    return s && span[0] < s.span[1] ? s.text : text.slice(span[0], span[1]);
  };
  const targetEntries = extraction.items
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => item.kind === 'target');
  const baselines = deriveBaselines(
    targetEntries.map(({ item }) => item),
    achievementItems,
  );
  const targets: TargetRowDraft[] = targetEntries.map(({ item, index }, i) => ({
    outlineIndex: outlineIndexAt(item.span[0]),
    taskIndex: taskOfItem.get(index) ?? taskContaining(item.span),
    metric: item.metric,
    comparator: item.comparator,
    value: item.value,
    unit: item.unit,
    period: item.period,
    direction: item.direction ?? deriveDirection(item),
    span: item.span,
    quote: item.quote,
    sentence: sentenceAt(item.span),
    baselineIndex: baselines[i] ?? null,
  }));

  const projectLists: ProjectListRowDraft[] = [];
  const listIndexBySpan = new Map<string, number>();
  const projects: ProjectRowDraft[] = extraction.projects.map((project, index) => {
    const key = `${project.listSpan[0]}:${project.listSpan[1]}`;
    let listIndex = listIndexBySpan.get(key);
    const taskIndex = taskOfProject.get(index) ?? taskContaining(project.span);
    if (listIndex === undefined) {
      listIndex = projectLists.length;
      listIndexBySpan.set(key, listIndex);
      projectLists.push({
        taskIndex,
        stage: project.stage,
        count: project.listCount ?? null,
        kind: project.kind,
        span: project.listSpan,
      });
    }
    return {
      listIndex,
      taskIndex,
      name: project.name,
      stage: project.stage,
      kind: project.kind,
      span: project.span,
      currentStage:
        project.kind === 'achievement'
          ? deriveProjectStage(project.stage)
          : deriveStartingStage(project.stage),
    };
  });

  return { plan, outline, achievements, tasks, targets, projectLists, projects };
}

/** Headings in text order as a tree; the parent is the nearest earlier heading of a lower level. */
function deriveOutlineRows(extraction: Extraction): OutlineRowDraft[] {
  const headings = [...extraction.outline].sort((a, b) => a.span[0] - b.span[0]);
  const rows: OutlineRowDraft[] = [];
  const childCount = new Map<number | null, number>();
  const open: (number | undefined)[] = [];
  for (const heading of headings) {
    let parentIndex: number | null = null;
    for (let level = heading.level - 1; level >= 1; level -= 1) {
      const candidate = open[level];
      if (candidate !== undefined) {
        parentIndex = candidate;
        break;
      }
    }
    const position = childCount.get(parentIndex) ?? 0;
    childCount.set(parentIndex, position + 1);
    const index = rows.length;
    rows.push({
      parentIndex,
      level: heading.level,
      title: heading.title,
      span: heading.span,
      position,
      weight: 1,
    });
    open[heading.level] = index;
    for (let level = heading.level + 1; level <= 3; level += 1) open[level] = undefined;
  }
  return rows;
}

/**
 * Rising (增长/提高) or falling (下降/控制在…以内) from the metric's words and the comparator;
 * null when neither says.
 */
export function deriveDirection(item: Pick<Item, 'metric' | 'comparator'>): Direction | null {
  if (/下降|降低|减少|净减|压减|削减|降至|控制/.test(item.metric) || item.comparator === '<=')
    return 'falling';
  if (
    /增长|提高|提升|增加|新增|增至|净增/.test(item.metric) ||
    item.comparator === '>=' ||
    item.comparator === '>'
  ) {
    return 'rising';
  }
  return null;
}

/** The pipeline stage a promised step names: "签约落地" → 签约, "开工建设" → 开工, "建成投用" → 建成投用. */
export function deriveProjectStage(step: string): ProjectStage {
  if (/投用|建成|竣工|开学|完工|运营|通车/.test(step)) return '建成投用';
  if (/开工|开复工|建设|施工/.test(step)) return '开工';
  if (/签约|落地|入驻|引进/.test(step)) return '签约';
  return '储备';
}

/**
 * Where a promised project stands when the year begins, from the step promised: a structure to
 * be capped (主体结构封顶) or building to go on (续建, 加快建设) is already under way (开工), so the
 * project never reads 储备 beside a quote its stage contradicts; any other promise starts from 储备.
 * @example deriveStartingStage('主体结构封顶') // '开工'
 */
export function deriveStartingStage(step: string): ProjectStage {
  return /封顶|续建|加快建设|主体建设|主体工程|装修|竣工验收/.test(step) ? '开工' : '储备';
}

function yearFromName(name: string): number | undefined {
  const match = /(?:^|\D)(20\d{2})(?:\D|$)/.exec(name);
  return match ? Number(match[1]) : undefined;
}

/** Index of the last value ≤ x in an ascending array, or -1. */
function lastAtOrBefore(sorted: number[], x: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? Infinity) <= x) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
