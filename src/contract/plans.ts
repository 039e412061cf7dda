/**
 * A plan and what the report puts in it: the plan, its outline, targets, achievements, tasks,
 * project lists and projects, with the queries and writes of each. Answers are checked against
 * the domain types they present (domain-fit.ts), so a field added on one side fails to compile.
 * Registered ids become `components.schemas` in the OpenAPI document.
 */
import { z } from 'zod';
import {
  Comparator,
  Id,
  IsoDate,
  ItemKind,
  PlanState,
  ProjectStage,
  Span,
  TaskState,
  pageQueryShape,
} from './common.js';

/** What the report says of itself (`level` as written: 国家, 省, 市, 区县). */
export const ReportMeta = z
  .object({
    title: z.string().optional(),
    place: z.string().optional(),
    level: z.string().optional(),
    year: z.int().optional(),
    deliveredOn: z.string().optional(),
    meeting: z.string().optional(),
    speaker: z.string().optional(),
    speakerTitle: z.string().optional(),
  })
  .meta({ id: 'ReportMeta' });
export type ReportMeta = z.infer<typeof ReportMeta>;

export const Plan = z
  .object({
    id: z.int(),
    title: z.string(),
    place: z.string(),
    level: z.string(),
    year: z.int(),
    state: PlanState,
    kind: z
      .enum(['report', 'ledger'])
      .describe(
        "report: read from a work report; ledger: a year's 督查督办事项台账 of other work (never listed as a plan)",
      ),
    version: z.int().describe('send it back with a PATCH: a stale version answers 409'),
    meta: ReportMeta,
    sourceName: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    publishedAt: z.string().nullable(),
  })
  .meta({ id: 'Plan' });
export type Plan = z.infer<typeof Plan>;

export const PlanSummary = z
  .object({
    plan: Plan,
    counts: z.object({
      outline: z.int(),
      targets: z.int(),
      achievements: z.int(),
      tasks: z.int(),
      projects: z.int(),
      projectLists: z.int(),
      tasksAssigned: z.int(),
    }),
  })
  .meta({ id: 'PlanSummary' });
export type PlanSummary = z.infer<typeof PlanSummary>;

/**
 * What the reader found odd in an imported report (a chapter heading missed, no plan zone, a
 * part much longer than usual, no period), with the words it points at: said before anything
 * is published (issue 13).
 */
export const ReaderWarning = z
  .object({ code: z.string(), message: z.string(), span: Span.optional(), excerpt: z.string() })
  .meta({ id: 'ReaderWarning' });
export type ReaderWarning = z.infer<typeof ReaderWarning>;

/** An import's answer: the new plan with its counts, and the reader's warnings. */
export const ImportSummary = PlanSummary.extend({ warnings: z.array(ReaderWarning) }).meta({
  id: 'ImportSummary',
});
export type ImportSummary = z.infer<typeof ImportSummary>;

/** How sure the reader is of one thing it read (0–1), found by its span; reasons as codes. */
export const Doubt = z.object({ span: Span, confidence: z.number(), doubts: z.array(z.string()) });
export type Doubt = z.infer<typeof Doubt>;

/** The reader's confidence in each item, project and heading of a plan's report, for the review mode. */
export const ExtractionDoubts = z
  .object({ items: z.array(Doubt), projects: z.array(Doubt), outline: z.array(Doubt) })
  .meta({ id: 'ExtractionDoubts' });
export type ExtractionDoubts = z.infer<typeof ExtractionDoubts>;

export const PlanListQuery = z.object({ ...pageQueryShape, state: PlanState.optional() });
/** What a client may send: every field optional (the server fills the defaults). */
export type PlanListQuery = Partial<z.infer<typeof PlanListQuery>>;

/** A new title, or 发布 / 撤回 (state), with the version read. */
export const PlanPatch = z
  .object({
    title: z.string().trim().min(1).max(200).optional(),
    state: PlanState.optional(),
    version: z.int().min(0).describe('the version you read; a stale one answers 409'),
  })
  .strict();
export type PlanPatch = z.input<typeof PlanPatch>;

export const OutlineNode = z
  .object({
    id: z.int(),
    planId: z.int(),
    parentId: z.int().nullable(),
    level: z.union([z.literal(1), z.literal(2), z.literal(3)]),
    title: z.string(),
    span: Span,
    position: z.int(),
    weight: z.number(),
  })
  .meta({ id: 'OutlineNode' });
export type OutlineNode = z.infer<typeof OutlineNode>;

/** Assignment fields; `leader` (a person's name) is left out of public answers. */
const assignmentShape = {
  leadUnitId: z.int().nullable(),
  coUnitIds: z.array(z.int()),
  leader: z.string().nullable().optional().describe('responsible leader; absent in public answers'),
  deadline: z.string().nullable(),
  weight: z.number(),
};
/** Who owns an item, and by when (牵头单位, 配合单位, 责任领导, deadline, weight). */
export const Assignment = z.object(assignmentShape);
export type Assignment = z.infer<typeof Assignment>;

export const Baseline = z
  .object({ value: z.number(), unit: z.string(), period: z.string(), achievementId: z.int() })
  .meta({ id: 'Baseline' });
export type Baseline = z.infer<typeof Baseline>;

export const Target = z
  .object({
    id: z.int(),
    planId: z.int(),
    outlineNodeId: z.int().nullable(),
    taskId: z.int().nullable(),
    metric: z.string(),
    comparator: Comparator,
    value: z.number(),
    unit: z.string(),
    period: z.string(),
    direction: z.enum(['rising', 'falling']).nullable(),
    span: Span,
    quote: z.string(),
    sentence: z.string(),
    baseline: Baseline.nullable(),
    version: z.int(),
    ...assignmentShape,
  })
  .meta({ id: 'Target' });
