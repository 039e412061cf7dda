import type { Heading } from './types.js';

/** Chapters, sections and lead phrases (GUIDE.md §3). */
export function extractOutline(_text: string): Heading[] {
  return [];
}
