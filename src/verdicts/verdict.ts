/**
 * Public verdicts: for each public commitment the plan office says where it stands, in words
 * the public reads — 已完成, 按计划推进, 滞后, 调整 (with the new promise), 不再推进 (with its public
 * reason), 尚未评估 — and keeps every verdict with its date. A verdict that contradicts the
 * computed health needs a public note saying why; 已完成 needs the work finished. Pure.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import { VERDICTS } from '../contract/constants.js';
import { createAuditEvent } from '../plan/audit.js';
import type { Actor, AuditEvent } from '../plan/audit.js';
import { dateOf } from '../plan/dates.js';
import { isSupervisor } from '../plan/supervision.js';
import type { Health, TaskState } from '../plan/types.js';
import { cleanText, instantOf, limitText, requireDate, requireText, throwIfAny } from './checks.js';

export type Verdict = (typeof VERDICTS)[number];
export { VERDICTS };

/** The public's words for each verdict. */
export const VERDICT_LABELS: Readonly<Record<Verdict, string>> = Object.freeze({
  not_rated: '尚未评估',
  on_track: '按计划推进',
  behind: '滞后',
  adjusted: '调整',
  dropped: '不再推进',
  done: '已完成',
});

/** What the promise became, for a verdict of 调整: in words, and its new deadline or value. */
export interface NewPromise {
  text: string;
  deadline: string | null;
  value: number | null;
}

/** One verdict as given. */
export interface VerdictEntry {
  verdict: Verdict;
  /** ISO instant it was given. */
  at: string;
  /** The plan office user who gave it; never public. */
  by: number | null;
  /** The public note: why this verdict (required for 已完成, 调整, 不再推进 and a contradiction). */
  note: string | null;
  /** For 调整 only. */
  newPromise: NewPromise | null;
  /** Evidence files made public with this verdict (ids of a report's evidence). */
  evidenceIds: number[];
}

/** A commitment's verdicts, oldest first; the first is 尚未评估 from publication. */
export interface VerdictRecord {
  subject: { type: 'task' | 'target'; id: number; planId: number };
  entries: VerdictEntry[];
}

/** What the computed side says about the commitment when a verdict is given. */
export interface VerdictContext {
  health: Health;
  /** A task's lifecycle state; absent for a target. */
  state?: TaskState;
}

/** The longest public note (characters). */
export const MAX_VERDICT_NOTE = 1000;

/**
 * The first record of a commitment: 尚未评估 from the day it is published.
 * @example
 * startVerdictRecord({ type: 'task', id: 7, planId: 1 }, '2022-03-01T00:00:00.000Z').entries[0].verdict // 'not_rated'
 */
export function startVerdictRecord(subject: VerdictRecord['subject'], at: string): VerdictRecord {
  instantOf(at, 'at');
  return {
    subject,
    entries: [{ verdict: 'not_rated', at, by: null, note: null, newPromise: null, evidenceIds: [] }],
  };
}

/** The verdict in force (the last). */
export function getCurrentVerdict(record: VerdictRecord): VerdictEntry {
  const last = record.entries.at(-1);
  if (!last) throw new AppError('INTERNAL', `Commitment ${record.subject.id} has no verdict`);
  return last;
}

/** Whether the work is finished by the computed side: a task done or closed, a target achieved. */
export function isFinished(context: VerdictContext): boolean {
  if (context.state !== undefined) return context.state === 'done' || context.state === 'closed';
  return context.health === 'done';
}

/**
 * True when the verdict says better or worse than the computed health shows: 按计划推进 while
 * behind, 滞后 while on track or done. (已完成 is refused outright while the work is unfinished.)
 */
export function contradictsHealth(verdict: Verdict, health: Health): boolean {
  if (verdict === 'on_track') return health === 'behind';
  if (verdict === 'behind') return health === 'on_track' || health === 'done';
  return false;
}

/** The verdict to give, as the plan office enters it. */
export interface VerdictInput {
  verdict: Verdict;
  note?: string | null;
  newPromise?: { text: string; deadline?: string | null; value?: number | null } | null;
  evidenceIds?: number[];
}

/**
 * Gives a verdict. Only the plan office (FORBIDDEN otherwise). BAD_INPUT, each problem with its
 * path: an unknown verdict; 尚未评估 once rated; 调整 without a new promise in words (a new
 * deadline must be a date); 不再推进 without its public reason; 已完成 without a note; a verdict
 * that contradicts the computed health, or moves away from 已完成 or 不再推进, without a note.
 * CONFLICT: 已完成 while the work is not finished; the same verdict with nothing new.
 * @example
 * giveVerdict(record, { verdict: 'dropped', note: '经区政府常务会议研究，该地块调整为公园绿地，不再建设' },
 *   { health: 'behind', state: 'in_progress' }, supervisor, '2022-09-01T09:00:00.000Z')
 */
