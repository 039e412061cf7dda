/**
 * Roll-up over the outline tree: each parent's figure is the weighted mean of its children's,
 * with sibling weights normalised so that they always add up to 1, and every figure able to
 * say how it was made (`explain`). Pure and whole: the input is the tree as it is now, so a
 * delete or a move is just a new input; one pass in linear time.
 *
 * Weight rules (what offices expect when a weight is left blank):
 * - a missing, negative or non-numeric weight counts as 1 (the default weight);
 * - a weight of 0 takes the child out of its parent's figure, unless every sibling is 0, in
 *   which case all share equally.
 * A child with no figure (no data) is left out and its siblings' shares are renormalised
 * (`missing: 'exclude'`, the default), or counted as 0 (`missing: 'zero'`); either way the
 * parent's `coverage` tells how much of its weight had data, so a gap is never hidden.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';

export interface RollupNode {
  id: string;
  parentId: string | null;
  /** Relative weight among siblings (see the weight rules above). */
  weight?: number | null;
  /** The node's own figure, e.g. a task's progress 0–100; read only when it has no children. */
  value?: number | null;
  label?: string;
}

export interface RollupOptions {
  /** What a child without a figure counts as: left out (default) or 0. */
  missing?: 'exclude' | 'zero';
}

export interface RollupFigure {
  /** The figure; null when no descendant has data. */
  value: number | null;
  /** Share of the node's weight (0–1) backed by data, all the way down. */
  coverage: number;
}

export interface RollupChildExplanation {
  id: string;
  label?: string;
  /** The weight as given (null when missing). */
  rawWeight: number | null;
  /** The weight used after the rules (missing → 1). */
  weight: number;
  /** Normalised share among all siblings: they add up to 1. */
  share: number;
  /** Share actually applied: among the siblings with data, when some have none. */
  effectiveShare: number;
  value: number | null;
  coverage: number;
  /** effectiveShare × value: what this child adds to its parent's figure. */
  contribution: number;
}

export interface RollupExplanation {
  id: string;
  label?: string;
  /** leaf: its own figure; rollup: from its children; empty: no children and no figure. */
  kind: 'leaf' | 'rollup' | 'empty';
  value: number | null;
  coverage: number;
  children: RollupChildExplanation[];
  /** The arithmetic in one line: "0.5 × 80 + 0.25 × 40 + 0.25 × 48 = 62". */
  formula: string;
}

export interface Rollup {
  /** Ids of the nodes without a parent, in input order. */
  roots: string[];
  /** The figure of a node; undefined for an unknown id. */
  findFigure(id: string): RollupFigure | undefined;
  /** How a node's figure was made. Throws AppError NOT_FOUND for an unknown id. */
  explain(id: string): RollupExplanation;
  /**
   * The same roll-up with one leaf's own figure and weight changed, its parent unchanged: only
   * the nodes above it are worked out again (time in the tree's depth and their children, not
   * its size), and the result equals `deriveRollup` on the changed nodes. Undefined when `leaf.id`
   * is unknown, has children, or hangs from another parent than `leaf.parentId`: then roll up
   * the whole tree. This roll-up is left as it was.
   */
  withLeaf(leaf: RollupNode): { rollup: Rollup; above: string[] } | undefined;
}

/** The tree as deriveRollup built it, and every node's figure in it. */
interface RollupState {
  nodes: readonly RollupNode[];
  missing: 'exclude' | 'zero';
  indexById: Map<string, number>;
  childStart: Int32Array;
  children: Int32Array;
  parentIndex: Int32Array;
  roots: number[];
  values: Float64Array;
  hasValue: Uint8Array;
  coverage: Float64Array;
  /** Each node's normalised share among its siblings. */
  shares: Float64Array;
}

function usedWeight(raw: number | null | undefined): number {
  return typeof raw === 'number' && Number.isFinite(raw) && raw >= 0 ? raw : 1;
}

function fmt(n: number, digits: number): string {
  const f = 10 ** digits;
  return (Math.round(n * f) / f).toString();
}

/**
 * Rolls figures up the whole tree in one linear pass.
 * Throws AppError BAD_INPUT, listing every problem with its path (`nodes.3.parentId`), for a
 * duplicate id, a parent that is not in the tree, or a cycle.
 * @example
 * const r = deriveRollup([
 *   { id: 'ch1', parentId: null },
 *   { id: 't1', parentId: 'ch1', weight: 2, value: 80 },
 *   { id: 't2', parentId: 'ch1', weight: 1, value: 40 },
 *   { id: 't3', parentId: 'ch1', weight: 1, value: 48 },
 * ]);
 * r.findFigure('ch1')?.value // 62
 * r.explain('ch1').formula   // '0.5 × 80 + 0.25 × 40 + 0.25 × 48 = 62'
 */
