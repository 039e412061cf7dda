/**
 * 市级派单 (issue 16.3): the body of handing an order down to a jurisdiction below
 * (POST /requests/:id/transfer) and what an order's page shows of a transfer
 * (GET /requests/:id/transfer).
 */
import { z } from 'zod';
import { Timestamp } from './common.js';
import { FollowUp, JurisdictionTransfer, OrderStatus } from './requests.js';

/** Hand the order down: the receiving jurisdiction, why, and a category of its catalogue when the order's is not one. */
export const TransferOrderBody = z
  .object({
    jurisdictionId: z.int().positive(),
    reason: z.string().trim().min(1).max(500),
    category: z.string().trim().min(1).max(50).optional(),
  })
  .strict();
export type TransferOrderBody = z.input<typeof TransferOrderBody>;

/** One end of a transfer: the jurisdiction by name and its order. */
export const TransferEnd = JurisdictionTransfer.extend({
  jurisdictionName: z.string(),
  receivedAt: Timestamp,
});
export type TransferEnd = z.infer<typeof TransferEnd>;

/** The receiving order's result as the original shows it: reply, close, 回访. */
export const TransferResult = z.object({
  status: OrderStatus,
  repliedAt: Timestamp.nullable(),
  closedAt: Timestamp.nullable(),
  reply: z.string().nullable(),
  publicNote: z.string().nullable(),
  followUps: z.array(FollowUp),
});
export type TransferResult = z.infer<typeof TransferResult>;

/** What an order's page shows of a transfer, and where its centre may hand it. */
export const TransferView = z
  .object({
    from: TransferEnd.nullable().describe('taken over from above: the link back only'),
    to: TransferEnd.extend({ result: TransferResult })
      .nullable()
      .describe("handed down: the receiving order's result"),
    targets: z
      .array(z.object({ id: z.int(), name: z.string(), level: z.string() }))
      .describe('jurisdictions below it may be handed to (the centre only; empty when it may not)'),
  })
  .meta({ id: 'TransferView' });
export type TransferView = z.infer<typeof TransferView>;
