/**
 * Bytes of a report file → its plain text: format and encoding detection, .docx, .html, .pdf,
 * size limits. The only entry other folders import.
 */
export { readReport } from './read-report.js';
export { readBounded, readReportFile } from './file.js';
export { decodeText } from './text.js';
export * from './limits.js';
export type * from './types.js';
