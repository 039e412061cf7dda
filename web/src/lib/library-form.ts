/**
 * The 项目库 editing form's values, the bodies it sends (src/contract/library.ts), and the
 * server's problems put back at the field they concern, in the office's words: the server
 * names a field (`body.name`, `history.0.date`, `annualPlans.1.planned`) and a problem's code;
 * the form shows its own words for the code under that field.
 */
import type { LibraryProject, LibraryProjectCreate, LibraryProjectPatch } from '../api/library';
import { FIELD_PROBLEM_CODES, PROJECT_PROBLEM_CODES } from '../api/types';
import type { ErrorDetail, FieldProblemCode, ProjectProblemCode } from '../api/types';

export interface AnnualPlanValue {
  year: number | null;
  planned: number | null;
}

/** What the form holds: amounts in 万元, as the ledgers write them. */
export interface ProjectFormValues {
  name: string;
  aliases: string[];
  library: string | undefined;
  class: 'A' | 'B' | 'C';
  /** The first stage and its day (a new project only: later moves have their own dialog). */
  stage: string | undefined;
  stageDate: string | undefined;
  totalInvestment: number | null;
  annualPlans: AnnualPlanValue[];
  leadUnitId: number | null;
  leader: string;
  parcel: string;
}

/** The fields an edit compares and sends (a new project's stage is set once). */
export const EDITED_FIELDS = [
  'name',
  'aliases',
  'library',
  'class',
  'totalInvestment',
  'annualPlans',
  'leadUnitId',
  'leader',
  'parcel',
] as const;
export type EditedField = (typeof EDITED_FIELDS)[number];

export function emptyProjectForm(today: string): ProjectFormValues {
  return {
    name: '',
    aliases: [],
    library: undefined,
    class: 'B',
    stage: undefined,
    stageDate: today,
    totalInvestment: null,
    annualPlans: [],
    leadUnitId: null,
    leader: '',
    parcel: '',
  };
}

/** The form's values of a saved project. */
export function formOfProject(p: LibraryProject): ProjectFormValues {
  const last = p.history.at(-1);
  return {
    name: p.name,
    aliases: [...p.aliases],
    library: p.library,
    class: p.class,
    stage: last?.stage,
    stageDate: last?.date,
    totalInvestment: p.totalInvestment,
    annualPlans: p.annualPlans.map((a) => ({ year: a.year, planned: a.planned })),
    leadUnitId: p.leadUnitId,
    leader: p.leader ?? '',
    parcel: p.parcel ?? '',
  };
}

const text = (value: string | undefined) => (value ?? '').trim();
const orNull = (value: string | undefined) => text(value) || null;

/** The annual plans as sent: rows left wholly blank are dropped, half-filled ones go (the server names them). */
function plansOf(values: ProjectFormValues, saved?: LibraryProject) {
  return values.annualPlans
    .filter((a) => a.year !== null || a.planned !== null)
    .map((a) => {
      const before = saved?.annualPlans.find((s) => s.year === a.year);
      return {
        year: a.year as number,
        planned: a.planned as number,
        ...(before?.monthly ? { monthly: before.monthly } : {}),
      };
    });
}

/** The fields as the server stores them (aliases trimmed, blanks as null). */
function fieldsOf(values: ProjectFormValues, saved?: LibraryProject) {
  return {
    name: text(values.name),
    aliases: values.aliases.map((a) => a.trim()).filter(Boolean),
    library: values.library ?? '',
    class: values.class,
    totalInvestment: values.totalInvestment,
    annualPlans: plansOf(values, saved),
    leadUnitId: values.leadUnitId,
    leader: orNull(values.leader),
    parcel: orNull(values.parcel),
  };
}

/** The body of a new project. */
export function createBody(values: ProjectFormValues): LibraryProjectCreate {
  return { ...fieldsOf(values), stage: values.stage ?? '', stageDate: values.stageDate ?? '' };
}

/** The fields whose stored value the form changes (compared as the server stores them). */
export function changedFields(values: ProjectFormValues, saved: LibraryProject): EditedField[] {
  const next = fieldsOf(values, saved);
  const before = fieldsOf(formOfProject(saved), saved);
  return EDITED_FIELDS.filter((f) => JSON.stringify(next[f]) !== JSON.stringify(before[f]));
}

/** The edit as sent: only what the user changed, under the version they started from. */
export function patchBody(
  values: ProjectFormValues,
  saved: LibraryProject,
  version: number,
): LibraryProjectPatch {
  const next = fieldsOf(values, saved);
  const patch: Record<string, unknown> = { version };
  for (const f of changedFields(values, saved)) patch[f] = next[f];
  return patch as LibraryProjectPatch;
}

/** A field of the form, as antd names it (`['annualPlans', 1, 'planned']`). */
export type FieldName = (string | number)[];

/** A problem the office reads: a translation key and its values. */
export interface FieldProblem {
  name: FieldName | null;
  key: string;
  values: Record<string, string | number>;
}

/** The form field a server path concerns, or null when the form has none (shown above the form). */
export function fieldOfPath(raw: string): FieldName | null {
  const path = raw.replace(/^body\./, '').split('.');
  const [head, index, leaf] = path;
  if (head === 'stage' || (head === 'history' && leaf === 'stage')) return ['stage'];
  if (head === 'stageDate' || (head === 'history' && leaf === 'date')) return ['stageDate'];
  if (head === 'aliases') return ['aliases'];
  if (head === 'annualPlans' && index !== undefined && /^\d+$/.test(index))
    return ['annualPlans', Number(index), leaf === 'planned' ? 'planned' : 'year'];
  if (head && (EDITED_FIELDS as readonly string[]).includes(head)) return [head];
  return null;
}

/**
 * The problem codes of a project and of a request's fields (the contract's lists), each a key of
 * the office's words (`library.form.problem`; library-form.test.ts holds that every code has
 * words in both languages).
 */
export const PROBLEM_KEYS: readonly (ProjectProblemCode | FieldProblemCode)[] = [
  ...new Set([...PROJECT_PROBLEM_CODES, ...FIELD_PROBLEM_CODES]),
];

/**
 * The server's problem as a key of `library.form.problem` with its values, by the problem's
 * code (never its words); a problem without a known code reads as `invalid`.
 */
export function problemOf(detail: ErrorDetail): FieldProblem {
  const name = fieldOfPath(detail.path);
  const known = (PROBLEM_KEYS as readonly string[]).includes(detail.code ?? '');
  return { name, key: known ? detail.code! : 'invalid', values: known ? (detail.values ?? {}) : {} };
}
