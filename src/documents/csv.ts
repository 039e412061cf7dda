/**
 * CSV in and out through csv-parse and csv-stringify (adaltas/node-csv), with the few rules
 * Luoshi adds around them: an optional UTF-8 byte-order mark, CR, LF or CRLF line ends (mixed
 * too), each record's 1-based starting line, whether each field was quoted (Decidim writes
 * `""` for an empty string and nothing for nil), syntax errors with their line and column, and
 * on the way out a leading `'` before `= + - @` (spreadsheet formulas: CSV injection, as
 * Decidim's exporter and OWASP advise).
 */
import { CsvError, parse } from 'csv-parse/sync';
import type { CastingContext } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';

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

/** A problem of the CSV syntax itself: where it is (line, 1-based field number) and what. */
export interface CsvSyntaxError {
  line: number;
  column: number;
  message: string;
}

export interface CsvParseResult {
  records: CsvRecord[];
  /** At most one: reading stops at the first syntax error; the records before it are kept. */
  errors: CsvSyntaxError[];
}

/** csv-parse's error codes in the words of someone fixing the file. */
const SYNTAX_MESSAGES: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: '引号没有闭合',
  CSV_INVALID_CLOSING_QUOTE: '字段的右引号后还有文字：请用引号括住整个字段',
  INVALID_OPENING_QUOTE: '未加引号的字段中有引号：请用引号括住该字段，字段中的引号写两次（""）',
};

/**
 * UTF-8 byte offsets where each line starts (CRLF, LF and CR each end one line): csv-parse
 * reports its position (`context.bytes`) in bytes of the UTF-8 text, not in characters.
 */
function lineStarts(text: string): number[] {
  const starts = [0];
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    // A surrogate pair is 4 bytes in UTF-8: 2 for each half.
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c >= 0xd800 && c <= 0xdfff ? 2 : 3;
    if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) continue;
    if (c === 0x0a || c === 0x0d) starts.push(bytes);
  }
  return starts;
}

/** The 1-based line holding `offset`. */
function lineAt(starts: number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo + 1;
}

/**
 * Parses CSV text into records; never throws for the content. A BOM at the start is dropped;
 * a final line break does not make an empty record; blank lines are kept as one empty field so
 * that line numbers stay honest and the caller decides. Throws only for a bad delimiter.
 *
 * @example parseCsv('id;title/en\n69;"a;b"', ';').records[1]?.fields[1]?.value // 'a;b'
 */
export function parseCsv(text: string, delimiter = ','): CsvParseResult {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
    throw new Error(`parseCsv: bad delimiter ${JSON.stringify(delimiter)}`);
  }
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const starts = lineStarts(src);
  const records: CsvRecord[] = [];
  // Where the record being read starts: the end of the last one, its line end included.
  let offset = 0;
  try {
    parse(src, {
      delimiter,
      record_delimiter: ['\r\n', '\n', '\r'],
      relax_column_count: true,
      skip_empty_lines: false,
      cast: (value: string, context: CastingContext): CsvField => ({ value, quoted: context.quoting }),
      // The casts above make each record's fields CsvField objects, not the strings typed here.
      on_record: (fields, context) => {
        records.push({ line: lineAt(starts, offset), fields: fields as unknown as CsvField[] });
        offset = context.bytes;
        return null;
      },
    });
    return { records, errors: [] };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const unterminated = error.code === 'CSV_QUOTE_NOT_CLOSED';
    // An unterminated quote is found at the end of the text: it opened in the record that failed.
    const line = unterminated ? lineAt(starts, offset) : ((error as { lines?: number }).lines ?? 1);
    const column = ((error as { column?: number }).column ?? 0) + 1;
    return {
      records,
      errors: [{ line, column, message: SYNTAX_MESSAGES[error.code] ?? '格式有误' }],
    };
  }
}

export interface CsvFormatOptions {
  delimiter?: string;
  /** Line break; RFC 4180 says CRLF, which Excel expects too. */
  eol?: string;
  /** Prefix a UTF-8 byte-order mark so that Excel opens Chinese text correctly. */
  bom?: boolean;
  /** Prefix `'` to strings starting with `= + - @` (CSV injection). Default true. */
  escapeFormulas?: boolean;
  /** End the last record with `eol` too (default true; Decidim's fixtures have no final line end). */
  finalEol?: boolean;
}

/** A cell to write: null/undefined is written as nothing, '' is written as `""`. */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * Writes records as CSV text, quoting only what needs it (a delimiter, quote or line break)
 * and the empty string. Numbers are written as they are, never formula-escaped; a number that
 * is not finite is written as nothing.
 */
export function formatCsv(rows: readonly (readonly CsvValue[])[], options: CsvFormatOptions = {}): string {
  const eol = options.eol ?? '\r\n';
  const escapeFormulas = options.escapeFormulas ?? true;
  const text = stringify(
    rows.map((row) => [...row]),
    {
      delimiter: options.delimiter ?? ',',
      record_delimiter: eol,
      bom: options.bom ?? false,
      cast: {
        string: (s) =>
          s === '' ? { value: '', quoted_empty: true } : escapeFormulas && /^[=+\-@]/.test(s) ? `'${s}` : s,
        number: (n) => (Number.isFinite(n) ? String(n) : ''),
        boolean: (b) => (b ? 'true' : 'false'),
      },
    },
  );
  return options.finalEol === false && text.endsWith(eol) ? text.slice(0, -eol.length) : text;
}

/** Undoes the writer's formula escape: `'=SUM(1)` → `=SUM(1)`; other apostrophes stay. */
export function unescapeCsvFormula(s: string): string {
  return /^'[=+\-@]/.test(s) ? s.slice(1) : s;
}
