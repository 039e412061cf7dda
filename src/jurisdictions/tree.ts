/**
 * Jurisdictions as a tree (国家 → 省 → 市 → 区县 → 街乡): who is below whom, for what a user of
 * one jurisdiction may see (its own, and its descendants when granted) and for plans handed
 * down a level.
 */

/** A jurisdiction as the tree needs it. */
export interface TreeNode {
  id: number;
  parentId: number | null;
}

/**
 * The ids of `rootId` and everything below it, root first then breadth first. A cycle (which
 * the store forbids) stops at the first repeat.
 * @example listSubtree([{ id: 1, parentId: null }, { id: 2, parentId: 1 }, { id: 3, parentId: 2 }], 1) // [1, 2, 3]
 */
export function listSubtree(nodes: readonly TreeNode[], rootId: number): number[] {
  const children = new Map<number, number[]>();
  for (const node of nodes) {
    if (node.parentId === null) continue;
    const list = children.get(node.parentId) ?? [];
    list.push(node.id);
    children.set(node.parentId, list);
  }
  const seen = new Set<number>([rootId]);
  const order = [rootId];
  for (let i = 0; i < order.length; i++) {
    for (const child of children.get(order[i]!) ?? []) {
      if (seen.has(child)) continue;
      seen.add(child);
      order.push(child);
    }
  }
  return order;
}

/**
 * The ids from `id` up to the top, `id` first.
 * @example listAncestry([{ id: 1, parentId: null }, { id: 2, parentId: 1 }], 2) // [2, 1]
 */
export function listAncestry(nodes: readonly TreeNode[], id: number): number[] {
  const parent = new Map(nodes.map((n) => [n.id, n.parentId]));
  const order: number[] = [];
  const seen = new Set<number>();
  for (let at: number | null | undefined = id; at != null && !seen.has(at); at = parent.get(at)) {
    seen.add(at);
    order.push(at);
  }
  return order;
}

/**
 * The jurisdictions a user may act in: their own, and every descendant when they hold the
 * grant to see below (a city's 督查室 sees its districts; a district never sees a sibling).
 * @example listVisibleJurisdictions(nodes, { jurisdictionId: 1, descendants: true }) // [1, 2, 3]
 */
export function listVisibleJurisdictions(
  nodes: readonly TreeNode[],
  user: { jurisdictionId: number; descendants: boolean },
): number[] {
  return user.descendants ? listSubtree(nodes, user.jurisdictionId) : [user.jurisdictionId];
}

/**
 * True when `childId` is `parentId` or lies below it.
 * @example isWithin(nodes, 3, 1) // true
 */
export function isWithin(nodes: readonly TreeNode[], childId: number, parentId: number): boolean {
  return listAncestry(nodes, childId).includes(parentId);
}
