/**
 * The jurisdiction a 12345 centre serves: its streets (街道) and towns (镇) with their
 * communities, and the units that take orders. A jurisdiction is data, set up from its office's
 * files (src/jurisdictions; examples/jurisdictions/ holds the demo's).
 */
import { AppError } from '../errors.js';
import type { Boundary } from '../jurisdictions/types.js';
import type { OrderLocation } from './types.js';

export interface Area {
  name: string;
  kind: 'street' | 'town';
  communities: string[];
  /** A point inside the area (approximate centre), for synthetic coordinates, maps and routing. */
  lat?: number;
  long?: number;
  /** Its boundary (GeoJSON) when the jurisdiction's files give one: routing a point decides by it. */
  boundary?: Boundary;
}

export interface Jurisdiction {
  name: string;
  areas: Area[];
}

/**
 * The area of a jurisdiction by name, or undefined.
 * @example
 * findArea({ name: '某区', areas: [{ name: '南口镇', kind: 'town', communities: [] }] }, '南口镇')?.kind // 'town'
 */
export function findArea(jurisdiction: Jurisdiction, name: string): Area | undefined {
  return jurisdiction.areas.find((a) => a.name === name);
}

/**
 * Checks that a location lies in the jurisdiction: its area is one of its streets or towns,
 * its community (when given) one of that area's. Throws BAD_INPUT naming the field otherwise.
 * @example
 * assertInJurisdiction(jurisdiction, { address: '西大街', area: '回龙观街道' }) // the area, or BAD_INPUT
 */
export function assertInJurisdiction(jurisdiction: Jurisdiction, location: OrderLocation): Area {
  const found = findArea(jurisdiction, location.area);
  if (!found) {
    throw new AppError('BAD_INPUT', `「${location.area}」不在${jurisdiction.name}辖区内`, [
      { path: 'location.area', message: `not a street or town of ${jurisdiction.name}` },
    ]);
  }
  if (
    location.community !== undefined &&
    location.community !== '' &&
    !found.communities.includes(location.community)
  ) {
    throw new AppError('BAD_INPUT', `「${location.community}」不是${found.name}的社区（村）`, [
      { path: 'location.community', message: `not a community of ${found.name}` },
    ]);
  }
  return found;
}
