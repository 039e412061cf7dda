/**
 * 人大代表建议 and 政协委员提案: registered with their number, session, title and authors;
 * assigned to a host unit (主办) and co-units (会办), which send the host their opinions; the host
 * answers with a letter (答复函, a .docx, class A/B/C); the author rates the answer on the
 * 征询意见表 (满意, 基本满意, 不满意), which the office records. 满意 and 基本满意 close it; 不满意
 * reopens it for another round (重新办理) with a new deadline.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import type { Actor } from '../plan/audit.js';
import { daysInMonth, isoDate } from '../plan/dates.js';
import { actsForUnit } from '../plan/supervision.js';
import { beijingDate } from '../requests/calendar.js';
import { RATINGS } from './types.js';
import type { AnswerCategory, Proposal, ProposalAuthor, ProposalKind, Rating } from './types.js';
import {
  assignWork,
  closeWork,
  registeredWork,
  reopenWork,
  requireDate,
  requireState,
  requireSupervisor,
  requireText,
  returnWork,
  sourceEvent,
  throwIfAny,
} from './work.js';
import type { AssignInput, Transition } from './work.js';

const ENTITY = { type: 'proposal', label: '建议提案' } as const;
const CATEGORIES: readonly AnswerCategory[] = ['A', 'B', 'C'];

/**
 * The usual deadline: three months from the day it is assigned (代表法 第四十三条: answered
 * within three months of being handed over), at the same day of the month or the month's end.
 * @example
 * defaultProposalDueOn('2024-11-30') // '2025-02-28'
 */
export function defaultProposalDueOn(assignedOn: string): string {
  const [y, m, d] = assignedOn.split('-').map(Number) as [number, number, number];
  const month = m + 3;
  const year = y + Math.floor((month - 1) / 12);
  const mm = ((month - 1) % 12) + 1;
  return isoDate(year, mm, Math.min(d, daysInMonth(year, mm)));
}

export interface ProposalInput {
  kind: ProposalKind;
  number: string;
  session: string;
  title: string;
  authors: ProposalAuthor[];
}

/** A supervisor registers a suggestion or proposal. Throws FORBIDDEN or BAD_INPUT (every field). */
export function registerProposal(
  id: number,
  input: ProposalInput,
  actor: Actor,
  now: string,
): Transition<Proposal> {
  requireSupervisor(actor, 'register a suggestion or proposal');
  const problems: ErrorDetail[] = [];
  if (input.kind !== 'suggestion' && input.kind !== 'proposal') {
    problems.push({ path: 'kind', message: 'must be 人大代表建议 (suggestion) or 政协委员提案 (proposal)' });
  }
  requireText(problems, 'number', input.number, 'the number', 50);
  requireText(problems, 'session', input.session, 'the session', 100);
  requireText(problems, 'title', input.title, 'the title', 300);
  if (!Array.isArray(input.authors) || input.authors.length === 0) {
    problems.push({ path: 'authors', message: 'at least one deputy or member' });
  } else {
    input.authors.forEach((a, i) => requireText(problems, `authors.${i}.name`, a.name, 'the name', 50));
  }
  throwIfAny(problems, 'The suggestion or proposal is incomplete');
  const next: Proposal = {
    ...registeredWork(id, actor, now),
    kind: input.kind,
    number: input.number.trim(),
    session: input.session.trim(),
    title: input.title.trim(),
    authors: input.authors.map((a) => ({ name: a.name.trim(), group: a.group?.trim() || null })),
    coOpinions: [],
    letters: [],
    ratings: [],
    round: 1,
  };
  return { next, event: sourceEvent(ENTITY.type, null, next, actor, now, 'proposal.register') };
}

export type ProposalAction =
  | ({ type: 'assign' } & AssignInput)
  | { type: 'co_opinion'; unitId: number; text: string }
  | { type: 'answer'; letterFileId: number; category: AnswerCategory; summary: string }
  | { type: 'return'; reason: string }
  | { type: 'rate'; rating: Rating; comment?: string | null; dueOn?: string }
  | { type: 'close'; note: string }
  | { type: 'reopen'; reason: string; dueOn: string };

/** Co-units that have not yet sent their opinion in the first round. */
export function missingCoOpinions(current: Pick<Proposal, 'coUnitIds' | 'coOpinions'>): number[] {
  const given = new Set(current.coOpinions.map((o) => o.unitId));
  return current.coUnitIds.filter((id) => !given.has(id));
}

/**
 * Moves a suggestion or proposal.
 * - `co_opinion`: a co-unit's reporter sends its opinion (again replaces it), while assigned.
 * - `answer`: the host unit answers with its letter; in the first round only once every
 *   co-unit has sent its opinion (CONFLICT naming the units still owed).
 * - `rate`: the office records the author's rating of the answer. 不满意 needs the author's
 *   reason and a new deadline, and starts the next round.
 * - `close`: the office closes an answered item the author did not rate, saying why.
 */
