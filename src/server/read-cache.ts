/**
 * Answers held in memory by plan read version (issue 15): the bytes of an answer that depends
 * only on its plan, keyed by the plan's revision, the request and the caller's scope, with the
 * brotli and gzip forms made once each; a bound in bytes over all of them (least recently used
 * first out), and old revisions of a plan dropped as soon as a newer one is seen. Made by
 * `createApp`; nothing here decides whether an answer is fresh: the revision read from the
 * database for each request does (plan-reads.ts).
 */
import { brotliCompress, constants, gzip } from 'node:zlib';
import { promisify } from 'node:util';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** The encodings an answer is kept in besides its own bytes. */
export type Encoding = 'br' | 'gzip';

/** One answer as it was sent: its bytes, their type, the headers that go with them. */
export interface HeldAnswer {
  body: Buffer;
  contentType: string;
  /** Headers of the answer besides its type (a file's name). */
  headers: Record<string, string>;
  etag: string;
  /** The compressed forms made so far. */
  encoded: Partial<Record<Encoding, Buffer>>;
}

interface Entry {
  planId: number;
  revision: number;
  answer: HeldAnswer;
  bytes: number;
}

/** How full the cache is, and how often it answered. */
export interface ReadCacheStats {
  entries: number;
  bytes: number;
  maxBytes: number;
  hits: number;
  misses: number;
}

/** Brotli at quality 5: about as fast as gzip 6 and a tenth smaller, made once per answer. */
const BROTLI_OPTIONS = {
  params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT },
};
/** Answers smaller than this are not worth compressing (one packet either way). */
export const COMPRESS_THRESHOLD = 1024;

/** Overhead counted per entry besides its bytes (key, headers, bookkeeping). */
const ENTRY_OVERHEAD = 512;

export class ReadCache {
  private readonly entries = new Map<string, Entry>();
  /** The revision of each plan whose answers are held. */
  private readonly revisions = new Map<number, number>();
  private bytes = 0;
  private hits = 0;
  private misses = 0;

  /** A cache of at most `maxBytes` of answers (their bytes and compressed forms). */
  constructor(readonly maxBytes: number) {}

  /** The answer held under `key` for the plan at `revision`, or undefined. */
  get(key: string, planId: number, revision: number): HeldAnswer | undefined {
    this.dropOlder(planId, revision);
    const entry = this.entries.get(key);
    if (entry === undefined || entry.revision !== revision) {
      this.misses++;
      return undefined;
    }
    // Least recently used first out: a hit moves to the end.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.hits++;
    return entry.answer;
  }

  /** Holds `answer` under `key` for the plan at `revision` (unless a newer revision is held). */
  set(key: string, planId: number, revision: number, answer: HeldAnswer): void {
    this.dropOlder(planId, revision);
    if ((this.revisions.get(planId) ?? revision) > revision) return;
    const bytes = answer.body.length + ENTRY_OVERHEAD;
    if (bytes > this.maxBytes) return;
    this.remove(key);
    this.entries.set(key, { planId, revision, answer, bytes });
    this.revisions.set(planId, revision);
    this.bytes += bytes;
    this.trim();
  }

  /**
   * The answer in `encoding`, compressed once and then held with it (counted in the bound).
   * Answers below COMPRESS_THRESHOLD bytes stay as they are (undefined).
   */
  async encode(key: string, answer: HeldAnswer, encoding: Encoding): Promise<Buffer | undefined> {
    if (answer.body.length < COMPRESS_THRESHOLD) return undefined;
    const held = answer.encoded[encoding];
    if (held) return held;
    const bytes =
      encoding === 'br' ? await brotli(answer.body, BROTLI_OPTIONS) : await gzipAsync(answer.body);
    if (answer.encoded[encoding] === undefined) {
      answer.encoded[encoding] = bytes;
      const entry = this.entries.get(key);
      if (entry?.answer === answer) {
        entry.bytes += bytes.length;
        this.bytes += bytes.length;
        this.trim();
      }
    }
    return bytes;
  }

  /** Forgets every answer of the plan (it changed in this process; the revision says so too). */
  forgetPlan(planId: number): void {
    this.revisions.delete(planId);
    for (const [key, entry] of this.entries) if (entry.planId === planId) this.remove(key);
  }

  /** Forgets everything (every plan changed). */
  clear(): void {
    this.entries.clear();
    this.revisions.clear();
    this.bytes = 0;
  }

  stats(): ReadCacheStats {
    return {
      entries: this.entries.size,
      bytes: this.bytes,
      maxBytes: this.maxBytes,
      hits: this.hits,
      misses: this.misses,
    };
  }

  /** Answers of older revisions of the plan can never be served again: out. */
  private dropOlder(planId: number, revision: number): void {
    const held = this.revisions.get(planId);
    if (held !== undefined && held < revision) this.forgetPlan(planId);
  }

  private remove(key: string): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }

  private trim(): void {
    for (const key of this.entries.keys()) {
      if (this.bytes <= this.maxBytes) return;
      this.remove(key);
    }
  }
}
