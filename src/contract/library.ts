/**
 * The contract of the 项目库 and 服务包 (issue 17): what clients send (bodies, `z.input`) and what
 * the server answers (`z.infer`). Enterprises' data is staff-only; the public views below carry
 * numbers only, and their schemas strip anything else (the serializer parses every answer).
 */
import { z } from 'zod';
import { Id, IsoDate, Month, pageOf } from './common.js';

/** A required text of at most `max` characters (trimmed). */
export const LibraryText = (max: number) => z.string().trim().min(1).max(max);
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
  note: LibraryText(2000),
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
  name: LibraryText(200),
  aliases: z.array(LibraryText(200)).max(20),
  library: LibraryText(40),
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
  stage: LibraryText(20),
  stageDate: IsoDate,
});
export type LibraryProjectCreate = z.input<typeof LibraryProjectCreate>;

export const LibraryProjectPatch = z
  .object({ ...projectFields, version: z.number().int().optional() })
  .partial();
export type LibraryProjectPatch = z.input<typeof LibraryProjectPatch>;

export const StageChangeBody = z.object({
  stage: LibraryText(20),
  date: IsoDate,
  reason: z.string().trim().max(500).optional(),
  version: z.number().int().optional(),
});
export const ExitBody = z.object({
  date: IsoDate,
  reason: LibraryText(500),
  version: z.number().int().optional(),
});
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
  /** The years of the jurisdiction's plans, latest first (the board's choice of year). */
  years: z.array(z.number().int()),
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
