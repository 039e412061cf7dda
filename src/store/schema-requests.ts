/**
 * The tables of citizens' requests (接诉即办, issue 7 and after): orders, their events and
 * co-units, the catalogue and scoring versions, exemptions, themes, links to plan tasks, the
 * category model, follow-ups, holiday tables and media. Part of the one schema (`schema.ts`
 * lists every table in `Database`); kept apart only for length. JSON columns hold the domain's
 * own shapes (src/requests/types.ts).
 */
import type { Generated } from 'kysely';

export interface RequestOrdersTable {
  /** The jurisdiction that owns the row (migration 20261216T0100). */
  jurisdiction_id: number;
  id: Generated<number>;
  source: string;
  category: string;
  area: string;
  status: string;
  lead_unit_id: number | null;
  received_at: string;
  dedupe_key: string;
  catalogue_version: number | null;
  sign_due: string | null;
  contact_due: string | null;
  finish_due: string | null;
  signed_at: string | null;
  contacted_at: string | null;
  replied_at: string | null;
  closed_at: string | null;
  anonymous_to_public: number;
  version: number;
  data: string;
  /** Why the order waits for a checker (issue 20); null when it does not. */
  pending_check: string | null;
  /** The unit whose knowledge entry answered the call on the spot (直接答复). */
  direct_unit_id: number | null;
}

export interface RequestEventsTable {
  /** The jurisdiction that owns the row (migration 20261216T0100). */
  jurisdiction_id: number;
  id: Generated<number>;
  order_id: number;
  seq: number;
  type: string;
  at: string;
  actor_user_id: number | null;
  data: string;
  /** The order's received_at: on PostgreSQL an order and its events share a month's partition (20261220T0100). */
  received_at: string;
}

export interface RequestCoUnitsTable {
  /** The jurisdiction that owns the row (migration 20261216T0100). */
  jurisdiction_id: number;
  order_id: number;
  unit_id: number;
  finish_due: string;
  reported_at: string | null;
}

export interface RequestCatalogueVersionsTable {
  /** The jurisdiction that owns the row (migration 20261216T0100). */
  jurisdiction_id: number;
  version: number;
  effective_from: string;
  note: string;
  rows: string;
}

export interface RequestScoringSchemesTable {
  /** The jurisdiction that owns the row (migration 20261216T0100). */
  jurisdiction_id: number;
  version: number;
  effective_from: string;
  scheme: string;
}

export interface RequestExemptionsTable {
  /** The jurisdiction that owns the row (migration 20261216T0100). */
  jurisdiction_id: number;
  unit_id: number;
  month: string;
  reason: string;
  created_by: number | null;
  created_at: string;
}

export interface RequestThemesTable {
  /** The jurisdiction that owns the row (migration 20261216T0100). */
  jurisdiction_id: number;
  id: Generated<number>;
  month: string;
  lead_unit_id: number;
  data: string;
  created_by: number | null;
  created_at: string;
}

export interface RequestTaskLinksTable {
  /** The jurisdiction that owns the row (migration 20261216T0100). */
  jurisdiction_id: number;
  source_key: string;
  task_id: number;
  score: number;
  confirmed_by: number;
  confirmed_at: string;
}

export interface RequestModelsTable {
  /** The jurisdiction that owns the row (migration 20261216T0100). */
  jurisdiction_id: number;
  name: string;
  trained_at: string;
  model: string;
}

/** One row per order and Beijing month with a reached follow-up: 三率 are summed from these. */
export interface RequestFollowUpsTable {
  /** The jurisdiction that owns the row (migration 20261216T0100). */
  jurisdiction_id: number;
  order_id: number;
  month: string;
  lead_unit_id: number;
  source: string;
  exempt: number;
  contacted: number | null;
  resolved: number | null;
  satisfaction: string | null;
}

/** A year's official holiday arrangement as the centre loaded it (chinese-days' JSON shape). */
export interface RequestHolidayTablesTable {
  year: number;
  data: string;
  source: string;
  loaded_by: number | null;
  loaded_at: string;
}

/** A photo, video, recording or PDF of a request: its bytes beside their metadata. */
export interface RequestMediaTable {
  /** The jurisdiction that owns the row (migration 20261216T0100). */
  jurisdiction_id: number;
  ref: string;
  name: string;
  content_type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: number | null;
  uploaded_at: string;
  order_id: number | null;
  claim: string | null;
}
