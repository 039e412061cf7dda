/**
 * Pictures without what they say about who took them (issue 12.1): a phone camera writes the
 * place (GPS), the time, the device and sometimes the owner's name into the file. Before the
 * public gets a picture of an order, every metadata block is dropped: JPEG APP1 (Exif, XMP),
 * APP3–APP13, APP15 and comments; PNG eXIf, tEXt, zTXt, iTXt and tIME; WebP EXIF and XMP.
 * What decoding needs stays (JPEG APP0 JFIF, APP2 colour profile, APP14 Adobe colour transform).
 */

const JPEG_KEEP_APP = new Set([0xe0, 0xe2, 0xee]);
const PNG_DROP = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);
const WEBP_DROP = new Set(['EXIF', 'XMP ']);

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function stripJpeg(bytes: Uint8Array): Uint8Array | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  const parts: Uint8Array[] = [bytes.subarray(0, 2)];
  let at = 2;
  while (at < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1];
    if (marker === undefined) return undefined;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    // Markers without a length: TEM, RST0–7, EOI.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0xd9) {
      parts.push(bytes.subarray(at, at + 2));
      at += 2;
      if (marker === 0xd9) break;
      continue;
    }
    if (at + 4 > bytes.length) return undefined;
    const length = (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if (length < 2 || at + 2 + length > bytes.length) return undefined;
    const isApp = marker >= 0xe0 && marker <= 0xef;
    const drop = (isApp && !JPEG_KEEP_APP.has(marker)) || marker === 0xfe;
    if (marker === 0xda) {
      // Start of scan: the entropy-coded data runs to the end; nothing after it is metadata.
      parts.push(bytes.subarray(at));
      return concat(parts);
    }
    if (!drop) parts.push(bytes.subarray(at, at + 2 + length));
    at += 2 + length;
  }
  return concat(parts);
}

function stripPng(bytes: Uint8Array): Uint8Array | undefined {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (!signature.every((b, i) => bytes[i] === b)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [bytes.subarray(0, 8)];
  let at = 8;
  while (at < bytes.length) {
    if (at + 12 > bytes.length) return undefined;
    const length = view.getUint32(at);
    const end = at + 12 + length;
    if (end > bytes.length) return undefined;
    const type = ascii(bytes, at + 4, 4);
    if (!PNG_DROP.has(type)) parts.push(bytes.subarray(at, end));
    at = end;
    if (type === 'IEND') break;
  }
  return concat(parts);
}

function stripWebp(bytes: Uint8Array): Uint8Array | undefined {
  if (bytes.length < 12 || ascii(bytes, 0, 4) !== 'RIFF' || ascii(bytes, 8, 4) !== 'WEBP') return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts: Uint8Array[] = [];
  let at = 12;
  while (at < bytes.length) {
    if (at + 8 > bytes.length) return undefined;
    const type = ascii(bytes, at, 4);
    const size = view.getUint32(at + 4, true);
    const end = at + 8 + size + (size % 2);
    if (at + 8 + size > bytes.length) return undefined;
    const chunk = bytes.slice(at, Math.min(end, bytes.length));
    // VP8X flags say which metadata chunks follow: clear EXIF (bit 3) and XMP (bit 2).
    if (type === 'VP8X' && chunk.length > 8) chunk[8] = chunk[8]! & ~0x0c;
    if (!WEBP_DROP.has(type)) parts.push(chunk);
    at = end;
  }
  const body = concat(parts);
  const head = new Uint8Array(12);
  head.set(bytes.subarray(0, 12));
  new DataView(head.buffer).setUint32(4, body.length + 4, true);
  return concat([head, body]);
}

/**
 * The picture with its metadata blocks dropped, or undefined when it is not a JPEG, PNG or
 * WebP this reader can walk (a damaged file is then not served to the public at all).
 * @example
 * stripImageMetadata(jpegWithGps, 'image/jpeg') // the same picture, no APP1 segment
 */
export function stripImageMetadata(bytes: Uint8Array, contentType: string): Uint8Array | undefined {
  if (contentType === 'image/jpeg') return stripJpeg(bytes);
  if (contentType === 'image/png') return stripPng(bytes);
  if (contentType === 'image/webp') return stripWebp(bytes);
  return undefined;
}
