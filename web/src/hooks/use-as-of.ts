/**
 * The date the health pages read a plan as of (issue 14): chosen in the app, shared by every page
 * of the plan while the tab lives; by default today, or the plan year's last day for a past plan
 * (a 2022 plan read in 2026 is shown as it stood at the end of 2022, not four years overdue).
 */
import { useSyncExternalStore } from 'react';
import { todayIso } from './use-working-plan';

const chosen = new Map<number, string>();
const listeners = new Set<() => void>();

/** The plan year's last day when it is past, else today. */
export function defaultAsOf(year: number, today: string = todayIso()): string {
  const end = `${year}-12-31`;
  return today > end ? end : today;
}

/** Each month's last day of the plan's year up to `today`, then today when within the year. */
export function asOfChoices(year: number, today: string = todayIso()): string[] {
  const ends: string[] = [];
  for (let month = 1; month <= 12; month += 1) {
    const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
    if (last <= today) ends.push(last);
  }
  if (today.startsWith(`${year}-`) && !ends.includes(today)) ends.push(today);
  return ends;
}

export function setAsOf(planId: number, date: string | undefined): void {
  if (date === undefined) chosen.delete(planId);
  else chosen.set(planId, date);
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The as-of date of `plan` (undefined while the plan is not known). */
export function useAsOf(plan: { id: number; year: number } | undefined): string | undefined {
  const picked = useSyncExternalStore(subscribe, () => (plan ? chosen.get(plan.id) : undefined));
  return plan ? (picked ?? defaultAsOf(plan.year)) : undefined;
}
