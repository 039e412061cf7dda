/**
 * The contract of the 项目库 and 服务包 (issue 17): what clients send (bodies, `z.input`) and what
 * the server answers (`z.infer`). Enterprises' data is staff-only; the public views below carry
 * numbers only, and their schemas strip anything else (the serializer parses every answer).
 */
import { z } from 'zod';
import { Id, IsoDate, Month, Timestamp, pageOf } from './common.js';
import { Deadline, DeadlineRule, Satisfaction } from './requests.js';

const Text = (max: number) => z.string().trim().min(1).max(max);
const Wan = z.number().min(0).max(1e9).describe('万元');

export const GeoPoint = z.object({ lng: z.number().min(-180).max(180), lat: z.number().min(-90).max(90) });
export const StageEntry = z.object({ stage: z.string(), date: IsoDate, reason: z.string().optional() });
export const Milestone = z.object({ stage: z.string(), planned: IsoDate });
export const AnnualPlan = z.object({
  year: z.number().int().min(2000).max(2100),
  planned: Wan,
  monthly: z.array(Wan).length(12).optional(),
});
export const MonthlyInvestment = z.object({ month: Month, amount: Wan });
export const YearTarget = z.object({
  year: z.number().int(),
  stage: z.string(),
  step: z.string(),
  source: z.object({ planId: z.number().int().optional(), quote: z.string().optional() }).optional(),
});
export const ProgressReport = z.object({
  date: IsoDate,
  note: Text(2000),
  percent: z.number().min(0).max(100).optional(),
});

/** A library project as staff read it. */
export const LibraryProject = z.object({
  id: z.number().int(),
  version: z.number().int(),
  name: z.string(),
  aliases: z.array(z.string()),
  library: z.string(),
  class: z.enum(['A', 'B', 'C']),
  history: z.array(StageEntry),
  totalInvestment: z.number().nullable(),
  annualPlans: z.array(AnnualPlan),
  investments: z.array(MonthlyInvestment),
  parcel: z.string().nullable(),
  location: GeoPoint.nullable(),
  leadUnitId: z.number().int().nullable(),
  leader: z.string().nullable(),
  enterpriseId: z.number().int().nullable(),
  milestones: z.array(Milestone),
  targets: z.array(YearTarget),
  progress: z.array(ProgressReport),
  statsRegisteredOn: IsoDate.nullable(),
  exited: z.object({ date: IsoDate, reason: z.string() }).nullable(),
});
export type LibraryProject = z.infer<typeof LibraryProject>;

const projectFields = {
  name: Text(200),
  aliases: z.array(Text(200)).max(20),
  library: Text(40),
  class: z.enum(['A', 'B', 'C']),
  totalInvestment: Wan.nullable(),
  annualPlans: z.array(AnnualPlan).max(50),
  parcel: z.string().trim().max(100).nullable(),
  location: GeoPoint.nullable(),
  leadUnitId: z.number().int().positive().nullable(),
  leader: z.string().trim().max(50).nullable(),
  enterpriseId: z.number().int().positive().nullable(),
  milestones: z.array(Milestone).max(20),
  statsRegisteredOn: IsoDate.nullable(),
};

/** A new project: its first stage and day, and what else is known. */
export const LibraryProjectCreate = z.object({
  ...projectFields,
  aliases: projectFields.aliases.default([]),
  class: projectFields.class.default('B'),
  totalInvestment: projectFields.totalInvestment.default(null),
  annualPlans: projectFields.annualPlans.default([]),
  parcel: projectFields.parcel.default(null),
  location: projectFields.location.default(null),
  leadUnitId: projectFields.leadUnitId.default(null),
  leader: projectFields.leader.default(null),
  enterpriseId: projectFields.enterpriseId.default(null),
  milestones: projectFields.milestones.default([]),
  statsRegisteredOn: projectFields.statsRegisteredOn.default(null),
  stage: Text(20),
  stageDate: IsoDate,
});
export type LibraryProjectCreate = z.input<typeof LibraryProjectCreate>;

export const LibraryProjectPatch = z
  .object({ ...projectFields, version: z.number().int().optional() })
  .partial();
export type LibraryProjectPatch = z.input<typeof LibraryProjectPatch>;

export const StageChangeBody = z.object({
  stage: Text(20),
  date: IsoDate,
  reason: z.string().trim().max(500).optional(),
  version: z.number().int().optional(),
});
export const ExitBody = z.object({ date: IsoDate, reason: Text(500), version: z.number().int().optional() });
export const InvestmentsBody = z.object({
  figures: z.array(MonthlyInvestment).min(1).max(240),
  reason: z.string().trim().max(500).optional(),
});
export const MatchDecisionBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('confirm'), projectId: z.number().int().positive() }),
  z.object({
    action: z.literal('create'),
    choice: z
      .object({
        library: z.string().optional(),
        class: z.enum(['A', 'B', 'C']).optional(),
        stage: z.string().optional(),
        date: IsoDate.optional(),
      })
      .optional(),
  }),
  z.object({ action: z.literal('reject') }),
]);
export type MatchDecisionBody = z.input<typeof MatchDecisionBody>;

