/**
 * A jurisdiction (辖区) as data: a government at one level, with its areas, its units, its
 * dispatch catalogue and its settings. Everything a place needs comes from its own files
 * (src/documents/jurisdiction-folder.ts); nothing about any place is written in code.
 */
import type { HealthConfig } from '../plan/thresholds.js';
import type { UnitKind } from '../plan/types.js';
import type { HolidayTable } from '../requests/calendar.js';
import type { DeadlineRule } from '../requests/types.js';
import type { ScoringScheme } from '../requests/scoring.js';

/** The levels of Chinese government, top down. */
export const LEVELS = ['国家', '省', '市', '区县', '街乡'] as const;
export type Level = (typeof LEVELS)[number];

/** A point in WGS-84 degrees. */
export interface GeoPoint {
  lat: number;
  long: number;
}

/** A linear ring as GeoJSON writes it: [longitude, latitude] pairs, first = last. */
export type Ring = [number, number][];

/** An area's boundary: a GeoJSON Polygon (outer ring, then holes) or MultiPolygon. */
export type Boundary =
  { type: 'Polygon'; coordinates: Ring[] } | { type: 'MultiPolygon'; coordinates: Ring[][] };

/** The kinds of area below a district: a street (街道) or a town or township (镇/乡). */
export type AreaKind = 'street' | 'town';

/** A street or town of the jurisdiction with its communities (社区/村). */
export interface JurisdictionArea {
  name: string;
  kind: AreaKind;
  communities: string[];
  /** A point inside the area (its office, its centre), for maps and for routing without boundaries. */
  centre?: GeoPoint;
  /** Its boundary when the office has one (GeoJSON), for routing a point to the area. */
  boundary?: Boundary;
}

/**
 * A unit that takes tasks and orders: a department, a street or town office, an enterprise.
 * `aliases` are other names offices write for it (简称); `area` the street or town an office
 * governs (属地).
 */
export interface JurisdictionUnit {
  name: string;
  aliases: string[];
  kind: UnitKind;
  area?: string;
}

/** Who owns a request type, with units named as the workbook names them. */
export type OwnerRef =
  | { by: 'territory' }
  | { by: 'unit'; unit: string }
  | { by: 'area'; units: Record<string, string>; fallback: string };

/** A row of the dispatch catalogue (派单目录) as an office writes it: units by name. */
export interface CatalogueRowDef {
  category: string;
  code?: string;
  group: string;
  description: string;
  keywords: string[];
  owner: OwnerRef;
  designated: boolean;
  sign: DeadlineRule;
  contact: DeadlineRule;
  finish: DeadlineRule;
  coFinish?: DeadlineRule;
}

/** The first version of the catalogue: in force from `effectiveFrom` (an ISO instant). */
export interface CatalogueDef {
  effectiveFrom: string;
  note: string;
  rows: CatalogueRowDef[];
}

/** What Open311 (GeoReport v2) shows of the jurisdiction. */
export interface Open311Settings {
  /** The value of `jurisdiction_id` that selects this jurisdiction; the 行政区划代码 by default. */
  jurisdictionId: string;
  /** Service codes offered; all catalogue rows when absent. */
  services?: string[];
}

/** A jurisdiction as its files define it, checked (validateJurisdiction). */
export interface JurisdictionDefinition {
  /** Its full name as written: 北京市昌平区, 上海市, 北京市昌平区回龙观街道. */
  name: string;
  level: Level;
  /** The six-digit 行政区划代码 (GB/T 2260); nine digits for a 街乡 (GB/T 10114). */
  code: string;
  /** The code of the jurisdiction above it, when it has one in the deployment. */
  parentCode?: string;
  areas: JurisdictionArea[];
  units: JurisdictionUnit[];
  catalogue?: CatalogueDef;
  /** Official holiday tables for years beyond the package's (chinese-days shape, parsed). */
  calendar: HolidayTable[];
  /** The scoring scheme of 三率 (version 1); the default scheme when absent. */
  scoring?: Omit<ScoringScheme, 'version'>;
  health: HealthConfig;
  open311: Open311Settings;
  /** Hours a named handler has to read a notice before the unit's inbox gets it (issue 20). */
  notify?: { inboxAfterHours?: number };
}
