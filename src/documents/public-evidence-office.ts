/**
 * The public copy of a .docx or .xlsx (issue 19.4). The zip is inflated within caps while
 * streaming (src/ingest/zip.ts, as every upload is read), then: docProps/core.xml is rewritten
 * empty (no creator, last modified by, title or keywords), docProps/app.xml loses Company and
 * Manager, custom properties and comment parts (Word's comments and people, Excel's comments,
 * threaded comments and persons) are dropped with their relationships and content types, Word's
 * comment anchors removed and revision authors blanked. The copy is written as a stored zip.
 * The text is read back for the personal-data check: a .docx's body by mammoth (paragraph by
 * paragraph) and its headers and footers; an .xlsx's cells by exceljs (sheet and cell).
 */
import { posix } from 'node:path';
import ExcelJS from 'exceljs';
import mammoth from 'mammoth';
import { AppError } from '../errors.js';
import { DOCX_ZIP_CAPS } from '../ingest/limits.js';
import { inflateZip, storeZip } from '../ingest/zip.js';
import type { ZipCaps } from '../ingest/zip.js';
import type { TextAt } from '../verdicts/public-evidence.js';
import type { EvidenceSource } from './public-evidence.js';

const MB = 1024 * 1024;

/**
 * An evidence archive's caps: the entries and ratio of a report .docx, and room for the
 * pictures in it (an evidence file is 20 MiB at most packed; pictures do not inflate).
 */
const EVIDENCE_ZIP_CAPS: Omit<ZipCaps, 'what'> = {
  maxEntries: DOCX_ZIP_CAPS.maxEntries,
  maxEntryBytes: 32 * MB,
  maxTotalBytes: 64 * MB,
  maxRatio: DOCX_ZIP_CAPS.maxRatio,
};

/** Parts that name people or carry remarks: never in a public copy. */
const DROPPED_PART =
  /^(?:docProps\/custom\.xml|word\/comments[^/]*\.xml|word\/people\.xml|xl\/comments[^/]*\.xml|xl\/threadedComments\/.*|xl\/persons\/.*)$/i;

const EMPTY_CORE =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
  '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
  'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
  'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/>';

const utf8 = (b: Uint8Array) => Buffer.from(b).toString('utf8');

/** The part a relationship of `relsName` points to ("word/_rels/document.xml.rels" → "word/…"). */
function resolveTarget(relsName: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const base = posix.dirname(posix.dirname(relsName));
  return posix.normalize(posix.join(base === '.' ? '' : base, target));
}

function dropRelationships(relsName: string, xml: string, dropped: Set<string>): string {
  return xml.replace(/<Relationship\b[^>]*\/>/g, (rel) => {
    const target = /\bTarget="([^"]*)"/.exec(rel)?.[1];
    if (!target || /\bTargetMode="External"/.test(rel)) return rel;
    return dropped.has(resolveTarget(relsName, target)) ? '' : rel;
  });
}

function dropContentTypes(xml: string, dropped: Set<string>): string {
  return xml.replace(/<Override\b[^>]*\/>/g, (o) => {
    const part = /\bPartName="\/?([^"]*)"/.exec(o)?.[1];
    return part && dropped.has(part) ? '' : o;
  });
}

function scrubAppXml(xml: string): string {
  return xml.replace(/<(Company|Manager)\b[^>]*?(?:\/>|>[\s\S]*?<\/\1>)/g, '');
}

/** Word XML without comment anchors, revision authors blanked (w:ins, w:del, w:rPrChange…). */
function scrubWordXml(xml: string): string {
  return xml
    .replace(/<w:(?:commentRangeStart|commentRangeEnd|commentReference)\b[^>]*\/>/g, '')
    .replace(/\sw:(author|initials)="[^"]*"/g, ' w:$1=""');
}

