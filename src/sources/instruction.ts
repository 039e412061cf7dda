/**
 * 领导批示件: registered with the document's number and title, the leader, the date, its class
 * (文件 to act on, 阅件 for reading) and the instruction's words or a scan of them; assigned to a
 * lead unit; answered; closed by the leader's office (领导办公室) — or, for a 阅件 that asks no
 * action, read and filed (阅存).
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import type { Actor } from '../plan/audit.js';
import { isSupervisor } from '../plan/supervision.js';
import { beijingDate } from '../requests/calendar.js';
import type { Instruction, InstructionClass } from './types.js';
import {
  closeWork,
  registeredWork,
  requireDate,
  requireState,
  requireSupervisor,
  requireText,
  sharedStep,
  sourceEvent,
  throwIfAny,
} from './work.js';
import type { SharedAction, Transition } from './work.js';

const ENTITY = { type: 'instruction', label: '批示件' } as const;

export interface InstructionInput {
  docNumber: string;
  title: string;
  leader: string;
  instructedOn: string;
  class: InstructionClass;
  text?: string | null;
  scanFileId?: number | null;
}

/**
 * A supervisor registers a 批示件. Throws FORBIDDEN for anyone else; BAD_INPUT listing every
 * missing or wrong field (a date in the future, neither words nor a scan).
 * @example
 * registerInstruction(1, { docNumber: '京昌政办呈〔2024〕12号', title: '关于汛期安全工作的报告',
 *   leader: '张明区长', instructedOn: '2024-06-03', class: 'document', text: '请区水务局牵头抓好落实。' },
 *   supervisor, '2024-06-04T01:00:00.000Z')
 */
export function registerInstruction(
  id: number,
  input: InstructionInput,
  actor: Actor,
  now: string,
): Transition<Instruction> {
  requireSupervisor(actor, 'register a 批示件');
  const problems: ErrorDetail[] = [];
  requireText(problems, 'docNumber', input.docNumber, 'the document number', 100);
  requireText(problems, 'title', input.title, 'the title', 300);
  requireText(problems, 'leader', input.leader, 'the leader', 50);
  requireDate(problems, 'instructedOn', input.instructedOn);
  if (!problems.some((p) => p.path === 'instructedOn') && input.instructedOn > beijingDate(now)) {
    problems.push({ path: 'instructedOn', message: 'cannot be after today' });
  }
  if (input.class !== 'document' && input.class !== 'reading') {
    problems.push({ path: 'class', message: 'must be 文件 (document) or 阅件 (reading)' });
  }
  const text = input.text?.trim() || null;
  if (!text && (input.scanFileId === undefined || input.scanFileId === null)) {
    problems.push({ path: 'text', message: 'type the instruction or upload its scan' });
  }
  if (text) requireText(problems, 'text', text, 'the instruction');
  throwIfAny(problems, 'The 批示件 is incomplete');
  const next: Instruction = {
    ...registeredWork(id, actor, now),
    docNumber: input.docNumber.trim(),
    title: input.title.trim(),
    leader: input.leader.trim(),
    instructedOn: input.instructedOn,
    class: input.class,
    text,
    scanFileId: input.scanFileId ?? null,
    confirmedBy: null,
  };
  return { next, event: sourceEvent(ENTITY.type, null, next, actor, now, 'instruction.register') };
}

export type InstructionAction =
  | SharedAction
  | { type: 'close'; note?: string | null; confirmedBy?: string | null }
  | { type: 'file'; note?: string | null };

/**
 * Moves a 批示件. Closing needs an answer and the leader's office: a leader's account closes
 * it itself; a supervisor closing it records who in the leader's office confirmed
 * (`confirmedBy`). Only a 阅件 may be filed, and only before it is assigned.
 */
export function transitionInstruction(
  current: Instruction,
  action: InstructionAction,
  actor: Actor,
  now: string,
  knownUnit: (unitId: number) => boolean = () => true,
): Transition<Instruction> {
  switch (action.type) {
    case 'close': {
      const leaderOffice = actor.role === 'leader' || actor.role === 'admin';
      if (!leaderOffice && !isSupervisor(actor)) {
        throw new AppError(
          'FORBIDDEN',
          'Only the leader’s office, or the supervision office on its word, can close a 批示件',
        );
      }
      requireState(current, ['answered'], 'close it before the unit has answered', ENTITY.label);
      const confirmedBy = action.confirmedBy?.trim() || null;
      if (!leaderOffice && !confirmedBy) {
        throw new AppError('BAD_INPUT', 'Say who in the leader’s office confirmed the closing', [
          { path: 'confirmedBy', message: 'required when the supervision office closes a 批示件' },
        ]);
      }
      return closeWork(current, action.note ?? null, actor, now, ENTITY, { confirmedBy });
    }
    case 'file': {
      requireSupervisor(actor, 'file a 阅件');
      if (current.class !== 'reading') {
        throw new AppError(
          'CONFLICT',
          `批示件 ${current.id} is a 文件: it must be assigned and answered, not filed`,
        );
      }
      requireState(current, ['registered'], 'file it once assigned', ENTITY.label);
      const next: Instruction = {
        ...current,
        state: 'filed',
        closedBy: actor.userId,
        closedAt: now,
        closingNote: action.note?.trim() || null,
      };
      return {
        next,
        event: sourceEvent(ENTITY.type, current, next, actor, now, 'instruction.file', next.closingNote),
      };
    }
    default:
      return sharedStep(current, action, actor, now, ENTITY, knownUnit);
  }
}
