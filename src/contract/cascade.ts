/** Plans between levels (issue 16.3): hand a target down, link one up, see it rolled up. */
import { z } from 'zod';
import { Health, Id, IsoDate, TaskState } from './common.js';
import { Target, Task } from './plans.js';

export const HandDownBody = z.object({
  to: z
    .array(
      z.object({
        planId: Id.describe('a plan of a jurisdiction below'),
        share: z
          .object({ value: z.number(), unit: z.string().trim().min(1).optional() })
          .optional()
          .describe('the lower jurisdiction’s own figure (its 分解 share); the target’s own when absent'),
      }),
    )
    .min(1)
    .max(200),
});
export type HandDownBody = z.input<typeof HandDownBody>;

export const HandedDownItem = z.object({ planId: Id, linkId: Id, target: Target });
export type HandedDownItem = z.infer<typeof HandedDownItem>;

export const HandDownAnswer = z.object({ items: z.array(HandedDownItem), total: z.number().int() });
export type HandDownAnswer = z.infer<typeof HandDownAnswer>;

export const TargetLinkBody = z.object({
  parentPlanId: Id,
  parentTargetId: Id,
  weight: z
    .number()
    .positive()
    .nullable()
    .optional()
    .describe('its weight when rates roll up (e.g. its share of the economy)'),
});
export type TargetLinkBody = z.input<typeof TargetLinkBody>;

export const PlanLink = z.object({
  id: Id,
  kind: z.enum(['target', 'task']),
  origin: z.enum(['handed_down', 'linked']),
  child: z.object({ planId: Id, itemId: Id }),
  parent: z.object({ planId: Id, itemId: Id }),
  weight: z.number().nullable(),
  createdAt: z.string(),
});
export type PlanLink = z.infer<typeof PlanLink>;

/** A target as a link names it: its metric and figure. */
export const LinkedTargetView = z.object({ metric: z.string(), value: z.number(), unit: z.string() });

export const TargetLinkSuggestion = z.object({
  parentTargetId: Id,
  childTargetId: Id,
  score: z.number(),
  reason: z.string(),
  child: LinkedTargetView.optional(),
  parent: LinkedTargetView.optional(),
});
export type TargetLinkSuggestion = z.infer<typeof TargetLinkSuggestion>;

export const LowerPlan = z.object({
  id: Id,
  title: z.string(),
  year: z.number().int(),
  jurisdictionId: Id,
  jurisdictionName: z.string(),
});
export type LowerPlan = z.infer<typeof LowerPlan>;

export const Contribution = z.object({
  jurisdictionId: Id,
  jurisdictionName: z.string(),
  planId: Id,
  targetId: Id,
  metric: z.string(),
  value: z.number(),
  unit: z.string(),
  latest: z.object({ value: z.number(), asOf: z.string() }).nullable(),
  converted: z.number().nullable(),
  health: Health,
  ratio: z.number().nullable(),
  evidence: z.number().int(),
  weight: z.number().optional(),
});
export type Contribution = z.infer<typeof Contribution>;

export const TargetCascade = z.object({
  asOf: IsoDate,
  target: Target,
  method: z.enum(['sum', 'weighted']),
  total: z.number().nullable(),
  health: Health,
  ratio: z.number().nullable(),
  reporting: z.number().int(),
  linked: z.number().int(),
  byHealth: z.record(z.string(), z.number().int()),
  evidence: z.number().int(),
  contributions: z.array(Contribution),
  explain: z.string().describe('how the figure was made, in one line'),
});
export type TargetCascade = z.infer<typeof TargetCascade>;

export const HandDownTaskBody = z.object({
  to: z
    .array(z.object({ planId: Id.describe('a plan of a jurisdiction below') }))
    .min(1)
    .max(200),
});
export type HandDownTaskBody = z.input<typeof HandDownTaskBody>;

export const HandedDownTask = z.object({ planId: Id, linkId: Id, task: Task });
export type HandedDownTask = z.infer<typeof HandedDownTask>;

export const HandDownTaskAnswer = z.object({ items: z.array(HandedDownTask), total: z.number().int() });
export type HandDownTaskAnswer = z.infer<typeof HandDownTaskAnswer>;

/** A lower plan's task that came from (or is linked to) a higher plan's task. */
export const TaskHandDown = z.object({
  planId: Id,
  taskId: Id,
  jurisdictionId: Id,
  jurisdictionName: z.string(),
  state: TaskState,
  progress: z.number(),
});
export type TaskHandDown = z.infer<typeof TaskHandDown>;

/** A lower plan's target linked to (or handed down from) a higher plan's target, as the lower office reads it. */
export const UpperLink = z.object({
  linkId: Id,
  origin: z.enum(['handed_down', 'linked']),
  childTargetId: Id,
  child: LinkedTargetView,
  parentPlanId: Id,
  parentPlanTitle: z.string(),
  parentTargetId: Id,
  parent: LinkedTargetView.nullable().describe('null when the higher target is gone'),
});
export type UpperLink = z.infer<typeof UpperLink>;

export const UpperLinks = z.object({
  plans: z.array(LowerPlan).describe('plans of the jurisdictions above this one’s that the caller may read'),
  links: z.array(UpperLink),
});
export type UpperLinks = z.infer<typeof UpperLinks>;
