import type { ReportMeta } from './types.js';

/** Title, place, level, year, date, meeting and speaker from the report's opening lines. */
export function parseReportMeta(_text: string): ReportMeta {
  return {};
}
