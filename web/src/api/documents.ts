/**
 * Office documents and open data (issue 6): ledger .xlsx export and import (dry-run first),
 * data-call workbooks, list exports, the year-end review, the public downloads. Downloads are
 * plain links (the session cookie goes along); uploads go through the one client.
 */
import { api } from './endpoints';
import { EXPORT_LISTS, OPEN_DATA_LISTS } from '../../../src/contract/constants';
import type { LedgerImportAnswer, UnitReport } from '../../../src/contract';

export type { LedgerChangeReport, LedgerImportAnswer } from '../../../src/contract';
/** The lists that export as .xlsx and CSV, and those of a published plan's open data. */
export { EXPORT_LISTS, OPEN_DATA_LISTS };

const plan = (id: number) => `${api.base}/plans/${id}`;

export const documentsApi = {
  ledgerUrl: (id: number, layout: 'single' | 'by-chapter') => `${plan(id)}/ledger.xlsx?layout=${layout}`,
  reviewUrl: (id: number, format: 'docx' | 'xlsx') => `${plan(id)}/review.${format}`,
  /** The year-end review as PDF, made on request. */
  reviewPdf: (id: number) => api.request<Blob>('GET', `/plans/${id}/review.pdf`, { blob: 'application/pdf' }),
  exportUrl: (id: number, list: (typeof EXPORT_LISTS)[number], format: 'xlsx' | 'csv') =>
    `${plan(id)}/exports/${list}.${format}`,
  dataCallUrl: (id: number, periodKey: string, unitId: number) =>
    `${plan(id)}/data-calls/${periodKey}/units/${unitId}.xlsx`,
  publicJsonUrl: (id: number) => `${api.base}/public/plans/${id}.json`,
  publicCsvUrl: (id: number, list: (typeof OPEN_DATA_LISTS)[number]) =>
    `${api.base}/public/plans/${id}/${list}.csv`,

  importLedger: (id: number, file: Blob, name: string, dryRun: boolean) => {
    const form = new FormData();
    form.set('file', file, name);
    return api.request<LedgerImportAnswer>('POST', `/plans/${id}/ledger`, {
      body: form,
      query: { dryRun: dryRun ? '1' : undefined },
    });
  },
  uploadDataCall: (id: number, periodKey: string, unitId: number, file: Blob, name: string) => {
    const form = new FormData();
    form.set('file', file, name);
    return api.request<UnitReport>('POST', `/plans/${id}/data-calls/${periodKey}/units/${unitId}`, {
      body: form,
    });
  },
};
