/**
 * Office documents from plain data (issue 6): the 任务分解表 ledger and its import, the
 * per-unit data-call workbook and its parser, list exports (.xlsx/CSV), the year-end review
 * (对照表, .docx and .xlsx), Decidim accountability CSV, and next year's carry-over links.
 * No database and no HTTP here: the store loads, these functions shape bytes, the server sends.
 */
export type { CsvField, CsvFormatOptions, CsvParseResult, CsvRecord, CsvValue } from './csv.js';
export { formatCsv, parseCsv, unescapeCsvFormula } from './csv.js';
export { parseDeadline } from './dates.js';
export type { UploadKind, UploadSniff } from './sniff.js';
export { assertXlsx, sniffUpload } from './sniff.js';
export type { HealthById, PlanHeader, ProgressByPeriod, ReportingPeriod } from './types.js';
export {
  HEALTH_LABELS,
  TASK_STATE_LABELS,
  monthlyPeriods,
  parseTaskState,
  quarterlyPeriods,
} from './types.js';

export type { LedgerInput, LedgerOptions } from './ledger.js';
export { LEDGER_COLUMNS, deriveProgressByPeriod, exportLedger, progressHeader } from './ledger.js';
export type { LedgerChange, LedgerField, LedgerImportContext, LedgerImportResult } from './ledger-import.js';
export { describeLedgerChange, importLedger } from './ledger-import.js';

export type { DataCallExpectation, DataCallInput, DataCallSubmission } from './data-call.js';
export { deriveDataCallInput, exportDataCall, parseDataCallWorkbook } from './data-call.js';

export type { AuditTableOptions, TableSpec, TargetActual } from './tables.js';
export {
  achievementsTable,
  auditTable,
  formatPromise,
  projectsTable,
  tableToCsv,
  tablesToXlsx,
  targetsTable,
  tasksTable,
} from './tables.js';

export type {
  CarryOverRow,
  ChapterReview,
  ProjectListReviewRow,
  Review,
  ReviewInput,
  ReviewOptions,
  ReviewRef,
  ReviewSentence,
  TargetReviewRow,
  TargetVerdict,
  TaskProgressClass,
  TaskReviewRow,
} from './review.js';
export { deriveActuals, deriveReview, deriveTargetOutcome, deriveTargetVerdict } from './review.js';
export type { ReviewDocxOptions, ReviewFonts } from './review-docx.js';
export { GOVERNMENT_FONTS, writeReviewDocx } from './review-docx.js';
export { formatRefs, writeReviewXlsx } from './review-xlsx.js';

export type {
  DecidimImport,
  DecidimOutlineDraft,
  DecidimParseOptions,
  DecidimResult,
  DecidimTaskDraft,
} from './decidim.js';
export { htmlToText, parseDecidimResults } from './decidim.js';
export type { DecidimSource, PlanForDecidim } from './decidim-export.js';
export {
  deriveDecidimSource,
  formatDecidimResults,
  parseDecidimSource,
  planToDecidimResults,
  sourcedDecidimResults,
} from './decidim-export.js';
export { decidimToReport, yearOfResults } from './decidim-report.js';

export type {
  CarryOverInput,
  CarryOverSuggestions,
  ProjectLink,
  TargetLink,
  TaskLink,
  UnfinishedTask,
} from './carry-over.js';
export { bigramDice, deriveCarryOver, normaliseMetric } from './carry-over.js';
