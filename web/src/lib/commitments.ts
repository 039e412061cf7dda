import type { Achievement, Health, Project, Target, Task, Unit } from '../api/types';
import { groupHeadlineTargets, periodKind } from './headline';
import { periodEndOf } from './item-trend';
import { parseStage, stageIndex } from './projects';

/**
 * Where a commitment is listed on the public page: the year's headline targets first, then the
 * key tasks with their targets and projects in the report's order, then promises for longer
 * periods (五年目标), and apart from all of them what the report says was already achieved.
 */
export type CommitmentGroup = 'headline' | 'task' | 'longTerm' | 'achievement';

/** The order the groups are shown in. */
export const COMMITMENT_GROUPS: readonly CommitmentGroup[] = ['headline', 'task', 'longTerm', 'achievement'];

/** One public commitment: what was promised, where the report says it, and where it stands. */
export interface Commitment {
  key: string;
  kind: 'target' | 'task' | 'project' | 'achievement';
  group: CommitmentGroup;
  /** Its deadline (or its period's end) has passed and it is not done: shown, never hidden. */
  overdue: boolean;
  id: number;
  /** What is promised, in the report's words. */
  title: string;
  /** The source sentence. */
  source: string;
  /** Lifecycle state or project stage, as a code the page translates (task) or as written. */
  status: string;
  leadUnit: string | null;
  deadline: string | null;
  /** Fields for targets: value as written. */
  value?: number;
  unit?: string;
  comparator?: string;
  period?: string;
  start: number;
}

const SENTENCE_END = /[。；;！!？?\n]/;

/**
 * The sentence holding [start, end): back to the previous sentence end (。；！？ or a line
 * break) and on to the next one, included.
 * @example sentenceAround('一。建设A项目、B项目。二。', [2, 5]) // '建设A项目、B项目。'
 */
export function sentenceAround(text: string, [start, end]: [number, number]): string {
  let from = start;
  while (from > 0 && !SENTENCE_END.test(text[from - 1]!)) from -= 1;
  let to = end;
  while (to < text.length && !SENTENCE_END.test(text[to - 1] ?? '')) to += 1;
  return text.slice(from, to).trim();
}

const FINISHED_HEALTH: ReadonlySet<string> = new Set(['done', 'on_track']);

/** How many of the year's targets lead the page, as on the dashboard's 主要预期目标. */
export const HEADLINE_MAX = 12;

/** A chapter of the report (level 1 of the outline): its title and where its heading starts. */
export interface Chapter {
  title: string;
  start: number;
}

/**
 * What a chapter of a 政府工作报告 holds, by the words every such report titles it with:
 * the review of past years (过去五年工作回顾, 2021年工作回顾), the outlook for the coming years
 * (今后五年的工作目标, "十四五"时期), or the year's work.
 * @example chapterKind('过去五年工作回顾', 2022) // 'review'
 */
export function chapterKind(title: string, year: number | undefined): 'review' | 'longTerm' | 'year' {
  if (/回顾|过去/.test(title)) return 'review';
  if (year !== undefined && title.includes(String(year))) return 'year';
  if (/今后|五年|十四五|中长期|远景/.test(title)) return 'longTerm';
  return 'year';
}

/**
 * The plan's commitments, grouped (CommitmentGroup) and in report order within each group:
 * the year's headline targets lead (the same ones as the dashboard's 主要预期目标), then the
 * year's tasks with their targets and projects; what the outlook chapter promises for five
 * years (or a target's period of several years) is long-term; what the review chapter says was
 * done — and every project the report names as done — is an achievement, never a promise.
 * `today` decides what is overdue.
 */
