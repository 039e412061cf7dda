import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { AppError } from '../errors.js';
import { MAX_PDF_PAGES, PDF_TIME_LIMIT_MS } from './limits.js';
import { replaceRadicals } from './radicals.js';
import type { ReadWarning } from './types.js';

/** The parts of a pdf.js text item this reader uses. */
interface TextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
  hasEOL: boolean;
}

/** One printed line of a page: its text and where it starts and ends. */
interface Line {
  text: string;
  x: number;
  end: number;
  y: number;
  size: number;
}

interface Page {
  lines: Line[];
  left: number;
  right: number;
}

/** Han characters and CJK or full-width punctuation: no spaces are written between these. */
const CJK = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef\u2014\u2026\u201c\u201d\u2018\u2019]/u;
/** A line that is only a page number: "3", "- 3 -", "— 3 —", "第3页", "3/12", "第3页 共12页". */
const PAGE_NUMBER =
  /^[\s\-—–]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[\s\-—–]*$/;

/** Starts that always open a new paragraph: "——", "一、", "（一）", "1.", "第一章". */
const OPENS_PARAGRAPH =
  /^(?:——|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）](?![等、和及])|\d{1,2}[.、．](?!\d)|第[一二三四五六七八九十]+[章节部分])/;

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

function isTextItem(item: unknown): item is TextItem {
  return typeof item === 'object' && item !== null && 'str' in item && 'transform' in item;
}

/**
 * True when a gap between two pieces of a line reads as a space: not next to a Chinese
 * character, where the gap is layout (LibreOffice spaces "2022 年" apart), not a space.
 */
function keepsSpace(before: string, after: string): boolean {
  const last = before.at(-1) ?? '';
  const first = after[0] ?? '';
  return !CJK.test(last) && !CJK.test(first);
}

/** Groups a page's text items into printed lines, in content order. */
function toLines(items: unknown[]): Line[] {
  const lines: Line[] = [];
  let line: Line | undefined;
  let space = false;
  let eol = false;
  for (const item of items) {
    if (!isTextItem(item)) continue;
    const [a = 0, b = 0, , d = 0, x = 0, y = 0] = item.transform;
    const size = Math.abs(d) || Math.hypot(a, b) || item.height || 1;
    if (line && (eol || Math.abs(y - line.y) > size * 0.6)) {
      lines.push(line);
      line = undefined;
      space = false;
    }
    eol = item.hasEOL;
    if (!item.str.trim()) {
      if (line && item.str.length > 0) space = true;
      continue;
    }
    if (!line) {
      line = { text: item.str.trimStart(), x, end: x + item.width, y, size };
    } else {
      if (space && keepsSpace(line.text, item.str)) line.text += ' ';
      line.text += item.str;
      line.end = Math.max(line.end, x + item.width);
    }
    space = false;
  }
  if (line) lines.push(line);
  return lines.map((l) => ({ ...l, text: l.text.trimEnd() })).filter((l) => l.text.length > 0);
}

function toPage(items: unknown[]): Page {
  const lines = toLines(items);
  // A lone page number at the top or bottom is page furniture, not report text.
  if (lines.length > 1 && PAGE_NUMBER.test(lines.at(-1)?.text ?? '')) lines.pop();
  if (lines.length > 1 && PAGE_NUMBER.test(lines[0]?.text ?? '')) lines.shift();
  // A loop, not Math.min(...spread): a page of many thousand lines would overflow the stack.
  let left = Infinity;
  let right = -Infinity;
  for (const l of lines) {
    left = Math.min(left, l.x);
    right = Math.max(right, l.end);
  }
  return { lines, left, right };
}

/**
 * Joins printed lines into paragraphs: a line that reaches the right margin runs on into the
 * next line unless that one is indented (Chinese paragraphs open with a two-character indent);
 * a short line ends its paragraph. Pages join the same way, so a paragraph split by a page
 * break is one line again.
 */
