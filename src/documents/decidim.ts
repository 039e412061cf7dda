/**
 * Decidim accountability "results" CSV (test/fixtures/interop/decidim/README.md): parse it
 * into a plan-shaped draft (results with children → outline nodes, the others → tasks), with
 * every cell kept as written (untrimmed, `""` told from nothing) so that decidim-export.ts can
 * write the same results back byte for byte, and a city moving from Decidim keeps its data
 * and can go back.
 *
 * Parsing is all or nothing, like Decidim's importer: every bad line is reported as
 * "line N, column" (the header is line 1), and nothing is returned when there is one.
 */
import type { TaskState } from '../plan/types.js';
import { AppError } from '../errors.js';
import { parseCsv, unescapeCsvFormula } from './csv.js';
import { ProblemList } from './xlsx.js';
import { sniffUpload } from './sniff.js';

/**
 * A translated field, locale → text as written. A locale whose cell was `""` maps to '', one
 * whose cell was empty has no key (Ruby's CSV writes `""` for an empty string, nothing for nil).
 */
export type Translated = Record<string, string>;

/** One row of the results CSV, as Decidim means it. Strings are as written, null for an empty cell. */
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
  /** As written: null for an empty cell, '' for `""`. */
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
  /** As written (the exporter joins URLs with ", "); null for an empty cell, '' for `""`. */
  proposalUrls: string | null;
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
  /** Every locale of the file's title columns, in the file's order. */
  locales: string[];
  /** The file's columns that Luoshi reads and can write back, in the file's order. */
  columns: string[];
  /** Columns of the file that Luoshi does not read (Decidim 0.30's taxonomies, counts…), as named. */
  dropped: string[];
  /** Whether the last row ends with a line end (Decidim's exporter writes one). */
  finalEol: boolean;
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

const TRANSLATED: readonly TranslatedField[] = [
  'title',
  'description',
  'status/name',
  'category/name',
  'scope/name',
];

/** The columns of Decidim's exporter (0.22–0.29) that Luoshi reads and writes back. */
const KNOWN_COLUMNS = new Set([
  'id',
  'category/id',
  'scope/id',
  'parent/id',
  'start_date',
  'end_date',
  'status/id',
  'status/key',
  'progress',
  'created_at',
  'url',
  'component/id',
  'proposal_urls',
]);

/** Columns of the 2017 importer's comma-separated format, which no released Decidim reads. */
const LEGACY_2017 = ['result_id', 'decidim_category_id', 'decidim_accountability_status_id', 'external_id'];

/**
 * Refuses the comma-separated results format of Decidim's 2017 importer by name: its header
 * (`result_id, decidim_category_id, …`) would otherwise read as one column without an id.
 */
function refuseLegacy(text: string): void {
  const header = (text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/, 1)[0] ?? '')
    .split(',')
    .map((c) => c.trim());
  if (!LEGACY_2017.some((name) => header.includes(name))) return;
  const message =
    '这是Decidim 2017年导入程序的逗号分隔结果格式（result_id、decidim_category_id…），' +
    '现行版本的Decidim已不再读取：请从Decidim 0.22或更新版本重新导出结果' +
    '（以“;”分隔，含id、parent/id、title/<语言>等列）';
  throw new AppError('UNSUPPORTED_FORMAT', message, [
    { path: lineAt(1), message: '是Decidim 2017年的结果格式（result_id…），不是问责模块的导出文件' },
  ]);
}

/** Where a problem is: "第3行，title/en" (the CSV's line, then its column when there is one). */
function lineAt(line: number, column?: string): string {
  return column === undefined ? `第${line}行` : `第${line}行，${column}`;
}

const FILE_KINDS: Record<string, string> = {
  xlsx: 'Excel工作簿',
  docx: 'Word文档',
  pptx: 'PowerPoint文件',
  ole: '旧版Office文件',
  pdf: 'PDF文件',
  zip: '压缩包',
  binary: '无法识别类型的文件',
};

