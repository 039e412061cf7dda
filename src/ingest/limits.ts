/**
 * Limits that keep reading bounded in memory and time. Documented in README.md ("Inputs").
 */

/** Largest file `readReport` accepts: 20 MiB. A 15,000-character report is about 50 KB as text. */
export const MAX_REPORT_BYTES = 20 * 1024 * 1024;

/** Largest decoded text, in characters: as many as the byte limit (a .docx or .pdf can inflate). */
export const MAX_REPORT_CHARS = MAX_REPORT_BYTES;

/**
 * Largest total inflated size of the XML parts of a .docx, counted while inflating (a guard
 * against zip bombs; declared sizes are never trusted). The example report's .docx has 0.1 MB;
 * 16 MB of Word XML is about 5 million characters of text, and mammoth needs about 15 bytes of
 * memory per byte of XML.
 */
export const MAX_DOCX_XML_BYTES = 16 * 1024 * 1024;

/** Caps on a report .docx's zip: its XML parts are inflated within these; media are not read. */
export const DOCX_ZIP_CAPS = {
  what: 'Word文件',
  maxEntries: 2000,
  maxEntryBytes: MAX_DOCX_XML_BYTES,
  maxTotalBytes: MAX_DOCX_XML_BYTES,
  maxRatio: 200,
} as const;

/** Pages of a PDF that are read; later pages are skipped with a warning. */
export const MAX_PDF_PAGES = 1000;

/** Time allowed for reading one PDF before giving up with UNPROCESSABLE. */
export const PDF_TIME_LIMIT_MS = 60_000;
