/**
 * The checks and conversions of the 三率 scoring scheme and ranking exemption forms, pure (the
 * server checks the same rules again, src/requests/scoring.ts). Problems as in admin-rules.ts.
 */
import type { OrderSource, Satisfaction } from '../../api/requests';
import type { ExemptionRow, SchemeBody, ScoringScheme } from '../../api/requests-admin';
import { MONTH, problem, type Problems } from './admin-rules';

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