export function giveVerdict(
  record: VerdictRecord,
  input: VerdictInput,
  context: VerdictContext,
  actor: Actor,
  now: string,
): { record: VerdictRecord; event: AuditEvent } {
  instantOf(now);
  if (!isSupervisor(actor)) throw new AppError('FORBIDDEN', 'Only the plan office gives a verdict');
  const problems: ErrorDetail[] = [];
  const current = getCurrentVerdict(record);
  const note = cleanText(input.note);
  const verdict = input.verdict;
  if (!(VERDICTS as readonly string[]).includes(verdict)) {
    problems.push({ path: 'verdict', message: `must be one of ${VERDICTS.join(', ')}` });
    throwIfAny(problems, 'Unknown verdict');
  }
  if (verdict === 'not_rated' && record.entries.some((e) => e.verdict !== 'not_rated')) {
    problems.push({ path: 'verdict', message: 'a commitment once rated cannot go back to not rated' });
  }
  let newPromise: NewPromise | null = null;
  if (verdict === 'adjusted') {
    const text = cleanText(input.newPromise?.text);
    requireText(problems, 'newPromise.text', text, 'the new promise');
    const deadline = input.newPromise?.deadline ?? null;
    if (deadline !== null) requireDate(problems, 'newPromise.deadline', deadline);
    const value = input.newPromise?.value ?? null;
    if (value !== null && !Number.isFinite(value)) {
      problems.push({ path: 'newPromise.value', message: 'must be a number' });
    }
    limitText(problems, 'newPromise.text', text, MAX_VERDICT_NOTE);
    newPromise = { text: text ?? '', deadline, value };
  }
  if (verdict === 'dropped')
    requireText(problems, 'note', note, 'the public reason for no longer pursuing it');
  else if (verdict === 'done' || verdict === 'adjusted') {
    requireText(problems, 'note', note, `a public note on ${verdict}`);
  } else if (contradictsHealth(verdict, context.health)) {
    requireText(
      problems,
      'note',
      note,
      `a public note on why ${verdict} while the computed health is ${context.health}`,
    );
  }
  if ((current.verdict === 'done' || current.verdict === 'dropped') && verdict !== current.verdict) {
    requireText(problems, 'note', note, `a public note on moving away from ${current.verdict}`);
  }
  limitText(problems, 'note', note, MAX_VERDICT_NOTE);
  const evidenceIds = [...new Set(input.evidenceIds ?? [])];
  evidenceIds.forEach((id, i) => {
    if (!Number.isInteger(id) || id <= 0)
      problems.push({ path: `evidenceIds.${i}`, message: 'must be an evidence id' });
  });
  throwIfAny(problems, 'The verdict is incomplete');
  if (verdict === 'done' && !isFinished(context)) {
    throw new AppError('CONFLICT', 'The work is not finished: it cannot be judged done');
  }
  const entry: VerdictEntry = { verdict, at: now, by: actor.userId, note, newPromise, evidenceIds };
  if (
    verdict === current.verdict &&
    note === current.note &&
    JSON.stringify(newPromise) === JSON.stringify(current.newPromise) &&
    JSON.stringify(evidenceIds) === JSON.stringify(current.evidenceIds)
  ) {
    throw new AppError('CONFLICT', `The verdict is already ${verdict} with the same note`);
  }
  const event = createAuditEvent({
    at: now,
    actor,
    entity: { type: record.subject.type, id: record.subject.id },
    planId: record.subject.planId,
    action: 'verdict.give',
    before: { verdict: current.verdict, note: current.note },
    after: { verdict, note, newPromise, evidenceIds },
    reason: note,
  });
  return { record: { ...record, entries: [...record.entries, entry] }, event };
}

/** A verdict as the public reads it: no one's name or id. */
export interface PublicVerdict {
  verdict: Verdict;
  label: string;
  /** The date it was given. */
  on: string;
  note: string | null;
  newPromise: NewPromise | null;
  evidenceIds: number[];
}

/** A commitment's verdict and its history for the public page and the open data. */
export interface PublicVerdictView {
  current: PublicVerdict;
  /** Every verdict, newest first. */
  history: PublicVerdict[];
}

function toPublic(entry: VerdictEntry): PublicVerdict {
  return {
    verdict: entry.verdict,
    label: VERDICT_LABELS[entry.verdict],
    on: dateOf(entry.at),
    note: entry.note,
    newPromise: entry.newPromise,
    evidenceIds: [...entry.evidenceIds],
  };
}

/**
 * The public view of a verdict record: the current verdict and the history, newest first, with
 * the evidence each made public; who gave it is never in it.
 * @example
 * derivePublicVerdict(record).current // { verdict: 'behind', label: '滞后', on: '2022-07-05', ... }
 */
export function derivePublicVerdict(record: VerdictRecord): PublicVerdictView {
  const history = record.entries.map(toPublic).reverse();
  return { current: history[0]!, history };
}

/** Every evidence id any verdict of the record made public. */
export function listPublicEvidence(record: VerdictRecord): number[] {
  return [...new Set(record.entries.flatMap((e) => e.evidenceIds))].sort((a, b) => a - b);
}

/** The open data's columns for a verdict (one row per commitment; CSV and JSON alike). */
export interface VerdictExportRow {
  verdict: Verdict;
  verdict_label: string;
  verdict_on: string;
  verdict_note: string;
  new_promise: string;
  verdict_changes: number;
}

/**
 * A commitment's verdict as open data columns: code, words, date, note, new promise, and how
 * many verdicts it has had after the first.
 */
export function deriveVerdictExportRow(record: VerdictRecord): VerdictExportRow {
  const current = getCurrentVerdict(record);
  return {
    verdict: current.verdict,
    verdict_label: VERDICT_LABELS[current.verdict],
    verdict_on: dateOf(current.at),
    verdict_note: current.note ?? '',
    new_promise: current.newPromise?.text ?? '',
    verdict_changes: record.entries.length - 1,
  };
}
