import chardet from 'chardet';
import iconv from 'iconv-lite';
import { AppError } from '../errors.js';
import type { ReadWarning } from './types.js';

/** A decoded text and the encoding it was read in. */
export interface DecodedText {
  text: string;
  /** Lowercase WHATWG-style name: "utf-8", "utf-16le", "utf-16be", "gb18030", "big5" … */
  encoding: string;
  warnings: ReadWarning[];
}

/** How many bytes the binary and UTF-16 checks look at. */
const SAMPLE_BYTES = 64 * 1024;

/** Share of control characters above which a decoded file is taken as binary. */
const MAX_CONTROL_SHARE = 0.01;
/** Plausibility (see scorePlausibility) a BOM-less UTF-16 reading needs; Chinese prose scores 0.95+. */
const MIN_UTF16_PLAUSIBILITY = 0.7;
/** Share of undecodable sequences (U+FFFD) above which a decoded file is taken as binary. */
const MAX_REPLACEMENT_SHARE = 0.05;

/** Legacy encodings worth trying, by chardet's name → iconv-lite's name. GBK/GB2312 ⊂ GB18030. */
const LEGACY: Record<string, string> = {
  GB18030: 'gb18030',
  Big5: 'big5',
  'EUC-JP': 'euc-jp',
  Shift_JIS: 'shift_jis',
  'EUC-KR': 'euc-kr',
  'UTF-16LE': 'utf-16le',
  'UTF-16BE': 'utf-16be',
};

/** C0 controls other than tab, line feed, form feed and carriage return; and DEL. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g;

function bytesToString(bytes: Uint8Array, encoding: string): string {
  return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length), encoding);
}

function count(text: string, pattern: RegExp): number {
  return text.match(pattern)?.length ?? 0;
}

/**
 * How much a decoding looks like Chinese prose: the share of characters that are common in
 * reports (Han, ASCII, CJK and full-width punctuation), minus a penalty for controls and U+FFFD.
 * Wrong decodings of GBK bytes scatter over the whole of Unicode and score far lower.
 */
export function scorePlausibility(text: string): number {
  if (text.length === 0) return 0;
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  const good = count(
    sample,
    /[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef\u2010-\u203b\u00b7\u00d7\u2460-\u24ff\u0020-\u007e\t\n\r]/g,
  );
  const bad = count(sample, CONTROL) + count(sample, /\ufffd/g);
  return (good - 2 * bad) / sample.length;
}

/**
 * Reads bytes with NULs as UTF-16 without a BOM, or returns undefined (a binary file). ASCII
 * characters put a NUL in every other byte, but so do common Han characters (一 U+4E00,
 * 开 U+5F00, 退 U+9000) on the other side, so the NULs' positions cannot decide: the more
 * plausible byte order wins, and it must read as prose (random bytes score about 0.3).
 */
function decodeUtf16WithoutBom(bytes: Uint8Array): DecodedText | undefined {
  const candidates = (['utf-16le', 'utf-16be'] as const).map((encoding) => {
    const text = bytesToString(bytes, encoding);
    return { text, encoding, score: scorePlausibility(text) };
  });
  const [le, be] = candidates;
  const best = le && be && be.score > le.score ? be : le;
  if (!best || best.score < MIN_UTF16_PLAUSIBILITY) return undefined;
  return decoded(best.text, best.encoding);
}

function hasNul(bytes: Uint8Array): boolean {
  return bytes.subarray(0, SAMPLE_BYTES).includes(0);
}

/** The bytes decoded as UTF-8, or undefined when they are not valid UTF-8. */
export function decodeStrictUtf8(bytes: Uint8Array): string | undefined {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return undefined;
  }
}

function binary(): AppError {
  return new AppError(
    'UNSUPPORTED_FORMAT',
    '无法识别的文件：请上传文本、Word（.docx）、网页（.html）或PDF文件',
  );
}

/** Throws UNSUPPORTED_FORMAT "binary file" when a decoding is mostly controls or garbage. */
function checkNotBinary(text: string): number {
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  if (sample.length === 0) return 0;
  const controls = count(sample, CONTROL);
  const replaced = count(sample, /\ufffd/g);
  if (controls / sample.length > MAX_CONTROL_SHARE || replaced / sample.length > MAX_REPLACEMENT_SHARE) {
    throw binary();
  }
  return replaced;
}

