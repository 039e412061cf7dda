/**
 * Tracking commands (issue 4): load → pure domain step (src/plan) → store, in one transaction
 * with its audit event. Transports (server, cli) call these; they never touch Kysely.
 *
 * Concurrency: every write goes through a version check (`update … where version = ?`) or a
 * unique constraint (one report per unit and period, one lock per period), so of two requests
 * sent at once one wins and the other gets CONFLICT, with nothing half-written.
 */
import { AppError } from '../errors.js';
import { createAuditEvent, deriveHistory } from '../plan/audit.js';
import type { Actor, AuditEvent, HistoryEntry } from '../plan/audit.js';
import { dateOf, isoDate } from '../plan/dates.js';
import { assertEvidenceFile, DEFAULT_EVIDENCE_POLICY } from '../plan/evidence.js';
import type { EvidencePolicy } from '../plan/evidence.js';
import { deriveProjectListHealth, parseProjectStage } from '../plan/health.js';
import type { HealthOptions, HealthResult } from '../plan/health.js';
import { derivePlanHealth } from '../plan/plan-health.js';
import type { PlanHealth, PlanHealthInput } from '../plan/plan-health.js';
import { deriveHealthAfterChange } from './incremental.js';
import {
  deriveReportingPeriods,
  deriveStaleAfterDays,
  findOpenPeriod,
  getPeriod,
  lockPeriod,
  resolvePeriodConfig,
} from '../plan/periods.js';
import type { PeriodConfig, PeriodLock, ReportingPeriod } from '../plan/periods.js';
import {
  correctFigure,
  deriveApprovedFigures,
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
import {
  actsForUnit,
  applyForClosure,
  decideClosure,
  decideExtension,
  deriveEffectiveDeadline,
  issueNotice,
  reopenTask,
  requestExtension,
  transitionNotice,
} from '../plan/supervision.js';
import type {
  ClosureApplication,
  EvidenceRef,
  ExtensionAction,
  ExtensionRequest,
  NoticeAction,
  NoticeUrgency,
  SubjectRef,
  SupervisionNotice,
} from '../plan/supervision.js';
import { resolveHealthConfig } from '../plan/thresholds.js';
import type { HealthConfigInput } from '../plan/thresholds.js';
import type { Plan, ProjectList, Task } from '../plan/types.js';
import type {
  ChangeMeta,
  EvidenceFileInfo,
  PlanItems,
  Store,
  TrackingSettings,
  Versioned,
} from '../store/types.js';

/** The audit event of a new record, now that the store gave it an id. */
function withId(event: AuditEvent, id: number): AuditEvent {
  return createAuditEvent({
    ...event,
    entity: { type: event.entity.type, id },
    after: event.after === null ? null : { ...event.after, id },
  });
}

function metaOf(actor: Actor, now: string, action?: string, reason?: string | null): ChangeMeta {
  return { actor: { userId: actor.userId, role: actor.role }, at: now, action, reason: reason ?? null };
}

function checkVersion(current: { version: number }, expected: number | undefined, what: string): void {
  if (expected !== undefined && expected !== current.version) {
    throw new AppError('CONFLICT', `${what} was changed by someone else: reload it and try again`, [
      { path: 'version', message: `stale version ${expected}, now ${current.version}` },
    ]);
  }
}

// ---- settings and periods -------------------------------------------------------------------

export interface TrackingFrame {
  plan: Plan;
  settings: TrackingSettings;
  periods: ReportingPeriod[];
  locks: PeriodLock[];
}

/** The plan, its settings, its periods and the locks: what every tracking command reads first. */
export async function loadFrame(store: Store, planId: number): Promise<TrackingFrame> {
  const [plan, settings, locks] = await Promise.all([
    store.getPlan(planId),
    store.getTrackingSettings(planId),
    store.listPeriodLocks(planId),
  ]);
  return { plan, settings, periods: deriveReportingPeriods(plan.year, settings.period), locks };
}

function lockOf(frame: TrackingFrame, key: string): PeriodLock | null {
  return frame.locks.find((l) => l.key === key) ?? null;
}

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
  return store.saveTrackingSettings(
    planId,
    { period, health: input.health },
    expectedVersion,
    metaOf(actor, now),
  );
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
    await tx.addPeriodLock(planId, next);
    await tx.appendAuditEvent(event);
    return next;
  });
}

