import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { buildZip, deflatedZeros, honestEntry, measurePeakRss } from './test-zips.js';
import type { ZipCaps } from './zip.js';
import { inflateZip, listZipNames, storeZip } from './zip.js';

const MB = 1024 * 1024;
const caps: ZipCaps = {
  what: '工作簿',
  maxEntries: 100,
  maxEntryBytes: 4 * MB,
  maxTotalBytes: 8 * MB,
  maxRatio: 100,
};
/** 2 GiB of zeros packed into about 2 MB: the bomb. */
const twoGigabytes = deflatedZeros(2 * 1024 * MB);

async function refusal(bytes: Uint8Array, limits = caps): Promise<{ error: AppError; peakRise: number }> {
  const { error, peakRise } = await measurePeakRss(() => inflateZip(bytes, limits));
  expect(error).toBeInstanceOf(AppError);
  return { error: error as AppError, peakRise };
}

describe('inflateZip', () => {
  it('inflates every entry, in order, with the real sizes', async () => {
    const zip = buildZip([
      honestEntry('[Content_Types].xml', '<Types/>'),
      honestEntry('xl/sharedStrings.xml', '<sst>推动2022年供应产业用地2500亩以上</sst>'),
      honestEntry('xl/media/image1.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47]), 0),
    ]);
    const { entries, names, totalBytes } = await inflateZip(zip, caps);
    expect(names).toEqual(['[Content_Types].xml', 'xl/sharedStrings.xml', 'xl/media/image1.png']);
    expect(entries.get('xl/sharedStrings.xml')!.toString('utf8')).toBe(
      '<sst>推动2022年供应产业用地2500亩以上</sst>',
    );
    expect(totalBytes).toBe([...entries.values()].reduce((sum, b) => sum + b.length, 0));
  });

  it('skips the entries `keep` refuses without inflating them, but lists them', async () => {
    const zip = buildZip([
      honestEntry('word/document.xml', '<w:document/>'),
      { name: 'word/media/bomb.png', body: twoGigabytes, declaredSize: 2 ** 31 },
    ]);
    const { entries, names } = await inflateZip(zip, caps, { keep: (n) => n.endsWith('.xml') });
    expect([...entries.keys()]).toEqual(['word/document.xml']);
    expect(names).toEqual(['word/document.xml', 'word/media/bomb.png']);
  });

  it('refuses an entry that declares 1,633 bytes and inflates to 2 GB, without inflating it', async () => {
    const zip = buildZip([
      honestEntry('[Content_Types].xml', '<Types/>'),
      { name: 'xl/worksheets/sheet1.xml', body: twoGigabytes, declaredSize: 1633 },
    ]);
    expect(zip.length).toBeLessThan(3 * MB);
    const { error, peakRise } = await refusal(zip);
    expect(error.code).toBe('UNPROCESSABLE');
    expect(error.message).toBe(
      '工作簿的部件xl/worksheets/sheet1.xml解压后比声明的1,633字节更大，已拒收（文件损坏或为恶意压缩包）',
    );
    expect(peakRise).toBeLessThan(100 * MB);
  });

  it('refuses an entry past its cap while streaming, whatever its directory says', async () => {
    const zip = buildZip([{ name: 'xl/worksheets/sheet1.xml', body: twoGigabytes, declaredSize: 2 ** 31 }]);
    const { error, peakRise } = await refusal(zip, { ...caps, maxRatio: 10_000 });
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toBe('工作簿的部件xl/worksheets/sheet1.xml解压后超过4 MB，已拒收');
    expect(peakRise).toBeLessThan(100 * MB);
  });

  it('refuses an entry past the ratio once it holds more than a megabyte', async () => {
    const zip = buildZip([
      { name: 'xl/worksheets/sheet1.xml', body: deflatedZeros(3 * MB), declaredSize: 3 * MB },
    ]);
    const { error } = await refusal(zip);
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toBe(
      '工作簿的部件xl/worksheets/sheet1.xml解压后超过压缩大小的100倍（疑似恶意压缩包），已拒收',
    );
  });

  it('refuses entries that are each under their cap but together past the total', async () => {
    const part = (i: number) => ({
      name: `xl/worksheets/sheet${i}.xml`,
      body: deflatedZeros(3 * MB),
      declaredSize: 3 * MB,
    });
    const zip = buildZip([part(1), part(2), part(3)]);
    const { error } = await refusal(zip, { ...caps, maxRatio: 10_000 });
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toBe('工作簿解压后超过8 MB，已拒收');
  });

  it('refuses overlapping entries (one packed body listed many times) by their real total', async () => {
    const body = { name: 'a.xml', body: deflatedZeros(2 * MB), declaredSize: 2 * MB };
    const copies = Array.from({ length: 50 }, (_, i) => ({
      ...body,
      name: `copy${i}.xml`,
      sameBodyAs: 'a.xml',
    }));
    const zip = buildZip([body, ...copies]);
    expect(zip.length).toBeLessThan(MB);
    const { error } = await refusal(zip, { ...caps, maxRatio: 10_000 });
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toBe('工作簿解压后超过8 MB，已拒收');
  });

  it('refuses an archive of too many entries before reading any', async () => {
    const entry = honestEntry('x', '', 0);
    const zip = buildZip(Array.from({ length: 20_000 }, (_, i) => ({ ...entry, name: `xl/e${i}.xml` })));
    const { error } = await refusal(zip);
    expect(error.code).toBe('TOO_LARGE');
    expect(error.message).toBe('工作簿包含20,000个文件（上限100个），已拒收');
    await expect(listZipNames(zip, caps)).rejects.toThrowError(/包含20,000个文件/);
  });

  it('does not open a zip inside a zip: a nested bomb is only its packed bytes', async () => {
    const inner = buildZip([{ name: 'bomb.xml', body: twoGigabytes, declaredSize: 2 ** 31 }]);
    const zip = buildZip([
      honestEntry('[Content_Types].xml', '<Types/>'),
      honestEntry('xl/embeddings/inner.zip', inner, 0),
    ]);
    const { result, peakRise } = await measurePeakRss(() => inflateZip(zip, caps));
    expect(result!.entries.get('xl/embeddings/inner.zip')!.equals(inner)).toBe(true);
    expect(peakRise).toBeLessThan(100 * MB);
  });

  it('names a damaged, cut or encrypted zip and an unknown compression', async () => {
    const good = buildZip([honestEntry('a.xml', '<a/>'.repeat(1000))]);
    let { error } = await refusal(good.subarray(0, good.length - 30));
    expect(error.code).toBe('UNPROCESSABLE');
    expect(error.message).toMatch(/^工作簿已损坏或不完整/);
    ({ error } = await refusal(new Uint8Array(Buffer.from('PK\u0003\u0004 not really a zip'))));
    expect(error.message).toBe('工作簿已损坏或不完整（缺少压缩目录）：请重新保存后上传');
    const bzip2 = Buffer.from(good);
    bzip2.writeUInt16LE(12, 8); // local header method
    bzip2.writeUInt16LE(12, bzip2.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 10);
    ({ error } = await refusal(bzip2));
    expect(error.code).toBe('UNSUPPORTED_FORMAT');
    const locked = Buffer.from(good);
    locked.writeUInt16LE(0x0801, locked.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])) + 8);
    ({ error } = await refusal(locked));
    expect(error.message).toBe('工作簿设有密码：请取消密码后重新保存再上传');
  });
});

describe('storeZip', () => {
  it('writes stored entries that read back the same, with their CRCs', async () => {
    const entries = new Map([
      ['word/document.xml', Buffer.from('<w:t>一、回顾</w:t>', 'utf8')],
      ['word/_rels/document.xml.rels', Buffer.from('<Relationships/>')],
    ]);
    const zip = storeZip(entries);
    const back = await inflateZip(zip, caps);
    expect(back.entries).toEqual(entries);
    expect(zip.length).toBeGreaterThan(back.totalBytes);
  });
});
