/**
 * Converted PDFs held in memory (issue 19): LibreOffice takes seconds for each office document
 * (the year-end review, a stocktake pack, a 督办单, a 通报), so each distinct document is
 * converted once and its PDF kept, within a bound in bytes (least recently used first out).
 *
 * A PDF is held under the document itself: a SHA-256 of every part of the .docx but
 * `docProps/core.xml`, which only carries the time the bytes were packed. What the .docx says
 * follows the plan's revision, the source's version (a notice, an issued 通报) and the caller's
 * scope (the public's review has no 责任领导), so a write that changes the document makes the
 * next read convert again, a write that does not change it keeps the PDF, and a caller can never
 * be given the PDF of a document other than the one built for them (docs/DECISIONS.md 55).
 * Concurrent requests for the same document wait for one conversion; a failed one is not held.
 */
import { createHash } from 'node:crypto';
import { inflateZip } from '../ingest/zip.js';
import type { PdfConverter } from './pdf.js';

/** PDFs held by default (createApp `pdfCacheBytes`). */
export const DEFAULT_PDF_CACHE_BYTES = 64 * 1024 * 1024;

/** The part of a .docx that changes each time it is packed (dcterms:created, modified). */
const PACKING_PART = 'docProps/core.xml';

/** Our own documents, inflated to be fingerprinted: generous, only against a runaway build. */
const DOCX_CAPS = {
  what: 'Word文件',
  maxEntries: 10_000,
  maxEntryBytes: 512 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxRatio: 10_000,
};

/** How full the cache is and how often it answered. */
export interface PdfCacheStats {
  entries: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  conversions: number;
}

export interface CachingPdfConverter extends PdfConverter {
  stats(): PdfCacheStats;
}

/** The document's fingerprint: its parts by name and content, the packing time left out. */
export async function docxFingerprint(docx: Uint8Array): Promise<string> {
  const { entries } = await inflateZip(docx, DOCX_CAPS);
  const hash = createHash('sha256');
  for (const name of [...entries.keys()].sort()) {
    if (name === PACKING_PART) continue;
    const data = entries.get(name)!;
    hash.update(`${name}\0${data.length}\0`).update(data);
  }
  return hash.digest('base64url');
}

/** `converter`, with at most `maxBytes` of its PDFs held (0: none held, each call converts). */
export function cachePdfs(converter: PdfConverter, maxBytes: number): CachingPdfConverter {
  const held = new Map<string, Buffer>();
  const pending = new Map<string, Promise<Buffer>>();
  let bytes = 0;
  let hits = 0;
  let conversions = 0;

  const hold = (key: string, pdf: Buffer) => {
    if (pdf.length > maxBytes) return;
    const old = held.get(key);
    if (old) bytes -= old.length;
    held.delete(key);
    held.set(key, pdf);
    bytes += pdf.length;
    for (const [oldest, value] of held) {
      if (bytes <= maxBytes) break;
      held.delete(oldest);
      bytes -= value.length;
    }
  };

  return {
    async docxToPdf(docx) {
      if (maxBytes <= 0) {
        conversions++;
        return converter.docxToPdf(docx);
      }
      const key = await docxFingerprint(docx);
      const pdf = held.get(key);
      if (pdf !== undefined) {
        // Least recently used first out: a hit moves to the end.
        held.delete(key);
        held.set(key, pdf);
        hits++;
        return pdf;
      }
      const running = pending.get(key);
      if (running !== undefined) {
        hits++;
        return running;
      }
      conversions++;
      const conversion = converter.docxToPdf(docx).then((made) => {
        hold(key, made);
        return made;
      });
      pending.set(key, conversion);
      try {
        return await conversion;
      } finally {
        pending.delete(key);
      }
    },
    stats: () => ({ entries: held.size, bytes, maxBytes, hits, conversions }),
  };
}
