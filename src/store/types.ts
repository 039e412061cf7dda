/**
 * The store's contract: the only way the rest of Luoshi reads or writes data.
 * Implemented once with Kysely for SQLite and PostgreSQL (same queries, same migrations).
 * Every `get*` throws AppError NOT_FOUND; every update taking `expectedVersion` throws
 * AppError CONFLICT when the row changed meanwhile, and writes nothing.
 */
import type { PeriodConfig } from '../plan/periods.js';
import type { ReportStatus } from '../plan/reporting.js';
import type { UnitUsage } from '../plan/units.js';
import type { AuditRepository } from './audit.js';
import type { UnitRepository } from './units.js';
import type { SessionRepository, UserRepository } from './users.js';
import type { MediaRepository } from './media.js';
import type { RequestSettingsRepository } from './request-settings.js';
import type { RequestThemeRepository } from './request-themes.js';
import type { RequestRepository } from './requests.js';
import type { SupervisionRepository } from './supervision.js';
import type { TrackingRepository } from './tracking.js';
import type {
  ClosureApplication,
  ExtensionRequest,
  SubjectRef,
  SupervisionNotice,
} from '../plan/supervision.js';
import type { HealthConfigInput } from '../plan/thresholds.js';
import type { Comparator, Extraction, Span } from '../report/types.js';
import type {
  Achievement,
  Assignment,
  OutlineNode,
  Plan,
  PlanState,
  Project,
  ProjectList,
  ProjectStage,
  Role,
  Target,
  Task,
  TaskState,
  Unit,
  User,
} from '../plan/types.js';

export interface Page<T> {
  items: T[];
  total: number;
}

export interface PageQuery {
  /** Rows to return: 100 when omitted, at most 1000. */
  limit?: number;
  offset?: number;
}

export interface UserWithSecret extends User {
  passwordHash: string;
}

export interface PlanImportInput {
  text: string;
  extraction: Extraction;
  sourceName: string;
  /** Overrides of what the report says. */
  year?: number;
  place?: string;
  state?: PlanState;
}

export interface PlanSummary {
  plan: Plan;
  counts: {
    outline: number;
    targets: number;
    achievements: number;
    tasks: number;
    projects: number;
    projectLists: number;
    tasksAssigned: number;
  };
}

export interface TaskFilter extends PageQuery {
  /** Tasks the unit leads or helps with (co-unit). */
  unitId?: number;
  state?: TaskState;
  /** Tasks under this outline node or any node below it. */
  outlineNodeId?: number;
  /** Tasks whose deadline is before this ISO date and that are not done or closed. */
  overdueOn?: string;
  q?: string;
}

export interface TargetFilter extends PageQuery {
  unitId?: number;
  outlineNodeId?: number;
  q?: string;
}

export type AssignmentPatch = Partial<Assignment>;

/** A task made in Luoshi rather than read from the report (carried over): no span in the text. */
export type NewTask = Pick<Task, 'text' | 'outlineNodeId' | 'state' | 'progress' | 'carriedFrom'> &
  Assignment;

/**
 * Who made a change and when, for the audit event the store writes in the same transaction.
 * Without it the event names no actor (the system) and takes the store's clock.
 */
export interface ChangeMeta {
  actor: { userId: number; role: Role } | null;
  at: string;
  /** The event's action; default `<entity>.update`. */
  action?: string;
  reason?: string | null;
}

/** A plan's tracking settings: its reporting cycle and health configuration. */
export interface TrackingSettings {
  planId: number;
  period: PeriodConfig;
  health: HealthConfigInput;
  /** 0 while the plan still runs on the defaults (no row yet). */
  version: number;
  updatedAt: string | null;
}

/** A row that carries an optimistic-lock version. */
export type Versioned<T> = T & { version: number };

export { UNIT_USAGE_KEYS } from '../plan/units.js';
export type { UnitUsage } from '../plan/units.js';

/** The outcome of a merge: the unit that absorbed the other, and what moved to it. */
export interface UnitMerge {
  unit: Versioned<Unit>;
  moved: UnitUsage;
}

export interface UnitReportFilter {
  periodKey?: string;
  unitId?: number;
  status?: ReportStatus;
}

/** An evidence file's metadata (its bytes come with `getEvidenceFile`). */
export interface EvidenceFileInfo {
  id: number;
  planId: number;
  unitId: number | null;
  name: string;
  mimeType: string;
  size: number;
  sha256: string;
  uploadedBy: number | null;
  uploadedAt: string;
}

/** The three supervision records, by kind (shapes from src/plan/supervision.ts). */
export interface SupervisionRecords {
  notice: SupervisionNotice;
  extension: ExtensionRequest;
  closure: ClosureApplication;
}
export type SupervisionKind = keyof SupervisionRecords;

export interface SupervisionFilter {
  subject?: SubjectRef;
  unitId?: number;
  state?: string;
}

/** Every task, target, outline node and project list of a plan, unpaged (health reads them all). */
export interface PlanItems {
  plan: Plan;
  outline: OutlineNode[];
  tasks: Task[];
  targets: Target[];
  projectLists: ProjectList[];
  projects: Project[];
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;
  /** Runs `fn` in one transaction: everything it writes lands, or nothing. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;

  /** Units and what refers to them (src/store/units.ts). */
  readonly units: UnitRepository;

  /** User accounts and the units they act for. */
  readonly users: UserRepository;
  /** Sessions and API tokens, by the hash of their secret. */
  readonly sessions: SessionRepository;

