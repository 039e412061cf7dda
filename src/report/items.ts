import { scanQuantities } from './numbers.js';
import { asciiDigits } from './outline.js';
import type { Quantity } from './numbers.js';
import type { Item, ReportMeta, Zone } from './types.js';

// Clause ends: a metric never reaches over them. 、 is not one: "森林覆盖率、林木绿化率分别…".
const CLAUSE_END = /[，,；;。！？!?：:\n\r]/;
const SENTENCE_END_ANY = /[；;。！？!?\n\r]/;
const CLAUSE_END_ANY = /[，,；;。！？!?：:\n\r]/;
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
const FALLING = /下降|减少|降低|降至|压减|净减|压降|缩小|缩短|精简|减排/;
const RISING = /增长|提高|提升|增加|增至|上升|扩大|新增|净增|突破|超过|上涨|翻番/;
// Level verbs: the value is a state reached at the end of the reviewed stretch (GUIDE.md §1).
const LEVEL_VERB =
  /(?:增至|增加到|增加至|增长到|增长至|提高到|提高至|提升到|提升至|上升到|上升至|降至|降低到|降低至|下降到|下降至|减少到|减少至|扩大到|扩大至|拓展到|拓展至|达到|达|为|占)$/;
const TOTAL_WORDS = /累计|年均|五年|合计|总计|平均/;

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
    const prev = ctx.prev && !CLAUSE_END_ANY.test(gap) ? ctx.prev : undefined;
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
    const { kind, period } =
      prev && isEmptyPre(rawPre) && inZone?.tense === 'past'
        ? { kind: prev.kind, period: prev.period }
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

interface PrevItem {
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

interface SentenceContext {
  /** "森林覆盖率、林木绿化率分别提高到48.3%和67.2%": names and verb handed out in order. */
  fenbie: { parts: string[]; verb: string; index: number } | undefined;
  prev: PrevItem | undefined;
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

/** Start of the stretch that ends at `at`, going back to a boundary (bounded, so linear). */
function scanBack(text: string, at: number, boundary: RegExp): number {
  const stop = Math.max(0, at - LOOK_BACK);
  for (let i = at - 1; i >= stop; i--) if (boundary.test(text[i] ?? '')) return i + 1;
  return stop;
}

// Joiners between listed numbers, ranges included ("6%－6.5%").
function isEmptyPre(raw: string): boolean {
  return raw.replace(/^[\s、，,和及与或\-－—–~～至∶:︰]+/, '') === '';
}

/** Strips place, time and stance words at the front and comparator verbs at the end. */
function clean(raw: string): string {
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
function nameMetric(
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

function directionOf(words: string, comparator: Item['comparator']): Item['direction'] {
  if (comparator === '<=' || FALLING.test(words)) return 'falling';
  if (RISING.test(words)) return 'rising';
  return undefined;
}

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
function placeInTime(
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

function guessYear(zones: Zone[]): number | undefined {
  for (const z of zones) if (z.tense === 'future' && /^\d{4}$/.test(z.period)) return Number(z.period);
  return undefined;
}
