/**
 * The checks and conversions of the 接诉即办 administration forms (catalogue, schemes,
 * exemptions, holiday tables), pure: forms keep typed text as strings and are checked on every
 * change; problems are i18n keys under `requests.admin.problems` with their values. The server
 * checks the same rules again (src/requests/catalogue.ts, scoring.ts, server/requests-calendar.ts).
 */
import type { Problem } from '../../lib/progress';
import type { OrderSource, Satisfaction } from '../../api/requests';
import type {
  CatalogueVersionBody,
  ExemptionRow,
  CatalogueRow,
  CatalogueVersion,
  HolidayTableBody,
  OwnerRule,
  SchemeBody,
  ScoringScheme,
} from '../../api/requests-admin';

export type Problems = Record<string, Problem>;
const P = 'requests.admin.problems';
const problem = (key: string, values?: Record<string, unknown>): Problem => ({ key: `${P}.${key}`, values });

const BEIJING_MS = 8 * 3_600_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The Beijing date (YYYY-MM-DD) of an instant. */
export function beijingDay(at: number | string): string {
  const ms = typeof at === 'number' ? at : Date.parse(at);
  return new Date(ms + BEIJING_MS).toISOString().slice(0, 10);
}

/** The instant a Beijing day starts, as the server takes it (`…T00:00:00+08:00`). */
export function startOfBeijingDay(date: string): string {
  return `${date}T00:00:00+08:00`;
}

