/**
 * Plans' read versions (`plans.revision`, issue 15): every transaction that writes to a plan,
 * or to anything under it, advances that plan's revision once, just before it commits, so a
 * reader that reads the revision first never takes an older answer for a newer one.
 *
 * Structural, not by habit: a Kysely plugin on each transaction sees which tables it writes
 * (`TABLE_SCOPES` classifies every table of schema.ts, so a new table does not compile until
 * it is classified); the plans it advances are those it names — every audit event with a plan
 * names one (audit.ts), and the plan repository's own writes name theirs. A transaction that
 * wrote a plan's rows and named no plan is rolled back with INTERNAL, and a write to a plan's
 * rows outside `store.transaction` is refused: a new command cannot forget the revision.
 */
import { PostgresAdapter, sql } from 'kysely';
import type { Kysely } from 'kysely';
import { AppError } from '../errors.js';
import type { PlanState } from '../plan/types.js';
import { noticeOf, PLAN_STAMP_CHANNEL } from './revision-watch.js';
import type { PlanReadStamp } from './types.js';
import type {
  KyselyPlugin,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  RootOperationNode,
} from 'kysely';
import type { QueryResult, UnknownRow } from 'kysely';
import type { Database, Db } from './schema.js';

/**
 * What a write to a table means for plans' revisions: `plan` rows belong to one plan (the
 * transaction must name it), `every-plan` rows are named by every plan's answers (a unit's
 * name in exports and the review: a change or a delete advances every plan; a new row is
 * named by none yet), `none` rows no plan answer reads
 * (accounts, sessions, 接诉即办; audit events advance their plan through `append`).
 */
export const TABLE_SCOPES: Record<keyof Database, 'plan' | 'every-plan' | 'none'> = {
  plans: 'plan',
  outline_nodes: 'plan',
  tasks: 'plan',
  task_co_units: 'plan',
  achievements: 'plan',
  targets: 'plan',
  plan_links: 'plan',
  target_co_units: 'plan',
  project_lists: 'plan',
  projects: 'plan',
  tracking_settings: 'plan',
  period_locks: 'plan',
  unit_reports: 'plan',
  evidence_files: 'plan',
  figure_corrections: 'plan',
  notices: 'plan',
  extension_requests: 'plan',
  closure_applications: 'plan',
  decidim_sources: 'plan',
  // A clerk's unsent draft lines: read only by 我的待办, never held by revision; saving one on
  // each keystroke must not advance the plan and drop every held answer of it.
  report_drafts: 'none',
  units: 'every-plan',
  // A jurisdiction, its areas and its units' other names: no plan's answer reads them.
  jurisdictions: 'none',
  areas: 'none',
  unit_aliases: 'none',
  audit_events: 'none',
  users: 'none',
  user_units: 'none',
  sessions: 'none',
  api_tokens: 'none',
  limit_hits: 'none',
  request_orders: 'none',
  request_events: 'none',
  request_co_units: 'none',
  request_catalogue_versions: 'none',
  request_scoring_schemes: 'none',
  request_exemptions: 'none',
  request_themes: 'none',
  request_task_links: 'none',
  request_models: 'none',
  request_follow_ups: 'none',
  request_holiday_tables: 'none',
  request_media: 'none',
  // Issue 18: the other sources of work (their tasks are plan rows, written beside them), the
  // outbox and the chase's marks, settings and bulletins: no plan's answers read them.
  work_ledgers: 'none',
  meetings: 'none',
  work_lists: 'none',
  work_items: 'none',
  notify_outbox: 'none',
  notify_attempts: 'none',
  chase_marks: 'none',
  notify_fallbacks: 'none',
  chase_runs: 'none',
  notify_settings: 'none',
  deployment_settings: 'none',
  bulletin_drafts: 'none',
  bulletins: 'none',
  bulletin_units: 'none',
  // Issue 19: a promise's lines, confidence, verdicts and its public change log are the plan's;
  // follows, their messages, comments and their codes, and kiosk links no cached answer reads.
  promise_versions: 'plan',
  confidence_assessments: 'plan',
  verdict_entries: 'plan',
  public_changes: 'plan',
  promise_settings: 'plan',
  follows: 'none',
  follow_messages: 'none',
  comments: 'none',
  comment_challenges: 'none',
  commenter_sessions: 'none',
  kiosk_tokens: 'none',
  // The 12345 desk (issue 20): no plan answer reads them (a task's handler is in no plan read).
  knowledge_entries: 'none',
  request_reply_checks: 'none',
  handler_assignments: 'none',
  unit_heads: 'none',
  request_desk_settings: 'none',
  // 项目库 and 服务包 (issue 17): no plan answer reads them (their pages have their own routes).
  library_settings: 'none',
  library_projects: 'none',
  library_investments: 'none',
  library_investment_calls: 'none',
  library_investment_returns: 'none',
  library_stage_spans: 'none',
  library_quiet_spans: 'none',
  library_matches: 'none',
  library_promises: 'none',
  enterprises: 'none',
  talents: 'none',
  service_packages: 'none',
  commitments: 'none',
  commitment_events: 'none',
  enterprise_requests: 'none',
  enterprise_request_events: 'none',
};

