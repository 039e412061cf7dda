import type { Heading, ReportMeta, Zone } from './types.js';

/** Chapters, sections and lead phrases (GUIDE.md §3). */
export function extractOutline(_text: string): Heading[] {
  return [];
}

/** Splits the text into zones of one tense and period, from the chapter headings. */
export function deriveZones(_text: string, _outline: Heading[], _meta: ReportMeta): Zone[] {
  return [];
}
