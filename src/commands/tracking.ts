/**
 * Tracking commands (issue 4): load → pure domain step (src/plan) → store, in one transaction
 * with its audit event: settings, periods and their locks, 我的待办, unit reports and their
 * review, corrections of locked figures, reminders, evidence files, and an item's history.
 * Transports (server, cli) call these; they never touch Kysely.
 *
 * Concurrency: every write goes through a version check (`update … where version = ?`) or a
 * unique constraint (one report per unit and period, one lock per period), so of two requests
 * sent at once one wins and the other gets CONFLICT, with nothing half-written.
 */
import { AppError } from '../errors.js';
import { deriveHistory } from '../plan/audit.js';
import type { Actor, HistoryEntry } from '../plan/audit.js';
import { assertEvidenceFile, DEFAULT_EVIDENCE_POLICY } from '../plan/evidence.js';
import type { EvidencePolicy } from '../plan/evidence.js';
import { getPeriod, lockPeriod, resolvePeriodConfig } from '../plan/periods.js';
import type { PeriodConfig, PeriodLock, ReportingPeriod } from '../plan/periods.js';
import { reportAsOf } from '../plan/as-of.js';
import { correctFigure, deriveObligations, deriveReminders } from '../plan/reporting.js';
import type { FigureCorrection, Reminder, UnitObligation } from '../plan/reporting.js';
import type { SubjectRef } from '../plan/supervision.js';
import { resolveHealthConfig } from '../plan/thresholds.js';
import type { HealthConfigInput } from '../plan/thresholds.js';
import type { ChangeMeta, EvidenceFileInfo, PlanItems, Store, TrackingSettings } from '../store/types.js';
import {
  changeEvent,
  currentPeriod,
  frameAsOf,
  loadApprovedFigures,
  loadFrame,
  loadTrackingSettings,
  lockOf,
  metaOf,
  withId,
} from './frame.js';
import type { TrackingFrame } from './frame.js';
import { evidenceFileOf } from './reports.js';

// ---- settings and periods -------------------------------------------------------------------

/**
 * Saves a plan's settings after checking them with the domain's resolvers (BAD_INPUT listing
 * every problem); CONFLICT on a stale version.
 */
export async function saveSettings(
  store: Store,
  planId: number,
  input: { period: Partial<PeriodConfig>; health: HealthConfigInput },
  expectedVersion: number,
  actor: Actor,
  now: string,
): Promise<TrackingSettings> {
  const period = resolvePeriodConfig(input.period);
  resolveHealthConfig(input.health);
  return writeTrackingSettings(
    store,
    planId,
    { period, health: input.health },
    expectedVersion,
    metaOf(actor, now),
  );
}

/**
 * Writes settings already resolved, with their `plan.settings` audit event, in one
 * transaction; NOT_FOUND for an unknown plan, CONFLICT when `expectedVersion` is stale (0 =
 * never saved).
 */
export async function writeTrackingSettings(
  store: Store,
  planId: number,
  input: Pick<TrackingSettings, 'period' | 'health'>,
  expectedVersion: number,
  meta: ChangeMeta,
): Promise<TrackingSettings> {
  return store.transaction(async (tx) => {
    await tx.plans.get(planId);
    const before = await loadTrackingSettings(tx, planId);
    await tx.tracking.saveSettings(planId, input, expectedVersion, meta.at);
    const after = await loadTrackingSettings(tx, planId);
    const fields = (t: TrackingSettings) => ({ period: t.period, health: t.health });
    await tx.audit.append(
      changeEvent({ type: 'plan', id: planId }, planId, fields(before), fields(after), {
        ...meta,
        action: meta.action ?? 'plan.settings',
      }),
    );
    return after;
  });
}

/** Each period of the plan year with its status and lock. */
export async function listPeriods(store: Store, planId: number) {
  const frame = await loadFrame(store, planId);
  return { frame, periods: frame.periods.map((p) => ({ period: p, lock: lockOf(frame, p.key) })) };
}

/** Closes a period (supervisors, once it has ended, not twice). */
export async function closePeriod(
  store: Store,
  planId: number,
  key: string,
  actor: Actor,
  now: string,
): Promise<PeriodLock> {
  return store.transaction(async (tx) => {
    const frame = await loadFrame(tx, planId);
    const period = getPeriod(frame.periods, key);
    const { next, event } = lockPeriod(period, lockOf(frame, key), actor, now, planId);
    await tx.tracking.insertLock(planId, next);
    await tx.audit.append(event);
    return next;
  });
}
// ---- obligations and reports -----------------------------------------------------------------

// Reports themselves (我的待办, drafts, submitting and reviewing line by line) are in reports.ts.
export { listTodos, resolveEvidence, reviewUnitReport, saveDraftLine, submitUnitReport } from './reports.js';
export type { UnitTodo, UploadedEvidence } from './reports.js';

function obligationsFor(frame: TrackingFrame, items: PlanItems, period: ReportingPeriod): UnitObligation[] {
  return deriveObligations(period, items.tasks, items.targets);
}

