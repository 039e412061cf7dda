import { useMemo, type ReactNode } from 'react';
import { Tree } from 'antd';
import type { Health, OutlineNode } from '../api/types';
import { HealthTag } from './tags';

export interface OutlineTreeProps {
  nodes: OutlineNode[];
  selectedId?: number;
  onSelect: (id: number | undefined) => void;
  /** Health roll-up per node, once tracking supplies it. */
  health?: Map<number, Health>;
  /** Items per node (tasks), shown after the title. */
  counts?: Map<number, number>;
}

interface TreeNode {
  key: number;
  title: ReactNode;
  children: TreeNode[];
}

/** The report's own outline (chapters → sections → lead phrases) as a tree to filter by. */
export function OutlineTree({ nodes, selectedId, onSelect, health, counts }: OutlineTreeProps) {
  const treeData = useMemo(() => {
    const byId = new Map<number, TreeNode>();
    const sorted = [...nodes].sort((a, b) => a.span[0] - b.span[0] || a.position - b.position);
    for (const node of sorted) {
      const state = health?.get(node.id);
      const count = counts?.get(node.id);
      byId.set(node.id, {
        key: node.id,
        title: (
          <span>
            {node.title}
            {count ? <span style={{ color: '#595959' }}> ({count})</span> : null}
            {state ? (
              <>
                {' '}
                <HealthTag health={state} />
              </>
            ) : null}
          </span>
        ),
        children: [],
      });
    }
    const roots: TreeNode[] = [];
    for (const node of sorted) {
      const entry = byId.get(node.id)!;
      const parent = node.parentId === null ? undefined : byId.get(node.parentId);
      if (parent) parent.children.push(entry);
      else roots.push(entry);
    }
    return roots;
  }, [nodes, health, counts]);
  const levelOne = useMemo(() => nodes.filter((node) => node.level === 1).map((node) => node.id), [nodes]);

  return (
    <Tree
      treeData={treeData}
      defaultExpandedKeys={levelOne}
      selectedKeys={selectedId !== undefined ? [selectedId] : []}
      onSelect={(keys) => onSelect(keys.length > 0 ? Number(keys[0]) : undefined)}
      blockNode
    />
  );
}
