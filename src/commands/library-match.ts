/**
 * A plan's report against the library (issue 17, decision 37): its named projects matched to
 * library records across years, the plan's promised steps made the records' targets for the
 * year, the library counts the report promises read and kept; then the review of doubtful and
 * unmatched names — confirmed (the name becomes an alias), created as new projects, or rejected.
 */
import type { Actor } from '../plan/audit.js';
import type { Plan } from '../plan/types.js';
import {
  addAlias,
  createNameIndex,
  createProject,
  decideMatchState,
  deriveCountPromises,
  deriveYearTargets,
  draftFromReportName,
  initialMatchState,
  isLinked,
  matchReportProjects,
  parseTargetStage,
  sentenceAround,
  setYearTarget,
  toCountingExtraction,
  toReportProjects,
} from '../projects/index.js';
import type {
  LibraryProject,
  MatchDecision,
  ProjectClass,
  ReportProjectMatch,
  YearTarget,
} from '../projects/index.js';
import type { LibraryMatchRecord } from '../store/library-matches.js';
import { staleVersion } from '../store/rows.js';
import type { Store } from '../store/types.js';
import { changeEvent, metaOf, withId } from './frame.js';
import { loadLibrarySetup, projectSpans } from './library.js';

/** What a run did: matches by state, targets set, counts read. */
export interface LibraryMatchRun {
  planId: number;
  year: number;
  byState: Record<string, number>;
  targetsSet: number;
  promises: number;
  /** Counts the reader found and no rule counts (for a person): the words and number. */
  unread: { written: string; promised: number; reason: string }[];
}

/** Writes the year's target on a project when it changed; audited. */
async function applyTarget(
  store: Store,
  project: Pick<LibraryProject, 'id' | 'targets'> & { version: number },
  target: YearTarget,
  actor: Actor,
  now: string,
): Promise<boolean> {
  const had = project.targets.find((t) => t.year === target.year);
  if (had && had.stage === target.stage && had.step === target.step) return false;
  const current = await store.library.getRecord(project.id);
  const next = setYearTarget(current, target);
  const { model } = await loadLibrarySetup(store);
  if (
    !(await store.library.updateProject(next, current.version, now, await projectSpans(store, next, model)))
  )
    throw staleVersion('library project', project.id);
  await store.audit.append(
    changeEvent(
      { type: 'library_project', id: project.id },
      target.source?.planId ?? null,
      { target: had ?? null },
      { target },
      metaOf(actor, now, 'library_project.target'),
    ),
  );
  return true;
}

/** The year's target a linked match gives its record (its step read by the stage model). */
function targetOf(
  plan: Plan,
  m: Pick<ReportProjectMatch, 'step' | 'span' | 'name'>,
  stage: string,
): YearTarget {
  return { year: plan.year, stage, step: m.step, source: { planId: plan.id, span: m.span, quote: m.name } };
}

/**
 * Matches every project the plan's report names to the library (keeping what a person already
 * decided), makes the promised steps of linked projects their targets for the plan's year, and
 * keeps the library counts the report promises. One transaction; audited.
 */
export async function matchPlanToLibrary(
  store: Store,
  planId: number,
  actor: Actor,
  now: string,
): Promise<LibraryMatchRun> {
  return store.transaction(async (tx) => {
    const [items, text, setup, names, previous] = await Promise.all([
      tx.plans.getItems(planId),
      tx.plans.getText(planId),
      loadLibrarySetup(tx),
      tx.library.listNames(),
      tx.libraryMatches.list(planId),
    ]);
    const plan = items.plan;
    const reportProjects = toReportProjects(items.projectLists, items.projects);
    const found = matchReportProjects(reportProjects, createNameIndex(names));
    const decided = new Map(
      previous.filter((m) => m.state !== 'matched' && m.state !== 'pending').map((m) => [m.planProjectId, m]),
    );
    const rows = found.map((m, i) => {
      const planProjectId = reportProjects[i]!.id;
      const kept = decided.get(planProjectId);
      const state = kept?.state ?? initialMatchState(m);
      const libraryProjectId = kept ? kept.libraryProjectId : m.outcome === 'matched' ? m.projectId : null;
      return { planId, planProjectId, match: m, libraryProjectId, state, targetStage: null as string | null };
    });
    // Linked names count as sure for the targets; the furthest step wins per project.
    const effective = found.map((m, i) => {
      const row = rows[i]!;
      return isLinked(row.state) && row.libraryProjectId !== null
        ? { ...m, outcome: 'matched' as const, projectId: row.libraryProjectId }
        : { ...m, outcome: m.outcome === 'matched' ? ('doubtful' as const) : m.outcome };
    });
    const { targets } = deriveYearTargets(effective, plan.year, setup.model, { planId });
    for (const row of rows)
      if (isLinked(row.state) && row.match.kind === 'target')
        row.targetStage = parseTargetStage(setup.model, row.match.step) ?? null;
    await tx.libraryMatches.replace(planId, rows, now);
    const records = new Map(
      (await tx.library.listByIds(targets.map((t) => t.projectId))).map((p) => [p.id, p]),
    );
    let targetsSet = 0;
    for (const { projectId, target } of targets) {
      const record = records.get(projectId);
      if (record && (await applyTarget(tx, record, target, actor, now))) targetsSet += 1;
    }
    const counting = toCountingExtraction(plan, {
      targets: items.targets,
      lists: items.projectLists,
      projects: items.projects,
    });
    const { promises, unread } = deriveCountPromises(counting, text, setup.libraries, setup.model);
    await tx.libraryMatches.replacePromises(planId, promises);
    const byState: Record<string, number> = {};
    for (const row of rows) byState[row.state] = (byState[row.state] ?? 0) + 1;
    await tx.audit.append(
      changeEvent(
        { type: 'library_match', id: planId },
        planId,
        null,
        { byState, targetsSet, promises: promises.length },
        metaOf(actor, now, 'library_match.run'),
      ),
    );
    return {
      planId,
      year: plan.year,
      byState,
      targetsSet,
      promises: promises.length,
      unread: unread.map((u) => ({ written: u.written, promised: u.promised, reason: u.reason })),
    };
  });
}

