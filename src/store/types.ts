/**
 * The store's contract: the only way the rest of Luoshi reads or writes data.
 * Implemented once with Kysely for SQLite and PostgreSQL (same queries, same migrations).
 * Every `get*` throws AppError NOT_FOUND; every update taking `expectedVersion` throws
 * AppError CONFLICT when the row changed meanwhile, and writes nothing.
 */
import { UNIT_USAGE_KEYS } from '../contract/constants.js';
import type { AuditEvent } from '../plan/audit.js';
import type { PeriodConfig, PeriodLock } from '../plan/periods.js';
import type { FigureCorrection, ReportStatus, UnitReport } from '../plan/reporting.js';
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
  UnitKind,
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

/** What refers to a unit, by kind of reference: a unit is in use while any count is above 0. */
export interface UnitUsage {
  tasksLed: number;
  tasksCoLed: number;
  targetsLed: number;
  targetsCoLed: number;
  /** Users who act for the unit. */
  users: number;
  reports: number;
  /** 督办单, extension requests and closing applications about the unit's items. */
  supervision: number;
  evidenceFiles: number;
  requestOrdersLed: number;
  requestOrdersCoHandled: number;
  requestFollowUps: number;
  requestThemes: number;
  requestExemptions: number;
  /** Rows of the dispatch catalogue in force now or later that route orders to the unit. */
  catalogueRows: number;
}