/** A supervisor corrects an approved figure of a locked period: a new audited entry. */
export async function correctLockedFigure(
  store: Store,
  planId: number,
  input: Omit<FigureCorrection, 'id' | 'planId' | 'correctedBy' | 'correctedAt'>,
  actor: Actor,
  now: string,
): Promise<FigureCorrection> {
  return store.transaction(async (tx) => {
    const frame = await loadFrame(tx, planId);
    const period = getPeriod(frame.periods, input.periodKey);
    const items = await tx.plans.getItems(planId);
    const exists =
      input.item.type === 'task'
        ? items.tasks.some((t) => t.id === input.item.id)
        : items.targets.some((t) => t.id === input.item.id);
    if (!exists) throw new AppError('NOT_FOUND', `no ${input.item.type} with id ${input.item.id}`);
    const figures = await loadApprovedFigures(tx, frame, items);
    const held =
      input.item.type === 'task'
        ? figures.tasks.get(input.item.id)?.find((f) => f.asOf === period.end)?.progress
        : figures.targets.get(input.item.id)?.find((f) => f.asOf === period.end)?.value;
    const { next, event } = correctFigure(
      { ...input, id: 0, planId },
      { period, lock: lockOf(frame, period.key), before: held ?? null },
      actor,
      now,
    );
    const { id: _zero, ...fresh } = next;
    const saved = await tx.tracking.insertCorrection(fresh);
    await tx.audit.append(withId(event, saved.id), input.item);
    return saved;
  });
}

/**
 * The approved figures of one item, oldest first (only approved reports count; a correction
 * replaces its period's figure): what the item's trend and its health are made of.
 */
export async function listApprovedFigures(
  store: Store,
  planId: number,
  item: { type: 'task' | 'target'; id: number },
) {
  const frame = await loadFrame(store, planId);
  if (item.type === 'task') await store.tasks.get(planId, item.id);
  else await store.targets.get(planId, item.id);
  const items = await store.plans.getItems(planId);
  const figures = await loadApprovedFigures(store, frame, items);
  return item.type === 'task' ? (figures.tasks.get(item.id) ?? []) : (figures.targets.get(item.id) ?? []);
}

/** Due-soon and overdue reminders per unit for the open data call at `date`. */
export async function listReminders(
  store: Store,
  planId: number,
  date: string,
  soonDays = 3,
): Promise<{ period: ReportingPeriod | null; reminders: Reminder[] }> {
  // As the plan stood at the end of `date`: a report handed in or a period locked later was not yet.
  const frame = frameAsOf(await loadFrame(store, planId), date);
  const period = currentPeriod(frame, date);
  if (!period) return { period: null, reminders: [] };
  const items = await store.plans.getItems(planId);
  const reports = (await store.tracking.listReports(planId, { periodKey: period.key })).map((r) =>
    reportAsOf(r, date),
  );
  const reminders = deriveReminders(period, obligationsFor(frame, items, period), reports, date, {
    lock: lockOf(frame, period.key),
    soonDays,
  });
  return { period, reminders };
}

// ---- evidence --------------------------------------------------------------------------------

/**
 * Stores an evidence file after checking its name, declared type, size and first bytes
 * (src/plan/evidence.ts): TOO_LARGE, UNSUPPORTED_FORMAT or BAD_INPUT with every problem.
 */
export async function uploadEvidence(
  store: Store,
  planId: number,
  file: { name: string; mimeType: string; bytes: Uint8Array },
  unitId: number | null,
  actor: Actor,
  now: string,
  policy: EvidencePolicy = DEFAULT_EVIDENCE_POLICY,
): Promise<EvidenceFileInfo> {
  assertEvidenceFile(evidenceFileOf(file), policy);
  await store.plans.get(planId);
  if (unitId !== null && !(await store.units.list()).some((u) => u.id === unitId)) {
    throw new AppError('BAD_INPUT', `unknown unit ${unitId}`, [
      { path: 'body.unitId', message: 'no such unit' },
    ]);
  }
  return store.transaction(async (tx) => {
    const info = await tx.tracking.insertEvidence({
      planId,
      unitId,
      name: file.name,
      mimeType: file.mimeType,
      bytes: file.bytes,
      uploadedBy: actor.userId,
      uploadedAt: now,
    });
    await tx.plans.touch(planId);
    return info;
  });
}

// ---- history --------------------------------------------------------------------------------

/** Fields of plan items that name a person: hidden from the public like audit.ts's own list. */
const PUBLIC_HIDDEN = ['leader'];

/**
 * An item's history with field diffs, oldest first: its own changes and those of every record
 * about it (notices, extensions, closings, corrections). The public view hides who acted and
 * every personal field (audit.ts `deriveHistory('public')`, plus the responsible leader).
 */
export async function listItemHistory(
  store: Store,
  planId: number,
  item: SubjectRef,
  audience: 'internal' | 'public',
): Promise<HistoryEntry[]> {
  const events = await store.audit.list(planId, { item });
  const history = deriveHistory(events, audience);
  if (audience === 'internal') return history;
  return history.map((entry) => ({
    ...entry,
    changes: entry.changes.filter((c) => !PUBLIC_HIDDEN.includes(c.path.split('.')[0] ?? '')),
  }));
}
