import { useParams } from 'react-router';

const KEY = 'luoshi.plan';

/** The plan id in the address (`/plans/:planId/…`), as a number; undefined when absent or not a number. */
export function usePlanIdParam(): number | undefined {
  const { planId } = useParams();
  const id = Number(planId);
  return planId !== undefined && Number.isInteger(id) && id > 0 ? id : undefined;
}

export function savedPlanId(): number | undefined {
  try {
    const id = Number(localStorage.getItem(KEY));
    return Number.isInteger(id) && id > 0 ? id : undefined;
  } catch {
    return undefined;
  }
}

export function savePlanId(id: number): void {
  try {
    localStorage.setItem(KEY, String(id));
  } catch {
    // not saved: the next visit starts on the first plan
  }
}
