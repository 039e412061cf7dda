import { describe, expect, it } from 'vitest';
import { distanceMetres, distanceToBoundary, isInBoundary, isInRing, locateArea } from './geometry.js';
import type { Boundary, JurisdictionArea, Ring } from './types.js';

/** A square of `size` degrees with its south-west corner at (lat, long). */
function square(lat: number, long: number, size: number): Ring {
  return [
    [long, lat],
    [long + size, lat],
    [long + size, lat + size],
    [long, lat + size],
    [long, lat],
  ];
}

const west: Boundary = { type: 'Polygon', coordinates: [square(40, 116, 0.1)] };
// A square with a hole in its middle (an enclave of another area).
const ringed: Boundary = {
  type: 'Polygon',
  coordinates: [square(40, 116.1, 0.1), square(40.04, 116.14, 0.02)],
};
const enclave: Boundary = { type: 'Polygon', coordinates: [square(40.04, 116.14, 0.02)] };
const islands: Boundary = {
  type: 'MultiPolygon',
  coordinates: [[square(40.2, 116, 0.01)], [square(40.3, 116, 0.01)]],
};

const areas: JurisdictionArea[] = [
  { name: '西街道', kind: 'street', communities: [], boundary: west },
  { name: '环镇', kind: 'town', communities: [], boundary: ringed },
  { name: '飞地街道', kind: 'street', communities: [], boundary: enclave },
  { name: '岛镇', kind: 'town', communities: [], boundary: islands },
];

describe('isInRing / isInBoundary', () => {
  it('tells inside from outside, an edge counting as inside', () => {
    expect(isInRing({ lat: 40.05, long: 116.05 }, square(40, 116, 0.1))).toBe(true);
    expect(isInRing({ lat: 40.15, long: 116.05 }, square(40, 116, 0.1))).toBe(false);
    expect(isInRing({ lat: 40, long: 116.05 }, square(40, 116, 0.1))).toBe(true);
  });

  it('leaves out holes and takes every part of a multi-polygon', () => {
    expect(isInBoundary({ lat: 40.01, long: 116.11 }, ringed)).toBe(true);
    expect(isInBoundary({ lat: 40.05, long: 116.15 }, ringed)).toBe(false);
    expect(isInBoundary({ lat: 40.305, long: 116.005 }, islands)).toBe(true);
    expect(isInBoundary({ lat: 40.25, long: 116.005 }, islands)).toBe(false);
  });
});

describe('distanceToBoundary', () => {
  it('measures metres to the nearest edge', () => {
    // 0.01° of latitude is 1,112 m everywhere.
    expect(distanceToBoundary({ lat: 40.11, long: 116.05 }, west)).toBeCloseTo(1112, -1);
    // 0.01° of longitude at 40°N is 852 m.
    expect(distanceToBoundary({ lat: 40.05, long: 115.99 }, west)).toBeCloseTo(852, -1);
    expect(distanceToBoundary({ lat: 40.05, long: 116.0 }, west)).toBe(0);
  });

  it('agrees with the great-circle distance to within half a percent over kilometres', () => {
    const point = { lat: 40.13, long: 116.05 };
    const flat = distanceToBoundary(point, west);
    const sphere = distanceMetres(point, { lat: 40.1, long: 116.05 });
    expect(Math.abs(flat - sphere) / sphere).toBeLessThan(0.005);
  });
});

describe('locateArea', () => {
  it('routes a point to the area whose boundary holds it', () => {
    expect(locateArea(areas, { lat: 40.05, long: 116.05 })).toEqual({
      area: '西街道',
      inside: true,
      by: 'boundary',
    });
    expect(locateArea(areas, { lat: 40.05, long: 116.15 })).toEqual({
      area: '飞地街道',
      inside: true,
      by: 'boundary',
    });
  });

  it('names the nearest area and the distance to its boundary for a point outside all', () => {
    expect(locateArea(areas, { lat: 40.105, long: 116.05 })).toEqual({
      area: '西街道',
      inside: false,
      by: 'boundary',
      metres: 556,
    });
  });

  it('uses centres when no area has a boundary, and nothing when there is neither', () => {
    const centres: JurisdictionArea[] = [
      { name: '北镇', kind: 'town', communities: [], centre: { lat: 40.2, long: 116.2 } },
      { name: '南街道', kind: 'street', communities: [], centre: { lat: 40.0, long: 116.2 } },
    ];
    expect(locateArea(centres, { lat: 40.05, long: 116.2 })).toEqual({
      area: '南街道',
      inside: false,
      by: 'centre',
      metres: 5560,
    });
    expect(
      locateArea([{ name: '无', kind: 'town', communities: [] }], { lat: 40, long: 116 }),
    ).toBeUndefined();
  });
});
