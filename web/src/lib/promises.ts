/** What the public promise tracker shows of a commitment, apart from React. */
import type { PublicCommitmentRow } from '../api/promises';

type T = (key: string, params?: Record<string, unknown>) => string;

/** The colour of a verdict's tag. */
export const VERDICT_COLORS: Record<PublicCommitmentRow['verdict'], string> = {
  not_rated: 'default',
  on_track: 'green',
  behind: 'red',
  adjusted: 'orange',
  dropped: 'default',
  done: 'blue',
};

/** A date as the office writes it: 2022年10月31日. */
export function chineseDate(iso: string): string {
  const [y, m, d] = iso.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The due-date lines of a commitment: the current, the original when moved, overdue. */
export function describeDeadline(deadline: PublicCommitmentRow['deadline'], t: T): string[] {
  if (!deadline) return [];
  const lines = [t('promises.dueOn', { date: chineseDate(deadline.current) })];
  if (deadline.current !== deadline.original) {
    lines.push(t('promises.original', { date: chineseDate(deadline.original) }));
    if (deadline.days > 0) lines.push(t('promises.slipped', { days: deadline.days }));
  }
  return lines;
}

/** Rows whose title holds every word of the query, of the chosen verdict. */
export function filterCommitments(
  rows: readonly PublicCommitmentRow[],
  query: string,
  verdict: PublicCommitmentRow['verdict'] | 'all',
): PublicCommitmentRow[] {
  const words = query.trim().split(/\s+/).filter(Boolean);
  return rows.filter(
    (r) => (verdict === 'all' || r.verdict === verdict) && words.every((w) => r.title.includes(w)),
  );
}

/** A plausible e-mail address (the server checks it again). */
export function looksLikeEmail(text: string): boolean {
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text.trim());
}

/** A chapter of the tracker: its heading (null for rows under no chapter) and its rows. */
export interface ChapterGroup {
  id: number | null;
  title: string | null;
  rows: PublicCommitmentRow[];
}

/**
 * Rows by chapter, in the outline's order (a chapter with no row left out); rows under no
 * known chapter last, under no heading of their own (`id` null).
 */
export function groupByChapter(
  rows: readonly PublicCommitmentRow[],
  chapters: readonly { id: number; title: string }[],
): ChapterGroup[] {
  const groups = chapters.map((c) => ({ id: c.id, title: c.title, rows: [] as PublicCommitmentRow[] }));
  const byId = new Map(groups.map((g) => [g.id, g]));
  const rest: PublicCommitmentRow[] = [];
  for (const row of rows) {
    const group = row.chapterId === null ? undefined : byId.get(row.chapterId);
    if (group) group.rows.push(row);
    else rest.push(row);
  }
  const out: ChapterGroup[] = groups.filter((g) => g.rows.length > 0);
  if (rest.length > 0) out.push({ id: null, title: null, rows: rest });
  return out;
}
