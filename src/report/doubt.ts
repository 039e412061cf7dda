import { CLAUSE_END, scanBack } from './metric.js';
import type { DoubtCode, Doubted, Heading, Item, Span, Warning, Zone } from './types.js';

/**
 * Doubt (issue 13): every item, project and heading carries a confidence (0–1) and the reasons for
 * doubt, so that a reviewer can read the least sure first. Each reason has a weight, the share of
 * such readings found wrong on the reports read so far; confidence is the product of (1 − weight).
 * The weights rank, they do not promise: `npm run eval` checks on every gold file that the least
 * confident tenth of the items holds at least half of the item errors.
 */

export const ITEM_DOUBTS = {
  /** No period could be given: the report year is unknown. */
  NO_PERIOD: 0.6,
  /** Inside a part a structure warning points at (a chapter may have been missed). */
  STRUCTURE: 0.5,
  /** Before the first chapter, where a report has no numbers of its own. */
  BEFORE_CHAPTERS: 0.4,
  /** In a five-year review with no word saying whether it is a flow over the span or a stock. */
  FLOW_OR_STOCK: 0.35,
  /** Read among the plans as a fact of the past (a level now, a start level, the size of a group). */
  PAST_AMONG_PLANS: 0.3,
  /** The report year was inferred from the years the text names, not read from title or date. */
  YEAR_INFERRED: 0.25,
  /** Written in Chinese numerals, which are often labels ("三条主线"). */
  WORD_NUMERAL: 0.2,
  /** No unit: a ratio, or a label read as one. */
  BARE_RATIO: 0.2,
  /** A bare size (千亿级, 上万名, 以千万计). */
  SIZE_WORD: 0.2,
  /** Nothing names what it measures. */
  NO_METRIC: 0.15,
} as const;

export const PROJECT_DOUBTS = {
  /** A single name, not closed by 等 or a count. */
  NOT_LISTED: 0.2,
  /** The name has no word for a built place. */
  NO_FACILITY_WORD: 0.25,
  /** The only step is a verb before the name ("建设X"). */
  STEP_BEFORE_ONLY: 0.25,
  /** The name was completed with an ending shared in its list. */
  SHARED_ENDING: 0.15,
  /** A long name may hold words that are not part of it. */
  LONG_NAME: 0.2,
} as const;

export const HEADING_DOUBTS = {
  /** A chapter title standing alone without numeral. */
  NO_NUMERAL: 0.25,
  /** A title run into its line or paragraph ("…。二要…。"). */
  RUN_IN: 0.3,
  /** A lead phrase: a short sentence read as the heading of its paragraph. */
  LEAD_PHRASE: 0.1,
} as const;

/**
 * Gives a thing its confidence from the weights of its doubts, most weighty first.
 * @example rate({}, ['NO_METRIC'], ITEM_DOUBTS) // { confidence: 0.85, doubts: ['NO_METRIC'] }
 */
export function rate<T extends Doubted>(thing: T, codes: DoubtCode[], weights: Record<string, number>): T {
  const doubts = [...new Set(codes)].sort((a, b) => (weights[b] ?? 0) - (weights[a] ?? 0));
  const confidence = doubts.reduce((c, code) => c * (1 - (weights[code] ?? 0)), 1);
  thing.confidence = Math.round(confidence * 1000) / 1000;
  thing.doubts = doubts;
  return thing;
}

// Words of doing: with one of them around it, a number in a five-year review is plainly a flow or
// a threshold crossed over the span (GUIDE.md §1).
const DOING =
  /建|改|开|修|铺|完成|实现|新增|引进|培育|组建|推动|推进|实施|开展|举办|淘汰|解决|保护|治理|退出|腾退|整改|精简|取消|兑现|办结|办理|筹集|获|通过|纳入|引入|织补|成为|上升|下降|增长|提高|提升|减少|扩大|累计|年均|突破|跨|迈|超|投用|投产|签约|落地|安置|帮扶|培训|吸引|设立|成立|发放|投入|争取|创|打造|形成|消除|脱|转移|搬迁|招|新|减|增|降|收|支|出|入|办|种|植|造|育|救|治|审|批/;
