/**
 * The other sources of work a 督查室 chases (issue 18): leaders' written instructions (领导批示件),
 * decisions of meetings (会议议定事项), deputies' suggestions and members' proposals (人大代表建议,
 * 政协委员提案), and lists imported from a spreadsheet or a Word table (清单). Each is registered
 * with what makes it that source, then assigned and carried as a task of the plan machinery
 * (reporting, review, health, 督办, 延期, 销号), and closed by its own rule: a 批示件 by the
 * leader's office, a suggestion or proposal by its author's rating. Pure data.
 */
import type { WorkSource } from '../chase/types.js';

/**
 * Where a registered item stands: registered (not yet given to a unit), assigned (a unit is on
 * it), answered (the unit reported its result), closed; `filed` is a 阅件 read and filed
 * without assignment. A return or a 不满意 puts an answered item back to assigned.
 */
export type SourceState = 'registered' | 'assigned' | 'answered' | 'closed' | 'filed';

export const SOURCE_STATE_LABELS: Readonly<Record<SourceState, string>> = Object.freeze({
  registered: '已登记',
  assigned: '办理中',
  answered: '已答复',
  closed: '已办结',
  filed: '已阅存档',
});

/** What every assignable source holds once a unit is on it. */
export interface AssignedWork {
  id: number;
  state: SourceState;
  /** 牵头单位 / 主办单位. */
  leadUnitId: number | null;
  /** 配合单位 / 会办单位. */
  coUnitIds: number[];
  /** ISO date the unit must answer by (办理时限). */
  dueOn: string | null;
  /** What the office asks of the unit (交办要求), written when assigning. */
  requirement: string | null;
  /** The unit's answer (办理情况), as last given. */
  answer: string | null;
  answeredBy: number | null;
  answeredAt: string | null;
  closedBy: number | null;
  closedAt: string | null;
  closingNote: string | null;
  /** The plan task that carries the work (reporting, health, 督办, 延期, 销号); null until assigned. */
  taskId: number | null;
  registeredBy: number;
  registeredAt: string;
}

/** 文件 (a document to act on) or 阅件 (a document for reading). */
export type InstructionClass = 'document' | 'reading';
export const INSTRUCTION_CLASS_LABELS: Readonly<Record<InstructionClass, string>> = Object.freeze({
  document: '文件',
  reading: '阅件',
});

/** 领导批示件: a leader's written instruction on a document. */
export interface Instruction extends AssignedWork {
  /** The document's number as written: 京昌政办呈〔2024〕12号. */
  docNumber: string;
  /** The document's title. */
  title: string;
  /** The leader who wrote the instruction, as the office names them: 张明区长. */
  leader: string;
  /** ISO date of the instruction. */
  instructedOn: string;
  class: InstructionClass;
  /** The instruction's words (批示内容), when typed; else the scan holds them. */
  text: string | null;
  /** The stored scan of the instructed page (an upload's id). */
  scanFileId: number | null;
  /** Who in the leader's office confirmed the closing, when a supervisor recorded it. */
  confirmedBy: string | null;
}

export type MeetingKind = 'executive' | 'special' | 'other';
export const MEETING_KIND_LABELS: Readonly<Record<MeetingKind, string>> = Object.freeze({
  executive: '常务会议',
  special: '专题会议',
  other: '其他会议',
});

/** A meeting whose decisions are chased. */
export interface Meeting {
  id: number;
  /** As the minutes name it: 区政府第35次常务会议. */
  name: string;
  kind: MeetingKind;
  heldOn: string;
  /** The minutes' number (会议纪要文号), when issued. */
  minutesNumber: string | null;
}

/** 会议议定事项: one decision of a meeting. */
export interface MeetingDecision extends AssignedWork {
  meetingId: number;
  /** The item's number in the minutes, as written: 三, 3, （二）. */
  itemNo: string;
  /** The topic discussed (议题). */
  topic: string;
  /** What was decided (议定内容). */
  decision: string;
}

/** 人大代表建议 or 政协委员提案. */
export type ProposalKind = 'suggestion' | 'proposal';
export const PROPOSAL_KIND_LABELS: Readonly<Record<ProposalKind, string>> = Object.freeze({
  suggestion: '人大代表建议',
  proposal: '政协委员提案',
});

/** The answer letter's class, as the 答复函 marks it. */
export type AnswerCategory = 'A' | 'B' | 'C';
export const ANSWER_CATEGORY_LABELS: Readonly<Record<AnswerCategory, string>> = Object.freeze({
  A: 'A类（所提问题已经解决或基本解决）',
  B: 'B类（所提问题正在解决或已列入计划逐步解决）',
  C: 'C类（所提问题因条件限制需今后研究解决，或留作参考）',
});

export const RATINGS = ['满意', '基本满意', '不满意'] as const;
export type Rating = (typeof RATINGS)[number];

export interface ProposalAuthor {
  /** The deputy's or member's name (public: they act in office). */
  name: string;
  /** 代表团 (delegation) or 界别 (sector), as written. */
  group: string | null;
}

/** A co-unit's opinion to the host unit (会办意见). */
export interface CoOpinion {
  unitId: number;
  text: string;
  by: number;
  at: string;
}

/** One answer letter (答复函): the .docx, its class, and a short summary. */
export interface AnswerLetter {
  fileId: number;
  category: AnswerCategory;
  summary: string;
  round: number;
  by: number;
  at: string;
}

/** The author's verdict on an answer, as the 征询意见表 returns it. */
export interface ProposalRating {
  rating: Rating;
  comment: string | null;
  round: number;
  /** Who recorded it (the office, on the author's form). */
  recordedBy: number;
  at: string;
}

export interface Proposal extends AssignedWork {
  kind: ProposalKind;
  /** The number the congress or the CPPCC gave it: 第0123号. */
  number: string;
  /** The session: 十七届人大三次会议. */
  session: string;
  title: string;
  /** The first author leads (领衔); others co-sign (附议). */
  authors: ProposalAuthor[];
  coOpinions: CoOpinion[];
  letters: AnswerLetter[];
  ratings: ProposalRating[];
  /** 1 for the first answer; a 不满意 starts the next round (重新办理). */
  round: number;
}

/** A list imported from a spreadsheet or a Word table (清单): its name and file. */
export interface WorkList {
  id: number;
  /** As the office names it: 2024年民生实事任务清单. */
  name: string;
  fileName: string;
  importedBy: number;
  importedAt: string;
}

/** One row of an imported list, carried like any other assigned work. */
export interface ListItem extends AssignedWork {
  listId: number;
  /** Where it came from, for the office to find it again: 清单!B7 or 表2第7行. */
  origin: string;
  /** The row's own number or reference (序号, 编号), as written. */
  reference: string | null;
  title: string;
}

/** Any registered item, tagged by its source. */
export type SourceRecord =
  | ({ source: 'instruction' } & Instruction)
  | ({ source: 'decision' } & MeetingDecision)
  | ({ source: 'suggestion' | 'proposal' } & Proposal)
  | ({ source: 'list' } & ListItem);

/** The source names a task carries beside plan tasks in 我的待办. */
export type TaskSource = Exclude<WorkSource, 'plan'>;
