/**
 * The checks and conversions of the 接诉即办 administration forms, pure: forms keep typed text
 * as strings and are checked on every change; problems are i18n keys under
 * `requests.admin.problems` with their values. Here the shared parts and the dispatch catalogue;
 * schemes and exemptions in admin-scheme-rules.ts, holiday tables in admin-holiday-rules.ts. The
 * server checks the same rules again (src/requests/catalogue.ts, scoring.ts,
 * server/requests-calendar.ts).
 */
import type { Problem } from '../../lib/progress';
import type {
  CatalogueVersionBody,
  CatalogueRow,
  CatalogueVersion,
  OwnerRule,
} from '../../api/requests-admin';

export type Problems = Record<string, Problem>;
const P = 'requests.admin.problems';
/** A problem as an i18n key under `requests.admin.problems`, with its values. */
export const problem = (key: string, values?: Record<string, unknown>): Problem => ({
  key: `${P}.${key}`,
  values,
});

const BEIJING_MS = 8 * 3_600_000;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** A month as forms send it: YYYY-MM. */
export const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

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
