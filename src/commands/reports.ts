/**
 * Unit reports (issues 4 and 14): 我的待办 with last period carried forward and today's draft
 * laid over it, the draft saved line by line as the reporter types (autosave), a report handed
 * in one task at a time or all at once, and its review line by line. Load → pure domain step
 * (src/plan/reporting.ts, report-lines.ts) → store, in one transaction with its audit event.
 */
import { AppError } from '../errors.js';
import type { Actor } from '../plan/audit.js';
import { assertEvidenceFile, mayUseEvidence } from '../plan/evidence.js';
import { getPeriod } from '../plan/periods.js';
import type { ReportingPeriod } from '../plan/periods.js';
import { assertPeriodTakesReports, deriveCarryForward, deriveObligations } from '../plan/reporting.js';
import type {
  ReportContent,
  ReportContext,
  ReportDraft,
  UnitObligation,
  UnitReport,
} from '../plan/reporting.js';
import {
  applyDraftLines,
  checkDraftBase,
  checkDraftFields,
  lineKey,
  lineStatusOf,
  refKey,
  reviewReport,
  submitReport,
  withReportLines,
} from '../plan/report-lines.js';
import type { DraftLine, LineRef, ReviewAction } from '../plan/report-lines.js';
import { actsForUnit } from '../plan/supervision.js';
import type { EvidenceRef } from '../plan/supervision.js';
import type { TaskState, Task } from '../plan/types.js';
import type { PlanItems, Store, Versioned } from '../store/types.js';
import { checkVersion, currentPeriod, loadFrame, lockOf, metaOf, withId } from './frame.js';
import type { TrackingFrame } from './frame.js';
import { updateTask } from './items.js';

/** An uploaded file as transports receive it. */
export interface UploadedEvidence {
  name: string;
  mimeType: string;
  bytes: Uint8Array;
}

export function evidenceFileOf(file: UploadedEvidence) {
  return {
    name: file.name,
    mimeType: file.mimeType,
    size: file.bytes.length,
    head: file.bytes.subarray(0, 16),
  };
}

export interface UnitTodo {
  unitId: number;
  period: ReportingPeriod;
  obligation: UnitObligation;
  /** The report as it stands, or null before a line is handed in. */
  report: Versioned<UnitReport> | null;
  /**
   * What the form shows: last period carried forward, the lines handed in this period (with
   * their status and any return reason) and the draft saved line by line over both.
   */
  draft: ReportDraft;
}

/**
 * 我的待办: for each of `unitIds`, what it owes for `periodKey` (default: the open data call)
 * with last period's figures carried forward, this period's lines and the saved draft over
 * them, and its report if it has one.
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
    const last = (await findLastReport(store, planId, unitId, period.key)) ?? null;
    const start = deriveCarryForward(
      last ?? (report ? { ...report, periodKey: period.key } : null),
      obligation,
      items.targets,
    );
    const saved = await store.tracking.listDraftLines(planId, unitId, period.key);
    todos.push({
      unitId: obligation.unitId,
      period,
      obligation,
      report,
      draft: applyDraftLines(
        withReportLines({ ...start, carriedFrom: last?.periodKey ?? null }, report),
        saved,
      ),
    });
  }
  return { period, todos };
}

/**
 * The tasks and targets a unit leads or co-handles: all a report of it can name. A task that
 * carries a 批示件, 议定事项, 建议提案 or list item is not among them: the unit answers the item
 * itself (我的待办 shows it once, as the item).
 */
