import { AppError } from '../errors.js';

/** What the first bytes of a file say it is. */
export type Container = 'zip' | 'pdf' | 'html' | 'text';

interface Magic {
  bytes: number[];
  /** How far into the file the signature may start (PDF allows junk before %PDF). */
  within?: number;
  what: string;
}

/** Signatures of files that are certainly not a report's text, named for the error message. */
const FOREIGN: Magic[] = [
  {
    bytes: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1],
    what: '旧版Word/Excel文件（.doc/.xls）：请另存为.docx',
  },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: 'RTF文件：请另存为.docx' },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: 'PNG图片' },
  { bytes: [0xff, 0xd8, 0xff], what: 'JPEG图片' },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: 'GIF图片' },
  { bytes: [0x1f, 0x8b], what: 'gzip压缩包' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], what: '7-Zip压缩包' },
  { bytes: [0x52, 0x61, 0x72, 0x21], what: 'RAR压缩包' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], what: '可执行程序（ELF）' },
];

const ZIP: Magic = { bytes: [0x50, 0x4b, 0x03, 0x04], what: 'zip' };
const ZIP_EMPTY: Magic = { bytes: [0x50, 0x4b, 0x05, 0x06], what: 'zip' };
const PDF: Magic = { bytes: [0x25, 0x50, 0x44, 0x46, 0x2d], within: 1024, what: 'pdf' };

/** Tags that mark the start of an HTML page (checked on the ASCII-lowercased prefix). */
const HTML_MARKERS =
  /<(?:!doctype\s+html|html|head|body|meta|title|div|p|article|table|h1|script|style)[\s>/]/;

function startsAt(bytes: Uint8Array, magic: Magic, at: number): boolean {
  return magic.bytes.every((b, i) => bytes[at + i] === b);
}

function has(bytes: Uint8Array, magic: Magic): boolean {
  const last = Math.min(magic.within ?? 0, bytes.length - magic.bytes.length);
  for (let at = 0; at <= last; at++) if (startsAt(bytes, magic, at)) return true;
  return false;
}

/** The bytes of an ASCII-compatible prefix as a lowercase string (for tag sniffing). */
export function asciiPrefix(bytes: Uint8Array, length = 4096): string {
  const skip = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const view = bytes.subarray(skip, skip + length);
  return Buffer.from(view.buffer, view.byteOffset, view.length).toString('latin1').toLowerCase();
}

/** True when text (already decoded, or an ASCII-compatible prefix) starts like an HTML page. */
export function looksLikeHtml(prefix: string): boolean {
  const head = prefix
    .replace(/^\uFEFF/, '')
    .trimStart()
    .slice(0, 4096)
    .toLowerCase();
  if (!head.startsWith('<')) return false;
  return HTML_MARKERS.test(head);
}

/**
 * Tells a report file's container from its first bytes: zip (→ .docx), PDF, HTML, or text.
 * Throws UNSUPPORTED_FORMAT for well-known formats that can never hold a report's text
 * (images, archives, .doc, RTF, executables), naming what the file is.
 */
export function sniffContainer(bytes: Uint8Array): Container {
  if (startsAt(bytes, ZIP, 0) || startsAt(bytes, ZIP_EMPTY, 0)) return 'zip';
  if (has(bytes, PDF)) return 'pdf';
  for (const magic of FOREIGN) {
    if (startsAt(bytes, magic, 0)) throw new AppError('UNSUPPORTED_FORMAT', `这是${magic.what}`);
  }
  const prefix = asciiPrefix(bytes, 2048);
  // "Web archive, single file" (.mht/.mhtml) as browsers save pages: MIME parts, often encoded.
  if (/^(?:from:|mime-version:|content-type:)[\s\S]*multipart\/related/.test(prefix)) {
    throw new AppError('UNSUPPORTED_FORMAT', '这是网页存档文件（.mht）：请将网页另存为.html');
  }
  if (looksLikeHtml(prefix)) return 'html';
  return 'text';
}
