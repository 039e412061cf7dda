/**
 * The one rule that says whether an extraction is a government work report a plan can be made
 * of: every import of a report — over HTTP, from the command line, a new version of a plan's
 * report — asks it (src/commands/plans.ts), and `luoshi extract` says the same in its warning.
 * Pure.
 */
import type { Extraction } from '../report/types.js';

/**
 * Why an extraction is not a government work report, or undefined when it is one: the reader's
 * own NOT_A_REPORT warning first, else a report with no chapters, or no tasks and no items.
 * @example findNotAReportReason(extractReport('今日菜单：米饭、青菜、豆腐汤。')) // 'no chapters or tasks found: …'
 */
export function findNotAReportReason(extraction: Extraction): string | undefined {
  const warning = extraction.warnings.find((w) => w.code === 'NOT_A_REPORT');
  if (warning !== undefined) return warning.message;
  const chapters = extraction.outline.filter((heading) => heading.level === 1).length;
  if (chapters === 0)
    return 'no chapters (一、二、…) found: this does not look like a government work report';
  if (extraction.tasks.length === 0 && extraction.items.length === 0) {
    return 'no tasks and no targets found: this does not look like a government work report';
  }
  return undefined;
}
