/**
 * The database schema as Kysely sees it: every table, snake_case columns, as the migrations
 * create them. Booleans are 0/1 integers and dates ISO strings on both dialects (better-sqlite3
 * binds neither JS booleans nor Dates; STACK.md), JSON is text. `Db` is the one handle every
 * repository takes: the connection, or a transaction on it.
 */
import type { Generated, Kysely, Transaction } from 'kysely';
import type { LimitHitsTable } from './limits.js';
import type {
  RequestOrdersTable,
  RequestEventsTable,
  RequestCoUnitsTable,
  RequestCatalogueVersionsTable,
  RequestScoringSchemesTable,
  RequestExemptionsTable,
  RequestThemesTable,
  RequestTaskLinksTable,
  RequestModelsTable,
  RequestFollowUpsTable,
  RequestHolidayTablesTable,
  RequestMediaTable,
} from './schema-requests.js';
import type {
  AreasTable,
  JurisdictionsTable,
  PlanLinksTable,
  UnitAliasesTable,
} from './schema-jurisdictions.js';
import type {
  WorkLedgersTable,
  MeetingsTable,
  WorkListsTable,
  WorkItemsTable,
  KnowledgeEntriesTable,
  NotifyOutboxTable,
  NotifyAttemptsTable,
  ChaseMarksTable,
  ChaseRunsTable,
  NotifyFallbacksTable,
  NotifySettingsTable,
  DeploymentSettingsTable,
  BulletinDraftsTable,
  BulletinsTable,
  BulletinUnitsTable,
  LibrarySettingsTable,
  RequestReplyChecksTable,
  HandlerAssignmentsTable,
  UnitHeadsTable,
  RequestDeskSettingsTable,
  LibraryProjectsTable,
  LibraryInvestmentsTable,
  LibraryInvestmentCallsTable,
  LibraryInvestmentReturnsTable,
  LibraryStageSpansTable,
  LibraryQuietSpansTable,
  LibraryMatchesTable,
  LibraryPromisesTable,
  EnterprisesTable,
  TalentsTable,
  ServicePackagesTable,
  CommitmentsTable,
  CommitmentEventsTable,
  EnterpriseRequestsTable,
  EnterpriseRequestEventsTable,
} from './schema-offices.js';
import type {
  PromiseVersionsTable,
  ConfidenceAssessmentsTable,
  VerdictEntriesTable,
  PublicChangesTable,
  FollowsTable,
  FollowMessagesTable,
  CommentsTable,
  CommentChallengesTable,
  CommenterSessionsTable,
  KioskTokensTable,
  PromiseSettingsTable,
} from './schema-promises.js';

export interface UnitsTable {
  /** The jurisdiction that owns the row (migration 20261216T0100). */
  jurisdiction_id: number;
  id: Generated<number>;
  name: string;
  kind: string;
  created_at: string;
  /** Optimistic-lock version (migration 20261127T0900). */
  version: number;
  /** The street or town a street or town office governs (属地), unique; else null (migration 20261127T1300). */
  area: string | null;
}

export interface UsersTable {
  /** The jurisdiction the user belongs to, and whether they see the ones below it (20261216T0000). */
  jurisdiction_id: number;
  sees_descendants: number;
  id: Generated<number>;
  username: string;
  display_name: string;
  role: string;
  password_hash: string;
  disabled: number;
  created_at: string;
  updated_at: string;
}

export interface UserUnitsTable {
  /** The jurisdiction that owns the row (migration 20261216T0100). */
  jurisdiction_id: number;
  user_id: number;
  unit_id: number;
}

export interface SessionsTable {
  id_hash: string;
  user_id: number;
  csrf_token: string;
  expires_at: string;
  created_at: string;
}

export interface ApiTokensTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  name: string;
  created_at: string;
  /** ISO instant after which the token no longer signs anyone in (null: made before expiry). */
  expires_at: string | null;
  /** What the token may do, space-separated (migration 20261217T0100). */
  scopes: Generated<string>;
}

export interface PlansTable {
  /** The jurisdiction that owns the row (migration 20261216T0100). */
  jurisdiction_id: number;
  id: Generated<number>;
  title: string;
  place: string;
  level: string;
  year: number;
  state: string;
  /** 'report' or 'ledger' (a year's 督查督办事项台账, issue 18; migration 20261218T0410). */
  kind: string;
  version: number;
  /**
   * The read version: advanced by every transaction that writes the plan or anything under it
   * (store/revisions.ts; migration 20261207T1000). Cached answers are keyed by it.
   */
  revision: Generated<number>;
  meta: string;
  source_name: string;
  text: string;
  created_at: string;
  updated_at: string;
  published_at: string | null;
}

export interface OutlineNodesTable {
  /** The jurisdiction that owns the row (migration 20261216T0100). */
  jurisdiction_id: number;
  id: Generated<number>;
  plan_id: number;
  parent_id: number | null;
  level: number;
  title: string;
  span_start: number;
  span_end: number;
  position: number;
  weight: number;
}

