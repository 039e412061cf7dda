import type { OutlineNode, Target, Task, TaskState } from '../api/types';

export interface ItemFilter {
  unitId?: number;
  state?: TaskState;
  /** The section and everything under it. */
  outlineNodeId?: number;
  /** Only items past their deadline and not done (tasks) on this ISO date. */
  overdueOn?: string;
  q?: string;
}

/** The ids of a node and all its descendants. */
export function deriveSubtree(nodes: OutlineNode[], rootId: number): Set<number> {
  const children = new Map<number, number[]>();
  for (const node of nodes) {
    if (node.parentId === null) continue;
    const list = children.get(node.parentId);
    if (list) list.push(node.id);
    else children.set(node.parentId, [node.id]);
  }
  const ids = new Set<number>([rootId]);
  const stack = [rootId];
  while (stack.length > 0) {
    for (const child of children.get(stack.pop()!) ?? []) {
      if (!ids.has(child)) {
        ids.add(child);
        stack.push(child);
      }
    }
  }
  return ids;
}

function ownedBy(item: Task | Target, unitId: number): boolean {
  return item.leadUnitId === unitId || item.coUnitIds.includes(unitId);
}

/** True when a task is past its deadline and neither done nor closed. */
export function isOverdue(task: Pick<Task, 'deadline' | 'state'>, today: string): boolean {
  return task.deadline !== null && task.deadline < today && task.state !== 'done' && task.state !== 'closed';
}

/** Tasks matching every filter given. */
export function filterTasks(tasks: Task[], filter: ItemFilter, section?: Set<number>): Task[] {
  const q = filter.q?.trim().toLowerCase();
  return tasks.filter(
    (task) =>
      (filter.unitId === undefined || ownedBy(task, filter.unitId)) &&
      (filter.state === undefined || task.state === filter.state) &&
      (section === undefined || (task.outlineNodeId !== null && section.has(task.outlineNodeId))) &&
      (filter.overdueOn === undefined || isOverdue(task, filter.overdueOn)) &&
      (!q || task.text.toLowerCase().includes(q) || (task.leader ?? '').toLowerCase().includes(q)),
  );
}

/** Targets matching the filters that apply to them (unit, section, overdue by deadline, text). */
export function filterTargets(targets: Target[], filter: ItemFilter, section?: Set<number>): Target[] {
  const q = filter.q?.trim().toLowerCase();
  return targets.filter(
    (target) =>
      (filter.unitId === undefined || ownedBy(target, filter.unitId)) &&
      (section === undefined || (target.outlineNodeId !== null && section.has(target.outlineNodeId))) &&
      (filter.overdueOn === undefined || (target.deadline !== null && target.deadline < filter.overdueOn)) &&
      (!q || target.metric.toLowerCase().includes(q) || target.quote.toLowerCase().includes(q)),
  );
}
