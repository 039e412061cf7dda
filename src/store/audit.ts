/**
 * The audit trail: events appended in the transaction of the change they record, never
 * updated, never deleted. An event about a plan item (task, target, project) or about a record
 * of one (a notice, an extension, a closing, a correction) names that item as its `subject`,
 * so an item's history is one query.
 */
import type { AuditEntityType, AuditEvent } from '../plan/audit.js';
import type { SubjectRef } from '../plan/supervision.js';
import type { Role } from '../plan/types.js';
import { sql } from 'kysely';
import { planOwner } from './rows.js';
import { AppError } from '../errors.js';
import type { PlanRevisions } from './revisions.js';
import type { Db } from './schema.js';

/** An audit event as stored, with its id (the requests settings' history lists them). */
export interface StoredAuditEvent {
  id: number;
  at: string;
  actorUserId: number | null;
  actorRole: string | null;
  entityType: string;
  entityId: string;
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  reason: string | null;
}

export interface AuditFilter {
  entity?: { type: string; id: number | string };
  /** Events of the item and of every record about it. */
  item?: SubjectRef;
  afterId?: number;
}

/** Entities whose rows carry their jurisdiction: an event about one is that jurisdiction's. */
const OWNED_ENTITIES: Partial<Record<AuditEntityType, string>> = {
  unit: 'units',
  user: 'users',
  library_project: 'library_projects',
  library_match: 'library_matches',
  library_investment_call: 'library_investment_calls',
  enterprise: 'enterprises',
  talent: 'talents',
  service_package: 'service_packages',
  commitment: 'commitments',
  enterprise_request: 'enterprise_requests',
  meeting: 'meetings',
  work_list: 'work_lists',
  knowledge_entry: 'knowledge_entries',
};

const parse = (json: string | null) => (json === null ? null : (JSON.parse(json) as Record<string, unknown>));

export class AuditRepository {
  constructor(
    private readonly db: Db,
    private readonly revisions: PlanRevisions,
  ) {}

  /**
   * The jurisdiction an event belongs to: as given, else its plan's, else its entity's own row's
   * (every table of OWNED_ENTITIES carries one), else its actor's. Commands need not name it.
   * An event with none of these is a bug (INTERNAL).
   */
  private ownerOf(event: AuditEvent) {
    if (event.jurisdictionId !== undefined) return event.jurisdictionId;
    if (event.planId !== null) return planOwner(this.db, event.planId);
    const id = Number(event.entity.id);
    const table = OWNED_ENTITIES[event.entity.type];
    const candidates = [
      ...(table !== undefined && Number.isSafeInteger(id) && id > 0
        ? [sql<number>`(select jurisdiction_id from ${sql.table(table)} where id = ${id})`]
        : []),
      ...(event.actor
        ? [sql<number>`(select jurisdiction_id from users where id = ${event.actor.userId})`]
        : []),
    ];
    if (candidates.length === 0)
      throw new AppError('INTERNAL', `audit event ${event.action} names no jurisdiction`);
    return candidates.length === 1 ? candidates[0]! : sql<number>`coalesce(${sql.join(candidates)})`;
  }

  /**
   * Appends one event; `subject` names the plan item it concerns when the entity is not one.
   * An event of a plan advances the plan's revision (store/revisions.ts): every command that
   * records a change to a plan thereby versions it.
   */
  async append(event: AuditEvent, subject?: SubjectRef): Promise<void> {
    const own =
      event.entity.type === 'task' || event.entity.type === 'target' || event.entity.type === 'project'
        ? { type: event.entity.type, id: Number(event.entity.id) }
        : undefined;
    const item = subject ?? own;
    await this.db
      .insertInto('audit_events')
      .values({
        jurisdiction_id: this.ownerOf(event),
        plan_id: event.planId,
        at: event.at,
        actor_user_id: event.actor?.userId ?? null,
        actor_role: event.actor?.role ?? null,
        entity_type: event.entity.type,
        entity_id: String(event.entity.id),
        subject_type: item?.type ?? null,
        subject_id: item?.id ?? null,
        action: event.action,
        before: event.before === null ? null : JSON.stringify(event.before),
        after: event.after === null ? null : JSON.stringify(event.after),
        reason: event.reason,
      })
      .execute();
    if (event.planId !== null) await this.revisions.touch(event.planId);
  }

