import type { Quantity } from './numbers.js';
import type { Item } from './types.js';

/**
 * Naming what a number measures (GUIDE.md §1 metric) from the words around it, and the clause
 * helpers items.ts and periods.ts share. Bounded looks around each number, so linear.
 */

// Clause ends: a metric never reaches over them. 、 is not one: "森林覆盖率、林木绿化率分别…".
export const CLAUSE_END = /[，,；;。！？!?：:\n\r]/;
export const SENTENCE_END_ANY = /[；;。！？!?\n\r]/;
export const CLAUSE_END_ANY = /[，,；;。！？!?：:\n\r]/;
const LOOK_BACK = 80;
const LOOK_AHEAD = 24;

// Words that open a clause but say nothing about what is measured (places, time, stance).
const LEAD =
  /^(?:[、，,和及与并且而即]|成为(?:全国|全省|全市|全球|全区)?(?:首个|第一个|唯一)?|其中|同时|全年|今年|去年|当年|上年|五年来|过去五年|一年来|这五年|过去一年|累计|全面|全国|[全我本](?:省|自治区|市|州|盟|区|县|旗|镇|乡)|力争|确保|争取|努力|预计|推动|推进|实现|完成|共|了|将|要|再|到\d{4}年(?:底|末)?|\d{4}年(?:底|末|全年)?|由|从|在)+/;
// Verbs and particles between the measure's name and its number (GUIDE.md §1 comparators).
const TRAIL =
  /(?:(?:从|由)?每(?:月|年|人|天|亩)|累计达到|提高到|提升到|提高至|提升至|增加到|增加至|增长到|增长至|降低到|降低至|下降到|下降至|减少到|减少至|扩大到|扩大至|拓展到|拓展至|上升到|上升至|缩小到|缩小至|压缩到|压缩至|压减到|压减至|减至|升至|调整为|调整到|调整至|控制在|保持在|稳定在|维持在|平均为|跃升至|增至|降至|达到|迈上|跨入|迈入|跃上|跨越|先后|首次|五年|完成|实现|分别|累计|合计|共计|总计|达|为|是|至|到|占|有|的|了|共|约|计|均|再|从|由)$/;
// Comparisons that qualify the number, not the measure: "较五年前净增1.8万户".
const INNER =
  /(?:较|比)(?:五年前|上年|去年|上一年|同期|上一个五年|\d{4}年(?:底|末)?)|同比|由\d{4}年的?|从\d{4}年的?|\d{4}年(?:底|末)?的?/g;
const CHANGE_ONLY =
  /^(?:年均|累计|平均|分别|同比)?(?:增长|下降|提高|降低|上涨|上升|减少|增加|扩大|缩小|净减|净增|提升|增速)$/;
const CHANGE_TAIL =
  /(?:年均|累计|平均|分别|同比)?(?:增长|下降|提高|降低|上涨|上升|减少|增加|扩大|缩小|净减|净增|提升)$/;
export interface PrevItem {
  end: number;
  metric: string;
  comparator: Item['comparator'];
  comparatorFrom: Quantity['comparatorFrom'];
  /** Its comparator came from a word before the number, which holds along a 、-list. */
  spreads: boolean;
  unit: string;
  kind: Item['kind'];
  period: string;
}

export interface SentenceContext {
  /** "森林覆盖率、林木绿化率分别提高到48.3%和67.2%": names and verb handed out in order. */
  fenbie: { parts: string[]; verb: string; index: number } | undefined;
  prev: PrevItem | undefined;
}

/** Start of the stretch that ends at `at`, going back to a boundary (bounded, so linear). */
export function scanBack(text: string, at: number, boundary: RegExp): number {
  const stop = Math.max(0, at - LOOK_BACK);
  for (let i = at - 1; i >= stop; i--) {
    const c = text[i] ?? '';
    if (boundary.test(c) && !((c === '\n' || c === '\r') && isSoftBreak(text, i))) return i + 1;
  }
  return stop;
}

/**
 * A line break inside a sentence, as pages and PDFs leave them ("全县生产总值由“十五”末的\n\n12.8亿元
 * 增加到…"): the line before is a long one (a paragraph, not a heading) that ends on a word, not on
 * punctuation. Looks at most 30 characters back, so linear.
 */
export function isSoftBreak(text: string, at: number): boolean {
  let j = at;
  while (j > 0 && /[\n\r \u3000\t]/.test(text[j - 1] ?? '')) j--;
  if (!/[\u4e00-\u9fff]/.test(text[j - 1] ?? '')) return false;
  for (let k = j - 1; k >= Math.max(0, j - 30); k--) if (text[k] === '\n' || text[k] === '\r') return false;
  return j >= 30;
}

// Joiners between listed numbers, ranges included ("6%－6.5%").
export function isEmptyPre(raw: string): boolean {
  return raw.replace(/^[\s、，,和及与或\-－—–~～至∶:︰]+/, '') === '';
}

