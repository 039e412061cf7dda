/**
 * Media of requests (photos, video, voice, PDF): which types are accepted, proved by their first
 * bytes (a disguised file is refused), the name a file is kept under, and the refs uploads are
 * named by — 144 random bits, base64url (24 characters), so a ref cannot be guessed from another
 * (src/store/media.ts gives them out).
 */
import { AppError } from '../errors.js';
import { MAX_MEDIA_BYTES, MEDIA_TYPES } from './limits.js';

/**
 * True for a string shaped like a ref the store gives out.
 * @example isMediaRef('q3Zr0v8m2Xk9TQ1bP4s7Yw_a') // true
 */
export function isMediaRef(value: string): boolean {
  return /^[A-Za-z0-9_-]{24}$/.test(value);
}

type MediaType = (typeof MEDIA_TYPES)[number];

/** The file name extensions of each accepted type: a name that says another type is refused. */
const EXTENSIONS: Record<MediaType, readonly string[]> = {
  'image/jpeg': ['jpg', 'jpeg', 'jfif'],
  'image/png': ['png'],
  'image/webp': ['webp'],
  'video/mp4': ['mp4', 'm4v'],
  'audio/mpeg': ['mp3'],
  'application/pdf': ['pdf'],
};

const MAGIC: { type: (typeof MEDIA_TYPES)[number]; test: (b: Uint8Array) => boolean }[] = [
  { type: 'image/jpeg', test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  { type: 'image/png', test: (b) => b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 },
  { type: 'application/pdf', test: (b) => String.fromCharCode(...b.slice(0, 5)) === '%PDF-' },
  {
    type: 'image/webp',
    test: (b) =>
      String.fromCharCode(...b.slice(0, 4)) === 'RIFF' && String.fromCharCode(...b.slice(8, 12)) === 'WEBP',
  },
  { type: 'video/mp4', test: (b) => String.fromCharCode(...b.slice(4, 8)) === 'ftyp' },
  {
    type: 'audio/mpeg',
    test: (b) =>
      String.fromCharCode(...b.slice(0, 3)) === 'ID3' || (b[0] === 0xff && ((b[1] ?? 0) & 0xe0) === 0xe0),
  },
];

/**
 * The media type the first bytes of a file show, or undefined when none of MEDIA_TYPES.
 * @example
 * sniffMediaType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0])) // 'image/jpeg'
 */
export function sniffMediaType(head: Uint8Array): (typeof MEDIA_TYPES)[number] | undefined {
  return MAGIC.find((m) => m.test(head))?.type;
}

/**
 * Checks an upload before it is stored: size, an accepted type, and bytes that are what the
 * declared type says (a disguised file is refused). Throws BAD_INPUT or TOO_LARGE.
 * @example
 * assertMediaAllowed({ contentType: 'image/png', bytes: 10 }, new Uint8Array([0x89, 0x50, 0x4e, 0x47]))
 */
export function assertMediaAllowed(media: { contentType: string; bytes: number }, head: Uint8Array): void {
  if (media.bytes > MAX_MEDIA_BYTES) {
    throw new AppError('TOO_LARGE', `附件过大：${media.bytes} 字节，上限 ${MAX_MEDIA_BYTES}`, [
      { path: 'media', message: 'too large' },
    ]);
  }
  if (!(MEDIA_TYPES as readonly string[]).includes(media.contentType)) {
    throw new AppError('BAD_INPUT', `不接受的附件类型 ${media.contentType}`, [
      { path: 'media', message: 'type not accepted' },
    ]);
  }
  const seen = sniffMediaType(head);
  if (seen !== media.contentType) {
    throw new AppError(
      'BAD_INPUT',
      `附件内容与声明类型不符（声明 ${media.contentType}，实为 ${seen ?? '未知'}）`,
      [{ path: 'media', message: 'disguised file' }],
    );
  }
}

export const isMediaType = (value: string): value is MediaType =>
  (MEDIA_TYPES as readonly string[]).includes(value);
/** Bidi controls and zero-width characters: they change how a name reads, not what it is. */
const INVISIBLE = /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/u;

const extensionOf = (name: string) => /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();

/**
 * A file name that says nothing of the sender, for a unit reading the file of a citizen
 * anonymous to units: 附件-<ref>.jpg.
 */
export function deriveAnonymousMediaName(file: { ref: string; contentType: string }): string {
  const extension = EXTENSIONS[file.contentType as MediaType]?.[0];
  return `附件-${file.ref}${extension ? `.${extension}` : ''}`;
}

/**
 * The type a client declared for a file: its part's content type, or — when that says nothing
 * (empty, application/octet-stream) — the one its name's extension stands for.
 * @example declaredMediaType('积水.JPG', 'application/octet-stream') // 'image/jpeg'
 */
export function declaredMediaType(name: string, mimeType: string): string {
  const declared = mimeType.split(';')[0]?.trim().toLowerCase() ?? '';
  if (declared !== '' && declared !== 'application/octet-stream') return declared;
  const ext = extensionOf(name);
  const byName = MEDIA_TYPES.find((type) => ext !== undefined && EXTENSIONS[type].includes(ext));
  return byName ?? (declared || 'application/octet-stream');
}

/**
 * The name a checked file is kept under: without any path, control, bidi or zero-width
 * characters, at most 120
 * characters, with its type's extension. BAD_INPUT when the name's extension says another
 * type (a program named .jpg was already refused by its bytes; this refuses `photo.exe`).
 */
export function deriveStoredMediaName(name: string, type: MediaType): string {
  const base = name.split(/[\\/]/).at(-1) ?? '';
  // Control characters, and the bidi and zero-width ones that make 「照片\u202Egpj.exe」 read
  // as 照片exe.jpg (issue 12.9), are dropped before the extension is judged.
  const plain = [...base]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f && !INVISIBLE.test(c))
    .join('')
    .trim();
  const ext = extensionOf(plain);
  if (ext === undefined) return `${plain.slice(0, 110) || 'media'}.${EXTENSIONS[type][0]}`;
  if (!EXTENSIONS[type].includes(ext)) {
    throw new AppError('BAD_INPUT', `附件「${plain}」的扩展名与内容不符（内容为 ${type}）`, [
      { path: 'body.file', message: 'disguised file: the name says another type' },
    ]);
  }
  return plain.length > 120 ? `${plain.slice(0, 110)}.${ext}` : plain;
}
