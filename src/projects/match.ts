/**
 * Matching a project named in a report to a library record, across years: by normalised name and
 * aliases, with a confidence, and a "doubtful" outcome that a person reviews (decision 37).
 *
 * The rule: names are compared after normalisation (full-width forms, spaces, quotes, brackets
 * around a phase, Arabic phase numbers, a trailing 项目/工程). Equal to a name or alias: 1.
 * Otherwise, one contained in the other: 0.6 + 0.3 × (shorter / longer) (below 0.9, so always
 * reviewed). Otherwise bigram Dice × 0.9. Two different phases ("一期" / "二期") never match.
 * Outcome: `matched` when the best is ≥ 0.9 and no other record reaches 0.9; `doubtful` when the
 * best is ≥ 0.6 (or two records are equally sure); `unmatched` below.
 */
import type { Project as ReportProject, Span } from '../report/types.js';
import type { LibraryProject } from './types.js';

export const MATCH_THRESHOLDS = { sure: 0.9, doubtful: 0.6 } as const;

const DIGITS = '〇一二三四五六七八九';

/**
 * A name reduced to what identifies it.
 * @example
 * normaliseProjectName('小米“灯塔工厂” （2期）项目') // '小米灯塔工厂二期'
 */
export function normaliseProjectName(name: string): string {
  let s = name.normalize('NFKC').toLowerCase();
  s = s.replace(/[\s"'“”‘’「」『』《》〈〉·•]/g, '');
  // "(一期)" and "(2期)" are the phase, written in or out of brackets.
  s = s.replace(/\(([0-9一二三四五六七八九十]+期)\)/g, '$1');
  s = s.replace(/([0-9]+)期/g, (_, n: string) => [...n].map((d) => DIGITS[Number(d)]).join('') + '期');
  s = s.replace(/(项目|工程)$/, '');
  return s;
}

/** The phase a normalised name gives ("二期", "二期(二)"), or undefined. */
function phaseOf(normalised: string): string | undefined {
  return /([一二三四五六七八九十]+期(?:\([一二三四五六七八九十0-9]+\))?)/.exec(normalised)?.[1];
}

function bigrams(s: string): string[] {
  if (s.length < 2) return [s];
  const out: string[] = [];
  for (let i = 0; i < s.length - 1; i++) out.push(s.slice(i, i + 2));
  return out;
}

/**
 * Bigram Dice similarity of two strings, 0–1.
 * @example
 * bigramDice('兴唐创新中心', '兴唐科技创新中心') // 0.667
 */
export function bigramDice(a: string, b: string): number {
  if (a === b) return 1;
  const x = bigrams(a);
  const y = new Map<string, number>();
  for (const g of bigrams(b)) y.set(g, (y.get(g) ?? 0) + 1);
  let shared = 0;
  for (const g of x) {
    const n = y.get(g) ?? 0;
    if (n > 0) {
      shared++;
      y.set(g, n - 1);
    }
  }
  return (2 * shared) / (x.length + bigrams(b).length);
}

/**
 * How sure it is that two normalised names are one project, and why.
 * @example
 * scoreNames('小米智慧园区', '小米智慧园区') // { confidence: 1, via: 'equal' }
 */
export function scoreNames(
  a: string,
  b: string,
): { confidence: number; via: 'equal' | 'contains' | 'similar' } {
  if (a === b) return { confidence: 1, via: 'equal' };
  const pa = phaseOf(a);
  const pb = phaseOf(b);
  if (pa !== undefined && pb !== undefined && pa !== pb) return { confidence: 0, via: 'similar' };
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  if (short.length >= 3 && long.includes(short))
    return { confidence: 0.6 + (0.3 * short.length) / long.length, via: 'contains' };
  return { confidence: bigramDice(a, b) * 0.9, via: 'similar' };
}

type Named = Pick<LibraryProject, 'id' | 'name' | 'aliases'>;

/** A lookup of library records by normalised name, alias and bigram. Build once per matching run. */
export interface NameIndex {
  exact: Map<string, number[]>;
  grams: Map<string, number[]>;
  /** id → its normalised names (name first). */
  names: Map<number, string[]>;
}

/**
 * Indexes records for matching: linear in the names.
 * @example
 * const index = createNameIndex(projects); matchProjectName('兴唐创新中心', index)
 */
export function createNameIndex(projects: Iterable<Named>): NameIndex {
  const index: NameIndex = { exact: new Map(), grams: new Map(), names: new Map() };
  for (const p of projects) {
    const names = [...new Set([p.name, ...p.aliases].map(normaliseProjectName).filter(Boolean))];
    index.names.set(p.id, names);
    for (const n of names) {
      const ids = index.exact.get(n) ?? [];
      if (!ids.includes(p.id)) ids.push(p.id);
      index.exact.set(n, ids);
      for (const g of new Set(bigrams(n))) {
        const list = index.grams.get(g) ?? [];
        if (list.at(-1) !== p.id) list.push(p.id);
        index.grams.set(g, list);
      }
    }
  }
  return index;
}

export type MatchOutcome = 'matched' | 'doubtful' | 'unmatched';

export interface MatchCandidate {
  projectId: number;
  confidence: number;
  via: 'name' | 'alias' | 'contains' | 'similar';
}

export interface NameMatch {
  name: string;
  outcome: MatchOutcome;
  /** The record when matched; the best candidate's when doubtful; null when unmatched. */
  projectId: number | null;
  confidence: number;
  /** Up to three best candidates, best first. */
  candidates: MatchCandidate[];
}

/** Candidates to score: records sharing most bigrams with the name (at most `limit`). */
function candidatesOf(normalised: string, index: NameIndex, limit = 24): number[] {
  const shared = new Map<number, number>();
  const grams = new Set(bigrams(normalised));
  for (const g of grams) for (const id of index.grams.get(g) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1);
  const floor = Math.max(1, Math.ceil(grams.size * 0.3));
  return [...shared]
    .filter(([, n]) => n >= floor)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, limit)
    .map(([id]) => id);
}

/**
 * Matches one name to the indexed records.
 * @example
 * matchProjectName('小米智慧园区项目', index) // { outcome: 'matched', projectId: 3, confidence: 1, … }
 */
export function matchProjectName(name: string, index: NameIndex): NameMatch {
  const n = normaliseProjectName(name);
  const scored: MatchCandidate[] = [];
  const ids = new Set([...(index.exact.get(n) ?? []), ...candidatesOf(n, index)]);
  for (const id of ids) {
    const names = index.names.get(id) ?? [];
    let best: MatchCandidate | undefined;
    names.forEach((candidate, i) => {
      const s = scoreNames(n, candidate);
      const via = s.via === 'equal' ? (i === 0 ? 'name' : 'alias') : s.via;
      if (!best || s.confidence > best.confidence) best = { projectId: id, confidence: s.confidence, via };
    });
    if (best && best.confidence > 0) scored.push(best);
  }
  scored.sort((a, b) => b.confidence - a.confidence || a.projectId - b.projectId);
  const top = scored[0];
  const candidates = scored
    .slice(0, 3)
    .map((c) => ({ ...c, confidence: Math.round(c.confidence * 1000) / 1000 }));
  if (!top || top.confidence < MATCH_THRESHOLDS.doubtful)
    return { name, outcome: 'unmatched', projectId: null, confidence: top?.confidence ?? 0, candidates };
  const rivals = scored.filter((c) => c.confidence >= MATCH_THRESHOLDS.sure).length;
  const outcome = top.confidence >= MATCH_THRESHOLDS.sure && rivals === 1 ? 'matched' : 'doubtful';
  return { name, outcome, projectId: top.projectId, confidence: candidates[0]!.confidence, candidates };
}

/** A project named in a report, matched. */
export interface ReportProjectMatch extends NameMatch {
  /** Index into the extraction's projects. */
  index: number;
  step: string;
  kind: ReportProject['kind'];
  span: Span;
}

/**
 * Matches every project an extraction names (achievements and targets) to the library.
 * @example
 * matchReportProjects(extraction.projects, createNameIndex(library)).filter((m) => m.outcome === 'doubtful')
 */
export function matchReportProjects(
  projects: readonly ReportProject[],
  index: NameIndex,
): ReportProjectMatch[] {
  return projects.map((p, i) => ({
    ...matchProjectName(p.name, index),
    index: i,
    step: p.stage,
    kind: p.kind,
    span: p.span,
  }));
}
