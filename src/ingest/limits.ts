/**
 * Limits that keep reading bounded in memory and time. Documented in README.md ("Inputs").
 */

/** Largest file `readReport` accepts: 20 MiB. A 15,000-character report is about 50 KB as text. */
export const MAX_REPORT_BYTES = 20 * 1024 * 1024;

/** Largest decoded text, in characters: as many as the byte limit (a .docx or .pdf can inflate). */
export const MAX_REPORT_CHARS = MAX_REPORT_BYTES;

/** Largest total uncompressed size of the XML parts of a .docx (a guard against zip bombs). */
export const MAX_DOCX_XML_BYTES = 100 * 1024 * 1024;

/** Pages of a PDF that are read; later pages are skipped with a warning. */
export const MAX_PDF_PAGES = 1000;

/** Time allowed for reading one PDF before giving up with UNPROCESSABLE. */
export const PDF_TIME_LIMIT_MS = 60_000;
