/**
 * Plan commands: a report → a plan (every row in one transaction), a new version of a plan's
 * report merged into it (rows matched so that assignments and progress survive), a plan
 * renamed, published or unpublished (with its audit event), a plan deleted. Every import of a
 * report — HTTP, the command line — goes through `importReport`/`reimportReport`, which refuse
 * what is not a work report by the one rule of src/plan/report-check.ts.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import { derivePlanImport } from '../plan/import.js';
import { deriveReimportMatches } from '../plan/match.js';
import { findNotAReportReason } from '../plan/report-check.js';
import type { Plan } from '../plan/types.js';
import { extractReport } from '../report/index.js';
import type { Extraction, Span } from '../report/types.js';
import { notFound, staleVersion } from '../store/rows.js';
import type { ChangeMeta, PlanImportInput, PlanSummary, Store } from '../store/types.js';
import { changeEvent } from './frame.js';

const now = () => new Date().toISOString();

/**
 * The extraction of a report's text, when it is a work report a plan can be made of; else
 * UNPROCESSABLE naming the `file` with the reason (findNotAReportReason).
 */
export function extractForImport(text: string): Extraction {
  const extraction = extractReport(text);
  const reason = findNotAReportReason(extraction);
  if (reason !== undefined) throw new AppError('UNPROCESSABLE', reason, [{ path: 'file', message: reason }]);
  return extraction;
}

/**
 * An extraction → a plan, in one transaction: the plan, its outline, achievements, tasks,
 * targets, project lists and projects. BAD_INPUT when the year cannot be told.
 */
export async function importPlan(store: Store, input: PlanImportInput): Promise<PlanSummary> {
  const rows = derivePlanImport(input.text, input.extraction, input);
  return store.transaction(async (tx) => {
    const id = await tx.plans.insert(input.jurisdictionId, rows, input.text, now());
    return tx.plans.getSummary(id);
  });
}

/** What an import of a report's text made: the plan's summary and the extraction (its warnings). */
export interface ReportImport {
  summary: PlanSummary;
  extraction: Extraction;
}

/** A report's text → a plan (importPlan), refused (UNPROCESSABLE, `file`) when it is not a work report. */
export async function importReport(
  store: Store,
  input: Omit<PlanImportInput, 'extraction'>,
): Promise<ReportImport> {
  const extraction = extractForImport(input.text);
  return { summary: await importPlan(store, { ...input, extraction }), extraction };
}

/**
 * A new extraction of the same plan's report: rows are matched to the existing ones by span
 * and text (src/plan/match.ts), so assignments and progress survive; unmatched old rows are
 * removed. Tasks carried over from an earlier plan are not the report's: left untouched.
 * NOT_FOUND for an unknown plan; CONFLICT (`expectedVersion`) when the plan changed meanwhile.
 */
export async function reimportPlan(
  store: Store,
  planId: number,
  input: PlanImportInput,
  expectedVersion: number,
): Promise<PlanSummary> {
  const rows = derivePlanImport(input.text, input.extraction, input);
  return store.transaction(async (tx) => {
    const plan = await tx.plans.get(planId);
    const old = await tx.plans.listImportedRows(planId);
    const matches = deriveReimportMatches(old, rows, await tx.plans.getText(planId), input.text);
    const header = { ...rows.plan, state: input.state ?? plan.state };
    const replaced = await tx.plans.replaceReport(
      planId,
      header,
      input.text,
      rows,
      matches,
      expectedVersion,
      now(),
    );
    if (!replaced) throw staleVersion('plan', planId, 'expectedVersion');
    return tx.plans.getSummary(planId);
  });
}

/** A new version of a plan's report from its text (reimportPlan), refused when it is not a work report. */
export async function reimportReport(
  store: Store,
  planId: number,
  input: Omit<PlanImportInput, 'extraction'>,
  expectedVersion: number,
): Promise<ReportImport> {
  const extraction = extractForImport(input.text);
  return {
    summary: await reimportPlan(store, planId, { ...input, extraction }, expectedVersion),
    extraction,
  };
}

/** How sure the reader is of one thing it read: its span, confidence (0–1) and reasons for doubt. */
export interface ReadingDoubt {
  span: Span;
  confidence: number;
  doubts: string[];
}

/**
 * The plan's stored text read again: the reader's confidence in each item, project and heading,
 * for the review mode to sort and filter (issue 13). NOT_FOUND for an unknown plan.
 */
export async function loadExtractionDoubts(
  store: Store,
  planId: number,
): Promise<{ items: ReadingDoubt[]; projects: ReadingDoubt[]; outline: ReadingDoubt[] }> {
  const extraction = extractReport(await store.plans.getText(planId));
  const doubt = (read: { span: Span; confidence?: number; doubts?: string[] }): ReadingDoubt => ({
    span: read.span,
    confidence: read.confidence ?? 1,
    doubts: read.doubts ?? [],
  });
  return {
    items: extraction.items.map(doubt),
    projects: extraction.projects.map(doubt),
    outline: extraction.outline.map(doubt),
  };
}

const planFields = (plan: Plan) => ({ title: plan.title, state: plan.state, publishedAt: plan.publishedAt });

/**
 * Renames, publishes or unpublishes a plan, with its `plan.update` audit event. BAD_INPUT for
 * an empty title or an unknown state; NOT_FOUND; CONFLICT when `expectedVersion` is stale.
 */
export async function updatePlan(
  store: Store,
  id: number,
  patch: Partial<Pick<Plan, 'title' | 'state'>>,
  expectedVersion: number,
  meta?: ChangeMeta,
): Promise<Plan> {
  const problems: ErrorDetail[] = [];
  if (patch.title !== undefined && !patch.title.trim())
    problems.push({ path: 'title', message: 'must not be empty' });
  if (patch.state !== undefined && patch.state !== 'draft' && patch.state !== 'published') {
    problems.push({ path: 'state', message: 'must be draft or published' });
  }
  if (problems.length) throw new AppError('BAD_INPUT', 'invalid plan', problems);
  return store.transaction(async (tx) => {
    const before = await tx.plans.get(id);
    const title = patch.title?.trim();
    if (!(await tx.plans.update(id, { title, state: patch.state }, expectedVersion, now()))) {
      await tx.plans.get(id);
      throw staleVersion('plan', id, 'expectedVersion');
    }
    const after = await tx.plans.get(id);
    await tx.audit.append(changeEvent({ type: 'plan', id }, id, planFields(before), planFields(after), meta));
    return after;
  });
}

/** Deletes a plan and everything in it; NOT_FOUND when there is none. */
export async function deletePlan(store: Store, id: number): Promise<void> {
  await store.transaction(async (tx) => {
    if (!(await tx.plans.delete(id))) throw notFound('plan', id);
  });
}