  /**
   * A plan's events oldest first: of one entity, or (with `item`) of a plan item and of every
   * record about it (its notices, extensions, closings, corrections).
   */
  async list(planId: number, filter: AuditFilter = {}): Promise<AuditEvent[]> {
    let query = this.db.selectFrom('audit_events').selectAll().where('plan_id', '=', planId);
    if (filter.afterId !== undefined) query = query.where('id', '>', filter.afterId);
    if (filter.entity) {
      const entity = filter.entity;
      query = query.where('entity_type', '=', entity.type).where('entity_id', '=', String(entity.id));
    }
    if (filter.item) {
      const item = filter.item;
      query = query.where('subject_type', '=', item.type).where('subject_id', '=', item.id);
    }
    const rows = await query.orderBy('id').execute();
    return rows.map((r) => ({
      at: r.at,
      actor: r.actor_user_id === null ? null : { userId: r.actor_user_id, role: r.actor_role as Role },
      entity: {
        type: r.entity_type as AuditEntityType,
        id: /^\d+$/.test(r.entity_id) ? Number(r.entity_id) : r.entity_id,
      },
      planId: r.plan_id,
      action: r.action,
      before: parse(r.before),
      after: parse(r.after),
      reason: r.reason,
    }));
  }

  /**
   * Every change of a task's state in a plan up to `until` (ISO instant), oldest first: what
   * tells when each task was done (the monthly 通报, issue 18).
   */
  async listTaskStates(
    planId: number,
    until: string,
  ): Promise<{ taskId: number; at: string; state: string }[]> {
    const rows = await this.db
      .selectFrom('audit_events')
      .select(['entity_id', 'at', 'after'])
      .where('plan_id', '=', planId)
      .where('entity_type', '=', 'task')
      .where('at', '<=', until)
      .orderBy('id')
      .execute();
    const out: { taskId: number; at: string; state: string }[] = [];
    for (const r of rows) {
      const state = (parse(r.after) as { state?: unknown } | null)?.state;
      if (typeof state === 'string') out.push({ taskId: Number(r.entity_id), at: r.at, state });
    }
    return out;
  }

  /**
   * How many events a plan has and the highest id: any committed change moves the count
   * (ids may commit out of order on PostgreSQL; the count cannot miss one).
   */
  async getStamp(planId: number): Promise<{ count: number; maxId: number }> {
    const row = await this.db
      .selectFrom('audit_events')
      .select((eb) => [eb.fn.countAll<number>().as('n'), eb.fn.max('id').as('max_id')])
      .where('plan_id', '=', planId)
      .executeTakeFirstOrThrow();
    return { count: Number(row.n), maxId: Number(row.max_id ?? 0) };
  }

  /** How many events of a plan name this entity (an achievement's version counts them). */
  async countOf(planId: number, entity: { type: string; id: number }): Promise<number> {
    const row = await this.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('plan_id', '=', planId)
      .where('entity_type', '=', entity.type)
      .where('entity_id', '=', String(entity.id))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** The events of settings that belong to no plan (entity type `type`), newest first. */
  async listUnplanned(entityType: string, jurisdictionId?: number, limit = 100): Promise<StoredAuditEvent[]> {
    let query = this.db
      .selectFrom('audit_events')
      .selectAll()
      .where('plan_id', 'is', null)
      .where('entity_type', '=', entityType);
    if (jurisdictionId !== undefined) query = query.where('jurisdiction_id', '=', jurisdictionId);
    const rows = await query.orderBy('id', 'desc').limit(limit).execute();
    return rows.map((row) => ({
      id: Number(row.id),
      at: row.at,
      actorUserId: row.actor_user_id,
      actorRole: row.actor_role,
      entityType: row.entity_type,
      entityId: row.entity_id,
      action: row.action,
      before: parse(row.before),
      after: parse(row.after),
      reason: row.reason,
    }));
  }
}