/** Which plans a committed transaction advanced: some, or every plan (`all`). */
export type PlanChange = { all: true } | { all: false; planIds: number[] };
export type PlanChangeListener = (change: PlanChange) => void;

/** What a repository tells when it writes a plan's rows: this plan advances. */
export interface PlanRevisions {
  /**
   * Plan `planId` advances: once, when the transaction commits; outside a transaction (an
   * audit event alone), at once.
   */
  touch(planId: number): Promise<void>;
}

const RAW_WRITE = /^\s*(?:insert\s+into|update|delete\s+from)\s+"?([a-z_]+)"?/i;

/** The table a query writes, or undefined for a read (or a schema change). */
export function writtenTable(node: RootOperationNode): string | undefined {
  switch (node.kind) {
    case 'InsertQueryNode':
      return node.into?.table.identifier.name;
    case 'UpdateQueryNode':
      return tableName(node.table);
    case 'DeleteQueryNode':
      return tableName(node.from.froms[0]);
    case 'MergeQueryNode':
      return tableName(node.into);
    case 'RawNode':
      return RAW_WRITE.exec(node.sqlFragments[0] ?? '')?.[1]?.toLowerCase();
    default:
      return undefined;
  }
}

function tableName(node: unknown): string | undefined {
  const n = node as { kind?: string; table?: { identifier: { name: string } }; node?: unknown } | undefined;
  if (n?.kind === 'TableNode') return n.table?.identifier.name;
  if (n?.kind === 'AliasNode') return tableName(n.node);
  return undefined;
}

/** What a write means for revisions: a new row of an `every-plan` table is named by no plan yet. */
function scopeOf(node: RootOperationNode): { table?: string; scope: 'plan' | 'every-plan' | 'none' } {
  const table = writtenTable(node);
  if (table === undefined) return { scope: 'none' };
  // A table schema.ts does not know is a plan's until classified: the safe side.
  const scope = (TABLE_SCOPES as Record<string, 'plan' | 'every-plan' | 'none'>)[table] ?? 'plan';
  return { table, scope: scope === 'every-plan' && node.kind === 'InsertQueryNode' ? 'none' : scope };
}

/**
 * Writes on the store's own connection, outside any transaction: refused for a table whose
 * rows a plan's answers read (its revision would not move with it). Every such write is a
 * command's, in `store.transaction`.
 */
export class OutsideTransactionGuard implements KyselyPlugin {
  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    const { table, scope } = scopeOf(node);
    if (scope !== 'none') {
      throw new AppError(
        'INTERNAL',
        `${table} is written only inside store.transaction, which advances the plans' revisions`,
      );
    }
    return node;
  }

  transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(result);
  }
}

