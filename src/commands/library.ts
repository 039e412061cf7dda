/**
 * The project library's writes (issue 17): the jurisdiction's setup (libraries, stage model,
 * lamp rules, map boundary) and a project's life — created, edited, moved along its stages,
 * its monthly investment and 形象进度 recorded, taken out of the library. Each is load → the
 * domain's decision (src/projects) → rows, in one transaction with its audit event.
 */
import { boundaryProblemMessage, boundaryProblemPath, checkBoundaryText } from '../contract/boundary.js';
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import type { Actor } from '../plan/audit.js';
import {
  DEFAULT_LAMP_RULES,
  DEFAULT_LIBRARIES,
  DEFAULT_STAGE_MODEL,
  addProgressReport,
  checkProject,
  createProject,
  deriveQuietSpans,
  deriveStageSpans,
  exitProject,
  mergeInvestments,
  recordInvestment,
  resolveStageModel,
  returnProject,
  transitionStage,
} from '../projects/index.js';
import type {
  LampRules,
  Library,
  LibraryProject,
  MonthlyInvestment,
  ProgressReport,
  ProjectDraft,
  StageChange,
  StageModel,
} from '../projects/index.js';
import type { ProjectRecord, ProjectSpans } from '../store/library.js';
import { staleVersion } from '../store/rows.js';
import { projectProblem } from '../projects/problems.js';
import type { Store, Versioned } from '../store/types.js';
import { changeEvent, checkVersion, metaOf, withId } from './frame.js';
import { beijingDate } from '../requests/calendar.js';

/** The library setup a jurisdiction runs on: its own where saved, the defaults otherwise. */
export interface LibrarySetup {
  libraries: Library[];
  model: StageModel;
  lampRules: LampRules;
  /** The jurisdiction's boundary (GeoJSON text) for the map, or null. */
  boundary: string | null;
  /** 0 while on the defaults. */
  version: number;
}

/** Reads the setup (see LibrarySetup); a saved model is checked again (resolveStageModel). */
export async function loadLibrarySetup(store: Store): Promise<LibrarySetup> {
  const saved = await store.library.findSettings();
  const s = (saved?.settings ?? {}) as {
    libraries?: Library[];
    stageModel?: StageModel;
    lampRules?: Partial<LampRules>;
  };
  return {
    libraries: s.libraries ?? DEFAULT_LIBRARIES,
    model: resolveStageModel(s.stageModel ?? DEFAULT_STAGE_MODEL),
    lampRules: { ...DEFAULT_LAMP_RULES, ...(s.lampRules ?? {}) },
    boundary: saved?.boundary ?? null,
    version: saved?.version ?? 0,
  };
}

/**
 * BAD_INPUT unless the text is a boundary the map can draw — checked by the browser's own check
 * (src/contract/boundary.ts): each problem at its GeoJSON path, its key first in the message.
 */
function checkBoundary(text: string): void {
  const checked = checkBoundaryText(text);
  if (checked.ok) return;
  const details: ErrorDetail[] = checked.problems.map((p) => ({
    path: boundaryProblemPath(p),
    code: p.key,
    values: p.values,
    message: boundaryProblemMessage(p),
  }));
  if (checked.more > 0)
    details.push({
      path: 'boundary',
      code: 'more',
      values: { count: checked.more },
      message: `另有${checked.more}处问题未列出`,
    });
  throw new AppError(
    'BAD_INPUT',
    `边界文件无法使用：${checked.problems.length + checked.more}处问题（${boundaryProblemMessage(checked.problems[0]!)}）`,
    details,
  );
}

/**
 * Saves the jurisdiction's setup: libraries, stage model (checked) and lamp rules as given, the
 * boundary when given (`null` clears it). CONFLICT when someone saved since `expectedVersion`.
 */
export async function saveLibrarySetup(
  store: Store,
  change: {
    libraries?: Library[];
    stageModel?: StageModel;
    lampRules?: Partial<LampRules>;
    boundary?: string | null;
  },
  expectedVersion: number,
  actor: Actor,
  now: string,
): Promise<LibrarySetup> {
  if (change.stageModel) resolveStageModel(change.stageModel);
  if (typeof change.boundary === 'string') checkBoundary(change.boundary);
  return store.transaction(async (tx) => {
    const saved = await tx.library.findSettings();
    const settings = { ...(saved?.settings ?? {}) };
    if (change.libraries) settings['libraries'] = change.libraries;
    if (change.stageModel) settings['stageModel'] = change.stageModel;
    if (change.lampRules) settings['lampRules'] = change.lampRules;
    const boundary = change.boundary === undefined ? (saved?.boundary ?? null) : change.boundary;
    const before = await loadLibrarySetup(tx);
    if (!(await tx.library.saveSettings({ settings, boundary }, expectedVersion, now)))
      throw staleVersion('library settings', 1);
    const after = await loadLibrarySetup(tx);
    if (JSON.stringify(after.model) !== JSON.stringify(before.model))
      await rebuildStageSpans(tx, after.model);
    await tx.audit.append({
      ...changeEvent(
        { type: 'library_settings', id: tx.library.jurisdictionId },
        null,
        saved ? { ...saved.settings, boundary: saved.boundary !== null } : null,
        { ...settings, boundary: boundary !== null },
        metaOf(actor, now, 'library_settings.save'),
      ),
      jurisdictionId: tx.library.jurisdictionId,
    });
    return loadLibrarySetup(tx);
  });
}