export async function unitItems(
  store: Store,
  planId: number,
  unitId: number,
): Promise<Pick<PlanItems, 'tasks' | 'targets'>> {
  const carried = new Set(await store.work.listCarriedTaskIds(planId));
  const tasks: Task[] = [];
  const targets: PlanItems['targets'] = [];
  const pageSize = 1000;
  let seen = 0;
  for (let offset = 0; ; offset += pageSize) {
    const page = await store.tasks.list(planId, { unitId, limit: pageSize, offset });
    seen += page.items.length;
    tasks.push(...page.items.filter((task) => !carried.has(task.id)));
    if (seen >= page.total || page.items.length === 0) break;
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

/**
 * Checks that evidence references name files of this plan the actor may cite (mayUseEvidence:
 * a unit its own units' files, never another unit's): one answer for a file that does not
 * exist and one the actor may not use, so a reference tells nothing of other units' files.
 */
export async function resolveEvidence(
  store: Store,
  planId: number,
  fileIds: readonly number[],
  actor: Actor,
  path = 'evidence',
): Promise<EvidenceRef[]> {
  const unique = [...new Set(fileIds)];
  if (unique.length === 0) return [];
  const files = await store.tracking.listEvidence(planId, unique);
  const known = new Map(files.filter((f) => mayUseEvidence(actor, f)).map((f) => [f.id, f]));
  const missing = unique.filter((id) => !known.has(id));
  if (missing.length > 0) {
    throw new AppError(
      'BAD_INPUT',
      'unknown evidence file',
      missing.map((id) => ({ path, message: `no evidence file ${id} in this plan` })),
    );
  }
  return unique.map((id) => ({ fileId: id, name: known.get(id)!.name }));
}

/** A report's lines as sent: each line's evidence by file id. */
export interface ReportInput {
  unitId: number;
  periodKey: string;
  evidence: number[];
  tasks: (Omit<ReportContent['tasks'][number], 'evidence'> & { evidence?: number[] })[];
  targets: (Omit<ReportContent['targets'][number], 'evidence'> & { evidence?: number[] })[];
  /** Hand in just these lines; every line owed when absent. */
  only?: LineRef[];
}

/**
 * A unit hands in its report for a period ("最多报一次"): one task (`only`) or every line it
 * owes, each validated by the domain (locked period, another unit's item, wrong unit, percent
 * over 100, missing lines…), with its own evidence; then stored with its audit event, and the
 * draft of the lines handed in removed. A returned line is handed in again in place; a line
 * already submitted or approved answers CONFLICT when named, as do two submissions at once.
 */
export async function submitUnitReport(
  store: Store,
  planId: number,
  input: ReportInput,
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
    const evidence = await resolveEvidence(tx, planId, input.evidence, actor);
    const lineEvidence = async <T extends { evidence?: number[] }>(line: T, path: string) => {
      const refs = await resolveEvidence(tx, planId, line.evidence ?? [], actor, path);
      const { evidence: _ids, ...rest } = line;
      return refs.length > 0 ? { ...rest, evidence: refs } : rest;
    };
    const incoming: ReportContent = {
      tasks: await Promise.all(input.tasks.map((l, i) => lineEvidence(l, `tasks.${i}.evidence`))),
      targets: await Promise.all(input.targets.map((l, i) => lineEvidence(l, `targets.${i}.evidence`))),
    };
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
    // A report handed in again keeps the files sent before and adds the new ones.
    const kept = (existing?.evidence ?? []).filter((e) => !evidence.some((n) => n.fileId === e.fileId));
    const current: UnitReport = existing
      ? { ...existing, evidence: [...kept, ...evidence] }
      : {
          id: 0,
          planId,
          unitId: input.unitId,
          periodKey: period.key,
          status: 'draft',
          tasks: [],
          targets: [],
          evidence,
          carriedFrom: (await findLastReport(tx, planId, input.unitId, period.key))?.periodKey ?? null,
          submittedBy: null,
          submittedAt: null,
          reviewedBy: null,
          reviewedAt: null,
          returnReason: null,
        };
    const { next, event } = submitReport(current, incoming, context, actor, now, { only: input.only });
    const handedIn = [...next.tasks, ...next.targets]
      .filter((line) => lineStatusOf(next, line) === 'submitted')
      .map((line) => {
        const [type, id] = lineKey(line).split(':') as [LineRef['type'], string];
        return { type, id: Number(id) };
      });
    await tx.tracking.deleteDraftLines(planId, input.unitId, period.key, handedIn);
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
 * Saves what a reporter typed in one line (autosave): the fields sent replace the saved ones,
 * the rest stay. Only the unit's own reporters (or staff), for an item it owes, in a period
 * that takes reports, and not a line already handed in and awaiting review or approved.
 */
export async function saveDraftLine(
  store: Store,
  planId: number,
  input: {
    unitId: number;
    periodKey: string;
    item: LineRef;
    progress?: number | null;
    state?: TaskState | null;
    value?: number | null;
    note?: string;
    evidence?: number[];
    /** The line's savedAt as the writer last read it (null: none saved); see checkDraftBase. */
    basedOn?: string | null;
  },
  actor: Actor,
  now: string,
): Promise<DraftLine> {
  if (!actsForUnit(actor, input.unitId))
    throw new AppError('FORBIDDEN', `You do not report for unit ${input.unitId}`);
  const { unitId, periodKey, item, evidence: fileIds, basedOn, ...fields } = input;
  checkDraftFields(fields, item);
  return store.transaction(async (tx) => {
    const frame = await loadFrame(tx, planId);
    const period = getPeriod(frame.periods, periodKey);
    assertPeriodTakesReports(period, lockOf(frame, period.key), now);
    const context = await reportContext(tx, frame, unitId, period);
    if (!context.obligation?.items.some((i) => i.type === item.type && i.id === item.id)) {
      throw new AppError(
        'FORBIDDEN',
        `${item.type} ${item.id} is not owed by unit ${unitId} for ${period.label}`,
      );
    }
    const report = await tx.tracking.findReport(planId, unitId, period.key);
    const held = report
      ? [...report.tasks, ...report.targets].find((line) => lineKey(line) === refKey(item))
      : undefined;
    const status = report && held ? lineStatusOf(report, held) : undefined;
    if (status === 'submitted' || status === 'approved') {
      throw new AppError('CONFLICT', `The line of ${item.type} ${item.id} is already ${status}`);
    }
    const before = (await tx.tracking.listDraftLines(planId, unitId, period.key)).find(
      (line) => refKey(line.item) === refKey(item),
    );
    checkDraftBase(before, basedOn);
    const evidence = fileIds === undefined ? undefined : await resolveEvidence(tx, planId, fileIds, actor);
    const line: DraftLine = {
      ...before,
      ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)),
      ...(evidence !== undefined ? { evidence } : {}),
      item,
      savedAt: now,
      savedBy: actor.userId,
    };
    await tx.tracking.saveDraftLine(planId, unitId, period.key, line);
    return line;
  });
}

/**
 * The 督查室 approves or returns lines awaiting review (those named, else all). Each approved
 * task line of the lead unit becomes the task's progress and state (an audited task change),
 * unless the unit's line for a later period is already approved.
 */
export async function reviewUnitReport(
  store: Store,
  planId: number,
  reportId: number,
  action: ReviewAction,
  expectedVersion: number | undefined,
  actor: Actor,
  now: string,
): Promise<Versioned<UnitReport>> {
  return store.transaction(async (tx) => {
    const frame = await loadFrame(tx, planId);
    const report = await tx.tracking.getReport(planId, reportId);
    checkVersion(report, expectedVersion, `report ${reportId}`);
    const period = getPeriod(frame.periods, report.periodKey);
    const context = await reportContext(tx, frame, report.unitId, period);
    const { next, event } = reviewReport(report, action, actor, now, {
      period,
      lock: context.lock,
      obligation: context.obligation,
    });
    const saved = await tx.tracking.updateReport(next, report.version);
    await tx.audit.append(event);
    if (action.type !== 'approve') return saved;
    const waited = new Set(
      report.tasks.filter((line) => lineStatusOf(report, line) === 'submitted').map((l) => l.taskId),
    );
    const approvedNow = next.tasks.filter(
      (line) => lineStatusOf(next, line) === 'approved' && waited.has(line.taskId),
    );
    if (approvedNow.length === 0) return saved;
    const later = (await tx.tracking.listReports(planId, { unitId: report.unitId })).filter(
      (r) => r.periodKey > report.periodKey,
    );
    const approvedLater = new Set(
      later.flatMap((r) => r.tasks.filter((l) => lineStatusOf(r, l) === 'approved').map((l) => l.taskId)),
    );
    const tasks = new Map((await unitItems(tx, planId, report.unitId)).tasks.map((t) => [t.id, t]));
    for (const line of approvedNow) {
      // A task since removed or handed to another unit, or one with a later approved figure: skip.
      const task = tasks.get(line.taskId);
      if (!task || task.leadUnitId !== report.unitId || task.state === 'closed') continue;
      if (approvedLater.has(task.id)) continue;
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
    return saved;
  });
}
