/**
 * What clients see: zod schemas of every resource the API returns, with inferred types that
 * web/ imports (a schema and its type share one name). Request schemas live beside their
 * routes. Registered ids become `components.schemas` in the OpenAPI document.
 */
import { z } from 'zod';

export const Span = z
  .tuple([z.int(), z.int()])
  .describe('[start, end) in UTF-16 code units of the plan text');
export const Comparator = z.enum(['>=', '>', '<=', '~', '=']).describe('以上 / 超过 / 以内 / 左右 / exact');
export const ItemKind = z.enum(['target', 'achievement']);
export const Role = z.enum(['admin', 'supervisor', 'reporter', 'leader']);
export type Role = z.infer<typeof Role>;
export const PlanState = z.enum(['draft', 'published']);
export const TaskState = z.enum(['not_started', 'in_progress', 'done', 'closed']);
export const UnitKind = z.enum(['department', 'town', 'street', 'enterprise', 'other']);
export const ProjectStage = z.enum(['储备', '签约', '开工', '建成投用']);
/** ISO calendar date, YYYY-MM-DD. */
export const IsoDate = z.iso.date();

/** A list answer: one page of items and the total that matched the filters. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.int().min(0) });
}

export const Unit = z
  .object({
    id: z.int(),
    name: z.string(),
    kind: UnitKind,
    area: z
      .string()
      .optional()
      .describe('the street or town a street or town office governs (属地 dispatch); absent for others'),
  })
  .meta({ id: 'Unit', description: '牵头单位 / 配合单位: a department, town or street' });
export type Unit = z.infer<typeof Unit>;

export const User = z
  .object({
    id: z.int(),
    username: z.string(),
    displayName: z.string(),
    role: Role,
    unitIds: z.array(z.int()),
    disabled: z.boolean(),
  })
  .meta({ id: 'User' });
export type User = z.infer<typeof User>;

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

export const Plan = z
  .object({
    id: z.int(),
    title: z.string(),
    place: z.string(),
    level: z.string(),
    year: z.int(),
    state: PlanState,
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

export const Baseline = z
  .object({ value: z.number(), unit: z.string(), period: z.string(), achievementId: z.int() })
  .meta({ id: 'Baseline' });

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

/** Who is asking, as /me and sign-in answer it. */
export const Me = z
  .object({
    user: User,
    csrfToken: z
      .string()
      .nullable()
      .describe('send it as x-csrf-token on every cookie-authenticated write; null for API tokens'),
  })
  .meta({ id: 'Me' });
export type Me = z.infer<typeof Me>;

export const ApiToken = z
  .object({
    id: z.int(),
    name: z.string(),
    token: z.string().describe('shown once: send it as `Authorization: Bearer …`'),
  })
  .meta({ id: 'ApiToken' });
export type ApiToken = z.infer<typeof ApiToken>;

/** Query fields every list accepts. */
export const pageQueryShape = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};

/** A positive integer id in a path. */
export const Id = z.coerce.number().int().positive();
