/**
 * The 12345 desk (issue 20): the knowledge base (知识库) and its search, the call answered from
 * it, the answer rules and checks of units' replies (质检), named handlers (经办人) with queues and
 * workload, and the desk's figures per unit. Answers that present a domain type are checked
 * against it at compile time (domain-fit.ts).
 */
import { z } from 'zod';
import { Month, Timestamp } from './common.js';
import { KNOWLEDGE_VERSION_STATUSES, REPLY_RULE_CODES } from './constants.js';
import { OrderIntakeBody, WorkOrder } from './requests.js';

const day = z.iso.date();
const text = (max: number) => z.string().trim().min(1).max(max);

// ---- knowledge base ----------------------------------------------------------------------------

const contentShape = {
  question: z.string(),
  answer: z.string(),
  category: z.string(),
  area: z.string().nullable().describe('the street or town it is about; null for the whole jurisdiction'),
  ownerUnitId: z.int(),
  source: z.string().describe('the document the answer rests on'),
  validFrom: z.string().describe('YYYY-MM-DD'),
  validTo: z.string().nullable().describe('YYYY-MM-DD; null while the policy has no end'),
  reviewBy: z.string().describe('YYYY-MM-DD the owner unit must review it by (复核日期)'),
  keywords: z.array(z.string()),
};

export const KnowledgeVersion = z
  .object({
    ...contentShape,
    version: z.int(),
    status: z.enum(KNOWLEDGE_VERSION_STATUSES),
    editedBy: z.int().nullable(),
    editedAt: Timestamp,
    submittedAt: Timestamp.nullable(),
    decision: z.object({ by: z.int().nullable(), at: Timestamp, note: z.string() }).nullable(),
    confirms: z.int().nullable().describe('the version this one confirms unchanged (复核确认)'),
  })
  .meta({ id: 'KnowledgeVersion' });
export type KnowledgeVersion = z.infer<typeof KnowledgeVersion>;

export const KnowledgeEntry = z
  .object({
    id: z.int(),
    versions: z.array(KnowledgeVersion),
    retired: z.object({ at: Timestamp, by: z.int().nullable(), reason: z.string() }).nullable(),
  })
  .meta({ id: 'KnowledgeEntry', description: '知识条目 with every version' });
export type KnowledgeEntry = z.infer<typeof KnowledgeEntry>;

/** An entry with the row version a change sends back. */
export const StoredKnowledgeEntry = z
  .object({ entry: KnowledgeEntry, version: z.int(), updatedAt: Timestamp })
  .meta({ id: 'StoredKnowledgeEntry' });
export type StoredKnowledgeEntry = z.infer<typeof StoredKnowledgeEntry>;

