/**
 * The other sources of work (issue 18): 领导批示件, 会议议定事项, 人大代表建议 / 政协委员提案 and
 * imported lists, registered and moved by guarded transitions with their audit events, and
 * the plan task each one becomes. Pure: no I/O.
 */
export * from './types.js';
export { registerInstruction, transitionInstruction } from './instruction.js';
export type { InstructionAction, InstructionInput } from './instruction.js';
export { registerDecision, registerMeeting, transitionDecision } from './decision.js';
export type { DecisionAction, DecisionInput, MeetingInput } from './decision.js';
export { defaultProposalDueOn, missingCoOpinions, registerProposal, transitionProposal } from './proposal.js';
export type { ProposalAction, ProposalInput } from './proposal.js';
export { importWorkList, matchUnit, resolveListRows } from './list.js';
export type { CellText, ListRowDraft, ResolvedListRow } from './list.js';
export { decisionTask, instructionTask, listTask, proposalTask } from './task-spec.js';
export type { SourceTaskSpec } from './task-spec.js';
export { MAX_SOURCE_TEXT } from './work.js';
export type { AssignInput, Transition } from './work.js';
