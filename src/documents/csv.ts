/**
 * A small RFC 4180 CSV reader and writer: any one-character delimiter, quoted fields with
 * doubled quotes and line breaks, CRLF or LF, an optional UTF-8 byte-order mark.
 * The writer quotes only what needs it and can escape spreadsheet formulas (a leading
 * `= + - @` gets a `'`, as Decidim's exporter and OWASP's CSV-injection advice do).
 */

/** One parsed record with the 1-based line it starts on (a quoted field may span lines). */
export interface CsvRecord {
  line: number;
  fields: CsvField[];
}

/** A field's text and whether it was quoted: Decidim writes `""` for an empty string, nothing for nil. */
export interface CsvField {
  value: string;
  quoted: boolean;
}

export interface CsvParseResult {
  records: CsvRecord[];
  /** Problems of the syntax itself (an unterminated quote), with the line they start on. */
  errors: { line: number; message: string }[];
}

/**
 * Parses CSV text into records; never throws. A BOM at the start is dropped; a final line
 * break does not make an empty record; blank lines are kept as one empty field so that line
 * numbers stay honest and the caller decides.
 *
 * @example parseCsv('id;title/en\n69;"a;b"', ';').records[1]?.fields[1]?.value // 'a;b'
 */
export function parseCsv(text: string, delimiter = ','): CsvParseResult {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new Error(`parseCsv: bad delimiter ${JSON.stringify(delimiter)}`);
  }
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  const errors: CsvParseResult['errors'] = [];
  let line = 1;
  let i = 0;
  const n = src.length;
  while (i < n) {
    const startLine = line;
    const fields: CsvField[] = [];
    for (;;) {
      let value = '';
      let quoted = false;
      if (src[i] === '"') {
        quoted = true;
        i++;
        let closed = false;
        while (i < n) {
          const c = src[i]!;
          if (c === '"') {
            if (src[i + 1] === '"') {
              value += '"';
              i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          if (c === '\n') line++;
          value += c;
          i++;
        }
        if (!closed) errors.push({ line: startLine, message: 'unterminated quoted field' });
        // Text between a closing quote and the next delimiter is kept, as spreadsheets do.
        while (i < n && src[i] !== delimiter && src[i] !== '\n' && src[i] !== '\r') value += src[i++];
      } else {
        while (i < n && src[i] !== delimiter && src[i] !== '\n' && src[i] !== '\r') value += src[i++];
      }
      fields.push({ value, quoted });
      if (i < n && src[i] === delimiter) {
        i++;
        continue;
      }
      break;
    }
    if (src[i] === '\r') i++;
    if (src[i] === '\n') i++;
    records.push({ line: startLine, fields });
    line++;
  }
  return { records, errors };
}

export interface CsvFormatOptions {
  delimiter?: string;
  /** Line break; RFC 4180 says CRLF, which Excel expects too. */
  eol?: string;
  /** Prefix a UTF-8 byte-order mark so that Excel opens Chinese text correctly. */
  bom?: boolean;
  /** Prefix `'` to strings starting with `= + - @` (CSV injection). Default true. */
  escapeFormulas?: boolean;
}

/** A cell to write: null/undefined is written as nothing, '' is written as `""`. */
export type CsvValue = string | number | boolean | null | undefined;

/** Writes records as CSV text. Numbers are written as they are, never formula-escaped. */
export function formatCsv(rows: readonly (readonly CsvValue[])[], options: CsvFormatOptions = {}): string {
  const delimiter = options.delimiter ?? ',';
  const eol = options.eol ?? '\r\n';
  const escapeFormulas = options.escapeFormulas ?? true;
  const out = rows.map((row) => row.map((v) => formatCsvField(v, delimiter, escapeFormulas)).join(delimiter));
  return (options.bom ? '\ufeff' : '') + out.join(eol) + (out.length > 0 ? eol : '');
}

function formatCsvField(v: CsvValue, delimiter: string, escapeFormulas: boolean): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  let s = v;
  if (escapeFormulas && /^[=+\-@]/.test(s)) s = `'${s}`;
  if (s === '' || s.includes(delimiter) || s.includes('"') || s.includes('\n') || s.includes('\r')) {
    return `"${s.replaceAll('"', '""')}"`;
  }
  return s;
}

/** Undoes the writer's formula escape: `'=SUM(1)` → `=SUM(1)`; other apostrophes stay. */
export function unescapeCsvFormula(s: string): string {
  return /^'[=+\-@]/.test(s) ? s.slice(1) : s;
}
