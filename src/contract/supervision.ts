/**
 * What clients see and send of supervision (issue 4): 督办单, 延期 and 销号. Each answer is
 * checked at compile time against the domain type it presents (domain-fit.ts). Registered ids become
 * `components.schemas` in the OpenAPI document.
 */
import { z } from 'zod';
import { asOfQueryShape, Id, IsoDate, TaskState, Timestamp } from './common.js';
import { EvidenceRef } from './tracking.js';

const version = z.int().describe('send it back with the next write: a stale version answers 409');

export const SubjectRef = z
  .object({ type: z.enum(['task', 'target', 'project', 'project_list']), id: z.int() })
  .meta({ id: 'SubjectRef' });
export type SubjectRef = z.infer<typeof SubjectRef>;

export const NoticeUrgency = z.enum(['red', 'yellow', 'blue']).describe('红/黄/蓝 三色督办');
export type NoticeUrgency = z.infer<typeof NoticeUrgency>;

export const NoticeEscalation = z
  .object({
    at: Timestamp,
    by: z.int(),
    reason: z.string(),
    fromUrgency: NoticeUrgency,
    toUrgency: NoticeUrgency,
    dueOn: IsoDate,
  })
  .meta({ id: 'NoticeEscalation' });
export type NoticeEscalation = z.infer<typeof NoticeEscalation>;

export const SupervisionNotice = z
  .object({
    id: z.int(),
    planId: z.int(),
    subject: SubjectRef,
    unitId: z.int(),
    urgency: NoticeUrgency,
    state: z.enum(['issued', 'answered', 'closed', 'escalated']),
    content: z.string(),
    dueOn: IsoDate.describe('the date the unit must answer by (moved by an escalation)'),
    issuedBy: z.int(),
    issuedAt: Timestamp,
    answer: z.string().nullable(),
    answeredBy: z.int().nullable(),
    answeredAt: Timestamp.nullable(),
    closedBy: z.int().nullable(),
    closedAt: Timestamp.nullable(),
    closingNote: z.string().nullable(),
    escalations: z.array(NoticeEscalation),
    version,
  })
  .meta({ id: 'SupervisionNotice', description: '督办单' });
export type SupervisionNotice = z.infer<typeof SupervisionNotice>;

export const SupervisionNoticePage = z.object({
  items: z.array(
    SupervisionNotice.extend({
      overdue: z.boolean().describe('still unanswered after its due date (催办)'),
      number: z.string().describe("文号, e.g. 督办〔2022〕3号: its place among the plan's notices by issue"),
    }),
  ),
  total: z.int(),
});
export type SupervisionNoticePage = z.infer<typeof SupervisionNoticePage>;

export const ExtensionRequest = z
  .object({
    id: z.int(),
    planId: z.int(),
    subject: SubjectRef,
    unitId: z.int(),
    previousDeadline: z.string().nullable().describe('the deadline in force when asked'),
    requestedDeadline: IsoDate,
    reason: z.string(),
    state: z.enum(['requested', 'approved', 'denied']),
    requestedBy: z.int(),
    requestedAt: Timestamp,
    decidedBy: z.int().nullable(),
    decidedAt: Timestamp.nullable(),
    approvedDeadline: z.string().nullable().describe('the deadline granted; null unless approved'),
    decisionNote: z.string().nullable(),
    explanation: z
      .string()
      .nullable()
      .optional()
      .describe('the public explanation of a slip past the plan threshold (偏差说明)'),
    origin: z
      .enum(['unit', 'decision'])
      .optional()
      .describe('decision: a re-baseline the plan office recorded by a decision'),
    version,
  })
  .meta({ id: 'ExtensionRequest', description: '延期申请' });
export type ExtensionRequest = z.infer<typeof ExtensionRequest>;

export const ExtensionRequestPage = z.object({ items: z.array(ExtensionRequest), total: z.int() });
export type ExtensionRequestPage = z.infer<typeof ExtensionRequestPage>;

export const ClosureApplication = z
  .object({
    id: z.int(),
    planId: z.int(),
    taskId: z.int(),
    unitId: z.int(),
    state: z.enum(['applied', 'approved', 'returned']),
    evidence: z.array(EvidenceRef),
    note: z.string(),
    appliedBy: z.int(),
    appliedAt: Timestamp,
    decidedBy: z.int().nullable(),
    decidedAt: Timestamp.nullable(),
    returnReason: z.string().nullable(),
    version,
  })
  .meta({ id: 'ClosureApplication', description: '销号申请' });