/** Derives every project's stage spans again under `model` (the board and lists read them). */
async function rebuildStageSpans(store: Store, model: StageModel): Promise<void> {
  for (let after = 0; ;) {
    const batch = await store.library.listRecordsAfter(after, 1000);
    if (batch.length === 0) return;
    await store.library.spans.write(
      batch.map((project) => ({ project, spans: deriveStageSpans(project, model) })),
    );
    after = batch.at(-1)!.id;
  }
}

/**
 * The stage and quiet spans of a project as it is about to be stored (the board and the lists
 * read them): with `investments` when given, else with the figures it has.
 */
export async function projectSpans(
  store: Store,
  project: Omit<ProjectRecord, 'id'> & { id?: number },
  model: StageModel,
  investments?: readonly MonthlyInvestment[],
): Promise<ProjectSpans> {
  const figures =
    investments ??
    (project.id === undefined
      ? []
      : ((await store.library.listInvestments([project.id])).get(project.id) ?? []));
  return {
    stages: deriveStageSpans(project, model),
    quiet: deriveQuietSpans({ ...project, investments: [...figures] }),
  };
}

/** What an audit event keeps of a project: the record without its monthly figures. */
function recordOf(p: ProjectRecord): Record<string, unknown> {
  const { version: _v, ...rest } = p as ProjectRecord & { version?: number };
  return rest as unknown as Record<string, unknown>;
}

/** BAD_INPUT naming each unit or enterprise the record refers to that does not exist. */
async function checkReferences(store: Store, p: Pick<ProjectRecord, 'leadUnitId' | 'enterpriseId'>) {
  const problems: ErrorDetail[] = [];
  if (
    p.leadUnitId !== null &&
    !(await store.units.findExistingIds([p.leadUnitId], store.library.jurisdictionId)).has(p.leadUnitId)
  )
    problems.push(projectProblem('leadUnitId', 'unknownUnit'));
  if (p.enterpriseId !== null) {
    try {
      await store.services.getEnterprise(p.enterpriseId);
    } catch {
      problems.push(projectProblem('enterpriseId', 'unknownEnterprise'));
    }
  }
  if (problems.length > 0) throw new AppError('BAD_INPUT', problems[0]!.message, problems);
}

/**
 * A new project of the library (checkProject: every problem with its field), with its monthly
 * figures when given.
 */
export async function createLibraryProject(
  store: Store,
  draft: ProjectDraft,
  actor: Actor,
  now: string,
): Promise<Versioned<LibraryProject>> {
  return store.transaction(async (tx) => {
    const setup = await loadLibrarySetup(tx);
    const checked = createProject(draft, setup.model, setup.libraries);
    await checkReferences(tx, checked);
    const { investments, ...record } = checked;
    const spans = await projectSpans(tx, record, setup.model, investments);
    const saved = await tx.library.insertProject(record, now, spans);
    if (investments.length > 0) await tx.library.putInvestments(saved.id, investments, spans.quiet);
    await tx.audit.append(
      withId(
        changeEvent(
          { type: 'library_project', id: 0 },
          null,
          null,
          recordOf(saved),
          metaOf(actor, now, 'library_project.create'),
        ),
        saved.id,
      ),
    );
    return { ...saved, investments };
  });
}

/** The fields of a project an edit may change (stages, figures, 形象进度 and 出库 have their own). */
export type LibraryProjectPatch = Partial<
  Pick<
    LibraryProject,
    | 'name'
    | 'aliases'
    | 'library'
    | 'class'
    | 'totalInvestment'
    | 'annualPlans'
    | 'parcel'
    | 'location'
    | 'leadUnitId'
    | 'leader'
    | 'enterpriseId'
    | 'milestones'
    | 'statsRegisteredOn'
  >
>;

/** Loads a project under `expectedVersion`, changes it with `change`, checks, writes and audits it. */
async function changeProject(
  store: Store,
  id: number,
  expectedVersion: number | undefined,
  meta: { actor: Actor; now: string; action: string; reason?: string | null },
  change: (p: Versioned<LibraryProject>, setup: LibrarySetup) => ProjectRecord,
): Promise<Versioned<LibraryProject>> {
  return store.transaction(async (tx) => {
    const current = await tx.library.get(id);
    checkVersion(current, expectedVersion, `library project ${id}`);
    const setup = await loadLibrarySetup(tx);
    const next = change(current, setup);
    const problems = checkProject(
      { ...next, investments: current.investments },
      setup.model,
      setup.libraries,
    );
    if (problems.length > 0)
      throw new AppError(
        'BAD_INPUT',
        `项目“${next.name}”有${problems.length}处问题：${problems[0]!.message}`,
        problems,
      );
    await checkReferences(tx, next);
    if (
      !(await tx.library.updateProject(
        { ...next, id },
        current.version,
        meta.now,
        await projectSpans(tx, next, setup.model, current.investments),
      ))
    )
      throw staleVersion('library project', id);
    await tx.audit.append(
      changeEvent(
        { type: 'library_project', id },
        null,
        recordOf(current),
        recordOf(next),
        metaOf(meta.actor, meta.now, meta.action, meta.reason ?? null),
      ),
    );
    return tx.library.get(id);
  });
}

