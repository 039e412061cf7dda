/**
 * 服务包: the commitments made to one enterprise or talent for a year, each with a responsible
 * unit, a 服务管家 and a working-day deadline on the 接诉即办 calendar (src/requests/calendar.ts);
 * the commitment's state machine; and the year's "兑现N个" counted from the data.
 *
 * The 兑现 rule (decision 37): a 服务包 of the year is 兑现 (honoured) on a day when it has at least
 * one commitment and every commitment of it was confirmed by the enterprise (or talent) on or
 * before that day. A delivered commitment the holder has not confirmed does not count yet; a
 * reopened one stops counting until confirmed again.
 */
import { AppError } from '../errors.js';
import { toDayNumber } from '../plan/dates.js';
import { DEFAULT_CALENDAR, addWorkingDays } from '../requests/calendar.js';
import type { WorkCalendar } from '../requests/calendar.js';
import type { Satisfaction } from '../requests/types.js';
import { SATISFACTION_LEVELS } from '../requests/types.js';
import type {
  Commitment,
  CommitmentKind,
  CommitmentLink,
  CommitmentState,
  ServiceActor,
  ServicePackage,
} from './types.js';
import { COMMITMENT_KINDS, COMMITMENT_STATES } from './types.js';

/** The most working days a commitment may be given (a year's worth). */
export const MAX_COMMITMENT_WORKING_DAYS = 250;

function refuse(code: 'BAD_INPUT' | 'CONFLICT' | 'FORBIDDEN', message: string, path = 'event'): never {
  throw new AppError(code, message, [{ path, message }]);
}

function checkDate(date: string, path: string): void {
  try {
    if (date.length !== 10) throw new Error('length');
    toDayNumber(date);
  } catch {
    refuse('BAD_INPUT', `Not a date: "${date}"`, path);
  }
}

function checkLink(link: CommitmentLink, path: string): void {
  const ok =
    (link.kind === 'project' && Number.isInteger(link.projectId) && link.projectId > 0) ||
    (link.kind === 'task' && Number.isInteger(link.taskId) && link.taskId > 0) ||
    (link.kind === 'parcel' && typeof link.parcel === 'string' && link.parcel.trim() !== '');
  if (!ok) refuse('BAD_INPUT', 'A link names a project, a task (by id) or a land parcel', path);
}

function sameLink(a: CommitmentLink, b: CommitmentLink): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** A new commitment as the office enters it: a number of working days, or a date (办结时限). */
export interface CommitmentDraft {
  packageId: number;
  kind: CommitmentKind;
  title: string;
  responsibleUnitId: number;
  butler: string;
  openedOn: string;
  workingDays?: number;
  dueOn?: string;
  links?: CommitmentLink[];
}

/**
 * A new open commitment; its deadline is `workingDays` working days after `openedOn` on the
 * calendar, or the given `dueOn`. Throws BAD_INPUT naming the field at fault.
 * @example
 * openCommitment(1, { packageId: 1, kind: 'approval', title: '施工许可证办理', responsibleUnitId: 12,
 *   butler: '王伟', openedOn: '2024-09-27', workingDays: 3 }).dueOn // '2024-10-08' (国庆)
 */
