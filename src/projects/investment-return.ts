/**
 * The monthly investment data call (项目投资月报) in the domain: which projects a lead unit owes
 * for a month, and what a unit's return does to them — the month's investment completed (万元)
 * recorded, its 形象进度 for the month, its 入统. A return is all or nothing: every problem is
 * named by its line and field (`lines.2.amount`), and a transport maps that to its own place
 * (the workbook's cell, the page's row).
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import { daysInMonth, isoDate } from '../plan/dates.js';
import { findAnnualPlan } from './investment.js';
import { addProgressReport, recordInvestment } from './project.js';
import { roleIndex, stageAt, stageIndex } from './stages.js';
import type { LibraryProject, MonthlyInvestment, StageModel } from './types.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The month's last day, YYYY-MM-DD. */
export function monthEnd(month: string): string {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return isoDate(year, m, daysInMonth(year, m));
}

/**
 * Whether a project owes the month's figures: in the library that month (not out before it) and,
 * at the month's end, under construction (from the `started` role's stage to before the
 * `completed` role's) or with a plan for the year.
 */
export function owesInvestmentMonth(
  project: Pick<LibraryProject, 'history' | 'exited' | 'annualPlans'>,
  month: string,
  model: StageModel,
): boolean {
  if (project.exited && project.exited.date < `${month}-01`) return false;
  const stage = stageAt(project, monthEnd(month));
  const at = stage === undefined ? -1 : stageIndex(model, stage);
  if (at < 0) return false;
  const building = at >= roleIndex(model, 'started') && at < roleIndex(model, 'completed');
  return building || findAnnualPlan(project, Number(month.slice(0, 4))) !== undefined;
}

/** What a unit answers for one of its projects. */
export interface InvestmentReturnLine {
  projectId: number;
  /** 本月完成投资, 万元 (0 when nothing was invested); null when left blank (refused). */
  amount: number | null;
  /** 形象进度 as of the month; null or unchanged: nothing new. */
  progress: string | null;
  /** 入统: registered (on a day, or by the month without one), not registered, or left blank. */
  stats: { registered: true; on: string | null } | { registered: false } | null;
}

/** A project after the return, with the month's figure to write. */
export interface InvestmentReturnChange {
  project: LibraryProject;
  figure: MonthlyInvestment;
  /** What moved: the figure, a 形象进度 report, the 入统 day. */
  changed: { amount: boolean; progress: boolean; stats: boolean };
}

/** The day a return speaks for: the month's last day, or today while the month runs. */
export function returnDay(month: string, today: string): string {
  const end = monthEnd(month);
  return end < today ? end : today;
}

/**
 * Applies a unit's return for `month` to the projects it owes (`owed`: each whole, with its
 * figures): every owed project needs a line with an amount ≥ 0; no line for a project it does not
 * owe, none twice. 形象进度: a note other than the last one before the month becomes the month's
 * report (dated `returnDay`), replacing any report the project has within the month (a second
 * return replaces the first); the same note as before the month adds nothing (nothing moved).
 * 入统: registered sets the day (given, else `returnDay`) when the project has none; a day after
 * `returnDay` is refused; 否 for a project registered by the month's end is refused (a correction
 * is made on the project's page). BAD_INPUT with every problem at `lines.N.field`.
 */
export function applyInvestmentReturn(args: {
  month: string;
  today: string;
  owed: readonly LibraryProject[];
  lines: readonly InvestmentReturnLine[];
}): InvestmentReturnChange[] {
  const { month, today } = args;
  if (!MONTH.test(month) || month > today.slice(0, 7))
    throw new AppError('BAD_INPUT', `${month}尚未开始，不能报送该月投资`, [
      { path: 'month', message: `${month}尚未开始` },
    ]);
  const day = returnDay(month, today);
  const first = `${month}-01`;
  const end = monthEnd(month);
  const owed = new Map(args.owed.map((p) => [p.id, p]));
  const problems: ErrorDetail[] = [];
  const seen = new Map<number, number>();
  const changes: InvestmentReturnChange[] = [];
  args.lines.forEach((line, i) => {
    const at = (field: string) => `lines.${i}.${field}`;
    const project = owed.get(line.projectId);
    if (!project) {
      problems.push({
        path: at('projectId'),
        message: `项目${line.projectId}不是本单位${month}应报的项目`,
      });
      return;
    }
    if (seen.has(line.projectId)) {
      problems.push({
        path: at('projectId'),
        message: `“${project.name}”重复填报（第${seen.get(line.projectId)! + 1}行已填）`,
      });
      return;
    }
    seen.set(line.projectId, i);
    if (line.amount === null) {
      problems.push({
        path: at('amount'),
        message: `“${project.name}”未填本月完成投资，没有完成的请填0`,
      });
      return;
    }
    if (!(Number.isFinite(line.amount) && line.amount >= 0)) {
      problems.push({
        path: at('amount'),
        message: `“${project.name}”的本月完成投资不能为负数（填的是${line.amount}）`,
      });
      return;
    }
    let next: LibraryProject = recordInvestment(project, month, line.amount, today);
    const before = project.investments.find((m) => m.month === month)?.amount;
    // 形象进度: the month's report, replacing one already made within the month.
    const earlier = project.progress.filter((r) => r.date < first).at(-1)?.note ?? null;
    const inMonth = project.progress.filter((r) => r.date >= first && r.date <= end);
    const note = line.progress?.trim() || null;
    let progress = false;
    if (note !== null && note !== earlier) {
      const kept = project.progress.filter((r) => !(r.date >= first && r.date <= end));
      next = addProgressReport({ ...next, progress: kept }, { date: day, note });
      progress = inMonth.length !== 1 || inMonth[0]!.note !== note || inMonth[0]!.date !== day;
    }
    // 入统
    let stats = false;
    const registered = project.statsRegisteredOn;
    if (line.stats?.registered) {
      const on = line.stats.on ?? day;
      if (on > day)
        problems.push({
          path: at('stats'),
          message: `入统日期${on}晚于本次报送所截止的${day}`,
        });
      else if (registered === null) {
        next = { ...next, statsRegisteredOn: on };
        stats = true;
      }
    } else if (line.stats && !line.stats.registered && registered !== null && registered <= end) {
      problems.push({
        path: at('stats'),
        message: `“${project.name}”已于${registered}入统，如需更正请在项目页面修改`,
      });
    }
    changes.push({
      project: next,
      figure: { month, amount: line.amount },
      changed: { amount: before !== line.amount, progress, stats },
    });
  });
  for (const [id, project] of owed)
    if (!seen.has(id))
      problems.push({
        path: 'lines',
        message: `“${project.name}”（项目${id}）未填报：${month}应报的项目都须填报`,
      });
  if (problems.length > 0)
    throw new AppError('BAD_INPUT', `${month}投资月报未能接收：有${problems.length}处需要修改`, problems);
  return changes;
}
