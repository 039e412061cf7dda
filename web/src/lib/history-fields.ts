/**
 * Which fields of a change history a reader sees, and under which words. Each record the
 * history shows (a task, a target, a project, a 督办单, a 延期申请, a 销号申请) lists every one
 * of its fields: the compiler fails when a field is added to the contract and not here, so no
 * field name ever reaches the page. Fields that only a program needs — ids, versions, the
 * record's own subject, who and when (the history line already says both) — are left out.
 */
import type { ClosureApplication, ExtensionRequest, SupervisionNotice } from '../api/tracking';
import type { Project, Target, Task } from '../api/types';

/** The label key of a field under `planHealth.history.paths`, or null: not shown. */
export type FieldRule = string | null;

type Rules<T> = Record<keyof T, FieldRule>;

const HIDDEN = { id: null, planId: null, version: null } as const;

const ASSIGNMENT = {
  leadUnitId: 'leadUnitId',
  coUnitIds: 'coUnitIds',
  leader: 'leader',
  deadline: 'deadline',
  weight: 'weight',
} as const;

const TASK: Rules<Task> = {
  ...HIDDEN,
  ...ASSIGNMENT,
  outlineNodeId: 'outlineNodeId',
  text: 'text',
  span: 'span',
  state: 'state',
  progress: 'progress',
  carriedFrom: null,
};

const TARGET: Rules<Target> = {
  ...HIDDEN,
  ...ASSIGNMENT,
  outlineNodeId: 'outlineNodeId',
  taskId: null,
  metric: 'metric',
  comparator: 'comparator',
  value: 'value',
  unit: 'unit',
  period: 'period',
  direction: 'direction',
  span: 'span',
  quote: 'quote',
  sentence: 'sentence',
  baseline: 'baseline',
};

const PROJECT: Rules<Project> = {
  ...HIDDEN,
  listId: null,
  taskId: null,
  name: 'name',
  stage: 'stage',
  kind: 'kind',
  span: 'span',
  currentStage: 'currentStage',
  stageDates: 'stageDates',
};

const NOTICE: Rules<SupervisionNotice> = {
  ...HIDDEN,
  subject: null,
  unitId: 'noticeUnit',
  urgency: 'urgency',
  state: 'state',
  content: 'content',
  dueOn: 'dueOn',
  issuedBy: null,
  issuedAt: null,
  answer: 'answer',
  answeredBy: null,
  answeredAt: null,
  closedBy: null,
  closedAt: null,
  closingNote: 'closingNote',
  escalations: 'escalations',
};

const EXTENSION: Rules<ExtensionRequest> = {
  ...HIDDEN,
  subject: null,
  unitId: 'unitId',
  previousDeadline: 'previousDeadline',
  requestedDeadline: 'requestedDeadline',
  reason: 'reason',
  state: 'state',
  requestedBy: null,
  requestedAt: null,
  decidedBy: null,
  decidedAt: null,
  approvedDeadline: 'approvedDeadline',
  decisionNote: 'decisionNote',
  explanation: 'explanation',
  origin: null,
};

const CLOSURE: Rules<ClosureApplication> = {
  ...HIDDEN,
  taskId: null,
  unitId: 'unitId',
  state: 'state',
  evidence: 'evidence',
  note: 'closureNote',
  appliedBy: null,
  appliedAt: null,
  decidedBy: null,
  decidedAt: null,
  returnReason: 'returnReason',
};

const RULES: Record<string, Record<string, FieldRule>> = {
  task: TASK,
  target: TARGET,
  project: PROJECT,
  notice: NOTICE,
  extension: EXTENSION,
  closure: CLOSURE,
};

/**
 * How field `path` of an `entity`'s record shows: its label key, null when it is left out, or
 * undefined when the entity or field is unknown here (the caller says "other").
 * @example
 * fieldRule('notice', 'closedBy') // null
 * fieldRule('notice', 'subject.type') // null
 * fieldRule('closure', 'note') // 'closureNote'
 */
export function fieldRule(entity: string, path: string): FieldRule | undefined {
  const rules = RULES[entity];
  if (!rules) return undefined;
  const top = path.split('.')[0] ?? path;
  return Object.hasOwn(rules, top) ? rules[top] : undefined;
}

/** The entities whose every field is listed above. */
export const KNOWN_ENTITIES: readonly string[] = Object.keys(RULES);