function decoded(text: string, encoding: string, warnings: ReadWarning[] = []): DecodedText {
  const replaced = checkNotBinary(text);
  if (replaced > 0) {
    warnings.push({
      code: 'UNDECODABLE_BYTES',
      message: `${replaced} byte sequence(s) are not valid ${encoding} and were replaced by U+FFFD`,
    });
  }
  return { text, encoding, warnings };
}

/**
 * Picks the most plausible legacy encoding for bytes that are not UTF-8: GB18030 (which
 * includes GBK and GB2312) always competes, with chardet's candidates and, for even lengths,
 * UTF-16 without BOM. Ties within 0.02 go to GB18030, the encoding of Chinese reports.
 */
function decodeLegacy(bytes: Uint8Array): DecodedText {
  const sample = bytes.subarray(0, SAMPLE_BYTES);
  // Fast path: prose that reads cleanly as GB18030 is GB18030 (chardet costs ~20 ms a report).
  const gb = bytesToString(sample, 'gb18030');
  if (!gb.includes('\ufffd') && scorePlausibility(gb) >= 0.97) {
    return decoded(bytesToString(bytes, 'gb18030'), 'gb18030');
  }
  const names = new Set<string>(['gb18030']);
  for (const match of chardet.analyse(sample)) {
    const name = LEGACY[match.name];
    if (name && match.confidence >= 10) names.add(name);
  }
  if (bytes.length % 2 === 0) {
    names.add('utf-16le');
    names.add('utf-16be');
  }
  let best = { name: 'gb18030', score: -Infinity };
  for (const name of names) {
    const score = scorePlausibility(bytesToString(sample, name));
    if (
      score > best.score + 0.02 ||
      (best.name !== 'gb18030' && name === 'gb18030' && score >= best.score - 0.02)
    ) {
      best = { name, score };
    }
  }
  const warnings: ReadWarning[] = [];
  if (best.score < 0.9) {
    warnings.push({
      code: 'ENCODING_GUESSED',
      message: `the encoding was guessed as ${best.name}; check the text for garbled characters`,
    });
  }
  return decoded(bytesToString(bytes, best.name), best.name, warnings);
}

/**
 * Decodes the bytes of a text file. In order: a BOM (UTF-8, UTF-16LE/BE) decides; NUL bytes in
 * every other position mean UTF-16 without BOM; valid UTF-8 is UTF-8; anything else is the most
 * plausible legacy encoding (GB18030 unless chardet finds better). The BOM is stripped; nothing
 * else (line ends, spaces, punctuation) is changed.
 * Throws UNSUPPORTED_FORMAT "binary file" for bytes that are not text in any of these.
 * @example decodeText(iconv.encode('一、过去五年工作回顾', 'gbk')).encoding // 'gb18030'
 */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    const body = bytes.subarray(3);
    const strict = decodeStrictUtf8(body);
    return strict !== undefined ? decoded(strict, 'utf-8') : decoded(bytesToString(body, 'utf-8'), 'utf-8');
  }
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return decoded(bytesToString(bytes.subarray(2), 'utf-16le'), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return decoded(bytesToString(bytes.subarray(2), 'utf-16be'), 'utf-16be');
  if (hasNul(bytes)) {
    const utf16 = decodeUtf16WithoutBom(bytes);
    if (!utf16) throw binary();
    return utf16;
  }
  const utf8 = decodeStrictUtf8(bytes);
  if (utf8 !== undefined) return decoded(utf8, 'utf-8');
  return decodeLegacy(bytes);
}

/**
 * Decodes bytes in a named charset (from an HTML `<meta charset>`), mapping GBK and GB2312
 * to their superset GB18030. Returns undefined for a label iconv-lite does not know.
 */
export function decodeWithCharset(bytes: Uint8Array, label: string): DecodedText | undefined {
  let name = label.trim().toLowerCase();
  if (['gbk', 'gb2312', 'x-gbk', 'gb_2312-80', 'cp936', 'windows-936', 'euc-cn'].includes(name))
    name = 'gb18030';
  if (name === 'utf8') name = 'utf-8';
  if (!iconv.encodingExists(name)) return undefined;
  const start = name === 'utf-8' && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  return decoded(bytesToString(bytes.subarray(start), name), name);
}