export function openCommitment(
  id: number,
  draft: CommitmentDraft,
  calendar: WorkCalendar = DEFAULT_CALENDAR,
): Commitment {
  if (!COMMITMENT_KINDS.includes(draft.kind)) refuse('BAD_INPUT', `Unknown kind "${draft.kind}"`, 'kind');
  if (!draft.title.trim()) refuse('BAD_INPUT', 'A commitment needs its content', 'title');
  if (!draft.butler.trim()) refuse('BAD_INPUT', 'A commitment needs its 服务管家', 'butler');
  if (!Number.isInteger(draft.responsibleUnitId) || draft.responsibleUnitId <= 0)
    refuse('BAD_INPUT', 'A commitment needs a responsible unit', 'responsibleUnitId');
  checkDate(draft.openedOn, 'openedOn');
  (draft.links ?? []).forEach((l, i) => checkLink(l, `links.${i}`));
  let dueOn: string;
  let workingDays: number | null = null;
  if (draft.workingDays !== undefined) {
    if (draft.dueOn !== undefined) refuse('BAD_INPUT', 'Give working days or a date, not both', 'dueOn');
    const n = draft.workingDays;
    if (!Number.isInteger(n) || n < 1 || n > MAX_COMMITMENT_WORKING_DAYS)
      refuse(
        'BAD_INPUT',
        `Working days must be a whole number from 1 to ${MAX_COMMITMENT_WORKING_DAYS}`,
        'workingDays',
      );
    workingDays = n;
    dueOn = addWorkingDays(calendar, draft.openedOn, n);
  } else if (draft.dueOn !== undefined) {
    checkDate(draft.dueOn, 'dueOn');
    if (draft.dueOn < draft.openedOn)
      refuse('BAD_INPUT', `The deadline ${draft.dueOn} is before ${draft.openedOn}`, 'dueOn');
    dueOn = draft.dueOn;
  } else {
    refuse('BAD_INPUT', 'A commitment needs a deadline: working days or a date', 'workingDays');
  }
  return {
    id,
    packageId: draft.packageId,
    kind: draft.kind,
    title: draft.title.trim(),
    responsibleUnitId: draft.responsibleUnitId,
    butler: draft.butler.trim(),
    openedOn: draft.openedOn,
    workingDays,
    dueOn,
    state: 'open',
    evidence: [],
    deliveredOn: null,
    confirmedOn: null,
    satisfaction: null,
    links: [...(draft.links ?? [])],
    note: null,
    version: 1,
  };
}

/** What a caller asks of a commitment; the domain adds the commitment id, seq, day and actor. */
export type CommitmentEventInput =
  | { type: 'started' }
  | { type: 'delivered'; evidence: string[]; note?: string }
  | { type: 'confirmed'; satisfaction: Satisfaction }
  | { type: 'returned'; reason: string }
  | { type: 'reopened'; reason: string; workingDays?: number }
  | { type: 'linked'; link: CommitmentLink }
  | { type: 'unlinked'; link: CommitmentLink };

export type CommitmentEvent = CommitmentEventInput & {
  commitmentId: number;
  /** 1-based position in the commitment's history (its version after the event). */
  seq: number;
  on: string;
  actor: ServiceActor;
};

/** Who may ask for each event. */
export const COMMITMENT_EVENT_ROLES: Readonly<Record<CommitmentEventInput['type'], ServiceActor['role'][]>> =
  {
    started: ['unit', 'butler', 'office'],
    delivered: ['unit', 'butler', 'office'],
    // The holder confirms or returns; its 服务管家 may record the holder's word.
    confirmed: ['enterprise', 'butler'],
    returned: ['enterprise', 'butler'],
    reopened: ['butler', 'office'],
    linked: ['butler', 'office'],
    unlinked: ['butler', 'office'],
  };

/** States each event may start from. */
const FROM: Record<CommitmentEventInput['type'], CommitmentState[]> = {
  started: ['open'],
  delivered: ['open', 'in_progress', 'returned'],
  confirmed: ['delivered'],
  returned: ['delivered'],
  reopened: ['returned', 'confirmed'],
  linked: [...COMMITMENT_STATES],
  unlinked: [...COMMITMENT_STATES],
};

const STATE_WORDS: Record<CommitmentState, string> = {
  open: '未启动',
  in_progress: '办理中',
  delivered: '已办结待确认',
  confirmed: '已确认',
  returned: '已退回',
};

