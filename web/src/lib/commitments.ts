import type { Health, Project, Target, Task, Unit } from '../api/types';

/** One public commitment: what was promised, where the report says it, and where it stands. */
export interface Commitment {
  key: string;
  kind: 'target' | 'task' | 'project';
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

/** The plan's commitments in report order: targets, tasks and projects together. */
export function deriveCommitments(
  input: { targets: Target[]; tasks: Task[]; projects: Project[] },
  units: Map<number, Unit>,
  text?: string,
  /** Computed health by "kind:id", once tracking (issue 4) supplies it; targets show it as status. */
  health?: Map<string, Health>,
): Commitment[] {
  const unitName = (id: number | null) => (id === null ? null : (units.get(id)?.name ?? null));
  const sentenceAt = (span: [number, number]) => (text ? sentenceAround(text, span) : '');
  const taskById = new Map(input.tasks.map((task) => [task.id, task]));
  const rows: Commitment[] = [];
  for (const target of input.targets) {
    rows.push({
      key: `target:${target.id}`,
      kind: 'target',
      id: target.id,
      title: target.metric,
      source: target.sentence || target.quote,
      status: health?.get(`target:${target.id}`) ?? 'no_data',
      leadUnit: unitName(target.leadUnitId),
      deadline: target.deadline,
      value: target.value,
      unit: target.unit,
      comparator: target.comparator,
      period: target.period,
      start: target.span[0],
    });
  }
  for (const task of input.tasks) {
    rows.push({
      key: `task:${task.id}`,
      kind: 'task',
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
    rows.push({
      key: `project:${project.id}`,
      kind: 'project',
      id: project.id,
      title: `${project.name}（${project.stage}）`,
      source: task?.text ?? sentenceAt(project.span),
      status: project.currentStage,
      leadUnit: task ? unitName(task.leadUnitId) : null,
      deadline: task?.deadline ?? null,
      start: project.span[0],
    });
  }
  return rows.sort((a, b) => a.start - b.start || a.kind.localeCompare(b.kind));
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
