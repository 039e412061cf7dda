/**
 * The audit trail: one append-only event per change — who, when, which entity, what action,
 * the state before and after — and a field-level `diff` for the history view.
 * Events are plain JSON, deep-copied and frozen when made, so a later change to the source
 * object can never rewrite history.
 */
import { AppError } from '../errors.js';
import type { Role, User } from './types.js';

export type AuditEntityType =
  | 'plan'
  | 'outline_node'
  | 'target'
  | 'task'
  | 'achievement'
  | 'project'
  | 'project_list'
  | 'period'
  | 'report'
  | 'figure_correction'
  | 'notice'
  | 'extension'
  | 'closure'
  | 'unit'
  | 'user'
  | 'request_exemption'
  | 'request_holiday_table'
  | 'request_order'
  | 'jurisdiction'
  // Other sources of work (issue 18, src/sources).
  | 'instruction'
  | 'meeting'
  | 'decision'
  | 'proposal'
  | 'work_list'
  // Notifications and the monthly 通报 (issue 18).
  | 'notify_settings'
  | 'outbox_message'
  | 'bulletin'
  | 'knowledge_entry'
  | 'handler_assignment'
  | 'unit_head'
  | 'request_desk_settings'
  // the project library and 服务包 (issue 17)
  | 'library_settings'
  | 'library_project'
  | 'library_match'
  | 'library_investment_call'
  | 'enterprise'
  | 'talent'
  | 'service_package'
  | 'commitment'
  | 'enterprise_request';

/** Who acts: a signed-in user with a role and, for a unit reporter, the units it acts for. */
export interface Actor {
  userId: number;
  role: Role;
  unitIds: number[];
}

/**
 * The actor for a signed-in user (transports hold a `User`; the domain needs only this).
 * @example
 * deriveActor({ id: 5, role: 'reporter', unitIds: [11] }) // { userId: 5, role: 'reporter', unitIds: [11] }
 */
export function deriveActor(user: Pick<User, 'id' | 'role' | 'unitIds'>): Actor {
  return { userId: user.id, role: user.role, unitIds: [...user.unitIds] };
}

export interface AuditEvent {
  /** ISO timestamp of the change. */
  at: string;
  /** Who made it; null for the system (a period locking on its date). */
  actor: { userId: number; role: Role } | null;
  entity: { type: AuditEntityType; id: number | string };
  planId: number | null;
  /**
   * The jurisdiction the event belongs to when it is not the plan's (a unit's, a user's); the
   * store takes the plan's, the unit's, the user's or the actor's when absent (issue 16).
   */
  jurisdictionId?: number;
  /** `<entity>.<verb>`: "notice.answer", "extension.approve", "report.return". */
  action: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  /** The reason given, where the action needs one (return, deny, reopen, correction). */
  reason: string | null;
}

export interface AuditEventInput {
  at: string;
  actor: Actor | { userId: number; role: Role } | null;
  entity: { type: AuditEntityType; id: number | string };
  planId?: number | null;
  action: string;
  before?: object | null;
  after?: object | null;
  reason?: string | null;
}

function snapshot(value: object | null | undefined): Record<string, unknown> | null {
  if (value === null || value === undefined) return null;
  return deepFreeze(JSON.parse(JSON.stringify(value)) as Record<string, unknown>);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/**
 * A frozen audit event with JSON snapshots of before and after.
 * Throws AppError BAD_INPUT when `at` is not an ISO timestamp or the action is empty.
 * @example
 * createAuditEvent({ at: '2022-04-06T09:00:00.000Z', actor, entity: { type: 'task', id: 7 },
 *   action: 'task.close', before: { state: 'done' }, after: { state: 'closed' } })
 */
export function createAuditEvent(input: AuditEventInput): AuditEvent {
  if (Number.isNaN(Date.parse(input.at)) || !/^\d{4}-\d{2}-\d{2}/.test(input.at)) {
    throw new AppError('BAD_INPUT', `Audit time is not an ISO timestamp: "${input.at}"`);
  }
  if (input.action.trim() === '') throw new AppError('BAD_INPUT', 'Audit action is empty');
  return deepFreeze({
    at: input.at,
    actor: input.actor === null ? null : { userId: input.actor.userId, role: input.actor.role },
    entity: { type: input.entity.type, id: input.entity.id },
    planId: input.planId ?? null,
    action: input.action,
    before: snapshot(input.before),
    after: snapshot(input.after),
    reason: input.reason ?? null,
  });
}

/**
 * The audit event of one step in the life of a plan's record (a unit report, a 督办单, an
 * extension request, a closing application): the entity is `after`, in `after`'s plan.
 * Throws as createAuditEvent does.
 */
export function createStepEvent<R extends { id: number; planId: number }>(
  type: AuditEntityType,
  before: R | null,
  after: R,
  actor: Actor,
  now: string,
  action: string,
  reason: string | null,
): AuditEvent {
  return createAuditEvent({
    at: now,
    actor,
    entity: { type, id: after.id },
    planId: after.planId,
    action,
    before,
    after,
    reason,
  });
}

/** One field that differs between two versions; `path` is dotted ("assignment.deadline"). */
export interface FieldChange {
  path: string;
  kind: 'added' | 'removed' | 'changed';
  before?: unknown;
  after?: unknown;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    return Number.isNaN(a) && Number.isNaN(b);
  }
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  }
  const ka = Object.keys(a as object);
  const kb = Object.keys(b as object);
  return (
    ka.length === kb.length &&
    ka.every((k) => sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]))
  );
}

