/**
 * 重复件 (issue 14.8): the open orders a new call may repeat, as the dispatch queue offers them,
 * and the bodies of a merge and its undo (POST /requests/:id/merge, /requests/:id/unmerge).
 */
import { z } from 'zod';

const text = (max: number) => z.string().trim().min(1).max(max);

/** An open order a new one may repeat (重复件): the same category, community or within 250 m, within days. */
export const RepeatCandidate = z.object({
  orderId: z.int(),
  reason: z.enum(['community', 'distance']),
  distanceM: z.int().nullable(),
  repeats: z.int().describe('calls already merged into it'),
});
export type RepeatCandidate = z.infer<typeof RepeatCandidate>;

/** Merge this order (waiting for dispatch) into an open one as a 重复件. */
export const MergeRepeatBody = z.object({ intoOrderId: z.int().positive() });
export type MergeRepeatBody = z.infer<typeof MergeRepeatBody>;

/** Undo a 重复件 merge, with the reason. */
export const UndoMergeBody = z.object({ reason: text(500) });
export type UndoMergeBody = z.infer<typeof UndoMergeBody>;