/** Every key of UnitUsage, in the order messages list them (the API's vocabulary, src/contract). */
export { UNIT_USAGE_KEYS };
// The list and the interface name the same keys: a key added to one and not the other fails here.
const _everyKey: readonly (keyof UnitUsage)[] = UNIT_USAGE_KEYS;
const _everyListed = (key: keyof UnitUsage): (typeof UNIT_USAGE_KEYS)[number] => key;
void _everyKey;
void _everyListed;

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

  listUnits(): Promise<Versioned<Unit>[]>;
  getUnit(id: number): Promise<Versioned<Unit>>;
  findUnitByName(name: string): Promise<Versioned<Unit> | undefined>;
  /**
   * Creates a unit, with the area it governs when it is a street or town office. BAD_INPUT for
   * an empty name, an unknown kind, or an area on a unit that is no street or town; CONFLICT
   * when another unit has the name or governs the area.
   */
  createUnit(input: { name: string; kind: UnitKind; area?: string }): Promise<Versioned<Unit>>;
  /**
   * Renames a unit, changes its kind, or sets the area it governs (`area: null` clears it),
   * writing its `unit.update` audit event. BAD_INPUT for an empty name, an unknown kind, or an
   * area on a unit that is (or becomes) no street or town; CONFLICT when `expectedVersion` is
   * stale, or another unit has the name or governs the area.
   */
  updateUnit(
    id: number,
    patch: { name?: string; kind?: UnitKind; area?: string | null },
    expectedVersion: number,
    meta?: ChangeMeta,
  ): Promise<Versioned<Unit>>;
  /**
   * Deletes a unit nothing refers to, writing its `unit.delete` audit event. CONFLICT when
   * something still does (its details name each count, path `usage.<key>`) or when
   * `expectedVersion` is given and stale.
   */
  deleteUnit(id: number, expectedVersion?: number, meta?: ChangeMeta): Promise<void>;
  /**
   * 机构改革: moves every reference to unit `id` (tasks and targets led or co-led, users,
   * reports, supervision records, evidence) to unit `intoId`, then deletes `id`, in one
   * transaction with a `unit.merge` event and one `task.update` / `target.update` event per
   * item whose units changed. The area `id` governs passes to `intoId`. The 接诉即办 side moves
   * in the same transaction (unit-queries.ts `moveRequestReferences`): a `transferred` event on
   * each work order naming `id` (its history is never rewritten), 三率 rows, themes, exemptions,
   * and a new catalogue version effective now. BAD_INPUT when the two are one unit; CONFLICT
   * when both units reported for the same plan and period, when both govern an area (a unit
   * governs one), when a work order changed meanwhile, or when a catalogue version scheduled
   * to take effect later stands in the way of the new one.
   */
  mergeUnit(id: number, intoId: number, expectedVersion?: number, meta?: ChangeMeta): Promise<UnitMerge>;

  listUsers(): Promise<User[]>;
  getUser(id: number): Promise<User>;
  findUserByUsername(username: string): Promise<UserWithSecret | undefined>;
  createUser(input: {
    username: string;
    displayName: string;
    role: Role;
    unitIds: number[];
    passwordHash: string;
  }): Promise<User>;
  updateUser(
    id: number,
    patch: Partial<Pick<User, 'displayName' | 'role' | 'unitIds' | 'disabled'>> & { passwordHash?: string },
  ): Promise<User>;

  /** Sessions and API tokens are stored by the SHA-256 of the secret, never the secret. */
  createSession(input: {
    idHash: string;
    userId: number;
    csrfToken: string;
    expiresAt: string;
  }): Promise<void>;
  /** Undefined when unknown. Expired sessions are returned too: the caller checks expiresAt with its clock. */
  findSession(idHash: string): Promise<{ userId: number; csrfToken: string; expiresAt: string } | undefined>;
  deleteSession(idHash: string): Promise<void>;
  createApiToken(input: { tokenHash: string; userId: number; name: string }): Promise<{ id: number }>;
  findApiToken(tokenHash: string): Promise<{ id: number; userId: number } | undefined>;

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
  /** The Decidim results a plan was imported from (JSON text), or undefined for any other plan. */
  findDecidimSource(planId: number): Promise<string | undefined>;
  /** Keeps the Decidim results a plan was imported from (replacing any). NOT_FOUND for no plan. */
  saveDecidimSource(planId: number, data: string, at: string): Promise<void>;

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

  // ---- tracking (issue 4). Every write that changes tracking state is paired by the caller
  // with `appendAuditEvent` inside one `transaction`; the plan-item updates above write
  // their own audit event (ChangeMeta).

  /** Everything health needs, unpaged. NOT_FOUND for an unknown plan. */
  getPlanItems(planId: number): Promise<PlanItems>;
  /** The plan's settings, or the defaults (version 0) when never saved. */
  getTrackingSettings(planId: number): Promise<TrackingSettings>;
  /** Saves the settings; CONFLICT when `expectedVersion` is stale (0 = never saved). */
  saveTrackingSettings(
    planId: number,
    input: Pick<TrackingSettings, 'period' | 'health'>,
    expectedVersion: number,
    meta: ChangeMeta,
  ): Promise<TrackingSettings>;
  listPeriodLocks(planId: number): Promise<PeriodLock[]>;
  /** CONFLICT when the period is already locked. */
  addPeriodLock(planId: number, lock: PeriodLock): Promise<void>;

  listUnitReports(planId: number, filter?: UnitReportFilter): Promise<Versioned<UnitReport>[]>;
  findUnitReport(
    planId: number,
    unitId: number,
    periodKey: string,
  ): Promise<Versioned<UnitReport> | undefined>;
  getUnitReport(planId: number, id: number): Promise<Versioned<UnitReport>>;
  /** CONFLICT when the unit already has a report for the period (one per unit per period). */
  createUnitReport(report: Omit<UnitReport, 'id'>): Promise<Versioned<UnitReport>>;
  /** Writes every field of `report`; CONFLICT when its version moved meanwhile. */
  updateUnitReport(report: UnitReport, expectedVersion: number): Promise<Versioned<UnitReport>>;

  createEvidenceFile(input: {
    planId: number;
    unitId: number | null;
    name: string;
    mimeType: string;
    bytes: Uint8Array;
    uploadedBy: number | null;
    uploadedAt: string;
  }): Promise<EvidenceFileInfo>;
  /** NOT_FOUND unless the file belongs to the plan. */
  getEvidenceFile(planId: number, id: number): Promise<EvidenceFileInfo & { bytes: Uint8Array }>;
  listEvidenceFiles(planId: number, ids: readonly number[]): Promise<EvidenceFileInfo[]>;

  addFigureCorrection(input: Omit<FigureCorrection, 'id'>): Promise<FigureCorrection>;
  listFigureCorrections(planId: number): Promise<FigureCorrection[]>;

  createSupervision<K extends SupervisionKind>(
    kind: K,
    record: Omit<SupervisionRecords[K], 'id'>,
  ): Promise<Versioned<SupervisionRecords[K]>>;
  getSupervision<K extends SupervisionKind>(
    kind: K,
    planId: number,
    id: number,
  ): Promise<Versioned<SupervisionRecords[K]>>;
  listSupervision<K extends SupervisionKind>(
    kind: K,
    planId: number,
    filter?: SupervisionFilter,
  ): Promise<Versioned<SupervisionRecords[K]>[]>;
  /** CONFLICT when the record's version moved meanwhile (two supervisors at once). */
  updateSupervision<K extends SupervisionKind>(
    kind: K,
    record: SupervisionRecords[K],
    expectedVersion: number,
  ): Promise<Versioned<SupervisionRecords[K]>>;

  /** Appends one event; `subject` names the plan item it concerns when the entity is not one. */
  appendAuditEvent(event: AuditEvent, subject?: SubjectRef): Promise<void>;
  /**
   * Events oldest first: of one entity, or (with `item`) of a plan item and of every record
   * about it (its notices, extensions, closings, corrections).
   */
  listAuditEvents(
    planId: number,
    filter?: { entity?: { type: string; id: number | string }; item?: SubjectRef; afterId?: number },
  ): Promise<AuditEvent[]>;
  /**
   * How many events a plan has and the highest id: any committed change moves the count
   * (ids may commit out of order on PostgreSQL; the count cannot miss one).
   */
  getAuditStamp(planId: number): Promise<{ count: number; maxId: number }>;

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
