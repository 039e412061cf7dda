/**
 * Decidim accountability "results" CSV (see test/fixtures/interop/decidim/README.md): parse it
 * into a plan-shaped draft (results with children → outline nodes, the others → tasks), and
 * write a plan back in the exporter's column set (0.22–0.29), so that a city moving from
 * Decidim keeps its data and can go back.
 *
 * Parsing is all or nothing, like Decidim's importer: every bad line is reported as
 * "line N, column" (the header is line 1), and nothing is returned when there is one.
 */
import type { OutlineNode, Task, TaskState } from '../plan/types.js';
import { AppError } from '../errors.js';
import type { CsvValue } from './csv.js';
import { formatCsv, parseCsv, unescapeCsvFormula } from './csv.js';
import { ProblemList } from './xlsx.js';
import { sniffUpload } from './sniff.js';

export type Translated = Record<string, string>;

/** One row of the results CSV, as Decidim means it. */
export interface DecidimResult {
  /** The CSV id (Decidim's result id); null when the row has none (a new result). */
  id: number | null;
  parentId: number | null;
  title: Translated;
  /** HTML, per locale. */
  description: Translated;
  startDate: string | null;
  endDate: string | null;
  statusId: number | null;
  statusKey: string | null;
  statusName: Translated;
  /** 0–100. */
  progress: number | null;
  categoryId: number | null;
  categoryName: Translated;
  scopeId: number | null;
  scopeName: Translated;
  /** "2020-05-26 22:39:50 UTC", as written. */
  createdAt: string | null;
  url: string | null;
  componentId: number | null;
  /** As written (the exporter joins URLs with ", "). */
  proposalUrls: string;
  /** 1-based line of the row in the file. */
  line: number;
}

/** An outline node drafted from a result that has children. */
export interface DecidimOutlineDraft {
  key: string;
  sourceId: number;
  parentKey: string | null;
  level: 1 | 2 | 3;
  title: string;
  description: string;
  /** As imported; Decidim recomputes a parent's progress from its children, and so does Luoshi's roll-up. */
  progress: number | null;
  line: number;
}

/** A task drafted from a result without children. */
export interface DecidimTaskDraft {
  key: string;
  sourceId: number | null;
  outlineKey: string | null;
  text: string;
  description: string;
  progress: number | null;
  state: TaskState;
  startDate: string | null;
  deadline: string | null;
  statusId: number | null;
  statusKey: string | null;
  line: number;
}

export interface DecidimImport {
  /** The locale used for titles and texts. */
  locale: string;
  results: DecidimResult[];
  outline: DecidimOutlineDraft[];
  tasks: DecidimTaskDraft[];
}

export interface DecidimParseOptions {
  /** Locale whose title is required; default "en" if the file has it, else the first title column's. */
  defaultLocale?: string;
  /** The component's status ids; when given, `status/id` must be one of them. */
  statusIds?: number[];
  /** Result ids that already exist (a parent may be one of them rather than a row). */
  existingIds?: number[];
}

type TranslatedField = 'title' | 'description' | 'status/name' | 'category/name' | 'scope/name';

/**
 * Parses a results CSV. Throws AppError UNSUPPORTED_FORMAT for a workbook, a Word file or a
 * text that is not UTF-8, and BAD_INPUT with one detail per bad line ("line 3, title/en").
 *
 * @example parseDecidimResults(text).tasks[0]?.text // 'test en 70'
 */
