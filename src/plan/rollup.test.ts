import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError, isAppError } from '../errors.js';
import { deriveRollup } from './rollup.js';
import type { RollupNode } from './rollup.js';

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

const chapter: RollupNode[] = [
  { id: 'ch1', parentId: null, label: '一、科技创新' },
  { id: 't1', parentId: 'ch1', weight: 2, value: 80 },
  { id: 't2', parentId: 'ch1', weight: 1, value: 40 },
  { id: 't3', parentId: 'ch1', weight: 1, value: 48 },
];

describe('deriveRollup', () => {
  it('takes the weighted mean of the children with normalised weights', () => {
    const r = deriveRollup(chapter);
    expect(r.findFigure('ch1')).toEqual({ value: 62, coverage: 1 });
    expect(r.roots).toEqual(['ch1']);
  });

  it('explains a figure: children, raw and normalised weights, values, arithmetic', () => {
    const e = deriveRollup(chapter).explain('ch1');
    expect(e.kind).toBe('rollup');
    expect(e.label).toBe('一、科技创新');
    expect(e.children.map((c) => [c.id, c.rawWeight, c.share, c.value, c.contribution])).toEqual([
      ['t1', 2, 0.5, 80, 40],
      ['t2', 1, 0.25, 40, 10],
      ['t3', 1, 0.25, 48, 12],
    ]);
    expect(e.formula).toBe('0.5 × 80 + 0.25 × 40 + 0.25 × 48 = 62');
    expect(deriveRollup(chapter).explain('t2')).toMatchObject({
      kind: 'leaf',
      value: 40,
      formula: 'own figure 40',
    });
  });

  it('counts a missing weight as 1 and a zero weight as out, unless all are zero', () => {
    const tree = (w1: number | null, w2: number | null) =>
      deriveRollup([
        { id: 'p', parentId: null },
        { id: 'a', parentId: 'p', weight: w1, value: 10 },
        { id: 'b', parentId: 'p', weight: w2, value: 50 },
      ]);
    expect(tree(null, 3).findFigure('p')?.value).toBe(40);
    expect(tree(null, 3).explain('p').children[0]).toMatchObject({ rawWeight: null, weight: 1, share: 0.25 });
    expect(tree(0, 1).findFigure('p')?.value).toBe(50);
    expect(tree(0, 0).findFigure('p')?.value).toBe(30);
    expect(tree(-2, 1).findFigure('p')?.value).toBe(30);
  });

  it('leaves out children without data, renormalising, and reports coverage', () => {
    const nodes: RollupNode[] = [
      { id: 'p', parentId: null },
      { id: 'a', parentId: 'p', weight: 1, value: 60 },
      { id: 'b', parentId: 'p', weight: 1, value: null },
      { id: 'c', parentId: 'p', weight: 2, value: 30 },
    ];
    const r = deriveRollup(nodes);
    expect(r.findFigure('p')?.value).toBeCloseTo(40, 12);
    expect(r.findFigure('p')?.coverage).toBeCloseTo(0.75, 12);
    const e = r.explain('p');
    expect(e.children.map((c) => c.effectiveShare)).toEqual([1 / 3, 0, 2 / 3]);
    expect(e.formula).toBe('0.3333 × 60 + 0.6667 × 30 = 40 (no data, left out: b)');
  });

  it('counts children without data as 0 when asked', () => {
    const nodes: RollupNode[] = [
      { id: 'p', parentId: null },
      { id: 'a', parentId: 'p', weight: 1, value: 60 },
      { id: 'b', parentId: 'p', weight: 1, value: null },
      { id: 'c', parentId: 'p', weight: 2, value: 30 },
    ];
    const r = deriveRollup(nodes, { missing: 'zero' });
    expect(r.findFigure('p')?.value).toBeCloseTo(30, 12);
    expect(r.explain('p').formula).toBe('0.25 × 60 + 0.25 × 0 + 0.5 × 30 = 30');
  });

  it('rolls up through levels, a subtree without data leaving its parent’s coverage short', () => {
    const r = deriveRollup([
      { id: 'root', parentId: null },
      { id: 'ch1', parentId: 'root', weight: 1 },
      { id: 't1', parentId: 'ch1', weight: 2, value: 80 },
      { id: 't2', parentId: 'ch1', weight: 1, value: 40 },
      { id: 't3', parentId: 'ch1', weight: 1, value: 48 },
      { id: 'ch2', parentId: 'root', weight: 3 },
      { id: 't4', parentId: 'ch2', value: null },
    ]);
    expect(r.findFigure('ch2')).toEqual({ value: null, coverage: 0 });
    expect(r.findFigure('root')).toEqual({ value: 62, coverage: 0.25 });
    expect(r.explain('ch2').formula).toBe('no child has data');
  });

  it('is correct after a move and a delete, the new tree being the input', () => {
    const before: RollupNode[] = [
      { id: 'root', parentId: null },
      { id: 's1', parentId: 'root' },
      { id: 's2', parentId: 'root' },
      { id: 't1', parentId: 's1', value: 100 },
      { id: 't2', parentId: 's1', value: 0 },
      { id: 't3', parentId: 's2', value: 20 },
    ];
    expect(deriveRollup(before).findFigure('root')?.value).toBe(35);
    const moved = before.map((n) => (n.id === 't2' ? { ...n, parentId: 's2' } : n));
    const r = deriveRollup(moved);
    expect([r.findFigure('s1')?.value, r.findFigure('s2')?.value, r.findFigure('root')?.value]).toEqual([
      100, 10, 55,
    ]);
    const deleted = moved.filter((n) => n.id !== 't1');
    const d = deriveRollup(deleted);
    expect(d.explain('s1').kind).toBe('empty');
    expect(d.findFigure('root')).toEqual({ value: 10, coverage: 0.5 });
  });

  it('refuses duplicates, unknown parents and cycles, listing each with its path', () => {
    const e = caught(() =>
      deriveRollup([
        { id: 'a', parentId: null },
        { id: 'a', parentId: null },
        { id: 'b', parentId: 'zz' },
        { id: 'b1', parentId: 'b' },
        { id: 'c', parentId: 'd' },
        { id: 'd', parentId: 'c' },
      ]),
    );
    expect(e.code).toBe('BAD_INPUT');
    expect(e.details).toEqual([
      { path: 'nodes.1.id', message: 'duplicate id "a"' },
      { path: 'nodes.2.parentId', message: 'parent "zz" is not in the tree' },
      { path: 'nodes.4.parentId', message: '"c" is in a cycle' },
      { path: 'nodes.5.parentId', message: '"d" is in a cycle' },
    ]);
  });

  it('says NOT_FOUND when explaining an unknown node', () => {
    const r = deriveRollup(chapter);
    expect(r.findFigure('nope')).toBeUndefined();
    expect(
      isAppError(
        caught(() => r.explain('nope')),
        'NOT_FOUND',
      ),
    ).toBe(true);
  });

  it('rolls up 10,000 tasks over chapters and sections to the hand-computed figure', () => {
    // 10 chapters (weight c+1) × 10 sections × 100 tasks; task j of chapter c weighs j+1 and
    // shows j+c. A section: Σ(j+1)(j+c)/Σ(j+1) = (328350 + 4950 + 5050c)/5050 = 66 + c.
    // The root: Σ(c+1)(66+c)/55 = 66 + (285 + 45)/55 = 72.
    const nodes: RollupNode[] = [{ id: 'root', parentId: null }];
    for (let c = 0; c < 10; c++) {
      nodes.push({ id: `c${c}`, parentId: 'root', weight: c + 1 });
      for (let s = 0; s < 10; s++) {
        nodes.push({ id: `c${c}s${s}`, parentId: `c${c}` });
        for (let j = 0; j < 100; j++) {
          nodes.push({ id: `c${c}s${s}t${j}`, parentId: `c${c}s${s}`, weight: j + 1, value: j + c });
        }
      }
    }
    expect(nodes.filter((n) => n.value !== undefined)).toHaveLength(10_000);
    const r = deriveRollup(nodes);
    expect(r.findFigure('c3s7')?.value).toBeCloseTo(69, 9);
    expect(r.findFigure('c9')?.value).toBeCloseTo(75, 9);
    expect(r.findFigure('root')?.value).toBeCloseTo(72, 9);
    const shares = r.explain('root').children.map((c) => c.share);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(shares[9]).toBeCloseTo(10 / 55, 12);
  });
});

