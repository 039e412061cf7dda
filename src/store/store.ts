/**
 * The Store over Kysely: one repository per aggregate on one connection, the same for SQLite
 * and PostgreSQL. Inside `transaction` the repositories run on the transaction.
 */
import type { Kysely } from 'kysely';
import { AuditRepository } from './audit.js';
import { CommentRepository } from './comments.js';
import { FollowRepository } from './follows.js';
import { PromiseRepository } from './promises.js';
import type { Connection, DialectName } from './connect.js';
import { SqliteIntakeQueue } from './intake-queue.js';
import { JurisdictionRepository } from './jurisdictions.js';
import { DeskRepository } from './desk.js';
import { HandlerRepository } from './handlers.js';
import { PlanLinkRepository } from './plan-links.js';
import { KnowledgeRepository } from './knowledge.js';
import { MediaRepository } from './media.js';
import { LibraryRepository } from './library.js';
import { LimitRepository } from './limits.js';
import { LibraryMatchRepository } from './library-matches.js';
import { ServiceRepository } from './services.js';
import { EnterpriseRequestRepository } from './enterprise-requests.js';
import { PlanRepository } from './plans.js';
import { ProjectRepository } from './projects.js';
import { RequestSettingsRepository } from './request-settings.js';
import { RequestThemeRepository } from './request-themes.js';
import { RequestRepository, deriveEventRow, deriveOrderColumns } from './requests.js';
import type { Database, Db } from './schema.js';
import { SupervisionRepository } from './supervision.js';
import { AchievementRepository, TargetRepository } from './targets.js';
import { TaskRepository } from './tasks.js';
import { TrackingRepository } from './tracking.js';
import {
  ImmediateRevisions,
  OutsideTransactionGuard,
  PlanChangeListeners,
  TransactionWrites,
} from './revisions.js';
import type { Advanced, PlanChangeListener, PlanRevisions } from './revisions.js';
import type { RevisionWatch, RevisionWatchState } from './revision-watch.js';
import { SqliteStamps } from './sqlite-stamps.js';
import type { Store } from './types.js';
import { UnitRepository } from './units.js';
import { BulletinRepository } from './bulletins.js';
import { NotifySettingsRepository } from './notify-settings.js';
import { OutboxRepository } from './outbox.js';
import { NotifyFallbackRepository } from './notify-fallbacks.js';
import { WorkRepository } from './work.js';
import { SessionRepository, UserRepository } from './users.js';

/** SQLite's group commit of intakes (intake-queue.ts), on a SQLite connection only. */
function intakeQueueOf(db: Db, sqlite: Connection['sqlite']): SqliteIntakeQueue | undefined {
  return sqlite === undefined
    ? undefined
    : new SqliteIntakeQueue(db as Kysely<Database>, sqlite, {
        order: (order) => ({ id: order.id, ...deriveOrderColumns(order) }),
        event: (event, order) => deriveEventRow(event, order),
      });
}

/** The Store on an open Kysely connection (or a transaction of one). */
export class KyselyStore implements Store {
  readonly jurisdictions: JurisdictionRepository;
  readonly plans: PlanRepository;
  readonly tasks: TaskRepository;
  readonly targets: TargetRepository;
  readonly achievements: AchievementRepository;
  readonly projects: ProjectRepository;
  readonly units: UnitRepository;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly limits: LimitRepository;
  readonly tracking: TrackingRepository;
  readonly supervision: SupervisionRepository;
  readonly audit: AuditRepository;
  readonly requests: RequestRepository;
  readonly requestSettings: RequestSettingsRepository;
  readonly requestThemes: RequestThemeRepository;
  readonly media: MediaRepository;
  readonly work: WorkRepository;
  readonly outbox: OutboxRepository;
  readonly fallbacks: NotifyFallbackRepository;
  readonly notifySettings: NotifySettingsRepository;
  readonly bulletins: BulletinRepository;
  readonly promises: PromiseRepository;
  readonly follows: FollowRepository;
  readonly comments: CommentRepository;
  readonly knowledge: KnowledgeRepository;
  readonly desk: DeskRepository;
  readonly handlers: HandlerRepository;
  readonly planLinks: PlanLinkRepository;
  readonly library: LibraryRepository;
  readonly libraryMatches: LibraryMatchRepository;
  readonly services: ServiceRepository;
  readonly enterpriseRequests: EnterpriseRequestRepository;

