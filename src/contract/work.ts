/**
 * What clients see and send of the other sources of work (issue 18): 领导批示件, meetings and
 * their decisions (议定事项), 人大代表建议 and 政协委员提案, imported lists; notification settings,
 * the delivery log, and the monthly 通报. Checked against the domain types in work.test.ts.
 */
import { z } from 'zod';
import { Id, IsoDate, Month, Timestamp, pageQueryShape } from './common.js';

const version = z.int().describe('send it back with the next write: a stale version answers 409');
const text = (max: number) => z.string().trim().min(1).max(max);

export const WorkKind = z.enum(['instruction', 'decision', 'suggestion', 'proposal', 'list']);
export type WorkKind = z.infer<typeof WorkKind>;
export const SourceState = z.enum(['registered', 'assigned', 'answered', 'closed', 'filed']);
export type SourceState = z.infer<typeof SourceState>;
export const Rating = z.enum(['满意', '基本满意', '不满意']);
export type Rating = z.infer<typeof Rating>;

const assignedShape = {
  id: z.int(),
  planId: z.int().describe('the year’s ledger plan (督查督办事项台账) that carries the task'),
  state: SourceState,
  leadUnitId: z.int().nullable(),
  coUnitIds: z.array(z.int()),
  dueOn: IsoDate.nullable(),
  requirement: z.string().nullable(),
  answer: z.string().nullable(),
  answeredBy: z.int().nullable(),
  answeredAt: Timestamp.nullable(),
  closedBy: z.int().nullable(),
  closedAt: Timestamp.nullable(),
  closingNote: z.string().nullable(),
  taskId: z.int().nullable(),
  registeredBy: z.int(),
  registeredAt: Timestamp,
  version,
};

const Author = z.object({ name: text(50), group: z.string().trim().max(100).nullable() });

export const WorkItem = z
  .discriminatedUnion('source', [
    z.object({
      source: z.literal('instruction'),
      ...assignedShape,
      docNumber: z.string(),
      title: z.string(),
      leader: z.string(),
      instructedOn: IsoDate,
      class: z.enum(['document', 'reading']),
      text: z.string().nullable(),
      scanFileId: z.int().nullable(),
      confirmedBy: z.string().nullable(),
    }),
    z.object({
      source: z.literal('decision'),
      ...assignedShape,
      meetingId: z.int(),
      itemNo: z.string(),
      topic: z.string(),
      decision: z.string(),
    }),
    z.object({
      source: z.enum(['suggestion', 'proposal']),
      ...assignedShape,
      kind: z.enum(['suggestion', 'proposal']),
      number: z.string(),
      session: z.string(),
      title: z.string(),
      authors: z.array(z.object({ name: z.string(), group: z.string().nullable() })),
      coOpinions: z.array(z.object({ unitId: z.int(), text: z.string(), by: z.int(), at: Timestamp })),
      letters: z.array(
        z.object({
          fileId: z.int(),
          category: z.enum(['A', 'B', 'C']),
          summary: z.string(),
          round: z.int(),
          by: z.int(),
          at: Timestamp,
        }),
      ),
      ratings: z.array(
        z.object({
          rating: Rating,
          comment: z.string().nullable(),
          round: z.int(),
          recordedBy: z.int(),
          at: Timestamp,
        }),
      ),
      round: z.int(),
    }),
    z.object({
      source: z.literal('list'),
      ...assignedShape,
      listId: z.int(),
      origin: z.string(),
      reference: z.string().nullable(),
      title: z.string(),
    }),
  ])
  .meta({ id: 'WorkItem', description: '批示件、议定事项、建议提案或清单事项' });
export type WorkItem = z.infer<typeof WorkItem>;

export const WorkItemPage = z.object({ items: z.array(WorkItem), total: z.int().min(0) });
export type WorkItemPage = z.infer<typeof WorkItemPage>;

/**
 * The jurisdiction whose ledger a registration goes in, or whose items are listed: the one
 * worked in unless given; only it or one below it that the caller sees (a city's 督查室 its
 * districts'; a district never a sibling's, which answers 404).
 */