export const LibraryListQuery = z.object({
  library: z.string().optional(),
  unitId: Id.optional(),
  date: IsoDate.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const Why = z.object({ code: z.string(), params: z.record(z.string(), z.unknown()) });
export const PromiseView = z.object({
  id: z.number().int(),
  planId: z.number().int(),
  year: z.number().int(),
  written: z.string(),
  named: z.array(z.string()),
  quote: z.string(),
  promised: z.number(),
  counted: z.number(),
  expected: z.number(),
  met: z.boolean(),
  why: Why,
  projectIds: z.array(z.number().int()),
});
export type PromiseView = z.infer<typeof PromiseView>;
const StageName = z.object({ id: z.string(), name: z.string(), role: z.string().nullable() });

export const LibraryBoard = z.object({
  date: IsoDate,
  year: z.number().int(),
  libraries: z.array(z.object({ code: z.string(), name: z.string() })),
  stages: z.array(StageName),
  board: z.object({
    byLibrary: z.record(z.string(), z.record(z.string(), z.number())),
    total: z.record(z.string(), z.number()),
  }),
  inLibrary: z.number(),
  promises: z.array(PromiseView),
});
export type LibraryBoard = z.infer<typeof LibraryBoard>;

const Listed = {
  projectId: z.number().int(),
  name: z.string(),
  library: z.string(),
  class: z.enum(['A', 'B', 'C']),
  leadUnitId: z.number().int().nullable(),
  stage: z.string(),
};
export const IDLE_KIND_VALUES = [
  'approved_not_started',
  'started_not_building',
  'building_not_finished',
] as const;
export const IdleList = z.object({
  date: IsoDate,
  kind: z.string(),
  counts: z.record(z.string(), z.number()),
  late: z.number(),
  page: pageOf(
    z.object({
      ...Listed,
      kind: z.string(),
      since: IsoDate,
      days: z.number(),
      next: z.string(),
      plannedBy: IsoDate.nullable(),
      late: z.boolean(),
    }),
  ),
});
export type IdleList = z.infer<typeof IdleList>;
export const StaleList = z.object({
  date: IsoDate,
  months: z.number(),
  page: pageOf(z.object({ ...Listed, lastProgress: IsoDate, months: z.number() })),
});
export type StaleList = z.infer<typeof StaleList>;

const LampSchema = z.object({
  kind: z.string(),
  color: z.enum(['green', 'yellow', 'red', 'grey']),
  why: Why,
  reason: z.string(),
});
export const LibraryProjectDetail = z.object({
  date: IsoDate,
  project: LibraryProject,
  lamps: z.object({
    start: LampSchema,
    pace: LampSchema,
    funds: LampSchema,
    stats: LampSchema,
    overall: z.enum(['green', 'yellow', 'red', 'grey']),
  }),
  timeline: z.array(
    z.object({
      year: z.number().int(),
      target: YearTarget.nullable(),
      verdict: z.enum(['reached', 'already', 'missed', 'pending']).nullable(),
      reachedOn: IsoDate.nullable(),
      planned: z.number().nullable(),
      completed: z.number(),
      changes: z.array(
        z.object({ stage: z.string(), date: IsoDate, reason: z.string().optional(), back: z.boolean() }),
      ),
    }),
  ),
  investment: z.object({
    total: z.number().nullable(),
    year: z.number().int(),
    yearPlanned: z.number().nullable(),
    yearCompleted: z.number(),
    completedToDate: z.number(),
    yearShare: z.number().nullable(),
    totalShare: z.number().nullable(),
  }),
  reports: z.array(
    z.object({
      planId: z.number().int(),
      planTitle: z.string(),
      year: z.number().int(),
      name: z.string(),
      step: z.string(),
      kind: z.enum(['target', 'achievement']),
      state: z.string(),
    }),
  ),
  stages: z.array(StageName),
});
export type LibraryProjectDetail = z.infer<typeof LibraryProjectDetail>;

/** What an imported ledger did. */
export const LedgerImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  packagesCreated: z.number().int(),
  enterprisesCreated: z.number().int(),
});
export type LedgerImportResult = z.infer<typeof LedgerImportResult>;

/** The public's view of the library: numbers only. */
export const PublicLibraryView = z.strictObject({
  year: z.number().int(),
  asOf: IsoDate,
  inLibrary: z.number().int(),
  byStage: z.array(z.strictObject({ stage: z.string(), count: z.number().int() })),
  promises: z.array(
    z.strictObject({ written: z.string(), promised: z.number(), counted: z.number(), met: z.boolean() }),
  ),
});
export type PublicLibraryView = z.infer<typeof PublicLibraryView>;

// ---- 服务包 ------------------------------------------------------------------------------

export const COMMITMENT_KIND_VALUES = ['policy', 'land', 'approval', 'problem'] as const;
export const COMMITMENT_STATE_VALUES = ['open', 'in_progress', 'delivered', 'confirmed', 'returned'] as const;
const CommitmentKind = z.enum(COMMITMENT_KIND_VALUES);
const CommitmentState = z.enum(COMMITMENT_STATE_VALUES);
const ByState = z.record(z.string(), z.number());
export const CommitmentLink = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('project'), projectId: z.number().int().positive() }),
  z.object({ kind: z.literal('parcel'), parcel: Text(100) }),
  z.object({ kind: z.literal('task'), taskId: z.number().int().positive() }),
]);

