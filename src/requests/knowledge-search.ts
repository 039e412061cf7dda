/**
 * Searching the knowledge base as the operator types (issue 20): an inverted index of character
 * pairs (bigrams) — Chinese needs no word splitting for this, a half-typed word already matches,
 * and a pair costs one number — with BM25F scoring by field (question and keywords weigh most,
 * then the category's name, then the answer), a lift for the category the operator chose or the
 * suggestions propose, and entries of another street left out. At 50,000 entries a query takes
 * a few milliseconds (bench/desk.ts); the index takes entries in and out without a rebuild.
 *
 * The index is a plain object the caller keeps (the server holds one per deployment); its
 * scratch buffers make a search allocation-free, so one index serves one search at a time.
 */
import type { KnowledgeVersion } from './knowledge.js';

/** The fields of an entry the index keeps: a version in force, with its entry's id. */
export type KnowledgeDoc = Pick<
  KnowledgeVersion,
  | 'question'
  | 'answer'
  | 'category'
  | 'area'
  | 'ownerUnitId'
  | 'keywords'
  | 'validFrom'
  | 'validTo'
  | 'reviewBy'
  | 'version'
> & { entryId: number };

interface Posting {
  /** Slots of the docs holding the pair, ascending (docs are only ever appended). */
  docs: Int32Array;
  /** Each posting's BM25F share, quantised to 0–255 of its maximum (k1 + 1). */
  weights: Uint8Array;
  length: number;
}

export interface KnowledgeIndex {
  docs: (KnowledgeDoc | undefined)[];
  byEntry: Map<number, number>;
  postings: Map<number, Posting>;
  live: number;
  /** Average weighted field lengths when the index was built (kept: BM25 needs a fixed yardstick). */
  avgLength: { question: number; answer: number };
  /**
   * What the filters and lifts read, per slot, as numbers (a search may touch every entry):
   * validity as day numbers, the street's and the category's ids (street 0: the whole
   * jurisdiction; category -1: a removed slot).
   */
  columns: { from: Int32Array; to: Int32Array; area: Int32Array; category: Int32Array };
  areaIds: Map<string, number>;
  categoryIds: Map<string, number>;
  scores: Float32Array;
  hits: Uint16Array;
  touched: Int32Array;
}

const FIELD_WEIGHT = { question: 3, keywords: 3, category: 1.5, answer: 1 } as const;
const K1 = 1.2;
const B = 0.75;
/** The answer is long: its first characters carry what a caller asks about. */
const ANSWER_INDEXED = 400;
/** A query longer than this many pairs keeps its first ones (a long call's opening says the most). */
const MAX_QUERY_PAIRS = 256;

/** Steps of one binary search in a posting list, against one step of walking it. */
const LOOKUP_COST = 17;

const CATEGORY_LIFT = 1.5;
/** A suggestion this sure names the category of the call (categoryMatch). */
const SUGGESTED = 0.2;
const AREA_LIFT = 1.2;
/** The most a doc's score can be lifted: the category's and the street's lifts together. */
const MAX_LIFT = CATEGORY_LIFT * AREA_LIFT;

/** The `limit`-th best lifted score among the candidates that already count (0 when fewer). */
function kthBest(
  index: KnowledgeIndex,
  count: number,
  limit: number,
  need: number,
  boostOf: (at: number) => number,
): number {
  const top: number[] = [];
  for (let t = 0; t < count; t++) {
    const at = index.touched[t] as number;
    if ((index.hits[at] as number) < need) continue;
    const score = (index.scores[at] as number) * boostOf(at);
    if (top.length === limit && score <= (top[limit - 1] as number)) continue;
    let i = top.length;
    while (i > 0 && (top[i - 1] as number) < score) i--;
    top.splice(i, 0, score);
    if (top.length > limit) top.pop();
  }
  return top.length === limit ? (top[limit - 1] as number) : 0;
}