/** Edits a project's fields (LibraryProjectPatch); CONFLICT on a stale version. */
export function updateLibraryProject(
  store: Store,
  id: number,
  patch: LibraryProjectPatch,
  expectedVersion: number | undefined,
  actor: Actor,
  now: string,
): Promise<Versioned<LibraryProject>> {
  return changeProject(store, id, expectedVersion, { actor, now, action: 'library_project.update' }, (p) => {
    const { investments: _i, ...record } = p;
    return { ...record, ...patch };
  });
}

/**
 * Moves a project to a stage on a day (transitionStage: forward may skip, back needs a reason,
 * never before the current stage's day, never after `today`).
 */
export function moveLibraryProject(
  store: Store,
  id: number,
  change: StageChange,
  expectedVersion: number | undefined,
  actor: Actor,
  now: string,
): Promise<Versioned<LibraryProject>> {
  const today = beijingDate(now);
  return changeProject(
    store,
    id,
    expectedVersion,
    { actor, now, action: 'library_project.stage', reason: change.reason ?? null },
    (p, setup) => {
      const { investments: _i, ...record } = transitionStage(p, change, setup.model, today).project;
      return record;
    },
  );
}

/** Takes a project out of the library (出库) with its reason. */
export function exitLibraryProject(
  store: Store,
  id: number,
  exit: { date: string; reason: string },
  expectedVersion: number | undefined,
  actor: Actor,
  now: string,
): Promise<Versioned<LibraryProject>> {
  return changeProject(
    store,
    id,
    expectedVersion,
    { actor, now, action: 'library_project.exit', reason: exit.reason },
    (p) => {
      const { investments: _i, ...record } = exitProject(p, exit.date, exit.reason);
      return record;
    },
  );
}

/** Undoes a project's 出库 (returnProject) with the reason; CONFLICT on a stale version. */
export function returnLibraryProject(
  store: Store,
  id: number,
  reason: string,
  expectedVersion: number | undefined,
  actor: Actor,
  now: string,
): Promise<Versioned<LibraryProject>> {
  return changeProject(
    store,
    id,
    expectedVersion,
    { actor, now, action: 'library_project.return', reason: reason.trim() },
    (p) => {
      const { investments: _i, ...record } = returnProject(p, reason);
      return record;
    },
  );
}

/** Adds a 形象进度 report; CONFLICT when the project moved since `expectedVersion` (when given). */
export function addLibraryProgress(
  store: Store,
  id: number,
  report: ProgressReport,
  actor: Actor,
  now: string,
  expectedVersion?: number,
): Promise<Versioned<LibraryProject>> {
  return changeProject(
    store,
    id,
    expectedVersion,
    { actor, now, action: 'library_project.progress' },
    (p) => {
      const { investments: _i, ...record } = addProgressReport(p, report);
      return record;
    },
  );
}

/**
 * Records the investments completed in months (万元), each replacing that month's figure
 * (recordInvestment: a month that has begun, an amount ≥ 0), with one audit event; the project's
 * version moves, so CONFLICT when it moved since `expectedVersion` (when given).
 */
export async function recordLibraryInvestments(
  store: Store,
  id: number,
  figures: { month: string; amount: number }[],
  actor: Actor,
  now: string,
  reason: string | null = null,
  expectedVersion?: number,
): Promise<Versioned<LibraryProject>> {
  return store.transaction(async (tx) => {
    const current = await tx.library.get(id);
    checkVersion(current, expectedVersion, `library project ${id}`);
    let next: Pick<LibraryProject, 'investments'> = current;
    figures.forEach((f, i) => {
      try {
        next = recordInvestment(next, f.month, f.amount, beijingDate(now));
      } catch (error) {
        if (error instanceof AppError)
          throw new AppError(
            error.code,
            error.message,
            error.details.map((d) => ({ ...d, path: `figures.${i}.${d.path}` })),
          );
        throw error;
      }
    });
    const all = mergeInvestments(current.investments, figures);
    const { model } = await loadLibrarySetup(tx);
    const { investments: _i, version: _v, ...record } = current;
    const spans = await projectSpans(tx, record, model, all);
    if (!(await tx.library.updateProject(record, current.version, now, spans)))
      throw staleVersion('library project', id);
    await tx.library.putInvestments(id, figures, spans.quiet);
    const before = current.investments.filter((m) => figures.some((f) => f.month === m.month));
    await tx.audit.append(
      changeEvent(
        { type: 'library_project', id },
        null,
        { investments: before },
        { investments: figures },
        metaOf(actor, now, 'library_project.investment', reason),
      ),
    );
    return tx.library.get(id);
  });
}
