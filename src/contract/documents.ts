/**
 * Office documents (issue 6): what a ledger import answers — each change in words with the cell
 * it was read from. Downloads answer files, not JSON; their lists are in constants.ts.
 */
import { z } from 'zod';
import { ErrorDetail } from './common.js';

/** One changed value of an imported ledger, in the words a person typed in it. */
export const LedgerChangeReport = z.object({
  taskId: z.int(),
  field: z.enum(['leadUnitId', 'coUnitIds', 'leader', 'deadline', 'state', 'progress']),
  period: z.string().nullable().describe("the period's key, for progress"),
  column: z.string().describe('the column as the ledger names it'),
  before: z.string(),
  after: z.string(),
  cell: z.string().describe('where the new value was read: 任务分解表!C7'),
  appliedAs: z
    .enum(['task', 'correction'])
    .describe("a task update, or (a locked period's progress) an audited correction"),
});
export type LedgerChangeReport = z.infer<typeof LedgerChangeReport>;

/** What a ledger import (or its dry run) answers. */
export const LedgerImportAnswer = z.object({
  dryRun: z.boolean(),
  applied: z.boolean(),
  rows: z.int().describe('task rows read'),
  tasksChanged: z.int(),
  changes: z.array(LedgerChangeReport),
  warnings: z.array(ErrorDetail).describe('edits not imported (read-only columns) and other notes'),
  handDowns: z
    .array(
      z.object({
        taskId: z.int(),
        cell: z.string().describe('the 牵头单位 (责任单位) cell, `Sheet!C7`'),
        plans: z.array(
          z.object({
            planId: z.int(),
            jurisdictionName: z.string(),
            already: z.boolean().describe('handed down before: left as it is'),
          }),
        ),
      }),
    )
    .describe('rows whose 牵头单位 names jurisdictions below: each task handed down to their plans'),
});
export type LedgerImportAnswer = z.infer<typeof LedgerImportAnswer>;