/** True for a real calendar date written YYYY-MM-DD (2020-13-01 and 2022-02-30 are not). */
function isCalendarDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

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
  refuseLegacy(text);
  const { records, errors } = parseCsv(text, ';');
  const problems = new ProblemList();
  const header = records[0];
  if (!header || header.fields.every((f) => f.value.trim() === '')) {
    throw new AppError('BAD_INPUT', '结果CSV文件是空的', [
      { path: lineAt(1), message: errors[0]?.message ?? '没有表头行' },
    ]);
  }
  const names = header.fields.map((f) => f.value.trim());
  for (const e of errors) {
    problems.add(lineAt(e.line, names[e.column - 1] ?? `第${e.column}列`), e.message);
  }
  const col = new Map<string, number>();
  names.forEach((n, i) => {
    if (col.has(n)) problems.add(lineAt(1, n), `“${n}”列出现了两次`);
    else col.set(n, i);
  });
  const localesOf = (prefix: string) =>
    names
      .filter((n) => n.startsWith(`${prefix}/`) && !n.slice(prefix.length + 1).includes('/'))
      .map((n) => n.slice(prefix.length + 1));
  const titleLocales = localesOf('title');
  const translatedColumns = new Set(TRANSLATED.flatMap((f) => localesOf(f).map((l) => `${f}/${l}`)));
  const dropped = names.filter((n) => n !== '' && !KNOWN_COLUMNS.has(n) && !translatedColumns.has(n));
  if (!col.has('id')) problems.add(lineAt(1, 'id'), '缺少“id”列');
  if (titleLocales.length === 0) problems.add(lineAt(1, 'title'), '缺少“title/<语言>”列');
  const locale = options.defaultLocale ?? (titleLocales.includes('en') ? 'en' : (titleLocales[0] ?? 'en'));
  if (titleLocales.length > 0 && !titleLocales.includes(locale)) {
    problems.add(lineAt(1, `title/${locale}`), `缺少默认语言的“title/${locale}”列`);
  }
  problems.throwIfAny('BAD_INPUT', '结果CSV文件未导入');

  const results: DecidimResult[] = [];
  const seenIds = new Map<number, number>();
  for (const record of records.slice(1)) {
    const line = record.line;
    if (record.fields.length === 1 && record.fields[0]!.value.trim() === '' && !record.fields[0]!.quoted)
      continue;
    if (record.fields.length !== names.length) {
      problems.add(lineAt(line), `本行有${record.fields.length}个字段，表头有${names.length}个`);
      continue;
    }
    const cell = (name: string) => {
      const i = col.get(name);
      return i === undefined ? undefined : record.fields[i];
    };
    /** The cell as written (formula escape undone), null when empty and unquoted. */
    const written = (name: string): string | null => {
      const f = cell(name);
      if (!f || (f.value === '' && !f.quoted)) return null;
      return unescapeCsvFormula(f.value);
    };
    const raw = (name: string): string => (written(name) ?? '').trim();
    const translated = (prefix: TranslatedField): Translated => {
      const out: Translated = {};
      for (const loc of localesOf(prefix)) {
        const v = written(`${prefix}/${loc}`);
        if (v !== null) out[loc] = v;
      }
      return out;
    };
    const int = (name: string): number | null => {
      const v = raw(name);
      if (v === '') return null;
      if (!/^\d+$/.test(v)) {
        problems.add(lineAt(line, name), `${name}应为整数（填的是“${v}”）`);
        return null;
      }
      return Number(v);
    };
    const date = (name: string): string | null => {
      const v = raw(name);
      if (v === '') return null;
      if (!isCalendarDate(v)) {
        problems.add(lineAt(line, name), `${name}应为日期，写作YYYY-MM-DD（填的是“${v}”）`);
        return null;
      }
      return v;
    };
    const id = int('id');
    const parentId = int('parent/id');
    const title = translated('title');
    if (!title[locale]?.trim()) problems.add(lineAt(line, `title/${locale}`), `title/${locale}不能为空`);
    const statusId = int('status/id');
    if (statusId !== null && options.statusIds && !options.statusIds.includes(statusId)) {
      problems.add(lineAt(line, 'status/id'), `状态${statusId}不是本模块的状态`);
    }
    let progress: number | null = null;
    const p = raw('progress');
    if (p !== '') {
      const n = Number(p);
      if (!/^-?\d+(\.\d+)?$/.test(p) || n < 0 || n > 100) {
        problems.add(lineAt(line, 'progress'), `progress应为0到100之间的数字（填的是“${p}”）`);
      } else progress = n;
    }
    const startDate = date('start_date');
    const endDate = date('end_date');
    if (startDate && endDate && endDate < startDate) {
      problems.add(lineAt(line, 'end_date'), `结束日期${endDate}早于开始日期${startDate}`);
    }
    if (id !== null) {
      const first = seenIds.get(id);
      if (first !== undefined) problems.add(lineAt(line, 'id'), `id ${id}重复（第${first}行已有）`);
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
      statusKey: written('status/key'),
      statusName: translated('status/name'),
      progress,
      categoryId: int('category/id'),
      categoryName: translated('category/name'),
      scopeId: int('scope/id'),
      scopeName: translated('scope/name'),
      createdAt: written('created_at'),
      url: written('url'),
      componentId: int('component/id'),
      proposalUrls: written('proposal_urls'),
      line,
    });
  }
  // Parents may come after their children; check them once every row is read.
  const existing = new Set(options.existingIds ?? []);
  for (const r of results) {
    if (r.parentId === null) continue;
    if (r.parentId === r.id) problems.add(lineAt(r.line, 'parent/id'), '结果的上级不能是它自己');
    else if (!seenIds.has(r.parentId) && !existing.has(r.parentId)) {
      problems.add(lineAt(r.line, 'parent/id'), `上级${r.parentId}既不在本文件中，也不是已有的结果`);
    }
  }
  problems.throwIfAny('BAD_INPUT', '结果CSV文件未导入');
  return {
    locale,
    locales: titleLocales,
    columns: names.filter((n) => KNOWN_COLUMNS.has(n) || translatedColumns.has(n)),
    dropped,
    finalEol: /(\r\n|\n|\r)$/.test(text),
    results,
    ...draftPlan(results, locale),
  };
}

