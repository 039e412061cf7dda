/**
 * What clients see of health (issue 4): a health with its colour, label and why (a code with
 * its figures, src/plan/health-why.ts), the plan's roll-up, items, the monthly trend, the
 * explanation of a rolled-up figure and an item's history with field differences.
 * Registered ids become `components.schemas` in the OpenAPI document.
 */
import { z } from 'zod';
import { Comparator, Health, IsoDate, ProjectStage, Role, TaskState } from './common.js';

export const HealthColor = z
  .enum(['green', 'yellow', 'red', 'grey'])
  .describe('红黄绿, grey: nothing to judge');
export type HealthColor = z.infer<typeof HealthColor>;

const promise = { comparator: Comparator, value: z.number(), unit: z.string() };
const none = z.object({});

/** Why a health is what it is: one code and its figures; `reason` says it in English. */
export const HealthWhy = z
  .discriminatedUnion('code', [
    z.object({ code: z.literal('STARTS_LATER'), params: z.object({ date: IsoDate }) }),
    z.object({ code: z.literal('NOTHING_DUE'), params: z.object({ date: IsoDate }) }),
    z.object({ code: z.literal('NO_FIGURE_YET'), params: z.object({ date: IsoDate }) }),
    z.object({ code: z.literal('TARGET_ACHIEVED'), params: z.object({ ...promise, actual: z.number() }) }),
    z.object({
      code: z.literal('SPAN_ENDED_MISSED'),
      params: z.object({ ...promise, actual: z.number(), end: IsoDate }),
    }),
    z.object({
      code: z.literal('RATIO_VS_EXPECTED'),
      params: z.object({
        actual: z.number(),
        expected: z.number(),
        unit: z.string(),
        date: IsoDate,
        ratio: z.number(),
        method: z.enum(['linear', 'stepped', 'seasonal', 'flat']),
        stale: z.boolean(),
      }),
    }),
    z.object({ code: z.literal('CLOSED'), params: none }),
    z.object({ code: z.literal('REPORTED_DONE'), params: z.object({ date: IsoDate }) }),
    z.object({
      code: z.literal('NO_REPORT_YET'),
      params: z.object({ date: IsoDate, expected: z.number() }),
    }),
    z.object({
      code: z.literal('PAST_DEADLINE'),
      params: z.object({ deadline: z.string(), progress: z.number() }),
    }),
    z.object({
      code: z.literal('PROGRESS_VS_EXPECTED'),
      params: z.object({
        progress: z.number(),
        expected: z.number(),
        date: IsoDate,
        ratio: z.number(),
        stale: z.boolean(),
      }),
    }),
    z.object({
      code: z.literal('STAGE_REACHED'),
      params: z.object({ reached: z.int(), promised: z.int(), stage: ProjectStage }),
    }),
    z.object({ code: z.literal('NO_COUNT_PROMISED'), params: none }),
    z.object({
      code: z.literal('STAGE_PAST_DEADLINE'),
      params: z.object({ deadline: z.string(), reached: z.int(), promised: z.int(), stage: ProjectStage }),
    }),
    z.object({
      code: z.literal('PROJECT_STAGE_COUNT'),
      params: z.object({
        reached: z.int(),
        stage: ProjectStage,
        expected: z.number(),
        date: IsoDate,
        ratio: z.number(),
      }),
    }),
    z.object({ code: z.literal('NO_PIPELINE_STAGE'), params: z.object({ stage: z.string() }) }),
  ])
  .meta({
    id: 'HealthWhy',
    description:
      'Why, as a code with its figures (dates ISO, ratio 0–1, task progress 0–100, target figures in unit), for clients to say in their own language',
  });
export type HealthWhy = z.infer<typeof HealthWhy>;
export type HealthWhyCode = HealthWhy['code'];

const HealthCounts = z.record(Health, z.int());

/** The health of a node of the outline (or the whole plan): rolled-up progress against expected. */
export const OutlineHealth = z
  .object({
    id: z.string().describe('`plan` or `outline:<id>`'),
    health: Health,
    color: HealthColor,
    label: z.string(),
    progress: z.number().nullable(),
    expected: z.number().nullable(),
    ratio: z.number().nullable(),
    coverage: z.number().nullable().describe('share of the weight backed by approved figures'),
  })
  .meta({ id: 'OutlineHealth' });
export type OutlineHealth = z.infer<typeof OutlineHealth>;

export const PlanHealthAnswer = z
  .object({
    planId: z.int(),
    asOf: IsoDate,
    plan: OutlineHealth.nullable(),
    outline: z.array(OutlineHealth),
    counts: z.object({ tasks: HealthCounts, targets: HealthCounts }),
  })
  .meta({ id: 'PlanHealth' });
export type PlanHealthAnswer = z.infer<typeof PlanHealthAnswer>;