/** Strips place, time and stance words at the front and comparator verbs at the end. */
export function clean(raw: string): string {
  let s = raw.replace(/\s+/g, '').replace(INNER, '');
  for (let i = 0; i < 4; i++) {
    const before = s;
    s = s.replace(LEAD, '');
    s = s.replace(TRAIL, '');
    if (s === before) break;
  }
  return s;
}

/** The words after the number up to the clause's end: "形成32个街区控规" → "街区控规". */
function after(text: string, q: Quantity, next: number): string {
  let s = '';
  // the next quantity ends the words (labels like "24小时" do not: "公园实现24小时开放")
  // a size right after a count ("3个千亿级产业集群") is part of its noun
  const stop = Math.min(text.length, q.span[1] + LOOK_AHEAD, next > q.span[1] ? next : Infinity);
  for (let i = q.span[1]; i < stop; i++) {
    const c = text[i] ?? '';
    if (CLAUSE_END.test(c)) break;
    // nothing right after the unit: the words after 、 belong to the next number
    if (i === q.span[1] && /[、和及与]/.test(c)) break;
    // "机关、企事业单位附属空间" runs on; "街区控规、4个镇域规划" stops before the next count
    if (c === '、' && hasBoundaryBefore(text, i + 1, stop) === false) break;
    if ((c === '和' || c === '及') && i + 1 === next) break;
    s += c;
  }
  s = s
    .replace(/^(?:的|之)/, '')
    .replace(/(?:全部|全面|全线|均|都|已|基本)/g, '')
    .replace(/^[“”"]+|[“"]+$/g, '');
  // "小梁薄板房屋等旧住房成套改造": the class after 等 names what is counted
  const etc = s.lastIndexOf('等');
  return etc >= 0 && etc < s.length - 2 ? s.slice(etc + 1) : s;
}

/** True when a clause ends between `from` and `stop`; false when the next quantity comes first. */
function hasBoundaryBefore(text: string, from: number, stop: number): boolean {
  for (let i = from; i < stop; i++) if (CLAUSE_END.test(text[i] ?? '')) return true;
  return stop >= text.length || stop - from >= LOOK_AHEAD;
}

// Classifiers: the noun after them is what is counted ("建好用好2个产教融合实训基地").
const CLASSIFIER =
  /^(?:[万亿千百]*)(?:个|家|所|座|项|件|条|名|位|户|套|栋|幢|间|张|台|辆|次|种|处|部|场|类|宗|批|只|艘|架|支|款|例|人)$/;
// Short words that lean on the previous number's subject: "达到160.6亿美元、折合1148亿元人民币".
const LEANING = /^(?:占|约占|折合|连续|相当于|人均)/;
// "集成电路、生物医药、人工智能三大先导产业规模": the named class after the list.
const LISTED_CLASS = /^.*、[^、]*?(?=[两二三四五六七八九十]+[大个类项])/;