export type Target = z.infer<typeof Target>;

export const Achievement = z
  .object({
    id: z.int(),
    planId: z.int(),
    outlineNodeId: z.int().nullable(),
    metric: z.string(),
    comparator: Comparator,
    value: z.number(),
    unit: z.string(),
    period: z.string(),
    span: Span,
    quote: z.string(),
  })
  .meta({ id: 'Achievement' });
export type Achievement = z.infer<typeof Achievement>;

export const Task = z
  .object({
    id: z.int(),
    planId: z.int(),
    outlineNodeId: z.int().nullable(),
    text: z.string(),
    span: Span,
    state: TaskState,
    progress: z.number(),
    version: z.int(),
    carriedFrom: z
      .int()
      .nullable()
      .describe("the earlier plan's task this one was carried over from (结转); null for the report's own"),
    ...assignmentShape,
  })
  .meta({ id: 'Task' });
export type Task = z.infer<typeof Task>;

export const ProjectList = z
  .object({
    id: z.int(),
    planId: z.int(),
    taskId: z.int().nullable(),
    stage: z.string(),
    count: z.int().nullable(),
    kind: ItemKind,
    span: Span,
  })
  .meta({ id: 'ProjectList' });
export type ProjectList = z.infer<typeof ProjectList>;

export const Project = z
  .object({
    id: z.int(),
    planId: z.int(),
    listId: z.int(),
    taskId: z.int().nullable(),
    name: z.string(),
    stage: z.string(),
    kind: ItemKind,
    span: Span,
    currentStage: ProjectStage,
    stageDates: z.partialRecord(ProjectStage, z.string()),
    version: z.int(),
  })
  .meta({ id: 'Project' });
export type Project = z.infer<typeof Project>;

// ---- queries and writes ------------------------------------------------------------------------

const search = z.string().trim().min(1).max(200);

export const TaskQuery = z.object({
  ...pageQueryShape,
  unitId: Id.optional().describe('lead unit or co-unit'),
  state: TaskState.optional(),
  outlineNodeId: Id.optional(),
  overdueOn: IsoDate.optional().describe('tasks due before this date and not done or closed'),
  q: search.optional(),
});
/** What a client may send: every field optional (the server fills the defaults). */
export type TaskQuery = Partial<z.infer<typeof TaskQuery>>;

export const TargetQuery = z.object({
  ...pageQueryShape,
  unitId: Id.optional().describe('lead unit or co-unit'),
  outlineNodeId: Id.optional(),
  q: search.optional(),
});
export type TargetQuery = Partial<z.infer<typeof TargetQuery>>;

export const AchievementQuery = z.object({ ...pageQueryShape, q: search.optional() });
export type AchievementQuery = Partial<z.infer<typeof AchievementQuery>>;

export const ProjectQuery = z.object({ ...pageQueryShape, listId: Id.optional(), q: search.optional() });
export type ProjectQuery = Partial<z.infer<typeof ProjectQuery>>;

/** The assignment fields a task or target update may change. */
export const assignmentPatchShape = {
  leadUnitId: z.int().positive().nullable().optional().describe('牵头单位; null to clear'),
  coUnitIds: z.array(z.int().positive()).max(100).optional().describe('配合单位'),
  leader: z.string().trim().min(1).max(100).nullable().optional().describe('责任领导'),
  deadline: IsoDate.nullable().optional().describe('YYYY-MM-DD; null to clear'),
  weight: z.number().min(0).max(1000).optional(),
  reason: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .describe('why a published deadline moves (kept with the re-baseline)'),
  explanation: z
    .string()
    .trim()
    .max(2000)
    .optional()
    .describe('偏差说明: required when a published deadline slips past the plan threshold from its original'),
};

export const TargetPatch = z.object({ ...assignmentPatchShape, version: z.int().min(0) }).strict();
export type TargetPatch = z.input<typeof TargetPatch>;

export const TaskPatch = z
  .object({
    ...assignmentPatchShape,
    state: TaskState.optional(),
    progress: z.number().min(0).max(100).optional(),
    version: z.int().min(0),
  })
  .strict();
export type TaskPatch = z.input<typeof TaskPatch>;

export const ProjectPatch = z
  .object({
    currentStage: ProjectStage.optional(),
    stageDates: z.partialRecord(ProjectStage, IsoDate).optional(),
    version: z.int().min(0),
  })
  .strict();
export type ProjectPatch = z.input<typeof ProjectPatch>;

/**
 * A row whose state its own quote contradicts (src/plan/contradictions.ts), for the plan office
 * to resolve after import: a project's stage behind what its quote says, a target read in the
 * direction its metric denies, a promise due before the report's year, a result dated after it.
 */
export const Contradiction = z
  .object({
    rule: z.enum(['stage_behind_quote', 'direction_vs_metric', 'promise_before_year', 'result_after_year']),
    subject: z.object({ type: z.enum(['project', 'target', 'achievement']), id: z.int() }),
    name: z.string(),
    quote: z.string().describe('the words of the report the row was read from'),
    stated: z.string().describe('what the row states: a stage, a direction, a period'),
    implied: z.string().describe('what the quote implies instead'),
  })
  .meta({ id: 'Contradiction' });
export type Contradiction = z.infer<typeof Contradiction>;
