import mammoth from 'mammoth';
import { AppError } from '../errors.js';
import { DOCX_ZIP_CAPS } from './limits.js';
import type { ReadWarning } from './types.js';
import { listLabelledParagraphs } from './docx-numbering.js';
import { inflateZip, listZipNames, storeZip } from './zip.js';

/** What a zip that is not a .docx is, by a part only that format has. */
function nameOtherZip(entries: string[]): string {
  const names = new Set(entries);
  if (names.has('xl/workbook.xml')) return 'Excel工作簿（.xlsx），不是Word文档（.docx）';
  if (names.has('ppt/presentation.xml')) return 'PowerPoint文件（.pptx），不是Word文档（.docx）';
  if (names.has('content.xml') && names.has('mimetype')) return 'OpenDocument文件：请另存为.docx';
  // OFD (GB/T 33190), the Chinese fixed-layout format many governments publish in, is a zip too.
  if (names.has('OFD.xml')) return 'OFD版式文件：请另存为.pdf或.docx';
  if (entries.length === 0) return '空的压缩包，不是Word文档（.docx）';
  return '压缩包，不是Word文档（.docx）';
}

/** The parts of a .docx that hold text and its structure; media are never inflated. */
function isXmlPart(name: string): boolean {
  return /\.(xml|rels)$/i.test(name);
}

/**
 * The text of a Word .docx: one line per paragraph (mammoth's raw text, blank lines between
 * paragraphs folded into one line end). The zip directory is read first, so a truncated file
 * or a zip that is not a .docx fails before anything is inflated; then the XML parts are
 * inflated within DOCX_ZIP_CAPS while streaming, and mammoth reads only those (stored, so it
 * inflates nothing itself).
 * Throws UNSUPPORTED_FORMAT (a zip but not a .docx), UNPROCESSABLE (damaged, or no text),
 * TOO_LARGE (XML parts beyond MAX_DOCX_XML_BYTES once inflated, or a zip bomb).
 */
export async function extractDocxText(bytes: Uint8Array): Promise<{ text: string; warnings: ReadWarning[] }> {
  const names = await listZipNames(bytes, DOCX_ZIP_CAPS);
  if (!names.includes('word/document.xml')) {
    throw new AppError('UNSUPPORTED_FORMAT', `这是${nameOtherZip(names)}`);
  }
  const { entries } = await inflateZip(bytes, DOCX_ZIP_CAPS, { keep: isXmlPart });
  let value: string;
  let messages: { type: string; message: string }[];
  try {
    ({ value, messages } = await mammoth.extractRawText({ buffer: storeZip(entries) }));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (/main document part/i.test(reason))
      throw new AppError('UNSUPPORTED_FORMAT', `这是${nameOtherZip(names)}`);
    throw new AppError('UNPROCESSABLE', 'Word文件已损坏或不完整：请用Word或WPS打开后重新保存');
  }
  const numbered = addListLabels(value, entries);
  const text = numbered.text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .join('\n');
  if (!text) throw new AppError('UNPROCESSABLE', 'Word文件中没有文字');
  const warnings = messages
    .filter((m) => m.type !== 'info')
    .slice(0, 5)
    .map((m) => ({ code: 'DOCX_READ', message: m.message }));
  return { text, warnings: [...numbered.warnings, ...warnings] };
}

/**
 * Puts Word's automatic list labels ("一、", "（一）") in front of their paragraphs in mammoth's
 * raw text, where each paragraph ends with a blank line. `parts` are the .docx's inflated XML
 * parts by name. The labels are placed only when the document's paragraphs line up one to one
 * with mammoth's, texts compared; otherwise the text is left as mammoth gave it, with a
 * DOCX_LIST_NUMBERS_LEFT_OUT warning.
 */
export function addListLabels(
  raw: string,
  parts: Map<string, Uint8Array>,
): { text: string; warnings: ReadWarning[] } {
  const part = (name: string) => {
    const data = parts.get(name);
    return data && new TextDecoder().decode(data);
  };
  const numberingXml = part('word/numbering.xml');
  const documentXml = numberingXml && part('word/document.xml');
  if (!numberingXml || !documentXml) return { text: raw, warnings: [] };
  const paragraphs = listLabelledParagraphs(documentXml, numberingXml, part('word/styles.xml'));
  if (!paragraphs.some((p) => p.label)) return { text: raw, warnings: [] };
  const chunks = raw.split('\n\n');
  if (chunks.at(-1) === '') chunks.pop();
  const aligned =
    chunks.length === paragraphs.length &&
    paragraphs.every((p, i) => !p.label || chunks[i]?.replace(/\t/g, '') === p.text.replace(/\t/g, ''));
  if (!aligned) {
    return {
      text: raw,
      warnings: [
        {
          code: 'DOCX_LIST_NUMBERS_LEFT_OUT',
          message: "Word's automatic list numbers could not be placed and were left out of the text",
        },
      ],
    };
  }
  const labelled = chunks.map((chunk, i) => {
    const label = paragraphs[i]?.label ?? '';
    // "一、" and "（一）" run straight into the heading; "第一章" takes a space.
    return label ? `${label}${/[、.．)）:：\s]$/.test(label) ? '' : ' '}${chunk}` : chunk;
  });
  return { text: labelled.join('\n\n'), warnings: [] };
}