export function deriveRollup(nodes: readonly RollupNode[], options: RollupOptions = {}): Rollup {
  const missing = options.missing ?? 'exclude';
  const n = nodes.length;
  const indexById = new Map<string, number>();
  const problems: ErrorDetail[] = [];
  nodes.forEach((node, i) => {
    if (indexById.has(node.id))
      problems.push({ path: `nodes.${i}.id`, message: `duplicate id "${node.id}"` });
    else indexById.set(node.id, i);
  });

  // Children as index lists, in input order (the caller sorts siblings by position).
  const childStart = new Int32Array(n + 1);
  const parentIndex = new Int32Array(n).fill(-1);
  const roots: number[] = [];
  nodes.forEach((node, i) => {
    if (indexById.get(node.id) !== i) return;
    if (node.parentId === null) {
      roots.push(i);
      return;
    }
    const p = indexById.get(node.parentId);
    if (p === undefined) {
      problems.push({ path: `nodes.${i}.parentId`, message: `parent "${node.parentId}" is not in the tree` });
      return;
    }
    parentIndex[i] = p;
    childStart[p + 1] = (childStart[p + 1] ?? 0) + 1;
  });
  for (let i = 0; i < n; i++) childStart[i + 1] = (childStart[i + 1] ?? 0) + (childStart[i] ?? 0);
  const children = new Int32Array(Math.max(0, childStart[n] ?? 0));
  const fill = childStart.slice(0, n);
  for (let i = 0; i < n; i++) {
    const p = parentIndex[i] ?? -1;
    if (p >= 0) children[fill[p]!++] = i;
  }

  // Post-order from the roots without recursion: a node is computed after all its children.
  const order: number[] = [];
  const visited = new Uint8Array(n);
  for (const root of roots) {
    const stack: number[] = [root];
    visited[root] = 1;
    while (stack.length > 0) {
      const i = stack.pop()!;
      order.push(i);
      for (let c = childStart[i]!; c < childStart[i + 1]!; c++) {
        const child = children[c]!;
        visited[child] = 1;
        stack.push(child);
      }
    }
  }
  nodes.forEach((node, i) => {
    if (visited[i] || indexById.get(node.id) !== i || parentIndex[i] === -1) return;
    // Unreached with a known parent: either in a cycle or below a node whose parent is missing
    // (already reported). Only the first is a new problem. Error path only, so a plain walk.
    const seen = new Set<number>();
    let j = i;
    while (j >= 0 && !seen.has(j)) {
      seen.add(j);
      j = parentIndex[j] ?? -1;
    }
    if (j >= 0) problems.push({ path: `nodes.${i}.parentId`, message: `"${node.id}" is in a cycle` });
  });
  if (problems.length > 0) throw new AppError('BAD_INPUT', 'The tree cannot be rolled up', problems);

  const state: RollupState = {
    nodes,
    missing,
    indexById,
    childStart,
    children,
    parentIndex,
    roots,
    values: new Float64Array(n),
    hasValue: new Uint8Array(n),
    coverage: new Float64Array(n),
    shares: new Float64Array(n),
  };
  // `order` lists parents before children; walking it backwards computes children first.
  for (let k = order.length - 1; k >= 0; k--) computeNode(state, order[k]!);
  return rollupOf(state);
}

/** Node `i`'s figure and coverage from its children's (and their shares), or its own for a leaf. */
function computeNode(state: RollupState, i: number): void {
  const { nodes, childStart, children, values, hasValue, coverage, shares, missing } = state;
  const from = childStart[i]!;
  const to = childStart[i + 1]!;
  if (from === to) {
    const own = nodes[i]!.value;
    const known = typeof own === 'number' && Number.isFinite(own);
    values[i] = known ? own : 0;
    hasValue[i] = known ? 1 : 0;
    coverage[i] = known ? 1 : 0;
    return;
  }
  let total = 0;
  for (let c = from; c < to; c++) total += usedWeight(nodes[children[c]!]!.weight);
  const count = to - from;
  let sum = 0;
  let sharesWithData = 0;
  let withData = 0;
  let cov = 0;
  for (let c = from; c < to; c++) {
    const child = children[c]!;
    const share = total > 0 ? usedWeight(nodes[child]!.weight) / total : 1 / count;
    shares[child] = share;
    cov += share * coverage[child]!;
    if (hasValue[child]) {
      sum += share * values[child]!;
      sharesWithData += share;
      withData++;
    }
  }
  coverage[i] = cov;
  values[i] = 0;
  hasValue[i] = 0;
  if (missing === 'zero') {
    values[i] = sum;
    hasValue[i] = 1;
  } else if (withData > 0) {
    if (sharesWithData > 0) values[i] = sum / sharesWithData;
    else {
      // Every sibling with data weighs 0: they share equally rather than vanish.
      let plain = 0;
      for (let c = from; c < to; c++) if (hasValue[children[c]!]) plain += values[children[c]!]!;
      values[i] = plain / withData;
    }
    hasValue[i] = 1;
  }
}