export const KnowledgeQuery = z.object({
  ownerUnitId: z.coerce.number().int().positive().optional(),
  status: z.enum(KNOWLEDGE_VERSION_STATUSES).optional(),
  category: z.string().max(50).optional(),
  q: z.string().max(100).optional(),
  retired: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
export type KnowledgeQuery = Partial<z.input<typeof KnowledgeQuery>>;

/** An entry's content as a form sends it (new, or a revision with the version read). */
export const KnowledgeContentBody = z
  .object({
    question: text(200),
    answer: text(4000),
    category: text(50),
    area: z.string().trim().min(1).max(50).nullable().default(null),
    ownerUnitId: z.number().int().positive(),
    source: text(300),
    validFrom: day,
    validTo: day.nullable().default(null),
    reviewBy: day,
    keywords: z.array(z.string().trim().min(1).max(30)).max(20).default([]),
  })
  .strict();
export type KnowledgeContentBody = z.input<typeof KnowledgeContentBody>;

export const KnowledgeReviseBody = z
  .object({ content: KnowledgeContentBody, version: z.int().min(0) })
  .strict();
export type KnowledgeReviseBody = z.input<typeof KnowledgeReviseBody>;

export const KnowledgeStepBody = z.object({ version: z.int().min(0).optional() }).strict();
export type KnowledgeStepBody = z.input<typeof KnowledgeStepBody>;

export const KnowledgeDecisionBody = z
  .object({
    approve: z.boolean(),
    note: z.string().trim().max(500).optional(),
    version: z.int().min(0).optional(),
  })
  .strict();
export type KnowledgeDecisionBody = z.input<typeof KnowledgeDecisionBody>;

export const KnowledgeConfirmBody = z.object({ reviewBy: day, version: z.int().min(0).optional() }).strict();
export type KnowledgeConfirmBody = z.input<typeof KnowledgeConfirmBody>;

export const KnowledgeRetireBody = z
  .object({ reason: text(500), version: z.int().min(0).optional() })
  .strict();
export type KnowledgeRetireBody = z.input<typeof KnowledgeRetireBody>;

export const KnowledgeSearchQuery = z.object({
  text: z.string().max(2000),
  area: z.string().max(50).optional(),
  category: z.string().max(50).optional(),
  limit: z.coerce.number().int().min(1).max(20).default(5),
});
export type KnowledgeSearchQuery = Partial<z.input<typeof KnowledgeSearchQuery>>;

export const KnowledgeHit = z
  .object({
    entryId: z.int(),
    version: z.int(),
    question: z.string(),
    answer: z.string(),
    category: z.string(),
    area: z.string().nullable(),
    ownerUnitId: z.int(),
    reviewBy: z.string(),
    score: z.number(),
    matched: z.int(),
    of: z.int(),
    categoryMatch: z.boolean(),
    areaMatch: z.boolean(),
    highlights: z.array(z.tuple([z.int(), z.int()])).describe('[start, end) of the question that match'),
  })
  .meta({ id: 'KnowledgeHit' });
export type KnowledgeHit = z.infer<typeof KnowledgeHit>;

export const KnowledgeUpkeepItem = z
  .object({
    entryId: z.int(),
    version: z.int(),
    ownerUnitId: z.int(),
    question: z.string(),
    kind: z.enum(['stale', 'expiring', 'pending', 'rejected']),
    days: z.int(),
    message: z.string(),
  })
  .meta({ id: 'KnowledgeUpkeepItem', description: '知识库维护提醒' });
export type KnowledgeUpkeepItem = z.infer<typeof KnowledgeUpkeepItem>;

/** The operator's one step: the call taken in and answered from an entry (直接答复). */
export const DirectAnswerBody = z
  .object({
    intake: OrderIntakeBody,
    entryId: z.number().int().positive(),
    text: z
      .string()
      .trim()
      .min(1)
      .max(4000)
      .optional()
      .describe("the words said; the entry's answer when omitted"),
  })
  .strict();
export type DirectAnswerBody = z.input<typeof DirectAnswerBody>;

// ---- answer checks -----------------------------------------------------------------------------

export const ReplyRuleSet = z
  .object({
    version: z.int(),
    effectiveFrom: z.string(),
    note: z.string(),
    minLength: z.int(),
    stockPhrases: z.array(z.string()),
    actionWords: z.array(z.string()),
    needsDate: z.array(z.string()),
    needsPlace: z.array(z.string()),
    severity: z.partialRecord(z.enum(REPLY_RULE_CODES), z.enum(['refuse', 'warn', 'off'])),
    repeatSimilarity: z.number(),
  })
  .meta({ id: 'ReplyRuleSet', description: '答复质检规则' });
export type ReplyRuleSet = z.infer<typeof ReplyRuleSet>;

export const SamplingRule = z.object({ rate: z.number(), seed: z.string() }).meta({ id: 'SamplingRule' });
export type SamplingRule = z.infer<typeof SamplingRule>;

export const DeskSettings = z
  .object({
    version: z.int().describe('0: the defaults, before any version was added'),
    effectiveFrom: z.string(),
    rules: ReplyRuleSet,
    sampling: SamplingRule,
    createdBy: z.int().nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'DeskSettings' });
export type DeskSettings = z.infer<typeof DeskSettings>;

const words = z.array(z.string().trim().min(1).max(50)).max(200);
export const DeskSettingsBody = z
  .object({
    effectiveFrom: day,
    rules: z
      .object({
        note: z.string().trim().max(500).default(''),
        minLength: z.number().int(),
        stockPhrases: words,
        actionWords: words,
        needsDate: words,
        needsPlace: words,
        severity: z.partialRecord(z.enum(REPLY_RULE_CODES), z.enum(['refuse', 'warn', 'off'])).default({}),
        repeatSimilarity: z.number(),
      })
      .strict(),
    sampling: z.object({ rate: z.number(), seed: z.string().trim().min(1).max(100) }).strict(),
  })
  .strict();
export type DeskSettingsBody = z.input<typeof DeskSettingsBody>;

export const CheckerQueueItem = z
  .object({
    orderId: z.int(),
    reason: z.enum(['sample', 'unsatisfied']),
    since: Timestamp,
    waitingHours: z.int(),
    leadUnitId: z.int().nullable(),
    category: z.string(),
    status: z.string(),
    /** The unit's own reply (its last), which the checker judges. */
    reply: z.string().nullable(),
    order: WorkOrder,
  })
  .meta({ id: 'CheckerQueueItem', description: '质检队列' });
export type CheckerQueueItem = z.infer<typeof CheckerQueueItem>;

export const CheckDecisionBody = z
  .object({
    passed: z.boolean(),
    note: z.string().trim().max(1000).default(''),
    reasons: z.array(z.string().max(50)).max(10).optional(),
  })
  .strict();
export type CheckDecisionBody = z.input<typeof CheckDecisionBody>;

export const ReplyCheck = z
  .object({
    id: z.int(),
    orderId: z.int(),
    unitId: z.int(),
    at: Timestamp,
    kind: z.enum(['rules', 'sample', 'unsatisfied']),
    passed: z.boolean(),
    codes: z.array(z.string()),
    note: z.string().nullable(),
    checkerId: z.int().nullable(),
  })
  .meta({ id: 'ReplyCheck' });
export type ReplyCheck = z.infer<typeof ReplyCheck>;

const CheckCount = z.object({ checked: z.int(), passed: z.int(), byCode: z.record(z.string(), z.int()) });
export const UnitCheckRates = z
  .object({
    unitId: z.int(),
    month: z.string(),
    rules: CheckCount,
    sample: CheckCount,
    unsatisfied: CheckCount,
    passRate: z.number().nullable(),
    explanation: z.string(),
  })
  .meta({ id: 'UnitCheckRates', description: '答复质检情况' });
export type UnitCheckRates = z.infer<typeof UnitCheckRates>;

const DeskRate = z.object({ numerator: z.int(), denominator: z.int(), value: z.number().nullable() });
export const DeskFigures = z
  .object({
    unitId: z.int(),
    month: z.string(),
    directAnswer: DeskRate.describe('直接答复率'),
    knowledgeUpkeep: DeskRate.describe('知识库维护率'),
    answerQuality: DeskRate.describe('答复质检合格率'),
  })
  .meta({ id: 'DeskFigures' });
export type DeskFigures = z.infer<typeof DeskFigures>;

export const MonthQuery = z.object({ month: Month });

// ---- named handlers ----------------------------------------------------------------------------

export const WorkItemKind = z.enum(['order', 'task']);
export type WorkItemKind = z.infer<typeof WorkItemKind>;

export const HandlerWorkItem = z.object({
  kind: WorkItemKind,
  id: z.int(),
  unitId: z.int(),
  title: z.string(),
  open: z.boolean(),
  due: Timestamp.nullable(),
});
export type HandlerWorkItem = z.infer<typeof HandlerWorkItem>;

export const HandlerAssignment = z
  .object({
    kind: WorkItemKind,
    itemId: z.int(),
    unitId: z.int(),
    handlerId: z.int(),
    assignedAt: Timestamp,
    assignedBy: z.int().nullable(),
    reason: z.string().nullable(),
  })
  .meta({ id: 'HandlerAssignment', description: '经办人' });
export type HandlerAssignment = z.infer<typeof HandlerAssignment>;

export const QueueEntry = HandlerWorkItem.extend({
  overdue: z.boolean(),
  dueInDays: z.int().nullable(),
  assignedAt: Timestamp,
}).meta({ id: 'QueueEntry', description: '我的工单 / 我的任务' });
export type QueueEntry = z.infer<typeof QueueEntry>;

export const UnitMember = z
  .object({
    userId: z.int(),
    name: z.string(),
    unitId: z.int(),
    head: z.boolean(),
    active: z.boolean(),
    awayUntil: Timestamp.nullable().optional(),
  })
  .meta({ id: 'UnitMember' });
export type UnitMember = z.infer<typeof UnitMember>;

export const WorkloadRow = z
  .object({
    userId: z.int().nullable(),
    name: z.string(),
    active: z.boolean(),
    away: z.boolean(),
    open: z.int(),
    overdue: z.int(),
    dueSoon: z.int(),
    orders: z.int(),
    tasks: z.int(),
  })
  .meta({ id: 'WorkloadRow' });
export type WorkloadRow = z.infer<typeof WorkloadRow>;

export const Workload = z
  .object({
    rows: z.array(WorkloadRow),
    members: z.array(UnitMember),
    items: z.array(HandlerWorkItem.extend({ handlerId: z.int().nullable() })),
  })
  .meta({ id: 'Workload', description: '本单位工作量' });
export type Workload = z.infer<typeof Workload>;

export const HandlerChange = z.object({
  kind: WorkItemKind,
  itemId: z.int(),
  unitId: z.int(),
  from: z.int().nullable(),
  to: z.int(),
});
export type HandlerChange = z.infer<typeof HandlerChange>;

export const AssignBody = z
  .object({
    kind: WorkItemKind,
    itemId: z.number().int().positive(),
    handlerId: z.number().int().positive(),
    reason: z.string().trim().max(500).optional(),
  })
  .strict();
export type AssignBody = z.input<typeof AssignBody>;

export const ReassignBody = z
  .object({
    items: z
      .array(z.object({ kind: WorkItemKind, id: z.number().int().positive() }).strict())
      .min(1)
      .max(1000)
      .optional(),
    fromHandlerId: z.number().int().positive().optional(),
    kinds: z.array(WorkItemKind).min(1).optional(),
    toHandlerId: z.number().int().positive(),
    reason: z.string().max(500),
  })
  .strict()
  .refine((body) => (body.items === undefined) !== (body.fromHandlerId === undefined), {
    message: 'name the items, or the person whose items move (fromHandlerId), not both',
    path: ['items'],
  });
export type ReassignBody = z.input<typeof ReassignBody>;

export const UnitHeadsBody = z.object({ userIds: z.array(z.number().int().positive()).max(50) }).strict();
export type UnitHeadsBody = z.input<typeof UnitHeadsBody>;

export const HandlerProfile = z
  .object({ headOf: z.array(z.int()).describe('units the user heads: their workload is theirs to see') })
  .meta({ id: 'HandlerProfile' });
export type HandlerProfile = z.infer<typeof HandlerProfile>;
