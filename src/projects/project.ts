/**
 * A library project's record and the changes made to it: checking a new or edited record, stage
 * transitions (forward, or back with a reason, never dated before the previous one), leaving the
 * library, monthly investment, 形象进度, a year's target and a confirmed alias. Every change
 * returns a new record and leaves the given one as it was.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import { toDayNumber } from '../plan/dates.js';
import { currentStage, stageIndex } from './stages.js';
import type {
  GeoPoint,
  Library,
  LibraryProject,
  MonthlyInvestment,
  ProgressReport,
  StageModel,
  YearTarget,
} from './types.js';
import { PROJECT_CLASSES } from './types.js';
import { projectProblem, projectWords } from './problems.js';
import type { ProjectProblemCode } from '../contract/constants.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** A project before the store gives it an id. */
export type ProjectDraft = Omit<LibraryProject, 'id'>;

function isDate(s: unknown): s is string {
  if (typeof s !== 'string' || !ISO_DATE.test(s)) return false;
  try {
    toDayNumber(s);
    return true;
  } catch {
    return false;
  }
}

function isMoney(n: unknown): n is number {
  return typeof n === 'number' && Number.isFinite(n) && n >= 0;
}

/**
 * True for a point on Earth (longitude −180…180, latitude −90…90).
 * @example
 * isGeoPoint({ lng: 116.4, lat: 39.9 }) // true
 */
export function isGeoPoint(p: GeoPoint): boolean {
  return Number.isFinite(p.lng) && Number.isFinite(p.lat) && Math.abs(p.lng) <= 180 && Math.abs(p.lat) <= 90;
}

/**
 * Every problem of a project record, each with its field path ("history.2.date"): a name, a
 * known library and class, a dated history of known stages in date order with a reason on every
 * move back, money ≥ 0, months and dates that exist, one investment per month, one plan and one
 * target per year, known milestone and target stages, a point on Earth. Empty when it is fine.
 * @example
 * checkProject({ ...draft, library: 'nope' }, model, libraries)
 * // [{ path: 'library', code: 'unknownLibrary', values: { library: 'nope' }, message: '项目库“nope”不在本辖区的项目库设置中：请从列表中选择' }]
 */
export function checkProject(
  project: ProjectDraft,
  model: StageModel,
  libraries: readonly Library[],
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const add = (path: string, code: ProjectProblemCode, values: Record<string, string | number> = {}) =>
    problems.push(projectProblem(path, code, values));
  if (!project.name.trim()) add('name', 'required');
  project.aliases.forEach((a, i) => {
    if (!a.trim()) add(`aliases.${i}`, 'emptyAlias', { n: i + 1 });
  });
  if (!libraries.some((l) => l.code === project.library))
    add('library', 'unknownLibrary', { library: project.library });
  if (!PROJECT_CLASSES.includes(project.class)) add('class', 'badClass', { value: String(project.class) });
  if (project.history.length === 0) add('history', 'noFirstStage');
  project.history.forEach((e, i) => {
    const where = `第${i + 1}条阶段记录的`;
    const at = stageIndex(model, e.stage);
    if (at < 0) add(`history.${i}.stage`, 'unknownStage', { where: `${where}阶段`, stage: e.stage });
    if (!isDate(e.date)) add(`history.${i}.date`, 'date', { where: `${where}日期`, value: e.date });
    const prev = project.history[i - 1];
    if (!prev) return;
    if (isDate(prev.date) && isDate(e.date) && e.date < prev.date)
      add(`history.${i}.date`, 'dateBefore', {
        where: `${where}日期`,
        value: e.date,
        stage: prev.stage,
        date: prev.date,
      });
    if (at >= 0 && at < stageIndex(model, prev.stage) && !e.reason?.trim())
      add(`history.${i}.reason`, 'needsReason', { from: prev.stage, to: e.stage });
  });
  if (project.totalInvestment !== null && !isMoney(project.totalInvestment))
    add('totalInvestment', 'amount', { where: '总投资' });
  const years = new Set<number>();
  project.annualPlans.forEach((p, i) => {
    const where = `第${i + 1}行年度计划投资`;
    if (!Number.isInteger(p.year)) add(`annualPlans.${i}.year`, 'notAYear', { where, value: String(p.year) });
    if (years.has(p.year)) add(`annualPlans.${i}.year`, 'secondYear', { year: p.year });
    years.add(p.year);
    if (!isMoney(p.planned)) add(`annualPlans.${i}.planned`, 'amount', { where: `${p.year}年度计划投资` });
    if (p.monthly && (p.monthly.length !== 12 || !p.monthly.every(isMoney)))
      add(`annualPlans.${i}.monthly`, 'monthly', { year: p.year });
  });
  const months = new Set<string>();
  project.investments.forEach((m, i) => {
    const where = `第${i + 1}行月度完成投资`;
    if (!MONTH.test(m.month)) add(`investments.${i}.month`, 'month', { where, value: m.month });
    if (months.has(m.month)) add(`investments.${i}.month`, 'secondMonth', { month: m.month });
    months.add(m.month);
    if (!isMoney(m.amount)) add(`investments.${i}.amount`, 'amount', { where: `${m.month}完成投资` });
  });
  project.milestones.forEach((m, i) => {
    const where = `第${i + 1}个计划节点的`;
    if (stageIndex(model, m.stage) < 0)
      add(`milestones.${i}.stage`, 'unknownStage', { where: `${where}阶段`, stage: m.stage });
    if (!isDate(m.planned))
      add(`milestones.${i}.planned`, 'date', { where: `${where}计划日期`, value: m.planned });
  });
  const targetYears = new Set<number>();
  project.targets.forEach((t, i) => {
    if (stageIndex(model, t.stage) < 0)
      add(`targets.${i}.stage`, 'unknownStage', { where: `${t.year}年度的目标阶段`, stage: t.stage });
    if (targetYears.has(t.year)) add(`targets.${i}.year`, 'secondTarget', { year: t.year });
    targetYears.add(t.year);
  });
  project.progress.forEach((p, i) => {
    const where = `第${i + 1}条形象进度`;
    if (!isDate(p.date)) add(`progress.${i}.date`, 'date', { where: `${where}的日期`, value: p.date });
    if (p.percent !== undefined && !(p.percent >= 0 && p.percent <= 100))
      add(`progress.${i}.percent`, 'percent', { where });
  });
  if (project.location && !isGeoPoint(project.location)) add('location', 'location');
  if (project.statsRegisteredOn !== null && !isDate(project.statsRegisteredOn))
    add('statsRegisteredOn', 'date', { where: '入统日期', value: project.statsRegisteredOn });
  if (project.exited && (!isDate(project.exited.date) || !project.exited.reason.trim()))
    add('exited', 'exit');
  return problems;
}

