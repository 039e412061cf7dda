/** The plan's slippage thresholds and the explanation a slip past them needs (issue 19), apart from React. */
import type { SlippageThresholds } from '../api/promises';
import type { Problem } from './progress';

export interface SlippageValues {
  days: string;
  percent: string;
  minExplanation: string;
}

const num = (text: string) => (text.trim() === '' ? undefined : Number(text.trim()));

/** The same ranges the server keeps (src/verdicts/promise-line `resolveSlippageThresholds`). */
export function validateSlippage(v: SlippageValues): Partial<Record<keyof SlippageValues, Problem>> {
  const problems: Partial<Record<keyof SlippageValues, Problem>> = {};
  const days = num(v.days);
  if (days === undefined || !Number.isInteger(days) || days < 0 || days > 3660)
    problems.days = { key: 'baseline.settings.daysInvalid' };
  const percent = num(v.percent);
  if (percent === undefined || !Number.isFinite(percent) || percent < 0 || percent > 100)
    problems.percent = { key: 'baseline.settings.percentInvalid' };
  const min = num(v.minExplanation);
  if (min === undefined || !Number.isInteger(min) || min < 1 || min > 500)
    problems.minExplanation = { key: 'baseline.settings.minInvalid' };
  return problems;
}

/** Whole days from one ISO date to another (positive when `to` is later). */
export function daysFrom(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/**
 * What the explanation field asks when a new deadline slips past the plan's threshold from the
 * original: the problem to show at the field, or undefined when the explanation is not needed
 * or long enough (characters counted as the server counts them).
 * @example explanationProblem('2022-06-30', '2022-09-30', '', { days: 30, percent: 5, minExplanation: 10 })
 * // { key: 'baseline.explanation.needed', values: { days: 92, threshold: 30, min: 10, original: '2022-06-30' } }
 */
export function explanationProblem(
  original: string | undefined,
  proposed: string | null,
  explanation: string,
  thresholds: SlippageThresholds | undefined,
): Problem | undefined {
  if (!original || !proposed || !thresholds) return undefined;
  const days = daysFrom(original, proposed);
  if (days <= thresholds.days) return undefined;
  const count = [...explanation.trim()].length;
  if (count === 0)
    return {
      key: 'baseline.explanation.needed',
      values: { days, threshold: thresholds.days, min: thresholds.minExplanation, original },
    };
  if (count < thresholds.minExplanation)
    return { key: 'baseline.explanation.tooShort', values: { min: thresholds.minExplanation, count } };
  return undefined;
}

/**
 * The server's refusal of a slip without an explanation, in the office's words: its figures
 * read from the message ("an explanation of at least 10 characters is required: the change is
 * 92 days later than the original (threshold 30)"); undefined when the message says otherwise.
 */
export function serverExplanationProblem(message: string): Problem | undefined {
  const min = /at least (\d+) characters/.exec(message);
  if (!min) return undefined;
  const later = /(\d+) days later than the original \(threshold (\d+)\)/.exec(message);
  return later
    ? {
        key: 'baseline.explanation.neededServer',
        values: { days: Number(later[1]), threshold: Number(later[2]), min: Number(min[1]) },
      }
    : { key: 'baseline.explanation.tooShort', values: { min: Number(min[1]), count: 0 } };
}