describe('deriveRollup on random trees', () => {
  // A random forest: node i hangs under a random earlier node (or is a root), with random
  // weights (some missing or zero) and random leaf values (some without data).
  const forest = fc
    .array(
      fc.record({
        parent: fc.nat(),
        isRoot: fc.boolean(),
        weight: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
        value: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
      }),
      { minLength: 1, maxLength: 60 },
    )
    .map((rows) =>
      rows.map((row, i): RollupNode => ({
        id: `n${i}`,
        parentId: i === 0 || row.isRoot ? null : `n${row.parent % i}`,
        weight: row.weight,
        value: row.value,
      })),
    );

  it('gives shares that add up to 1 and figures between the children’s lowest and highest', () => {
    fc.assert(
      fc.property(forest, (nodes) => {
        const r = deriveRollup(nodes);
        for (const node of nodes) {
          const e = r.explain(node.id);
          if (e.children.length === 0) continue;
          expect(e.children.reduce((a, c) => a + c.share, 0)).toBeCloseTo(1, 9);
          const values = e.children.flatMap((c) => (c.value === null ? [] : [c.value]));
          if (values.length === 0) {
            expect(e.value).toBeNull();
            continue;
          }
          expect(e.value).not.toBeNull();
          expect(e.value!).toBeGreaterThanOrEqual(Math.min(...values) - 1e-9);
          expect(e.value!).toBeLessThanOrEqual(Math.max(...values) + 1e-9);
          expect(e.children.reduce((a, c) => a + c.contribution, 0)).toBeCloseTo(e.value!, 9);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('moves one leaf on along its path alone, to what the whole roll-up gives', () => {
    const change = fc.record({
      pick: fc.nat(),
      weight: fc.option(fc.integer({ min: 0, max: 5 }), { nil: null }),
      value: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    });
    fc.assert(
      fc.property(forest, fc.array(change, { minLength: 1, maxLength: 5 }), (start, changes) => {
        let nodes = start;
        let held = deriveRollup(nodes);
        const isLeaf = (id: string) => !nodes.some((n) => n.parentId === id);
        for (const c of changes) {
          const node = nodes[c.pick % nodes.length]!;
          const leaf = { ...node, weight: c.weight, value: c.value };
          const moved = held.withLeaf(leaf);
          if (!isLeaf(node.id)) {
            expect(moved).toBeUndefined();
            continue;
          }
          nodes = nodes.map((n) => (n.id === node.id ? leaf : n));
          const whole = deriveRollup(nodes);
          expect(moved).toBeDefined();
          for (const n of nodes) expect(moved!.rollup.explain(n.id)).toEqual(whole.explain(n.id));
          held = moved!.rollup;
        }
      }),
      { numRuns: 200 },
    );
  });

  it('declines a leaf under another parent, a node with children, or an unknown id', () => {
    const r = deriveRollup(chapter);
    expect(r.withLeaf({ id: 't1', parentId: null, value: 10 })).toBeUndefined();
    expect(r.withLeaf({ id: 'ch1', parentId: null, value: 10 })).toBeUndefined();
    expect(r.withLeaf({ id: 'nope', parentId: 'ch1', value: 10 })).toBeUndefined();
    const moved = r.withLeaf({ id: 't2', parentId: 'ch1', weight: 1, value: 100 });
    expect(moved?.above).toEqual(['ch1']);
    expect(moved?.rollup.findFigure('ch1')?.value).toBeCloseTo(0.5 * 80 + 0.25 * 100 + 0.25 * 48, 9);
    // The roll-up it came from is left as it was.
    expect(r.findFigure('ch1')?.value).toBeCloseTo(62, 9);
  });
});
