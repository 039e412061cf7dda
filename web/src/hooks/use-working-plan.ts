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

/** Today as an ISO date (the user's clock). */
export function todayIso(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
