/**
 * The 服务包 half of the project library contract (issue 17): enterprises, talents, packages,
 * commitments and 企业诉求, their bodies and answers. Split from library.ts for length.
 */
import { z } from 'zod';
import { IsoDate, Timestamp } from './common.js';
import { Deadline, DeadlineRule, Satisfaction } from './requests.js';
import { LibraryText } from './library.js';

// ---- 服务包 ------------------------------------------------------------------------------

export const COMMITMENT_KIND_VALUES = ['policy', 'land', 'approval', 'problem'] as const;
export const COMMITMENT_STATE_VALUES = ['open', 'in_progress', 'delivered', 'confirmed', 'returned'] as const;
const CommitmentKind = z.enum(COMMITMENT_KIND_VALUES);
const CommitmentState = z.enum(COMMITMENT_STATE_VALUES);
const ByState = z.record(z.string(), z.number());
export const CommitmentLink = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('project'), projectId: z.number().int().positive() }),
  z.object({ kind: z.literal('parcel'), parcel: LibraryText(100) }),
  z.object({ kind: z.literal('task'), taskId: z.number().int().positive() }),
]);

export const EnterpriseBody = z.object({
  name: LibraryText(200),
  creditCode: LibraryText(30),
  industry: z.string().trim().max(100).default(''),
  address: z.string().trim().max(300).default(''),
  size: z.enum(['大型', '中型', '小型', '微型']).nullable().default(null),
});
export type EnterpriseBody = z.input<typeof EnterpriseBody>;
export const TalentBody = z.object({
  name: LibraryText(100),
  category: LibraryText(100),
  field: z.string().trim().max(100).default(''),
  enterpriseId: z.number().int().positive().nullable().default(null),
});
export const PackageBody = z.object({
  holder: z.object({ kind: z.enum(['enterprise', 'talent']), id: z.number().int().positive() }),
  year: z.number().int().min(2000).max(2100),
  butler: LibraryText(50),
});
export const CommitmentBody = z.object({
  kind: CommitmentKind,
  title: LibraryText(500),
  responsibleUnitId: z.number().int().positive(),
  butler: LibraryText(50),
  workingDays: z.number().int().min(1).max(365).optional(),
  dueOn: IsoDate.optional(),
  links: z.array(CommitmentLink).max(20).default([]),
});
export type CommitmentBody = z.input<typeof CommitmentBody>;
export const CommitmentAssignBody = z.object({
  title: LibraryText(500).optional(),
  responsibleUnitId: z.number().int().positive().optional(),
  butler: LibraryText(50).optional(),
  workingDays: z.number().int().min(1).max(365).optional(),
  dueOn: IsoDate.optional(),
  version: z.number().int().optional(),
});
export const CommitmentEventBody = z.intersection(
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('started') }),
    z.object({
      type: z.literal('delivered'),
      evidence: z.array(LibraryText(500)).min(1).max(20),
      note: z.string().max(1000).optional(),
    }),
    z.object({ type: z.literal('confirmed'), satisfaction: Satisfaction }),
    z.object({ type: z.literal('returned'), reason: LibraryText(500) }),
    z.object({
      type: z.literal('reopened'),
      reason: LibraryText(500),
      workingDays: z.number().int().min(1).max(365).optional(),
    }),
    z.object({ type: z.literal('linked'), link: CommitmentLink }),
    z.object({ type: z.literal('unlinked'), link: CommitmentLink }),
  ]),
  z.object({ version: z.number().int().optional() }),
);
export type CommitmentEventBody = z.input<typeof CommitmentEventBody>;

export const Commitment = z.object({
  id: z.number().int(),
  packageId: z.number().int(),
  kind: CommitmentKind,
  title: z.string(),
  responsibleUnitId: z.number().int(),
  butler: z.string(),
  openedOn: IsoDate,
  workingDays: z.number().int().nullable(),
  dueOn: IsoDate,
  state: CommitmentState,
  evidence: z.array(z.string()),
  deliveredOn: IsoDate.nullable(),
  confirmedOn: IsoDate.nullable(),
  satisfaction: Satisfaction.nullable(),
  links: z.array(CommitmentLink),
  note: z.string().nullable(),
  version: z.number().int(),
});
export type Commitment = z.infer<typeof Commitment>;
const Holder = z.object({ kind: z.enum(['enterprise', 'talent']), id: z.number().int(), name: z.string() });
export const CommitmentRow = Commitment.extend({
  holder: Holder.nullable(),
  year: z.number().int().nullable(),
  health: z.string(),
  overdue: z.boolean(),
});
export type CommitmentRow = z.infer<typeof CommitmentRow>;

const Group = z.object({
  key: z.union([z.string(), z.number()]),
  total: z.number(),
  byState: ByState,
  overdue: z.number(),
});
export const ServiceOverview = z.object({
  year: z.number().int(),
  date: IsoDate,
  fulfilment: z.object({
    year: z.number().int(),
    packages: z.number(),
    fulfilled: z.number(),
    fulfilledIds: z.array(z.number().int()),
    commitments: z.number(),
    byState: ByState,
    confirmed: z.number(),
    overdue: z.number(),
  }),
  byUnit: z.array(Group),
  byButler: z.array(Group),
  packages: z.array(
    z.object({
      id: z.number().int(),
      year: z.number().int(),
      butler: z.string(),
      holder: Holder,
      commitments: z.number(),
      confirmed: z.number(),
      overdue: z.number(),
      fulfilled: z.boolean(),
    }),
  ),
});
export type ServiceOverview = z.infer<typeof ServiceOverview>;

