/**
 * Areas' boundaries from a GeoJSON FeatureCollection (RFC 7946): one feature per street or
 * town, named by its `name` (or `名称`) property, with a Polygon or MultiPolygon geometry in
 * WGS-84 [longitude, latitude]. Offices export these from their GIS; coordinates are taken as
 * given (a GCJ-02 file routes with an offset of a few hundred metres).
 */
import type { Boundary, JurisdictionArea, Ring } from '../jurisdictions/types.js';
import type { ProblemList } from './xlsx.js';

/** A boundary file above this is refused (a district's detailed boundaries are 1–5 MB). */
export const MAX_GEOJSON_BYTES = 32 * 1024 * 1024;

function isPosition(value: unknown): value is [number, number] {
  return (
    Array.isArray(value) &&
    value.length >= 2 &&
    value.every((n) => typeof n === 'number' && Number.isFinite(n))
  );
}

function readRings(value: unknown): Ring[] | undefined {
  if (!Array.isArray(value) || value.length === 0) return undefined;
  const rings: Ring[] = [];
  for (const ring of value) {
    if (!Array.isArray(ring) || !ring.every(isPosition)) return undefined;
    rings.push(ring.map(([long, lat]) => [long, lat]));
  }
  return rings;
}

function readGeometry(geometry: unknown): Boundary | undefined {
  if (typeof geometry !== 'object' || geometry === null) return undefined;
  const { type, coordinates } = geometry as { type?: unknown; coordinates?: unknown };
  if (type === 'Polygon') {
    const rings = readRings(coordinates);
    return rings && { type, coordinates: rings };
  }
  if (type === 'MultiPolygon' && Array.isArray(coordinates) && coordinates.length > 0) {
    const polygons = coordinates.map(readRings);
    return polygons.every((p) => p !== undefined) ? { type, coordinates: polygons as Ring[][] } : undefined;
  }
  return undefined;
}

/**
 * Each area's boundary with the index of its feature, by the area's index. Problems (not
 * JSON, not a FeatureCollection, a feature without a name, a name that is no area, an area
 * twice, a geometry that is not a polygon) go to `problems` at `FILE:features.N`.
 */
export function parseBoundaries(
  file: string,
  bytes: Uint8Array,
  areas: readonly JurisdictionArea[],
  problems: ProblemList,
): Map<number, { boundary: Boundary; feature: number }> {
  const found = new Map<number, { boundary: Boundary; feature: number }>();
  if (bytes.byteLength > MAX_GEOJSON_BYTES) {
    problems.add(file, `边界文件超过 ${MAX_GEOJSON_BYTES / 1024 / 1024} MB`);
    return found;
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes).replace(/^\uFEFF/, ''));
  } catch {
    problems.add(file, '不是有效的 GeoJSON 文本（括号、引号或逗号不匹配，或文件未完整保存）');
    return found;
  }
  const features = (json as { type?: unknown; features?: unknown }).features;
  if ((json as { type?: unknown }).type !== 'FeatureCollection' || !Array.isArray(features)) {
    problems.add(file, '应为 GeoJSON 的 FeatureCollection（每个街道、镇一个 Feature）');
    return found;
  }
  const index = new Map(areas.map((a, i) => [a.name, i]));
  features.forEach((feature: unknown, i) => {
    const at = `${file}:features.${i}`;
    const properties = (feature as { properties?: Record<string, unknown> } | null)?.properties ?? {};
    const name = properties.name ?? properties['名称'];
    if (typeof name !== 'string' || name.trim() === '') {
      problems.add(at, `第${i + 1}个区域缺少 name（街道或镇的名称）`);
      return;
    }
    const area = index.get(name.trim());
    if (area === undefined) {
      problems.add(at, `第${i + 1}个区域「${name}」不是区域表中的街道或镇`);
      return;
    }
    if (found.has(area)) {
      problems.add(
        at,
        `「${name}」的边界出现了两次（第${found.get(area)!.feature + 1}个和第${i + 1}个区域）`,
      );
      return;
    }
    const boundary = readGeometry((feature as { geometry?: unknown }).geometry);
    if (!boundary) {
      problems.add(at, `第${i + 1}个区域「${name}」的几何应为 Polygon 或 MultiPolygon，坐标为 [经度, 纬度]`);
      return;
    }
    found.set(area, { boundary, feature: i });
  });
  return found;
}
