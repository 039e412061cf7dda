import { STRUCTURE_CODES, checkStructure } from './checks.js';
import { rateHeadings, rateItems, suspectSpans } from './doubt.js';
import { extractItems } from './items.js';
import { parseReportMeta } from './meta.js';
import { lineStart, scanOutline } from './outline.js';
import { extractProjects } from './projects.js';
import { extractTasks } from './tasks.js';
import { deriveReportYear, deriveZones } from './zones.js';
import type { Extraction, Warning } from './types.js';

export type * from './types.js';

/** Warning codes the reader emits; stable and greppable (STYLE.md, Errors). */
export const WARNING_CODES = {
  notAReport: 'NOT_A_REPORT',
  noOutline: 'NO_OUTLINE',
  duplicateChapterNumber: 'DUPLICATE_CHAPTER_NUMBER',
  chapterNumberSkipped: 'CHAPTER_NUMBER_SKIPPED',
  noPlanChapter: STRUCTURE_CODES.noPlanZone,
  noYear: 'NO_REPORT_YEAR',
  numbersBeforeFirstChapter: STRUCTURE_CODES.numbersBeforeFirstChapter,
  zoneTooLong: STRUCTURE_CODES.zoneTooLong,
  periodsEmpty: STRUCTURE_CODES.periodsEmpty,
} as const;

const empty = (report: Extraction['report'], warnings: Warning[]): Extraction => ({
  report,
  outline: [],
  zones: [],
  items: [],
  projects: [],
  tasks: [],
  warnings,
});

/**
 * Reads a government work report's plain text into outline, items, projects and tasks.
 * Never throws on odd text: what it cannot place becomes a warning with a span. A text that is
 * not a report (no chapters, no tasks) gives an empty extraction with a NOT_A_REPORT warning.
 * Every span indexes `text` as given (UTF-16 code units, no normalisation).
 * @example extractReport(readFileSync('2022-beijing-changping.txt', 'utf8')).report.place // '北京市昌平区'
 */
export function extractReport(text: string): Extraction {
  const input = typeof text === 'string' ? text : '';
  try {
    return read(input);
  } catch (error) {
    // Extraction must never throw (STYLE.md, Errors): an internal fault becomes a warning.
    return empty({}, [
      { code: 'INTERNAL_ERROR', message: `the reader failed on this text: ${String(error)}` },
    ]);
  }
}

function read(text: string): Extraction {
  const report = parseReportMeta(text);
  const scan = scanOutline(text);
  const outline = scan.headings;
  const stated = report.year ?? deriveReportYear(report, outline);
  const year = deriveReportYear(report, outline, text);
  if (year && !report.year) report.year = year;
  const zones = deriveZones(text, outline, report, scan);
  const items = extractItems(text, zones, report);
  const projects = extractProjects(text, zones, outline);
  const tasks = extractTasks(text, outline, zones, items, projects, scan.paragraphs);
  const warnings: Warning[] = [...scan.warnings];
  const chapters = outline.filter((h) => h.level === 1);

  // Without chapters, a text still reads as (part of) a report when it addresses the congress or
  // commits to a target; prose that merely uses a verb like 推进 does not.
  const reportLike =
    chapters.length > 0 ||
    /各位代表|政府工作报告|向大会报告/.test(text.slice(0, 2000)) ||
    tasks.some((t) => t.itemIndexes.some((i) => items[i]?.kind === 'target'));
  if (!reportLike || (!chapters.length && !tasks.length)) {
    return empty(report, [
      {
        code: WARNING_CODES.notAReport,
        message: 'no chapters or tasks found: this text does not look like a government work report',
        ...(text.length ? { span: [0, text.length] as [number, number] } : {}),
      },
    ]);
  }
  if (!chapters.length) {
    warnings.push({
      code: WARNING_CODES.noOutline,
      message:
        'no chapters (一、…) found: items and tasks are placed without an outline, as plans for the report year',
      span: [0, text.length],
    });
  }
  warnings.push(...checkStructure(text, zones, items, chapters));
  const first = chapters[0];
  rateItems(items, {
    text,
    zones,
    yearInferred: year !== undefined && stated === undefined,
    suspect: suspectSpans(warnings),
    firstChapter: first ? lineStart(text, first.span[0]) : text.length,
  });
  rateHeadings(outline);
  if (!report.year) {
    warnings.push({
      code: WARNING_CODES.noYear,
      message: 'the report year could not be read from the title, date or chapters: periods are left empty',
    });
  }
  return { report, outline, zones, items, projects, tasks, warnings };
}