export function deriveCommitments(
  input: { targets: Target[]; tasks: Task[]; projects: Project[]; achievements?: Achievement[] },
  units: Map<number, Unit>,
  text?: string,
  /** Computed health by "kind:id", once tracking (issue 4) supplies it; targets show it as status. */
  health?: Map<string, Health>,
  context: { year?: number; today?: string; chapters?: readonly Chapter[] } = {},
): Commitment[] {
  const { year, today } = context;
  const chapters = [...(context.chapters ?? [])].sort((a, b) => a.start - b.start);
  /** The kind of the chapter a place in the text lies in (before the first chapter: the year's). */
  const zoneAt = (start: number) => {
    const chapter = chapters.filter((c) => c.start <= start).at(-1);
    return chapter ? chapterKind(chapter.title, year) : 'year';
  };
  const ofYear = (target: Target) =>
    zoneAt(target.span[0]) === 'year' && (year === undefined || periodKind(target.period, year) === 'year');
  const headline = new Set(
    year === undefined
      ? []
      : groupHeadlineTargets(input.targets.filter(ofYear), year, HEADLINE_MAX).year.map((t) => t.id),
  );
  const unitName = (id: number | null) => (id === null ? null : (units.get(id)?.name ?? null));
  const sentenceAt = (span: [number, number]) => (text ? sentenceAround(text, span) : '');
  const taskById = new Map(input.tasks.map((task) => [task.id, task]));
  const past = (date: string | null | undefined) => Boolean(today && date && date < today);
  const yearEnd = year !== undefined ? `${year}-12-31` : null;
  const rows: Commitment[] = [];
  for (const target of input.targets) {
    const status = health?.get(`target:${target.id}`) ?? 'no_data';
    const end = target.deadline ?? periodEndOf(target.period);
    const zone = zoneAt(target.span[0]);
    rows.push({
      key: `target:${target.id}`,
      kind: 'target',
      group: headline.has(target.id)
        ? 'headline'
        : zone === 'review'
          ? 'achievement'
          : ofYear(target)
            ? 'task'
            : 'longTerm',
      overdue: past(end) && !FINISHED_HEALTH.has(status),
      id: target.id,
      title: target.metric,
      source: target.sentence || target.quote,
      status,
      leadUnit: unitName(target.leadUnitId),
      deadline: end,
      value: target.value,
      unit: target.unit,
      comparator: target.comparator,
      period: target.period,
      start: target.span[0],
    });
  }
  for (const task of input.tasks) {
    const zone = zoneAt(task.span[0]);
    rows.push({
      key: `task:${task.id}`,
      kind: 'task',
      group: zone === 'year' ? 'task' : zone === 'review' ? 'achievement' : 'longTerm',
      overdue: past(task.deadline ?? yearEnd) && task.state !== 'done' && task.state !== 'closed',
      id: task.id,
      title: task.text,
      source: task.text,
      status: task.state,
      leadUnit: unitName(task.leadUnitId),
      deadline: task.deadline,
      start: task.span[0],
    });
  }
  for (const project of input.projects) {
    const task = project.taskId === null ? undefined : taskById.get(project.taskId);
    const zone = zoneAt(project.span[0]);
    const achieved = project.kind === 'achievement' || zone === 'review';
    const due = task?.deadline ?? (zone === 'year' ? yearEnd : null);
    rows.push({
      key: `project:${project.id}`,
      kind: 'project',
      group: achieved ? 'achievement' : zone === 'longTerm' ? 'longTerm' : 'task',
      overdue:
        !achieved && past(due) && stageIndex(project.currentStage) < stageIndex(parseStage(project.stage)),
      id: project.id,
      title: `${project.name}（${project.stage}）`,
      source: task?.text ?? sentenceAt(project.span),
      status: achieved ? '' : project.currentStage,
      leadUnit: task ? unitName(task.leadUnitId) : null,
      deadline: achieved ? null : (task?.deadline ?? null),
      start: project.span[0],
    });
  }
  for (const achievement of input.achievements ?? []) {
    rows.push({
      key: `achievement:${achievement.id}`,
      kind: 'achievement',
      group: 'achievement',
      overdue: false,
      id: achievement.id,
      title: achievement.metric,
      source: sentenceAt(achievement.span) || achievement.quote,
      status: '',
      leadUnit: null,
      deadline: null,
      value: achievement.value,
      unit: achievement.unit,
      comparator: achievement.comparator,
      period: achievement.period,
      start: achievement.span[0],
    });
  }
  const order = (group: CommitmentGroup) => COMMITMENT_GROUPS.indexOf(group);
  return rows.sort(
    (a, b) => order(a.group) - order(b.group) || a.start - b.start || a.kind.localeCompare(b.kind),
  );
}

/** Case-insensitive search over title, source and lead unit. */
export function searchCommitments(rows: Commitment[], query: string): Commitment[] {
  const q = query.trim().toLowerCase();
  if (!q) return rows;
  return rows.filter(
    (row) =>
      row.title.toLowerCase().includes(q) ||
      row.source.toLowerCase().includes(q) ||
      (row.leadUnit ?? '').toLowerCase().includes(q),
  );
}

const CSV_COLUMNS: (keyof Commitment)[] = [
  'group',
  'kind',
  'id',
  'title',
  'value',
  'unit',
  'comparator',
  'period',
  'status',
  'leadUnit',
  'deadline',
  'overdue',
  'source',
];

function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Commitments as CSV (RFC 4180, CRLF), with a UTF-8 byte-order mark so Excel opens the Chinese
 * text correctly.
 */
export function toCsv(rows: Commitment[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const row of rows) lines.push(CSV_COLUMNS.map((column) => csvCell(row[column])).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** Offers `content` as a file download. */
export function downloadFile(name: string, content: string, type: string): void {
  const url = URL.createObjectURL(new Blob([content], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
