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
 * The server's answer about a boundary (`{ path: 'boundary.features.2.geometry.coordinates.0', message:
 * 'ringOpen: feature 3 (甲街道), ring 1 …' }`) in the same words: the key, name, coordinate and
 * kind from the message, the feature, part, ring and point from the path.
 */
export function serverBoundaryProblem(detail: ErrorDetail): BoundaryProblem {
  if (detail.path === 'body.file') return { key: 'empty', values: {} };
  const key = /^(\w+):/.exec(detail.message)?.[1];
  if (!key || !(BOUNDARY_PROBLEM_KEYS as readonly string[]).includes(key))
    return { key: 'unreadable', values: {} };
  const at = /^boundary\.features\.(\d+)(?:\.geometry\.coordinates((?:\.\d+)*))?$/.exec(detail.path);
  if (!at) return { key, values: {} };
  const n = Number(at[1]) + 1;
  // The feature's name, the coordinate and the geometry's kind as the message says them.
  const name = /^\w+: feature \d+ \((.*?)\)(, part \d+)?(,| has| is)/.exec(detail.message)?.[1] ?? `#${n}`;
  const values: Record<string, string | number> = { n, name };
  const value = /longitude and latitude: (.*)$/.exec(detail.message)?.[1];
  if (key === 'badPoint') values['value'] = value ?? '';
  const kind = /is an? (\w+), where/.exec(detail.message)?.[1];
  if (key === 'notPolygon') values['kind'] = kind ?? 'other';
  const idx = (at[2] ?? '')
    .split('.')
    .filter(Boolean)
    .map((s) => Number(s) + 1);
  // A MultiPolygon's place has one more index (its part) than a Polygon's.
  const named = key === 'badPoint' ? ['ring', 'point'] : key === 'noRings' ? [] : ['ring'];
  const withPart = idx.length > named.length ? ['part', ...named] : named;
  withPart.forEach((k, i) => {
    if (idx[i] !== undefined) values[k] = idx[i]!;
  });
  return { key, values };
}
