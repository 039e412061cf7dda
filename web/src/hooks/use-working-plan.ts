import { useOutletContext } from 'react-router';
import type { Plan } from '../api/types';
import { savedPlanId } from './use-current-plan';

/**
 * The plan a page outside `/plans/:planId` works on (我的待办, 督办, 管理): the one chosen in
 * the header (saved), else the first, as the header shows it. Undefined while none exist.
 */
export function useWorkingPlan(): Plan | undefined {
  const context = useOutletContext<{ plans: Plan[] } | undefined>();
  const plans = context?.plans ?? [];
  const saved = savedPlanId();
  return plans.find((plan) => plan.id === saved) ?? plans[0];
}

/**
 * Today as an ISO date in the office's time zone (Beijing, as the as-of dates and the server's
 * days are): a browser on another zone's clock still reads the office's day.
 * @example todayIso(Date.parse('2026-12-07T17:00:00Z')) // '2026-12-08'
 */
export function todayIso(now: number = Date.now()): string {
  return new Date(now + 8 * 3_600_000).toISOString().slice(0, 10);
}
