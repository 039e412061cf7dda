import { describe, expect, it } from 'vitest';
import { isWithin, listAncestry, listSubtree, listVisibleJurisdictions } from './tree.js';

// province 1 → cities 2, 3 → districts 4, 5 under 2 and 6 under 3.
const nodes = [
  { id: 1, parentId: null },
  { id: 2, parentId: 1 },
  { id: 3, parentId: 1 },
  { id: 4, parentId: 2 },
  { id: 5, parentId: 2 },
  { id: 6, parentId: 3 },
];

describe('jurisdiction tree', () => {
  it('lists a subtree root first, breadth first', () => {
    expect(listSubtree(nodes, 1)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(listSubtree(nodes, 2)).toEqual([2, 4, 5]);
    expect(listSubtree(nodes, 6)).toEqual([6]);
  });

  it('lists the way up', () => {
    expect(listAncestry(nodes, 5)).toEqual([5, 2, 1]);
  });

  it('stops at a cycle instead of looping', () => {
    const cycle = [
      { id: 1, parentId: 2 },
      { id: 2, parentId: 1 },
    ];
    expect(listAncestry(cycle, 1)).toEqual([1, 2]);
    expect(listSubtree(cycle, 1)).toEqual([1, 2]);
  });

  it("lets a city see its districts when granted, never a sibling's", () => {
    expect(listVisibleJurisdictions(nodes, { jurisdictionId: 2, descendants: true })).toEqual([2, 4, 5]);
    expect(listVisibleJurisdictions(nodes, { jurisdictionId: 2, descendants: false })).toEqual([2]);
    expect(listVisibleJurisdictions(nodes, { jurisdictionId: 4, descendants: true })).toEqual([4]);
    expect(isWithin(nodes, 5, 2)).toBe(true);
    expect(isWithin(nodes, 6, 2)).toBe(false);
    expect(isWithin(nodes, 4, 5)).toBe(false);
  });
});
