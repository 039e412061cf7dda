import type { Item, ReportMeta, Zone } from './types.js';

/** Every quantitative target and achievement (GUIDE.md §1). */
export function extractItems(_text: string, _zones: Zone[], _meta: ReportMeta): Item[] {
  return [];
}
