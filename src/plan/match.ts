/**
 * Matching a new extraction's rows to a plan's existing rows, so that what people assigned
 * survives a re-import. Pure: the store reads the old rows, the command writes the matches.
 */
import type { Span } from '../report/types.js';
import type { PlanImport } from './import.js';

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

/** The rows a plan holds from its last import, as a re-import matches them (the store reads them). */
export interface ImportedRows {
  outline: { id: number; span: Span; level: number; title: string }[];
  achievements: { id: number; span: Span; quote: string }[];
  /** The report's own tasks: tasks carried over from an earlier plan take part in no match. */
  tasks: { id: number; span: Span; text: string }[];
  targets: { id: number; span: Span; quote: string }[];
  projectLists: { id: number; span: Span }[];
  projects: { id: number; span: Span; name: string }[];
}

/** For each row of a new import, table by table, the id of the old row it continues, or null. */
export interface ReimportMatches {
  outline: (number | null)[];
  achievements: (number | null)[];
  tasks: (number | null)[];
  targets: (number | null)[];
  projectLists: (number | null)[];
  projects: (number | null)[];
}

/**
 * Which old row each row of a new extraction of the same report continues (deriveRowMatches),
 * so that what people assigned survives: outline nodes by level and title, achievements and
 * targets by quote, tasks by text, project lists by their text in each version of the report,
 * projects by name.
 * @example deriveReimportMatches(old, derivePlanImport(text, extraction, options), oldText, text).tasks // [12, 13, null, …]
 */
export function deriveReimportMatches(
  old: ImportedRows,
  rows: PlanImport,
  oldText: string,
  newText: string,
): ReimportMatches {
  const ids = <T extends { id: number }>(list: T[], matches: (number | null)[]) =>
    matches.map((index) => (index === null ? null : (list[index]?.id ?? null)));
  const match = <T extends { id: number; span: Span }>(
    list: T[],
    oldKey: (row: T) => string,
    fresh: { span: Span; key: string }[],
  ) =>
    ids(
      list,
      deriveRowMatches(
        list.map((r) => ({ span: r.span, key: oldKey(r) })),
        fresh,
      ),
    );
  return {
    outline: match(
      old.outline,
      (r) => `${r.level}:${r.title}`,
      rows.outline.map((n) => ({ span: n.span, key: `${n.level}:${n.title}` })),
    ),
    achievements: match(
      old.achievements,
      (r) => r.quote,
      rows.achievements.map((a) => ({ span: a.span, key: a.quote })),
    ),
    tasks: match(
      old.tasks,
      (r) => r.text,
      rows.tasks.map((t) => ({ span: t.span, key: t.text })),
    ),
    targets: match(
      old.targets,
      (r) => r.quote,
      rows.targets.map((t) => ({ span: t.span, key: t.quote })),
    ),
    projectLists: match(
      old.projectLists,
      (r) => oldText.slice(r.span[0], r.span[1]),
      rows.projectLists.map((l) => ({ span: l.span, key: newText.slice(l.span[0], l.span[1]) })),
    ),
    projects: match(
      old.projects,
      (r) => r.name,
      rows.projects.map((p) => ({ span: p.span, key: p.name })),
    ),
  };
}
