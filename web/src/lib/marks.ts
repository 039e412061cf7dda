import type { Achievement, Project, Target, Task } from '../api/types';
import type { Mark, MarkKind } from './spans';

export interface PlanItems {
  targets?: Target[];
  achievements?: Achievement[];
  projects?: Project[];
  tasks?: Task[];
}

/** Every extracted item of a plan as a highlight mark, keyed "kind:id". */
export function deriveMarks(items: PlanItems, kinds: ReadonlySet<MarkKind>): Mark[] {
  const marks: Mark[] = [];
  const push = (kind: MarkKind, id: number, span: [number, number], label: string) => {
    if (kinds.has(kind)) marks.push({ key: `${kind}:${id}`, kind, id, start: span[0], end: span[1], label });
  };
  for (const task of items.tasks ?? []) push('task', task.id, task.span, task.text);
  for (const target of items.targets ?? []) push('target', target.id, target.span, target.quote);
  for (const item of items.achievements ?? []) push('achievement', item.id, item.span, item.quote);
  for (const project of items.projects ?? []) push('project', project.id, project.span, project.name);
  return marks;
}