/**
 * A checked project record with its history, investments and milestones sorted. Throws
 * AppError BAD_INPUT listing every problem of checkProject.
 */
export function createProject<T extends ProjectDraft>(
  project: T,
  model: StageModel,
  libraries: readonly Library[],
): T {
  const problems = checkProject(project, model, libraries);
  if (problems.length > 0)
    throw new AppError(
      'BAD_INPUT',
      `项目“${project.name}”有${problems.length}处问题：${problems[0]!.message}`,
      problems,
    );
  return {
    ...project,
    investments: [...project.investments].sort((a, b) => a.month.localeCompare(b.month)),
    milestones: [...project.milestones].sort((a, b) => a.planned.localeCompare(b.planned)),
    targets: [...project.targets].sort((a, b) => a.year - b.year),
    progress: [...project.progress].sort((a, b) => a.date.localeCompare(b.date)),
  };
}

/** A stage change as a caller asks for it. */
export interface StageChange {
  stage: string;
  date: string;
  /** Required for a move back. */
  reason?: string;
}

/** What a transition did, for the audit event. */
export interface StageTransition<P extends Pick<LibraryProject, 'history'>> {
  project: P;
  from: string;
  to: string;
  direction: 'forward' | 'back';
  /** Stages passed over on a forward move ("签约" → "开工" skips 入库). */
  skipped: string[];
}

/**
 * Moves a project to another stage on a day. Forward moves may skip stages; a move back needs a
 * reason. Throws AppError BAD_INPUT for an unknown stage, a bad date, a date before the current
 * stage's, a date after `today` (when given), or a move back without a reason; CONFLICT when the
 * project is already at that stage or has left the library.
 * @example
 * transitionStage(project, { stage: '开工', date: '2022-06-01' }, DEFAULT_STAGE_MODEL).direction // 'forward'
 */
export function transitionStage<P extends Pick<LibraryProject, 'history' | 'exited'>>(
  project: P,
  change: StageChange,
  model: StageModel,
  today?: string,
): StageTransition<P> {
  const from = currentStage(project);
  const last = project.history.at(-1)!;
  const fromAt = stageIndex(model, from);
  const toAt = stageIndex(model, change.stage);
  const bad = (
    path: string,
    code: ProjectProblemCode,
    values: Record<string, string | number> = {},
  ): never => {
    const detail = projectProblem(path, code, values);
    throw new AppError('BAD_INPUT', detail.message, [detail]);
  };
  if (project.exited) throw new AppError('CONFLICT', projectWords('left', { date: project.exited.date }));
  if (toAt < 0) bad('stage', 'unknownStage', { where: '变更的阶段', stage: change.stage });
  if (!isDate(change.date)) bad('date', 'date', { where: '变更日期', value: change.date });
  if (change.date < last.date)
    bad('date', 'dateBefore', { where: '变更日期', value: change.date, stage: from, date: last.date });
  if (today !== undefined && change.date > today)
    bad('date', 'dateAfterToday', { where: '变更日期', value: change.date, date: today });
  if (toAt === fromAt) throw new AppError('CONFLICT', projectWords('sameStage', { stage: from }));
  const reason = change.reason?.trim();
  const direction = toAt > fromAt ? 'forward' : 'back';
  if (direction === 'back' && !reason) bad('reason', 'needsReason', { from, to: change.stage });
  const entry = { stage: change.stage, date: change.date, ...(reason ? { reason } : {}) };
  return {
    project: { ...project, history: [...project.history, entry] },
    from,
    to: change.stage,
    direction,
    skipped: direction === 'forward' ? model.stages.slice(fromAt + 1, toAt).map((s) => s.id) : [],
  };
}