function joinPages(pages: Page[]): string {
  let text = '';
  let previous: { line: Line; page: Page } | undefined;
  for (const page of pages) {
    for (const line of page.lines) {
      if (previous) {
        const { line: last, page: lastPage } = previous;
        const room = lastPage.right - last.end;
        // A number or Latin word that did not fit wraps whole, leaving a gap at the line's end.
        const word = /^[\w.%]+/.exec(line.text)?.[0].length ?? 0;
        const full =
          lastPage.right - lastPage.left > 10 * last.size &&
          (room < 2 * last.size || (word > 0 && room < (word * 0.6 + 1) * last.size));
        const indented = line.x > page.left + 0.8 * line.size;
        if (full && !indented && !OPENS_PARAGRAPH.test(line.text))
          text += /[A-Za-z]$/.test(text) && /^[A-Za-z]/.test(line.text) ? ' ' : '';
        else text += '\n';
      }
      text += line.text;
      previous = { line, page };
    }
  }
  return text;
}

/** Bounds on reading one PDF; the defaults are MAX_PDF_PAGES and PDF_TIME_LIMIT_MS. */
export interface PdfLimits {
  maxPages?: number;
  timeLimitMs?: number;
}

function timeout(ms: number): AppError {
  return new AppError('UNPROCESSABLE', `读取PDF超过${ms / 1000}秒，已停止：请上传Word版或文本版`);
}

/**
 * The text of a PDF's text layer (pdf.js legacy build), lines joined into paragraphs, CJK
 * radical code points that some fonts report replaced by their ideographs (`replaceRadicals`).
 * Reads at most `maxPages` pages (a warning says so) within `timeLimitMs`.
 * Throws UNPROCESSABLE when the PDF is damaged, password-protected, too slow to read, or has
 * no text layer at all ("scanned?").
 */
export async function extractPdfText(
  bytes: Uint8Array,
  { maxPages = MAX_PDF_PAGES, timeLimitMs = PDF_TIME_LIMIT_MS }: PdfLimits = {},
): Promise<{ text: string; warnings: ReadWarning[] }> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    // pdf.js may transfer (detach) the buffer it is given, and refuses a Buffer: hand it a plain copy.
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    cMapUrl: join(pdfjsRoot, 'cmaps') + '/',
    cMapPacked: true,
    standardFontDataUrl: join(pdfjsRoot, 'standard_fonts') + '/',
  });
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timeout(timeLimitMs)), timeLimitMs);
  });
  try {
    return await Promise.race([read(), deadline]);
  } catch (error) {
    if (error instanceof AppError) throw error;
    const name = error instanceof Error ? error.name : '';
    if (name === 'PasswordException') throw new AppError('UNPROCESSABLE', 'PDF设有密码：请取消密码后再上传');
    throw new AppError('UNPROCESSABLE', 'PDF已损坏或不完整：请重新导出PDF，或上传Word版');
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => undefined);
  }

  async function read(): Promise<{ text: string; warnings: ReadWarning[] }> {
    const doc = await task.promise;
    const warnings: ReadWarning[] = [];
    const count = Math.min(doc.numPages, maxPages);
    if (doc.numPages > maxPages) {
      warnings.push({
        code: 'PDF_PAGES_SKIPPED',
        message: `only the first ${maxPages} of ${doc.numPages} pages were read`,
      });
    }
    const pages: Page[] = [];
    let blank = 0;
    for (let n = 1; n <= count; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      page.cleanup();
      const parsed = toPage(content.items);
      if (parsed.lines.length === 0) blank++;
      else pages.push(parsed);
    }
    if (pages.length === 0)
      throw new AppError('UNPROCESSABLE', '这份PDF没有文字层（可能是扫描件）：请上传Word版或文本版');
    if (blank > 0) {
      warnings.push({
        code: 'PDF_PAGES_WITHOUT_TEXT',
        message: `${blank} of ${count} pages have no text layer (scanned?) and were skipped`,
      });
    }
    return { text: replaceRadicals(joinPages(pages)), warnings };
  }
}