/** How the reviewer wants a created project, when not as the report puts it (draftFromReportName). */
export interface NewProjectChoice {
  library?: string;
  class?: ProjectClass;
  stage?: string;
  date?: string;
}

/** Removes the target this plan's name set on a record for the year (a link undone). */
async function dropTargetFrom(
  store: Store,
  libraryProjectId: number,
  plan: Plan,
  match: LibraryMatchRecord,
  span: [number, number],
  actor: Actor,
  now: string,
): Promise<void> {
  const current = await store.library.getRecord(libraryProjectId);
  const had = current.targets.find((t) => t.year === plan.year);
  if (!had || had.source?.planId !== plan.id || had.source.span?.[0] !== span[0]) return;
  const next = { ...current, targets: current.targets.filter((t) => t !== had) };
  const { model } = await loadLibrarySetup(store);
  if (
    !(await store.library.updateProject(next, current.version, now, await projectSpans(store, next, model)))
  )
    throw staleVersion('library project', current.id);
  await store.audit.append(
    changeEvent(
      { type: 'library_project', id: current.id },
      plan.id,
      { target: had },
      { target: null },
      metaOf(actor, now, 'library_project.target', `审核改判：${match.match.name}`),
    ),
  );
}

/**
 * The review's decision on a named project: `confirm` links it to a record (the report's name
 * becomes an alias, the promised step its target for the year), `create` makes a new project
 * of it (draftFromReportName, or as `choice` says), `reject` says it is no project of the
 * library. CONFLICT when a person decided it already.
 */
export async function decideLibraryMatch(
  store: Store,
  planId: number,
  matchId: number,
  decision: MatchDecision & { choice?: NewProjectChoice },
  actor: Actor,
  now: string,
): Promise<LibraryMatchRecord> {
  return store.transaction(async (tx) => {
    const match = await tx.libraryMatches.get(planId, matchId);
    const state = decideMatchState(match.state, decision);
    const [plan, planProject, setup] = await Promise.all([
      tx.plans.get(planId),
      tx.projects.get(planId, match.planProjectId),
      loadLibrarySetup(tx),
    ]);
    if (
      match.libraryProjectId !== null &&
      (decision.action !== 'confirm' || decision.projectId !== match.libraryProjectId)
    )
      await dropTargetFrom(tx, match.libraryProjectId, plan, match, planProject.span, actor, now);
    const stage =
      planProject.kind === 'target' ? parseTargetStage(setup.model, planProject.stage) : undefined;
    const target =
      stage === undefined
        ? undefined
        : targetOf(plan, { step: planProject.stage, span: planProject.span, name: match.match.name }, stage);
    let libraryProjectId: number | null = null;
    if (decision.action === 'confirm') {
      const record = await tx.library.getRecord(decision.projectId);
      let next = addAlias(record, match.match.name);
      if (target) next = setYearTarget(next, target);
      if (
        !(await tx.library.updateProject(
          next,
          record.version,
          now,
          await projectSpans(tx, next, setup.model),
        ))
      )
        throw staleVersion('library project', record.id);
      await tx.audit.append(
        changeEvent(
          { type: 'library_project', id: record.id },
          planId,
          { aliases: record.aliases, targets: record.targets },
          { aliases: next.aliases, targets: next.targets },
          metaOf(actor, now, 'library_project.match'),
        ),
      );
      libraryProjectId = record.id;
    } else if (decision.action === 'create') {
      const text = await tx.plans.getText(planId);
      const draft = draftFromReportName(
        {
          name: match.match.name,
          step: planProject.stage,
          kind: planProject.kind,
          ...(target?.source ? { source: target.source } : {}),
        },
        plan.year,
        setup.model,
        setup.libraries,
        sentenceAround(text, planProject.span),
        decision.choice ?? {},
      );
      const { investments: _i, ...record } = createProject(draft, setup.model, setup.libraries);
      const saved = await tx.library.insertProject(
        record,
        now,
        await projectSpans(tx, record, setup.model, []),
      );
      await tx.audit.append(
        withId(
          changeEvent(
            { type: 'library_project', id: 0 },
            planId,
            null,
            { ...record },
            metaOf(actor, now, 'library_project.create', `由${plan.year}年报告“${match.match.name}”建立`),
          ),
          saved.id,
        ),
      );
      libraryProjectId = saved.id;
    }
    const targetStage = libraryProjectId !== null ? (stage ?? null) : null;
    await tx.libraryMatches.decide(match.id, { state, libraryProjectId, targetStage }, actor.userId, now);
    await tx.audit.append(
      changeEvent(
        { type: 'library_match', id: match.id },
        planId,
        { state: match.state, libraryProjectId: match.libraryProjectId },
        { state, libraryProjectId },
        metaOf(actor, now, `library_match.${decision.action}`),
      ),
    );
    return tx.libraryMatches.get(planId, match.id);
  });
}
