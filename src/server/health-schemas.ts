/**
 * What clients see of health (issue 4): a health with its colour, label and why (a code with
 * its figures, src/plan/health-why.ts), the plan's roll-up, items, and the monthly trend.
 * Registered ids become `components.schemas` in the OpenAPI document.
 */
import { z } from 'zod';
import type { HealthWhy as DomainHealthWhy } from '../plan/health-why.js';
import { Comparator, IsoDate, ProjectStage, TaskState } from './schemas.js';

export const Health = z.enum(['on_track', 'at_risk', 'behind', 'done', 'not_started', 'no_data']);
export const HealthColor = z
  .enum(['green', 'yellow', 'red', 'grey'])
  .describe('红黄绿, grey: nothing to judge');

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
// The schema and the domain's type say the same: a new code fails to compile here.
const _sameWhy: z.ZodType<DomainHealthWhy> = HealthWhy;
void _sameWhy;
const _sameDomain = (why: DomainHealthWhy): HealthWhy => why;
void _sameDomain;

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

export const PlanHealthAnswer = z
  .object({
    planId: z.int(),
    asOf: IsoDate,
    plan: OutlineHealth.nullable(),
    outline: z.array(OutlineHealth),
    counts: z.object({ tasks: HealthCounts, targets: HealthCounts }),
  })
  .meta({ id: 'PlanHealth' });

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

export const ItemHealthPage = z.object({ asOf: IsoDate, items: z.array(ItemHealth), total: z.int() });

/** One month of the trend. */
export const HealthTrendPoint = z
  .object({
    month: z.string().describe('YYYY-MM'),
    asOf: IsoDate.describe('the month’s last day, or today for the current month'),
    plan: OutlineHealth.omit({ id: true }),
    counts: z.object({ tasks: HealthCounts, targets: HealthCounts }),
  })
  .meta({ id: 'HealthTrendPoint' });

export const HealthTrend = z
  .object({
    planId: z.int(),
    from: z.string(),
    to: z.string(),
    items: z.array(HealthTrendPoint),
    total: z.int(),
  })
  .meta({ id: 'HealthTrend' });

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

export const ItemHealthTrend = z
  .object({
    planId: z.int(),
    item: z.object({ type: z.enum(['task', 'target']), id: z.int() }),
    frequency: z.enum(['monthly', 'quarterly']).describe('the plan’s reporting frequency'),
    items: z.array(ItemHealthTrendPoint),
    total: z.int(),
  })
  .meta({ id: 'ItemHealthTrend' });
