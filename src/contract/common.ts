/**
 * Building blocks every resource of the API shares: codes and enums, dates, pages, ids and the
 * error body. A schema and its inferred type share one name (STYLE.md).
 */
import { z } from 'zod';
import { PROJECT_STAGES, UNIT_KINDS } from './constants.js';

export const Span = z
  .tuple([z.int(), z.int()])
  .describe('[start, end) in UTF-16 code units of the plan text');
export type Span = z.infer<typeof Span>;

export const Comparator = z.enum(['>=', '>', '<=', '~', '=']).describe('以上 / 超过 / 以内 / 左右 / exact');
export type Comparator = z.infer<typeof Comparator>;

export const ItemKind = z.enum(['target', 'achievement']);
export type ItemKind = z.infer<typeof ItemKind>;

export const Role = z.enum(['admin', 'supervisor', 'reporter', 'leader']);
export type Role = z.infer<typeof Role>;

export const PlanState = z.enum(['draft', 'published']);
export type PlanState = z.infer<typeof PlanState>;

export const TaskState = z.enum(['not_started', 'in_progress', 'done', 'closed']);
export type TaskState = z.infer<typeof TaskState>;

export const UnitKind = z.enum(UNIT_KINDS);
export type UnitKind = z.infer<typeof UnitKind>;

export const ProjectStage = z.enum(PROJECT_STAGES);
export type ProjectStage = z.infer<typeof ProjectStage>;

export const Health = z.enum(['on_track', 'at_risk', 'behind', 'done', 'not_started', 'no_data']);
export type Health = z.infer<typeof Health>;

/** ISO calendar date, YYYY-MM-DD. */
export const IsoDate = z.iso.date();
/** An ISO timestamp. */
export const Timestamp = z.string().describe('ISO timestamp');
/** A month, YYYY-MM. */
/** The pattern of a month (server/errors.ts tells a clerk how to write one). */
export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
export const Month = z.string().regex(MONTH_PATTERN, 'expected YYYY-MM');

/** A list answer: one page of items and the total that matched the filters. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.int().min(0) });
}
/** One page of a list as clients read it. */
export interface Page<T> {
  items: T[];
  total: number;
}

/** Query fields every list accepts. */
export const pageQueryShape = {
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
};

/**
 * The as-of date a list or figure is read at (issue 14.9): the end of that day; absent, today.
 * A past plan's pages send it so a queue or a countdown reads as it stood then.
 */
export const asOfQueryShape = {
  asOf: z.iso
    .date({ error: 'expected a date, YYYY-MM-DD' })
    .optional()
    .describe('read as of the end of this day, YYYY-MM-DD (default: today)'),
};

/** A positive integer id in a path. */
export const Id = z.coerce.number().int().positive();

/** The codes of errors (src/errors.ts), each with one HTTP status (server/errors.ts). */
export const ErrorCode = z.enum([
  'BAD_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'UNPROCESSABLE',
  'TOO_LARGE',
  'UNSUPPORTED_FORMAT',
  'RATE_LIMITED',
  'UNAVAILABLE',
  'INTERNAL',
]);
export type ErrorCode = z.infer<typeof ErrorCode>;

/** One problem with a field or place: `path` names it ("body.tasks.3.deadline", "Sheet1!C7"). */
export const ErrorDetail = z.object({
  path: z.string(),
  message: z.string(),
  /** A stable name of the problem for a client to match, never its words. */
  code: z.string().optional(),
  values: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
});
export type ErrorDetail = z.infer<typeof ErrorDetail>;

/** The body of every error answer. */
export const ErrorBody = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.array(ErrorDetail),
    }),
  })
  .meta({ id: 'ErrorBody' });
export type ErrorBody = z.infer<typeof ErrorBody>;
