/**
 * The tables of the offices' other work (issues 17, 18, 20): other sources of work, the outbox
 * and the chase, the monthly 通报, the 12345 desk, the project library and 服务包. Part of the one
 * schema (`schema.ts` lists every table in `Database`); kept apart only for length.
 */
import type { Generated } from 'kysely';

/** The ledger plan of a year's other work (issue 18): one per year. */
export interface WorkLedgersTable {
  /** The plan's jurisdiction, set from it on insert (migration 20261216T0100). */
  jurisdiction_id: Generated<number>;
  year: number;
  plan_id: number;
  created_at: string;
}

export interface MeetingsTable {
  id: Generated<number>;
  plan_id: number;
  name: string;
  held_on: string;
  data: string;
  created_at: string;
}

export interface WorkListsTable {
  id: Generated<number>;
  plan_id: number;
  name: string;
  file_name: string;
  imported_by: number;
  imported_at: string;
}

/** 批示件, 议定事项, 建议, 提案 and list items: the domain's JSON beside the columns desks filter on. */
export interface WorkItemsTable {
  id: Generated<number>;
  plan_id: number;
  kind: string;
  state: string;
  reference: string;
  title: string;
  lead_unit_id: number | null;
  due_on: string | null;
  task_id: number | null;
  meeting_id: number | null;
  list_id: number | null;
  authors: Generated<string>;
  last_rating: string | null;
  data: string;
  version: Generated<number>;
  created_at: string;
  updated_at: string;
}

/** A 知识库 entry (issue 20): the entry as JSON, with the columns lists filter on. */
export interface KnowledgeEntriesTable {
  id: Generated<number>;
  /** The owner unit's jurisdiction (set on insert, migration 20261216T0100). */
  jurisdiction_id: Generated<number>;
  owner_unit_id: number;
  category: string;
  area: string | null;
  question: string;
  status: string;
  approved_version: number | null;
  review_by: string | null;
  valid_to: string | null;
  retired_at: string | null;
  data: string;
  version: number;
  updated_at: string;
}

// ---- the project library and 服务包 (issue 17): JSON columns hold src/projects/types.ts's shapes.

/** A row's id and the government it belongs to (`jurisdiction_id`, 1 until jurisdictions are data). */
interface Owned {
  id: Generated<number>;
  jurisdiction_id: Generated<number>;
}

/** A record under an optimistic version, with its times. */
interface Stamped extends Owned {
  version: number;
  created_at: string;
  updated_at: string;
}

/** One message to send (issue 18), written in the transaction of the change that caused it. */
export interface NotifyOutboxTable {
  id: string;
  dedupe_key: string;
  kind: string;
  channel: string;
  destination: string;
  destination_key: string;
  notice: string;
  recipient_user_id: number | null;
  recipient_unit_id: number | null;
  recipient_label: string;
  status: string;
  attempts: Generated<number>;
  queued_at: string;
  next_attempt_at: string | null;
  lease_token: string | null;
  lease_until: string | null;
  last_error: string | null;
  sent_at: string | null;
  provider_id: string | null;
  delivered_at: string | null;
  read_at: string | null;
}

export interface NotifyAttemptsTable {
  id: Generated<number>;
  message_id: string;
  attempt: number;
  at: string;
  outcome: string;
  detail: string;
  next_attempt_at: string | null;
}

/** A unit's copy of a handler's notice, held until read or due (issue 20). */
export interface NotifyFallbacksTable {
  jurisdiction_id: number;
  dedupe_key: string;
  item_kind: string;
  item_id: number;
  unit_id: number;
  handler_id: number;
  read_group: string;
  notice: string;
  queued_at: string;
  due_at: string;
  seen_at: string | null;
  done_at: string | null;
  outcome: string | null;
}

export interface ChaseMarksTable {
  event_key: string;
  queued_at: string;
}

export interface ChaseRunsTable {
  id: Generated<number>;
  from_day: string;
  to_day: string;
  started_at: string;
  finished_at: string | null;
  items: Generated<number>;
  events: Generated<number>;
  messages: Generated<number>;
}

/**
 * A jurisdiction's settings as JSON by scope (migration 20261221T0100): `user:5` (a person of
 * it), `unit:3` (a unit of it), `office:notify`, `office:chase`, `office:bulletin`.
 */
export interface NotifySettingsTable {
  jurisdiction_id: number;
  scope: string;
  data: string;
  version: Generated<number>;
  updated_by: number | null;
  updated_at: string;
}

/** Values of the deployment, not of a jurisdiction, by name: `comments:secret`, `follows:told`. */
export interface DeploymentSettingsTable {
  name: string;
  data: string;
  version: Generated<number>;
  updated_at: string;
}

/** The 通报 of a jurisdiction (migration 20261220T0000): its drafts, issues and named units. */
export interface BulletinDraftsTable {
  jurisdiction_id: number;
  month: string;
  data: string;
  version: Generated<number>;
  updated_by: number | null;
  updated_at: string;
}

export interface BulletinsTable {
  jurisdiction_id: number;
  id: Generated<number>;
  month: string;
  revision: number;
  number: string;
  title: string;
  snapshot: string;
  issued_by: number;
  issued_at: string;
}

export interface BulletinUnitsTable {
  jurisdiction_id: number;
  bulletin_id: number;
  unit_id: number;
}

/** One event of a commitment or an enterprise request, in order; the domain's event as JSON. */
interface EventRow extends Owned {
  seq: number;
  type: string;
  at: string;
  actor_user_id: number | null;
  data: string;
}