export type ClosureApplication = z.infer<typeof ClosureApplication>;

export const ClosureApplicationPage = z.object({ items: z.array(ClosureApplication), total: z.int() });
export type ClosureApplicationPage = z.infer<typeof ClosureApplicationPage>;

/** A task's state after closing or reopening it. */
export const TaskStateAnswer = z
  .object({ id: z.int(), state: TaskState, progress: z.number(), version })
  .meta({ id: 'TaskStateAnswer' });
export type TaskStateAnswer = z.infer<typeof TaskStateAnswer>;

export const ClosureDecisionAnswer = z.object({ application: ClosureApplication, task: TaskStateAnswer });
export type ClosureDecisionAnswer = z.infer<typeof ClosureDecisionAnswer>;

// ---- writes ------------------------------------------------------------------------------------

const Version = z.int().min(0).optional().describe('the version you read: a stale one answers 409');
const Subject = z.object({ type: SubjectRef.shape.type, id: Id }).strict();

/** Issue a 督办单 on an item (to its lead unit unless another is named). */
export const NoticeBody = z
  .object({
    subject: Subject,
    unitId: Id.optional().describe('default: the item’s lead unit'),
    urgency: NoticeUrgency.optional(),
    content: z.string().max(5000),
    dueOn: IsoDate,
  })
  .strict();
export type NoticeBody = z.input<typeof NoticeBody>;

/** Answer, close or escalate a 督办单. */
export const NoticeAction = z.discriminatedUnion('type', [
  z.object({ type: z.literal('answer'), text: z.string().max(5000), version: Version }).strict(),
  z.object({ type: z.literal('close'), note: z.string().max(2000).optional(), version: Version }).strict(),
  z
    .object({
      type: z.literal('escalate'),
      reason: z.string().max(2000),
      dueOn: IsoDate,
      urgency: NoticeUrgency.optional(),
      version: Version,
    })
    .strict(),
]);
export type NoticeAction = z.input<typeof NoticeAction>;

/** Ask for a later deadline (延期), with the reason. */
export const ExtensionBody = z
  .object({
    subject: Subject,
    requestedDeadline: IsoDate,
    reason: z.string().max(2000),
    explanation: z
      .string()
      .max(2000)
      .optional()
      .describe('required when the new deadline passes the plan threshold from the original (偏差说明)'),
  })
  .strict();
export type ExtensionBody = z.input<typeof ExtensionBody>;

/** Approve an extension (with the date granted, by default the one asked) or deny it. */
export const ExtensionDecision = z.discriminatedUnion('type', [
  z
    .object({
      type: z.literal('approve'),
      deadline: IsoDate.optional(),
      note: z.string().max(2000).optional(),
      version: Version,
    })
    .strict(),
  z.object({ type: z.literal('deny'), reason: z.string().max(2000), version: Version }).strict(),
]);
export type ExtensionDecision = z.input<typeof ExtensionDecision>;

/** Apply to close a task (销号), with evidence uploaded before. */
export const ClosureBody = z.object({ evidence: z.array(Id).max(50), note: z.string().max(2000) }).strict();
export type ClosureBody = z.input<typeof ClosureBody>;

export const ClosureDecision = z.discriminatedUnion('type', [
  z.object({ type: z.literal('approve'), version: Version }).strict(),
  z.object({ type: z.literal('return'), reason: z.string().max(2000), version: Version }).strict(),
]);
export type ClosureDecision = z.input<typeof ClosureDecision>;

/** Reopen a closed task, with the reason. */
export const ReopenBody = z.object({ reason: z.string().max(2000), version: Version }).strict();
export type ReopenBody = z.input<typeof ReopenBody>;

/** Filters of the lists of 督办单, extensions and closing applications. */
export const SupervisionListQuery = z.object({
  subjectType: SubjectRef.shape.type.optional(),
  subjectId: Id.optional(),
  unitId: Id.optional(),
  state: z.string().max(20).optional(),
  ...asOfQueryShape,
});
export type SupervisionListQuery = Partial<z.infer<typeof SupervisionListQuery>>;
