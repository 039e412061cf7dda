/**
 * Test helpers: zip archives built at test time, honest or hostile — entries that lie about
 * their size, inflate a thousand times their packed size, come by the hundred thousand, share
 * one packed body (overlapping entries), or hold another bomb inside. Used by the ingest and
 * documents tests and by bench/zip-bomb.ts; nothing here is shipped to a reader.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

/** One entry: its packed body (stored or raw deflate) and what the directory claims. */
export interface TestZipEntry {
  name: string;
  /** The packed body; with `method` 0 it is the content itself. */
  body: Uint8Array;
  /** 0 stored, 8 deflated (default 8). */
  method?: 0 | 8;
  /** The size the directory and local header declare (default: the real inflated size). */
  declaredSize: number;
  /** CRC-32 of the content (default 0: unknown for a bomb; readers here do not check it). */
  crc?: number;
  /** Point this entry's directory record at another entry's local header and body (overlap). */
  sameBodyAs?: string;
}

/** An entry whose content is `data`, deflated (or stored), with honest sizes and CRC. */
export function honestEntry(name: string, data: Uint8Array | string, method: 0 | 8 = 8): TestZipEntry {
  const content = typeof data === 'string' ? Buffer.from(data, 'utf8') : Buffer.from(data);
  return {
    name,
    body: method === 8 ? deflateRawSync(content) : content,
    method,
    declaredSize: content.length,
    crc: crc32(content),
  };
}

/**
 * Raw deflate of `bytes` zero bytes (rounded up to whole MiB), built without ever holding them:
 * one MiB of zeros deflated with a full flush (about 1 KB, independent of what precedes it),
 * repeated, then a final empty block. 2 GiB of zeros packs into about 2 MB.
 */
export function deflatedZeros(bytes: number): Buffer {
  const block = deflateRawSync(Buffer.alloc(1024 * 1024), {
    level: 9,
    finishFlush: constants.Z_FULL_FLUSH,
  });
  const count = Math.ceil(bytes / (1024 * 1024));
  // BFINAL=1, fixed Huffman, end-of-block: the two bytes 03 00.
  return Buffer.concat([...Array.from({ length: count }, () => block), Buffer.from([0x03, 0x00])]);
}

/** A zip archive of the entries, exactly as described (sizes may lie, bodies may overlap). */
export function buildZip(entries: TestZipEntry[]): Buffer {
  const parts: Buffer[] = [];
  const directory: Buffer[] = [];
  const offsets = new Map<string, { offset: number; entry: TestZipEntry }>();
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const shared = entry.sameBodyAs === undefined ? undefined : offsets.get(entry.sameBodyAs);
    const source = shared?.entry ?? entry;
    const localOffset = shared?.offset ?? offset;
    const method = source.method ?? 8;
    if (!shared) {
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(0x0800, 6);
      local.writeUInt16LE(method, 8);
      local.writeUInt32LE(entry.crc ?? 0, 14);
      local.writeUInt32LE(entry.body.length, 18);
      local.writeUInt32LE(entry.declaredSize, 22);
      local.writeUInt16LE(name.length, 26);
      parts.push(local, name, Buffer.from(entry.body));
      offsets.set(entry.name, { offset, entry });
      offset += 30 + name.length + entry.body.length;
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(source.crc ?? 0, 16);
    central.writeUInt32LE(source.body.length, 20);
    central.writeUInt32LE(source.declaredSize, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(localOffset, 42);
    directory.push(central, name);
  }
  const size = directory.reduce((sum, b) => sum + b.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...directory, end]);
}

/**
 * The entries of a real archive (`entries` from inflateZip) with `name` replaced by `bomb`:
 * how a real .xlsx or .docx becomes a bomb that every other part of the format still opens.
 */
export function withBomb(entries: Map<string, Uint8Array>, bomb: TestZipEntry): Buffer {
  const list = [...entries].map(([name, data]) => (name === bomb.name ? bomb : honestEntry(name, data)));
  if (!entries.has(bomb.name)) list.push(bomb);
  return buildZip(list);
}

/** Samples the process's resident memory every few ms while `fn` runs: the peak rise, in bytes. */
export async function measurePeakRss<T>(
  fn: () => Promise<T>,
): Promise<{ result: T | undefined; error: unknown; peakRise: number }> {
  const start = process.memoryUsage.rss();
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage.rss());
  }, 2);
  try {
    const result = await fn();
    return { result, error: undefined, peakRise: Math.max(peak, process.memoryUsage.rss()) - start };
  } catch (error) {
    return { result: undefined, error, peakRise: Math.max(peak, process.memoryUsage.rss()) - start };
  } finally {
    clearInterval(timer);
  }
}

/**
 * An honest worksheet part of about `bytes` bytes: varied rows of inline Chinese text, the
 * kind a big real ledger has (packs about 30:1, far from a bomb's 1,000:1).
 */
export function honestSheetXml(bytes: number): Buffer {
  const head =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
  const tail = '</sheetData></worksheet>';
  const rows: string[] = [];
  let size = head.length + tail.length;
  for (let r = 1; size < bytes; r++) {
    const row =
      `<row r="${r}"><c r="A${r}"><v>${r}</v></c><c r="B${r}" t="inlineStr"><is><t>` +
      `推动第${r}项重点任务落地，完成投资${(r * 7919) % 10007}万元</t></is></c>` +
      `<c r="C${r}"><v>${(r * 104729) % 101}</v></c></row>`;
    rows.push(row);
    size += Buffer.byteLength(row);
  }
  return Buffer.from(head + rows.join('') + tail, 'utf8');
}
