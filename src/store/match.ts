/**
 * Matching a new extraction's rows to a plan's existing rows, so that what people assigned
 * survives a re-import. Pure.
 */
import type { Span } from '../report/types.js';

/** A row as matching sees it: where it is, and the text that identifies it. */
export interface MatchKey {
  span: Span;
  key: string;
}

/**
 * For each fresh row, the index of the old row it continues, or null for a new row.
 * First pass: the same span and the same key. Second pass: the same key anywhere, the
 * nearest old row first (text moved by an edit above it). Each old row is used at most once.
 * @example deriveRowMatches([{ span: [0, 4], key: '6%左右' }], [{ span: [9, 13], key: '6%左右' }]) // [0]
 */
export function deriveRowMatches(old: MatchKey[], fresh: MatchKey[]): (number | null)[] {
  const result: (number | null)[] = fresh.map(() => null);
  const used = new Set<number>();
  const byKey = new Map<string, number[]>();
  old.forEach((row, index) => {
    const list = byKey.get(row.key);
    if (list) list.push(index);
    else byKey.set(row.key, [index]);
  });
  fresh.forEach((row, i) => {
    const candidates = byKey.get(row.key) ?? [];
    const exact = candidates.find(
      (j) => !used.has(j) && old[j]?.span[0] === row.span[0] && old[j]?.span[1] === row.span[1],
    );
    if (exact !== undefined) {
      result[i] = exact;
      used.add(exact);
    }
  });
  fresh.forEach((row, i) => {
    if (result[i] !== null) return;
    let best: number | undefined;
    let bestDistance = Infinity;
    for (const j of byKey.get(row.key) ?? []) {
      if (used.has(j)) continue;
      const distance = Math.abs((old[j]?.span[0] ?? 0) - row.span[0]);
      if (distance < bestDistance) {
        best = j;
        bestDistance = distance;
      }
    }
    if (best !== undefined) {
      result[i] = best;
      used.add(best);
    }
  });
  return result;
}