/** A jurisdiction's libraries, stage model, lamp rules and map boundary (GeoJSON text). */
export interface LibrarySettingsTable {
  jurisdiction_id: number;
  /** { libraries, stageModel, lampRules } */
  settings: string;
  boundary: string | null;
  version: number;
  updated_at: string;
}

/** One check of a unit's reply: by the rules or by a checker (issue 20). */
export interface RequestReplyChecksTable {
  id: Generated<number>;
  /** The order's jurisdiction (set on insert, migration 20261216T0100). */
  jurisdiction_id: Generated<number>;
  order_id: number;
  unit_id: number;
  at: string;
  kind: string;
  passed: number;
  codes: string;
  note: string | null;
  checker_id: number | null;
}

/** Who of a unit handles an order or a plan task (经办人, issue 20). */
export interface HandlerAssignmentsTable {
  /** The unit's jurisdiction (migration 20261216T0100). */
  jurisdiction_id: Generated<number>;
  kind: string;
  item_id: number;
  unit_id: number;
  handler_id: number;
  assigned_at: string;
  assigned_by: number | null;
  reason: string | null;
}

/** The heads of units, who assign handlers (issue 20). */
export interface UnitHeadsTable {
  unit_id: number;
  user_id: number;
}

/** The desk's answer rules and sample, versioned by the day they apply from (issue 20). */
export interface RequestDeskSettingsTable {
  jurisdiction_id: number;
  version: number;
  effective_from: string;
  data: string;
  created_by: number | null;
  created_at: string;
}

export interface LibraryProjectsTable extends Stamped {
  library: string;
  name: string;
  aliases: string;
  class: string;
  stage: string;
  history: string;
  total_investment: number | null;
  annual_plans: string;
  parcel: string | null;
  lng: number | null;
  lat: number | null;
  lead_unit_id: number | null;
  leader: string | null;
  enterprise_id: number | null;
  milestones: string;
  targets: string;
  progress: string;
  stats_registered_on: string | null;
  exited_on: string | null;
  exit_reason: string | null;
}

export interface LibraryInvestmentsTable {
  jurisdiction_id: Generated<number>;
  project_id: number;
  month: string;
  amount: number;
}

/** A month's investment data call on one library's projects (项目投资月报, migration 20261219T0000). */
export interface LibraryInvestmentCallsTable {
  id: Generated<number>;
  jurisdiction_id: number;
  library: string;
  /** YYYY-MM */
  month: string;
  due_on: string;
  opened_by: number | null;
  created_at: string;
}

/** What a lead unit returned for a call: the last return, how, and how many times it returned. */
export interface LibraryInvestmentReturnsTable {
  jurisdiction_id: number;
  call_id: number;
  unit_id: number;
  /** 'form' (typed in the page) or 'workbook' (uploaded). */
  via: string;
  times: number;
  returned_by: number | null;
  returned_at: string;
}

/** A library project's stage spans (migration 20261217T0100, src/projects/spans.ts). */
export interface LibraryStageSpansTable {
  jurisdiction_id: number;
  project_id: number;
  seq: number;
  library: string;
  lead_unit_id: number | null;
  stage: string;
  stage_rank: number;
  from_on: string;
  to_on: string;
  band: string | null;
  band_since: string | null;
  planned_by: string | null;
  exited_on: string | null;
  /** The years with an annual plan or a target, as ',2022,2023,'. */
  planned_years: string;
}

/** A project's quiet span (src/projects/spans.ts QuietSpan): the stale list's rows. */
export interface LibraryQuietSpansTable {
  jurisdiction_id: number;
  project_id: number;
  from_on: string;
  to_on: string;
  /** The latest day anything had moved by `from_on` (holds until `to_on`). */
  last_on: string;
}

export interface LibraryMatchesTable extends Owned {
  plan_id: number;
  plan_project_id: number;
  /** The domain's NameMatch (outcome, confidence, candidates). */
  match: string;
  library_project_id: number | null;
  target_stage: string | null;
  state: string;
  decided_by: number | null;
  decided_at: string | null;
  created_at: string;
}

export interface LibraryPromisesTable extends Owned {
  plan_id: number;
  year: number;
  /** The domain's CountPromise. */
  data: string;
}

export interface EnterprisesTable extends Stamped {
  name: string;
  credit_code: string;
  industry: string;
  address: string;
  size: string | null;
}

export interface TalentsTable extends Owned {
  name: string;
  category: string;
  field: string;
  enterprise_id: number | null;
  created_at: string;
}

export interface ServicePackagesTable extends Owned {
  holder_kind: string;
  holder_id: number;
  year: number;
  butler: string;
  version: number;
  created_at: string;
}

export interface CommitmentsTable extends Stamped {
  package_id: number;
  kind: string;
  title: string;
  responsible_unit_id: number;
  butler: string;
  opened_on: string;
  working_days: number | null;
  due_on: string;
  state: string;
  evidence: string;
  delivered_on: string | null;
  confirmed_on: string | null;
  satisfaction: string | null;
  links: string;
  note: string | null;
}

export interface CommitmentEventsTable extends EventRow {
  commitment_id: number;
  on_day: string;
}

export interface EnterpriseRequestsTable extends Owned {
  enterprise_id: number;
  package_id: number | null;
  status: string;
  lead_unit_id: number | null;
  butler: string;
  received_at: string;
  finish_due: string | null;
  closed_at: string | null;
  version: number;
  data: string;
}

export interface EnterpriseRequestEventsTable extends EventRow {
  request_id: number;
}

/** Every table, keyed by its SQL name. */
