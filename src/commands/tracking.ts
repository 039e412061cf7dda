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
import {
  correctFigure,
  deriveCarryForward,
  deriveObligations,
  deriveReminders,
  reviewReport,
  submitReport,
} from '../plan/reporting.js';
import type {
  FigureCorrection,
  ReportContent,
  ReportContext,
  ReportDraft,
  Reminder,
  UnitObligation,
  UnitReport,
} from '../plan/reporting.js';
import { actsForUnit } from '../plan/supervision.js';
import type { EvidenceRef, SubjectRef } from '../plan/supervision.js';
import { resolveHealthConfig } from '../plan/thresholds.js';
import type { HealthConfigInput } from '../plan/thresholds.js';
import type { Task } from '../plan/types.js';
import type {
  ChangeMeta,
  EvidenceFileInfo,
  PlanItems,
  Store,
  TrackingSettings,
  Versioned,
} from '../store/types.js';
import {
  changeEvent,
  checkVersion,
  currentPeriod,
  loadApprovedFigures,
  loadFrame,
  loadTrackingSettings,
  lockOf,
  metaOf,
  withId,
} from './frame.js';
import type { TrackingFrame } from './frame.js';
import { updateTask } from './items.js';

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

function obligationsFor(frame: TrackingFrame, items: PlanItems, period: ReportingPeriod): UnitObligation[] {
  return deriveObligations(period, items.tasks, items.targets);
}

export interface UnitTodo {
  unitId: number;
  period: ReportingPeriod;
  obligation: UnitObligation;
  /** The report as it stands, or the editable draft carried forward from last period. */
  report: Versioned<UnitReport> | null;
  draft: ReportDraft;
}

/**
 * 我的待办: for each of `unitIds`, what it owes for `periodKey` (default: the open data call)
 * with last period's figures carried forward, and its report if it has one.
 */
export async function listTodos(
  store: Store,
  planId: number,
  unitIds: readonly number[],
  date: string,
  periodKey?: string,
): Promise<{ period: ReportingPeriod | null; todos: UnitTodo[] }> {
  const frame = await loadFrame(store, planId);
  const period = periodKey ? getPeriod(frame.periods, periodKey) : currentPeriod(frame, date);
  if (!period) return { period: null, todos: [] };
  const todos: UnitTodo[] = [];
  for (const unitId of [...new Set(unitIds)].sort((a, b) => a - b)) {
    const items = await unitItems(store, planId, unitId);
    const obligation = deriveObligations(period, items.tasks, items.targets).find((o) => o.unitId === unitId);
    if (!obligation) continue;
    const report = (await store.tracking.findReport(planId, obligation.unitId, period.key)) ?? null;
    const source = report ?? (await findLastReport(store, planId, unitId, period.key)) ?? null;
    todos.push({
      unitId: obligation.unitId,
      period,
      obligation,
      report,
      draft: deriveCarryForward(source, obligation, items.targets),
    });
  }
  return { period, todos };
}

/** The tasks and targets a unit leads or co-handles: all a report of it can name. */
async function unitItems(
  store: Store,
  planId: number,
  unitId: number,
): Promise<Pick<PlanItems, 'tasks' | 'targets'>> {
  const tasks: Task[] = [];
  const targets: PlanItems['targets'] = [];
  const pageSize = 1000;
  for (let offset = 0; ; offset += pageSize) {
    const page = await store.tasks.list(planId, { unitId, limit: pageSize, offset });
    tasks.push(...page.items);
    if (tasks.length >= page.total || page.items.length === 0) break;
  }
  for (let offset = 0; ; offset += pageSize) {
    const page = await store.targets.list(planId, { unitId, limit: pageSize, offset });
    targets.push(...page.items);
    if (targets.length >= page.total || page.items.length === 0) break;
  }
  return { tasks, targets };
}

async function reportContext(
  store: Store,
  frame: TrackingFrame,
  unitId: number,
  period: ReportingPeriod,
): Promise<ReportContext> {
  const items = await unitItems(store, frame.plan.id, unitId);
  return {
    period,
    lock: lockOf(frame, period.key),
    obligation: deriveObligations(period, items.tasks, items.targets).find((o) => o.unitId === unitId),
    targets: items.targets,
  };
}

/** The unit's latest report of a period before `periodKey` (keys sort in time order). */
async function findLastReport(store: Store, planId: number, unitId: number, periodKey: string) {
  const earlier = (await store.tracking.listReports(planId, { unitId })).filter(
    (r) => r.periodKey < periodKey,
  );
  return earlier.at(-1);
}

/** Checks that evidence references name files of this plan. */
export async function resolveEvidence(
  store: Store,
  planId: number,
  fileIds: readonly number[],
): Promise<EvidenceRef[]> {
  const unique = [...new Set(fileIds)];
  const files = await store.tracking.listEvidence(planId, unique);
  const known = new Map(files.map((f) => [f.id, f]));
  const missing = unique.filter((id) => !known.has(id));
  if (missing.length > 0) {
    throw new AppError(
      'BAD_INPUT',
      'unknown evidence file',
      missing.map((id) => ({ path: 'evidence', message: `no evidence file ${id} in this plan` })),
    );
  }
  return unique.map((id) => ({ fileId: id, name: known.get(id)!.name }));
}

/**
 * A unit submits its one report for a period ("最多报一次"): validated by the domain (locked
 * period, another unit's item, wrong unit, percent over 100, missing lines…), then stored
 * with its audit event. A returned report is resubmitted in place; a second submission of a
 * submitted or approved one, or two at once, answers CONFLICT.
 */