function walk(before: unknown, after: unknown, path: string, out: FieldChange[]): void {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const key of [...keys].sort()) {
      const p = path === '' ? key : `${path}.${key}`;
      const hasB = Object.hasOwn(before, key) && before[key] !== undefined;
      const hasA = Object.hasOwn(after, key) && after[key] !== undefined;
      if (hasB && !hasA) out.push({ path: p, kind: 'removed', before: before[key] });
      else if (!hasB && hasA) out.push({ path: p, kind: 'added', after: after[key] });
      else if (hasB && hasA) walk(before[key], after[key], p, out);
    }
    return;
  }
  // Arrays and scalars are compared whole: coUnitIds [3, 5] → [5] reads as one change.
  if (!sameValue(before, after)) out.push({ path, kind: 'changed', before, after });
}

/**
 * Field-level changes from `before` to `after`, in path order: nested objects are walked,
 * arrays and scalars compared whole. A null side makes every field of the other added or
 * removed. Equal inputs give [].
 * @example
 * diff({ deadline: '2022-06-30', coUnitIds: [3] }, { deadline: '2022-09-30', coUnitIds: [3] })
 * // [{ path: 'deadline', kind: 'changed', before: '2022-06-30', after: '2022-09-30' }]
 */
export function diff(before: object | null, after: object | null): FieldChange[] {
  const out: FieldChange[] = [];
  walk(before ?? {}, after ?? {}, '', out);
  return out;
}

/** One line of an item's history: what happened, by whom, and the fields that changed. */
export interface HistoryEntry {
  at: string;
  action: string;
  /** The actor's role; the user id only in the internal view. */
  actor: { role: Role; userId?: number } | null;
  reason: string | null;
  changes: FieldChange[];
}

/** Fields of snapshots that name a user: hidden from the public (personal data). */
export const PERSONAL_FIELDS: readonly string[] = Object.freeze([
  'issuedBy',
  'answeredBy',
  'closedBy',
  'decidedBy',
  'requestedBy',
  'appliedBy',
  'submittedBy',
  'reviewedBy',
  'correctedBy',
  'lockedBy',
  'by',
]);

function isPersonalPath(path: string): boolean {
  const parts = path.split('.');
  return parts.some((p) => PERSONAL_FIELDS.includes(p));
}

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (isPlainObject(value)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!PERSONAL_FIELDS.includes(k)) out[k] = redact(v);
    return out;
  }
  return value;
}

/**
 * An item's history, oldest first, each event with its field-level changes. The public view
 * (`audience: 'public'`) keeps the actor's role but not who, and drops the fields that name a
 * user, inside arrays too (an escalation's `by`).
 * @example
 * deriveHistory(events, 'public')[0] // { at, action: 'notice.issue', actor: { role: 'supervisor' }, changes: [...] }
 */
export function deriveHistory(
  events: readonly AuditEvent[],
  audience: 'internal' | 'public' = 'internal',
): HistoryEntry[] {
  const isPublic = audience === 'public';
  return [...events]
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at))
    .map((e) => {
      let changes = diff(e.before, e.after);
      if (isPublic) {
        changes = changes
          .filter((c) => !isPersonalPath(c.path))
          .map((c) => ({
            ...c,
            ...('before' in c ? { before: redact(c.before) } : {}),
            ...('after' in c ? { after: redact(c.after) } : {}),
          }));
      }
      let actor: HistoryEntry['actor'] = null;
      if (e.actor) actor = isPublic ? { role: e.actor.role } : { role: e.actor.role, userId: e.actor.userId };
      return { at: e.at, action: e.action, actor, reason: e.reason, changes };
    });
}