export const EnterpriseRequestBody = z.object({
  enterpriseId: z.number().int().positive(),
  packageId: z.number().int().positive().nullable().optional(),
  text: LibraryText(4000),
  category: LibraryText(50),
  butler: LibraryText(50).optional(),
});
export const EnterpriseRequestEventBody = z.intersection(
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('dispatched'), unitId: z.number().int().positive() }),
    z.object({ type: z.literal('signed') }),
    z.object({ type: z.literal('paused'), reason: LibraryText(500) }),
    z.object({ type: z.literal('resumed') }),
    z.object({ type: z.literal('replied'), text: LibraryText(4000) }),
    z.object({ type: z.literal('closed'), satisfaction: Satisfaction.nullable() }),
    z.object({ type: z.literal('reopened'), reason: LibraryText(500) }),
  ]),
  z.object({ version: z.number().int().optional() }),
);

/** The public's view of the year's 服务包 and 企业诉求: counts only. */
export const PublicServiceView = z.strictObject({
  year: z.number().int(),
  asOf: IsoDate,
  packages: z.strictObject({
    total: z.number().int(),
    enterprise: z.number().int(),
    talent: z.number().int(),
    fulfilled: z.number().int(),
  }),
  commitments: z.strictObject({
    total: z.number().int(),
    byKind: z.record(z.string(), z.number().int()),
    byState: z.record(z.string(), z.number().int()),
    overdue: z.number().int(),
  }),
  requests: z.strictObject({
    received: z.number().int(),
    closed: z.number().int(),
    satisfied: z.number().int(),
    rated: z.number().int(),
  }),
});
export type PublicServiceView = z.infer<typeof PublicServiceView>;

export const Enterprise = z.object({
  id: z.number().int(),
  name: z.string(),
  creditCode: z.string(),
  industry: z.string(),
  address: z.string(),
  size: z.enum(['大型', '中型', '小型', '微型']).nullable(),
  version: z.number().int().optional(),
});
export type Enterprise = z.infer<typeof Enterprise>;
export const Talent = z.object({
  id: z.number().int(),
  name: z.string(),
  category: z.string(),
  field: z.string(),
  enterpriseId: z.number().int().nullable(),
});
export const ServicePackage = z.object({
  id: z.number().int(),
  holder: z.object({ kind: z.enum(['enterprise', 'talent']), id: z.number().int() }),
  year: z.number().int(),
  butler: z.string(),
});
export const EnterpriseRequest = z.object({
  id: z.number().int(),
  enterpriseId: z.number().int(),
  packageId: z.number().int().nullable(),
  text: z.string(),
  category: z.string(),
  receivedAt: Timestamp,
  butler: z.string(),
  status: z.enum(['received', 'dispatched', 'signed', 'replied', 'closed']),
  leadUnitId: z.number().int().nullable(),
  rules: z.object({ sign: DeadlineRule, finish: DeadlineRule }).nullable(),
  deadlines: z.object({ sign: Deadline, finish: Deadline }).nullable(),
  pauses: z.array(z.object({ from: Timestamp, to: Timestamp })),
  pausedAt: Timestamp.nullable(),
  signedAt: Timestamp.nullable(),
  repliedAt: Timestamp.nullable(),
  reply: z.string().nullable(),
  closedAt: Timestamp.nullable(),
  satisfaction: Satisfaction.nullable(),
  reopenCount: z.number().int(),
  version: z.number().int(),
});
export type EnterpriseRequest = z.infer<typeof EnterpriseRequest>;
export const EnterpriseRequestRow = EnterpriseRequest.extend({
  overdue: z.array(
    z.object({
      requestId: z.number().int(),
      step: z.enum(['sign', 'finish']),
      unitId: z.number().int(),
      due: Timestamp,
      hoursLate: z.number(),
    }),
  ),
});
export type EnterpriseRequestRow = z.infer<typeof EnterpriseRequestRow>;

/** An enterprise with what the viewer may see of it (staff only). */
export const EnterpriseDetail = z.object({
  enterprise: Enterprise,
  packages: z.array(
    ServicePackage.extend({
      fulfilled: z.boolean(),
      commitments: z.array(
        Commitment.extend({
          health: z.string(),
          overdue: z.boolean(),
          events: z.array(z.object({ type: z.string(), on: IsoDate, seq: z.number().int() })),
        }),
      ),
    }),
  ),
  requests: z.array(EnterpriseRequestRow),
  projects: z.array(
    z.object({ id: z.number().int(), name: z.string(), library: z.string(), stage: z.string() }),
  ),
  talents: z.array(Talent),
});
export type EnterpriseDetail = z.infer<typeof EnterpriseDetail>;