export function parseDecidimResults(
  input: string | Uint8Array,
  options: DecidimParseOptions = {},
): DecidimImport {
  const text = typeof input === 'string' ? input : decodeUtf8(input);
  const { records, errors } = parseCsv(text, ';');
  const problems = new ProblemList();
  for (const e of errors) problems.add(`line ${e.line}`, e.message);
  const header = records[0];
  if (!header || header.fields.every((f) => f.value.trim() === '')) {
    throw new AppError('BAD_INPUT', 'the results CSV is empty', [
      { path: 'line 1', message: 'no header row' },
    ]);
  }
  const names = header.fields.map((f) => f.value.trim());
  const col = new Map<string, number>();
  names.forEach((n, i) => {
    if (col.has(n)) problems.add(`line 1, ${n}`, `column ${n} appears twice`);
    else col.set(n, i);
  });
  const localesOf = (prefix: string) =>
    names
      .filter((n) => n.startsWith(`${prefix}/`) && !n.slice(prefix.length + 1).includes('/'))
      .map((n) => n.slice(prefix.length + 1));
  const titleLocales = localesOf('title');
  if (!col.has('id')) problems.add('line 1, id', 'missing column id');
  if (titleLocales.length === 0) problems.add('line 1, title', 'missing title/<locale> columns');
  const locale = options.defaultLocale ?? (titleLocales.includes('en') ? 'en' : (titleLocales[0] ?? 'en'));
  if (titleLocales.length > 0 && !titleLocales.includes(locale)) {
    problems.add(`line 1, title/${locale}`, `missing column title/${locale} (the default locale)`);
  }
  problems.throwIfAny('BAD_INPUT', 'the results CSV was not imported');

  const results: DecidimResult[] = [];
  const seenIds = new Map<number, number>();
  for (const record of records.slice(1)) {
    const line = record.line;
    if (record.fields.length === 1 && record.fields[0]!.value.trim() === '' && !record.fields[0]!.quoted)
      continue;
    if (record.fields.length !== names.length) {
      problems.add(`line ${line}`, `${record.fields.length} fields, the header has ${names.length}`);
      continue;
    }
    const raw = (name: string): string => {
      const i = col.get(name);
      return i === undefined ? '' : unescapeCsvFormula(record.fields[i]!.value.trim());
    };
    const translated = (prefix: TranslatedField): Translated => {
      const out: Translated = {};
      for (const loc of localesOf(prefix)) {
        const v = raw(`${prefix}/${loc}`);
        if (v !== '') out[loc] = v;
      }
      return out;
    };
    const int = (name: string): number | null => {
      const v = raw(name);
      if (v === '') return null;
      if (!/^\d+$/.test(v)) {
        problems.add(`line ${line}, ${name}`, `${name} must be a whole number, got "${v}"`);
        return null;
      }
      return Number(v);
    };
    const date = (name: string): string | null => {
      const v = raw(name);
      if (v === '') return null;
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
      const ok = m && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
      if (!ok) {
        problems.add(`line ${line}, ${name}`, `${name} must be a date (YYYY-MM-DD), got "${v}"`);
        return null;
      }
      return v;
    };
    const id = int('id');
    const parentId = int('parent/id');
    const title = translated('title');
    if (!title[locale]) problems.add(`line ${line}, title/${locale}`, `title/${locale} is blank`);
    const statusId = int('status/id');
    if (statusId !== null && options.statusIds && !options.statusIds.includes(statusId)) {
      problems.add(`line ${line}, status/id`, `status ${statusId} is not a status of this component`);
    }
    let progress: number | null = null;
    const p = raw('progress');
    if (p !== '') {
      const n = Number(p);
      if (!/^-?\d+(\.\d+)?$/.test(p) || n < 0 || n > 100) {
        problems.add(`line ${line}, progress`, `progress must be a number from 0 to 100, got "${p}"`);
      } else progress = n;
    }
    const startDate = date('start_date');
    const endDate = date('end_date');
    if (startDate && endDate && endDate < startDate) {
      problems.add(`line ${line}, end_date`, `end_date ${endDate} is before start_date ${startDate}`);
    }
    if (id !== null) {
      const first = seenIds.get(id);
      if (first !== undefined)
        problems.add(`line ${line}, id`, `duplicate id ${id} (first on line ${first})`);
      else seenIds.set(id, line);
    }
    results.push({
      id,
      parentId,
      title,
      description: translated('description'),
      startDate,
      endDate,
      statusId,
      statusKey: raw('status/key') || null,
      statusName: translated('status/name'),
      progress,
      categoryId: int('category/id'),
      categoryName: translated('category/name'),
      scopeId: int('scope/id'),
      scopeName: translated('scope/name'),
      createdAt: raw('created_at') || null,
      url: raw('url') || null,
      componentId: int('component/id'),
      proposalUrls: raw('proposal_urls'),
      line,
    });
  }
  // Parents may come after their children; check them once every row is read.
  const existing = new Set(options.existingIds ?? []);
  for (const r of results) {
    if (r.parentId === null) continue;
    if (r.parentId === r.id) problems.add(`line ${r.line}, parent/id`, 'a result cannot be its own parent');
    else if (!seenIds.has(r.parentId) && !existing.has(r.parentId)) {
      problems.add(
        `line ${r.line}, parent/id`,
        `parent ${r.parentId} is neither a row of this file nor an existing result`,
      );
    }
  }
  problems.throwIfAny('BAD_INPUT', 'the results CSV was not imported');
  return { locale, results, ...draftPlan(results, locale) };
}