export async function submitUnitReport(
  store: Store,
  planId: number,
  input: { unitId: number; periodKey: string; evidence: number[] } & ReportContent,
  actor: Actor,
  now: string,
  files: readonly UploadedEvidence[] = [],
): Promise<Versioned<UnitReport>> {
  // Who may report comes first: a stranger learns nothing of the report's state.
  if (!actsForUnit(actor, input.unitId))
    throw new AppError('FORBIDDEN', `You do not report for unit ${input.unitId}`);
  files.forEach((file) => assertEvidenceFile(evidenceFileOf(file)));
  return store.transaction(async (tx) => {
    const frame = await loadFrame(tx, planId);
    const period = getPeriod(frame.periods, input.periodKey);
    const context = await reportContext(tx, frame, input.unitId, period);
    const evidence = await resolveEvidence(tx, planId, input.evidence);
    // Files sent with the report are stored in its transaction: refused report, no files.
    for (const file of files) {
      const info = await tx.tracking.insertEvidence({
        planId,
        unitId: input.unitId,
        name: file.name,
        mimeType: file.mimeType,
        bytes: file.bytes,
        uploadedBy: actor.userId,
        uploadedAt: now,
      });
      evidence.push({ fileId: info.id, name: info.name });
    }
    const existing = await tx.tracking.findReport(planId, input.unitId, period.key);
    if (!context.obligation) {
      throw new AppError('BAD_INPUT', `unit ${input.unitId} owes nothing for ${period.label}`, [
        { path: 'unitId', message: 'no task or target of this plan is assigned to the unit' },
      ]);
    }
    // A resubmission keeps the files sent before and adds the new ones.
    const kept = (existing?.evidence ?? []).filter((e) => !evidence.some((n) => n.fileId === e.fileId));
    const current: UnitReport = existing
      ? { ...existing, tasks: input.tasks, targets: input.targets, evidence: [...kept, ...evidence] }
      : {
          id: 0,
          planId,
          unitId: input.unitId,
          periodKey: period.key,
          status: 'draft',
          tasks: input.tasks,
          targets: input.targets,
          evidence,
          carriedFrom: (await findLastReport(tx, planId, input.unitId, period.key))?.periodKey ?? null,
          submittedBy: null,
          submittedAt: null,
          reviewedBy: null,
          reviewedAt: null,
          returnReason: null,
        };
    const { next, event } = submitReport(current, context, actor, now);
    if (existing) {
      const saved = await tx.tracking.updateReport(next, existing.version);
      await tx.audit.append(event);
      return saved;
    }
    const { id: _draftId, ...fresh } = next;
    const saved = await tx.tracking.insertReport(fresh);
    await tx.audit.append(withId(event, saved.id));
    return saved;
  });
}

/**
 * A supervisor approves or returns a submitted report. On approval, the lead unit's task lines
 * become the tasks' progress and state (each an audited task change), unless a later period's
 * report of the unit is already approved.
 */
export async function reviewUnitReport(
  store: Store,
  planId: number,
  reportId: number,
  action: { type: 'approve' } | { type: 'return'; reason: string },
  expectedVersion: number | undefined,
  actor: Actor,
  now: string,
): Promise<Versioned<UnitReport>> {
  return store.transaction(async (tx) => {
    const frame = await loadFrame(tx, planId);
    const report = await tx.tracking.getReport(planId, reportId);
    checkVersion(report, expectedVersion, `report ${reportId}`);
    const period = getPeriod(frame.periods, report.periodKey);
    const { next, event } = reviewReport(report, action, actor, now, {
      period,
      lock: lockOf(frame, period.key),
    });
    const saved = await tx.tracking.updateReport(next, report.version);
    await tx.audit.append(event);
    if (action.type === 'approve') {
      const later = (
        await tx.tracking.listReports(planId, { unitId: report.unitId, status: 'approved' })
      ).some((r) => r.periodKey > report.periodKey);
      if (!later) {
        const tasks = new Map((await unitItems(tx, planId, report.unitId)).tasks.map((t) => [t.id, t]));
        for (const line of report.tasks) {
          // A task since removed (a new version of the report) or handed to another unit: skip.
          const task = tasks.get(line.taskId);
          if (!task || task.leadUnitId !== report.unitId || task.state === 'closed') continue;
          if (task.progress === line.progress && task.state === line.state) continue;
          await updateTask(
            tx,
            planId,
            task.id,
            { progress: line.progress, state: line.state },
            task.version,
            metaOf(actor, now, 'task.progress', `${period.label} report ${reportId} approved`),
          );
        }
      }
    }
    return saved;
  });
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
  const frame = await loadFrame(store, planId);
  const period = currentPeriod(frame, date);
  if (!period) return { period: null, reminders: [] };
  const items = await store.plans.getItems(planId);
  const reports = await store.tracking.listReports(planId, { periodKey: period.key });
  const reminders = deriveReminders(period, obligationsFor(frame, items, period), reports, date, {
    lock: lockOf(frame, period.key),
    soonDays,
  });
  return { period, reminders };
}

// ---- evidence --------------------------------------------------------------------------------

/** An uploaded file as transports receive it. */
export interface UploadedEvidence {
  name: string;
  mimeType: string;
  bytes: Uint8Array;
}

function evidenceFileOf(file: UploadedEvidence) {
  return {
    name: file.name,
    mimeType: file.mimeType,
    size: file.bytes.length,
    head: file.bytes.subarray(0, 16),
  };
}

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
