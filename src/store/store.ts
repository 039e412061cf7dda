/**
 * The Store over Kysely: one repository per aggregate on one connection, the same for SQLite
 * and PostgreSQL. Inside `transaction` the repositories run on the transaction.
 */
import type { Kysely } from 'kysely';
import { AuditRepository } from './audit.js';
import type { Connection, DialectName } from './connect.js';
import { SqliteIntakeQueue } from './intake-queue.js';
import { DeskRepository } from './desk.js';
import { HandlerRepository } from './handlers.js';
import { KnowledgeRepository } from './knowledge.js';
import { MediaRepository } from './media.js';
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
import type { Store } from './types.js';
import { UnitRepository } from './units.js';
import { SessionRepository, UserRepository } from './users.js';

/** SQLite's group commit of intakes (intake-queue.ts), on a SQLite connection only. */
function intakeQueueOf(db: Db, sqlite: Connection['sqlite']): SqliteIntakeQueue | undefined {
  return sqlite === undefined
    ? undefined
    : new SqliteIntakeQueue(db as Kysely<Database>, sqlite, {
        order: (order) => ({ id: order.id, ...deriveOrderColumns(order) }),
        event: deriveEventRow,
      });
}

/** The Store on an open Kysely connection (or a transaction of one). */
export class KyselyStore implements Store {
  readonly plans: PlanRepository;
  readonly tasks: TaskRepository;
  readonly targets: TargetRepository;
  readonly achievements: AchievementRepository;
  readonly projects: ProjectRepository;
  readonly units: UnitRepository;
  readonly users: UserRepository;
  readonly sessions: SessionRepository;
  readonly tracking: TrackingRepository;
  readonly supervision: SupervisionRepository;
  readonly audit: AuditRepository;
  readonly requests: RequestRepository;
  readonly requestSettings: RequestSettingsRepository;
  readonly requestThemes: RequestThemeRepository;
  readonly media: MediaRepository;
  readonly knowledge: KnowledgeRepository;
  readonly desk: DeskRepository;
  readonly handlers: HandlerRepository;

  /**
   * The store on `db`; `sqlite` is the better-sqlite3 database under it (SQLite, outside any
   * transaction), for the group commit of intakes.
   */
  constructor(
    private readonly db: Db,
    readonly dialect: DialectName,
    private readonly inTransaction = false,
    sqlite?: Connection['sqlite'],
  ) {
    this.plans = new PlanRepository(db);
    this.tasks = new TaskRepository(db);
    this.targets = new TargetRepository(db);
    this.achievements = new AchievementRepository(db);
    this.projects = new ProjectRepository(db);
    this.units = new UnitRepository(db, dialect);
    this.users = new UserRepository(db);
    this.sessions = new SessionRepository(db);
    this.tracking = new TrackingRepository(db);
    this.supervision = new SupervisionRepository(db);
    this.audit = new AuditRepository(db);
    // The intake queue holds the connection itself: never inside a transaction.
    this.requests = new RequestRepository(db, dialect, inTransaction ? undefined : intakeQueueOf(db, sqlite));
    this.requestSettings = new RequestSettingsRepository(db);
    this.requestThemes = new RequestThemeRepository(db);
    this.media = new MediaRepository(db);
    this.knowledge = new KnowledgeRepository(db);
    this.desk = new DeskRepository(db);
    this.handlers = new HandlerRepository(db);
  }

  /** The Kysely handle, for tests that drive the migrations on this store's database. */
  get kysely(): Db {
    return this.db;
  }

  async close(): Promise<void> {
    if (!this.inTransaction) await (this.db as Kysely<Database>).destroy();
  }

  async transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn(this);
    return (this.db as Kysely<Database>)
      .transaction()
      .execute((trx) => fn(new KyselyStore(trx, this.dialect, true)));
  }
}