function decodeUtf8(bytes: Uint8Array): string {
  const sniff = sniffUpload(bytes);
  if (sniff.kind !== 'text' && sniff.kind !== 'empty') {
    throw new AppError('UNSUPPORTED_FORMAT', `应为结果CSV文件，上传的是${FILE_KINDS[sniff.kind]}`, [
      { path: 'file', message: `是${FILE_KINDS[sniff.kind]}，不是CSV文件` },
    ]);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError(
      'UNSUPPORTED_FORMAT',
      `结果CSV文件不是UTF-8编码（看起来是${sniff.encoding ?? '其他编码'}）：Decidim导出的是UTF-8，请另存为UTF-8后上传`,
      [{ path: 'file', message: `编码为${sniff.encoding ?? '未知'}，应为UTF-8` }],
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

/** The text in `locale`, else the first locale's; trimmed. */
export function pickTranslated(t: Translated, locale: string): string {
  return (t[locale] || Object.values(t).find((v) => v.trim() !== '') || '').trim();
}

/**
 * A task's text from its result: the title, or the whole description when the title is the
 * description cut short ("…", as Luoshi's export shortens long sentences); spaces folded.
 */
export function decidimTaskText(title: string, description: string): string {
  const clean = title.replace(/\s+/g, ' ').trim();
  if (clean.endsWith('…') && description.startsWith(clean.slice(0, -1))) return description.trim();
  return clean;
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
        title: pickTranslated(r.title, locale),
        description: htmlToText(pickTranslated(r.description, locale)),
        progress: r.progress,
        line: r.line,
      });
    } else {
      tasks.push({
        key: r.id !== null ? `result:${r.id}` : `line:${r.line}`,
        sourceId: r.id,
        outlineKey: parentKey,
        text: decidimTaskText(
          pickTranslated(r.title, locale),
          htmlToText(pickTranslated(r.description, locale)),
        ),
        description: htmlToText(pickTranslated(r.description, locale)),
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
