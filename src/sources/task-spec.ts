/**
 * What a registered item puts on its plan task once assigned: the words 我的待办 shows, the
 * source named, the units and the deadline. The task then carries the reporting, health,
 * 督办, 延期 and 销号 of the plan machinery.
 */
import type { TaskSource } from './types.js';
import type { Instruction, ListItem, Meeting, MeetingDecision, Proposal } from './types.js';
import { PROPOSAL_KIND_LABELS } from './types.js';

export interface SourceTaskSpec {
  source: TaskSource;
  sourceId: number;
  text: string;
  leadUnitId: number | null;
  coUnitIds: number[];
  deadline: string | null;
}

function spec(
  source: TaskSource,
  work: { id: number; leadUnitId: number | null; coUnitIds: number[]; dueOn: string | null },
  text: string,
): SourceTaskSpec {
  return {
    source,
    sourceId: work.id,
    text,
    leadUnitId: work.leadUnitId,
    coUnitIds: [...work.coUnitIds],
    deadline: work.dueOn,
  };
}

/**
 * The task of a 批示件.
 * @example
 * instructionTask({ leader: '张明区长', title: '关于汛期安全工作的报告', docNumber: '京昌政办呈〔2024〕12号', … }).text
 * // '张明区长批示：关于汛期安全工作的报告（京昌政办呈〔2024〕12号）'
 */
export function instructionTask(i: Instruction): SourceTaskSpec {
  return spec('instruction', i, `${i.leader}批示：${i.title}（${i.docNumber}）`);
}

/** The task of a meeting decision: the meeting, the item's number, what was decided. */
export function decisionTask(d: MeetingDecision, meeting: Pick<Meeting, 'name'>): SourceTaskSpec {
  return spec('decision', d, `${meeting.name}议定事项${d.itemNo}（${d.topic}）：${d.decision}`);
}

/** The task of a suggestion or proposal: its kind, number and title. */
export function proposalTask(p: Proposal): SourceTaskSpec {
  return spec(p.kind, p, `${PROPOSAL_KIND_LABELS[p.kind]}${p.number}：${p.title}`);
}

/** The task of a list item: its own words. */
export function listTask(item: ListItem, listName: string): SourceTaskSpec {
  return spec(
    'list',
    item,
    item.reference ? `${listName}${item.reference}：${item.title}` : `${listName}：${item.title}`,
  );
}