/** `count` months from `first`, oldest first (for month pickers). */
export function listMonths(first: string, count: number): string[] {
  const [y, m] = first.split('-').map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const index = y * 12 + (m - 1) + i;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

// ---- the dispatch catalogue ---------------------------------------------------------------

export type RuleCalendar = 'working_days' | 'natural_hours';
export interface RuleDraft {
  amount: string;
  calendar: RuleCalendar;
}
export type RuleKey = 'sign' | 'contact' | 'finish';

/** A catalogue row as its form holds it. */
export interface RowDraft {
  category: string;
  code: string;
  group: string;
  description: string;
  keywords: string[];
  ownerBy: OwnerRule['by'];
  ownerUnitId: number | undefined;
  areaUnits: { area: string; unitId: number | undefined }[];
  fallbackUnitId: number | undefined;
  designated: boolean;
  sign: RuleDraft;
  contact: RuleDraft;
  finish: RuleDraft;
  /** null: co-units report back by the lead's finish deadline. */
  coFinish: RuleDraft | null;
}

/** A new version being edited: its rows, the Beijing date it takes effect, a note. */
export interface CatalogueForm {
  /** The version it was started from (what "changes" compare with). */
  baseVersion: number | null;
  effectiveDate: string;
  note: string;
  rows: RowDraft[];
}

const ruleDraft = (rule: { amount: number; calendar: RuleCalendar }): RuleDraft => ({
  amount: String(rule.amount),
  calendar: rule.calendar,
});

export function toRowDraft(row: CatalogueRow): RowDraft {
  const owner = row.owner;
  return {
    category: row.category,
    code: row.code ?? '',
    group: row.group,
    description: row.description,
    keywords: [...row.keywords],
    ownerBy: owner.by,
    ownerUnitId: owner.by === 'unit' ? owner.unitId : undefined,
    areaUnits:
      owner.by === 'area' ? Object.entries(owner.units).map(([area, unitId]) => ({ area, unitId })) : [],
    fallbackUnitId: owner.by === 'area' ? owner.fallbackUnitId : undefined,
    designated: row.designated,
    sign: ruleDraft(row.sign),
    contact: ruleDraft(row.contact),
    finish: ruleDraft(row.finish),
    coFinish: row.coFinish ? ruleDraft(row.coFinish) : null,
  };
}

export function emptyRowDraft(): RowDraft {
  return {
    category: '',
    code: '',
    group: '',
    description: '',
    keywords: [],
    ownerBy: 'territory',
    ownerUnitId: undefined,
    areaUnits: [],
    fallbackUnitId: undefined,
    designated: false,
    sign: { amount: '2', calendar: 'natural_hours' },
    contact: { amount: '1', calendar: 'working_days' },
    finish: { amount: '7', calendar: 'working_days' },
    coFinish: null,
  };
}

/** A form started from a version: its rows, no date yet. */
export function toCatalogueForm(version: CatalogueVersion | undefined): CatalogueForm {
  return {
    baseVersion: version?.version ?? null,
    effectiveDate: '',
    note: '',
    rows: (version?.rows ?? []).map(toRowDraft),
  };
}

const toRule = (d: RuleDraft) => ({ amount: Number(d.amount.trim()), calendar: d.calendar });

export function fromRowDraft(d: RowDraft): CatalogueRow {
  const owner: OwnerRule =
    d.ownerBy === 'unit'
      ? { by: 'unit', unitId: d.ownerUnitId ?? 0 }
      : d.ownerBy === 'area'
        ? {
            by: 'area',
            units: Object.fromEntries(d.areaUnits.map((a) => [a.area, a.unitId ?? 0])),
            fallbackUnitId: d.fallbackUnitId ?? 0,
          }
        : { by: 'territory' };
  const row: CatalogueRow = {
    category: d.category.trim(),
    group: d.group.trim(),
    description: d.description.trim(),
    keywords: d.keywords.map((k) => k.trim()).filter(Boolean),
    owner,
    designated: d.designated,
    sign: toRule(d.sign),
    contact: toRule(d.contact),
    finish: toRule(d.finish),
  };
  if (d.code.trim()) row.code = d.code.trim();
  if (d.coFinish) row.coFinish = toRule(d.coFinish);
  return row;
}

export function toCatalogueDraft(form: CatalogueForm): CatalogueVersionBody {
  return {
    effectiveFrom: startOfBeijingDay(form.effectiveDate),
    note: form.note.trim(),
    rows: form.rows.map(fromRowDraft),
  };
}

function checkRule(d: RuleDraft, at: string, problems: Problems): void {
  const text = d.amount.trim();
  const n = Number(text);
  if (text === '' || !Number.isInteger(n) || n <= 0) problems[at] = problem('wholePositive');
  else if (d.calendar === 'natural_hours' && n > 24 * 90) problems[at] = problem('tooLong');
  else if (d.calendar === 'working_days' && n > 250) problems[at] = problem('tooLong');
}

/**
 * Problems of one row, keyed by field (`category`, `sign`, `owner`, `areaUnits.2`, …); `others`
 * are the other rows, for categories and codes that must be unique.
 */
export function validateRowDraft(
  d: RowDraft,
  others: readonly RowDraft[],
  units: ReadonlySet<number>,
): Problems {
  const problems: Problems = {};
  const category = d.category.trim();
  if (!category) problems.category = problem('required');
  else if (category.length > 50) problems.category = problem('tooLongText', { max: 50 });
  else if (others.some((o) => o.category.trim() === category))
    problems.category = problem('duplicateCategory', { category });
  const code = d.code.trim() || category;
  if (d.code.trim().length > 50) problems.code = problem('tooLongText', { max: 50 });
  else if (code && others.some((o) => (o.code.trim() || o.category.trim()) === code))
    problems.code = problem('duplicateCode', { code });
  if (!d.group.trim()) problems.group = problem('required');
  else if (d.group.trim().length > 50) problems.group = problem('tooLongText', { max: 50 });
  if (d.description.length > 500) problems.description = problem('tooLongText', { max: 500 });
  if (d.keywords.length > 50) problems.keywords = problem('tooManyKeywords', { max: 50 });
  else if (d.keywords.some((k) => k.trim().length > 20))
    problems.keywords = problem('keywordTooLong', { max: 20 });
  const known = (id: number | undefined) => id !== undefined && units.has(id);
  if (d.ownerBy === 'unit' && !known(d.ownerUnitId)) problems.owner = problem('chooseUnit');
  if (d.ownerBy === 'area') {
    if (d.areaUnits.length === 0) problems.owner = problem('areaNeedsOne');
    const seen = new Set<string>();
    d.areaUnits.forEach((a, i) => {
      if (!a.area) problems[`areaUnits.${i}`] = problem('chooseArea');
      else if (seen.has(a.area)) problems[`areaUnits.${i}`] = problem('duplicateArea', { area: a.area });
      else if (!known(a.unitId)) problems[`areaUnits.${i}`] = problem('chooseUnit');
      seen.add(a.area);
    });
    if (!known(d.fallbackUnitId)) problems.fallback = problem('chooseUnit');
  }
  checkRule(d.sign, 'sign', problems);
  checkRule(d.contact, 'contact', problems);
  checkRule(d.finish, 'finish', problems);
  if (d.coFinish) checkRule(d.coFinish, 'coFinish', problems);
  return problems;
}

/**
 * Problems of the whole form: `effectiveDate`, `note`, `rows`, and every row's as
 * `rows.<i>.<field>`. The date must be a Beijing day after today (a catalogue never changes
 * what is already dispatched) and after the latest version's.
 */
export function validateCatalogueForm(
  form: CatalogueForm,
  context: { latest: CatalogueVersion | undefined; now: number; units: ReadonlySet<number> },
): Problems {
  const problems: Problems = {};
  if (!ISO_DATE.test(form.effectiveDate)) problems.effectiveDate = problem('chooseDate');
  else {
    const from = Date.parse(startOfBeijingDay(form.effectiveDate));
    if (Number.isNaN(from)) problems.effectiveDate = problem('chooseDate');
    else if (from <= context.now) problems.effectiveDate = problem('dateNotFuture');
    else if (context.latest && from <= Date.parse(context.latest.effectiveFrom))
      problems.effectiveDate = problem('dateAfterLatest', {
        version: context.latest.version,
        date: beijingDay(context.latest.effectiveFrom),
      });
  }
  if (form.note.length > 500) problems.note = problem('tooLongText', { max: 500 });
  if (form.rows.length === 0) problems.rows = problem('noRows');
  if (form.rows.length > 500) problems.rows = problem('tooManyRows', { max: 500 });
  form.rows.forEach((row, i) => {
    const others = form.rows.filter((_, j) => j !== i);
    for (const [field, p] of Object.entries(validateRowDraft(row, others, context.units)))
      problems[`rows.${i}.${field}`] = p;
  });
  return problems;
}

/** The row-level problems of row `i`, from the form's problems. */
export function rowProblems(problems: Problems, i: number): Problems {
  const prefix = `rows.${i}.`;
  return Object.fromEntries(
    Object.entries(problems)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, p]) => [key.slice(prefix.length), p]),
  );
}

