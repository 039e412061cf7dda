/**
 * Zip archives (.docx, .xlsx) inflated with hard caps while streaming (yauzl): every entry's
 * bytes are counted as they come out of zlib, so a directory that lies about sizes, an entry
 * that inflates a thousand times its packed size, or a flood of entries is refused after at
 * most the cap, never trusted and never expanded in full. The format libraries (mammoth,
 * exceljs) inflate with their own zip code; they are handed `storeZip` of what was inflated
 * here, an archive of stored (uncompressed) entries, so they have nothing left to inflate.
 */
import { crc32 } from 'node:zlib';
import yauzl from 'yauzl';
import type { Entry, ZipFile } from 'yauzl';
import { AppError } from '../errors.js';

/** Limits for one kind of archive; `what` names it in messages ("the workbook", "the .docx"). */
export interface ZipCaps {
  what: string;
  /** Entries in the directory (files and folders). */
  maxEntries: number;
  /** Inflated bytes of one entry. */
  maxEntryBytes: number;
  /** Inflated bytes of all entries together. */
  maxTotalBytes: number;
  /** Inflated ÷ packed size of one entry, checked once the entry is past RATIO_FLOOR bytes. */
  maxRatio: number;
}

/** Below this many inflated bytes an entry's ratio is not checked (tiny XML parts pack 50:1). */
export const RATIO_FLOOR = 1024 * 1024;

/** What was inflated: entries by name, in the archive's order, folders left out. */
export interface InflatedZip {
  entries: Map<string, Buffer>;
  /** Every name in the directory, folders and entries `inflateZip` was told to skip included. */
  names: string[];
  /** Inflated bytes of the entries read. */
  totalBytes: number;
}

export interface InflateOptions {
  /** Entries to inflate (default: all); the others are listed in `names` but never read. */
  keep?: (name: string) => boolean;
}

const MB = 1024 * 1024;

/** "1.5 MB", "200 MB": sizes in messages. */
export function formatMegabytes(bytes: number): string {
  const mb = bytes / MB;
  return `${mb >= 10 ? Math.round(mb) : Math.round(mb * 10) / 10} MB`;
}

function damaged(caps: ZipCaps, reason: string): AppError {
  return new AppError('UNPROCESSABLE', `${caps.what}已损坏或不完整（${reason}）：请重新保存后上传`);
}

/** yauzl's errors in the words of a clerk; a size lie is named as such. */
function explain(caps: ZipCaps, error: Error, entry: Entry | undefined): AppError {
  const part = entry ? `（部件${entry.fileName}）` : '';
  if (/too many bytes in the stream/.test(error.message) && entry) {
    return new AppError(
      'UNPROCESSABLE',
      `${caps.what}的部件${entry.fileName}解压后比声明的${entry.uncompressedSize.toLocaleString('en')}字节更大，已拒收（文件损坏或为恶意压缩包）`,
    );
  }
  if (/not enough bytes in the stream/.test(error.message)) {
    return damaged(caps, `部件${entry?.fileName ?? '?'}比目录记载的短`);
  }
  if (/unsupported compression method/.test(error.message)) {
    return new AppError(
      'UNSUPPORTED_FORMAT',
      `${caps.what}使用了无法识别的压缩方式${part}：请用Office或WPS重新保存`,
    );
  }
  if (/end of central directory record signature not found/i.test(error.message)) {
    return damaged(caps, '缺少压缩目录');
  }
  return damaged(caps, `无法解压${part}`);
}

/** Errors name the part in their message; the caller says where the file came from (details). */
function tooLarge(caps: ZipCaps, message: string): AppError {
  return new AppError('TOO_LARGE', `${caps.what}${message}，已拒收`);
}

function open(bytes: Uint8Array, caps: ZipCaps): Promise<ZipFile> {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      buffer,
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true },
      (error, zip) => (error ? reject(explain(caps, error, undefined)) : resolve(zip)),
    );
  });
}

/**
 * The names in a zip's directory, nothing inflated (to tell a .docx from a workbook first).
 * Throws as `inflateZip` does for a damaged zip or one with more than `maxEntries` entries.
 */