/** Drops the candidates that cannot reach `floor` even with all that is `left`; the new count. */
function dropHopeless(
  index: KnowledgeIndex,
  count: number,
  floor: number,
  left: number,
  boostOf: (at: number) => number,
): number {
  const { touched, scores, hits } = index;
  let kept = 0;
  for (let t = 0; t < count; t++) {
    const at = touched[t] as number;
    if (((scores[at] as number) + left) * boostOf(at) >= floor) touched[kept++] = at;
    else {
      scores[at] = 0;
      hits[at] = 0;
    }
  }
  return kept;
}

/**
 * The lift of each slot for a query, 0 when it is left out (removed, out of force on the day,
 * of another street): numbers only, since a search may ask it of every entry.
 */
function liftsFor(index: KnowledgeIndex, query: KnowledgeQuery): (at: number) => number {
  const { from, to, area, category } = index.columns;
  const day = dayNumber(query.date);
  // A street the index has never seen still leaves out every other street's entries.
  const street = query.area === undefined ? -1 : (index.areaIds.get(query.area) ?? 2 ** 30);
  const lift = new Float64Array(index.categoryIds.size + 1).fill(1);
  for (const [name, id] of index.categoryIds) {
    if (query.category !== undefined) lift[id] = name === query.category ? CATEGORY_LIFT : 1;
    else {
      const share = query.suggestions?.find((s) => s.category === name)?.score ?? 0;
      lift[id] = 1 + (CATEGORY_LIFT - 1) * Math.min(1, Math.max(0, share));
    }
  }
  return (at: number): number => {
    const c = category[at] as number;
    if (c < 0 || (from[at] as number) > day || (to[at] as number) < day) return 0;
    const a = area[at] as number;
    if (street >= 0 && a !== 0 && a !== street) return 0;
    const boost = lift[c] as number;
    return street > 0 && a === street ? boost * AREA_LIFT : boost;
  };
}