  /** A report → a plan, in one transaction. */
  importPlan(input: PlanImportInput): Promise<PlanSummary>;
  /**
   * A new extraction of the same plan's report: rows are matched to the existing ones by span
   * and text, so assignments and progress survive; unmatched old rows are removed. Tasks
   * carried over from an earlier plan (`carriedFrom`) are not the report's: left untouched.
   */
  reimportPlan(planId: number, input: PlanImportInput, expectedVersion: number): Promise<PlanSummary>;
  listPlans(query: PageQuery & { state?: PlanState }): Promise<Page<Plan>>;
  getPlan(id: number): Promise<Plan>;
  getPlanSummary(id: number): Promise<PlanSummary>;
  getPlanText(id: number): Promise<string>;
  updatePlan(
    id: number,
    patch: Partial<Pick<Plan, 'title' | 'state'>>,
    expectedVersion: number,
    meta?: ChangeMeta,
  ): Promise<Plan>;
  deletePlan(id: number): Promise<void>;

  listOutline(planId: number): Promise<OutlineNode[]>;
  listTargets(planId: number, filter?: TargetFilter): Promise<Page<Target>>;
  getTarget(planId: number, id: number): Promise<Target>;
  updateTarget(
    planId: number,
    id: number,
    patch: AssignmentPatch,
    expectedVersion: number,
    meta?: ChangeMeta,
  ): Promise<Target>;
  listAchievements(planId: number, query?: PageQuery & { q?: string }): Promise<Page<Achievement>>;
  getAchievement(planId: number, id: number): Promise<Achievement>;
  listTasks(planId: number, filter?: TaskFilter): Promise<Page<Task>>;
  getTask(planId: number, id: number): Promise<Task>;
  updateTask(
    planId: number,
    id: number,
    patch: AssignmentPatch & { state?: TaskState; progress?: number },
    expectedVersion: number,
    meta?: ChangeMeta,
  ): Promise<Task>;
  /**
   * Adds a task that is not a sentence of the report (carried over from last year's plan):
   * span [0, 0], `carriedFrom` naming its source, kept as it is by `reimportPlan`. Checks its
   * units; writes no audit event (the caller does, with its reason).
   */
  createTask(planId: number, input: NewTask): Promise<Task>;
  listProjectLists(planId: number): Promise<ProjectList[]>;
  listProjects(planId: number, query?: PageQuery & { listId?: number; q?: string }): Promise<Page<Project>>;
  getProject(planId: number, id: number): Promise<Project>;
  updateProject(
    planId: number,
    id: number,
    patch: { currentStage?: ProjectStage; stageDates?: Project['stageDates'] },
    expectedVersion: number,
    meta?: ChangeMeta,
  ): Promise<Project>;

  /** Everything health needs, unpaged. NOT_FOUND for an unknown plan. */
  getPlanItems(planId: number): Promise<PlanItems>;

  /** Settings, period locks, unit reports, evidence files, figure corrections (issue 4). */
  readonly tracking: TrackingRepository;
  /** 督办单, extension requests and closing applications (issue 4). */
  readonly supervision: SupervisionRepository;
  /** The audit trail: every command appends its event in its transaction. */
  readonly audit: AuditRepository;
  /** Work orders of citizens' requests (接诉即办), their events, co-units and 三率 rows. */
  readonly requests: RequestRepository;
  /** The catalogue's versions, scoring schemes, ranking exemptions and holiday tables. */
  readonly requestSettings: RequestSettingsRepository;
  /** 每月一题 themes, links of requests to plan tasks, the category model. */
  readonly requestThemes: RequestThemeRepository;
  /** Photos, videos, recordings and PDFs of requests. */
  readonly media: MediaRepository;

  // ---- review of an extraction (issue 5; src/store/review-queries.ts). Each writes its audit
  // event (target.correct, target.add, target.delete, task.split, task.merge, …) in one transaction.

  /** Corrects a target's figure; CONFLICT when `expectedVersion` is stale. */
  correctTarget(
    planId: number,
    id: number,
    patch: Partial<ItemFields>,
    expectedVersion: number,
    meta?: ChangeMeta,
  ): Promise<Target>;
  /** Corrects an achievement's figure; its version counts its audit events. */
  correctAchievement(
    planId: number,
    id: number,
    patch: Partial<ItemFields>,
    expectedVersion: number,
    meta?: ChangeMeta,
  ): Promise<Versioned<Achievement>>;
  getAchievementVersion(planId: number, id: number): Promise<number>;
  /** Adds a missed item from a span of the plan's text (BAD_INPUT naming `span` when outside it). */
  addTarget(planId: number, input: NewReviewItem, meta?: ChangeMeta): Promise<Target>;
  addAchievement(planId: number, input: NewReviewItem, meta?: ChangeMeta): Promise<Versioned<Achievement>>;
  deleteReviewItem(planId: number, kind: ReviewKind, id: number, meta?: ChangeMeta): Promise<void>;
  /** Splits a task at an offset of the plan text inside its span: the two tasks, in order. */
  splitTask(
    planId: number,
    id: number,
    at: number,
    expectedVersion?: number,
    meta?: ChangeMeta,
  ): Promise<[Task, Task]>;
  /** Merges two adjacent tasks of one outline node into the first. */
  mergeTasks(planId: number, ids: readonly [number, number], meta?: ChangeMeta): Promise<Task>;
}

/** What review corrects on a target or an achievement. */
export interface ItemFields {
  metric: string;
  comparator: Comparator;
  value: number;
  unit: string;
  period: string;
}
export type ReviewKind = 'target' | 'achievement';
/** A missed item, added from `span` of the plan's text (quote = text.slice(span)). */
export type NewReviewItem = ItemFields & { span: Span };