/** Columns shared by rows that can be assigned (targets, tasks). */
interface AssignmentColumns {
  lead_unit_id: number | null;
  leader: string | null;
  deadline: string | null;
  weight: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface TasksTable extends AssignmentColumns {
  /** The jurisdiction that owns the row (migration 20261216T0100). */
  jurisdiction_id: number;
  id: Generated<number>;
  plan_id: number;
  outline_node_id: number | null;
  text: string;
  span_start: number;
  span_end: number;
  state: string;
  progress: number;
  /** The task of an earlier plan this one was carried over from; null for the report's own. */
  carried_from: number | null;
}

export interface TaskCoUnitsTable {
  /** The jurisdiction that owns the row (migration 20261216T0100). */
  jurisdiction_id: number;
  task_id: number;
  unit_id: number;
}

export interface AchievementsTable {
  /** The jurisdiction that owns the row (migration 20261216T0100). */
  jurisdiction_id: number;
  id: Generated<number>;
  plan_id: number;
  outline_node_id: number | null;
  metric: string;
  comparator: string;
  value: number;
  unit: string;
  period: string;
  span_start: number;
  span_end: number;
  quote: string;
}

export interface TargetsTable extends AssignmentColumns {
  /** The jurisdiction that owns the row (migration 20261216T0100). */
  jurisdiction_id: number;
  id: Generated<number>;
  plan_id: number;
  outline_node_id: number | null;
  task_id: number | null;
  metric: string;
  comparator: string;
  value: number;
  unit: string;
  period: string;
  direction: string | null;
  span_start: number;
  span_end: number;
  quote: string;
  sentence: string;
  baseline_achievement_id: number | null;
}

export interface TargetCoUnitsTable {
  /** The jurisdiction that owns the row (migration 20261216T0100). */
  jurisdiction_id: number;
  target_id: number;
  unit_id: number;
}

export interface ProjectListsTable {
  /** The jurisdiction that owns the row (migration 20261216T0100). */
  jurisdiction_id: number;
  id: Generated<number>;
  plan_id: number;
  task_id: number | null;
  stage: string;
  count: number | null;
  kind: string;
  span_start: number;
  span_end: number;
}

export interface ProjectsTable {
  /** The jurisdiction that owns the row (migration 20261216T0100). */
  jurisdiction_id: number;
  id: Generated<number>;
  plan_id: number;
  list_id: number;
  task_id: number | null;
  name: string;
  stage: string;
  kind: string;
  span_start: number;
  span_end: number;
  current_stage: string;
  stage_dates: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface TrackingSettingsTable {
  /** The jurisdiction that owns the row (migration 20261216T0100). */
  jurisdiction_id: number;
  plan_id: number;
  frequency: string;
  due_day: number;
  co_unit_lead_days: number;
  lock_after_days: number | null;
  workdays_only: number;
  health_config: string;
  version: number;
  updated_at: string;
}

export interface PeriodLocksTable {
  /** The jurisdiction that owns the row (migration 20261216T0100). */
  jurisdiction_id: number;
  id: Generated<number>;
  plan_id: number;
  period_key: string;
  locked_at: string;
  locked_by: number | null;
}

export interface UnitReportsTable {
  /** The jurisdiction that owns the row (migration 20261216T0100). */
  jurisdiction_id: number;
  id: Generated<number>;
  plan_id: number;
  unit_id: number;
  period_key: string;
  status: string;
  tasks: string;
  targets: string;
  evidence: string;
  carried_from: string | null;
  submitted_by: number | null;
  submitted_at: string | null;
  reviewed_by: number | null;
  reviewed_at: string | null;
  return_reason: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface ReportDraftsTable {
  /** The plan's jurisdiction (migration 20261216T0100). */
  jurisdiction_id: Generated<number>;
  plan_id: number;
  unit_id: number;
  period_key: string;
  item_type: string;
  item_id: number;
  /** The saved fields of the line (progress, state, value, note, evidence) as JSON. */
  fields: string;
  saved_by: number | null;
  saved_at: string;
}

export interface EvidenceFilesTable {
  /** The jurisdiction that owns the row (migration 20261216T0100). */
  jurisdiction_id: number;
  id: Generated<number>;
  plan_id: number;
  unit_id: number | null;
  name: string;
  mime_type: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  uploaded_by: number | null;
  uploaded_at: string;
  /** The public copy, metadata stripped (migration 20261219T1900); null while internal. */
  public_content: Uint8Array | null;
  public_mime_type: string | null;
  public_size: number | null;
  public_sha256: string | null;
  public_at: string | null;
}

export interface FigureCorrectionsTable {
  /** The jurisdiction that owns the row (migration 20261216T0100). */
  jurisdiction_id: number;
  id: Generated<number>;
  plan_id: number;
  period_key: string;
  item_type: string;
  item_id: number;
  value: number;
  state: string | null;
  reason: string;
  corrected_by: number;
  corrected_at: string;
}

/** notices, extension_requests and closure_applications share this shape. */
export interface SupervisionTable {
  /** The jurisdiction that owns the row (migration 20261216T0100). */
  jurisdiction_id: number;
  id: Generated<number>;
  plan_id: number;
  subject_type: string;
  subject_id: number;
  unit_id: number;
  state: string;
  data: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface AuditEventsTable {
  /** The jurisdiction that owns the row (migration 20261216T0100). */
  jurisdiction_id: number;
  id: Generated<number>;
  plan_id: number | null;
  at: string;
  actor_user_id: number | null;
  actor_role: string | null;
  entity_type: string;
  entity_id: string;
  subject_type: string | null;
  subject_id: number | null;
  action: string;
  before: string | null;
  after: string | null;
  reason: string | null;
}

/** The Decidim results file a plan was imported from (documents/decidim-export.ts, JSON). */
export interface DecidimSourcesTable {
  /** The jurisdiction that owns the row (migration 20261216T0100). */
  jurisdiction_id: number;
  plan_id: number;
  data: string;
  created_at: string;
}

export interface Database {
  plan_links: PlanLinksTable;
  jurisdictions: JurisdictionsTable;
  areas: AreasTable;
  unit_aliases: UnitAliasesTable;
  units: UnitsTable;
  users: UsersTable;
  user_units: UserUnitsTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  limit_hits: LimitHitsTable;
  plans: PlansTable;
  outline_nodes: OutlineNodesTable;
  tasks: TasksTable;
  task_co_units: TaskCoUnitsTable;
  achievements: AchievementsTable;
  targets: TargetsTable;
  target_co_units: TargetCoUnitsTable;
  project_lists: ProjectListsTable;
  projects: ProjectsTable;
  tracking_settings: TrackingSettingsTable;
  period_locks: PeriodLocksTable;
  unit_reports: UnitReportsTable;
  report_drafts: ReportDraftsTable;
  evidence_files: EvidenceFilesTable;
  figure_corrections: FigureCorrectionsTable;
  notices: SupervisionTable;
  extension_requests: SupervisionTable;
  closure_applications: SupervisionTable;
  audit_events: AuditEventsTable;
  decidim_sources: DecidimSourcesTable;
  request_orders: RequestOrdersTable;
  request_events: RequestEventsTable;
  request_co_units: RequestCoUnitsTable;
  request_catalogue_versions: RequestCatalogueVersionsTable;
  request_scoring_schemes: RequestScoringSchemesTable;
  request_exemptions: RequestExemptionsTable;
  request_themes: RequestThemesTable;
  request_task_links: RequestTaskLinksTable;
  request_models: RequestModelsTable;
  request_follow_ups: RequestFollowUpsTable;
  request_holiday_tables: RequestHolidayTablesTable;
  request_media: RequestMediaTable;
  work_ledgers: WorkLedgersTable;
  meetings: MeetingsTable;
  work_lists: WorkListsTable;
  work_items: WorkItemsTable;
  notify_outbox: NotifyOutboxTable;
  notify_attempts: NotifyAttemptsTable;
  chase_marks: ChaseMarksTable;
  notify_fallbacks: NotifyFallbacksTable;
  chase_runs: ChaseRunsTable;
  notify_settings: NotifySettingsTable;
  deployment_settings: DeploymentSettingsTable;
  bulletin_drafts: BulletinDraftsTable;
  bulletins: BulletinsTable;
  bulletin_units: BulletinUnitsTable;
  promise_versions: PromiseVersionsTable;
  confidence_assessments: ConfidenceAssessmentsTable;
  verdict_entries: VerdictEntriesTable;
  public_changes: PublicChangesTable;
  follows: FollowsTable;
  follow_messages: FollowMessagesTable;
  comments: CommentsTable;
  comment_challenges: CommentChallengesTable;
  commenter_sessions: CommenterSessionsTable;
  kiosk_tokens: KioskTokensTable;
  promise_settings: PromiseSettingsTable;
  knowledge_entries: KnowledgeEntriesTable;
  request_reply_checks: RequestReplyChecksTable;
  handler_assignments: HandlerAssignmentsTable;
  unit_heads: UnitHeadsTable;
  request_desk_settings: RequestDeskSettingsTable;
  library_settings: LibrarySettingsTable;
  library_projects: LibraryProjectsTable;
  library_investments: LibraryInvestmentsTable;
  library_investment_calls: LibraryInvestmentCallsTable;
  library_investment_returns: LibraryInvestmentReturnsTable;
  library_stage_spans: LibraryStageSpansTable;
  library_quiet_spans: LibraryQuietSpansTable;
  library_matches: LibraryMatchesTable;
  library_promises: LibraryPromisesTable;
  enterprises: EnterprisesTable;
  talents: TalentsTable;
  service_packages: ServicePackagesTable;
  commitments: CommitmentsTable;
  commitment_events: CommitmentEventsTable;
  enterprise_requests: EnterpriseRequestsTable;
  enterprise_request_events: EnterpriseRequestEventsTable;
}

/** The connection, or a transaction on it: what every repository reads and writes through. */
export type Db = Kysely<Database> | Transaction<Database>;

export type * from './schema-offices.js';
export type * from './schema-jurisdictions.js';
export type * from './schema-requests.js';