export type RowField =
  | 'code'
  | 'group'
  | 'description'
  | 'keywords'
  | 'owner'
  | 'designated'
  | 'sign'
  | 'contact'
  | 'finish'
  | 'coFinish';
const ROW_FIELDS: RowField[] = [
  'code',
  'group',
  'description',
  'keywords',
  'owner',
  'designated',
  'sign',
  'contact',
  'finish',
  'coFinish',
];

/** What changed between two versions' rows, by category. */
export interface CatalogueDiff {
  added: CatalogueRow[];
  removed: CatalogueRow[];
  changed: { category: string; before: CatalogueRow; after: CatalogueRow; fields: RowField[] }[];
}

function fieldValue(row: CatalogueRow, field: RowField): unknown {
  if (field === 'coFinish') return row.coFinish ?? row.finish;
  if (field === 'code') return row.code ?? row.category;
  if (field === 'owner' && row.owner.by === 'area') {
    const units = Object.entries(row.owner.units).sort(([a], [b]) => a.localeCompare(b));
    return { ...row.owner, units };
  }
  return row[field];
}

/** The rows added, removed and changed (with which fields) from `before` to `after`. */
export function diffCatalogueRows(
  before: readonly CatalogueRow[],
  after: readonly CatalogueRow[],
): CatalogueDiff {
  const old = new Map(before.map((row) => [row.category, row]));
  const next = new Map(after.map((row) => [row.category, row]));
  const diff: CatalogueDiff = { added: [], removed: [], changed: [] };
  for (const row of after) {
    const was = old.get(row.category);
    if (!was) {
      diff.added.push(row);
      continue;
    }
    const fields = ROW_FIELDS.filter(
      (f) => JSON.stringify(fieldValue(was, f)) !== JSON.stringify(fieldValue(row, f)),
    );
    if (fields.length) diff.changed.push({ category: row.category, before: was, after: row, fields });
  }
  for (const row of before) if (!next.has(row.category)) diff.removed.push(row);
  return diff;
}

export function isEmptyDiff(diff: CatalogueDiff): boolean {
  return !diff.added.length && !diff.removed.length && !diff.changed.length;
}

export type VersionState = 'current' | 'scheduled' | 'past';

