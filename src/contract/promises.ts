/**
 * What clients see and send of promises (issue 19): a commitment's original vs current promise
 * with the slip and each re-baseline, delivery confidence, public verdicts with their history,
 * the public commitment page, and the plan's slippage thresholds. Each answer that presents a
 * domain type is checked against it at compile time (domain-fit.ts).
 */
import { z } from 'zod';
import {
  CONFIDENCE_LEVELS,
  CONFIDENCE_SOURCES,
  PROMISE_FIELDS,
  PROMISE_SOURCES,
  VERDICTS,
} from './constants.js';
import { Health, IsoDate, TaskState, Timestamp } from './common.js';

export const ItemType = z.enum(['task', 'target']);
export type ItemType = z.infer<typeof ItemType>;

export const ConfidenceLevel = z
  .enum(CONFIDENCE_LEVELS)
  .describe('很有把握 … 难以按期完成 (GMPP five levels)');
export type ConfidenceLevel = z.infer<typeof ConfidenceLevel>;

export const Verdict = z.enum(VERDICTS).describe('尚未评估, 按计划推进, 滞后, 调整, 不再推进, 已完成');
export type Verdict = z.infer<typeof Verdict>;

const PromiseValue = z.union([z.string(), z.number()]);

/** One version of a promise as staff see it: who, when, why. */
export const PromiseVersion = z
  .object({
    value: PromiseValue,
    source: z.enum(PROMISE_SOURCES),
    at: Timestamp,
    by: z.int().nullable(),
    reason: z.string().nullable(),
    explanation: z.string().nullable(),
    basis: z.string().nullable(),
    extensionId: z.int().nullable(),
  })
  .meta({ id: 'PromiseVersion' });
export type PromiseVersion = z.infer<typeof PromiseVersion>;

export const DeadlineSlip = z.object({
  original: IsoDate,
  current: IsoDate,
  days: z.int().describe('days from the original to the current deadline; positive when later'),
  rebaselines: z.int(),
});

export const ValueSlip = z.object({
  original: z.number(),
  current: z.number(),
  unit: z.string(),
  percent: z.number().nullable(),
  easing: z.boolean().describe('the change makes the promise easier to keep'),
  rebaselines: z.int(),
});

/** One re-baseline as the public reads it (no one's name). */
export const PublicPromiseChange = z.object({
  field: z.enum(PROMISE_FIELDS),
  on: IsoDate,
  from: PromiseValue,
  to: PromiseValue,
  source: z.enum(PROMISE_SOURCES),
  explanation: z.string().nullable(),
  basis: z.string().nullable(),
});

/** Original vs current, the slip, days left and overdue. */
export const PromiseSlipView = z
  .object({
    deadline: DeadlineSlip.extend({ overdue: z.boolean(), daysLeft: z.int().nullable() }).nullable(),
    value: ValueSlip.nullable(),
    changes: z.array(PublicPromiseChange),
  })
  .meta({ id: 'PromiseSlipView' });
export type PromiseSlipView = z.infer<typeof PromiseSlipView>;

export const SlippageThresholds = z
  .object({
    days: z
      .int()
      .min(0)
      .max(3660)
      .describe('a deadline later than the original by more than this needs an explanation'),
    percent: z
      .number()
      .min(0)
      .max(100)
      .describe('a target eased by more than this percent needs an explanation'),
    minExplanation: z.int().min(1).max(500),
  })
  .meta({ id: 'SlippageThresholds' });
export type SlippageThresholds = z.infer<typeof SlippageThresholds>;
export const SlippageBody = SlippageThresholds.partial().strict();
export type SlippageBody = z.input<typeof SlippageBody>;

/** An item's promise for staff: the view and every version with who, when and why. */
export const ItemPromise = z.object({
  type: ItemType,
  id: z.int(),
  view: PromiseSlipView,
  deadline: z.array(PromiseVersion),
  value: z.array(PromiseVersion),
  thresholds: SlippageThresholds,
});
export type ItemPromise = z.infer<typeof ItemPromise>;

/** Every item's promise in one answer (lists show original vs current and the slip). */
export const PromiseList = z.object({
  asOf: IsoDate,
  items: z.array(z.object({ type: ItemType, id: z.int(), view: PromiseSlipView })),
});
export type PromiseList = z.infer<typeof PromiseList>;

const text = z.string().trim().max(2000);

/** The plan office re-baselines a deadline or a target value by a decision. */
export const RebaselineBody = z.discriminatedUnion('field', [
  z
    .object({
      field: z.literal('deadline'),
      deadline: IsoDate,
      reason: text.min(1),
      explanation: text.optional(),
      basis: text.optional(),
    })
    .strict(),
  z
    .object({
      field: z.literal('value'),
      value: z.number(),
      reason: text.min(1),
      explanation: text.optional(),
      basis: text.optional(),
    })
    .strict(),
]);
export type RebaselineBody = z.input<typeof RebaselineBody>;

// ---- confidence ------------------------------------------------------------------------------

