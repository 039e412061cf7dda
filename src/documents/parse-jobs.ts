/**
 * The parse jobs the worker pool runs off the event loop (parse-pool.ts): every reader of an
 * uploaded file that opens a zip or parses for long — a report (.docx, .pdf, .html, text), an
 * edited ledger, a data-call form, a Decidim results CSV. Each is the same pure function the
 * tests call directly; arguments and results are plain data.
 */
import { readReport } from '../ingest/read-report.js';
import { parseDataCallWorkbook } from './data-call.js';
import { parseDecidimResults } from './decidim.js';
import { importLedger } from './ledger-import.js';

export const jobs = {
  readReport,
  importLedger,
  parseDataCallWorkbook,
  parseDecidimResults: async (...args: Parameters<typeof parseDecidimResults>) =>
    parseDecidimResults(...args),
};

export type ParseJobs = typeof jobs;
export type ParseJob = keyof ParseJobs;