/** Position of `doc` in the first `length` slots of an ascending list, or -1. */
function findSorted(list: Int32Array, length: number, doc: number): number {
  let lo = 0;
  let hi = length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const value = list[mid] as number;
    if (value === doc) return mid;
    if (value < doc) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

const WORD_CHAR = /[\p{Script=Han}\p{L}\p{N}]/u;

/** Code of a character as the index sees it: NFKC, lower case; 0 for a separator. */
function charCode(ch: string): number {
  const n = ch.normalize('NFKC').toLowerCase();
  if (n.length !== 1 || !WORD_CHAR.test(n)) return 0;
  return n.charCodeAt(0);
}

const CODE_CACHE = new Map<number, number>();

function codeOf(raw: number, ch: string): number {
  let code = CODE_CACHE.get(raw);
  if (code === undefined) {
    code = charCode(ch);
    CODE_CACHE.set(raw, code);
  }
  return code;
}

/** The character pairs of a text as numbers (first × 65536 + second), in order, repeats kept. */
export function textPairs(text: string, limit = Infinity): number[] {
  const pairs: number[] = [];
  let previous = 0;
  for (let i = 0; i < text.length && pairs.length < limit; i++) {
    const code = codeOf(text.charCodeAt(i), text[i] ?? '');
    if (code !== 0 && previous !== 0) pairs.push(previous * 65536 + code);
    previous = code;
  }
  return pairs;
}

function countPairs(text: string, into: Map<number, number>, weight: number, limit = Infinity): number {
  const pairs = textPairs(text, limit);
  for (const p of pairs) into.set(p, (into.get(p) ?? 0) + weight);
  return pairs.length;
}

/** Each pair of a doc with its BM25F share (0–255). */
function docTerms(doc: KnowledgeDoc, avg: KnowledgeIndex['avgLength']): Map<number, number> {
  const question = new Map<number, number>();
  const qLength = countPairs(doc.question, question, FIELD_WEIGHT.question);
  for (const word of doc.keywords) countPairs(word, question, FIELD_WEIGHT.keywords);
  countPairs(doc.category, question, FIELD_WEIGHT.category);
  const answer = new Map<number, number>();
  const aLength = countPairs(doc.answer, answer, FIELD_WEIGHT.answer, ANSWER_INDEXED);
  const qNorm = 1 - B + (B * qLength) / Math.max(1, avg.question);
  const aNorm = 1 - B + (B * aLength) / Math.max(1, avg.answer);
  const terms = new Map<number, number>();
  for (const [p, tf] of question) terms.set(p, tf / qNorm);
  for (const [p, tf] of answer) terms.set(p, (terms.get(p) ?? 0) + tf / aNorm);
  for (const [p, wtf] of terms) terms.set(p, Math.max(1, Math.round((255 * wtf) / (wtf + K1))));
  return terms;
}

function grow(index: KnowledgeIndex, size: number): void {
  if (index.scores.length >= size) return;
  const capacity = Math.max(size, Math.ceil(index.scores.length * 1.5), 64);
  // Scratch buffers are all zero between searches: new ones need no copy.
  index.scores = new Float32Array(capacity);
  index.hits = new Uint16Array(capacity);
  index.touched = new Int32Array(capacity);
  const copy = (old: Int32Array) => {
    const next = new Int32Array(capacity);
    next.set(old);
    return next;
  };
  const c = index.columns;
  index.columns = { from: copy(c.from), to: copy(c.to), area: copy(c.area), category: copy(c.category) };
}

const DAY_MS = 86_400_000;
/** Days since 1970-01-01 of a YYYY-MM-DD. */
const dayNumber = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
const NO_END = 2 ** 31 - 1;

function idOf(ids: Map<string, number>, name: string): number {
  let id = ids.get(name);
  if (id === undefined) {
    id = ids.size + 1;
    ids.set(name, id);
  }
  return id;
}

function addPosting(index: KnowledgeIndex, pair: number, doc: number, weight: number): void {
  let posting = index.postings.get(pair);
  if (!posting) {
    posting = { docs: new Int32Array(4), weights: new Uint8Array(4), length: 0 };
    index.postings.set(pair, posting);
  }
  if (posting.length === posting.docs.length) {
    const docs = new Int32Array(posting.docs.length * 2);
    docs.set(posting.docs);
    const weights = new Uint8Array(posting.weights.length * 2);
    weights.set(posting.weights);
    posting.docs = docs;
    posting.weights = weights;
  }
  posting.docs[posting.length] = doc;
  posting.weights[posting.length] = weight;
  posting.length++;
}

/**
 * An index of the given docs (one per entry: the version in force). Building 50,000 entries
 * takes about a second; later changes go through upsertKnowledgeDoc / removeKnowledgeDoc.
 * @example
 * const index = buildKnowledgeIndex(entries.flatMap((e) => { const v = findVersionInForce(e, today); return v ? [{ ...v, entryId: e.id }] : []; }));
 */
export function buildKnowledgeIndex(docs: Iterable<KnowledgeDoc>): KnowledgeIndex {
  const list = [...docs];
  let question = 0;
  let answer = 0;
  for (const doc of list) {
    question += textPairs(doc.question).length;
    answer += Math.min(textPairs(doc.answer, ANSWER_INDEXED).length, ANSWER_INDEXED);
  }
  const index: KnowledgeIndex = {
    docs: [],
    byEntry: new Map(),
    postings: new Map(),
    live: 0,
    avgLength: {
      question: list.length ? question / list.length : 20,
      answer: list.length ? answer / list.length : 150,
    },
    columns: {
      from: new Int32Array(0),
      to: new Int32Array(0),
      area: new Int32Array(0),
      category: new Int32Array(0),
    },
    areaIds: new Map(),
    categoryIds: new Map(),
    scores: new Float32Array(0),
    hits: new Uint16Array(0),
    touched: new Int32Array(0),
  };
  for (const doc of list) upsertKnowledgeDoc(index, doc);
  return index;
}

/** Adds a doc, or replaces the entry's doc already in the index. */
export function upsertKnowledgeDoc(index: KnowledgeIndex, doc: KnowledgeDoc): void {
  removeKnowledgeDoc(index, doc.entryId);
  const at = index.docs.length;
  index.docs.push(doc);
  index.byEntry.set(doc.entryId, at);
  index.live++;
  grow(index, index.docs.length);
  const { columns } = index;
  columns.from[at] = dayNumber(doc.validFrom);
  columns.to[at] = doc.validTo === null ? NO_END : dayNumber(doc.validTo);
  columns.area[at] = doc.area === null ? 0 : idOf(index.areaIds, doc.area);
  columns.category[at] = idOf(index.categoryIds, doc.category);
  for (const [pair, weight] of docTerms(doc, index.avgLength)) addPosting(index, pair, at, weight);
}

/**
 * Takes an entry out (retired, lapsed, replaced). Its postings stay as dead slots until the
 * next build: `deadShare(index)` says when a rebuild is worth it.
 */
export function removeKnowledgeDoc(index: KnowledgeIndex, entryId: number): void {
  const at = index.byEntry.get(entryId);
  if (at === undefined) return;
  index.docs[at] = undefined;
  index.columns.category[at] = -1;
  index.byEntry.delete(entryId);
  index.live--;
}

/** Bytes the posting lists take (their typed arrays, capacity included). */
export function postingBytes(index: KnowledgeIndex): number {
  let bytes = 0;
  for (const p of index.postings.values()) bytes += p.docs.byteLength + p.weights.byteLength;
  return bytes;
}

/** Share of the index's slots held by removed docs (rebuild above ~0.3). */
export function deadShare(index: KnowledgeIndex): number {
  return index.docs.length ? 1 - index.live / index.docs.length : 0;
}

export interface KnowledgeQuery {
  /** What the operator has typed: the caller's words so far, or a few search words. */
  text: string;
  /** The day (YYYY-MM-DD) the answer must hold on. */
  date: string;
  /** The place of the call: entries of another street are left out, the same street's lifted. */
  area?: string;
  /** The category the operator chose (lifted most), or the suggestions with their scores. */
  category?: string;
  suggestions?: readonly { category: string; score: number }[];
  /** Hits to return (default 5). */
  limit?: number;
}

export interface KnowledgeHit {
  entryId: number;
  version: number;
  question: string;
  answer: string;
  category: string;
  area: string | null;
  ownerUnitId: number;
  reviewBy: string;
  score: number;
  /** Character pairs of the query found in the entry, of those in the query. */
  matched: number;
  of: number;
  categoryMatch: boolean;
  areaMatch: boolean;
  /** [start, end) spans of the question that match the query, for highlighting. */
  highlights: [number, number][];
}

function highlightsOf(question: string, pairs: Set<number>): [number, number][] {
  const spans: [number, number][] = [];
  for (let i = 0; i + 1 < question.length; i++) {
    const a = codeOf(question.charCodeAt(i), question[i] ?? '');
    const b = codeOf(question.charCodeAt(i + 1), question[i + 1] ?? '');
    if (a === 0 || b === 0 || !pairs.has(a * 65536 + b)) continue;
    const last = spans.at(-1);
    if (last && last[1] >= i) last[1] = i + 2;
    else spans.push([i, i + 2]);
  }
  return spans;
}

/**
 * The best entries for what the operator typed, best first. Entries not in force on the date
 * or of another street are left out; an entry must share at least two character pairs with the
 * query (or its only one). The score is BM25F, times 1.5 for the chosen category (or 1 + half
 * a suggestion's score) and 1.2 for the call's own street.
 * @example
 * searchKnowledge(index, { text: '社保卡丢了怎么补办', date: '2025-03-01', area: '回龙观街道' })[0]?.question // '社保卡丢失如何补办？'
 */
export function searchKnowledge(index: KnowledgeIndex, query: KnowledgeQuery): KnowledgeHit[] {
  const unique = [...new Set(textPairs(query.text, MAX_QUERY_PAIRS * 4))].slice(0, MAX_QUERY_PAIRS);
  if (unique.length === 0 || index.live === 0) return [];
  const { scores, hits, touched, docs } = index;
  const n = index.live;
  const limit = query.limit ?? 5;
  const need = Math.min(2, unique.length);
  const suggested = new Map((query.suggestions ?? []).map((s) => [s.category, s.score]));
  const boostOf = liftsFor(index, query);
  // Rare pairs first: they find the candidates. A pair common to thousands of entries (办理,
  // 时间) then only adds to the candidates found — by a binary search in its sorted posting list
  // per candidate — when that costs less than walking the list, or when what all the pairs left
  // could add is below the best scores so far, so no new entry could reach them (MaxScore).
  const postings = unique
    .map((pair) => index.postings.get(pair))
    .filter((p): p is Posting => p !== undefined)
    .sort((a, b) => a.length - b.length);
  const factors = postings.map(
    (p) => (Math.log(1 + Math.max(0, n - p.length + 0.5) / (p.length + 0.5)) * (K1 + 1)) / 255,
  );
  const left = new Float64Array(postings.length + 1);
  for (let i = postings.length - 1; i >= 0; i--)
    left[i] = (left[i + 1] as number) + (factors[i] as number) * 255;
  let count = 0;
  let closed = false;
  postings.forEach((posting, p) => {
    const factor = factors[p] as number;
    const { docs: ids, weights, length } = posting;
    if (!closed && count >= limit && length > count) {
      const floor = kthBest(index, count, limit, need, boostOf);
      if ((left[p] as number) * MAX_LIFT < floor) {
        closed = true;
        count = dropHopeless(index, count, floor, left[p] as number, boostOf);
      }
    }
    if (closed || (count > 0 && count * LOOKUP_COST < length)) {
      for (let t = 0; t < count; t++) {
        const doc = touched[t] as number;
        const i = findSorted(ids, length, doc);
        if (i < 0) continue;
        hits[doc] = (hits[doc] as number) + 1;
        scores[doc] = (scores[doc] as number) + factor * (weights[i] as number);
      }
      return;
    }
    for (let i = 0; i < length; i++) {
      const doc = ids[i] as number;
      if (hits[doc] === 0) touched[count++] = doc;
      hits[doc] = (hits[doc] as number) + 1;
      scores[doc] = (scores[doc] as number) + factor * (weights[i] as number);
    }
  });
  const best: { doc: number; score: number }[] = [];
  for (let t = 0; t < count; t++) {
    const at = touched[t] as number;
    const matched = hits[at] as number;
    const score = (scores[at] as number) * boostOf(at);
    scores[at] = 0;
    hits[at] = 0;
    if (matched < need || score === 0) continue;
    if (best.length < limit || score > (best.at(-1)?.score ?? 0)) {
      let i = best.length;
      while (i > 0 && (best[i - 1]?.score ?? 0) < score) i--;
      best.splice(i, 0, { doc: at, score });
      if (best.length > limit) best.pop();
    }
  }
  const querySet = new Set(unique);
  return best.map(({ doc: at, score }) => {
    const doc = docs[at] as KnowledgeDoc;
    const own = new Set(docTerms(doc, index.avgLength).keys());
    let matched = 0;
    for (const pair of unique) if (own.has(pair)) matched++;
    return {
      entryId: doc.entryId,
      version: doc.version,
      question: doc.question,
      answer: doc.answer,
      category: doc.category,
      area: doc.area,
      ownerUnitId: doc.ownerUnitId,
      reviewBy: doc.reviewBy,
      score: Math.round(score * 1000) / 1000,
      matched,
      of: unique.length,
      categoryMatch:
        query.category !== undefined
          ? doc.category === query.category
          : (suggested.get(doc.category) ?? 0) >= SUGGESTED,
      areaMatch: query.area !== undefined && doc.area === query.area,
      highlights: highlightsOf(doc.question, querySet),
    };
  });
}
