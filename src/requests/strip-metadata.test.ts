import { describe, expect, it } from 'vitest';
import { stripImageMetadata } from './strip-metadata.js';

const bytes = (...parts: (number[] | string)[]): Uint8Array =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

/** A JPEG segment: marker, big-endian length (including itself), payload. */
function segment(marker: number, payload: number[] | string): number[] {
  const body = typeof payload === 'string' ? [...Buffer.from(payload, 'latin1')] : payload;
  const length = body.length + 2;
  return [0xff, marker, length >> 8, length & 0xff, ...body];
}

const GPS = 'Exif\0\0GPSLatitude 40.0712345 GPSLongitude 116.3298765 Owner 王建国';

describe('stripImageMetadata JPEG', () => {
  const jfif = segment(0xe0, 'JFIF\0\x01\x01\0\0\x01\0\x01\0\0');
  const exif = segment(0xe1, GPS);
  const xmp = segment(0xe1, 'http://ns.adobe.com/xap/1.0/\0<x:xmpmeta>王建国</x:xmpmeta>');
  const icc = segment(0xe2, 'ICC_PROFILE\0\x01\x01profile');
  const comment = segment(0xfe, 'taken at home');
  const adobe = segment(0xee, 'Adobe\0d\0\0\0\0\x01');
  const quant = segment(0xdb, [0, ...new Array<number>(64).fill(1)]);
  const scan = [...segment(0xda, [1, 1, 0, 0, 0x3f, 0]), 0x12, 0xff, 0x00, 0x34, 0xff, 0xd9];

  it('drops Exif, XMP and comments, keeps JFIF, the colour profile, Adobe and the picture itself', () => {
    const input = bytes([0xff, 0xd8], jfif, exif, xmp, icc, comment, adobe, quant, scan);
    const out = stripImageMetadata(input, 'image/jpeg')!;
    expect([...out]).toEqual([0xff, 0xd8, ...jfif, ...icc, ...adobe, ...quant, ...scan]);
    expect(Buffer.from(out).toString('latin1')).not.toMatch(/GPS|xmpmeta|taken at home/);
  });

  it('refuses a damaged JPEG rather than serve it', () => {
    expect(stripImageMetadata(bytes([0xff, 0xd8], exif.slice(0, 10)), 'image/jpeg')).toBeUndefined();
    expect(stripImageMetadata(bytes([0xff, 0xd8, 0x00, 0x01]), 'image/jpeg')).toBeUndefined();
    expect(stripImageMetadata(bytes([0x89, 0x50]), 'image/jpeg')).toBeUndefined();
  });
});

function chunk(type: string, data: string): number[] {
  const body = [...Buffer.from(data, 'latin1')];
  const n = body.length;
  // The CRC is carried as it is: the reader keeps or drops whole chunks.
  return [
    n >>> 24,
    (n >> 16) & 0xff,
    (n >> 8) & 0xff,
    n & 0xff,
    ...Buffer.from(type, 'latin1'),
    ...body,
    1,
    2,
    3,
    4,
  ];
}

describe('stripImageMetadata PNG', () => {
  it('drops eXIf, text and time chunks and keeps the image chunks in order', () => {
    const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    const ihdr = chunk('IHDR', '\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0');
    const idat = chunk('IDAT', 'pixels');
    const iend = chunk('IEND', '');
    const input = bytes(
      signature,
      ihdr,
      chunk('eXIf', GPS),
      chunk('tEXt', 'Author\0王建国'),
      chunk('iTXt', 'XML:com.adobe.xmp\0'),
      chunk('tIME', '\x07\xe8\x07\x01\0\0\0'),
      idat,
      iend,
    );
    expect([...stripImageMetadata(input, 'image/png')!]).toEqual([...signature, ...ihdr, ...idat, ...iend]);
  });

  it('refuses a cut PNG', () => {
    const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
    expect(
      stripImageMetadata(bytes(signature, chunk('IHDR', 'abc').slice(0, 9)), 'image/png'),
    ).toBeUndefined();
  });
});

function riff(type: string, data: number[]): number[] {
  const n = data.length;
  return [
    ...Buffer.from(type, 'latin1'),
    n & 0xff,
    (n >> 8) & 0xff,
    (n >> 16) & 0xff,
    n >>> 24,
    ...data,
    ...(n % 2 ? [0] : []),
  ];
}

describe('stripImageMetadata WebP', () => {
  it('drops EXIF and XMP chunks, clears their flags and corrects the RIFF size', () => {
    const vp8x = riff('VP8X', [0x0c | 0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    const image = riff('VP8L', [1, 2, 3]);
    const exif = riff('EXIF', [...Buffer.from(GPS, 'latin1')]);
    const xmp = riff('XMP ', [...Buffer.from('<x:xmpmeta/>', 'latin1')]);
    const body = [...Buffer.from('WEBP', 'latin1'), ...vp8x, ...image, ...exif, ...xmp];
    const input = bytes('RIFF', [body.length & 0xff, (body.length >> 8) & 0xff, 0, 0], body);
    const out = stripImageMetadata(input, 'image/webp')!;
    const kept = [...riff('VP8X', [0x10, 0, 0, 0, 0, 0, 0, 0, 0, 0]), ...image];
    const size = kept.length + 4;
    expect([...out]).toEqual([
      ...Buffer.from('RIFF', 'latin1'),
      size,
      0,
      0,
      0,
      ...Buffer.from('WEBP', 'latin1'),
      ...kept,
    ]);
  });
});

describe('stripImageMetadata other files', () => {
  it('gives nothing for a type it cannot clean (video, PDF)', () => {
    expect(stripImageMetadata(bytes('%PDF-1.7'), 'application/pdf')).toBeUndefined();
    expect(stripImageMetadata(bytes([0, 0, 0, 0x18], 'ftypmp42'), 'video/mp4')).toBeUndefined();
  });
});