export const ConfidenceAssessment = z
  .object({
    id: z.int(),
    subject: z.object({ type: ItemType, id: z.int(), planId: z.int(), leadUnitId: z.int().nullable() }),
    periodKey: z.string(),
    source: z.enum(CONFIDENCE_SOURCES),
    level: ConfidenceLevel,
    comment: z.string().nullable(),
    by: z.int(),
    at: Timestamp,
  })
  .meta({ id: 'ConfidenceAssessment' });
export type ConfidenceAssessment = z.infer<typeof ConfidenceAssessment>;

export const Disagreement = z
  .object({
    kind: z.enum(['unit_vs_independent', 'unit_vs_health', 'independent_vs_health']),
    direction: z.enum(['optimistic', 'pessimistic']),
    gap: z.int(),
  })
  .meta({ id: 'Disagreement' });
export type Disagreement = z.infer<typeof Disagreement>;

export const ConfidenceView = z
  .object({
    unit: ConfidenceAssessment.nullable(),
    independent: ConfidenceAssessment.nullable(),
    unitMissing: z.boolean(),
    disagreements: z.array(Disagreement),
  })
  .meta({ id: 'ConfidenceView' });
export type ConfidenceView = z.infer<typeof ConfidenceView>;

export const ConfidenceBody = z
  .object({
    source: z.enum(CONFIDENCE_SOURCES),
    level: ConfidenceLevel,
    comment: text.optional(),
    periodKey: z.string().max(10).optional().describe('default: the period holding today'),
  })
  .strict();
export type ConfidenceBody = z.input<typeof ConfidenceBody>;

/** An item's confidence: the view for the current period and every assessment, newest first. */
export const ItemConfidence = z.object({
  periodKey: z.string(),
  health: Health,
  view: ConfidenceView,
  history: z.array(ConfidenceAssessment),
});
export type ItemConfidence = z.infer<typeof ItemConfidence>;

// ---- verdicts --------------------------------------------------------------------------------

export const NewPromise = z.object({
  text: z.string(),
  deadline: IsoDate.nullable(),
  value: z.number().nullable(),
});

export const PublicVerdict = z
  .object({
    verdict: Verdict,
    label: z.string(),
    on: IsoDate,
    note: z.string().nullable(),
    newPromise: NewPromise.nullable(),
    evidenceIds: z.array(z.int()),
  })
  .meta({ id: 'PublicVerdict' });
export type PublicVerdict = z.infer<typeof PublicVerdict>;

export const PublicVerdictView = z
  .object({ current: PublicVerdict, history: z.array(PublicVerdict) })
  .meta({ id: 'PublicVerdictView' });
export type PublicVerdictView = z.infer<typeof PublicVerdictView>;

export const VerdictBody = z
  .object({
    verdict: Verdict,
    note: text.optional(),
    newPromise: z
      .object({
        text: text.min(1),
        deadline: IsoDate.nullable().optional(),
        value: z.number().nullable().optional(),
      })
      .strict()
      .optional(),
    evidenceIds: z.array(z.int().positive()).max(50).optional(),
  })
  .strict();
export type VerdictBody = z.input<typeof VerdictBody>;

// ---- the public commitment -------------------------------------------------------------------

export const PublicEvidence = z.object({
  id: z.int(),
  name: z.string(),
  contentType: z.string(),
  size: z.int(),
  version: z
    .string()
    .nullable()
    .describe('the public copy’s version (metadata stripped) to download it by; null: not downloadable'),
});
export type PublicEvidence = z.infer<typeof PublicEvidence>;

export const PublicAnswer = z.object({ unit: z.string().nullable(), text: z.string(), on: IsoDate });

/** A commitment as the public page shows it: the promise, its verdict, evidence, comments, follows. */
export const PublicCommitment = z
  .object({
    planId: z.int(),
    type: ItemType,
    id: z.int(),
    title: z.string(),
    sentence: z.string().describe('the report sentence it comes from'),
    chapter: z.string().nullable(),
    leadUnit: z.string().nullable(),
    state: TaskState.nullable(),
    health: Health,
    promise: PromiseSlipView,
    verdict: PublicVerdictView,
    evidence: z.array(PublicEvidence),
    comments: z.object({ count: z.int(), lastAnswer: PublicAnswer.nullable() }),
    followers: z.int(),
    asOf: IsoDate,
  })
  .meta({ id: 'PublicCommitment' });
export type PublicCommitment = z.infer<typeof PublicCommitment>;

/** A line of the public list: enough to show the promise, due date, overdue and verdict. */
export const PublicCommitmentRow = z.object({
  type: ItemType,
  id: z.int(),
  title: z.string(),
  chapterId: z.int().nullable(),
  leadUnit: z.string().nullable(),
  health: Health,
  verdict: Verdict,
  verdictLabel: z.string(),
  deadline: PromiseSlipView.shape.deadline,
  value: ValueSlip.nullable(),
  comments: z.int(),
});
export type PublicCommitmentRow = z.infer<typeof PublicCommitmentRow>;

export const PublicCommitmentList = z.object({ asOf: IsoDate, items: z.array(PublicCommitmentRow) });
export type PublicCommitmentList = z.infer<typeof PublicCommitmentList>;
