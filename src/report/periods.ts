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
// "由“十五”末的12.8亿元", "较“十二五”期末": the end of a five-year plan named as a start
const PLAN_END = /(?:由|从|较|比)[“"]?(十[一二三四五六七八九]?|[六七八九])五[”"]?(?:末|期末|时期末)的?$/;
// Facts of now written among the plans: "目前…已经超过3万亿元", "我国有上亿市场主体"
const PRESENT =
  /^(?:目前|当前|现在|截至目前|截至去年底|去年|上年|过去一年|一年来)|(?:目前|现有|现行|已有|已经|我国有|全国有|[全我本][省市区县州]有|共有)/;
const FUTURE_WORD = /要|将|力争|确保|争取|预期|目标|计划|拟|今年|明年|继续|进一步|加快/;
// The level a plan changes, followed by the change: "现行16%的税率降至13%", "…比例由50%提高到60%"
const CHANGED_AFTER =
  /^(?:的[^，,。；;]{0,10})?(?:降至|降到|降低到|降低至|下调至|下调到|下调为|提高到|提高至|提升到|提升至|上调至|上调到|增至|增加到|增加至|调整为|调整到|调整至|扩大到|扩大至|减至|压减至|压减到)/;
// Verbs that make a number in a five-year review a flow over the span rather than a stock.
const FLOW_VERB =
  /新增|新建|新植|新开|新培育|建成|完成|实现|引进|培育|开工|投资|投入|改造|开展|举办|实施|推进|签约|落地|招引|培训|帮扶|解决|安置|发放|争取|创建|获得|荣获|打造|形成|减少|下降|降低|增长|增加|提高|提升|扩大|缩小|压减|累计|年均|五年|治理|造林|植树|修建|新改建|改建|扩建|整治|建设|转移|脱贫|搬迁/;

// The measure of a stock, named right before its number: "产值14.7亿元", "存栏12万头".
const STOCK_NOUN = /(?:产值|总值|总额|总量|规模|总面积|余额|存栏|保有量|总数|人口|覆盖率|比重|占比)$/;

/**
 * The period of "今明两年" and the like: the report's year and the next (GUIDE.md §1).
 * @example twoYears('今明两年新增6000万', 2019) // '2019-2020'
 */
function twoYears(clause: string, year: number): string | undefined {
  return /今明两年|今后两年|未来两年/.test(clause) ? `${year}-${year + 1}` : undefined;
}