export function transitionProposal(
  current: Proposal,
  action: ProposalAction,
  actor: Actor,
  now: string,
  knownUnit: (unitId: number) => boolean = () => true,
): Transition<Proposal> {
  const problems: ErrorDetail[] = [];
  switch (action.type) {
    case 'assign':
      return assignWork(current, action, actor, now, ENTITY, knownUnit);
    case 'return':
      return returnWork(current, action.reason, actor, now, ENTITY);
    case 'reopen': {
      const { next, event } = reopenWork(current, action, actor, now, ENTITY);
      return { next: { ...next, round: current.round + 1 }, event };
    }
    case 'co_opinion': {
      if (!current.coUnitIds.includes(action.unitId)) {
        throw new AppError('BAD_INPUT', `Unit ${action.unitId} is not a co-unit of this item`, [
          { path: 'unitId', message: 'not a co-unit' },
        ]);
      }
      if (!actsForUnit(actor, action.unitId))
        throw new AppError('FORBIDDEN', 'Only the co-unit itself can send its opinion');
      requireState(current, ['assigned'], 'take opinions once answered', ENTITY.label);
      requireText(problems, 'text', action.text, 'the opinion');
      throwIfAny(problems, 'The opinion is empty');
      const opinion = { unitId: action.unitId, text: action.text.trim(), by: actor.userId, at: now };
      const next: Proposal = {
        ...current,
        coOpinions: [...current.coOpinions.filter((o) => o.unitId !== action.unitId), opinion],
      };
      return { next, event: sourceEvent(ENTITY.type, current, next, actor, now, 'proposal.co_opinion') };
    }
    case 'answer': {
      if (!actsForUnit(actor, current.leadUnitId))
        throw new AppError('FORBIDDEN', 'Only the host unit can answer');
      requireState(current, ['assigned'], 'answer it', ENTITY.label);
      if (!Number.isInteger(action.letterFileId) || action.letterFileId <= 0) {
        problems.push({ path: 'letterFileId', message: 'upload the answer letter (.docx)' });
      }
      if (!CATEGORIES.includes(action.category))
        problems.push({ path: 'category', message: 'must be A, B or C' });
      requireText(problems, 'summary', action.summary, 'a summary of the answer', 2000);
      throwIfAny(problems, 'The answer is incomplete');
      const missing = current.round === 1 ? missingCoOpinions(current) : [];
      if (missing.length > 0) {
        throw new AppError(
          'CONFLICT',
          `The co-units have not all sent their opinions: ${missing.join(', ')}`,
          [{ path: 'coOpinions', message: `owed by units ${missing.join(', ')}` }],
        );
      }
      const letter = {
        fileId: action.letterFileId,
        category: action.category,
        summary: action.summary.trim(),
        round: current.round,
        by: actor.userId,
        at: now,
      };
      const next: Proposal = {
        ...current,
        state: 'answered',
        answer: letter.summary,
        answeredBy: actor.userId,
        answeredAt: now,
        letters: [...current.letters, letter],
      };
      return { next, event: sourceEvent(ENTITY.type, current, next, actor, now, 'proposal.answer') };
    }
    case 'rate':
      return rateProposal(current, action, actor, now);
    case 'close':
      requireSupervisor(actor, 'close a suggestion or proposal');
      requireState(current, ['answered'], 'close it before it is answered', ENTITY.label);
      requireText(problems, 'note', action.note, 'why it closes without a rating', 500);
      throwIfAny(problems, 'Closing without a rating needs a note');
      return closeWork(current, action.note, actor, now, ENTITY);
  }
}

function rateProposal(
  current: Proposal,
  action: { rating: Rating; comment?: string | null; dueOn?: string },
  actor: Actor,
  now: string,
): Transition<Proposal> {
  requireSupervisor(actor, 'record the author’s rating');
  requireState(current, ['answered'], 'rate it before it is answered', ENTITY.label);
  const problems: ErrorDetail[] = [];
  if (!RATINGS.includes(action.rating))
    problems.push({ path: 'rating', message: 'must be 满意, 基本满意 or 不满意' });
  const comment = action.comment?.trim() || null;
  if (action.rating === '不满意') {
    requireText(problems, 'comment', comment, 'the author’s reason', 2000);
    requireDate(problems, 'dueOn', action.dueOn, { date: beijingDate(now), what: 'today' });
  }
  throwIfAny(problems, 'The rating is incomplete');
  const rating = { rating: action.rating, comment, round: current.round, recordedBy: actor.userId, at: now };
  const rated: Proposal = { ...current, ratings: [...current.ratings, rating] };
  if (action.rating !== '不满意') {
    const { next } = closeWork(rated, `代表委员评价：${action.rating}`, actor, now, ENTITY);
    return { next, event: sourceEvent(ENTITY.type, current, next, actor, now, 'proposal.rate', comment) };
  }
  const next: Proposal = {
    ...rated,
    state: 'assigned',
    round: current.round + 1,
    dueOn: action.dueOn!,
    answer: null,
    answeredBy: null,
    answeredAt: null,
  };
  return {
    next,
    event: sourceEvent(ENTITY.type, current, next, actor, now, 'proposal.reopen_unsatisfied', comment),
  };
}