const STAMP_COLUMNS = ['id', 'state', 'revision', 'created_at'] as const;

/** What a commit advanced: which plans (for listeners), their new stamps, the plans deleted. */
export interface Advanced {
  change: PlanChange;
  stamps: PlanReadStamp[];
  gone: number[];
}

/**
 * Advances plans `planIds` (every plan when `all`) on `db`, a transaction: answers their new
 * stamps, and on PostgreSQL sends them (revision-watch.ts) to be delivered at commit.
 */
async function advance(db: Db, planIds: number[] | 'all'): Promise<Advanced> {
  let update = db.updateTable('plans').set((eb) => ({ revision: eb('revision', '+', 1) }));
  if (planIds !== 'all') update = update.where('id', 'in', planIds);
  const rows = await update.returning([...STAMP_COLUMNS]).execute();
  const stamps = rows.map((row) => ({
    id: Number(row.id),
    state: row.state as PlanState,
    revision: Number(row.revision),
    createdAt: row.created_at,
  }));
  const found = new Set(stamps.map((s) => s.id));
  const gone = planIds === 'all' ? [] : planIds.filter((id) => !found.has(id));
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const notice = noticeOf(stamps, gone, planIds === 'all');
    await sql`select pg_notify(${PLAN_STAMP_CHANNEL}, ${notice})`.execute(db);
  }
  return {
    change: planIds === 'all' ? { all: true } : { all: false, planIds },
    stamps,
    gone,
  };
}

/**
 * One transaction's writes: the plan tables it wrote and the plans it named. `finish` advances
 * the named plans (every plan after a write to an `every-plan` table) on the transaction, or
 * refuses a transaction that wrote a plan's rows without naming one.
 */
export class TransactionWrites implements KyselyPlugin, PlanRevisions {
  private readonly planTables = new Set<string>();
  private readonly planIds = new Set<number>();
  private everyPlan = false;

  touch(planId: number): Promise<void> {
    this.planIds.add(planId);
    return Promise.resolve();
  }

  transformQuery({ node }: PluginTransformQueryArgs): RootOperationNode {
    const { table, scope } = scopeOf(node);
    if (scope === 'plan') this.planTables.add(table!);
    else if (scope === 'every-plan') this.everyPlan = true;
    return node;
  }

  transformResult({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(result);
  }

  /**
   * Advances the plans this transaction named, on `db` (the transaction without this plugin);
   * answers what changed, or undefined when nothing of a plan did. Throws INTERNAL when plan
   * tables were written and no plan was named (the transaction then rolls back).
   */
  async finish(db: Db): Promise<Advanced | undefined> {
    if (this.everyPlan) return advance(db, 'all');
    if (this.planIds.size === 0) {
      if (this.planTables.size === 0) return undefined;
      throw new AppError(
        'INTERNAL',
        `a transaction wrote ${[...this.planTables].join(', ')} without naming the plan whose revision advances (audit event or plans.touch)`,
      );
    }
    return advance(
      db,
      [...this.planIds].sort((a, b) => a - b),
    );
  }
}

/**
 * Outside a transaction: a plan advances at once, in a transaction of its own (with its notice
 * on PostgreSQL), and `committed` hears it.
 */
export class ImmediateRevisions implements PlanRevisions {
  constructor(
    private readonly db: Db,
    private readonly committed: (advanced: Advanced) => void,
  ) {}

  async touch(planId: number): Promise<void> {
    const advanced = await (this.db as Kysely<Database>)
      .transaction()
      .execute((trx) => advance(trx, [planId]));
    this.committed(advanced);
  }
}

/** The listeners of one store's commits (made by openStore, shared by its transactions). */
export class PlanChangeListeners {
  private readonly listeners = new Set<PlanChangeListener>();

  add(listener: PlanChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells every listener; a listener that throws does not stop the others or the write. */
  emit(change: PlanChange): void {
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch {
        // A reader's cache must never fail a write that has committed.
      }
    }
  }
}
