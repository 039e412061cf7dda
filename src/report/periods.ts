import { SENTENCE_END_ANY, clean, scanBack } from './metric.js';
import type { Quantity } from './numbers.js';
import { asciiDigits } from './outline.js';
import type { Item, Zone } from './types.js';

/**
 * Kind and period of an item (GUIDE.md §1 conventions) from the zone it stands in and the words
 * around it. Bounded looks around each number, so linear.
 */

// Level verbs: the value is a state reached at the end of the reviewed stretch (GUIDE.md §1).
const LEVEL_VERB =
  /(?:增至|增加到|增加至|增长到|增长至|提高到|提高至|提升到|提升至|上升到|上升至|降至|降低到|降低至|下降到|下降至|减少到|减少至|扩大到|扩大至|拓展到|拓展至|达到|达|为|占)$/;
const TOTAL_WORDS = /累计|年均|五年|合计|总计|平均/;

function parseSpan(period: string): [number, number] | undefined {
  const m = /^(\d{4})(?:-(\d{4}))?$/.exec(period);
  if (!m) return undefined;
  const a = Number(m[1]);
  return [a, m[2] ? Number(m[2]) : a];
}

const ALREADY = /已(?:经)?(?:达到?|超过|突破|增至|增加到|提高到|降至|有)$/;
const NAMED_YEAR = /(?<![比较自于以])(\d{4})年(?!以来|起|至|[-—–~～]|\d)/;
const SENTENCE_YEAR = /^(?:截至|截止)?(\d{4})年(?:底|末)?[，,]/;
const LAST_YEAR = /(?<![比较同与])(?:去年|上年)(?!同期|基础|水平)/;
const EARLIER_YEAR = /(?<![比较以于自])(\d{4})年(?!至|[-—–~～]|以来|起|基础)(?:底|末)?(?:的|，|,|全年)?/g;

/**
 * Kind and period (GUIDE.md §1 conventions): the zone's by default; in a review, a level
 * reached ("提高到48.3%") is the last year's, a start value ("由2016年的212天", "从4.16万亿元")
 * the year before the stretch; a past year cited among the plans is an achievement of that year;
 * "到2025年" goals in a one-year plan take that year (or the five-year span it closes).
 */
export function placeInTime(
  text: string,
  q: Quantity,
  zone: Zone | undefined,
  reportYear: number | undefined,
  writtenClause: string,
  writtenPre: string,
): { kind: Item['kind']; period: string } {
  // "由２０１６年的212天": years in full-width digits read as ASCII (same length, so offsets hold)
  const clause = asciiDigits(writtenClause);
  const rawPre = asciiDigits(writtenPre);
  if (!zone) return { kind: 'target', period: reportYear ? String(reportYear) : '' };
  const span = parseSpan(zone.period);
  if (zone.tense === 'past') {
    const period = zone.period;
    if (!span) return { kind: 'achievement', period };
    const [a, b] = span;
    const pre = rawPre.replace(/\s+/g, '');
    const named = /(?:由|从)(\d{4})年(?:底|末)?的?$/.exec(pre);
    if (named) return { kind: 'achievement', period: named[1] ?? period };
    // "从4.16万亿元增加到5.67万亿元": the first value is where the stretch began
    if (/(?:由|从)(?:每(?:月|年|人|天))?$/.test(pre)) return { kind: 'achievement', period: String(a - 1) };
    // "增至2011年的48.6亿元", "2011年第三产业比重达到73.8%": the year named in the clause
    // "是2007年的2.1倍" compares the end of the stretch with that year: the year is no period
    const year = /是\d{4}年(?:底|末)?的?$/.test(pre) ? null : NAMED_YEAR.exec(pre);
    if (year && Number(year[1]) >= a - 1 && Number(year[1]) <= b)
      return { kind: 'achievement', period: year[1] ?? period };
    if (a === b) return { kind: 'achievement', period };
    const total = TOTAL_WORDS.test(clause);
    if (!total && (LEVEL_VERB.test(pre) || LEVEL_VERB.test(clause)))
      return { kind: 'achievement', period: String(b) };
    // "企业调查59项测评点中有22项达到全球最优水平": a whole and the part of it that stands at a
    // level describe the end of the stretch, not a sum over it
    if (!total && (/中有$/.test(pre) || /^[^，,。；;]{0,8}中有/.test(text.slice(q.span[1], q.span[1] + 10))))
      return { kind: 'achievement', period: String(b) };
    // "90%的区级事项实现“一网通办”": a share that opens its clause is a level reached
    if (!total && /^[%％]/.test(q.unit) && text[q.span[1]] === '的' && clean(clause) === '') {
      return { kind: 'achievement', period: String(b) };
    }
    return { kind: 'achievement', period };
  }
  // future zones
  if (span) {
    for (const m of clause.matchAll(EARLIER_YEAR)) {
      const y = Number(m[1]);
      if (y >= 1950 && y < span[0]) return { kind: 'achievement', period: String(y) };
    }
    // "2021年，全区地区生产总值达到1270亿元": a sentence opened by a past year
    const head = SENTENCE_YEAR.exec(
      asciiDigits(text.slice(scanBack(text, q.span[0], SENTENCE_END_ANY), q.span[0])),
    );
    if (head && Number(head[1]) >= 1950 && Number(head[1]) < span[0]) {
      return { kind: 'achievement', period: head[1] ?? zone.period };
    }
    // "我国60岁以上人口已达2.5亿": a level already reached is the past year's, not a promise
    if (ALREADY.test(rawPre.replace(/\s+/g, ''))) return { kind: 'achievement', period: String(span[0] - 1) };
    // "去年全市生产总值增长5%" among the plans, but not "比去年增加8000亿元"
    if (span[0] === span[1] && LAST_YEAR.test(clause)) {
      return { kind: 'achievement', period: String(span[0] - 1) };
    }
    if (span[0] === span[1]) {
      // "到2015年，全县地区生产总值突破200亿元": the goal's year may open the sentence
      const sentence = asciiDigits(text.slice(scanBack(text, q.span[0], SENTENCE_END_ANY), q.span[0]));
      const to =
        /(?:到|(?<![0-9])至)(\d{4})年/.exec(clause) ?? /^(?:到|至)(\d{4})年(?:底|末)?[，,]/.exec(sentence);
      const y = Number(to?.[1]);
      if (y > span[1]) return { kind: 'target', period: y % 5 === 0 ? `${y - 4}-${y}` : String(y) };
    }
  }
  return { kind: 'target', period: zone.period };
}
