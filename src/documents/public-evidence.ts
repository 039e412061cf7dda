/**
 * The public copy of an evidence file (issue 19.4): the same file without what it says about
 * who made it. JPEG and PNG lose their metadata blocks (src/requests/strip-metadata.ts; a JPEG
 * keeps its orientation as a one-tag Exif); a PDF loses its Info dictionary and every XMP
 * metadata stream (pdf-lib); a .docx or .xlsx has its properties rewritten and its comments
 * dropped (public-evidence-office.ts). The text of a PDF, .docx or .xlsx is read back, each
 * stretch with where it is, for the personal-data check of src/verdicts/public-evidence.ts.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PDFDict, PDFDocument, PDFName, PDFRef, PDFStream } from 'pdf-lib';
import { AppError } from '../errors.js';
import { MAX_PDF_PAGES, PDF_TIME_LIMIT_MS } from '../ingest/limits.js';
import { stripImageMetadata } from '../requests/strip-metadata.js';
import { publishableKind } from '../verdicts/public-evidence.js';
import type { TextAt } from '../verdicts/public-evidence.js';
import { stripOfficeFile } from './public-evidence-office.js';

/** A file as stored: its name, checked content type and bytes. */
export interface EvidenceSource {
  name: string;
  mimeType: string;
  bytes: Uint8Array;
}

/** The public copy and the text read from the file, each stretch with where it is. */
export interface PublicEvidenceCopy {
  bytes: Uint8Array;
  contentType: string;
  texts: TextAt[];
}

const damaged = (name: string, why: string) =>
  new AppError('UNPROCESSABLE', `“${name}”无法读取（${why}），不能公开`);

/**
 * The public copy of a file. Throws UNSUPPORTED_FORMAT for a type that cannot be published,
 * UNPROCESSABLE for a damaged or password-protected file, TOO_LARGE for an archive past its caps.
 */
export async function makePublicEvidenceCopy(file: EvidenceSource): Promise<PublicEvidenceCopy> {
  const kind = publishableKind(file.mimeType);
  const contentType = file.mimeType.toLowerCase();
  switch (kind) {
    case 'jpeg': {
      const bytes = stripJpegKeepingOrientation(file.bytes);
      if (!bytes) throw damaged(file.name, '图片已损坏');
      return { bytes, contentType, texts: [] };
    }
    case 'png': {
      const bytes = stripImageMetadata(file.bytes, 'image/png');
      if (!bytes) throw damaged(file.name, '图片已损坏');
      return { bytes, contentType, texts: [] };
    }
    case 'pdf':
      return { bytes: await stripPdf(file), contentType, texts: await readPdfPages(file) };
    case 'docx':
    case 'xlsx':
      return { ...(await stripOfficeFile(file, kind)), contentType };
    default:
      throw new AppError(
        'UNSUPPORTED_FORMAT',
        `“${file.name}”的文件类型不能公开：只有PDF、JPEG、PNG图片和Word（.docx）、Excel（.xlsx）文件能去除作者等信息后公开`,
      );
  }
}

// ---- JPEG: metadata dropped, orientation kept ---------------------------------------------------

/** The Exif orientation (1–8) of a JPEG, or undefined when it has none. */
export function readJpegOrientation(bytes: Uint8Array): number | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    if (marker === 0xda || marker === 0xd9) return undefined;
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    const body = at + 4;
    const isExif =
      marker === 0xe1 && length > 16 && String.fromCharCode(...bytes.subarray(body, body + 6)) === 'Exif\0\0';
    if (isExif) return orientationInTiff(bytes.subarray(body + 6, at + 2 + length));
    at += 2 + length;
  }
  return undefined;
}

function orientationInTiff(tiff: Uint8Array): number | undefined {
  if (tiff.length < 8) return undefined;
  const view = new DataView(tiff.buffer, tiff.byteOffset, tiff.byteLength);
  const little = tiff[0] === 0x49;
  const ifd = view.getUint32(4, little);
  if (ifd + 2 > tiff.length) return undefined;
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return undefined;
    if (view.getUint16(entry, little) === 0x0112) {
      const value = view.getUint16(entry + 8, little);
      return value >= 1 && value <= 8 ? value : undefined;
    }
  }
  return undefined;
}

