import type { NumeralToken } from './numerals.js';
import { prefixBefore } from './qualifiers.js';
import { isStreak } from './units.js';

/**
 * Numbers that name rather than measure (GUIDE.md §1 "Not counted"): the report's own parts and
 * slogans ("八个方面", "三条主线", "两个维护"), quoted names ("“民营经济20条”", "“666项目”"),
 * versions and editions, the plan's own indicator counts ("共设置25项指标").
 */

const OPEN_QUOTE = /[“‘「『"'《〈]/;
const CLOSE_QUOTE = /[”’」』"'》〉]/;
// Things a number names rather than measures when they follow number+unit. 强 names a ranking
// after a bare number ("世界500强") but not after a unit ("22轮强降水"); 期 a phase ("二期工程")
// unless the number counts sessions ("举办培训班12期。").
const NAME_AFTER = /^(?:方面|字|论坛|峰会|计划|战略|周年|届|版|号|批次|级(?!以上))/;
// Abstract nouns a Chinese count names the report's own parts with: "三条主线", "五大工程".
const OWN_PARTS =
  /^(?:重点)?(?:工作|任务|举措|措施|要求|目标|主线|方面|路径|理念|导向|支柱|抓手|关系|环节|短板|机遇|挑战|攻坚战|行动|战略|工程|体系|格局|优势|定位|使命|底线|红线|矛盾|风险|问题)/;
// The standing political formulas: 两个积极性, 两个大局, 两个确立, 两个维护, 两个循环.
const FORMULA = /^(?:积极性|大局|确立|维护|毫不动摇|结合|循环|作用|文明|效益|轮子|规定|原则|准则)/;

/**
 * True when the number stands inside a quoted name ("“民营经济20条”", "“666项目”", "“十四五”"):
 * an opening quote within a few characters before it, closed within a few after it. A quoted
 * streak is an honour, not a name ("“十连冠”", "“九连增”").
 */
export function isQuotedName(text: string, start: number, end: number, base: string): boolean {
  if (isStreak(base)) return false;
  let open = -1;
  for (let i = start - 1; i >= Math.max(0, start - 10); i--) {
    const c = text[i] ?? '';
    if (CLOSE_QUOTE.test(c) || /[，。；,;]/.test(c)) break;
    if (OPEN_QUOTE.test(c)) {
      open = i;
      break;
    }
  }
  if (open < 0) return false;
  for (let i = end; i < Math.min(text.length, end + 10); i++) {
    const c = text[i] ?? '';
    if (CLOSE_QUOTE.test(c)) return true;
    if (/[，。；,;“]/.test(c)) return false;
  }
  return false;
}

/**
 * A Chinese-numeral count that is a label: a slogan, a list of the report's own parts, a formula,
 * a place name (北七家) or a vague count (数十家). `end` is where the unit ends.
 */
export function isChineseLabel(text: string, tok: NumeralToken, base: string, end: number): boolean {
  const before = text[tok.start - 1] ?? '';
  const after = text.slice(end, end + 4);
  // "两位数增长" names a size class of growth, not a count (GUIDE.md §1)
  if (base === '位' && text[end] === '数') return true;
  // "翻两番", "翻了一番以上" count; "一番努力" is a word
  if (base === '番' && !/翻了?$/.test(text.slice(Math.max(0, tok.start - 2), tok.start))) return true;
  // "五年来", "三年行动": only "连续五年" counts a span of years
  if (base === '年' && !text.startsWith('连续', tok.start - 2)) return true;
  // "五成" needs a qualifier or a verb ("超五成", "八成以上", "占五成", "提升四成"); bare 成 is a verb
  if (
    base === '成' &&
    !prefixBefore(text, tok.start) &&
    !text.startsWith('以上', end) &&
    !/(?:[达占]|提升|提高|增长|增加|下降|降低|减少|超过)$/.test(
      text.slice(Math.max(0, tok.start - 2), tok.start),
    )
  )
    return true;
  // slogans in quotes: “七有”, “两个毫不动摇”; a quoted honour like “十连冠” still counts
  if (OPEN_QUOTE.test(before) && !isStreak(base)) return true;
  // counts that open a slogan or a list of the report's own parts: 两个“关键小事”, 四大机遇
  const follow = text[end] ?? '';
  if (OPEN_QUOTE.test(follow) || /[零〇一二两三四五六七八九十]/.test(follow)) return true;
  // "两个市场两种资源", "三城一区": counts in parallel are a slogan
  if (/[两二三四五六七八九十][个种项大条类次]/.test(text.slice(end, end + 5))) return true;
  if (
    /[两二三四五六七八九十][个种项大条类次][^，,。；、]{0,3}$/.test(
      text.slice(Math.max(0, tok.start - 6), tok.start),
    )
  )
    return true;
  // "重点做好八项工作", "三条主线", "中央八项规定", "两个维护": the report's own parts and formulas
  if (OWN_PARTS.test(after) || FORMULA.test(after)) return true;
  if (follow === '大' && !tok.bareMagnitude && !/元$/.test(base)) return true;
  // place names (北七家, 西二旗) and vague counts (数十家, 几百个)
  if (/[东西南北数几]/.test(before)) return true;
  if (base === '次' && /^(?:全会|会议|代表大会|产业)/.test(after)) return true;
  return false;
}

/**
 * A number that names what follows it or stands in a name: "八个方面", "五年行动计划", "5.0版",
 * "世界500强", "“80条”", "共设置25项指标". `sized` when the number is a size class ("千亿级").
 */
export function isNameAfter(
  text: string,
  tok: NumeralToken,
  base: string,
  end: number,
  sized: boolean,
): boolean {
  const after = text.slice(end, end + 2);
  if (NAME_AFTER.test(after) && !sized) return true;
  // "二期工程", "一期项目": a phase; "举办培训班12期。": a count of sessions
  if (text[end] === '期' || (base === '期' && /[\u4e00-\u9fff]/.test(text[end] ?? ''))) return true;
  if (text[end] === '强' && !base) return true;
  // "共设置25项指标": the plan counting its own indicators
  if (/^(?:项|个|条)$/.test(base) && /^(?:主要)?指标/.test(text.slice(end, end + 4))) return true;
  return isQuotedName(text, tok.start, end, base);
}
