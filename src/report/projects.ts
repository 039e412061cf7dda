import type { Project, Zone } from './types.js';

/** Named projects with their promised step (GUIDE.md §2). */
export function extractProjects(_text: string, _zones: Zone[]): Project[] {
  return [];
}
