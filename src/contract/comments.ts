/**
 * What clients see and send of comments on commitments (留言) and of staff follows (issue 19):
 * the public's comments (words, date, the lead unit's answer; nobody's name or contact), the
 * commenter's sign-in by a code, the plan office's moderation queue, and a staff member's 关注
 * list with the changes of what they follow.
 */
import { z } from 'zod';
import { CHANGE_KINDS, COMMENT_STATES, MODERATION_REASONS } from './constants.js';
import { IsoDate, Timestamp } from './common.js';
import { ItemType } from './promises.js';

export const CommentState = z.enum(COMMENT_STATES);
export type CommentState = z.infer<typeof CommentState>;
export const ModerationReason = z.enum(MODERATION_REASONS);
export type ModerationReason = z.infer<typeof ModerationReason>;

/** A published comment as the public reads it. */
export const PublicCommentItem = z.object({
  id: z.int(),
  body: z.string().describe('the words, personal data hidden'),
  on: IsoDate,
  answer: z.object({ unit: z.string().nullable(), text: z.string(), on: IsoDate }).nullable(),
});
export type PublicCommentItem = z.infer<typeof PublicCommentItem>;

export const PublicCommentList = z
  .object({ count: z.int(), items: z.array(PublicCommentItem) })
  .meta({ id: 'PublicCommentList' });
export type PublicCommentList = z.infer<typeof PublicCommentList>;

/** Ask for a code by SMS or e-mail. */
export const CommentCodeBody = z
  .object({ kind: z.enum(['phone', 'email']), contact: z.string().trim().min(3).max(254) })
  .strict();
export type CommentCodeBody = z.input<typeof CommentCodeBody>;

export const CommentCodeSent = z.object({ challengeId: z.int(), message: z.string() });
export type CommentCodeSent = z.infer<typeof CommentCodeSent>;

export const CommentSignInBody = z
  .object({
    challengeId: z.int().positive(),
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/),
  })
  .strict();
export type CommentSignInBody = z.input<typeof CommentSignInBody>;

export const CommenterStatus = z.object({ signedIn: z.boolean() });
export type CommenterStatus = z.infer<typeof CommenterStatus>;

export const CommentBody = z.object({ body: z.string().max(2000) }).strict();
export type CommentBody = z.input<typeof CommentBody>;

export const Message = z.object({ message: z.string() });
export type Message = z.infer<typeof Message>;

/** Personal data found in a comment, for the moderator's highlight. */
export const PersonalDataFlag = z.object({
  kind: z.enum(['mobile', 'landline', 'id_card', 'email', 'long_number']),
  start: z.int(),
  end: z.int(),
});

/** A comment as staff see it: the office every state with its flags; the lead unit the published. */
export const StaffComment = z.object({
  id: z.int(),
  type: ItemType,
  itemId: z.int(),
  itemTitle: z.string(),
  leadUnit: z.string().nullable(),
  body: z.string().describe('as written for the plan office; personal data hidden for others'),
  state: CommentState,
  createdAt: Timestamp,
  flags: z.array(PersonalDataFlag),
  moderation: z
    .object({ at: Timestamp, reason: ModerationReason.nullable(), note: z.string().nullable() })
    .nullable(),
  answer: z
    .object({ unit: z.string().nullable(), text: z.string(), at: Timestamp, editedAt: Timestamp.nullable() })
    .nullable(),
  canModerate: z.boolean(),
  canAnswer: z.boolean(),
  version: z.int(),
});
export type StaffComment = z.infer<typeof StaffComment>;

export const StaffCommentList = z
  .object({
    items: z.array(StaffComment),
    counts: z.object({ pending: z.int(), published: z.int(), rejected: z.int(), hidden: z.int() }),
    /** The caller is the plan office: it sees every state and moderates. */
    canModerate: z.boolean(),
  })
  .meta({ id: 'StaffCommentList' });
export type StaffCommentList = z.infer<typeof StaffCommentList>;

export const StaffCommentQuery = z.object({ state: CommentState.optional() });

export const ModerationBody = z.discriminatedUnion('action', [
  z.object({ action: z.literal('publish'), note: z.string().max(500).nullish(), version: z.int() }).strict(),
  z
    .object({
      action: z.literal('reject'),
      reason: ModerationReason,
      note: z.string().max(500).nullish(),
      version: z.int(),
    })
    .strict(),
  z
    .object({
      action: z.literal('hide'),
      reason: ModerationReason,
      note: z.string().max(500).nullish(),
      version: z.int(),
    })
    .strict(),
  z.object({ action: z.literal('restore'), note: z.string().max(500).nullish(), version: z.int() }).strict(),
]);
export type ModerationBody = z.input<typeof ModerationBody>;

export const AnswerBody = z.object({ text: z.string().max(2000), version: z.int() }).strict();
export type AnswerBody = z.input<typeof AnswerBody>;

// ---- staff follows (关注) ---------------------------------------------------------------------

export const StaffFollowBody = z.object({ type: ItemType, id: z.int().positive() }).strict();
export type StaffFollowBody = z.input<typeof StaffFollowBody>;

/** One change of a followed item, as the 关注 list and notices tell it. */
export const FollowedChange = z.object({
  kind: z.enum(CHANGE_KINDS),
  at: Timestamp,
  before: z.union([z.string(), z.number()]).nullable(),
  after: z.union([z.string(), z.number()]).nullable(),
  text: z.string().describe('the change as the office writes it'),
});
export type FollowedChange = z.infer<typeof FollowedChange>;

export const StaffFollow = z.object({
  id: z.int(),
  planId: z.int(),
  planTitle: z.string(),
  type: ItemType,
  itemId: z.int(),
  title: z.string(),
  since: Timestamp,
  /** Changes since the follow began, newest first (at most ten). */
  changes: z.array(FollowedChange),
  /** Changes within the last seven days. */
  recent: z.int(),
});
export type StaffFollow = z.infer<typeof StaffFollow>;

export const StaffFollowList = z.object({ items: z.array(StaffFollow) }).meta({ id: 'StaffFollowList' });
export type StaffFollowList = z.infer<typeof StaffFollowList>;

export const FollowStatus = z.object({ following: z.boolean(), followId: z.int().nullable() });
export type FollowStatus = z.infer<typeof FollowStatus>;
