/**
 * What the tracking and supervision commands share: the plan's tracking frame (plan, settings,
 * periods, locks) every command reads first, the approved figures, and the small steps of
 * every write (an audit event's id, a change's meta, a version check).
 */
import { AppError } from '../errors.js';
import { STALE_WORDS } from '../store/rows.js';
import { createAuditEvent } from '../plan/audit.js';
import { dateOf } from '../plan/dates.js';
import type { Actor, AuditEntityType, AuditEvent } from '../plan/audit.js';
import { DEFAULT_PERIOD_CONFIG, deriveReportingPeriods, findOpenPeriod } from '../plan/periods.js';
import type { PeriodLock, ReportingPeriod } from '../plan/periods.js';
import { deriveApprovedFigures } from '../plan/reporting.js';
import type { ApprovedFigures } from '../plan/reporting.js';
import type { Plan } from '../plan/types.js';
import type { ChangeMeta, PlanItems, Store, TrackingSettings } from '../store/types.js';

/** The audit event of a new record, now that the store gave it an id. */
export function withId(event: AuditEvent, id: number): AuditEvent {
  return createAuditEvent({
    ...event,
    entity: { type: event.entity.type, id },
    after: event.after === null ? null : { ...event.after, id },
  });
}

/**
 * The audit event of an update, from the caller's meta (or the system, now): the fields the
 * change can touch, before and after; action `<entity>.update` unless the meta names one.
 */
export function changeEvent(
  entity: { type: AuditEntityType; id: number },
  planId: number | null,
  before: object | null,
  after: object | null,
  meta: ChangeMeta | undefined,
): AuditEvent {
  const copy = (value: object | null) =>
    value === null ? null : (JSON.parse(JSON.stringify(value)) as Record<string, unknown>);
  return {
    at: meta?.at ?? new Date().toISOString(),
    actor: meta?.actor ? { userId: meta.actor.userId, role: meta.actor.role } : null,
    entity,
    planId,
    action: meta?.action ?? `${entity.type}.update`,
    before: copy(before),
    after: copy(after),
    reason: meta?.reason ?? null,
  };
}

/** Who changes what and when, with the audit event's action and reason. */
export function metaOf(actor: Actor, now: string, action?: string, reason?: string | null): ChangeMeta {
  return { actor: { userId: actor.userId, role: actor.role }, at: now, action, reason: reason ?? null };
}

/** CONFLICT when the client read another version than the current one (none given: no check). */
export function checkVersion(
  current: { version: number },
  expected: number | undefined,
  _what: string,
): void {
  if (expected !== undefined && expected !== current.version) {
    throw new AppError('CONFLICT', STALE_WORDS, [{ path: 'version', code: 'stale', message: STALE_WORDS }]);
  }
}

/** The plan's tracking settings: as saved, or the defaults (version 0) while never saved. */
export async function loadTrackingSettings(store: Store, planId: number): Promise<TrackingSettings> {
  const saved = await store.tracking.findSettings(planId);
  return saved ?? { planId, period: { ...DEFAULT_PERIOD_CONFIG }, health: {}, version: 0, updatedAt: null };
}

export interface TrackingFrame {
  plan: Plan;
  settings: TrackingSettings;
  periods: ReportingPeriod[];
  locks: PeriodLock[];
}

/** The plan, its settings, its periods and the locks: what every tracking command reads first. */
export async function loadFrame(store: Store, planId: number): Promise<TrackingFrame> {
  const [plan, settings, locks] = await Promise.all([
    store.plans.get(planId),
    loadTrackingSettings(store, planId),
    store.tracking.listLocks(planId),
  ]);
  return { plan, settings, periods: deriveReportingPeriods(plan.year, settings.period), locks };
}

/** The lock of period `key`, or null while it is open. */
export function lockOf(frame: TrackingFrame, key: string): PeriodLock | null {
  return frame.locks.find((l) => l.key === key) ?? null;
}

/** The frame as of the end of `date`: a period locked later was still open then (issue 14.9). */
export function frameAsOf(frame: TrackingFrame, date: string): TrackingFrame {
  const locks = frame.locks.filter((l) => dateOf(l.lockedAt) <= date);
  return locks.length === frame.locks.length ? frame : { ...frame, locks };
}

/** The period a unit reports for now: the open data call, else the one running. */
export function currentPeriod(frame: TrackingFrame, date: string): ReportingPeriod | undefined {
  return (
    findOpenPeriod(frame.periods, date, frame.locks) ??
    frame.periods.find((p) => p.start <= date && date <= p.end)
  );
}

/**
 * The plan's approved figures: the approved lines of every report (a report may be approved
 * line by line), with corrections replacing their period's.
 */
export async function loadApprovedFigures(
  store: Store,
  frame: TrackingFrame,
  items: PlanItems,
): Promise<ApprovedFigures> {
  const [reports, corrections] = await Promise.all([
    store.tracking.listReports(frame.plan.id),
    store.tracking.listCorrections(frame.plan.id),
  ]);
  return deriveApprovedFigures(reports, frame.periods, items, corrections);
}
