/**
 * Routing a point to an area: point-in-polygon on the areas' GeoJSON boundaries (holes and
 * multi-polygons included), and the distance to the nearest boundary when the point lies in
 * none. Distances are metres on a local equirectangular projection around the point, which is
 * within 0.5% of the great-circle distance over the few kilometres a district spans.
 */
import type { Boundary, GeoPoint, JurisdictionArea, Ring } from './types.js';

const EARTH_RADIUS_M = 6_371_008.8;
const RAD = Math.PI / 180;

/**
 * True when the point lies inside the ring (ray casting; a point on an edge counts as inside).
 * @example isInRing({ lat: 0.5, long: 0.5 }, [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]) // true
 */
export function isInRing(point: GeoPoint, ring: Ring): boolean {
  const x = point.long;
  const y = point.lat;
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (onSegment(x, y, xi, yi, xj, yj)) return true;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function onSegment(x: number, y: number, x1: number, y1: number, x2: number, y2: number): boolean {
  const cross = (x - x1) * (y2 - y1) - (y - y1) * (x2 - x1);
  if (Math.abs(cross) > 1e-12) return false;
  return x >= Math.min(x1, x2) && x <= Math.max(x1, x2) && y >= Math.min(y1, y2) && y <= Math.max(y1, y2);
}

function polygons(boundary: Boundary): Ring[][] {
  return boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates;
}

/**
 * True when the point lies inside the boundary: inside an outer ring and in none of its holes.
 * @example isInBoundary({ lat: 0.5, long: 0.5 }, { type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]] }) // true
 */
export function isInBoundary(point: GeoPoint, boundary: Boundary): boolean {
  return polygons(boundary).some(
    ([outer, ...holes]) =>
      outer !== undefined && isInRing(point, outer) && !holes.some((h) => isInRing(point, h)),
  );
}

/**
 * Metres from the point to the nearest edge of the boundary (0 on an edge); the same whether
 * the point is inside or outside.
 * @example distanceToBoundary({ lat: 0, long: 1.01 }, square) // ≈ 1113 (0.01° of longitude at the equator)
 */
export function distanceToBoundary(point: GeoPoint, boundary: Boundary): number {
  const kx = Math.cos(point.lat * RAD) * RAD * EARTH_RADIUS_M;
  const ky = RAD * EARTH_RADIUS_M;
  let best = Infinity;
  for (const polygon of polygons(boundary)) {
    for (const ring of polygon) {
      for (let i = 1; i < ring.length; i++) {
        const [ax, ay] = ring[i - 1]!;
        const [bx, by] = ring[i]!;
        best = Math.min(
          best,
          segmentDistance(
            0,
            0,
            (ax - point.long) * kx,
            (ay - point.lat) * ky,
            (bx - point.long) * kx,
            (by - point.lat) * ky,
          ),
        );
      }
    }
  }
  return best;
}

function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const dx = bx - ax;
  const dy = by - ay;
  const length2 = dx * dx + dy * dy;
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / length2));
  return Math.hypot(px - (ax + t * dx), py - (ay + t * dy));
}

/**
 * Great-circle distance in metres (haversine).
 * @example distanceMetres({ lat: 40, long: 116 }, { lat: 40, long: 116.01 }) // ≈ 852
 */
export function distanceMetres(a: GeoPoint, b: GeoPoint): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLong = (b.long - a.long) * RAD;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLong / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Where a point falls: in an area, or outside all of them with the nearest one and how far. */
export type AreaLocation =
  | { area: string; inside: true; by: 'boundary' }
  /** No area has a boundary: the area whose centre is nearest, and the metres to it. */
  | { area: string; inside: false; by: 'centre'; metres: number }
  /** The point lies in no boundary: the nearest area and the metres to its boundary. */
  | { area: string; inside: false; by: 'boundary'; metres: number };

/**
 * Routes a point to an area. Areas with boundaries decide first: the area containing the
 * point (the first listed, if boundaries overlap), else the nearest boundary with its distance.
 * Without any boundary, the nearest centre. Undefined when no area has either.
 * @example locateArea([{ name: '甲街道', kind: 'street', communities: [], boundary: square }], { lat: 0.5, long: 0.5 }) // { area: '甲街道', inside: true, by: 'boundary' }
 */
export function locateArea(areas: readonly JurisdictionArea[], point: GeoPoint): AreaLocation | undefined {
  const bounded = areas.filter((a) => a.boundary !== undefined);
  if (bounded.length > 0) {
    const inside = bounded.find((a) => isInBoundary(point, a.boundary!));
    if (inside) return { area: inside.name, inside: true, by: 'boundary' };
    let best: { area: string; metres: number } | undefined;
    for (const a of bounded) {
      const metres = distanceToBoundary(point, a.boundary!);
      if (!best || metres < best.metres) best = { area: a.name, metres };
    }
    return best && { area: best.area, inside: false, by: 'boundary', metres: Math.round(best.metres) };
  }
  let nearest: { area: string; metres: number } | undefined;
  for (const a of areas) {
    if (!a.centre) continue;
    const metres = distanceMetres(point, a.centre);
    if (!nearest || metres < nearest.metres) nearest = { area: a.name, metres };
  }
  return nearest && { area: nearest.area, inside: false, by: 'centre', metres: Math.round(nearest.metres) };
}
