/**
 * The tables of governments and the links between their plans (issue 16): jurisdictions, their
 * areas, the aliases of their units, and plan links. Part of the one schema (`schema.ts` lists
 * every table in `Database`); kept apart only for length.
 */
import type { Generated } from 'kysely';

/** A government the deployment serves (issue 16; migration 20261216T0000). */
export interface JurisdictionsTable {
  id: Generated<number>;
  /** The 行政区划代码; null only for jurisdiction 1 of a database made before jurisdictions. */
  code: string | null;
  name: string;
  level: string;
  parent_id: number | null;
  /** What Open311 clients send as jurisdiction_id. */
  open311_id: string | null;
  /** JSON: health thresholds, Open311 services. */
  settings: string;
  version: number;
  created_at: string;
}

/** A street or town of a jurisdiction (JSON communities and GeoJSON boundary as text). */
export interface AreasTable {
  jurisdiction_id: number;
  name: string;
  kind: string;
  communities: string;
  lat: number | null;
  long: number | null;
  boundary: string | null;
  position: number;
}

/** Another name of a unit (简称), unique within its jurisdiction. */
export interface UnitAliasesTable {
  jurisdiction_id: number;
  alias: string;
  unit_id: number;
}

/** A lower plan's target or task linked to the higher plan's it serves (issue 16.3). */
export interface PlanLinksTable {
  jurisdiction_id: number;
  id: Generated<number>;
  kind: string;
  child_plan_id: number;
  child_item_id: number;
  parent_jurisdiction_id: number;
  parent_plan_id: number;
  parent_item_id: number;
  origin: string;
  weight: number | null;
  created_by: number | null;
  created_at: string;
}
