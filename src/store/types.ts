/**
 * The store's contract: the only way the rest of Luoshi reads or writes data.
 * Implemented once with Kysely for SQLite and PostgreSQL (same queries, same migrations).
 * Every `get*` throws AppError NOT_FOUND; every update taking `expectedVersion` throws
 * AppError CONFLICT when the row changed meanwhile, and writes nothing.
 */
import type { PeriodConfig } from '../plan/periods.js';
import type { ReportStatus } from '../plan/reporting.js';
import type { ItemFields } from '../plan/review.js';
import type { UnitUsage } from '../plan/units.js';
import type { AuditRepository } from './audit.js';
import type { CommentRepository } from './comments.js';
import type { FollowRepository } from './follows.js';
import type { PromiseRepository } from './promises.js';
import type { PlanRepository } from './plans.js';
import type { ProjectRepository } from './projects.js';
import type { AchievementRepository, TargetRepository } from './targets.js';
import type { TaskRepository } from './tasks.js';
import type { JurisdictionRepository } from './jurisdictions.js';
import type { UnitRepository } from './units.js';
import type { SessionRepository, UserRepository } from './users.js';
import type { LimitRepository } from './limits.js';
import type { DeskRepository } from './desk.js';
import type { HandlerRepository } from './handlers.js';
import type { PlanLinkRepository } from './plan-links.js';
import type { KnowledgeRepository } from './knowledge.js';
import type { MediaRepository } from './media.js';
import type { BulletinRepository } from './bulletins.js';
import type { NotifySettingsRepository } from './notify-settings.js';
import type { OutboxRepository } from './outbox.js';
import type { NotifyFallbackRepository } from './notify-fallbacks.js';
import type { WorkRepository } from './work.js';
import type { LibraryRepository } from './library.js';
import type { LibraryMatchRepository } from './library-matches.js';
import type { ServiceRepository } from './services.js';
import type { EnterpriseRequestRepository } from './enterprise-requests.js';
import type { RevisionWatchState } from './revision-watch.js';
import type { RequestSettingsRepository } from './request-settings.js';
import type { RequestThemeRepository } from './request-themes.js';
import type { RequestRepository } from './requests.js';
import type { SupervisionRepository } from './supervision.js';
import type { TrackingRepository } from './tracking.js';
import type { PlanChangeListener } from './revisions.js';
import type {
  ClosureApplication,
  ExtensionRequest,
  SubjectRef,
  SupervisionNotice,
} from '../plan/supervision.js';
import type { HealthConfigInput } from '../plan/thresholds.js';
import type { Extraction, Span } from '../report/types.js';
import type {
  Assignment,
  OutlineNode,
  Plan,
  PlanState,
  Project,
  ProjectList,
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
  /** The jurisdiction whose plan it is (issue 16). */
  jurisdictionId: number;
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

export type { UnitUsage } from '../plan/units.js';
export type { PlanChange, PlanChangeListener } from './revisions.js';

/** What a cached read is keyed by: the plan's read version, and who may see it. */
export interface PlanReadStamp {
  id: number;
  state: PlanState;
  /** Advanced by every committed write to the plan or under it. */
  revision: number;
  /** Told apart from an earlier plan that had the same id (SQLite reuses a deleted last id). */
  createdAt: string;
}

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

/** An evidence file's public copy (issue 19.4): the original's name, the copy's type, size, digest. */
export interface PublicEvidenceCopyInfo {
  id: number;
  name: string;
  mimeType: string;
  size: number;
  sha256: string;
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

/**
 * The store: one repository per aggregate, all on one connection (or, inside `transaction`,
 * one transaction). Repositories only read and write rows; the rules and the audit events of
 * every write are src/commands'.
 * @example const plan = await store.plans.get(3); const page = await store.tasks.list(3, { unitId: 7 });
 */
export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;
  /**
   * Runs `fn` in one transaction: everything it writes lands, or nothing. Every plan it writes
   * (or writes under) advances its revision in it (store/revisions.ts).
   */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;
  /**
   * Calls `listener` after each commit that advanced plans' revisions (in this process), with
   * the plans; answers the function that stops it. Readers' caches precompute on it; they never
   * trust it alone (another process writes the same database).
   */
  onPlanChange(listener: PlanChangeListener): () => void;
  /**
   * PostgreSQL: starts (once) keeping plans' read stamps in memory from the server's notices
   * (revision-watch.ts), so that `plans.findReadStampNow` answers without a round trip while
   * the listening connection is live; answers its state. Undefined on SQLite, which reads a
   * stamp in-process already. Stopped by `close`.
   */
  watchRevisions(): RevisionWatchState | undefined;

  /** Jurisdictions (辖区) and their areas: the tenants every owned row names (issue 16). */
  readonly jurisdictions: JurisdictionRepository;
  /** Plans, their outline and every item of a plan unpaged; the rows of an import. */
  readonly plans: PlanRepository;
  /** Tasks (重点任务) with their co-units. */
  readonly tasks: TaskRepository;
  /** Targets (目标) with their co-units and baselines. */
  readonly targets: TargetRepository;
  /** Achievements (成绩): what the report says was done. */
  readonly achievements: AchievementRepository;
  /** Project lists and named projects. */
  readonly projects: ProjectRepository;
  /** Units and what refers to them. */
  readonly units: UnitRepository;
  /** User accounts and the units they act for. */
  readonly users: UserRepository;
  /** Sessions and API tokens, by the hash of their secret. */
  readonly sessions: SessionRepository;
  /** The limits' counters, shared by every server process on the database (issue 12.5). */
  readonly limits: LimitRepository;
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
  /** 批示件, meetings and 议定事项, 建议提案, imported lists, and each year's ledger plan (issue 18). */
  readonly work: WorkRepository;
  /** The outbox of messages, its delivery log, the chase's marks and runs (issue 18). */
  readonly outbox: OutboxRepository;
  /** The unit's copies of handlers' notices, held until read or due (issue 20). */
  readonly fallbacks: NotifyFallbackRepository;
  /** Notification settings of a jurisdiction by scope: its users, units, office (issues 16, 18); the deployment's values by name. */
  readonly notifySettings: NotifySettingsRepository;
  /** The monthly 通报: drafts and issued revisions (issue 18). */
  readonly bulletins: BulletinRepository;
  /** Target value re-baselines, delivery confidence, public verdicts, the public change log (issue 19). */
  readonly promises: PromiseRepository;
  /** Follows by e-mail and in the app, and the messages to followers (issue 19). */
  readonly follows: FollowRepository;
  /** Comments on commitments, commenters' codes and sessions, wall screen links (issue 19). */
  readonly comments: CommentRepository;
  /** 知识库 entries with their versions (issue 20). */
  readonly knowledge: KnowledgeRepository;
  /** Checks of units' replies and the desk's answer rules and sample (issue 20). */
  readonly desk: DeskRepository;
  /** Who of a unit handles each order and task, and who heads each unit (issue 20). */
  readonly handlers: HandlerRepository;
  /** Links between plans of different levels: 任务下达 and linked targets (issue 16.3). */
  readonly planLinks: PlanLinkRepository;
  /** The project library (项目库): settings, projects across years, monthly investment (issue 17). */
  readonly library: LibraryRepository;
  /** A plan's named projects matched to the library, and the counts its report promises. */
  readonly libraryMatches: LibraryMatchRepository;
  /** 服务包: enterprises, talents, packages, commitments and their events. */
  readonly services: ServiceRepository;
  /** 企业诉求: enterprises' requests on the 接诉即办 clock, and their events. */
  readonly enterpriseRequests: EnterpriseRequestRepository;
}

export type { ItemFields } from '../plan/review.js';
export type ReviewKind = 'target' | 'achievement';
/** A missed item, added from `span` of the plan's text (quote = text.slice(span)). */
export type NewReviewItem = ItemFields & { span: Span };
export type { WorkItem, WorkItemFilter, WorkKind } from './work.js';
export type { ChasedTask } from './tasks.js';
export type { NewOutboxMessage, OutboxFilter, OutboxMessage } from './outbox.js';
export type { StoredSettings } from './notify-settings.js';
export type { IssuedBulletin, StoredDraft } from './bulletins.js';
