import type { Heading, ReportMeta, Zone } from './types.js';

/** Splits the text into zones of one tense and period, from the chapter headings. */
export function deriveZones(_text: string, _outline: Heading[], _meta: ReportMeta): Zone[] {
  return [];
}