export const ForJurisdiction = {
  jurisdictionId: Id.optional().describe(
    'the jurisdiction registered for or listed (default: the one worked in); it or one below it that the caller sees',
  ),
};

/** A jurisdiction work may be registered for, with its units to assign to. */
export const WorkJurisdiction = z
  .object({
    id: z.int(),
    name: z.string(),
    parentId: z.int().nullable(),
    units: z.array(z.object({ id: z.int(), name: z.string() })),
  })
  .meta({ id: 'WorkJurisdiction' });
export type WorkJurisdiction = z.infer<typeof WorkJurisdiction>;

export const WorkItemQuery = z.object({
  ...ForJurisdiction,
  kind: WorkKind.optional(),
  state: SourceState.optional(),
  unitId: Id.optional(),
  author: z.string().trim().min(1).max(50).optional(),
  rating: Rating.optional(),
  meetingId: Id.optional(),
  q: z.string().trim().min(1).max(100).optional(),
  ...pageQueryShape,
});
export type WorkItemQuery = z.input<typeof WorkItemQuery>;

export const InstructionBody = z
  .object({
    docNumber: text(80),
    title: text(300),
    leader: text(50),
    instructedOn: IsoDate,
    class: z.enum(['document', 'reading']),
    text: z.string().trim().max(5000).nullable().optional(),
    scanFileId: z.int().positive().nullable().optional(),
    ...ForJurisdiction,
  })
  .meta({ id: 'InstructionBody', description: '登记领导批示件' });
export type InstructionBody = z.input<typeof InstructionBody>;

const assign = z.object({
  type: z.literal('assign'),
  leadUnitId: z.int().positive(),
  coUnitIds: z.array(z.int().positive()).max(50).optional(),
  dueOn: IsoDate,
  requirement: z.string().trim().max(2000).nullable().optional(),
});
const answerText = z.object({ type: z.literal('answer'), text: text(5000) });
const returnIt = z.object({ type: z.literal('return'), reason: text(1000) });
const reopen = z.object({ type: z.literal('reopen'), reason: text(1000), dueOn: IsoDate });
const withVersion = { version };

export const InstructionAction = z
  .discriminatedUnion('type', [
    assign.extend(withVersion),
    answerText.extend(withVersion),
    returnIt.extend(withVersion),
    z.object({
      type: z.literal('close'),
      note: z.string().trim().max(1000).nullable().optional(),
      confirmedBy: z.string().trim().max(100).nullable().optional(),
      ...withVersion,
    }),
    z.object({
      type: z.literal('file'),
      note: z.string().trim().max(1000).nullable().optional(),
      ...withVersion,
    }),
    reopen.extend(withVersion),
  ])
  .meta({ id: 'InstructionAction' });
export type InstructionAction = z.input<typeof InstructionAction>;

export const MeetingBody = z
  .object({
    name: text(200),
    kind: z.enum(['executive', 'special', 'other']),
    heldOn: IsoDate,
    minutesNumber: z.string().trim().max(80).nullable().optional(),
    ...ForJurisdiction,
  })
  .meta({ id: 'MeetingBody' });
export type MeetingBody = z.input<typeof MeetingBody>;

export const Meeting = z
  .object({
    id: z.int(),
    planId: z.int(),
    name: z.string(),
    kind: z.enum(['executive', 'special', 'other']),
    heldOn: IsoDate,
    minutesNumber: z.string().nullable(),
  })
  .meta({ id: 'Meeting' });
export type Meeting = z.infer<typeof Meeting>;

export const DecisionBody = z
  .object({ itemNo: text(20), topic: text(300), decision: text(5000) })
  .meta({ id: 'DecisionBody' });
export type DecisionBody = z.input<typeof DecisionBody>;

export const DecisionAction = z
  .discriminatedUnion('type', [
    assign.extend(withVersion),
    answerText.extend(withVersion),
    returnIt.extend(withVersion),
    z.object({
      type: z.literal('close'),
      note: z.string().trim().max(1000).nullable().optional(),
      ...withVersion,
    }),
    reopen.extend(withVersion),
  ])
  .meta({ id: 'DecisionAction' });