/**
 * Applies one event to a commitment on day `on`: the state machine, who may do it, and what it
 * needs (evidence to deliver, a satisfaction to confirm, a reason to return or reopen). Reopening
 * restarts the clock from `on` with the commitment's working days (or those given). Throws
 * FORBIDDEN, CONFLICT (wrong state, a link already there or missing) or BAD_INPUT.
 * @example
 * applyCommitmentEvent(c, { type: 'confirmed', satisfaction: '满意' }, { role: 'enterprise', unitIds: [] }, '2024-10-12').commitment.state // 'confirmed'
 */
export function applyCommitmentEvent(
  commitment: Commitment,
  input: CommitmentEventInput,
  actor: ServiceActor,
  on: string,
  options: { calendar?: WorkCalendar } = {},
): { commitment: Commitment; event: CommitmentEvent } {
  checkDate(on, 'on');
  if (!COMMITMENT_EVENT_ROLES[input.type].includes(actor.role))
    refuse('FORBIDDEN', `A ${actor.role} may not record "${input.type}"`);
  if (actor.role === 'unit' && !actor.unitIds.includes(commitment.responsibleUnitId))
    refuse('FORBIDDEN', 'Only the responsible unit may act on this commitment');
  if (!FROM[input.type].includes(commitment.state))
    refuse('CONFLICT', `A commitment ${STATE_WORDS[commitment.state]} cannot be "${input.type}"`);
  if (on < commitment.openedOn)
    refuse('BAD_INPUT', `${on} is before the commitment was opened (${commitment.openedOn})`, 'on');
  const next: Commitment = { ...commitment, version: commitment.version + 1 };
  switch (input.type) {
    case 'started':
      next.state = 'in_progress';
      break;
    case 'delivered': {
      const evidence = input.evidence.map((e) => e.trim()).filter(Boolean);
      if (evidence.length === 0) refuse('BAD_INPUT', 'A delivery needs its evidence', 'evidence');
      Object.assign(next, {
        state: 'delivered',
        evidence,
        deliveredOn: on,
        note: input.note?.trim() || null,
      });
      break;
    }
    case 'confirmed':
      if (!SATISFACTION_LEVELS.includes(input.satisfaction))
        refuse('BAD_INPUT', `Satisfaction must be one of ${SATISFACTION_LEVELS.join('、')}`, 'satisfaction');
      Object.assign(next, { state: 'confirmed', confirmedOn: on, satisfaction: input.satisfaction });
      break;
    case 'returned':
      if (!input.reason.trim()) refuse('BAD_INPUT', 'Returning a delivery needs a reason', 'reason');
      Object.assign(next, { state: 'returned', note: input.reason.trim() });
      break;
    case 'reopened': {
      if (!input.reason.trim()) refuse('BAD_INPUT', 'Reopening needs a reason', 'reason');
      const days = input.workingDays ?? commitment.workingDays;
      if (days === null || !Number.isInteger(days) || days < 1 || days > MAX_COMMITMENT_WORKING_DAYS)
        refuse('BAD_INPUT', 'Reopening needs the working days allowed', 'workingDays');
      Object.assign(next, {
        state: 'in_progress',
        openedOn: on,
        workingDays: days,
        dueOn: addWorkingDays(options.calendar ?? DEFAULT_CALENDAR, on, days),
        deliveredOn: null,
        confirmedOn: null,
        satisfaction: null,
        note: input.reason.trim(),
      });
      break;
    }
    case 'linked':
      checkLink(input.link, 'link');
      if (commitment.links.some((l) => sameLink(l, input.link)))
        refuse('CONFLICT', 'The link is already there', 'link');
      next.links = [...commitment.links, input.link];
      break;
    case 'unlinked':
      if (!commitment.links.some((l) => sameLink(l, input.link))) refuse('CONFLICT', 'No such link', 'link');
      next.links = commitment.links.filter((l) => !sameLink(l, input.link));
      break;
  }
  return { commitment: next, event: { ...input, commitmentId: commitment.id, seq: next.version, on, actor } };
}