/**
 * Takes a project out of the library (出库) on a day, with its reason. Throws BAD_INPUT without a
 * reason or with a date before its last stage change, CONFLICT when it already left.
 */
export function exitProject<P extends Pick<LibraryProject, 'history' | 'exited'>>(
  project: P,
  date: string,
  reason: string,
): P {
  if (project.exited) throw new AppError('CONFLICT', projectWords('left', { date: project.exited.date }));
  const last = project.history.at(-1);
  if (!isDate(date) || (last && date < last.date)) {
    const detail = projectProblem('date', 'exitBefore', {
      value: date,
      date: last?.date ?? '起始阶段的日期',
    });
    throw new AppError('BAD_INPUT', detail.message, [detail]);
  }
  if (!reason.trim()) {
    const detail = projectProblem('reason', 'exit');
    throw new AppError('BAD_INPUT', detail.message, [detail]);
  }
  return { ...project, exited: { date, reason: reason.trim() } };
}

/**
 * Undoes an 出库 (a project taken out by mistake comes back as it was), with the reason kept by
 * the audit. CONFLICT when it is in the library; BAD_INPUT without a reason.
 * @example
 * returnProject({ history, exited: { date: '2022-08-01', reason: '并入' } }, '误操作').exited // null
 */
export function returnProject<P extends Pick<LibraryProject, 'exited'>>(project: P, reason: string): P {
  if (!project.exited) throw new AppError('CONFLICT', projectWords('notLeft'));
  if (!reason.trim()) {
    const detail = projectProblem('reason', 'undoReason');
    throw new AppError('BAD_INPUT', detail.message, [detail]);
  }
  return { ...project, exited: null };
}

/**
 * Records the investment completed in a month (万元), replacing that month's figure. Throws
 * BAD_INPUT for a bad month, a negative or non-finite amount, or a month after `today`'s.
 * @example
 * recordInvestment(project, '2022-05', 1200).investments.at(-1) // { month: '2022-05', amount: 1200 }
 */
export function recordInvestment<P extends Pick<LibraryProject, 'investments'>>(
  project: P,
  month: string,
  amount: number,
  today?: string,
): P {
  const refuse = (path: string, code: ProjectProblemCode, values: Record<string, string | number>): never => {
    const detail = projectProblem(path, code, values);
    throw new AppError('BAD_INPUT', detail.message, [detail]);
  };
  if (!MONTH.test(month)) refuse('month', 'month', { where: '完成投资', value: month });
  if (!isMoney(amount)) refuse('amount', 'amount', { where: `${month}完成投资` });
  if (today !== undefined && month > today.slice(0, 7)) refuse('month', 'futureMonth', { month });
  const rest: MonthlyInvestment[] = project.investments.filter((m) => m.month !== month);
  const investments = [...rest, { month, amount }].sort((a, b) => a.month.localeCompare(b.month));
  return { ...project, investments };
}

/** Adds a 形象进度 report (kept in date order). Throws BAD_INPUT for a bad date, empty note or percent. */
export function addProgressReport<P extends Pick<LibraryProject, 'progress'>>(
  project: P,
  report: ProgressReport,
): P {
  if (
    !isDate(report.date) ||
    !report.note.trim() ||
    (report.percent !== undefined && !(report.percent >= 0 && report.percent <= 100))
  )
    throw new AppError('BAD_INPUT', projectWords('progressReport'), [
      projectProblem('progress', 'progressReport'),
    ]);
  const progress = [...project.progress, { ...report, note: report.note.trim() }].sort((a, b) =>
    a.date.localeCompare(b.date),
  );
  return { ...project, progress };
}

/** Sets the year's target (one per year: a re-imported report replaces it). */
export function setYearTarget<P extends Pick<LibraryProject, 'targets'>>(project: P, target: YearTarget): P {
  const targets = [...project.targets.filter((t) => t.year !== target.year), target].sort(
    (a, b) => a.year - b.year,
  );
  return { ...project, targets };
}

/** Adds a name the project went by (a confirmed match), unless it is its name or an alias already. */
export function addAlias<P extends Pick<LibraryProject, 'name' | 'aliases'>>(project: P, alias: string): P {
  const a = alias.trim();
  if (!a || a === project.name || project.aliases.includes(a)) return project;
  return { ...project, aliases: [...project.aliases, a] };
}
