/**
 * The store's contract: the only way the rest of Luoshi reads or writes data.
 * Implemented once with Kysely for SQLite and PostgreSQL (same queries, same migrations).
 * Every `get*` throws AppError NOT_FOUND; every update taking `expectedVersion` throws
 * AppError CONFLICT when the row changed meanwhile, and writes nothing.
 */
import type { Extraction } from '../report/types.js';
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
  unitId?: number;
  state?: TaskState;
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

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  close(): Promise<void>;
  /** Runs `fn` in one transaction: everything it writes lands, or nothing. */
  transaction<T>(fn: (tx: Store) => Promise<T>): Promise<T>;

  listUnits(): Promise<Unit[]>;
  getUnit(id: number): Promise<Unit>;
  findUnitByName(name: string): Promise<Unit | undefined>;
  createUnit(input: { name: string; kind: UnitKind }): Promise<Unit>;

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
  findSession(idHash: string): Promise<{ userId: number; csrfToken: string; expiresAt: string } | undefined>;
  deleteSession(idHash: string): Promise<void>;
  createApiToken(input: { tokenHash: string; userId: number; name: string }): Promise<{ id: number }>;
  findApiToken(tokenHash: string): Promise<{ id: number; userId: number } | undefined>;

  /** A report → a plan, in one transaction. */
  importPlan(input: PlanImportInput): Promise<PlanSummary>;
  /**
   * A new extraction of the same plan's report: rows are matched to the existing ones by span
   * and text, so assignments and progress survive; unmatched old rows are removed.
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
  ): Promise<Plan>;
  deletePlan(id: number): Promise<void>;

  listOutline(planId: number): Promise<OutlineNode[]>;
  listTargets(planId: number, filter?: TargetFilter): Promise<Page<Target>>;
  getTarget(planId: number, id: number): Promise<Target>;
  updateTarget(planId: number, id: number, patch: AssignmentPatch, expectedVersion: number): Promise<Target>;
  listAchievements(planId: number, query?: PageQuery & { q?: string }): Promise<Page<Achievement>>;
  getAchievement(planId: number, id: number): Promise<Achievement>;
  listTasks(planId: number, filter?: TaskFilter): Promise<Page<Task>>;
  getTask(planId: number, id: number): Promise<Task>;
  updateTask(
    planId: number,
    id: number,
    patch: AssignmentPatch & { state?: TaskState; progress?: number },
    expectedVersion: number,
  ): Promise<Task>;
  listProjectLists(planId: number): Promise<ProjectList[]>;
  listProjects(planId: number, query?: PageQuery & { listId?: number; q?: string }): Promise<Page<Project>>;
  getProject(planId: number, id: number): Promise<Project>;
  updateProject(
    planId: number,
    id: number,
    patch: { currentStage?: ProjectStage; stageDates?: Project['stageDates'] },
    expectedVersion: number,
  ): Promise<Project>;
}
