/**
 * Citizens' requests (接诉即办): the dispatcher's and a unit's queues, missed deadlines,
 * category and dispatch suggestions, uploads and the jurisdiction's areas, as the API answers them.
 */
import { z } from 'zod';
import { RepeatCandidate } from './requests-repeats.js';
import { Timestamp } from './common.js';
import { DispatchRules, MediaRef, OrderStatus, WorkOrder } from './requests.js';

// ---- queues, deadlines, suggestions ------------------------------------------------------------

export const CategorySuggestion = z.object({
  category: z.string(),
  score: z.number().describe('share of belief, 0–1'),
  reasons: z.array(z.string()),
});
export type CategorySuggestion = z.infer<typeof CategorySuggestion>;

export const DispatchSuggestion = z.object({
  category: z.string(),
  leadUnitId: z.int(),
  designated: z.boolean(),
  catalogueVersion: z.int(),
  rules: DispatchRules,
  reason: z.string(),
});
export type DispatchSuggestion = z.infer<typeof DispatchSuggestion>;

/**
 * A row of the dispatcher's queue: the order with the categories its text suggests, the
 * catalogue's unit, and the open orders it may repeat.
 */
export const QueueItem = z.object({
  order: WorkOrder,
  suggestions: z.object({
    categories: z.array(CategorySuggestion),
    dispatch: DispatchSuggestion.nullable(),
    repeats: z.array(RepeatCandidate),
  }),
});
export type QueueItem = z.infer<typeof QueueItem>;

export const OverdueItem = z.object({
  orderId: z.int(),
  step: z.enum(['sign', 'contact', 'finish', 'co_finish']),
  unitId: z.int(),
  due: Timestamp,
  hoursLate: z.int(),
});
export type OverdueItem = z.infer<typeof OverdueItem>;

/** A row of a unit's queue: the order as the unit may see it and its missed deadlines. */
export const UnitQueueItem = z.object({ order: WorkOrder, overdue: z.array(OverdueItem) });
export type UnitQueueItem = z.infer<typeof UnitQueueItem>;

/** A missed deadline with what the list shows of its order. */
export const OverdueRow = OverdueItem.extend({
  category: z.string().optional(),
  area: z.string().optional(),
  status: OrderStatus.optional(),
});
export type OverdueRow = z.infer<typeof OverdueRow>;

export const OverdueAnswer = z.object({ items: z.array(OverdueRow), total: z.int(), asOf: Timestamp });
export type OverdueAnswer = z.infer<typeof OverdueAnswer>;

/** A suggested category and, once the place is known, the unit the catalogue sends it to. */
export const IntakeSuggestion = CategorySuggestion.extend({
  dispatch: z
    .object({
      leadUnitId: z.int(),
      unitName: z.string().nullable(),
      designated: z.boolean(),
      reason: z.string(),
    })
    .nullable(),
});
export type IntakeSuggestion = z.infer<typeof IntakeSuggestion>;

export const IntakeSuggestions = z.object({ items: z.array(IntakeSuggestion), total: z.int() });
export type IntakeSuggestions = z.infer<typeof IntakeSuggestions>;

/** An uploaded file, as POST /requests/media answers: put `{ ref, contentType, bytes }` in the intake. */
export const UploadedMedia = MediaRef.extend({ name: z.string() });
export type UploadedMedia = z.infer<typeof UploadedMedia>;

// ---- the jurisdiction --------------------------------------------------------------------------

/**
 * A street (街道) or town (镇) of the jurisdiction with its communities; its boundary, when the
 * jurisdiction's files give one, stays on the server (it routes points, it is not shown).
 */
export const Area = z.object({
  name: z.string(),
  kind: z.enum(['street', 'town']),
  communities: z.array(z.string()),
  lat: z.number().optional().describe('a point inside the area, when its files give one'),
  long: z.number().optional(),
});
export type Area = z.infer<typeof Area>;

/** The jurisdiction a 12345 centre serves: its name and its streets and towns (GET /requests/areas). */
export const JurisdictionAreas = z.object({
  jurisdiction: z.string(),
  items: z.array(Area),
  total: z.int(),
});
export type JurisdictionAreas = z.infer<typeof JurisdictionAreas>;
