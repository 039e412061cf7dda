import mammoth from 'mammoth';
import { AppError } from '../errors.js';
import { MAX_DOCX_XML_BYTES } from './limits.js';
import type { ReadWarning } from './types.js';
import { listLabelledParagraphs } from './docx-numbering.js';
import { listZipEntries, readZipEntry } from './zip.js';
import type { ZipEntry } from './zip.js';

/** What a zip that is not a .docx is, by a part only that format has. */
function nameOtherZip(entries: ZipEntry[]): string {
  const names = new Set(entries.map((e) => e.name));
  if (names.has('xl/workbook.xml')) return 'an Excel .xlsx workbook, not a Word .docx';
  if (names.has('ppt/presentation.xml')) return 'a PowerPoint .pptx, not a Word .docx';
  if (names.has('content.xml') && names.has('mimetype')) return 'an OpenDocument file: save it as .docx';
  // OFD (GB/T 33190), the Chinese fixed-layout format many governments publish in, is a zip too.
  if (names.has('OFD.xml')) return 'an OFD document: save it as .pdf or .docx';
  if (entries.length === 0) return 'an empty zip archive, not a .docx';
  return 'a zip archive, not a .docx';
}

/**
 * The text of a Word .docx: one line per paragraph (mammoth's raw text, blank lines between
 * paragraphs folded into one line end). The zip directory is checked first, so a truncated
 * file, a zip that is not a .docx, or a zip bomb fails fast without inflating anything.
 * Throws UNSUPPORTED_FORMAT (a zip but not a .docx), UNPROCESSABLE (damaged, or no text),
 * TOO_LARGE (XML parts larger than MAX_DOCX_XML_BYTES once inflated).
 */
export async function extractDocxText(bytes: Uint8Array): Promise<{ text: string; warnings: ReadWarning[] }> {
  const entries = listZipEntries(bytes);
  if (!entries.some((e) => e.name === 'word/document.xml') && entries.length > 0) {
    throw new AppError('UNSUPPORTED_FORMAT', `this is ${nameOtherZip(entries)}`);
  }
  const xmlBytes = entries
    .filter((e) => e.name.endsWith('.xml') || e.name.endsWith('.rels'))
    .reduce((sum, e) => sum + (e.uncompressedSize ?? 0), 0);
  if (xmlBytes > MAX_DOCX_XML_BYTES) {
    throw new AppError(
      'TOO_LARGE',
      `the .docx inflates to ${Math.round(xmlBytes / 1048576)} MB of XML (limit ${MAX_DOCX_XML_BYTES / 1048576} MB)`,
    );
  }
  let value: string;
  let messages: { type: string; message: string }[];
  try {
    ({ value, messages } = await mammoth.extractRawText({
      buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    }));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (/main document part/i.test(reason))
      throw new AppError('UNSUPPORTED_FORMAT', `this is ${nameOtherZip(entries)}`);
    throw new AppError('UNPROCESSABLE', `the .docx file is damaged or truncated (${reason})`);
  }
  const numbered = addListLabels(value, bytes, entries);
  const text = numbered.text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0)
    .join('\n');
  if (!text) throw new AppError('UNPROCESSABLE', 'the .docx has no text');
  const warnings = messages
    .filter((m) => m.type !== 'info')
    .slice(0, 5)
    .map((m) => ({ code: 'DOCX_READ', message: m.message }));
  return { text, warnings: [...numbered.warnings, ...warnings] };
}

/**
 * Puts Word's automatic list labels ("一、", "（一）") in front of their paragraphs in mammoth's
 * raw text, where each paragraph ends with a blank line. The labels are placed only when the
 * document's paragraphs line up one to one with mammoth's, texts compared; otherwise the text is
 * left as mammoth gave it, with a DOCX_LIST_NUMBERS_LEFT_OUT warning.
 */
export function addListLabels(
  raw: string,
  bytes: Uint8Array,
  entries: ZipEntry[],
): { text: string; warnings: ReadWarning[] } {
  const part = (name: string) => {
    const entry = entries.find((e) => e.name === name);
    return entry && new TextDecoder().decode(readZipEntry(bytes, entry, MAX_DOCX_XML_BYTES));
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