/**
 * True when a commitment still owed (open, in progress, returned) is past its 办结时限 on `date`.
 * @example
 * isCommitmentOverdue({ state: 'in_progress', dueOn: '2024-10-09' }, '2024-10-10') // true
 */
export function isCommitmentOverdue(commitment: Pick<Commitment, 'state' | 'dueOn'>, date: string): boolean {
  const owed =
    commitment.state === 'open' || commitment.state === 'in_progress' || commitment.state === 'returned';
  return owed && date > commitment.dueOn;
}

export interface Fulfilment {
  year: number;
  packages: number;
  /** 兑现: packages whose every commitment was confirmed by the day (the rule at the top). */
  fulfilled: number;
  fulfilledIds: number[];
  commitments: number;
  /** By state as of the data given (the current state). */
  byState: Record<CommitmentState, number>;
  /** Confirmed on or before the day. */
  confirmed: number;
  overdue: number;
}

/**
 * The year's "兑现N个" and its commitment figures as of `date`.
 * @example
 * deriveFulfilment(packages, commitments, 2024, '2024-12-31').fulfilled // 3
 */
export function deriveFulfilment(
  packages: readonly Pick<ServicePackage, 'id' | 'year'>[],
  commitments: readonly Pick<Commitment, 'packageId' | 'state' | 'confirmedOn' | 'dueOn'>[],
  year: number,
  date: string,
): Fulfilment {
  const ofYear = new Set(packages.filter((p) => p.year === year).map((p) => p.id));
  const byPackage = new Map<number, { total: number; confirmed: number }>();
  const byState = Object.fromEntries(COMMITMENT_STATES.map((s) => [s, 0])) as Record<CommitmentState, number>;
  let confirmed = 0;
  let overdue = 0;
  let total = 0;
  for (const c of commitments) {
    if (!ofYear.has(c.packageId)) continue;
    total++;
    byState[c.state]++;
    const ok = c.state === 'confirmed' && c.confirmedOn !== null && c.confirmedOn <= date;
    if (ok) confirmed++;
    if (isCommitmentOverdue(c, date)) overdue++;
    const counts = byPackage.get(c.packageId) ?? { total: 0, confirmed: 0 };
    counts.total++;
    if (ok) counts.confirmed++;
    byPackage.set(c.packageId, counts);
  }
  const fulfilledIds = [...byPackage]
    .filter(([, n]) => n.total > 0 && n.confirmed === n.total)
    .map(([id]) => id)
    .sort((a, b) => a - b);
  return {
    year,
    packages: ofYear.size,
    fulfilled: fulfilledIds.length,
    fulfilledIds,
    commitments: total,
    byState,
    confirmed,
    overdue,
  };
}

/** Commitments of one responsible unit or 服务管家, counted. */
export interface CommitmentGroup {
  key: string | number;
  total: number;
  byState: Record<CommitmentState, number>;
  overdue: number;
}

/**
 * Commitments counted by responsible unit or by 服务管家 as of `date` (the 服务包 list by unit and
 * by 服务管家), largest group first.
 */
export function groupCommitments(
  commitments: readonly Commitment[],
  by: 'unit' | 'butler',
  date: string,
): CommitmentGroup[] {
  const groups = new Map<string | number, CommitmentGroup>();
  for (const c of commitments) {
    const key = by === 'unit' ? c.responsibleUnitId : c.butler;
    const g = groups.get(key) ?? {
      key,
      total: 0,
      byState: Object.fromEntries(COMMITMENT_STATES.map((s) => [s, 0])) as Record<CommitmentState, number>,
      overdue: 0,
    };
    g.total++;
    g.byState[c.state]++;
    if (isCommitmentOverdue(c, date)) g.overdue++;
    groups.set(key, g);
  }
  return [...groups.values()].sort((a, b) => b.total - a.total || String(a.key).localeCompare(String(b.key)));
}
