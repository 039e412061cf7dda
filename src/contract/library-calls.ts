/**
 * The monthly investment data call (项目投资月报, issue 17) over HTTP: the call the office opens,
 * each unit's part, a unit's sheet and its return typed in the page. Amounts in 万元.
 */
import { z } from 'zod';
import { Id, IsoDate, Month } from './common.js';

export const InvestmentCallOpen = z.object({
  /** The library's code (major, industry…). */
  library: z.string().trim().min(1).max(40),
  month: Month,
  dueOn: IsoDate,
});

export const InvestmentCallReturned = z
  .object({ times: z.int().min(1), via: z.enum(['form', 'workbook']), returnedAt: z.string() })
  .nullable();

export const InvestmentCall = z.object({
  id: Id,
  library: z.string(),
  libraryName: z.string(),
  month: Month,
  dueOn: IsoDate,
  openedBy: z.int().nullable(),
  createdAt: z.string(),
});

export const InvestmentCallWithUnits = InvestmentCall.extend({
  units: z.array(
    z.object({ unitId: Id, projects: z.int(), returned: InvestmentCallReturned, overdue: z.boolean() }),
  ),
});

export const InvestmentSheet = z.object({
  call: InvestmentCall,
  unit: z.object({ id: Id, name: z.string() }),
  lines: z.array(
    z.object({
      projectId: Id,
      name: z.string(),
      stage: z.string(),
      planned: z.number().nullable(),
      completedBefore: z.number(),
      amount: z.number().nullable(),
      progress: z.string().nullable(),
      statsRegisteredOn: IsoDate.nullable(),
    }),
  ),
  returned: InvestmentCallReturned,
});

/** A unit's return typed in the page: one line per project it owes. */
export const InvestmentReturnBody = z.object({
  lines: z
    .array(
      z.object({
        projectId: Id,
        amount: z.number().nullable(),
        progress: z.string().trim().max(2000).nullable(),
        stats: z
          .union([
            z.object({ registered: z.literal(true), on: IsoDate.nullable() }),
            z.object({ registered: z.literal(false) }),
          ])
          .nullable(),
      }),
    )
    .max(2000),
});

export const InvestmentReturnAnswer = z.object({ times: z.int(), changed: z.int() });

export type InvestmentCallWithUnits = z.infer<typeof InvestmentCallWithUnits>;
export type InvestmentSheet = z.infer<typeof InvestmentSheet>;
export type InvestmentReturnBody = z.infer<typeof InvestmentReturnBody>;
export type InvestmentReturnAnswer = z.infer<typeof InvestmentReturnAnswer>;
