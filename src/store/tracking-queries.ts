/**
 * The audit event of a change the store still writes itself (units, plan items, review), until
 * those writes move to src/commands. Rows go through AuditRepository (audit.ts).
 */
import type { AuditEntityType, AuditEvent } from '../plan/audit.js';
import type { SubjectRef } from '../plan/supervision.js';
import { AuditRepository } from './audit.js';
import type { Db } from './schema.js';
import type { ChangeMeta } from './types.js';

export type { Db } from './schema.js';

/** Appends one audit event (never updated, never deleted). */
export async function insertAuditEvent(db: Db, event: AuditEvent, subject?: SubjectRef): Promise<void> {
  await new AuditRepository(db).append(event, subject);
}

/** The audit event of a plan-item update, from the caller's meta (or the system, now). */
export function changeEvent(
  entity: { type: AuditEntityType; id: number },
  planId: number,
  before: object,
  after: object,
  meta: ChangeMeta | undefined,
): AuditEvent {
  return {
    at: meta?.at ?? new Date().toISOString(),
    actor: meta?.actor ? { userId: meta.actor.userId, role: meta.actor.role } : null,
    entity,
    planId,
    action: meta?.action ?? `${entity.type}.update`,
    before: JSON.parse(JSON.stringify(before)) as Record<string, unknown>,
    after: JSON.parse(JSON.stringify(after)) as Record<string, unknown>,
    reason: meta?.reason ?? null,
  };
}