/** The archive's parts after the rewrite; what was dropped by name. */
function rewrite(entries: Map<string, Buffer>, kind: 'docx' | 'xlsx'): Map<string, Uint8Array> {
  const dropped = new Set([...entries.keys()].filter((n) => DROPPED_PART.test(n)));
  // A dropped part's own relationships ("word/_rels/comments.xml.rels") go with it.
  for (const name of [...dropped]) {
    dropped.add(posix.join(posix.dirname(name), '_rels', `${posix.basename(name)}.rels`));
  }
  const out = new Map<string, Uint8Array>();
  for (const [name, data] of entries) {
    if (dropped.has(name)) continue;
    let xml: string | undefined;
    if (name === 'docProps/core.xml') xml = EMPTY_CORE;
    else if (name === 'docProps/app.xml') xml = scrubAppXml(utf8(data));
    else if (name === '[Content_Types].xml') xml = dropContentTypes(utf8(data), dropped);
    else if (name.endsWith('.rels')) xml = dropRelationships(name, utf8(data), dropped);
    else if (kind === 'docx' && /^word\/[^/]+\.xml$/.test(name)) xml = scrubWordXml(utf8(data));
    out.set(name, xml === undefined ? data : Buffer.from(xml, 'utf8'));
  }
  return out;
}

const decodeXml = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#x([0-9a-f]+);/gi, (_, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&amp;/g, '&');

/** The paragraphs of a Word XML part (headers, footers, notes): the text of its w:t runs. */
function wordParagraphs(xml: string): string[] {
  return xml
    .split(/<\/w:p>/)
    .map((p) => decodeXml([...p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>/g)].map((m) => m[1]).join('')))
    .filter((t) => t.trim().length > 0);
}

async function docxTexts(parts: Map<string, Uint8Array>, name: string): Promise<TextAt[]> {
  const xml = new Map([...parts].filter(([n]) => /\.(xml|rels)$/i.test(n)));
  let body: string;
  try {
    body = (await mammoth.extractRawText({ buffer: storeZip(xml) })).value;
  } catch {
    throw new AppError('UNPROCESSABLE', `“${name}”无法读取（Word文件已损坏），不能公开`);
  }
  const texts: TextAt[] = body
    .split(/\n+/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0)
    .map((text, i) => ({ where: `正文第${i + 1}段`, text }));
  const places: [RegExp, string][] = [
    [/^word\/header\d*\.xml$/, '页眉'],
    [/^word\/footer\d*\.xml$/, '页脚'],
    [/^word\/(?:footnotes|endnotes)\.xml$/, '注释'],
  ];
  for (const [part, data] of parts) {
    const where = places.find(([re]) => re.test(part))?.[1];
    if (where) texts.push(...wordParagraphs(utf8(data)).map((text) => ({ where, text })));
  }
  return texts;
}

async function xlsxTexts(parts: Map<string, Uint8Array>, name: string): Promise<TextAt[]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(storeZip(parts) as unknown as ArrayBuffer);
  } catch {
    throw new AppError('UNPROCESSABLE', `“${name}”无法读取（Excel文件已损坏），不能公开`);
  }
  const texts: TextAt[] = [];
  wb.eachSheet((ws) => {
    ws.eachRow((row) => {
      row.eachCell((cell) => {
        const text = cell.text;
        if (text) texts.push({ where: `工作表“${ws.name}”${cell.address}单元格`, text });
      });
    });
  });
  return texts;
}

/**
 * The public copy of a .docx or .xlsx and its text with places. Throws UNSUPPORTED_FORMAT when
 * the zip is not of that kind, TOO_LARGE past the caps, UNPROCESSABLE when damaged.
 */
export async function stripOfficeFile(
  file: EvidenceSource,
  kind: 'docx' | 'xlsx',
): Promise<{ bytes: Uint8Array; texts: TextAt[] }> {
  const { entries } = await inflateZip(file.bytes, { ...EVIDENCE_ZIP_CAPS, what: `“${file.name}”` });
  const main = kind === 'docx' ? 'word/document.xml' : 'xl/workbook.xml';
  if (!entries.has(main)) {
    throw new AppError(
      'UNSUPPORTED_FORMAT',
      `“${file.name}”不是${kind === 'docx' ? 'Word（.docx）' : 'Excel（.xlsx）'}文件，不能公开`,
    );
  }
  const parts = rewrite(entries, kind);
  const texts = kind === 'docx' ? await docxTexts(parts, file.name) : await xlsxTexts(parts, file.name);
  return { bytes: storeZip(parts), texts };
}