export type DecisionAction = z.input<typeof DecisionAction>;

export const ProposalBody = z
  .object({
    kind: z.enum(['suggestion', 'proposal']),
    number: text(50),
    session: text(100),
    title: text(300),
    authors: z.array(Author).min(1).max(100),
    ...ForJurisdiction,
  })
  .meta({ id: 'ProposalBody', description: '登记人大代表建议或政协委员提案' });
export type ProposalBody = z.input<typeof ProposalBody>;

export const ProposalAction = z
  .discriminatedUnion('type', [
    assign.extend(withVersion),
    z.object({ type: z.literal('co_opinion'), unitId: z.int().positive(), text: text(5000), ...withVersion }),
    z.object({
      type: z.literal('answer'),
      letterFileId: z.int().positive(),
      category: z.enum(['A', 'B', 'C']),
      summary: text(2000),
      ...withVersion,
    }),
    returnIt.extend(withVersion),
    z.object({
      type: z.literal('rate'),
      rating: Rating,
      comment: z.string().trim().max(2000).nullable().optional(),
      dueOn: IsoDate.optional(),
      ...withVersion,
    }),
    z.object({ type: z.literal('close'), note: text(1000), ...withVersion }),
    reopen.extend(withVersion),
  ])
  .meta({ id: 'ProposalAction' });
export type ProposalAction = z.input<typeof ProposalAction>;

// ——— 通知设置与发送记录 ———

export const Channel = z.enum(['email', 'sms', 'dingtalk', 'wecom', 'webhook']);
export type Channel = z.infer<typeof Channel>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected HH:MM');

export const UserNotifySettings = z
  .object({
    email: z.email().max(200).nullable(),
    phone: z
      .string()
      .regex(/^(\+?86)?1[3-9]\d{9}$/, 'expected an 11-digit mobile number')
      .nullable(),
    channels: z.array(z.enum(['email', 'sms'])).max(2),
    digest: z.boolean().nullable(),
    quietHours: z.union([z.literal('policy'), z.null(), z.object({ from: hhmm, to: hhmm })]),
  })
  .meta({ id: 'UserNotifySettings', description: '个人通知设置' });
export type UserNotifySettings = z.infer<typeof UserNotifySettings>;

export const UnitRobot = z.object({
  channel: z.enum(['dingtalk', 'wecom', 'webhook']),
  name: text(100),
  url: z.url({ protocol: /^https?$/ }).max(1000),
  secret: z.string().max(200).nullable(),
  enabled: z.boolean(),
});
export type UnitRobot = z.infer<typeof UnitRobot>;

export const UnitNotifySettings = z
  .object({
    leaderUserId: z.int().positive().nullable(),
    robots: z.array(UnitRobot).max(20),
    /** Hours the named handler has to read a notice before the unit's inbox gets it (null: the jurisdiction's). */
    inboxAfterHours: z.number().min(0.5).max(72).nullable().optional(),
  })
  .meta({ id: 'UnitNotifySettings', description: '单位通知设置（工作群机器人、分管领导）' });
export type UnitNotifySettings = z.infer<typeof UnitNotifySettings>;

export const SettingsAnswer = <T extends z.ZodType>(data: T) =>
  z.object({ data, version, channels: z.array(Channel).describe('the channels this deployment has') });

export const DeliveryStatus = z
  .enum(['pending', 'sending', 'sent', 'failed'])
  .describe('待发送 / 发送中 / 已发送 / 发送失败（delivered and read times come with receipts)');

export const OutboxEntry = z
  .object({
    id: z.string(),
    kind: z.string(),
    channel: Channel,
    destinationKey: z.string(),
    recipient: z.object({ userId: z.int().nullable(), unitId: z.int().nullable(), label: z.string() }),
    title: z.string(),
    status: DeliveryStatus,
    attempts: z.int(),
    queuedAt: Timestamp,
    nextAttemptAt: Timestamp.nullable(),
    lastError: z.string().nullable(),
    sentAt: Timestamp.nullable(),
    providerId: z.string().nullable(),
    deliveredAt: Timestamp.nullable(),
    readAt: Timestamp.nullable(),
  })
  .meta({ id: 'OutboxEntry', description: '消息发送记录' });
