/** The public plan page's one answer (GET /public/plans/:planId/page, issue 15). */
import { z } from 'zod';
import { ItemHealthPage } from './health.js';
import { Achievement, OutlineNode, PlanSummary, Project, Target, Task } from './plans.js';
import { Unit } from './users.js';

/** Everything the public plan page shows: what its ten requests answered, in one. */
export const PublicPlanPage = z.object({
  summary: PlanSummary,
  outline: z.array(OutlineNode),
  targets: z.array(Target),
  tasks: z.array(Task),
  projects: z.array(Project),
  achievements: z.array(Achievement),
  units: z.array(Unit),
  text: z.string(),
  health: ItemHealthPage.describe('every item’s health at `date`, or the page’s default as-of date'),
});
export type PublicPlanPage = z.infer<typeof PublicPlanPage>;