/** An APP1 Exif segment holding the orientation tag alone (big-endian TIFF, one IFD entry). */
function orientationSegment(orientation: number): Uint8Array {
  const segment = new Uint8Array(36);
  const view = new DataView(segment.buffer);
  view.setUint16(0, 0xffe1);
  view.setUint16(2, 34);
  segment.set([0x45, 0x78, 0x69, 0x66, 0, 0], 4); // "Exif\0\0"
  segment.set([0x4d, 0x4d, 0x00, 0x2a], 10); // "MM", 42
  view.setUint32(14, 8); // IFD0 at 8
  view.setUint16(18, 1); // one entry
  view.setUint16(20, 0x0112); // Orientation
  view.setUint16(22, 3); // SHORT
  view.setUint32(24, 1);
  view.setUint16(28, orientation);
  view.setUint32(32, 0); // no next IFD
  return segment;
}

/**
 * A JPEG without Exif, XMP, IPTC and comments; an orientation other than 1 is kept as an Exif
 * segment holding that tag alone, so the picture still stands the right way up.
 */
export function stripJpegKeepingOrientation(bytes: Uint8Array): Uint8Array | undefined {
  const stripped = stripImageMetadata(bytes, 'image/jpeg');
  if (!stripped) return undefined;
  const orientation = readJpegOrientation(bytes);
  if (orientation === undefined || orientation === 1) return stripped;
  // After SOI and the JFIF APP0 when there is one.
  let at = 2;
  if (stripped[2] === 0xff && stripped[3] === 0xe0) at = 4 + ((stripped[4]! << 8) | stripped[5]!);
  const segment = orientationSegment(orientation);
  const out = new Uint8Array(stripped.length + segment.length);
  out.set(stripped.subarray(0, at));
  out.set(segment, at);
  out.set(stripped.subarray(at), at + segment.length);
  return out;
}

// ---- PDF: Info and XMP dropped ------------------------------------------------------------------

const METADATA = PDFName.of('Metadata');

function dictOf(object: unknown): PDFDict | undefined {
  if (object instanceof PDFDict) return object;
  if (object instanceof PDFStream) return object.dict;
  return undefined;
}

/**
 * The PDF without its document information (author, creator, producer, title, dates) and
 * without any XMP metadata stream (the catalog's, a page's or an image's), saved without object
 * streams. Refuses an encrypted or damaged PDF.
 */
async function stripPdf(file: EvidenceSource): Promise<Uint8Array> {
  try {
    const doc = await PDFDocument.load(file.bytes, { updateMetadata: false });
    const { context } = doc;
    const info = context.trailerInfo.Info;
    if (info instanceof PDFRef) context.delete(info);
    context.trailerInfo.Info = undefined;
    for (const [ref, object] of context.enumerateIndirectObjects()) {
      const dict = dictOf(object);
      if (!dict) continue;
      if (dict.get(PDFName.Type) === METADATA || dict.get(PDFName.of('Subtype')) === PDFName.of('XML')) {
        context.delete(ref);
        continue;
      }
      dict.delete(METADATA);
      dict.delete(PDFName.of('PieceInfo'));
    }
    return await doc.save({ useObjectStreams: false, updateFieldAppearances: false });
  } catch (error) {
    const encrypted = error instanceof Error && /encrypt/i.test(error.message);
    throw damaged(file.name, encrypted ? 'PDF已加密，请去除密码后上传' : 'PDF已损坏');
  }
}

const pdfjsRoot = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

interface TextItemLike {
  str?: string;
  hasEOL?: boolean;
}

/** Each page's text (pdf.js), "第N页"; a scanned page has none. Bounded as reading a report is. */
async function readPdfPages(file: EvidenceSource): Promise<TextAt[]> {
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: new Uint8Array(file.bytes),
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
    timer = setTimeout(() => reject(damaged(file.name, '读取超时')), PDF_TIME_LIMIT_MS);
  });
  const read = async () => {
    const doc = await task.promise;
    if (doc.numPages > MAX_PDF_PAGES)
      throw new AppError('TOO_LARGE', `“${file.name}”超过${MAX_PDF_PAGES}页，不能公开，请拆分后上传`);
    const pages: TextAt[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      page.cleanup();
      const text = (content.items as TextItemLike[])
        .map((i) => (i.str ?? '') + (i.hasEOL ? '\n' : ''))
        .join('');
      pages.push({ where: `第${n}页`, text });
    }
    return pages;
  };
  try {
    return await Promise.race([read(), deadline]);
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw damaged(file.name, 'PDF已损坏');
  } finally {
    clearTimeout(timer);
    await task.destroy().catch(() => undefined);
  }
}