export type OutboxEntry = z.infer<typeof OutboxEntry>;

export const OutboxPage = z.object({ items: z.array(OutboxEntry), total: z.int().min(0) });
export type OutboxPage = z.infer<typeof OutboxPage>;

export const OutboxQuery = z.object({
  status: DeliveryStatus.optional(),
  channel: Channel.optional(),
  kind: z.string().max(50).optional(),
  unitId: Id.optional(),
  ...pageQueryShape,
});
export type OutboxQuery = z.input<typeof OutboxQuery>;

// ——— 月度通报 ———

export const BulletinDraft = z
  .object({
    number: z.string().trim().max(80),
    title: z.string().trim().max(200).nullable(),
    comments: z.array(z.object({ leader: text(50), text: text(2000) })).max(20),
    requirements: z.array(text(2000)).max(20),
  })
  .meta({ id: 'BulletinDraft', description: '通报草稿：文号、标题、领导批示、下步工作要求' });
export type BulletinDraft = z.infer<typeof BulletinDraft>;

export const BulletinDraftAnswer = z.object({ month: Month, data: BulletinDraft, version });
export type BulletinDraftAnswer = z.infer<typeof BulletinDraftAnswer>;

const rowCounts = {
  due: z.int(),
  doneOnTime: z.int(),
  doneLate: z.int(),
  overdue: z.int(),
  onTimeRate: z.number().nullable(),
  noticesReceived: z.int(),
  noticesAnswered: z.int(),
  noticesUnanswered: z.int(),
};
const rates = z.object({
  unitId: z.int(),
  volume: z.int(),
  response: z.number().nullable(),
  resolution: z.number().nullable(),
  satisfaction: z.number().nullable(),
});
const listed = z.object({ unitId: z.int(), unitName: z.string(), reasons: z.array(z.string()) });

export const Bulletin = z
  .object({
    office: z.string(),
    header: z.string(),
    number: z.string(),
    month: Month,
    issuedOn: IsoDate,
    title: z.string(),
    addressees: z.string(),
    totals: z.object(rowCounts),
    bySource: z.array(
      z.object({
        source: z.string(),
        label: z.string(),
        due: z.int(),
        doneOnTime: z.int(),
        overdue: z.int(),
      }),
    ),
    rows: z.array(
      z.object({
        unitId: z.int(),
        unitName: z.string(),
        ...rowCounts,
        requests: rates.nullable(),
        refs: z.object({
          due: z.array(z.int()),
          doneOnTime: z.array(z.int()),
          doneLate: z.array(z.int()),
          overdue: z.array(z.int()),
          notices: z.array(z.int()),
        }),
      }),
    ),
    red: z.array(listed),
    black: z.array(listed),
    overdueItems: z.array(
      z.object({ unitName: z.string(), title: z.string(), source: z.string(), dueOn: IsoDate }),
    ),
    comments: z.array(z.object({ leader: z.string(), text: z.string() })),
    requirements: z.array(z.string()),
    summary: z.string(),
  })
  .meta({ id: 'Bulletin', description: '月度督查通报' });
export type Bulletin = z.infer<typeof Bulletin>;

export const IssuedBulletinSummary = z
  .object({
    id: z.int(),
    month: Month,
    revision: z.int(),
    number: z.string(),
    title: z.string(),
    issuedBy: z.int(),
    issuedAt: Timestamp,
    unitIds: z.array(z.int()),
  })
  .meta({ id: 'IssuedBulletinSummary' });
export type IssuedBulletinSummary = z.infer<typeof IssuedBulletinSummary>;

export const IssuedBulletin = IssuedBulletinSummary.extend({ bulletin: Bulletin }).meta({
  id: 'IssuedBulletin',
});
export type IssuedBulletin = z.infer<typeof IssuedBulletin>;

export const IssueBulletinBody = z.object({ version });
export const BulletinFormat = z.enum(['docx', 'pdf', 'xlsx']);
