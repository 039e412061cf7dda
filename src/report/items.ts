import { CLAUSE_END, CLAUSE_END_ANY, SENTENCE_END_ANY, isEmptyPre, nameMetric, scanBack } from './metric.js';
import type { SentenceContext } from './metric.js';
import { scanQuantities } from './numbers.js';
import type { Quantity } from './numbers.js';
import { placeInTime } from './periods.js';
import type { Item, ReportMeta, Zone } from './types.js';

const FALLING = /下降|减少|降低|降至|压减|净减|压降|缩小|缩短|精简|减排/;
const RISING = /增长|提高|提升|增加|增至|上升|扩大|新增|净增|突破|超过|上涨|翻番/;

/**
 * Every quantitative target and achievement (GUIDE.md §1): one number, one item, each with its
 * kind and period from the zone it stands in, refined by the words around it, and a metric
 * named from the text before it. Items in appendix zones (glossary, notes) are left out.
 * Linear in the text: one scan for numerals, a bounded look around each.
 * @example extractItems('…地区生产总值增长6.5%左右…', zones, meta)[0] // {value: 6.5, unit: '%', comparator: '~', metric: '地区生产总值增长', …}
 */
export function extractItems(text: string, zones: Zone[], meta: ReportMeta): Item[] {
  if (!text) return [];
  const quantities = dropRepeatedLabels(text, scanQuantities(text));
  const sorted = [...zones].sort((a, b) => a.span[0] - b.span[0]);
  const reportYear = meta.year ?? guessYear(sorted);
  const items: Item[] = [];
  let zi = 0;
  let ctx: SentenceContext | undefined;
  for (let qi = 0; qi < quantities.length; qi++) {
    const q = quantities[qi] as Quantity;
    while (zi < sorted.length - 1 && (sorted[zi]?.span[1] ?? 0) <= q.span[0]) zi++;
    const zone = sorted[zi];
    const inZone = zone && zone.span[0] <= q.span[0] && q.span[0] < zone.span[1] ? zone : undefined;
    if (inZone?.role === 'appendix') continue;

    // Same sentence / clause as the previous number when no boundary lies between them; the gaps
    // add up to the text's length, so this stays linear.
    const gap = ctx ? text.slice(ctx.prev?.end ?? q.span[0], q.span[0]) : '';
    if (!ctx || !ctx.prev || SENTENCE_END_ANY.test(gap) || ctx.prev.end > q.span[0]) {
      ctx = { fenbie: undefined, prev: undefined };
    }
    // "14:68:18": the parts of a ratio chain stand together though a colon ends clauses
    const ratioPart = /^[：:∶︰]$/.test(gap) && q.unit === '' && ctx.prev?.unit === '';
    const prev = ctx.prev && (ratioPart || !CLAUSE_END_ANY.test(gap)) ? ctx.prev : undefined;
    const clauseStart = prev
      ? scanBack(text, Math.min(prev.end, q.span[0]), CLAUSE_END)
      : scanBack(text, q.span[0], CLAUSE_END);
    // "一、新增城镇就业岗位1.2万个": the number of a listed paragraph names nothing
    const listMark = prev ? 0 : enumeratorAt(text, clauseStart);
    const rawPre = text.slice(prev ? prev.end : clauseStart + listMark, q.span[0]);
    const clause = text.slice(clauseStart + listMark, q.span[0]);

    const named = nameMetric(
      text,
      q,
      rawPre,
      ctx,
      prev,
      quantities[qi + 1]?.span[0] ?? text.length,
      rawPre.includes('分别') ? countListed(text, quantities, qi) : 1,
    );
    // "分别达38.7万亿元、29.9万亿元", "接连突破8万亿元、9万亿元": a verb or a qualifier written
    // before the first number of a list holds for the bare numbers after it
    const listed =
      q.comparatorFrom === 'none' && prev && isEmptyPre(rawPre) && prev.spreads
        ? prev.comparator
        : q.comparator;
    // "约占全国1/10", "约为…": 约 before the verb still makes the number approximate (GUIDE.md §1)
    const approx = listed === '=' && /约(?:占|为|有|合|相当于)[^，,；;。]{0,8}$/.test(rawPre);
    const comparator = approx ? '~' : listed;
    const comparatorFrom = comparator !== q.comparator ? 'verb' : q.comparatorFrom;

    // "分别提高到48.3%和67.2%", "从771家、481家": a listed number shares the first one's time
    // "分别提高到48.3%和67.2%", "从771家、481家": a listed number shares the first one's time;
    // "…增加到13.4亿元，是“十五”末的4.6倍": a comparison shares the time of what it compares
    const sentencePrev = ctx.prev;
    const compares =
      sentencePrev &&
      /^倍/.test(q.unit) &&
      /(?:是|为|相当于)[^，,。；;]{0,12}的$/.test(rawPre.replace(/\s+/g, ''));
    const { kind, period } =
      prev && isEmptyPre(rawPre) && inZone?.tense === 'past'
        ? { kind: prev.kind, period: prev.period }
        : compares && inZone?.tense === 'past'
          ? { kind: sentencePrev.kind, period: sentencePrev.period }
          : placeInTime(text, q, inZone, reportYear, clause, rawPre);
    const item: Item = {
      span: q.span,
      quote: text.slice(q.span[0], q.span[1]),
      value: q.value,
      unit: q.unit,
      comparator,
      kind,
      period,
      metric: named,
    };
    const direction = directionOf(clause + named, comparator);
    if (direction) item.direction = direction;
    // "分别增长10.6%和12.3%左右": a qualifier closing a list holds for the numbers before it
    if (
      comparatorFrom === 'qualifier' &&
      prev &&
      isEmptyPre(rawPre) &&
      /(?:左右|以上|以内|以下|之内)$/.test(item.quote)
    ) {
      for (let k = items.length - 1; k >= 0 && k >= items.length - 8; k--) {
        const before = items[k] as Item;
        const next = k + 1 < items.length ? (items[k + 1] as Item).span[0] : q.span[0];
        if (before.comparator !== '=' || !isEmptyPre(text.slice(before.span[1], next))) break;
        before.comparator = comparator;
      }
    }
    // "锻造更多千亿元级、万亿元级新兴产业集群": the noun after the last size class names them all
    const last = items[items.length - 1];
    if (prev && last && isEmptyPre(rawPre) && q.comparatorFrom === 'size' && prev.comparatorFrom === 'size')
      last.metric = named;
    // "分别达1409万、1305万人次": a bare multiplier before a listed number takes its whole unit
    const multiplier = /^(?:万亿|亿|万|千|百)/.exec(q.unit)?.[0];
    if (prev && isEmptyPre(rawPre) && multiplier && q.unit.length > multiplier.length) {
      for (let k = items.length - 1; k >= 0 && k >= items.length - 8; k--) {
        const before = items[k] as Item;
        const next = k + 1 < items.length ? (items[k + 1] as Item).span[0] : q.span[0];
        if (before.unit !== multiplier || !isEmptyPre(text.slice(before.span[1], next))) break;
        before.unit = q.unit;
      }
    }
    items.push(item);
    const spreads =
      comparatorFrom === 'verb' || (comparatorFrom === 'qualifier' && q.span[0] < q.numberSpan[0]);
    ctx.prev = {
      end: q.span[1],
      metric: named,
      comparator,
      comparatorFrom,
      spreads,
      unit: q.unit,
      kind,
      period,
    };
  }
  return items;
}

