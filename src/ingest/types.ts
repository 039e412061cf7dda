/** The formats `readReport` recognises by content (never by file name). */
export type ReportFormat = 'txt' | 'docx' | 'html' | 'pdf';

/** Something worth knowing about how the file was read; reading still succeeded. */
export interface ReadWarning {
  /** Stable, greppable code, e.g. `ENCODING_GUESSED`, `PDF_PAGES_WITHOUT_TEXT`. */
  code: string;
  message: string;
}

/** The plain text of a report file and how it was obtained. */
export interface ReadReport {
  /** The decoded text, with a leading BOM removed and nothing else changed; spans index it. */
  text: string;
  format: ReportFormat;
  /** The character encoding of a .txt or .html file ("utf-8", "gb18030", "utf-16le" …). */
  encoding?: string;
  warnings: ReadWarning[];
}
