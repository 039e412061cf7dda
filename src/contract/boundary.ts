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

const KIND_WORDS: Record<string, string> = {
  point: '点',
  line: '线',
  collection: '图形集合',
  other: '非面图形',
};

/**
 * What a problem says, as an office writes it (the web's zh-CN words alike); the API's detail
 * carries the key as its `code` and the values, which a client matches instead of the words.
 * @example boundaryProblemMessage({ key: 'ringOpen', values: { n: 2, name: '乙镇', ring: 1 } }) // '第2个区域（乙镇）第1圈首尾坐标不一致，未闭合'
 */
export function boundaryProblemMessage(p: BoundaryProblem): string {
  const v = p.values;
  const feature = `第${v['n']}个区域（${v['name']}）${typeof v['part'] === 'number' ? `第${v['part']}部分` : ''}`;
  const ring = `${feature}第${v['ring']}圈`;
  const text: Record<string, string> = {
    empty: '文件是空的',
    unreadable: '文件无法读取',
    notJsonAt: `第${v['line']}行第${v['column']}列格式有误（括号、引号或逗号不匹配）`,
    notJsonEnd: `文件在第${v['line']}行意外结束，可能未完整保存`,
    notJson: '文件不是有效的 GeoJSON 文本（可能不是 GeoJSON，或文件已损坏）',
    notCollectionType: `文件须是区域集合（FeatureCollection），此文件是“${v['type']}”`,
    notCollection: '文件须是区域集合（FeatureCollection）',
    noFeatures: '文件中没有任何区域',
    noGeometry: `${feature}没有图形`,
    noRings: `${feature}没有坐标`,
    ringShort: `${ring}少于4个坐标点`,
    badPoint: `${ring}第${v['point']}个坐标点 ${v['value']} 不是经纬度（经度应在±180以内，纬度在±90以内）`,
    ringOpen: `${ring}首尾坐标不一致，未闭合`,
    notPolygon: `${feature}是${KIND_WORDS[String(v['kind'])] ?? KIND_WORDS['other']}，边界须为面`,
  };
  return text[p.key] ?? text['unreadable']!;
}

/** The keys of a boundary's problems (an error detail's `code`). */
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