function decodeUtf8(bytes: Uint8Array): string {
  const sniff = sniffUpload(bytes);
  if (sniff.kind !== 'text' && sniff.kind !== 'empty') {
    throw new AppError('UNSUPPORTED_FORMAT', `expected a results CSV, got a ${sniff.kind} file`, [
      { path: 'file', message: `a ${sniff.kind} file, not CSV` },
    ]);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError(
      'UNSUPPORTED_FORMAT',
      `the results CSV is not UTF-8 (it looks like ${sniff.encoding ?? 'another encoding'}): Decidim exports UTF-8; re-save it as UTF-8`,
      [{ path: 'file', message: `encoding ${sniff.encoding ?? 'unknown'}, expected UTF-8` }],
    );
  }
}

/** Turns HTML into plain text: paragraphs and <br> become line breaks, entities decoded. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(p|div|li|h[1-6])>/gi, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

function stateOf(progress: number | null): TaskState {
  if (progress === null || progress <= 0) return 'not_started';
  return progress >= 100 ? 'done' : 'in_progress';
}

function pick(t: Translated, locale: string): string {
  return t[locale] ?? Object.values(t)[0] ?? '';
}

function draftPlan(results: DecidimResult[], locale: string): Pick<DecidimImport, 'outline' | 'tasks'> {
  const parents = new Set(results.map((r) => r.parentId).filter((p): p is number => p !== null));
  const byId = new Map(results.filter((r) => r.id !== null).map((r) => [r.id!, r]));
  const depth = (r: DecidimResult): number => {
    let d = 1;
    let cur = r;
    const seen = new Set<number>();
    while (cur.parentId !== null && byId.has(cur.parentId) && !seen.has(cur.parentId) && d < 3) {
      seen.add(cur.parentId);
      cur = byId.get(cur.parentId)!;
      d++;
    }
    return d;
  };
  const outline: DecidimOutlineDraft[] = [];
  const tasks: DecidimTaskDraft[] = [];
  for (const r of results) {
    const parentKey = r.parentId !== null && byId.has(r.parentId) ? `result:${r.parentId}` : null;
    if (r.id !== null && parents.has(r.id)) {
      outline.push({
        key: `result:${r.id}`,
        sourceId: r.id,
        parentKey,
        level: depth(r) as 1 | 2 | 3,
        title: pick(r.title, locale),
        description: htmlToText(pick(r.description, locale)),
        progress: r.progress,
        line: r.line,
      });
    } else {
      tasks.push({
        key: r.id !== null ? `result:${r.id}` : `line:${r.line}`,
        sourceId: r.id,
        outlineKey: parentKey,
        text: pick(r.title, locale),
        description: htmlToText(pick(r.description, locale)),
        progress: r.progress,
        state: stateOf(r.progress),
        startDate: r.startDate,
        deadline: r.endDate,
        statusId: r.statusId,
        statusKey: r.statusKey,
        line: r.line,
      });
    }
  }
  return { outline, tasks };
}

/** Ruby writes floats as 96.0 and 46.33; Decidim's exporter does so for progress. */
function rubyFloat(n: number | null): CsvValue {
  if (n === null) return null;
  return Number.isInteger(n) ? `${n}.0` : String(n);
}

/**
 * Writes results in the column set of Decidim's exporter (0.22–0.29): `id`, `category/id`,
 * `category/name/<loc>`, `scope/id`, `scope/name/<loc>`, `parent/id`, `title/<loc>`,
 * `description/<loc>`, `start_date`, `end_date`, `status/id`, `status/key`,
 * `status/name/<loc>`, `progress`, `created_at`, `url`, `component/id`, `proposal_urls`.
 * Blank strings are written `""` and missing values as nothing, as Ruby's CSV does; strings
 * starting with `= + - @` get a leading `'`.
 */