/** Each version's state at `now`: the one in force, those still to come, those replaced. */
export function deriveVersionStates(
  versions: readonly { version: number; effectiveFrom: string }[],
  now: number,
): Map<number, VersionState> {
  const started = versions.filter((v) => Date.parse(v.effectiveFrom) <= now);
  const current = started.at(-1)?.version;
  return new Map(
    versions.map((v) => [
      v.version,
      v.version === current ? 'current' : Date.parse(v.effectiveFrom) > now ? 'scheduled' : 'past',
    ]),
  );
}

// ---- scoring schemes ----------------------------------------------------------------------

export type WeightKey = 'response' | 'resolution' | 'satisfaction';
export const WEIGHT_KEYS: WeightKey[] = ['response', 'resolution', 'satisfaction'];
export const CREDIT_KEYS: Satisfaction[] = ['满意', '基本满意', '不满意'];

/**
 * A new scheme as its form holds it: weights as percentages, credits as decimals, the minimum
 * volume (counted orders in the month to be ranked) as a whole number.
 */
export interface SchemeForm {
  effectiveFrom: string;
  note: string;
  weights: Record<WeightKey, string>;
  credits: Record<Satisfaction, string>;
  excludedSources: OrderSource[];
  minVolume: string;
}

const percent = (v: number) => String(Math.round(v * 1e6) / 1e4);

export function toSchemeForm(scheme: SchemeBody | undefined, effectiveFrom = ''): SchemeForm {
  const w = scheme?.weights ?? { response: 0.1, resolution: 0.6, satisfaction: 0.3 };
  const c = scheme?.satisfactionCredit ?? { 满意: 1, 基本满意: 0.8, 不满意: 0 };
  return {
    effectiveFrom,
    note: '',
    weights: {
      response: percent(w.response),
      resolution: percent(w.resolution),
      satisfaction: percent(w.satisfaction),
    },
    credits: { 满意: String(c['满意']), 基本满意: String(c['基本满意']), 不满意: String(c['不满意']) },
    excludedSources: [...(scheme?.excludedSources ?? ['grid'])],
    minVolume: String(scheme?.minVolume ?? 10),
  };
}

const numberOf = (text: string): number | undefined => {
  const t = text.trim();
  const n = Number(t);
  return t !== '' && Number.isFinite(n) ? n : undefined;
};

/** The sum of the typed weights in percent, or undefined while one is not a number. */
export function sumWeights(form: SchemeForm): number | undefined {
  let sum = 0;
  for (const key of WEIGHT_KEYS) {
    const n = numberOf(form.weights[key]);
    if (n === undefined) return undefined;
    sum += n;
  }
  return Math.round(sum * 1e6) / 1e6;
}

/**
 * Problems of a new scheme (`effectiveFrom`, `weights.<key>`, `weights`, `credits.<level>`,
 * `excludedSources`, `minVolume` — a whole number ≥ 0 —, `note`) and warnings that do not block it (`credits`: credits not ordered
 * 满意 ≥ 基本满意 ≥ 不满意).
 */
export function validateSchemeForm(
  form: SchemeForm,
  context: { currentMonth: string; latest: ScoringScheme | undefined; sources: readonly OrderSource[] },
): { problems: Problems; warnings: Problems } {
  const problems: Problems = {};
  const warnings: Problems = {};
  if (!MONTH.test(form.effectiveFrom)) problems.effectiveFrom = problem('chooseMonth');
  else if (form.effectiveFrom < context.currentMonth) problems.effectiveFrom = problem('monthPast');
  else if (context.latest && form.effectiveFrom <= context.latest.effectiveFrom)
    problems.effectiveFrom = problem('monthAfterLatest', {
      version: context.latest.version,
      month: context.latest.effectiveFrom,
    });
  for (const key of WEIGHT_KEYS) {
    const n = numberOf(form.weights[key]);
    if (n === undefined || n < 0 || n > 100) problems[`weights.${key}`] = problem('percentRange');
  }
  const sum = sumWeights(form);
  if (sum !== undefined && Math.abs(sum - 100) > 1e-6 && !WEIGHT_KEYS.some((k) => problems[`weights.${k}`]))
    problems.weights = problem('weightsSum', { sum });
  const credits = CREDIT_KEYS.map((level) => numberOf(form.credits[level]));
  CREDIT_KEYS.forEach((level, i) => {
    const n = credits[i];
    if (n === undefined || n < 0 || n > 1) problems[`credits.${level}`] = problem('creditRange');
  });
  const [full, partial, none] = credits;
  if (
    full !== undefined &&
    partial !== undefined &&
    none !== undefined &&
    !(full >= partial && partial >= none)
  )
    warnings.credits = problem('creditOrder');
  if (context.sources.every((s) => form.excludedSources.includes(s)))
    problems.excludedSources = problem('someSourceCounts');
  if (!/^\d+$/.test(form.minVolume.trim())) problems.minVolume = problem('wholeNonNegative');
  if (form.note.length > 500) problems.note = problem('tooLongText', { max: 500 });
  return { problems, warnings };
}

