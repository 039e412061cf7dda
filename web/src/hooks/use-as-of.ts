/**
 * The date the health pages read a plan as of (issue 14): chosen in the app, shared by every page
 * of the plan while the tab lives; by default today, or the plan year's last day for a past plan
 * (a 2022 plan read in 2026 is shown as it stood at the end of 2022, not four years overdue).
 */
import { useSyncExternalStore } from 'react';
import { todayIso, useWorkingPlan } from './use-working-plan';

const listeners = new Set<() => void>();
/** Kept for the tab (sessionStorage): a reload or a page opened from a link keeps the date. */
const keyOf = (planId: number) => `luoshi.asOf.${planId}`;
const memory = new Map<number, string>();

function readChosen(planId: number): string | undefined {
  try {
    return sessionStorage.getItem(keyOf(planId)) ?? undefined;
  } catch {
    return memory.get(planId);
  }
}

/** The plan year's last day when it is past, else today. */
export function defaultAsOf(year: number, today: string = todayIso()): string {
  const end = `${year}-12-31`;
  return today > end ? end : today;
}

/**
 * Each month's last day of the plan's year up to `today`, then today (within the year, or after
 * it: a past plan read as it stands now, as a desk at work today does).
 */
export function asOfChoices(year: number, today: string = todayIso()): string[] {
  const ends: string[] = [];
  for (let month = 1; month <= 12; month += 1) {
    const last = new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
    if (last <= today) ends.push(last);
  }
  if (today >= `${year}-01-01` && !ends.includes(today)) ends.push(today);
  return ends;
}

export function setAsOf(planId: number, date: string | undefined): void {
  try {
    if (date === undefined) sessionStorage.removeItem(keyOf(planId));
    else sessionStorage.setItem(keyOf(planId), date);
  } catch {
    if (date === undefined) memory.delete(planId);
    else memory.set(planId, date);
  }
  listeners.forEach((listener) => listener());
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The as-of date of `plan` (undefined while the plan is not known). */
export function useAsOf(plan: { id: number; year: number } | undefined): string | undefined {
  const picked = useSyncExternalStore(subscribe, () => (plan ? readChosen(plan.id) : undefined));
  return plan ? (picked ?? defaultAsOf(plan.year)) : undefined;
}

/**
 * The as-of date of the plan a page outside `/plans/:planId` works on (我的待办, 督办, 接诉即办,
 * 项目库): the header's plan, as the dashboard reads it.
 */
export function useWorkingAsOf(): string | undefined {
  return useAsOf(useWorkingPlan());
}

/**
 * The instant an as-of date ends (24:00 Beijing), as milliseconds: what countdowns count to on a
 * past date. Today or later: undefined (the clock runs).
 * @example asOfInstant('2022-12-31', Date.parse('2026-12-07T09:00:00Z')) // Date.parse('2022-12-31T16:00:00Z')
 */
export function asOfInstant(date: string | undefined, now: number): number | undefined {
  if (date === undefined) return undefined;
  const end = Date.parse(`${date}T16:00:00.000Z`);
  return end < now ? end : undefined;
}