/**
 * Kind and period (GUIDE.md §1 conventions): the zone's by default; in a review, a level
 * reached ("提高到48.3%") or a stock as it stands ("总面积76万亩") is the last year's, a start value
 * ("由2016年的212天", "从4.16万亿元", "由“十五”末的12.8亿元") the year before the stretch; among the
 * plans, a past year cited, a fact of now ("目前已超过3万亿元") or the level a promise starts from
 * ("现行16%的税率降至13%") is an achievement of the past year; "到2025年" goals in a one-year plan
 * take that year (or the five-year span it closes).
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
  if (zone.tense === 'past') return placeInPast(text, q, zone, span, clause, rawPre);
  const pastYear = span ? String(span[0] - 1) : '';
  if (span) {
    for (const m of clause.matchAll(EARLIER_YEAR)) {
      const y = Number(m[1]);
      if (y >= 1950 && y < span[0]) return { kind: 'achievement', period: String(y) };
    }
    const sentence = asciiDigits(text.slice(scanBack(text, q.span[0], SENTENCE_END_ANY), q.span[0]));
    // "2021年，全区地区生产总值达到1270亿元": a sentence opened by a past year
    const head = SENTENCE_YEAR.exec(sentence);
    if (head && Number(head[1]) >= 1950 && Number(head[1]) < span[0]) {
      return { kind: 'achievement', period: head[1] ?? zone.period };
    }
    // "我国60岁以上人口已达2.5亿", "近14亿中国人的饭碗": a level already reached, the size of the
    // people, or a fact of now is the past year's, not a promise
    if (ALREADY.test(rawPre.replace(/\s+/g, '')) || q.background)
      return { kind: 'achievement', period: pastYear };
    if (span[0] === span[1]) {
      // "去年全市生产总值增长5%" among the plans, but not "比去年增加8000亿元"
      if (LAST_YEAR.test(clause)) return { kind: 'achievement', period: pastYear };
      const opening = sentence.replace(/^[\s“"]+/, '');
      if (PRESENT.test(opening) && !FUTURE_WORD.test(clause) && !FUTURE_WORD.test(opening.slice(0, 12)))
        return { kind: 'achievement', period: pastYear };
      // "现行16%的税率降至13%", "报销比例由50%提高到60%": where the promise starts from
      const after = asciiDigits(text.slice(q.span[1], q.span[1] + 16));
      if (
        (CHANGED_AFTER.test(after) && /[0-9零一二两三四五六七八九十]/.test(after)) ||
        /(?:由|从)(?:现行的?|目前的?)?$/.test(rawPre.replace(/\s+/g, ''))
      )
        return { kind: 'achievement', period: pastYear };
      const two = twoYears(sentence, span[0]);
      if (two) return { kind: 'target', period: two };
      // "到2015年，全县地区生产总值突破200亿元": the goal's year may open the sentence
      const to =
        /(?:到|(?<![0-9])至)(\d{4})年/.exec(clause) ?? /^(?:到|至)(\d{4})年(?:底|末)?[，,]/.exec(sentence);
      const y = Number(to?.[1]);
      if (y > span[1]) return { kind: 'target', period: y % 5 === 0 ? `${y - 4}-${y}` : String(y) };
    }
  }
  return { kind: 'target', period: zone.period };
}

/** Kind and period in a review zone: the stretch, its last year, or the year before it. */
function placeInPast(
  text: string,
  q: Quantity,
  zone: Zone,
  span: [number, number] | undefined,
  clause: string,
  rawPre: string,
): { kind: Item['kind']; period: string } {
  const period = zone.period;
  if (!span) return { kind: 'achievement', period };
  const [a, b] = span;
  // "增加到2010的13.2亿元": a year without 年 before a level still is that year's
  const pre = rawPre.replace(/\s+/g, '').replace(/(?<=到|至)(\d{4})的$/, '$1年的');
  const named = /(?:由|从)(\d{4})年(?:底|末)?的?$/.exec(pre);
  if (named) return { kind: 'achievement', period: named[1] ?? period };
  // "由“十五”末的12.8亿元": the end of the plan before is where the stretch began
  const planEnd = PLAN_END.exec(pre);
  if (planEnd && /^(?:由|从)/.test(planEnd[0])) return { kind: 'achievement', period: String(a - 1) };
  // "从4.16万亿元增加到5.67万亿元": the first value is where the stretch began
  if (/(?:由|从)(?:每(?:月|年|人|天))?$/.test(pre)) return { kind: 'achievement', period: String(a - 1) };
  // "增至2011年的48.6亿元", "2011年第三产业比重达到73.8%": the year named in the clause
  // "是2007年的2.1倍" compares the end of the stretch with that year: the year is no period
  const year = /(?:是|为)\d{4}年(?:底|末)?的?$/.test(pre) ? null : NAMED_YEAR.exec(pre);
  if (year && Number(year[1]) >= a - 1 && Number(year[1]) <= b)
    return { kind: 'achievement', period: year[1] ?? period };
  if (a === b) return { kind: 'achievement', period };
  const total = TOTAL_WORDS.test(clause);
  if (q.background && !total) return { kind: 'achievement', period: String(b) };
  if (q.reached) return { kind: 'achievement', period: String(b) };
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
  // "产值14.7亿元", "辖区有…网点58个": a stock stated by its measure alone or by 有 stands as at
  // the end of the stretch (GUIDE.md §1, five-year thresholds vs stocks)
  const words = clean(clause);
  const threshold =
    /^(?:突破|超过|超)/.test(text.slice(q.span[0], q.span[0] + 2)) ||
    /(?:迈上|跨上|跨入|跃上|站上)$/.test(pre);
  if (
    !threshold &&
    !total &&
    q.comparatorFrom !== 'size' &&
    (STOCK_NOUN.test(words) || /(?:拥有|现有|^有|[区县市省]有)/.test(words)) &&
    !FLOW_VERB.test(words)
  )
    return { kind: 'achievement', period: String(b) };
  return { kind: 'achievement', period };
}