export function toSchemeDraft(form: SchemeForm): SchemeBody {
  const fraction = (text: string) => Math.round(Number(text.trim()) * 1e4) / 1e6;
  return {
    effectiveFrom: form.effectiveFrom,
    note: form.note.trim(),
    weights: {
      response: fraction(form.weights.response),
      resolution: fraction(form.weights.resolution),
      satisfaction: fraction(form.weights.satisfaction),
    },
    satisfactionCredit: {
      满意: Number(form.credits['满意'].trim()),
      基本满意: Number(form.credits['基本满意'].trim()),
      不满意: Number(form.credits['不满意'].trim()),
    },
    excludedSources: [...form.excludedSources],
    minVolume: Number(form.minVolume.trim()),
  };
}

/** The scheme in force in a month (the latest whose first month ≤ it). */
export function findSchemeFor(schemes: readonly ScoringScheme[], month: string): ScoringScheme | undefined {
  return schemes.filter((s) => s.effectiveFrom <= month).at(-1);
}

// ---- exemptions ----------------------------------------------------------------------------

export interface ExemptionForm {
  unitId: number | undefined;
  month: string;
  reason: string;
}

export function validateExemptionForm(form: ExemptionForm, existing: readonly ExemptionRow[]): Problems {
  const problems: Problems = {};
  if (form.unitId === undefined) problems.unitId = problem('chooseUnit');
  if (!MONTH.test(form.month)) problems.month = problem('chooseMonth');
  else if (
    form.unitId !== undefined &&
    existing.some((e) => e.unitId === form.unitId && e.month === form.month)
  )
    problems.month = problem('alreadyExempt');
  const reason = form.reason.trim();
  if (!reason) problems.reason = problem('reasonRequired');
  else if (reason.length > 500) problems.reason = problem('tooLongText', { max: 500 });
  return problems;
}

// ---- holiday tables ------------------------------------------------------------------------

/** A problem of a pasted table, on a line of CSV (1-based) or at a date. */
export interface TableProblem extends Problem {
  line?: number;
  date?: string;
}

export interface ParsedHolidayTable {
  table: Pick<HolidayTableBody, 'holidays' | 'workdays'>;
  problems: TableProblem[];
  format: 'json' | 'csv' | 'empty';
}

const HOLIDAY_WORDS = new Set(['holiday', 'holidays', 'off', 'rest', '休', '假', '放假', '休息', '节假日']);
const WORKDAY_WORDS = new Set(['workday', 'workdays', 'work', '班', '上班', '补班', '调休上班', '工作日']);

/** "2027/1/1", "2027-1-1", "2027年1月1日" → "2027-01-01"; undefined when not a date. */
export function normaliseDate(text: string): string | undefined {
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(text.trim());
  if (!m) return undefined;
  const iso = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const ms = Date.parse(`${iso}T00:00:00Z`);
  return !Number.isNaN(ms) && new Date(ms).toISOString().slice(0, 10) === iso ? iso : undefined;
}

function isWeekend(date: string): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

function readJson(json: unknown, problems: TableProblem[]): ParsedHolidayTable['table'] {
  const record = json as { holidays?: unknown; workdays?: unknown } | null;
  const table = { holidays: {} as Record<string, string>, workdays: {} as Record<string, string> };
  if (typeof record !== 'object' || record === null || Array.isArray(record)) {
    problems.push(problem('jsonShape'));
    return table;
  }
  for (const key of ['holidays', 'workdays'] as const) {
    const value = record[key];
    if (value === undefined) {
      if (key === 'holidays') problems.push(problem('jsonShape'));
      continue;
    }
    // chinese-days' shape (date → name), or the domain's (a list of dates).
    const entries: [string, string][] = Array.isArray(value)
      ? value.map((d) => [String(d), ''])
      : typeof value === 'object' && value !== null
        ? Object.entries(value as Record<string, unknown>).map(([d, name]) => [d, String(name ?? '')])
        : [];
    if (!Array.isArray(value) && (typeof value !== 'object' || value === null))
      problems.push(problem('jsonShape'));
    for (const [raw, name] of entries) {
      const date = normaliseDate(raw);
      if (!date) problems.push({ ...problem('notADate', { text: raw }), date: raw });
      else table[key][date] = name;
    }
  }
  return table;
}

