/**
 * The parse jobs the worker pool runs off the event loop (parse-pool.ts): every reader of an
 * uploaded file that opens a zip or parses for long — a report (.docx, .pdf, .html, text), an
 * edited ledger, a data-call form, a monthly investment form, a Decidim results CSV. Each is the same pure function the
 * tests call directly; arguments and results are plain data. Each job loads its reader on
 * first use, so a worker that only ever reads workbooks never loads mammoth or pdf.js.
 */
import type { readReport } from '../ingest/read-report.js';
import type { parseDataCallWorkbook } from './data-call.js';
import type { parseDecidimResults } from './decidim.js';
import type { parseInvestmentCallWorkbook } from './investment-call.js';
import type { importLedger } from './ledger-import.js';

type ReadReport = typeof readReport;
type ImportLedger = typeof importLedger;
type ParseDataCallWorkbook = typeof parseDataCallWorkbook;
type ParseDecidimResults = typeof parseDecidimResults;
type ParseInvestmentCallWorkbook = typeof parseInvestmentCallWorkbook;

export const jobs = {
  async readReport(...args: Parameters<ReadReport>): ReturnType<ReadReport> {
    return (await import('../ingest/read-report.js')).readReport(...args);
  },
  async importLedger(...args: Parameters<ImportLedger>): ReturnType<ImportLedger> {
    return (await import('./ledger-import.js')).importLedger(...args);
  },
  async parseDataCallWorkbook(...args: Parameters<ParseDataCallWorkbook>): ReturnType<ParseDataCallWorkbook> {
    return (await import('./data-call.js')).parseDataCallWorkbook(...args);
  },
  async parseInvestmentCallWorkbook(
    ...args: Parameters<ParseInvestmentCallWorkbook>
  ): ReturnType<ParseInvestmentCallWorkbook> {
    return (await import('./investment-call.js')).parseInvestmentCallWorkbook(...args);
  },
  async parseDecidimResults(
    ...args: Parameters<ParseDecidimResults>
  ): Promise<ReturnType<ParseDecidimResults>> {
    return (await import('./decidim.js')).parseDecidimResults(...args);
  },
};

export type ParseJobs = typeof jobs;
export type ParseJob = keyof ParseJobs;
