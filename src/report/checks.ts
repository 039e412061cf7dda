import type { Heading, Item, Span, Warning, Zone } from './types.js';

/**
 * Checks that the reader's picture of a report looks like a report's (issue 13): when it does
 * not, a plan office must hear it before anything is published. Each warning has a code, a
 * message and the span it is about.
 */

export const STRUCTURE_CODES = {
  numbersBeforeFirstChapter: 'NUMBERS_BEFORE_FIRST_CHAPTER',
  noPlanZone: 'NO_PLAN_CHAPTER',
  zoneTooLong: 'ZONE_TOO_LONG',
  periodsEmpty: 'PERIODS_EMPTY',
} as const;

/** Items before the first chapter that make a warning: a title block and address hold none. */
const MANY_BEFORE = 5;
/** Shares of the body a part of a report does not exceed in the reports read so far. */
const USUAL_SHARE: Partial<Record<Zone['role'], number>> = {
  preamble: 0.08,
  review: 0.55,
  outlook: 0.4,
  closing: 0.08,
};
/** Below this many characters a body is too short to judge its proportions. */
const MIN_BODY = 3000;

const ROLE_WORDS: Record<Zone['role'], string> = {
  preamble: 'the part before the first chapter',
  review: 'the review of past work',
  outlook: 'the five-year outlook',
  plan: 'the year’s plan',
  closing: 'the closing words',
  appendix: 'the appendices',
};

/**
 * Structure warnings: many numbers before the first chapter, no plan zone, a part much longer
 * than usual, or every period empty. `chapters` are the level-1 headings.
 * @example checkStructure(text, zones, items, chapters).map((w) => w.code) // ['NUMBERS_BEFORE_FIRST_CHAPTER']
 */
export function checkStructure(text: string, zones: Zone[], items: Item[], chapters: Heading[]): Warning[] {
  const out: Warning[] = [];
  const first = chapters[0];
  if (first) {
    // the chapter's line starts before its title ("一、2026年工作安排")
    const line =
      Math.max(text.lastIndexOf('\n', first.span[0] - 1), text.lastIndexOf('\r', first.span[0] - 1)) + 1;
    const before = items.filter((i) => i.span[0] < line);
    if (before.length >= MANY_BEFORE) {
      out.push({
        code: STRUCTURE_CODES.numbersBeforeFirstChapter,
        message: `${before.length} numbers stand before the first chapter (“${first.title}”): a chapter heading without numeral may have been missed, so their kind and period may be wrong`,
        span: [0, line],
      });
    }
    if (!zones.some((z) => z.role === 'plan')) {
      out.push({
        code: STRUCTURE_CODES.noPlanZone,
        message:
          'no chapter of the year’s tasks found: every number is read as past work and no task sentences are read',
        span: first.span,
      });
    }
  }
  const body = zones.filter((z) => z.role !== 'appendix');
  const length = body.reduce((n, z) => n + z.span[1] - z.span[0], 0);
  if (length >= MIN_BODY && chapters.length > 0) {
    const byRole = new Map<Zone['role'], { chars: number; span: Span }>();
    for (const z of body) {
      const seen = byRole.get(z.role);
      const chars = (seen?.chars ?? 0) + z.span[1] - z.span[0];
      byRole.set(z.role, { chars, span: seen ? [seen.span[0], z.span[1]] : [z.span[0], z.span[1]] });
    }
    for (const [role, { chars, span }] of byRole) {
      const usual = USUAL_SHARE[role];
      if (usual === undefined || chars / length <= usual) continue;
      out.push({
        code: STRUCTURE_CODES.zoneTooLong,
        message: `${ROLE_WORDS[role]} takes ${Math.round((100 * chars) / length)}% of the report (usually at most ${Math.round(100 * usual)}%): a chapter heading may have been missed`,
        span,
      });
    }
  }
  if (items.length > 0 && items.every((i) => i.period === '')) {
    const a = items[0] as Item;
    const b = items[items.length - 1] as Item;
    out.push({
      code: STRUCTURE_CODES.periodsEmpty,
      message: `no period could be given to any of the ${items.length} numbers: the report year was not found in the title, date or text`,
      span: [a.span[0], Math.min(text.length, b.span[1])],
    });
  }
  return out;
}