/**
 * A Chinese-numeral count written twice with the same words after it ("五个新城", "两个维护")
 * is a named concept of the report, not a measurement (GUIDE.md §1 "Not counted"); counted in
 * one pass over the quantities, so linear.
 */
function dropRepeatedLabels(text: string, quantities: Quantity[]): Quantity[] {
  const key = (q: Quantity): string => text.slice(q.numberSpan[0], q.span[1] + 2);
  const seen = new Map<string, number>();
  for (const q of quantities)
    if (q.chinese && q.comparatorFrom === 'none') seen.set(key(q), (seen.get(key(q)) ?? 0) + 1);
  return quantities.filter((q) => !(q.chinese && q.comparatorFrom === 'none' && (seen.get(key(q)) ?? 0) > 1));
}

/** How many numbers a 分别 list holds: this one and those joined to it by 、/和 only. */
function countListed(text: string, quantities: Quantity[], at: number): number {
  let n = 1;
  for (let k = at + 1; k < quantities.length && n < 12; k++) {
    const a = quantities[k - 1] as Quantity;
    const b = quantities[k] as Quantity;
    if (!isEmptyPre(text.slice(a.span[1], b.span[0]))) break;
    n++;
  }
  return n;
}

// "一、", "1.", "（1）" opening a line; "一是" opening a line or a sentence.
const LINE_ENUMERATOR =
  /^[ \t\u3000]*(?:(?:[一二三四五六七八九十]{1,3}|[0-9]{1,2})[、.．](?![0-9])|[（(][一二三四五六七八九十0-9]{1,3}[）)]|[一二三四五六七八九十]{1,2}是)/;
const SENTENCE_ENUMERATOR = /^[一二三四五六七八九十]{1,2}是/;

/** Length of a list marker at `at` (a line's "一、", a sentence's "一是"), 0 when there is none. */
function enumeratorAt(text: string, at: number): number {
  const before = text[at - 1] ?? '\n';
  const window = text.slice(at, at + 8);
  if (before === '\n' || before === '\r') return LINE_ENUMERATOR.exec(window)?.[0].length ?? 0;
  if (/[。；;！!？?]/.test(before)) return SENTENCE_ENUMERATOR.exec(window)?.[0].length ?? 0;
  return 0;
}

function directionOf(words: string, comparator: Item['comparator']): Item['direction'] {
  if (comparator === '<=' || FALLING.test(words)) return 'falling';
  if (RISING.test(words)) return 'rising';
  return undefined;
}

function guessYear(zones: Zone[]): number | undefined {
  for (const z of zones) if (z.tense === 'future' && /^\d{4}$/.test(z.period)) return Number(z.period);
  return undefined;
}
