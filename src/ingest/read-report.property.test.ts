/**
 * Property-based tests of reading (fast-check): whatever the bytes, readReport either gives
 * text or fails with an AppError (so the CLI can print one line), and report-like text survives
 * every supported encoding unchanged.
 */
import fc from 'fast-check';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { readReport } from './read-report.js';
import { decodeText } from './text.js';

/** Resolves to true when reading succeeds or fails with an AppError; rethrows anything else. */
async function readsOrRefuses(bytes: Uint8Array): Promise<boolean> {
  try {
    const out = await readReport(bytes, 'input');
    return typeof out.text === 'string' && out.text.length > 0;
  } catch (error) {
    if (error instanceof AppError) return true;
    throw error;
  }
}

const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
/** Starts that send bytes down each reader: zip, PDF, HTML, BOMs, GBK. */
const PREFIXES = [
  [],
  ascii('PK\x03\x04'),
  ascii('PK\x05\x06'),
  ascii('%PDF-1.7\n'),
  ascii('<!DOCTYPE html><html><body><p>'),
  ascii('<meta charset="gbk"><div>'),
  [0xef, 0xbb, 0xbf],
  [0xff, 0xfe],
  [0xfe, 0xff],
  [0xd2, 0xbb, 0xa1, 0xa2],
];
const taggedBytes = fc
  .tuple(fc.constantFrom(...PREFIXES), fc.uint8Array({ maxLength: 3000 }))
  .map(([prefix, rest]) => new Uint8Array([...prefix, ...rest]));

/** Characters of report text: Han, digits, ASCII and CJK punctuation, spaces and line ends. */
const reportChar = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c)) },
  { weight: 2, arbitrary: fc.constantFrom(...'0123456789.%') },
  { weight: 2, arbitrary: fc.constantFrom(...'，。、；：“”（）——！？,.;:()[]《》　 ') },
  { weight: 1, arbitrary: fc.constantFrom('\n', '\r\n', '\t') },
);
const reportText = fc.array(reportChar, { minLength: 40, maxLength: 600 }).map((cs) => cs.join(''));

describe('readReport (properties)', () => {
  it('gives text or an AppError for any bytes, whatever they start with', async () => {
    await fc.assert(fc.asyncProperty(taggedBytes, readsOrRefuses), { numRuns: 300 });
  });
});

describe('decodeText (properties)', () => {
  it('gives back report-like text unchanged from UTF-8, UTF-16 and GB18030, with or without BOM', () => {
    const encodings = ['utf-8', 'utf-16le', 'utf-16be', 'gb18030'];
    fc.assert(
      fc.property(reportText, fc.constantFrom(...encodings), fc.boolean(), (text, encoding, bom) => {
        const bytes = new Uint8Array(iconv.encode(text, encoding, { addBOM: bom && encoding !== 'gb18030' }));
        expect(decodeText(bytes).text).toBe(text);
      }),
      { numRuns: 500 },
    );
  });
});