// A level stated with a verb of reaching: a stock as it stands, unless the gold reads the span.
const LEVEL_BEFORE = /(?:达到|达|保持在|稳定在|提高到|提升到|增至|降至|为|占[^，,。；]{0,6}的?)$/;

export interface ItemContext {
  text: string;
  zones: Zone[];
  /** The report year was inferred from the years the text names. */
  yearInferred: boolean;
  /** Spans that structure warnings point at. */
  suspect: Span[];
  /** Start of the first chapter's line, or the text's length without chapters. */
  firstChapter: number;
}

/** Rates every item (see ITEM_DOUBTS). Linear: each item looks a bounded way back. */
export function rateItems(items: Item[], ctx: ItemContext): Item[] {
  const zones = [...ctx.zones].sort((a, b) => a.span[0] - b.span[0]);
  let z = 0;
  for (const item of items) {
    while (z < zones.length - 1 && (zones[z]?.span[1] ?? 0) <= item.span[0]) z++;
    const zone = zones[z];
    const codes: DoubtCode[] = [];
    if (item.period === '') codes.push('NO_PERIOD');
    else if (ctx.yearInferred) codes.push('YEAR_INFERRED');
    if (ctx.suspect.some(([a, b]) => a <= item.span[0] && item.span[0] < b)) codes.push('STRUCTURE');
    if (item.span[0] < ctx.firstChapter || zone?.role === 'preamble') codes.push('BEFORE_CHAPTERS');
    if (zone?.tense === 'past' && /^\d{4}-\d{4}$/.test(zone.period) && item.period === zone.period) {
      // "商品交易市场98个", "…达到96%": nothing says whether it is a flow over the span or a stock
      const from = scanBack(ctx.text, item.span[0], CLAUSE_END);
      let to = item.span[1];
      while (to < Math.min(ctx.text.length, item.span[1] + 24) && !CLAUSE_END.test(ctx.text[to] ?? '')) to++;
      const before = ctx.text.slice(from, item.span[0]);
      const words = before + item.quote + ctx.text.slice(item.span[1], to);
      if (!DOING.test(words) || LEVEL_BEFORE.test(before)) codes.push('FLOW_OR_STOCK');
    }
    if (zone?.tense === 'future' && item.kind === 'achievement') codes.push('PAST_AMONG_PLANS');
    const quote = item.quote;
    if (
      /^[零〇一二两三四五六七八九十百千万亿]/.test(
        quote.replace(/^(?:超过|突破|接近|将近|近|约|超|逾|不低于|不少于)/, ''),
      )
    )
      codes.push('WORD_NUMERAL');
    if (item.unit === '') codes.push('BARE_RATIO');
    if (/级|^上|^以|计$/.test(quote)) codes.push('SIZE_WORD');
    if (item.metric.length < 2) codes.push('NO_METRIC');
    rate(item, codes, ITEM_DOUBTS);
  }
  return items;
}

/** Rates every heading by how it was read: the scan notes NO_NUMERAL and RUN_IN in `doubts`. */
export function rateHeadings(headings: Heading[]): Heading[] {
  for (const h of headings)
    rate(h, [...(h.doubts ?? []), ...(h.level === 3 ? ['LEAD_PHRASE'] : [])], HEADING_DOUBTS);
  return headings;
}

/** The spans structure warnings point at, for the STRUCTURE doubt. */
export function suspectSpans(warnings: Warning[]): Span[] {
  const codes = new Set(['NUMBERS_BEFORE_FIRST_CHAPTER', 'ZONE_TOO_LONG']);
  return warnings.flatMap((w) => (w.span && codes.has(w.code) ? [w.span] : []));
}
