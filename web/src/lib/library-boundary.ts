/**
 * A jurisdiction's boundary file (GeoJSON) read before it is sent: the check is the server's own
 * (src/contract/boundary.ts, one pure function on both sides); the server's answers are put in
 * the same words by `serverBoundaryProblem`.
 */
import type { ErrorDetail } from '../api/types';
import { BOUNDARY_PROBLEM_KEYS, type BoundaryProblem } from '../../../src/contract/boundary';

export {
  MAX_LISTED,
  checkBoundaryText,
  lineColumn,
  type BoundaryCheck,
  type BoundaryProblem,
} from '../../../src/contract/boundary';

/**
 * The server's answer about a boundary (`{ path, code: 'ringOpen', values: { n: 3, name: '甲街道',
 * ring: 1 }, message }`) as the browser's own check words it: by its code and values, never its words.
 */
export function serverBoundaryProblem(detail: ErrorDetail): BoundaryProblem {
  if (detail.path === 'body.file') return { key: 'empty', values: {} };
  const key = detail.code;
  if (!key || !(BOUNDARY_PROBLEM_KEYS as readonly string[]).includes(key))
    return { key: 'unreadable', values: {} };
  return { key, values: detail.values ?? {} };
}

/** The server's refusal of a boundary: its problems, and how many it left unlisted. */
export function serverBoundaryProblems(details: readonly ErrorDetail[]): {
  problems: BoundaryProblem[];
  more: number;
} {
  const more = details.find((d) => d.code === 'more')?.values?.['count'];
  return {
    problems: details.filter((d) => d.code !== 'more').map(serverBoundaryProblem),
    more: typeof more === 'number' ? more : 0,
  };
}
