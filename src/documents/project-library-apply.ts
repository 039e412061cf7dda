/**
 * What an imported 项目库台账 changes in the library (issue 17): a row without 项目ID is a new
 * project; a row with one changes that project's record — the fields the ledger gives, a stage
 * moved forward on its 阶段时间 (or the import day), the year's plan, the milestones, and the
 * difference of 累计完成投资 to the figures recorded by month as the import month's figure.
 * Blank cells leave a field as it was. All or nothing: every problem is named by its cell.
 */
import type { ErrorDetail } from '../errors.js';
import { AppError } from '../errors.js';
import { checkProject, transitionStage } from '../projects/project.js';
import type { ProjectDraft } from '../projects/project.js';
import { completedBetween, roundWan } from '../projects/investment.js';
import { stageIndex } from '../projects/stages.js';
import type { Library, LibraryProject, MonthlyInvestment, StageModel } from '../projects/types.js';
import type { ProjectLibraryField, ProjectLibraryRow } from './project-library-import.js';

export interface LibraryLedgerChanges {
  /** New projects, with the row they came from. */
  creates: { at: string; draft: ProjectDraft }[];
  /** Changed projects: the record to write (no monthly figures), the month figures to set, what changed. */
  updates: {
    at: string;
    project: Omit<LibraryProject, 'investments'>;
    investments: MonthlyInvestment[];
    fields: string[];
  }[];
  /** Rows that change nothing. */
  unchanged: number;
}

/** A field path of checkProject ("history.2.date") → the ledger's column for it. */
const FIELD_OF: [RegExp, ProjectLibraryField][] = [
  [/^name/, 'name'],
  [/^aliases/, 'aliases'],
  [/^library/, 'library'],
  [/^class/, 'class'],
  [/^history\.\d+\.date/, 'stageDate'],
  [/^history/, 'stage'],
  [/^totalInvestment/, 'total'],
  [/^annualPlans/, 'annual'],
  [/^investments/, 'completed'],
  [/^milestones/, 'plannedStart'],
  [/^location/, 'point'],
  [/^statsRegisteredOn/, 'stats'],
];

function cellOf(row: ProjectLibraryRow, path: string): string {
  const field = FIELD_OF.find(([test]) => test.test(path))?.[1];
  return (field && row.cells[field]) ?? row.cells.name ?? row.at;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The changes of an imported ledger against the library (`existing` by id), as of `today`.
 * Throws AppError BAD_INPUT listing every problem by cell: a record the domain refuses, a stage
 * moved back (a move back needs its reason: make it in Luoshi), 累计完成投资 below what the
 * months already add up to.
 */
export function deriveLibraryLedgerChanges(
  rows: readonly ProjectLibraryRow[],
  existing: ReadonlyMap<number, LibraryProject>,
  model: StageModel,
  libraries: readonly Library[],
  today: string,
): LibraryLedgerChanges {
  const problems: ErrorDetail[] = [];
  const month = today.slice(0, 7);
  const out: LibraryLedgerChanges = { creates: [], updates: [], unchanged: 0 };
  for (const row of rows) {
    const add = (path: string, message: string) => problems.push({ path: cellOf(row, path), message });
    const current = row.id === null ? undefined : existing.get(row.id);
    const base: LibraryProject = current ?? {
      id: 0,
      name: row.name,
      aliases: [],
      library: row.library,
      class: row.class ?? 'B',
      history: [{ stage: row.stage, date: row.stageDate ?? today }],
      totalInvestment: null,
      annualPlans: [],
      investments: [],
      parcel: null,
      location: null,
      leadUnitId: null,
      leader: null,
      enterpriseId: null,
      milestones: [],
      targets: [],
      progress: [],
      statsRegisteredOn: null,
      exited: null,
    };
    let next: LibraryProject = {
      ...base,
      name: row.name,
      aliases: [...new Set([...base.aliases, ...row.aliases])],
      library: row.library,
      class: row.class ?? base.class,
      totalInvestment: row.totalInvestment ?? base.totalInvestment,
      parcel: row.parcel ?? base.parcel,
      location: row.location ?? base.location,
      leadUnitId: row.leadUnitId ?? base.leadUnitId,
      leader: row.leader ?? base.leader,
      enterpriseId: row.enterpriseId ?? base.enterpriseId,
      statsRegisteredOn: row.statsRegisteredOn ?? base.statsRegisteredOn,
    };
    if (row.annualPlan) {
      const plan = row.annualPlan;
      const had = base.annualPlans.find((p) => p.year === plan.year);
      if (had?.planned !== plan.planned)
        next.annualPlans = [...base.annualPlans.filter((p) => p.year !== plan.year), plan].sort(
          (a, b) => a.year - b.year,
        );
    }
    for (const m of row.milestones)
      next.milestones = [...next.milestones.filter((x) => x.stage !== m.stage), m].sort((a, b) =>
        a.planned.localeCompare(b.planned),
      );
    const currentStage = base.history.at(-1)!.stage;
    if (current && row.stage !== currentStage) {
      if (stageIndex(model, row.stage) < stageIndex(model, currentStage)) {
        add('history', `阶段从“${currentStage}”退回“${row.stage}”需要说明理由：请在系统中办理`);
        continue;
      }
      try {
        next = transitionStage(
          next,
          { stage: row.stage, date: row.stageDate ?? today },
          model,
          today,
        ).project;
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        for (const d of error.details) add(d.path === 'date' ? 'history.0.date' : 'history', d.message);
        continue;
      }
    }
    const investments: MonthlyInvestment[] = [];
    if (row.completedToDate !== null) {
      const recorded = completedBetween(base, '0000-01', month);
      const difference = roundWan(row.completedToDate - recorded);
      if (difference < 0) {
        add('investments', `累计完成投资${row.completedToDate}万元少于已按月登记的${recorded}万元：请核对`);
        continue;
      }
      if (difference > 0) {
        const had = base.investments.find((m) => m.month === month)?.amount ?? 0;
        investments.push({ month, amount: roundWan(had + difference) });
      }
    }
    const merged = [
      ...next.investments.filter((m) => !investments.some((x) => x.month === m.month)),
      ...investments,
    ];
    for (const p of checkProject({ ...next, investments: merged }, model, libraries)) add(p.path, p.message);
    if (problems.length > 0) continue;
    const { id, investments: _i, ...draftRecord } = next;
    if (!current) {
      out.creates.push({ at: row.at, draft: { ...draftRecord, investments } });
      continue;
    }
    const fields: string[] = (Object.keys(draftRecord) as (keyof typeof draftRecord)[]).filter(
      (k) => !same(draftRecord[k], current[k]),
    );
    if (investments.length > 0) fields.push('investments');
    if (fields.length === 0) out.unchanged += 1;
    else out.updates.push({ at: row.at, project: { ...draftRecord, id }, investments, fields });
  }
  if (problems.length > 0)
    throw new AppError(
      'BAD_INPUT',
      `项目库台账未导入：共${problems.length}处问题，请修改后重新上传`,
      problems,
    );
  return out;
}