export async function listZipNames(bytes: Uint8Array, caps: ZipCaps): Promise<string[]> {
  const zip = await open(bytes, caps);
  try {
    if (zip.entryCount > caps.maxEntries) {
      throw tooLarge(caps, `包含${zip.entryCount.toLocaleString('en')}个文件（上限${caps.maxEntries}个）`);
    }
    const names: string[] = [];
    for (let entry = await nextEntry(zip, caps); entry; entry = await nextEntry(zip, caps)) {
      names.push(entry.fileName);
    }
    return names;
  } finally {
    zip.close();
  }
}

/**
 * Inflates every entry of a zip (or those `keep` accepts) within `caps`, counting the real
 * inflated bytes while streaming. Throws AppError: TOO_LARGE when an entry or the whole inflates
 * beyond its cap, past `maxRatio` times its packed size, or the archive has too many entries;
 * UNPROCESSABLE for a damaged or truncated zip, or an entry inflating beyond its declared
 * size; UNSUPPORTED_FORMAT for an encrypted entry or an unknown compression method.
 */
export async function inflateZip(
  bytes: Uint8Array,
  caps: ZipCaps,
  options: InflateOptions = {},
): Promise<InflatedZip> {
  const zip = await open(bytes, caps);
  if (zip.entryCount > caps.maxEntries) {
    zip.close();
    throw tooLarge(caps, `包含${zip.entryCount.toLocaleString('en')}个文件（上限${caps.maxEntries}个）`);
  }
  const entries = new Map<string, Buffer>();
  const names: string[] = [];
  let totalBytes = 0;
  try {
    for (;;) {
      const entry = await nextEntry(zip, caps);
      if (!entry) break;
      names.push(entry.fileName);
      if (entry.fileName.endsWith('/') || !(options.keep?.(entry.fileName) ?? true)) continue;
      if (entries.has(entry.fileName)) {
        throw damaged(caps, `部件${entry.fileName}出现两次`);
      }
      if (entry.isEncrypted()) {
        throw new AppError('UNSUPPORTED_FORMAT', `${caps.what}设有密码：请取消密码后重新保存再上传`);
      }
      const data = await readEntry(zip, entry, caps, caps.maxTotalBytes - totalBytes);
      totalBytes += data.length;
      entries.set(entry.fileName, data);
    }
  } finally {
    zip.close();
  }
  return { entries, names, totalBytes };
}

function nextEntry(zip: ZipFile, caps: ZipCaps): Promise<Entry | undefined> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: Entry) => (cleanup(), resolve(entry));
    const onEnd = () => (cleanup(), resolve(undefined));
    const onError = (error: Error) => (cleanup(), reject(explain(caps, error, undefined)));
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

/** One entry's bytes, refused as soon as it passes its own cap, the budget left, or the ratio. */
function readEntry(zip: ZipFile, entry: Entry, caps: ZipCaps, budget: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error) return reject(explain(caps, error, entry));
      const chunks: Buffer[] = [];
      let size = 0;
      let done = false;
      const fail = (problem: AppError) => {
        if (done) return;
        done = true;
        stream.destroy();
        reject(problem);
      };
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > caps.maxEntryBytes) {
          fail(tooLarge(caps, `的部件${entry.fileName}解压后超过${formatMegabytes(caps.maxEntryBytes)}`));
        } else if (size > budget) {
          fail(tooLarge(caps, `解压后超过${formatMegabytes(caps.maxTotalBytes)}`));
        } else if (size > RATIO_FLOOR && size > caps.maxRatio * Math.max(entry.compressedSize, 1)) {
          fail(
            tooLarge(caps, `的部件${entry.fileName}解压后超过压缩大小的${caps.maxRatio}倍（疑似恶意压缩包）`),
          );
        } else chunks.push(chunk);
      });
      stream.on('error', (e: Error) => fail(explain(caps, e, entry)));
      stream.on('end', () => {
        if (done) return;
        done = true;
        resolve(Buffer.concat(chunks, size));
      });
    });
  });
}

/**
 * An archive of the given entries, stored without compression (method 0), with their CRCs:
 * what mammoth and exceljs read instead of the upload, so their own zip code inflates nothing.
 * Entries must be under 4 GB and fewer than 65,535 (the caps guarantee it; no Zip64).
 */
export function storeZip(entries: Map<string, Uint8Array>): Buffer {
  const parts: Uint8Array[] = [];
  const directory: Uint8Array[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(0x0800, 6); // names are UTF-8
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    parts.push(local, nameBytes, data);
    directory.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const size = directory.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.size, 8);
  end.writeUInt16LE(entries.size, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...directory, end]);
}
