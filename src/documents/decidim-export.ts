/**
 * Decidim accountability results out: a plan written in the column set of Decidim's exporter
 * (0.22–0.29), so that a city can go back to Decidim, or keep both in step.
 *
 * A plan imported from Decidim keeps its source (DecidimSource, stored with the plan): its
 * export writes every result under its own Decidim id, with its category, scope, start date,
 * status (id, key, names), descriptions and every locale as they came, and only what Luoshi
 * owns brought up to date (progress, end date, a title edited in Luoshi). Renumbering would
 * make Decidim's importer overwrite other results of the component, which match by id. An
 * unchanged plan writes back the very bytes it came from.
 */
import type { OutlineNode, Task } from '../plan/types.js';
import type { CsvValue } from './csv.js';
import { formatCsv } from './csv.js';
import type { DecidimImport, DecidimResult, Translated } from './decidim.js';
import { decidimTaskText, htmlToText, pickTranslated } from './decidim.js';

/** Ruby writes floats as 96.0 and 46.33; Decidim's exporter does so for progress. */
function rubyFloat(n: number | null): CsvValue {
  if (n === null) return null;
  return Number.isInteger(n) ? `${n}.0` : String(n);
}

/** The columns of Decidim's exporter (0.22–0.29) for these locales, in its order. */
export function decidimColumns(locales: string[]): string[] {
  const loc = (prefix: string) => locales.map((l) => `${prefix}/${l}`);
  return [
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
}

const SCALARS: Record<string, (r: DecidimResult) => CsvValue> = {
  id: (r) => r.id,
  'category/id': (r) => r.categoryId,
  'scope/id': (r) => r.scopeId,
  'parent/id': (r) => r.parentId,
  start_date: (r) => r.startDate,
  end_date: (r) => r.endDate,
  'status/id': (r) => r.statusId,
  'status/key': (r) => r.statusKey,
  progress: (r) => rubyFloat(r.progress),
  created_at: (r) => r.createdAt,
  url: (r) => r.url,
  'component/id': (r) => r.componentId,
  proposal_urls: (r) => r.proposalUrls,
};

const TRANSLATED: Record<string, (r: DecidimResult) => Translated> = {
  'category/name': (r) => r.categoryName,
  'scope/name': (r) => r.scopeName,
  title: (r) => r.title,
  description: (r) => r.description,
  'status/name': (r) => r.statusName,
};

/** The cell of `column` ("title/ca", "progress") for a result; null for a column Luoshi does not know. */
function cellOf(r: DecidimResult, column: string): CsvValue {
  const scalar = SCALARS[column];
  if (scalar) return scalar(r);
  const slash = column.lastIndexOf('/');
  const translated = TRANSLATED[column.slice(0, slash)];
  return translated ? (translated(r)[column.slice(slash + 1)] ?? null) : null;
}

/**
 * Writes results as Decidim's exporter does (0.22–0.29): the columns of `decidimColumns`, or
 * `columns` in their order (a file's own header). An empty string is written `""` and a
 * missing value (null, a locale without a key) as nothing, as Ruby's CSV does; strings
 * starting with `= + - @` get a leading `'`. `finalEol: false` leaves the last line without a
 * line end (as some stored exports are).
 */
export function formatDecidimResults(
  results: DecidimResult[],
  locales: string[],
  options: { columns?: string[]; finalEol?: boolean } = {},
): string {
  const header = options.columns ?? decidimColumns(locales);
  const rows: CsvValue[][] = results.map((r) => header.map((column) => cellOf(r, column)));
  return formatCsv([header, ...rows], {
    delimiter: ';',
    eol: '\n',
    ...(options.finalEol === undefined ? {} : { finalEol: options.finalEol }),
  });
}

function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Decidim's title is short; a longer sentence is cut, and goes whole into the description. */
function shortTitle(text: string): string {
  return text.length > 150 ? `${text.slice(0, 149)}…` : text;
}

/** Decidim's "empty translatable": every locale present, each an empty string (written `""`). */
function emptyTranslatable(locales: string[]): Translated {
  return Object.fromEntries(locales.map((l) => [l, '']));
}

/** A result Luoshi writes for an item that did not come from Decidim. */
function newResult(
  fields: Pick<DecidimResult, 'id' | 'parentId' | 'title' | 'description' | 'progress'> &
    Partial<Pick<DecidimResult, 'startDate' | 'endDate'>>,
  locales: string[],
): DecidimResult {
  return {
    startDate: null,
    endDate: null,
    statusId: null,
    statusKey: null,
    statusName: emptyTranslatable(locales),
    categoryId: null,
    categoryName: emptyTranslatable(locales),
    scopeId: null,
    scopeName: emptyTranslatable(locales),
    createdAt: null,
    url: null,
    componentId: null,
    proposalUrls: '',
    line: 0,
    ...fields,
  };
}

/** The average of the tasks' progress, to two decimals, as Decidim computes a parent's. */
function averageProgress(progress: number[]): number {
  return Math.round((progress.reduce((s, p) => s + p, 0) / progress.length) * 100) / 100;
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

/** The level-1 outline node above `nodeId` (itself when it is one), following parents. */
function chapterFinder(outline: OutlineNode[]): (nodeId: number | null) => OutlineNode | undefined {
  const byId = new Map(outline.map((n) => [n.id, n]));
  return (nodeId) => {
    let node = nodeId === null ? undefined : byId.get(nodeId);
    const seen = new Set<number>();
    while (node && node.parentId !== null && !seen.has(node.id)) {
      seen.add(node.id);
      node = byId.get(node.parentId) ?? node;
      if (seen.has(node.id)) break;
    }
    return node;
  };
}

/**
 * A plan that did not come from Decidim, as Decidim results: each chapter (level-1 outline
 * node) becomes a parent result and each task a child result under its chapter, since Decidim
 * uses one level of children. Ids are numbered from `firstId` (default 1; chapters first);
 * `sourceOf` maps them back. A chapter's progress is the average of its tasks', as Decidim
 * recomputes it.
 */
export function planToDecidimResults(input: PlanForDecidim & { firstId?: number }): {
  results: DecidimResult[];
  sourceOf: Map<number, { kind: 'outline' | 'task'; id: number }>;
} {
  const locale = input.locale ?? 'zh';
  const chapterOf = chapterFinder(input.outline);
  const chapters = input.outline.filter((n) => n.level === 1).sort((a, b) => a.position - b.position);
  const sourceOf = new Map<number, { kind: 'outline' | 'task'; id: number }>();
  const resultIdOfChapter = new Map<number, number>();
  let next = input.firstId ?? 1;
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
    results.push(
      newResult(
        {
          id,
          parentId: null,
          title: { [locale]: ch.title },
          description: { [locale]: '' },
          progress: averageProgress(list.map(progressOf)),
        },
        [locale],
      ),
    );
  }
  const ordered = [...input.tasks].sort((a, b) => a.span[0] - b.span[0] || a.id - b.id);
  for (const t of ordered) {
    const id = next++;
    sourceOf.set(id, { kind: 'task', id: t.id });
    const ch = chapterOf(t.outlineNodeId);
    results.push(
      newResult(
        {
          id,
          parentId: ch ? (resultIdOfChapter.get(ch.id) ?? null) : null,
          title: { [locale]: shortTitle(t.text) },
          description: { [locale]: `<p>${escapeHtml(t.text)}</p>` },
          startDate: input.startDate ?? null,
          endDate: t.deadline,
          progress: progressOf(t),
        },
        [locale],
      ),
    );
  }
  results.forEach((r, i) => (r.line = i + 2));
  return { results, sourceOf };
}

/** What a plan imported from Decidim keeps of its file, stored with the plan. */
export interface DecidimSource {
  format: 'decidim-results/1';
  /** The locale the plan's texts were taken from. */
  locale: string;
  /** The locales of the file's title columns, in its order (for results Luoshi adds). */
  locales: string[];
  /** The file's columns that Luoshi keeps, in the file's order: its export writes these. */
  columns: string[];
  finalEol: boolean;
  /** Every result of the file, in its order, with the plan item it became (null: none). */
  results: { result: Omit<DecidimResult, 'line'>; item: { kind: 'outline' | 'task'; id: number } | null }[];
}

/**
 * The source to store for a plan imported from `drafts`: `itemOf` says which outline node or
 * task each result became (by the draft's key, "result:69" or "line:7").
 */
export function deriveDecidimSource(
  drafts: DecidimImport,
  itemOf: (key: string) => { kind: 'outline' | 'task'; id: number } | undefined,
): DecidimSource {
  return {
    format: 'decidim-results/1',
    locale: drafts.locale,
    locales: drafts.locales,
    columns: drafts.columns,
    finalEol: drafts.finalEol,
    results: drafts.results.map(({ line, ...result }) => ({
      result,
      item: itemOf(result.id !== null ? `result:${result.id}` : `line:${line}`) ?? null,
    })),
  };
}

/** A stored source read back; undefined for anything that is not one (an older or foreign shape). */
export function parseDecidimSource(json: string | undefined): DecidimSource | undefined {
  if (json === undefined) return undefined;
  try {
    const value = JSON.parse(json) as Partial<DecidimSource>;
    return value.format === 'decidim-results/1' && Array.isArray(value.results)
      ? (value as DecidimSource)
      : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A plan imported from Decidim as results again: every result of the source whose item still
 * exists, in the file's order, under its own id, with its progress (a task's own; a parent's
 * the average of its children's, as Decidim recomputes it) and end date from the plan and its
 * title kept unless it was edited in Luoshi; then the plan's items that did not come from
 * Decidim, numbered above every Decidim id of the source.
 */
export function sourcedDecidimResults(
  plan: Pick<PlanForDecidim, 'outline' | 'tasks'>,
  source: DecidimSource,
): DecidimResult[] {
  const { locale, locales } = source;
  const tasks = new Map(plan.tasks.map((t) => [t.id, t]));
  const nodes = new Map(plan.outline.map((n) => [n.id, n]));
  const resultIdOf = new Map<string, number>();
  for (const { result, item } of source.results) {
    if (item && result.id !== null) resultIdOf.set(`${item.kind}:${item.id}`, result.id);
  }
  /** The result id of the nearest outline node above a task that came from Decidim. */
  const parentOfTask = (t: Task): number | null => {
    const seen = new Set<number>();
    for (let id = t.outlineNodeId; id !== null && !seen.has(id); id = nodes.get(id)?.parentId ?? null) {
      seen.add(id);
      const resultId = resultIdOf.get(`outline:${id}`);
      if (resultId !== undefined) return resultId;
    }
    return null;
  };
  const importedProgress = new Map<number, number | null>();
  const importedChildren = new Map<number, number>();
  for (const { result, item } of source.results) {
    if (item?.kind !== 'task') continue;
    importedProgress.set(item.id, result.progress);
    if (result.parentId !== null)
      importedChildren.set(result.parentId, (importedChildren.get(result.parentId) ?? 0) + 1);
  }
  /**
   * A parent's progress: as imported while its children are as imported (Decidim's own files
   * do not always hold the average), else the average of its children's, as Decidim computes.
   */
  const parentProgress = (nodeId: number, result: DecidimSource['results'][number]['result']) => {
    const children = plan.tasks.filter((t) => t.outlineNodeId === nodeId);
    if (children.length === 0) return result.progress;
    const unchanged =
      children.length === (result.id === null ? 0 : (importedChildren.get(result.id) ?? 0)) &&
      children.every((t) => importedProgress.has(t.id) && (importedProgress.get(t.id) ?? 0) === t.progress);
    return unchanged ? result.progress : averageProgress(children.map((t) => t.progress));
  };

  const out: DecidimResult[] = [];
  const written = new Set<string>();
  for (const { result, item } of source.results) {
    const task = item?.kind === 'task' ? tasks.get(item.id) : undefined;
    const node = item?.kind === 'outline' ? nodes.get(item.id) : undefined;
    if (!task && !node) continue;
    written.add(`${item!.kind}:${item!.id}`);
    const title = { ...result.title };
    if (task) {
      const asImported = decidimTaskText(
        pickTranslated(result.title, locale),
        htmlToText(pickTranslated(result.description, locale)),
      );
      if (task.text !== asImported) title[locale] = shortTitle(task.text);
      out.push({
        ...result,
        title,
        parentId: parentOfTask(task),
        endDate: task.deadline,
        progress: task.progress,
        line: out.length + 2,
      });
    } else if (node) {
      const asImported = pickTranslated(result.title, locale).replace(/\s+/g, ' ') || `#${result.id}`;
      if (node.title !== asImported) title[locale] = node.title;
      out.push({
        ...result,
        title,
        parentId:
          node.parentId === null ? null : (resultIdOf.get(`outline:${node.parentId}`) ?? result.parentId),
        progress: parentProgress(node.id, result),
        line: out.length + 2,
      });
    }
  }
  const fresh = plan.tasks.filter((t) => !written.has(`task:${t.id}`));
  if (fresh.length > 0) {
    const maxId = Math.max(0, ...source.results.map((r) => r.result.id ?? 0));
    // New tasks under a node that came from Decidim go under its result; the others as a new plan.
    const under = fresh.filter((t) => parentOfTask(t) !== null);
    const apart = fresh.filter((t) => parentOfTask(t) === null);
    let next = maxId + 1;
    for (const t of under) {
      out.push(
        newResult(
          {
            id: next++,
            parentId: parentOfTask(t),
            title: { [locale]: shortTitle(t.text) },
            description: { [locale]: `<p>${escapeHtml(t.text)}</p>` },
            endDate: t.deadline,
            progress: t.progress,
          },
          locales,
        ),
      );
    }
    const extra = planToDecidimResults({
      outline: plan.outline.filter((n) => !written.has(`outline:${n.id}`)),
      tasks: apart,
      locale,
      firstId: next,
    }).results;
    out.push(
      ...extra.map((r) => ({
        ...r,
        statusName: emptyTranslatable(locales),
        categoryName: emptyTranslatable(locales),
        scopeName: emptyTranslatable(locales),
      })),
    );
  }
  out.forEach((r, i) => (r.line = i + 2));
  return out;
}
