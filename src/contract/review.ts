/**
 * Review of the extraction by the plan office (报告 审核): correct a target's or achievement's
 * fields, add one the extraction missed, delete one, split and merge tasks.
 * Registered ids become `components.schemas` in the OpenAPI document.
 */
import { z } from 'zod';
import { Comparator, Id, Span } from './common.js';
import { Achievement } from './plans.js';

/** An achievement with the version a correction must carry. */
export const ReviewAchievement = Achievement.extend({ version: z.int() }).meta({ id: 'ReviewAchievement' });
export type ReviewAchievement = z.infer<typeof ReviewAchievement>;

/** The fields review corrects on a target or an achievement. */
export const ItemFields = z.object({
  metric: z.string().trim().min(1).max(200),
  comparator: Comparator,
  value: z.number(),
  unit: z.string().trim().max(50),
  period: z.string().trim().max(100),
});
export type ItemFields = z.input<typeof ItemFields>;

const reason = z.string().trim().max(500);

/** Any of the fields, with the version read and, optionally, why. */
export const FieldsPatch = ItemFields.partial()
  .extend({ reason: reason.optional(), version: z.int().min(0) })
  .strict();
export type FieldsPatch = z.input<typeof FieldsPatch>;

/** A target or achievement the extraction missed, at a span of the plan text. */
export const NewItem = ItemFields.extend({ span: Span, reason: reason.optional() }).strict();
export type NewItem = z.input<typeof NewItem>;

export const SplitBody = z
  .object({
    at: z.int().describe('offset of the plan text inside the task span'),
    version: z.int().min(0).optional(),
  })
  .strict();
export type SplitBody = z.input<typeof SplitBody>;

export const MergeBody = z.object({ taskIds: z.tuple([Id, Id]) }).strict();
export type MergeBody = z.input<typeof MergeBody>;