  /**
   * The store on `db`; `sqlite` is the better-sqlite3 database under it (SQLite, outside any
   * transaction), for the group commit of intakes. Inside a transaction, `writes` follows what
   * it writes and advances the plans' revisions before it commits (revisions.ts); outside,
   * writes to a plan's rows are refused.
   */
  /** SQLite, outside a transaction: plans' stamps held while no other connection commits. */
  private readonly sqliteStamps: SqliteStamps | undefined;

  constructor(
    private readonly db: Db,
    readonly dialect: DialectName,
    private readonly inTransaction = false,
    sqlite?: Connection['sqlite'],
    private readonly listeners = new PlanChangeListeners(),
    writes?: TransactionWrites,
    private readonly watch?: RevisionWatch,
  ) {
    const revisions: PlanRevisions = writes ?? new ImmediateRevisions(db, (a) => this.committed(a));
    const rows: Db = writes ? db.withPlugin(writes) : db.withPlugin(new OutsideTransactionGuard());
    this.jurisdictions = new JurisdictionRepository(rows);
    // Stamps read at once: from the PostgreSQL watch's memory, or SQLite's own (sqlite-stamps.ts).
    this.sqliteStamps = inTransaction || sqlite === undefined ? undefined : new SqliteStamps(sqlite);
    this.plans = new PlanRepository(
      rows,
      revisions,
      inTransaction ? undefined : (watch ?? this.sqliteStamps),
    );
    this.tasks = new TaskRepository(rows);
    this.targets = new TargetRepository(rows);
    this.achievements = new AchievementRepository(rows);
    this.projects = new ProjectRepository(rows);
    this.units = new UnitRepository(rows, dialect);
    this.users = new UserRepository(rows);
    this.sessions = new SessionRepository(rows);
    this.limits = new LimitRepository(rows);
    this.tracking = new TrackingRepository(rows);
    this.supervision = new SupervisionRepository(rows);
    this.audit = new AuditRepository(rows, revisions);
    // The intake queue holds the connection itself: never inside a transaction.
    this.requests = new RequestRepository(
      rows,
      dialect,
      inTransaction ? undefined : intakeQueueOf(db, sqlite),
    );
    this.requestSettings = new RequestSettingsRepository(rows);
    this.requestThemes = new RequestThemeRepository(rows);
    this.media = new MediaRepository(rows);
    this.work = new WorkRepository(rows);
    this.outbox = new OutboxRepository(rows, dialect);
    this.fallbacks = new NotifyFallbackRepository(rows);
    this.notifySettings = new NotifySettingsRepository(rows);
    this.bulletins = new BulletinRepository(rows);
    this.promises = new PromiseRepository(rows);
    this.follows = new FollowRepository(rows);
    this.comments = new CommentRepository(rows);
    this.knowledge = new KnowledgeRepository(rows);
    this.desk = new DeskRepository(rows);
    this.handlers = new HandlerRepository(rows);
    this.planLinks = new PlanLinkRepository(rows);
    this.library = new LibraryRepository(rows);
    this.libraryMatches = new LibraryMatchRepository(rows);
    this.services = new ServiceRepository(rows);
    this.enterpriseRequests = new EnterpriseRequestRepository(rows);
  }

  /** The Kysely handle, for tests that drive the migrations on this store's database. */
  get kysely(): Db {
    return this.db;
  }

  async close(): Promise<void> {
    if (this.inTransaction) return;
    await this.watch?.stop();
    await (this.db as Kysely<Database>).destroy();
  }

  watchRevisions(): RevisionWatchState | undefined {
    this.watch?.start();
    return this.watch;
  }

  /** A commit of this process: memory takes its stamps before the writer's call returns. */
  private committed(advanced: Advanced): void {
    this.sqliteStamps?.forget(advanced.change);
    if (advanced.change.all && advanced.stamps.length === 0) this.watch?.forgetAll();
    else this.watch?.apply(advanced.stamps, advanced.gone);
    this.listeners.emit(advanced.change);
  }

  onPlanChange(listener: PlanChangeListener): () => void {
    return this.listeners.add(listener);
  }

  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    let advanced: Advanced | undefined;
    const result = await (this.db as Kysely<Database>).transaction().execute(async (trx) => {
      const writes = new TransactionWrites();
      const value = await fn(new KyselyStore(trx, this.dialect, true, undefined, this.listeners, writes));
      advanced = await writes.finish(trx);
      return value;
    });
    // Committed: memory and the readers' caches hear which plans moved on.
    if (advanced) this.committed(advanced);
    return result;
  }
}
