/**
 * Investment figures of a project (万元): completed by month, against the year's plan and the total.
 * A figure recorded for a month counts from that month on: as of any day of May, May's figure
 * counts once the unit has reported it.
 */
import type { AnnualPlan, LibraryProject, MonthlyInvestment } from './types.js';

/** Rounds 万元 to 2 places (100 元), so sums of figures typed in 亿元 or 万元 compare exactly. */
export function roundWan(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * Investment completed in the months [from, to] (YYYY-MM, inclusive).
 * @example
 * completedBetween({ investments: [{ month: '2022-01', amount: 100 }, { month: '2022-02', amount: 50 }] }, '2022-02', '2022-12') // 50
 */
export function completedBetween(
  project: Pick<LibraryProject, 'investments'>,
  from: string,
  to: string,
): number {
  let sum = 0;
  for (const m of project.investments) if (m.month >= from && m.month <= to) sum += m.amount;
  return roundWan(sum);
}

/** The year's plan, or undefined. */
export function findAnnualPlan(
  project: Pick<LibraryProject, 'annualPlans'>,
  year: number,
): AnnualPlan | undefined {
  return project.annualPlans.find((p) => p.year === year);
}

/**
 * The share of the year's plan due by the end of month `months` (0–12): the monthly spread when
 * the plan has one, else a twelfth per month.
 * @example
 * plannedThrough({ year: 2022, planned: 1200 }, 5) // 500
 */
export function plannedThrough(plan: AnnualPlan, months: number): number {
  const m = Math.max(0, Math.min(12, Math.floor(months)));
  if (plan.monthly && plan.monthly.length === 12)
    return roundWan(plan.monthly.slice(0, m).reduce((a, b) => a + b, 0));
  return roundWan((plan.planned * m) / 12);
}

export interface InvestmentSummary {
  /** 总投资, null when unknown. */
  total: number | null;
  year: number;
  /** 年度计划投资, null without a plan for the year. */
  yearPlanned: number | null;
  /** Completed in the year up to `date`'s month. */
  yearCompleted: number;
  /** Completed since the start, up to `date`'s month (累计完成投资). */
  completedToDate: number;
  /** yearCompleted / yearPlanned; null without a plan or with a plan of 0. */
  yearShare: number | null;
  /** completedToDate / total; null when the total is unknown or 0. */
  totalShare: number | null;
}

/**
 * The investment figures of a project as of `date`.
 * @example
 * deriveInvestmentSummary(project, '2022-06-30') // { year: 2022, yearPlanned: 12000, yearCompleted: 5400, … }
 */
export function deriveInvestmentSummary(
  project: Pick<LibraryProject, 'investments' | 'annualPlans' | 'totalInvestment'>,
  date: string,
): InvestmentSummary {
  const year = Number(date.slice(0, 4));
  const month = date.slice(0, 7);
  const plan = findAnnualPlan(project, year);
  const yearCompleted = completedBetween(project, `${year}-01`, month);
  const completedToDate = completedBetween(project, '0000-01', month);
  return {
    total: project.totalInvestment,
    year,
    yearPlanned: plan ? plan.planned : null,
    yearCompleted,
    completedToDate,
    yearShare: plan && plan.planned > 0 ? yearCompleted / plan.planned : null,
    totalShare: project.totalInvestment ? completedToDate / project.totalInvestment : null,
  };
}

/**
 * A project's monthly figures with `figures` recorded over them (each replacing its month's), in
 * month order.
 * @example
 * mergeInvestments([{ month: '2022-01', amount: 100 }], [{ month: '2022-01', amount: 80 }, { month: '2022-02', amount: 50 }])
 * // [{ month: '2022-01', amount: 80 }, { month: '2022-02', amount: 50 }]
 */
export function mergeInvestments(
  existing: readonly MonthlyInvestment[],
  figures: readonly MonthlyInvestment[],
): MonthlyInvestment[] {
  const byMonth = new Map(existing.map((m) => [m.month, m]));
  for (const f of figures) byMonth.set(f.month, { month: f.month, amount: f.amount });
  return [...byMonth.values()].sort((a, b) => a.month.localeCompare(b.month));
}
