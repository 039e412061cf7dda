/**
 * 文号 of a 督办单, as offices number their papers: the issuing word, the year in 〔〕 and the
 * notice's place among the plan's notices in the order they were issued — "督办〔2022〕3号".
 * Derived, never stored: the same notices always get the same numbers. Pure.
 */

/** The word a 督办单's number starts with; an office may use its own (e.g. its short name). */
export const DEFAULT_NOTICE_PREFIX = '督办';

/**
 * Numbers every notice of a plan: by issue time, then id, from 1.
 * @example deriveNoticeNumbers([{ id: 9, issuedAt: '2022-07-08T09:00:00Z' }], 2022).get(9) // '督办〔2022〕1号'
 */
export function deriveNoticeNumbers(
  notices: readonly { id: number; issuedAt: string }[],
  year: number,
  prefix = DEFAULT_NOTICE_PREFIX,
): Map<number, string> {
  const ordered = [...notices].sort((a, b) =>
    a.issuedAt === b.issuedAt ? a.id - b.id : a.issuedAt < b.issuedAt ? -1 : 1,
  );
  return new Map(ordered.map((n, i) => [n.id, `${prefix}〔${year}〕${i + 1}号`]));
}
