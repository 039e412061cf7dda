import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import { encode, loadExampleReport } from './test-fixtures.js';
import { decodeText, scorePlausibility } from './text.js';

let report = '';
beforeAll(async () => {
  report = await loadExampleReport();
});

describe('decodeText', () => {
  it('reads UTF-8 without a BOM as utf-8, unchanged', () => {
    const out = decodeText(new TextEncoder().encode(report));
    expect(out).toEqual({ text: report, encoding: 'utf-8', warnings: [] });
  });

  it('strips a UTF-8 BOM and nothing else', () => {
    const out = decodeText(encode(report, 'utf-8', true));
    expect(out.text).toBe(report);
    expect(out.encoding).toBe('utf-8');
  });

  it('reads GBK bytes as gb18030', () => {
    const out = decodeText(encode(report, 'gbk'));
    expect(out.encoding).toBe('gb18030');
    expect(out.text).toBe(report);
  });

  it('reads GB18030 four-byte characters that GBK lacks', () => {
    const text = `${report.slice(0, 200)}𠀀㐀€`;
    expect(decodeText(encode(text, 'gb18030')).text).toBe(text);
  });

  it.each(['utf-16le', 'utf-16be'])('reads %s with a BOM and strips the BOM', (encoding) => {
    const out = decodeText(encode(report, encoding, true));
    expect(out.encoding).toBe(encoding);
    expect(out.text).toBe(report);
  });

  it.each(['utf-16le', 'utf-16be'])('reads %s without a BOM by where its NUL bytes fall', (encoding) => {
    const out = decodeText(encode(report, encoding));
    expect(out.encoding).toBe(encoding);
    expect(out.text).toBe(report);
  });

  it.each(['utf-16le', 'utf-16be'])(
    'reads a short %s heading without a BOM in the right byte order',
    (encoding) => {
      // "一" (U+4E00) is the only NUL-bearing character here, and its NUL is on the "wrong" side.
      const heading = '一、过去五年工作回顾';
      expect(decodeText(encode(heading, encoding))).toEqual({ text: heading, encoding, warnings: [] });
    },
  );

  it.each(['utf-16le', 'utf-16be'])(
    'reads %s without a BOM when 一, 开 and 退 put NULs on both sides',
    (encoding) => {
      // Found by the property test: U+4E00, U+5F00 and U+9000 have a zero low byte.
      const text = '一、开展一批项目，开工退出一般制造业企业2家。\n'.repeat(30);
      expect(decodeText(encode(text, encoding))).toEqual({ text, encoding, warnings: [] });
    },
  );

  it('reads UTF-16LE without a BOM or any NUL byte (Chinese only) by plausibility', () => {
    // Keep only characters with no zero byte in UTF-16 (U+4E00 is 00 4E).
    const chinese = Array.from(report)
      .filter((c) => c.charCodeAt(0) > 0xff && (c.charCodeAt(0) & 0xff) !== 0)
      .join('');
    const bytes = encode(chinese, 'utf-16le');
    expect(bytes.includes(0)).toBe(false);
    const out = decodeText(bytes);
    expect(out.encoding).toBe('utf-16le');
    expect(out.text).toBe(chinese);
  });

  it('keeps CRLF and CR line ends as they are', () => {
    const text = report.replace(/\n/g, '\r\n').slice(0, 2000) + '\r最后一行\r';
    expect(decodeText(encode(text, 'gbk')).text).toBe(text);
    expect(decodeText(encode(text, 'utf-8', true)).text).toBe(text);
  });

  it('rejects random bytes as a binary file', () => {
    const bytes = new Uint8Array(randomBytes(4096));
    expect(() => decodeText(bytes)).toThrowError(/^无法识别的文件/);
    try {
      decodeText(bytes);
    } catch (error) {
      expect(isAppError(error, 'UNSUPPORTED_FORMAT')).toBe(true);
    }
  });

  it('rejects text salted with control characters as binary, even without NULs', () => {
    const salted = Array.from(report.slice(0, 3000), (c, i) => (i % 20 === 0 ? '\x01' : c)).join('');
    expect(() => decodeText(new TextEncoder().encode(salted))).toThrowError(/^无法识别的文件/);
  });

  it('warns about a few undecodable bytes instead of failing', () => {
    const good = encode(report.slice(0, 3000), 'utf-8', true);
    const bytes = new Uint8Array([...good, 0xff, 0xfe, 0xfd]);
    const out = decodeText(bytes);
    expect(out.warnings.map((w) => w.code)).toContain('UNDECODABLE_BYTES');
    expect(out.text.startsWith(report.slice(0, 3000))).toBe(true);
  });
});

describe('scorePlausibility', () => {
  it('scores a correct decoding of Chinese prose above a wrong one', () => {
    const gbk = encode(report, 'gbk');
    const right = scorePlausibility(report);
    const wrong = scorePlausibility(new TextDecoder('utf-16le').decode(gbk));
    expect(right).toBeGreaterThan(0.95);
    expect(wrong).toBeLessThan(right - 0.3);
  });
});