/** A task's, target's or project list's health, with the figures compared and why. */
export const ItemHealth = z
  .object({
    type: z.enum(['task', 'target', 'project-list']),
    id: z.int(),
    state: TaskState.optional(),
    progress: z.number().optional(),
    deadline: z.string().optional().describe('tasks: the deadline in force after approved extensions'),
    extended: z.boolean().optional(),
    health: Health,
    color: HealthColor,
    label: z.string(),
    ratio: z.number().nullable(),
    expected: z.number().nullable(),
    actual: z.number().nullable(),
    comparedAt: IsoDate.nullable(),
    stale: z.boolean(),
    why: HealthWhy,
    reason: z.string().describe('the same as `why`, in one English sentence'),
  })
  .meta({ id: 'ItemHealth' });
export type ItemHealth = z.infer<typeof ItemHealth>;

export const ItemHealthPage = z.object({ asOf: IsoDate, items: z.array(ItemHealth), total: z.int() });
export type ItemHealthPage = z.infer<typeof ItemHealthPage>;

/** One month of the trend. */
export const HealthTrendPoint = z
  .object({
    month: z.string().describe('YYYY-MM'),
    asOf: IsoDate.describe('the month’s last day, or today for the current month'),
    plan: OutlineHealth.omit({ id: true }),
    counts: z.object({ tasks: HealthCounts, targets: HealthCounts }),
  })
  .meta({ id: 'HealthTrendPoint' });
export type HealthTrendPoint = z.infer<typeof HealthTrendPoint>;

export const HealthTrend = z
  .object({
    planId: z.int(),
    from: z.string(),
    to: z.string(),
    items: z.array(HealthTrendPoint),
    total: z.int(),
  })
  .meta({ id: 'HealthTrend' });
export type HealthTrend = z.infer<typeof HealthTrend>;

/** One reporting period of an item's trend: the item's health as of the period's end. */
export const ItemHealthTrendPoint = ItemHealth.omit({ type: true, id: true, state: true, progress: true })
  .extend({
    period: z.object({
      key: z.string().describe('`2022-03` for a month, `2022-Q1` for a quarter'),
      label: z.string().describe('as offices write it: 2022年3月, 2022年第一季度'),
      start: IsoDate,
      end: IsoDate,
    }),
    asOf: IsoDate.describe('the period’s last day, or today for the current period'),
  })
  .meta({ id: 'ItemHealthTrendPoint' });
export type ItemHealthTrendPoint = z.infer<typeof ItemHealthTrendPoint>;

export const ItemHealthTrend = z
  .object({
    planId: z.int(),
    item: z.object({ type: z.enum(['task', 'target']), id: z.int() }),
    frequency: z.enum(['monthly', 'quarterly']).describe('the plan’s reporting frequency'),
    items: z.array(ItemHealthTrendPoint),
    total: z.int(),
  })
  .meta({ id: 'ItemHealthTrend' });
export type ItemHealthTrend = z.infer<typeof ItemHealthTrend>;

// ---- explanations and history ------------------------------------------------------------------

/** A child's part in a rolled-up figure: its weight, share and what it adds. */
export const ExplainChild = z
  .object({
    id: z.string(),
    label: z.string().optional(),
    rawWeight: z.number().nullable().describe('the weight as given (null when missing)'),
    weight: z.number().describe('the weight used after the rules (missing → 1)'),
    share: z.number().describe('normalised share among all siblings'),
    effectiveShare: z.number().describe('share applied, among the siblings with data'),
    value: z.number().nullable(),
    coverage: z.number(),
    contribution: z.number().describe('effectiveShare × value'),
  })
  .meta({ id: 'ExplainChild' });
export type ExplainChild = z.infer<typeof ExplainChild>;

/** How a rolled-up figure was made, with the arithmetic in one line. */
export const Explanation = z
  .object({
    id: z.string(),
    label: z.string().optional(),
    kind: z.enum(['leaf', 'rollup', 'empty']),
    value: z.number().nullable(),
    coverage: z.number(),
    children: z.array(ExplainChild),
    formula: z.string().describe('0.5 × 80 + 0.25 × 40 + 0.25 × 48 = 62'),
  })
  .meta({ id: 'Explanation' });
export type Explanation = z.infer<typeof Explanation>;

/** A node's own health in an explanation: unrounded, without colour or label. */
export const NodeHealth = z.object({
  health: Health,
  ratio: z.number().nullable(),
  progress: z.number().nullable(),
  expected: z.number().nullable(),
  coverage: z.number(),
});
export type NodeHealth = z.infer<typeof NodeHealth>;

export const ExplainAnswer = z
  .object({
    asOf: IsoDate,
    progress: Explanation,
    expected: Explanation,
    health: NodeHealth.nullable().describe('null for a task'),
  })
  .meta({ id: 'ExplainAnswer' });
export type ExplainAnswer = z.infer<typeof ExplainAnswer>;

export const FieldChange = z.object({
  path: z.string(),
  kind: z.enum(['added', 'removed', 'changed']),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
export type FieldChange = z.infer<typeof FieldChange>;

/** One change of an item: who (a role; the user only for staff), when, why and the field differences. */
export const HistoryEntry = z
  .object({
    at: z.string(),
    action: z.string(),
    actor: z.object({ role: Role, userId: z.int().optional() }).nullable(),
    reason: z.string().nullable(),
    changes: z.array(FieldChange),
  })
  .meta({ id: 'HistoryEntry' });
export type HistoryEntry = z.infer<typeof HistoryEntry>;