export function formatDecidimResults(results: DecidimResult[], locales: string[]): string {
  const loc = (prefix: string) => locales.map((l) => `${prefix}/${l}`);
  const header = [
    'id',
    'category/id',
    ...loc('category/name'),
    'scope/id',
    ...loc('scope/name'),
    'parent/id',
    ...loc('title'),
    ...loc('description'),
    'start_date',
    'end_date',
    'status/id',
    'status/key',
    ...loc('status/name'),
    'progress',
    'created_at',
    'url',
    'component/id',
    'proposal_urls',
  ];
  const tr = (t: Translated) => locales.map((l) => t[l] ?? '');
  const rows: CsvValue[][] = results.map((r) => [
    r.id,
    r.categoryId,
    ...tr(r.categoryName),
    r.scopeId,
    ...tr(r.scopeName),
    r.parentId,
    ...tr(r.title),
    ...tr(r.description),
    r.startDate,
    r.endDate,
    r.statusId,
    r.statusKey ?? '',
    ...tr(r.statusName),
    rubyFloat(r.progress),
    r.createdAt,
    r.url,
    r.componentId,
    r.proposalUrls,
  ]);
  return formatCsv([header, ...rows], { delimiter: ';', eol: '\n' });
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface PlanForDecidim {
  outline: OutlineNode[];
  tasks: Task[];
  /** Progress to publish per task (default: the task's own `progress`). */
  progress?: Record<number, number | undefined>;
  /** Locale code of the plan's texts (default "zh"). */
  locale?: string;
  /** Start date of every result (default: none). */
  startDate?: string | null;
}

/**
 * A plan as Decidim results: each chapter (level-1 outline node) becomes a parent result and
 * each task a child result under its chapter, since Decidim uses one level of children. Ids
 * are numbered 1…n (chapters first) because Decidim creates new results for unknown ids;
 * `sourceOf` maps them back. A chapter's progress is the average of its tasks', as Decidim
 * recomputes it.
 */
export function planToDecidimResults(input: PlanForDecidim): {
  results: DecidimResult[];
  sourceOf: Map<number, { kind: 'outline' | 'task'; id: number }>;
} {
  const locale = input.locale ?? 'zh';
  const byId = new Map(input.outline.map((n) => [n.id, n]));
  const chapterOf = (nodeId: number | null): OutlineNode | undefined => {
    let node = nodeId === null ? undefined : byId.get(nodeId);
    const seen = new Set<number>();
    while (node && node.parentId !== null && !seen.has(node.id)) {
      seen.add(node.id);
      node = byId.get(node.parentId) ?? node;
      if (seen.has(node.id)) break;
    }
    return node;
  };
  const chapters = input.outline.filter((n) => n.level === 1).sort((a, b) => a.position - b.position);
  const sourceOf = new Map<number, { kind: 'outline' | 'task'; id: number }>();
  const resultIdOfChapter = new Map<number, number>();
  let next = 1;
  const base = (): Omit<DecidimResult, 'id' | 'parentId' | 'title' | 'progress' | 'line'> => ({
    description: {},
    startDate: null,
    endDate: null,
    statusId: null,
    statusKey: null,
    statusName: {},
    categoryId: null,
    categoryName: {},
    scopeId: null,
    scopeName: {},
    createdAt: null,
    url: null,
    componentId: null,
    proposalUrls: '',
  });
  const progressOf = (t: Task) => input.progress?.[t.id] ?? t.progress;
  const tasksOf = new Map<number | null, Task[]>();
  for (const t of input.tasks) {
    const ch = chapterOf(t.outlineNodeId)?.id ?? null;
    const list = tasksOf.get(ch) ?? [];
    list.push(t);
    tasksOf.set(ch, list);
  }
  const results: DecidimResult[] = [];
  for (const ch of chapters) {
    const list = tasksOf.get(ch.id);
    if (!list) continue;
    const id = next++;
    resultIdOfChapter.set(ch.id, id);
    sourceOf.set(id, { kind: 'outline', id: ch.id });
    const avg = list.reduce((s, t) => s + progressOf(t), 0) / list.length;
    results.push({
      ...base(),
      id,
      parentId: null,
      title: { [locale]: ch.title },
      progress: Math.round(avg * 100) / 100,
      line: 0,
    });
  }
  const ordered = [...input.tasks].sort((a, b) => a.span[0] - b.span[0] || a.id - b.id);
  for (const t of ordered) {
    const id = next++;
    sourceOf.set(id, { kind: 'task', id: t.id });
    const ch = chapterOf(t.outlineNodeId);
    results.push({
      ...base(),
      id,
      parentId: ch ? (resultIdOfChapter.get(ch.id) ?? null) : null,
      // Decidim's title is short; the whole sentence goes into the description too.
      title: { [locale]: t.text.length > 150 ? `${t.text.slice(0, 149)}…` : t.text },
      description: { [locale]: `<p>${escapeHtml(t.text)}</p>` },
      startDate: input.startDate ?? null,
      endDate: t.deadline,
      progress: progressOf(t),
      line: 0,
    });
  }
  results.forEach((r, i) => (r.line = i + 2));
  return { results, sourceOf };
}