export const EnterpriseBody = z.object({
  name: Text(200),
  creditCode: Text(30),
  industry: z.string().trim().max(100).default(''),
  address: z.string().trim().max(300).default(''),
  size: z.enum(['大型', '中型', '小型', '微型']).nullable().default(null),
});
export type EnterpriseBody = z.input<typeof EnterpriseBody>;
export const TalentBody = z.object({
  name: Text(100),
  category: Text(100),
  field: z.string().trim().max(100).default(''),
  enterpriseId: z.number().int().positive().nullable().default(null),
});
export const PackageBody = z.object({
  holder: z.object({ kind: z.enum(['enterprise', 'talent']), id: z.number().int().positive() }),
  year: z.number().int().min(2000).max(2100),
  butler: Text(50),
});
export const CommitmentBody = z.object({
  kind: CommitmentKind,
  title: Text(500),
  responsibleUnitId: z.number().int().positive(),
  butler: Text(50),
  workingDays: z.number().int().min(1).max(365).optional(),
  dueOn: IsoDate.optional(),
  links: z.array(CommitmentLink).max(20).default([]),
});
export type CommitmentBody = z.input<typeof CommitmentBody>;
export const CommitmentAssignBody = z.object({
  title: Text(500).optional(),
  responsibleUnitId: z.number().int().positive().optional(),
  butler: Text(50).optional(),
  workingDays: z.number().int().min(1).max(365).optional(),
  dueOn: IsoDate.optional(),
  version: z.number().int().optional(),
});
export const CommitmentEventBody = z.intersection(
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('started') }),
    z.object({
      type: z.literal('delivered'),
      evidence: z.array(Text(500)).min(1).max(20),
      note: z.string().max(1000).optional(),
    }),
    z.object({ type: z.literal('confirmed'), satisfaction: Satisfaction }),
    z.object({ type: z.literal('returned'), reason: Text(500) }),
    z.object({
      type: z.literal('reopened'),
      reason: Text(500),
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
  text: Text(4000),
  category: Text(50),
  butler: Text(50).optional(),
});
export const EnterpriseRequestEventBody = z.intersection(
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('dispatched'), unitId: z.number().int().positive() }),
    z.object({ type: z.literal('signed') }),
    z.object({ type: z.literal('paused'), reason: Text(500) }),
    z.object({ type: z.literal('resumed') }),
    z.object({ type: z.literal('replied'), text: Text(4000) }),
    z.object({ type: z.literal('closed'), satisfaction: Satisfaction.nullable() }),
    z.object({ type: z.literal('reopened'), reason: Text(500) }),
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

export const LibraryMatchRun = z.object({
  planId: z.number().int(),
  year: z.number().int(),
  byState: z.record(z.string(), z.number()),
  targetsSet: z.number().int(),
  promises: z.number().int(),
  unread: z.array(z.object({ written: z.string(), promised: z.number(), reason: z.string() })),
});
export const LibraryMatchDecided = z.object({
  id: z.number().int(),
  planId: z.number().int(),
  planProjectId: z.number().int(),
  libraryProjectId: z.number().int().nullable(),
  targetStage: z.string().nullable(),
  state: z.string(),
});
export const PlanLibraryMatches = z.object({
  planId: z.number().int(),
  year: z.number().int(),
  byState: z.record(z.string(), z.number()),
  matches: z.array(
    z.object({
      id: z.number().int(),
      planProjectId: z.number().int(),
      name: z.string(),
      step: z.string(),
      kind: z.enum(['target', 'achievement']),
      outcome: z.string(),
      confidence: z.number(),
      state: z.string(),
      libraryProjectId: z.number().int().nullable(),
      libraryProjectName: z.string().nullable(),
      targetStage: z.string().nullable(),
      candidates: z.array(
        z.object({
          projectId: z.number().int(),
          name: z.string(),
          library: z.string(),
          stage: z.string().nullable(),
          confidence: z.number(),
          via: z.string(),
        }),
      ),
    }),
  ),
  promises: z.array(PromiseView),
});
export type PlanLibraryMatches = z.infer<typeof PlanLibraryMatches>;

/** The map: located projects over the jurisdiction's own boundary (GeoJSON), when loaded. */
export const LibraryMap = z.object({
  libraries: z.array(z.object({ code: z.string(), name: z.string() })),
  stages: z.array(StageName),
  boundary: z.record(z.string(), z.unknown()).nullable(),
  points: z.array(
    z.object({
      id: z.number().int(),
      name: z.string(),
      library: z.string(),
      stage: z.string(),
      leadUnitId: z.number().int().nullable(),
      lng: z.number(),
      lat: z.number(),
      exited: z.boolean(),
    }),
  ),
});
export type LibraryMap = z.infer<typeof LibraryMap>;