function rollupOf(state: RollupState): Rollup {
  const {
    nodes,
    missing,
    indexById,
    childStart,
    children,
    parentIndex,
    roots,
    values,
    hasValue,
    coverage,
    shares,
  } = state;
  const figure = (i: number): RollupFigure => ({
    value: hasValue[i] ? values[i]! : null,
    coverage: coverage[i]!,
  });

  return {
    roots: roots.map((i) => nodes[i]!.id),
    findFigure(id) {
      const i = indexById.get(id);
      return i === undefined ? undefined : figure(i);
    },
    explain(id) {
      const i = indexById.get(id);
      if (i === undefined) throw new AppError('NOT_FOUND', `No node "${id}" in the roll-up`);
      const node = nodes[i]!;
      const from = childStart[i]!;
      const to = childStart[i + 1]!;
      const own = figure(i);
      const head = { id: node.id, ...(node.label === undefined ? {} : { label: node.label }) };
      if (from === to) {
        return {
          ...head,
          kind: own.value === null ? 'empty' : 'leaf',
          ...own,
          children: [],
          formula: own.value === null ? 'no data' : `own figure ${fmt(own.value, 2)}`,
        };
      }
      let sharesWithData = 0;
      let withData = 0;
      for (let c = from; c < to; c++) {
        if (hasValue[children[c]!]) {
          sharesWithData += shares[children[c]!]!;
          withData++;
        }
      }
      const list: RollupChildExplanation[] = [];
      for (let c = from; c < to; c++) {
        const child = children[c]!;
        const raw = nodes[child]!.weight;
        const share = shares[child]!;
        const counted = missing === 'zero' || hasValue[child] === 1;
        let effectiveShare = 0;
        if (missing === 'zero') effectiveShare = share;
        else if (counted) effectiveShare = sharesWithData > 0 ? share / sharesWithData : 1 / withData;
        const value = hasValue[child] ? values[child]! : null;
        list.push({
          id: nodes[child]!.id,
          ...(nodes[child]!.label === undefined ? {} : { label: nodes[child]!.label }),
          rawWeight: typeof raw === 'number' && Number.isFinite(raw) ? raw : null,
          weight: usedWeight(raw),
          share,
          effectiveShare,
          value,
          coverage: coverage[child]!,
          contribution: effectiveShare * (value ?? 0),
        });
      }
      const terms = list
        .filter((c) => c.effectiveShare > 0 && (c.value !== null || missing === 'zero'))
        .map((c) => `${fmt(c.effectiveShare, 4)} × ${fmt(c.value ?? 0, 2)}`);
      const left = list.filter((c) => c.value === null && missing === 'exclude').map((c) => c.id);
      const formula =
        own.value === null
          ? 'no child has data'
          : `${terms.join(' + ') || '0'} = ${fmt(own.value, 2)}` +
            (left.length > 0 ? ` (no data, left out: ${left.join(', ')})` : '');
      return { ...head, kind: 'rollup', ...own, children: list, formula };
    },
    withLeaf(leaf) {
      const i = indexById.get(leaf.id);
      if (i === undefined || childStart[i] !== childStart[i + 1]) return undefined;
      const parent = parentIndex[i]!;
      if ((parent < 0 ? null : nodes[parent]!.id) !== leaf.parentId) return undefined;
      const changed = [...nodes];
      changed[i] = leaf;
      const next: RollupState = {
        ...state,
        nodes: changed,
        values: values.slice(),
        hasValue: hasValue.slice(),
        coverage: coverage.slice(),
        shares: shares.slice(),
      };
      computeNode(next, i);
      const above: string[] = [];
      for (let p = parent; p >= 0; p = parentIndex[p]!) {
        computeNode(next, p);
        above.push(nodes[p]!.id);
      }
      // A root's share among the roots is never set by a parent: 0, as deriveRollup leaves it.
      return { rollup: rollupOf(next), above };
    },
  };
}
