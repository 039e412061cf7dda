/**
 * The contradictions of a plan's rows with their own quotes (issue 14.6, src/plan/contradictions.ts),
 * for the plan office to resolve after import: read from the rows as they stand now, so one
 * resolved (a stage moved, a row corrected) is no longer listed.
 */
import { findContradictions } from '../plan/contradictions.js';
import type { Contradiction } from '../plan/contradictions.js';
import type { Achievement } from '../plan/types.js';
import type { Store } from '../store/types.js';

const PAGE = 500;

export async function listPlanContradictions(store: Store, planId: number): Promise<Contradiction[]> {
  const plan = await store.plans.get(planId);
  const [text, projects, targets] = await Promise.all([
    store.plans.getText(planId),
    store.projects.listOfPlan(planId),
    store.targets.listOfPlan(planId),
  ]);
  const achievements: Achievement[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await store.achievements.list(planId, { limit: PAGE, offset });
    achievements.push(...page.items);
    if (page.items.length < PAGE || achievements.length >= page.total) break;
  }
  const spans = new Map(projects.map((p) => [p.id, p.span]));
  return findContradictions({
    year: plan.year,
    projects,
    targets,
    achievements,
    projectWords: (project) => {
      const span = spans.get(project.id);
      return span ? text.slice(span[0], span[1]) : '';
    },
  });
}
