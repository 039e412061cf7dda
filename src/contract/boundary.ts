/**
 * A jurisdiction's boundary file (GeoJSON) checked the same way in the browser before it is sent
 * and by the server before it is kept (`PUT /library/boundary`, the library settings): what the
 * map cannot draw, said the way an office finds it in the file — the line and column of a broken
 * text, the feature (by number and name), ring and point of a bad coordinate. Pure, no imports:
 * the web app takes it as a value (docs/DECISIONS.md).
 */

/** A problem as a key of `library.boundary.problem` and its values. */
export interface BoundaryProblem {
  key: string;
  values: Record<string, string | number>;
}

export type BoundaryCheck =
  | { ok: true; geojson: Record<string, unknown>; features: number; names: string[] }
  | { ok: false; problems: BoundaryProblem[]; more: number };

/** At most this many problems are listed; the rest are counted. */
export const MAX_LISTED = 12;

/** Line and column (from 1) of a character offset in the text. */
export function lineColumn(textBefore: string): { line: number; column: number } {
  const lines = textBefore.split('\n');
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 };
}

/** Where JSON.parse stopped, from its message (V8 says "at position N", newer ones "line L column C"). */
function parseFailure(text: string, message: string): BoundaryProblem {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { key: 'notJsonAt', values: { line: Number(lc[1]), column: Number(lc[2]) } };
  const pos = /position (\d+)/.exec(message);
  if (pos) return { key: 'notJsonAt', values: lineColumn(text.slice(0, Number(pos[1]))) };
  if (/end of JSON|Unexpected end/i.test(message)) return { key: 'notJsonEnd', values: lineColumn(text) };
  return { key: 'notJson', values: {} };
}

const GEOMETRY_WORDS: Record<string, string> = {
  Point: 'point',
  MultiPoint: 'point',
  LineString: 'line',
  MultiLineString: 'line',
  GeometryCollection: 'collection',
};

function featureName(feature: unknown, n: number): string {
  const props = (feature as { properties?: Record<string, unknown> } | null)?.properties;
  const name = props?.['name'] ?? props?.['NAME'] ?? props?.['名称'];
  return typeof name === 'string' && name.trim() ? name.trim() : `#${n}`;
}

/** The problems of one polygon's rings (each ring: ≥ 4 points of longitude/latitude, closed). */
function ringProblems(rings: unknown, at: Record<string, string | number>, out: BoundaryProblem[]) {
  if (!Array.isArray(rings) || rings.length === 0) {
    out.push({ key: 'noRings', values: at });
    return;
  }
  rings.forEach((ring, r) => {
    const where = { ...at, ring: r + 1 };
    if (!Array.isArray(ring) || ring.length < 4) {
      out.push({ key: 'ringShort', values: where });
      return;
    }
    ring.forEach((point, p) => {
      const ok =
        Array.isArray(point) &&
        point.length >= 2 &&
        typeof point[0] === 'number' &&
        typeof point[1] === 'number' &&
        Math.abs(point[0]) <= 180 &&
        Math.abs(point[1]) <= 90;
      if (!ok)
        out.push({ key: 'badPoint', values: { ...where, point: p + 1, value: JSON.stringify(point) } });
    });
    const [first, last] = [ring[0], ring.at(-1)];
    if (Array.isArray(first) && Array.isArray(last) && (first[0] !== last[0] || first[1] !== last[1]))
      out.push({ key: 'ringOpen', values: where });
  });
}

/**
 * Reads a boundary file's text: a GeoJSON FeatureCollection of Polygons or MultiPolygons in
 * longitude and latitude. A byte-order mark is allowed (files saved by Windows tools).
 * @example checkBoundaryText('{"type":"Feature"}') // { ok: false, problems: [{ key: 'notCollection', … }], more: 0 }
 */