// ---- obligations and reports -----------------------------------------------------------------

function obligationsFor(frame: TrackingFrame, items: PlanItems, period: ReportingPeriod): UnitObligation[] {
  return deriveObligations(period, items.tasks, items.targets);
}

/** The period a unit reports for now: the open data call, else the one running. */
function currentPeriod(frame: TrackingFrame, date: string): ReportingPeriod | undefined {
  return (
    findOpenPeriod(frame.periods, date, frame.locks) ??
    frame.periods.find((p) => p.start <= date && date <= p.end)
  );
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
    const report = (await store.findUnitReport(planId, obligation.unitId, period.key)) ?? null;
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
    const page = await store.listTasks(planId, { unitId, limit: pageSize, offset });
    tasks.push(...page.items);
    if (tasks.length >= page.total || page.items.length === 0) break;
  }
  for (let offset = 0; ; offset += pageSize) {
    const page = await store.listTargets(planId, { unitId, limit: pageSize, offset });
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
  const earlier = (await store.listUnitReports(planId, { unitId })).filter((r) => r.periodKey < periodKey);
  return earlier.at(-1);
}

/** Checks that evidence references name files of this plan. */
async function resolveEvidence(
  store: Store,
  planId: number,
  fileIds: readonly number[],
): Promise<EvidenceRef[]> {
  const unique = [...new Set(fileIds)];
  const files = await store.listEvidenceFiles(planId, unique);
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
      const info = await tx.createEvidenceFile({
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
    const existing = await tx.findUnitReport(planId, input.unitId, period.key);
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
      const saved = await tx.updateUnitReport(next, existing.version);
      await tx.appendAuditEvent(event);
      return saved;
    }
    const { id: _draftId, ...fresh } = next;
    const saved = await tx.createUnitReport(fresh);
    await tx.appendAuditEvent(withId(event, saved.id));
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
    const report = await tx.getUnitReport(planId, reportId);
    checkVersion(report, expectedVersion, `report ${reportId}`);
    const period = getPeriod(frame.periods, report.periodKey);
    const { next, event } = reviewReport(report, action, actor, now, {
      period,
      lock: lockOf(frame, period.key),
    });
    const saved = await tx.updateUnitReport(next, report.version);
    await tx.appendAuditEvent(event);
    if (action.type === 'approve') {
      const later = (await tx.listUnitReports(planId, { unitId: report.unitId, status: 'approved' })).some(
        (r) => r.periodKey > report.periodKey,
      );
      if (!later) {
        const tasks = new Map((await unitItems(tx, planId, report.unitId)).tasks.map((t) => [t.id, t]));
        for (const line of report.tasks) {
          // A task since removed (a new version of the report) or handed to another unit: skip.
          const task = tasks.get(line.taskId);
          if (!task || task.leadUnitId !== report.unitId || task.state === 'closed') continue;
          if (task.progress === line.progress && task.state === line.state) continue;
          await tx.updateTask(
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
    const items = await tx.getPlanItems(planId);
    const exists =
      input.item.type === 'task'
        ? items.tasks.some((t) => t.id === input.item.id)
        : items.targets.some((t) => t.id === input.item.id);
    if (!exists) throw new AppError('NOT_FOUND', `no ${input.item.type} with id ${input.item.id}`);
    const figures = await approvedFigures(tx, frame, items);
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
    const saved = await tx.addFigureCorrection(fresh);
    await tx.appendAuditEvent(withId(event, saved.id), input.item);
    return saved;
  });
}

async function approvedFigures(store: Store, frame: TrackingFrame, items: PlanItems) {
  const [reports, corrections] = await Promise.all([
    store.listUnitReports(frame.plan.id, { status: 'approved' }),
    store.listFigureCorrections(frame.plan.id),
  ]);
  return deriveApprovedFigures(reports, frame.periods, items, corrections);
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
  if (item.type === 'task') await store.getTask(planId, item.id);
  else await store.getTarget(planId, item.id);
  const items = await store.getPlanItems(planId);
  const figures = await approvedFigures(store, frame, items);
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
  const items = await store.getPlanItems(planId);
  const reports = await store.listUnitReports(planId, { periodKey: period.key });
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
  await store.getPlan(planId);
  if (unitId !== null && !(await store.listUnits()).some((u) => u.id === unitId)) {
    throw new AppError('BAD_INPUT', `unknown unit ${unitId}`, [
      { path: 'body.unitId', message: 'no such unit' },
    ]);
  }
  return store.createEvidenceFile({
    planId,
    unitId,
    name: file.name,
    mimeType: file.mimeType,
    bytes: file.bytes,
    uploadedBy: actor.userId,
    uploadedAt: now,
  });
}

// ---- health ---------------------------------------------------------------------------------

export interface ProjectListHealth extends HealthResult {
  listId: number;
}

export interface PlanHealthView {
  frame: TrackingFrame;
  items: PlanItems;
  health: PlanHealth;
  projectLists: Map<number, ProjectListHealth>;
  extensions: Versioned<ExtensionRequest>[];
  date: string;
}

/** What the last read of a plan's health held, to follow the next change from. */
interface HeldHealth {
  date: string;
  planVersion: number;
  stamp: { count: number; maxId: number };
  input: PlanHealthInput;
  options: HealthOptions;
  view: PlanHealthView;
}

/** Per store, per plan: the last health computed (a few plans at most). */
const HELD = new WeakMap<Store, Map<number, HeldHealth>>();
const HELD_PLANS = 8;
/** Audit actions whose effect on health is their item alone (assignment, deadline, weight, state). */
const ITEM_ACTIONS = new Set(['task.update', 'target.update']);

/**
 * The whole plan's health at `date`, from approved figures, corrections, approved extensions
 * and the plan's thresholds (derivePlanHealth). The last result per plan is held and checked
 * against the audit trail on every read (every change writes an event in its transaction):
 * unchanged → the held result; only tasks or targets updated → those items reloaded and judged
 * again with `deriveHealthAfterChange`; anything else (reports, corrections, extensions,
 * settings, a new version of the report, deletes, moves) → the full pass. `fresh` skips the
 * held result.
 */
export async function derivePlanHealthView(
  store: Store,
  planId: number,
  date: string,
  options: { fresh?: boolean } = {},
): Promise<PlanHealthView> {
  let held = HELD.get(store);
  if (!held) HELD.set(store, (held = new Map()));
  // The stamp is read before the data, so a change landing in between is seen next time.
  const [plan, stamp] = await Promise.all([store.getPlan(planId), store.getAuditStamp(planId)]);
  const last = options.fresh ? undefined : held.get(planId);
  if (last && last.date === date && last.planVersion === plan.version) {
    if (last.stamp.count === stamp.count && last.stamp.maxId === stamp.maxId) return last.view;
    const followed = await followChanges(store, last, stamp);
    if (followed) {
      held.set(planId, followed);
      return followed.view;
    }
  }
  const fresh = await computePlanHealth(store, planId, date);
  held.delete(planId);
  if (held.size >= HELD_PLANS) held.delete(held.keys().next().value!);
  held.set(planId, { ...fresh, date, planVersion: plan.version, stamp });
  return fresh.view;
}

async function computePlanHealth(store: Store, planId: number, date: string) {
  const frame = await loadFrame(store, planId);
  const items = await store.getPlanItems(planId);
  const [figures, extensions] = await Promise.all([
    approvedFigures(store, frame, items),
    store.listSupervision('extension', planId),
  ]);
  const options: HealthOptions = {
    config: resolveHealthConfig(frame.settings.health),
    staleAfterDays: deriveStaleAfterDays(frame.settings.period),
  };
  const input: PlanHealthInput = {
    year: frame.plan.year,
    outline: items.outline,
    tasks: items.tasks,
    targets: items.targets,
    figures,
    extensions,
  };
  const health = derivePlanHealth(input, date, options);
  const projectLists = new Map<number, ProjectListHealth>();
  for (const list of items.projectLists)
    projectLists.set(list.id, listHealth(list, items, frame.plan, health, date, options));
  return { input, options, view: { frame, items, health, projectLists, extensions, date } };
}

function listHealth(
  list: ProjectList,
  items: PlanItems,
  plan: Plan,
  health: PlanHealth,
  date: string,
  options: HealthOptions,
): ProjectListHealth {
  const deadline = list.taskId === null ? undefined : health.tasks.get(list.taskId)?.deadline;
  const projects = items.projects.filter((p) => p.listId === list.id);
  return { listId: list.id, ...projectListHealth(list, projects, plan, deadline, date, options) };
}

/**
 * The held health moved on by the events since it was computed, when they are only task and
 * target updates and none is missing (ids commit out of order on PostgreSQL: the count tells).
 */
async function followChanges(
  store: Store,
  last: HeldHealth,
  stamp: { count: number; maxId: number },
): Promise<HeldHealth | undefined> {
  const planId = last.view.frame.plan.id;
  const events = await store.listAuditEvents(planId, { afterId: last.stamp.maxId });
  if (events.length !== stamp.count - last.stamp.count) return undefined;
  // Only the lead unit's lines count as figures: a new lead unit changes figures, not just the item.
  const followable = (e: AuditEvent) =>
    ITEM_ACTIONS.has(e.action) && e.before?.leadUnitId === e.after?.leadUnitId;
  if (!events.every(followable)) return undefined;
  const changed = new Map(events.map((e) => [`${e.entity.type}:${String(e.entity.id)}`, e.entity]));
  let input = last.input;
  let items = last.view.items;
  let health = last.view.health;
  for (const entity of changed.values()) {
    const id = Number(entity.id);
    if (entity.type === 'task') {
      const task = await store.getTask(planId, id);
      const tasks = items.tasks.map((t) => (t.id === id ? task : t));
      items = { ...items, tasks };
      input = { ...input, tasks };
    } else {
      const target = await store.getTarget(planId, id);
      const targets = items.targets.map((t) => (t.id === id ? target : t));
      items = { ...items, targets };
      input = { ...input, targets };
    }
    const next = deriveHealthAfterChange(
      health,
      input,
      { type: entity.type === 'task' ? 'task' : 'target', id },
      last.date,
      last.options,
    );
    if (!next) return undefined;
    health = next;
  }
  const projectLists = new Map(last.view.projectLists);
  const { plan } = last.view.frame;
  for (const list of items.projectLists) {
    if (list.taskId !== null && changed.has(`task:${list.taskId}`)) {
      projectLists.set(list.id, listHealth(list, items, plan, health, last.date, last.options));
    }
  }
  const view: PlanHealthView = { ...last.view, items, health, projectLists };
  return { ...last, stamp, input, view };
}

function projectListHealth(
  list: ProjectList,
  projects: PlanItems['projects'],
  plan: Plan,
  taskDeadline: string | undefined,
  date: string,
  options: Parameters<typeof deriveProjectListHealth>[4],
): HealthResult {
  if (parseProjectStage(list.stage) === undefined) {
    return {
      health: 'no_data',
      ratio: null,
      expected: null,
      actual: null,
      comparedAt: null,
      stale: false,
      why: { code: 'NO_PIPELINE_STAGE', params: { stage: list.stage } },
      reason: `"${list.stage}" names no pipeline stage`,
    };
  }
  const deadline = taskDeadline ?? isoDate(plan.year, 12, 31);
  const start = isoDate(plan.year, 1, 1);
  return deriveProjectListHealth(
    list,
    projects,
    { start: deadline < start ? deadline : start, deadline },
    date,
    options,
  );
}

// ---- supervision ----------------------------------------------------------------------------

/** The item a notice or an extension is about, with its owner and deadline. NOT_FOUND if absent. */
async function subjectOwner(
  store: Store,
  planId: number,
  subject: SubjectRef,
): Promise<{ leadUnitId: number | null; coUnitIds: number[]; deadline: string | null }> {
  switch (subject.type) {
    case 'task':
      return store.getTask(planId, subject.id);
    case 'target':
      return store.getTarget(planId, subject.id);
    case 'project': {
      const project = await store.getProject(planId, subject.id);
      const task = project.taskId === null ? null : await store.getTask(planId, project.taskId);
      return {
        leadUnitId: task?.leadUnitId ?? null,
        coUnitIds: task?.coUnitIds ?? [],
        deadline: task?.deadline ?? null,
      };
    }
    case 'project_list': {
      const list = (await store.listProjectLists(planId)).find((l) => l.id === subject.id);
      if (!list) throw new AppError('NOT_FOUND', `no project list with id ${subject.id}`);
      const task = list.taskId === null ? null : await store.getTask(planId, list.taskId);
      return {
        leadUnitId: task?.leadUnitId ?? null,
        coUnitIds: task?.coUnitIds ?? [],
        deadline: task?.deadline ?? null,
      };
    }
  }
}

/** A supervisor issues a 督办单 on an item to a unit (default: the item's lead unit). */
export async function issueSupervisionNotice(
  store: Store,
  planId: number,
  input: { subject: SubjectRef; unitId?: number; urgency?: NoticeUrgency; content: string; dueOn: string },
  actor: Actor,
  now: string,
): Promise<Versioned<SupervisionNotice>> {
  return store.transaction(async (tx) => {
    const owner = await subjectOwner(tx, planId, input.subject);
    const unitId = input.unitId ?? owner.leadUnitId;
    if (unitId === null || unitId === undefined) {
      throw new AppError('BAD_INPUT', 'the item has no lead unit: name the unit the notice goes to', [
        { path: 'unitId', message: 'required when the item has no lead unit' },
      ]);
    }
    await tx.getUnit(unitId);
    const { next, event } = issueNotice(
      {
        id: 0,
        planId,
        subject: input.subject,
        unitId,
        content: input.content,
        dueOn: input.dueOn,
        ...(input.urgency ? { urgency: input.urgency } : {}),
      },
      actor,
      now,
    );
    const { id: _zero, ...fresh } = next;
    const saved = await tx.createSupervision('notice', fresh);
    await tx.appendAuditEvent(withId(event, saved.id), input.subject);
    return saved;
  });
}

/** Answer (the unit), close or escalate (a supervisor) a notice. */
export async function moveNotice(
  store: Store,
  planId: number,
  id: number,
  action: NoticeAction,
  expectedVersion: number | undefined,
  actor: Actor,
  now: string,
): Promise<Versioned<SupervisionNotice>> {
  return store.transaction(async (tx) => {
    const current = await tx.getSupervision('notice', planId, id);
    checkVersion(current, expectedVersion, `notice ${id}`);
    const { next, event } = transitionNotice(current, action, actor, now);
    const saved = await tx.updateSupervision('notice', next, current.version);
    await tx.appendAuditEvent(event, current.subject);
    return saved;
  });
}

/** The deadline in force for an item, after approved extensions. */
async function deadlineInForce(store: Store, planId: number, subject: SubjectRef, original: string | null) {
  const requests = await store.listSupervision('extension', planId, { subject });
  return { requests, effective: deriveEffectiveDeadline(original, requests) };
}

/** A unit asks for a new deadline on an item it leads. */
export async function requestDeadlineExtension(
  store: Store,
  planId: number,
  input: { subject: SubjectRef; requestedDeadline: string; reason: string },
  actor: Actor,
  now: string,
): Promise<Versioned<ExtensionRequest>> {
  return store.transaction(async (tx) => {
    const owner = await subjectOwner(tx, planId, input.subject);
    const { requests, effective } = await deadlineInForce(tx, planId, input.subject, owner.deadline);
    const unitId = owner.leadUnitId ?? actor.unitIds[0] ?? null;
    if (unitId === null) throw new AppError('FORBIDDEN', 'the item has no lead unit to ask for it');
    const { next, event } = requestExtension(
      {
        id: 0,
        planId,
        subject: input.subject,
        unitId,
        previousDeadline: effective.deadline,
        requestedDeadline: input.requestedDeadline,
        reason: input.reason,
      },
      actor,
      now,
      requests,
    );
    const { id: _zero, ...fresh } = next;
    const saved = await tx.createSupervision('extension', fresh);
    await tx.appendAuditEvent(withId(event, saved.id), input.subject);
    return saved;
  });
}

/** A supervisor approves or denies a pending extension request. */
export async function decideDeadlineExtension(
  store: Store,
  planId: number,
  id: number,
  action: ExtensionAction,
  expectedVersion: number | undefined,
  actor: Actor,
  now: string,
): Promise<Versioned<ExtensionRequest>> {
  return store.transaction(async (tx) => {
    const current = await tx.getSupervision('extension', planId, id);
    checkVersion(current, expectedVersion, `extension request ${id}`);
    const { next, event } = decideExtension(current, action, actor, now);
    const saved = await tx.updateSupervision('extension', next, current.version);
    await tx.appendAuditEvent(event, current.subject);
    return saved;
  });
}

/** The lead unit applies to close a done task (销号), with evidence files already uploaded. */
export async function applyToClose(
  store: Store,
  planId: number,
  taskId: number,
  input: { evidence: number[]; note: string },
  actor: Actor,
  now: string,
): Promise<Versioned<ClosureApplication>> {
  return store.transaction(async (tx) => {
    const task = await tx.getTask(planId, taskId);
    const evidence = await resolveEvidence(tx, planId, input.evidence);
    const others = await tx.listSupervision('closure', planId, { subject: { type: 'task', id: taskId } });
    const { next, event } = applyForClosure(task, { id: 0, evidence, note: input.note }, actor, now, others);
    const { id: _zero, ...fresh } = next;
    const saved = await tx.createSupervision('closure', fresh);
    await tx.appendAuditEvent(withId(event, saved.id), { type: 'task', id: taskId });
    return saved;
  });
}

/** A supervisor approves (the task becomes closed) or returns a closing application. */
export async function decideClosing(
  store: Store,
  planId: number,
  id: number,
  action: { type: 'approve' } | { type: 'return'; reason: string },
  expectedVersion: number | undefined,
  actor: Actor,
  now: string,
): Promise<{ application: Versioned<ClosureApplication>; task: Task }> {
  return store.transaction(async (tx) => {
    const current = await tx.getSupervision('closure', planId, id);
    checkVersion(current, expectedVersion, `closing application ${id}`);
    const task = await tx.getTask(planId, current.taskId);
    const { next, event, task: closed } = decideClosure(current, task, action, actor, now);
    const application = await tx.updateSupervision('closure', next, current.version);
    await tx.appendAuditEvent(event, { type: 'task', id: task.id });
    const saved =
      closed.state === task.state
        ? task
        : await tx.updateTask(
            planId,
            task.id,
            { state: closed.state },
            task.version,
            metaOf(actor, now, 'task.close'),
          );
    return { application, task: saved };
  });
}

/** A supervisor reopens a closed task, with a reason. */
export async function reopenClosedTask(
  store: Store,
  planId: number,
  taskId: number,
  reason: string,
  expectedVersion: number | undefined,
  actor: Actor,
  now: string,
): Promise<Task> {
  return store.transaction(async (tx) => {
    const task = await tx.getTask(planId, taskId);
    checkVersion(task, expectedVersion, `task ${taskId}`);
    const { next } = reopenTask(task, reason, actor, now);
    return tx.updateTask(
      planId,
      taskId,
      { state: next.state },
      task.version,
      metaOf(actor, now, 'task.reopen', reason),
    );
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
  const events = await store.listAuditEvents(planId, { item });
  const history = deriveHistory(events, audience);
  if (audience === 'internal') return history;
  return history.map((entry) => ({
    ...entry,
    changes: entry.changes.filter((c) => !PUBLIC_HIDDEN.includes(c.path.split('.')[0] ?? '')),
  }));
}

/** Today's date by the clock, for commands that read "now". */
export function todayOf(now: Date): string {
  return dateOf(now.toISOString());
}