// Words after a number that continue the sentence rather than name what is counted.
const NOT_A_NOUN = /^(?:[（(]|情况|并|增|提|降|减|达|拓展|扩|累计|分别|到|至|以上|以内|左右|、)/;
// Verbs of reaching a size: "跨入百亿元行列" measures the sentence's subject, not 行列.
const REACHING = /(?:迈上|跨入|迈入|跃上|站上|突破|超过|达到)$/;

// Words that name a measure but not its subject ("产量", "总量", "增加值增长").
const MEASURE_WORDS = '总量|产量|总额|规模|面积|余额|增加值|增速|比重|占比|人数|总数';
const BARE_MEASURE = new RegExp(`^(?:${MEASURE_WORDS})(?:增长|下降|提高|降低|增加|减少)?$`);
const MEASURE_TAIL = new RegExp(`(?:${MEASURE_WORDS})$`);

function usable(post: string): boolean {
  return post.length >= 2 && !NOT_A_NOUN.test(post);
}

/**
 * Names what the number measures (GUIDE.md §1 metric), from the clause before it; a count
 * followed by its noun, a bare verb or an enumeration ending in 等 takes the words after the
 * number; a bare change verb ("、增长9%") takes the subject of the previous number.
 */
export function nameMetric(
  text: string,
  q: Quantity,
  rawPre: string,
  ctx: SentenceContext,
  prev: PrevItem | undefined,
  next: number,
  listed: number,
): string {
  const classifier = CLASSIFIER.test(q.unit);
  // after a number in the same clause, only the words after its last connector are ours
  let own = rawPre;
  if (prev) {
    const cut = Math.max(own.lastIndexOf('、'), own.lastIndexOf('和'), own.lastIndexOf('及'));
    if (cut >= 0 && own.indexOf('分别') < 0) own = own.slice(cut + 1);
  }
  const fen = own.indexOf('分别');
  if (fen >= 0) {
    const subject = clean(own.slice(0, fen));
    const verb = clean(own.slice(fen + 2));
    const parts = subject.split('、').filter(Boolean);
    // "财政总收入和地方财政收入分别增长10.6%和12.3%": one name short, the last 和 joins two
    const last = parts[parts.length - 1] ?? '';
    const join = Math.max(last.lastIndexOf('和'), last.lastIndexOf('及'));
    if (join > 0 && join < last.length - 1 && parts.length < listed) {
      parts.splice(parts.length - 1, 1, last.slice(0, join), last.slice(join + 1));
    }
    shareTail(parts);
    if (parts.length) {
      ctx.fenbie = { parts, verb, index: 0 };
      return (parts[0] ?? '') + verb;
    }
  }
  if (prev && /^[-－—–~～至∶:︰]$/.test(own.trim())) return prev.metric;
  const cleaned = clean(own);
  const f = ctx.fenbie;
  if (f && (cleaned === '' || CHANGE_ONLY.test(cleaned))) {
    // a new verb ("从771家、481家增加到1076家") starts handing the names out again
    f.index = isEmptyPre(own) ? f.index + 1 : 0;
    const part = f.parts[Math.min(f.index, f.parts.length - 1)] ?? '';
    // a new change verb ("，分别增长8.3%、7.9%") holds for the rest of the list
    if (cleaned && CHANGE_ONLY.test(cleaned)) f.verb = cleaned;
    return part + f.verb;
  }
  ctx.fenbie = undefined;
  const post = after(text, q, next);
  const sentencePrev = ctx.prev;
  const subjectOf = (m: string): string => m.replace(CHANGE_TAIL, '');
  if (q.comparatorFrom === 'size' && usable(post)) {
    const quote = text.slice(q.numberSpan[0], q.span[1]);
    // "千亿级产业集群" measures the cluster; "提前建成千座公园城市": the size is part of the name
    if (quote.endsWith('级')) return post;
    if (!/元$/.test(q.unit)) return quote + post;
  }
  if (cleaned === '') {
    const reaching = REACHING.test(own) || /^(?:突破|超过)/.test(text.slice(q.span[0], q.span[0] + 2));
    // "90%的区级事项实现…": the share's noun follows it
    if (usable(post) && classifier) return post;
    // "新增9个、累计达到79个": the running total of the same measure
    const total = own.includes('累计') ? '累计' : '';
    if (prev) return prev.metric + (prev.metric.includes(total) ? '' : total);
    if (usable(post) && (!reaching || text[q.span[1]] === '的')) return post;
    if (sentencePrev) return subjectOf(sentencePrev.metric) + total;
    return post;
  }
  if (CHANGE_ONLY.test(cleaned)) return sentencePrev ? subjectOf(sentencePrev.metric) + cleaned : cleaned;
  if (sentencePrev) {
    // "赤字率拟按2.8%安排，比去年预算高0.2个百分点": a comparison measures the same subject
    if (/^(?:比|较)/.test(own.replace(/^[\s，,；;]+/, '')) && cleaned.length <= 8)
      return subjectOf(sentencePrev.metric) + cleaned;
    // "…16%的税率降至13%": the noun after 的 belongs to the subject of the number before it
    if (cleaned.length >= 2 && cleaned.length <= 5 && cleaned.startsWith('的'))
      return subjectOf(sentencePrev.metric) + cleaned.slice(1);
    // "粮食播种面积3320万亩、产量1285万吨", "增长6.6%，总量突破90万亿元": a bare measure word
    // takes the subject of the number before it
    if (BARE_MEASURE.test(cleaned)) {
      const subject = subjectOf(sentencePrev.metric);
      const head = subject === sentencePrev.metric ? subject.replace(MEASURE_TAIL, '') : subject;
      if (head && !head.endsWith(cleaned)) return head + cleaned;
    }
  }
  if (prev && LEANING.test(cleaned)) return subjectOf(prev.metric) + cleaned + (usable(post) ? post : '');
  if (/等$/.test(cleaned) && usable(post)) return post;
  if (classifier && usable(post))
    return (cleaned.length <= 10 && !cleaned.includes('、') ? cleaned : '') + post;
  // "安排2.3亿元专项资金…", "开工建设10亿元以上重大产业项目": a short verb and the noun after
  if (cleaned.length <= 4 && usable(post)) return cleaned + post.slice(0, 8);
  return cleaned.replace(LISTED_CLASS, '');
}

/**
 * "广州、深圳地铁线网单日最高客运量", "水果、蔬菜、茶叶产量": short names listed before a longer last
 * one share its tail, the measure they all take ("广州地铁线网单日最高客运量", "水果产量"). The
 * listed names are taken to be as long as the head of the last one (places, crops of one length).
 */
function shareTail(parts: string[]): void {
  const last = parts[parts.length - 1] ?? '';
  const heads = parts.slice(0, -1);
  const first = heads[0];
  if (!first) return;
  // "先进制造业、高技术制造业增加值占…比重": the tail follows the word both names end with
  let tail: string | undefined;
  for (let k = first.length - 1; k >= 1 && tail === undefined; k--) {
    const at = last.indexOf(first.slice(-k));
    if (at >= 0) tail = last.slice(at + k);
  }
  if (tail === undefined) {
    const width = first.length;
    if (width > 4 || !heads.every((h) => h.length === width)) return;
    tail = last.slice(width);
  }
  if (tail.length < 2) return;
  for (let k = 0; k < heads.length; k++) parts[k] = (parts[k] ?? '') + tail;
}
