import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import { MAX_REPORT_BYTES, MAX_REPORT_CHARS } from './limits.js';
import { looksLikeHtml, sniffContainer } from './sniff.js';
import { decodeText } from './text.js';
import type { ReadReport, ReadWarning, ReportFormat } from './types.js';

const EXTENSIONS: Record<ReportFormat, RegExp> = {
  txt: /\.(txt|text)$/i,
  docx: /\.docx$/i,
  html: /\.(html?|shtml|xhtml)$/i,
  pdf: /\.pdf$/i,
};

function withPath(error: unknown, name: string | undefined): unknown {
  if (!(error instanceof AppError) || error.details.length > 0) return error;
  const details: ErrorDetail[] = [{ path: name ?? 'input', message: error.message }];
  return new AppError(error.code, error.message, details);
}

/** Says so when a file's name claims another known format than its content. */
function extensionWarning(name: string | undefined, format: ReportFormat): ReadWarning[] {
  if (!name) return [];
  const claimed = (Object.keys(EXTENSIONS) as ReportFormat[]).find((f) => EXTENSIONS[f].test(name));
  if (!claimed || claimed === format) return [];
  return [
    { code: 'EXTENSION_MISMATCH', message: `the file is named .${claimed} but its content is ${format}` },
  ];
}

// Each reader is loaded when a file needs it (mammoth, parse5 and pdf.js take ~0.1 s each to
// load), so reading a text file — `luoshi extract report.txt` — loads none of them.
async function read(bytes: Uint8Array): Promise<ReadReport> {
  switch (sniffContainer(bytes)) {
    case 'zip': {
      const { extractDocxText } = await import('./docx.js');
      return { format: 'docx', ...(await extractDocxText(bytes)) };
    }
    case 'pdf': {
      const { extractPdfText } = await import('./pdf.js');
      return { format: 'pdf', ...(await extractPdfText(bytes)) };
    }
    case 'html': {
      const { decodeHtml, extractHtmlText } = await import('./html.js');
      const decoded = decodeHtml(bytes);
      const page = extractHtmlText(decoded.text);
      return {
        format: 'html',
        text: page.text,
        encoding: decoded.encoding,
        warnings: [...decoded.warnings, ...page.warnings],
      };
    }
    case 'text': {
      const decoded = decodeText(bytes);
      // A UTF-16 page only shows its tags once decoded.
      if (decoded.encoding.startsWith('utf-16') && looksLikeHtml(decoded.text)) {
        const { extractHtmlText } = await import('./html.js');
        const page = extractHtmlText(decoded.text);
        return { format: 'html', text: page.text, encoding: decoded.encoding, warnings: page.warnings };
      }
      return { format: 'txt', text: decoded.text, encoding: decoded.encoding, warnings: decoded.warnings };
    }
  }
}

/**
 * Reads the bytes of a report file into its plain text. The format is told from the content,
 * never the name: a zip is a Word .docx, `%PDF` a PDF (text layer), a page starting with HTML
 * tags an HTML page (article text only), anything else text in UTF-8, UTF-16 or GB18030 (see
 * `decodeText`). A text file comes back exactly as decoded, only a leading BOM removed, so
 * spans computed on `text` point into what `luoshi extract --text` prints.
 * `name` is used only in error details and an EXTENSION_MISMATCH warning.
 *
 * Throws AppError: BAD_INPUT (empty or blank), TOO_LARGE (over MAX_REPORT_BYTES, or text over
 * MAX_REPORT_CHARS), UNSUPPORTED_FORMAT (binary, image, archive, a zip that is not a .docx),
 * UNPROCESSABLE (truncated .docx, damaged PDF, PDF without a text layer). Each error's details
 * carry `{ path: name }`.
 * @example const { text, format, encoding } = await readReport(await readFile('report.txt'), 'report.txt');
 */
export async function readReport(bytes: Uint8Array, name?: string): Promise<ReadReport> {
  try {
    if (bytes.length === 0) throw new AppError('BAD_INPUT', '文件是空的');
    if (bytes.length > MAX_REPORT_BYTES) {
      throw new AppError(
        'TOO_LARGE',
        `文件大小${(bytes.length / 1048576).toFixed(1)} MB，超过上限${MAX_REPORT_BYTES / 1048576} MB`,
      );
    }
    const result = await read(bytes);
    if (!result.text.trim()) throw new AppError('BAD_INPUT', '文件中没有文字（只有空白）');
    if (result.text.length > MAX_REPORT_CHARS) {
      throw new AppError(
        'TOO_LARGE',
        `文字有${result.text.length.toLocaleString('en')}字，超过上限${MAX_REPORT_CHARS.toLocaleString('en')}字`,
      );
    }
    result.warnings.push(...extensionWarning(name, result.format));
    return result;
  } catch (error) {
    throw withPath(error, name);
  }
}
