import { extractItems } from './items.js';
import { parseReportMeta } from './meta.js';
import { extractOutline } from './outline.js';
import { extractProjects } from './projects.js';
import { extractTasks } from './tasks.js';
import { deriveZones } from './zones.js';
import type { Extraction } from './types.js';

export type * from './types.js';

/**
 * Reads a government work report's plain text into outline, items, projects and tasks.
 * Never throws on odd text: what it cannot place becomes a warning with a span.
 * Every span indexes `text` as given (UTF-16 code units, no normalisation).
 */
export function extractReport(text: string): Extraction {
  const report = parseReportMeta(text);
  const outline = extractOutline(text);
  const zones = deriveZones(text, outline, report);
  const items = extractItems(text, zones, report);
  const projects = extractProjects(text, zones);
  const tasks = extractTasks(text, outline, zones, items, projects);
  return { report, outline, zones, items, projects, tasks, warnings: [] };
}