function readCsv(text: string, problems: TableProblem[]): ParsedHolidayTable['table'] {
  const table = { holidays: {} as Record<string, string>, workdays: {} as Record<string, string> };
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = i + 1;
    if (!raw.trim() || raw.trim().startsWith('#')) return;
    const cells = raw.split(/[,，\t]/).map((c) => c.trim().replace(/^"|"$/g, ''));
    const date = normaliseDate(cells[0] ?? '');
    if (!date) {
      // A header line ("date,type,name" / "日期,类型,名称") is skipped.
      if (line === 1 && /date|日期/i.test(cells[0] ?? '')) return;
      problems.push({ ...problem('csvDate', { line, text: cells[0] ?? '' }), line });
      return;
    }
    const type = (cells[1] ?? '').toLowerCase();
    const name = cells.slice(2).join(',');
    if (HOLIDAY_WORDS.has(type)) table.holidays[date] = name;
    else if (WORKDAY_WORDS.has(type)) table.workdays[date] = name;
    else problems.push({ ...problem('csvType', { line, text: cells[1] ?? '' }), line });
  });
  return table;
}

/**
 * Reads a year's official arrangement pasted or uploaded as JSON (chinese-days' `years/2027.json`:
 * `{ holidays: { date: name }, workdays: { date: name } }`, or lists of dates) or as CSV lines
 * `date,type[,name]` (type 休/放假/holiday or 班/上班/workday), and checks it as the server will:
 * dates of that year, none both off and worked, make-up working days on weekends, some holidays.
 * @example
 * parseHolidayText('2027-01-01,休,元旦\n2027-02-20,班,春节', 2027).table
 * // { holidays: { '2027-01-01': '元旦' }, workdays: { '2027-02-20': '春节' } }
 */
export function parseHolidayText(text: string, year: number): ParsedHolidayTable {
  const problems: TableProblem[] = [];
  const trimmed = text.trim();
  if (!trimmed)
    return { table: { holidays: {}, workdays: {} }, problems: [problem('emptyTable')], format: 'empty' };
  let table: ParsedHolidayTable['table'];
  let format: ParsedHolidayTable['format'];
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    format = 'json';
    try {
      table = readJson(JSON.parse(trimmed), problems);
    } catch {
      problems.push(problem('jsonSyntax'));
      table = { holidays: {}, workdays: {} };
    }
  } else {
    format = 'csv';
    table = readCsv(trimmed, problems);
  }
  for (const key of ['holidays', 'workdays'] as const) {
    for (const date of Object.keys(table[key])) {
      if (!date.startsWith(`${year}-`)) problems.push({ ...problem('wrongYear', { date, year }), date });
    }
  }
  for (const date of Object.keys(table.workdays)) {
    if (Object.hasOwn(table.holidays, date))
      problems.push({ ...problem('bothOffAndWorked', { date }), date });
    else if (date.startsWith(`${year}-`) && !isWeekend(date))
      problems.push({ ...problem('workdayNotWeekend', { date }), date });
  }
  if (Object.keys(table.holidays).length === 0 && !problems.length) problems.push(problem('noHolidays'));
  return { table, problems, format };
}

/** The dates of a table in order, each with its kind and name (for the preview). */
export function listTableDates(
  table: Pick<HolidayTableBody, 'holidays' | 'workdays'>,
): { date: string; kind: 'holiday' | 'workday'; name: string }[] {
  return [
    ...Object.entries(table.holidays).map(([date, name]) => ({ date, kind: 'holiday' as const, name })),
    ...Object.entries(table.workdays).map(([date, name]) => ({ date, kind: 'workday' as const, name })),
  ].sort((a, b) => a.date.localeCompare(b.date));
}

/** A festival's name from chinese-days' "English,中文,days" or a plain name. */
export function festivalName(name: string, lang: 'zh-CN' | 'en'): string {
  const parts = name.split(',');
  if (parts.length >= 2) return (lang === 'en' ? parts[0] : parts[1])?.trim() ?? name;
  return name;
}