export function checkBoundaryText(raw: string): BoundaryCheck {
  const text = raw.replace(/^\uFEFF/, '');
  const problems: BoundaryProblem[] = [];
  const done = (): BoundaryCheck => ({
    ok: false,
    problems: problems.slice(0, MAX_LISTED),
    more: Math.max(0, problems.length - MAX_LISTED),
  });
  if (!text.trim()) return (problems.push({ key: 'empty', values: {} }), done());
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    problems.push(parseFailure(text, error instanceof Error ? error.message : ''));
    return done();
  }
  const fc = parsed as { type?: unknown; features?: unknown };
  if (typeof parsed !== 'object' || parsed === null || fc.type !== 'FeatureCollection') {
    const type = typeof fc?.type === 'string' ? fc.type : '';
    problems.push({ key: type ? 'notCollectionType' : 'notCollection', values: { type } });
    return done();
  }
  if (!Array.isArray(fc.features) || fc.features.length === 0) {
    problems.push({ key: 'noFeatures', values: {} });
    return done();
  }
  const names: string[] = [];
  fc.features.forEach((feature, i) => {
    const n = i + 1;
    const name = featureName(feature, n);
    names.push(name);
    const geometry = (feature as { geometry?: { type?: unknown; coordinates?: unknown } } | null)?.geometry;
    const at = { n, name };
    if (!geometry || typeof geometry.type !== 'string') {
      problems.push({ key: 'noGeometry', values: at });
    } else if (geometry.type === 'Polygon') {
      ringProblems(geometry.coordinates, at, problems);
    } else if (geometry.type === 'MultiPolygon') {
      const parts = Array.isArray(geometry.coordinates) ? geometry.coordinates : [];
      if (parts.length === 0) problems.push({ key: 'noRings', values: at });
      parts.forEach((rings, part) => ringProblems(rings, { ...at, part: part + 1 }, problems));
    } else {
      const kind = GEOMETRY_WORDS[geometry.type] ?? 'other';
      problems.push({ key: 'notPolygon', values: { ...at, kind } });
    }
  });
  if (problems.length > 0) return done();
  return { ok: true, geojson: parsed as Record<string, unknown>, features: fc.features.length, names };
}

/** The GeoJSON path of a problem's place (`boundary`, or `boundary.features.2.geometry.coordinates.0.3`). */
export function boundaryProblemPath(p: BoundaryProblem): string {
  const v = p.values;
  if (typeof v['n'] !== 'number') return 'boundary';
  const at = [`boundary.features.${v['n'] - 1}`];
  if (p.key === 'noGeometry' || p.key === 'notPolygon') return at[0]!;
  at.push('geometry.coordinates');
  for (const k of ['part', 'ring', 'point']) if (typeof v[k] === 'number') at.push(String(v[k] - 1));
  return at.join('.');
}

/** What a problem says, in English for the API's callers, its key first (`ringOpen: …`). */
export function boundaryProblemMessage(p: BoundaryProblem): string {
  const v = p.values;
  const feature = `feature ${v['n']} (${v['name']})${typeof v['part'] === 'number' ? `, part ${v['part']}` : ''}`;
  const ring = `${feature}, ring ${v['ring']}`;
  const text: Record<string, string> = {
    empty: 'the file is empty',
    unreadable: 'the file cannot be read as text',
    notJsonAt: `not JSON: it stops at line ${v['line']}, column ${v['column']}`,
    notJsonEnd: `not JSON: it ends early, at line ${v['line']}, column ${v['column']}`,
    notJson: 'not JSON',
    notCollectionType: `a GeoJSON ${v['type']}, where a FeatureCollection is needed`,
    notCollection: 'not a GeoJSON FeatureCollection',
    noFeatures: 'the FeatureCollection has no features',
    noGeometry: `${feature} has no geometry`,
    noRings: `${feature} has no rings`,
    ringShort: `${ring} has fewer than 4 points`,
    badPoint: `${ring}, point ${v['point']} is not a longitude and latitude: ${v['value']}`,
    ringOpen: `${ring} is not closed (its last point is not its first)`,
    notPolygon: `${feature} is a ${v['kind']}, where a Polygon or MultiPolygon is needed`,
  };
  return `${p.key}: ${text[p.key] ?? p.key}`;
}

/** The keys `boundaryProblemMessage` starts with. */
export const BOUNDARY_PROBLEM_KEYS = [
  'empty',
  'unreadable',
  'notJsonAt',
  'notJsonEnd',
  'notJson',
  'notCollectionType',
  'notCollection',
  'noFeatures',
  'noGeometry',
  'noRings',
  'ringShort',
  'badPoint',
  'ringOpen',
  'notPolygon',
] as const;
