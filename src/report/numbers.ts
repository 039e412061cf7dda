import type { Comparator, Span } from './types.js';

/**
 * Lexical reading of quantities: numerals (Arabic, Chinese, mixed), units with their
 * multiplier, qualifier words, ranges — and the labels that look like numbers but are not
 * measurements (GUIDE.md §1 "Not counted"). Context (kind, period, metric) is items.ts's job.
 */

const DIGIT: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const SMALL_UNIT: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };
const BIG_UNIT: Record<string, number> = { 万: 1e4, 亿: 1e8 };

/**
 * Parses a Chinese numeral written in the usual grammar (digits before 十/百/千, sections
 * closed by 万/亿); undefined for sequences that are not one number, like 十四五 or 一二.
 * @example parseChineseNumeral('十一') // 11 — from "争创全国双拥模范城‘十一连冠’"
 * @example parseChineseNumeral('两') // 2 — from "仅有的两家全球“灯塔工厂”"
 */
export function parseChineseNumeral(s: string): number | undefined {
  if (!s) return undefined;
  let yi = 0; // everything already multiplied by 亿
  let wan = 0; // the part multiplied by 万, below 亿
  let section = 0; // the part below 万
  let digit: number | undefined;
  let lastSmall = Infinity; // 十/百/千 must descend within a section
  for (const ch of s) {
    const d = DIGIT[ch];
    if (d !== undefined) {
      if (d === 0) {
        if (digit !== undefined) return undefined;
        continue;
      }
      // two digits in a row ("十四五", "一二") are a label, not one number
      if (digit !== undefined) return undefined;
      digit = d;
      continue;
    }
    const small = SMALL_UNIT[ch];
    if (small !== undefined) {
      if (small >= lastSmall) return undefined;
      // a bare 十 means 10; bare 百/千 ("千亿元") mean one hundred / one thousand
      section += (digit ?? 1) * small;
      lastSmall = small;
      digit = undefined;
      continue;
    }
    const big = BIG_UNIT[ch];
    if (big === 1e4) {
      if (wan > 0) return undefined;
      wan = (section + (digit ?? 0) || 1) * 1e4;
    } else if (big === 1e8) {
      yi = (yi + wan + section + (digit ?? 0) || 1) * 1e8;
      wan = 0;
    } else return undefined;
    section = 0;
    digit = undefined;
    lastSmall = Infinity;
  }
  const result = yi + wan + section + (digit ?? 0);
  return result > 0 ? result : undefined;
}

/**
 * Parses an Arabic numeral, half- or full-width, with an optional decimal point.
 * @example parseArabic('48.3') // 48.3 — from "森林覆盖率、林木绿化率分别提高到48.3%和67.2%"
 */
export function parseArabic(s: string): number | undefined {
  const ascii = s
    .replace(/,(?=[0-9]{3})/g, '')
    .replace(/[０-９．]/g, (c) => (c === '．' ? '.' : String.fromCharCode(c.charCodeAt(0) - 0xfee0)));
  if (!/^\d+(?:\.\d+)?$/.test(ascii)) return undefined;
  const n = Number(ascii);
  return Number.isFinite(n) ? n : undefined;
}

/** A quantity read from the text; context decides whether it becomes an item. */
export interface Quantity {
  /** Number with unit and the qualifier words tight around it ("超过683亿元", "6%左右"). */
  span: Span;
  /** The numeral alone. */
  numberSpan: Span;
  value: number;
  /** As written, multiplier included: "万户", "亿元", "%", "" for a pure ratio. */
  unit: string;
  comparator: Comparator;
  /** Where the comparator came from; items.ts lets a verb spread along a 、-list only. */
  comparatorFrom: 'qualifier' | 'verb' | 'range' | 'size' | 'none';
  /** Written in Chinese numerals ("两家", "十连冠", "千亿元"). */
  chinese: boolean;
  /** Which side the qualifier bounds: 以内 upper, 以上 lower. */
  bound?: 'upper' | 'lower';
}

const LATIN_UNITS = ['TWh', 'GWh', 'MWh', 'kWh', 'GW', 'MW', 'kW', 'km²', 'km', 'kg', 'm²', 'm³'];
// A Latin unit right after the number, not the start of a longer word ("5G", "3D" are names).
const LATIN_UNIT_AFTER = new RegExp(`^(?:${LATIN_UNITS.join('|')})(?![A-Za-z])`);

// Units after a numeral; the regex tries longer ones first, so 平方公里 wins over 公里, 人次 over 人.
const BASE_UNITS = [
  // Latin units some reports keep ("装机容量500MW", "新建5G基站…", "高速公路120km")
  ...LATIN_UNITS,
  '微克/立方米',
  '毫克/立方米',
  '个百分点',
  '百分点',
  '平方公里',
  '平方千米',
  '平方米',
  '立方米',
  '千瓦时',
  '千伏安',
  '标准箱',
  '标箱',
  '吨标准煤',
  '个工作日',
  '工作日',
  '个月',
  '人次',
  '辆次',
  '架次',
  '户次',
  '艘次',
  '车次',
  '班次',
  '场次',
  '兆瓦时',
  '兆瓦',
  '吉瓦',
  '连冠',
  '连增',
  '美元',
  '欧元',
  '港元',
  '千瓦',
  '千伏',
  '千米',
  '千克',
  '公里',
  '公顷',
  '公斤',
  '斤',
  '吨',
  '亩',
  '米',
  '元',
  '人',
  '户',
  '家',
  '个',
  '项',
  '所',
  '座',
  '栋',
  '幢',
  '套',
  '间',
  '宗',
  '条',
  '件',
  '张',
  '辆',
  '台',
  '部',
  '场',
  '次',
  '天',
  '倍',
  '种',
  '名',
  '位',
  '处',
  '篇',
  '只',
  '头',
  '艘',
  '架',
  '列',
  '片',
  '块',
  '棵',
  '株',
  '根',
  '孔',
  '盏',
  '笔',
  '份',
  '款',
  '类',
  '支',
  '例',
  '床',
  '年',
  '小时',
  '分钟',
  '岁',
  '度',
  '升',
  '瓦',
  '分',
  '对',
  '册',
  '眼',
  '起',
  '批',
  '轮',
  '羽',
  '尾',
  '匹',
  '趟',
  '门',
  '首',
  '颗',
  '箱',
  '成',
  '%',
  '％',
  '‰',
];
const UNIT_RE = new RegExp(
  '^([ \\u3000]?)([余多])?(万亿|亿|万|千|百)?([余多])?(' +
    [...BASE_UNITS]
      .sort((a, b) => b.length - a.length)
      .map((u) => u.replace(/[/%]/g, (c) => '\\' + c))
      .join('|') +
    ')?(?:/(人|年|月|日|天|吨|亩|户|平方米|立方米|千瓦时|公里))?((?:（间）|\\(间\\)))?',
);

const UNIT_NO_MULT_RE = new RegExp(UNIT_RE.source.replace('(万亿|亿|万|千|百)?', '()'));
const THOUSAND_UNIT = /^[ \u3000]?(?:千瓦|千伏|千米|千克|百分点)/;

// Chinese numerals may count only these (GUIDE.md §1: "两次", "两家", "十连冠", "五成");
// anything else after them ("两区", "三城一区", "七有") is a label.
const CHINESE_COUNT_UNITS = new Set([
  '个百分点',
  '百分点',
  '连增',
  '对',
  '个',
  '家',
  '所',
  '座',
  '项',
  '件',
  '条',
  '次',
  '名',
  '位',
  '处',
  '种',
  '台',
  '辆',
  '套',
  '户',
  '人',
  '元',
  '美元',
  '倍',
  '成',
  '连冠',
  '年',
  '场',
  '栋',
  '艘',
  '部',
  '亩',
  '公里',
  '公顷',
  '平方公里',
]);

// Tight prefixes, kept inside the span (gold quotes "超过683亿元", "近15万人", "不低于2.6万亩").
const PREFIXES: [string, Comparator][] = [
  ['不低于', '>='],
  ['不少于', '>='],
  ['至少', '>='],
  ['不超过', '<='],
  ['不高于', '<='],
  ['不多于', '<='],
  ['低于', '<='],
  ['少于', '<='],
  ['小于', '<='],
  ['不足', '<='],
  ['不到', '<='],
  ['超过', '>'],
  ['突破', '>'],
  ['多于', '>'],
  ['高于', '>'],
  ['大于', '>'],
  ['接近', '~'],
  ['将近', '~'],
  ['大约', '~'],
  ['超', '>'],
  ['逾', '>'],
  ['近', '~'],
  ['约', '~'],
];
// Verbs before the number that set a comparator but stay outside the span (GUIDE.md §1:
// 迈上/跨入/达到 read ">="; 提高到/增至/降至 read "=").
const VERBS: [string, Comparator][] = [
  ['达到', '>='],
  ['迈上', '>='],
  ['跨入', '>='],
  ['迈入', '>='],
  ['跃上', '>='],
  ['跨上', '>='],
  ['站上', '>='],
  ['达', '>='],
  ['控制在', '<='],
];
const SUFFIXES: [string, Comparator][] = [
  ['及以上', '>='],
  ['以上', '>='],
  ['以内', '<='],
  ['之内', '<='],
  ['以下', '<='],
  ['左右', '~'],
  ['上下', '~'],
];

// "1,234.5": a half-width comma between groups of three digits is a thousands separator.
const NUMERAL =
  /[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9０-９]+(?:[.．][0-9０-９]+)?|[零〇一二两三四五六七八九十百千万亿]+/g;
const NUMERAL_START = new Uint8Array(65536);
for (const c of '0123456789０１２３４５６７８９零〇一二两三四五六七八九十百千万亿')
  NUMERAL_START[c.charCodeAt(0)] = 1;
// After "1/10" a unit means a date or a rate per unit ("3/4号线"), not a share.
const CJK_UNIT_AFTER = /[号月日年期次个]/;
const ASCII_NEIGHBOUR = /[A-Za-z+＋#·_@&]/;
// "6%-6.5%", "6%～7%", "6%至7%", "6%到7%": a joiner right after the first number's unit
const RANGE_JOIN = /^(?:[-－—–~～]{1,2}|至|到)/;
const OPEN_QUOTE = /[“‘「『"'《〈]/;
const CLOSE_QUOTE = /[”’」』"'》〉]/;
const CJK = /[\u4e00-\u9fff]/;
// After a percentage only these may follow; "1%人口抽样调查" names a survey (GUIDE.md §1).
const AFTER_PERCENT_OK =
  /[的和及与、以左上下内至到或为是并降提增减扩缩安计实达保分，。；：！？,.;:!?\s）)”’」』~～\-－—–]/;
// Things a number names rather than measures when they follow number+unit.
// 强 names a ranking after a bare number ("世界500强") but not after a unit ("22轮强降水").
const NAME_AFTER = /^(?:方面|字|论坛|峰会|计划|战略|周年|届|版|号|期|批次|级(?!以上))/;
// Counting verbs before a bare magnitude like 千座 ("提前建成千座公园城市").
const MAGNITUDE_VERB = /(?:建成|突破|跨入|跨越|迈上|达到|超过|跃上|站上|迈入|形成|打造|培育)$/;

// First characters of what may follow a Chinese numeral that counts (CHINESE_COUNT_UNITS, 级, 半).
const CHINESE_NEXT = /[个家所座项件条次名位处种台辆套户人元美倍成连年场栋艘部亩公平级半余多对]/;

interface NumeralToken {
  start: number;
  end: number;
  value: number;
  chinese: boolean;
  /** 万/亿 written in a Chinese numeral, moved into the unit ("千亿元" → 1000, "亿元"). */
  unitPrefix: string;
  /** Only 十百千万亿, no digit: a size like 千亿, 百万. */
  bareMagnitude: boolean;
  /** A Chinese fraction "三分之一" (value 1/3, no unit; "百分之六十" is 60 %). */
  fraction?: { unit: string };
}

function readNumeral(raw: string, start: number): NumeralToken | undefined {
  const end = start + raw.length;
  if (/^[0-9０-９]/.test(raw)) {
    const value = parseArabic(raw);
    return value === undefined
      ? undefined
      : { start, end, value, chinese: false, unitPrefix: '', bareMagnitude: false };
  }
  // a trailing 万/亿/万亿 belongs to the unit as written ("5.67万亿元" style, GUIDE.md §1)
  const m = /^(.*?)(万亿|亿|万)?$/.exec(raw);
  const head = m?.[1] ?? raw;
  const prefix = m?.[2] ?? '';
  const value = head === '' ? 1 : parseChineseNumeral(head);
  if (value === undefined) return undefined;
  return {
    start,
    end,
    value,
    chinese: true,
    unitPrefix: prefix,
    // 十 alone is an ordinary ten ("十连冠"), not a size
    bareMagnitude: raw !== '十' && /^[十百千万亿]+$/.test(raw),
  };
}

interface UnitRead {
  unit: string;
  end: number;
  base: string;
  /** 余/多 between number and unit: "300余种" reads ">" (GUIDE.md §1). */
  more: boolean;
}

function readUnit(text: string, at: number, prefixFromNumeral: string): UnitRead {
  const window = text.slice(at, at + 12);
  // "500千伏", "214万千瓦": a unit that starts like a multiplier is the unit itself
  const m = (THOUSAND_UNIT.test(window) ? UNIT_NO_MULT_RE : UNIT_RE).exec(window);
  if (!m) return { unit: prefixFromNumeral, end: at, base: '', more: false };
  const [, space = '', more1 = '', mult = '', more2 = '', base = '', per = '', jian = ''] = m;
  // "620多万套" and "1.2万余户" both say "more than"
  const more = more1 + more2;
  // a multiplier with no base ("人口2487万") still is a unit; nothing at all means no unit
  if (!mult && !base) return { unit: prefixFromNumeral, end: at, base: '', more: false };
  // "100余" without a base unit: keep the 余 as a qualifier only
  const unit = prefixFromNumeral + mult + base + (per ? '/' + per : '') + jian;
  return {
    unit,
    end:
      at + space.length + mult.length + more.length + base.length + (per ? per.length + 1 : 0) + jian.length,
    base,
    more: more !== '',
  };
}

// 签约2417户 is not 约2417户: a one-character qualifier must not end a longer word
const WORD_ENDING_IN_QUALIFIER =
  /(?:签|节|制|履|违|预|特|邀|集|公|条|合|契|简|相|隐|最|附|临|邻|就|贴|亲|靠|赶|高|入)$/;

function endsWithAny<T>(text: string, end: number, list: [string, T][]): [string, T] | undefined {
  for (const entry of list) {
    const w = entry[0];
    if (end >= w.length && text.startsWith(w, end - w.length)) return entry;
  }
  return undefined;
}

function startsWithAny<T>(text: string, at: number, list: [string, T][]): [string, T] | undefined {
  for (const entry of list) if (text.startsWith(entry[0], at)) return entry;
  return undefined;
}

function isYear(tok: NumeralToken): boolean {
  if (tok.chinese || tok.end - tok.start !== 4) return false;
  if (tok.value < 1900 || tok.value > 2100 || !Number.isInteger(tok.value)) return false;
  return true;
}

/**
 * Reads every quantity in text[from, to): one numeral, one quantity; a range gives two.
 * Years, dates, names, ordinals and slogans are left out (GUIDE.md §1 "Not counted").
 * Linear in the length of the text: each numeral looks at a few characters around it.
 * @example scanQuantities('累计减免税费超过683亿元。')[0] // {value: 683, unit: '亿元', comparator: '>'}
 */
export function scanQuantities(text: string, from = 0, to = text.length): Quantity[] {
  const out: Quantity[] = [];
  const re = new RegExp(NUMERAL.source, 'y');
  const stop = Math.min(to, text.length);
  // A table lookup finds where a numeral may start several times faster than a regex scan;
  // the sticky regex then reads the numeral from there.
  for (let i = Math.max(0, from); i < stop; i++) {
    if (NUMERAL_START[text.charCodeAt(i)] !== 1) continue;
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) continue;
    const got = readAt(text, m[0], i);
    if (got) for (const q of got.quantities) out.push(q);
    i = Math.max(i + m[0].length, got?.end ?? 0) - 1;
  }
  return out;
}

/**
 * Reads the first quantity in a short string; undefined when there is none.
 * @example parseQuantity('不低于2.6万亩') // {value: 2.6, unit: '万亩', comparator: '>='}
 */
export function parseQuantity(s: string): Quantity | undefined {
  return scanQuantities(s)[0];
}

/** "三分之一" → 1/3; "百分之六十" → 60 %; undefined unless a smaller numerator follows 分之. */
function readChineseFraction(text: string, raw: string, start: number): NumeralToken | undefined {
  const at = start + raw.length + 2;
  const m = /^[零〇一二两三四五六七八九十百千]+/.exec(text.slice(at, at + 6));
  const den = parseChineseNumeral(raw);
  const num = m ? parseChineseNumeral(m[0]) : undefined;
  if (!m || !den || !num || num >= den) return undefined;
  const percent = den === 100;
  return {
    start,
    end: at + m[0].length,
    value: percent ? num : num / den,
    chinese: true,
    unitPrefix: '',
    bareMagnitude: false,
    fraction: { unit: percent ? '%' : '' },
  };
}

function readAt(
  text: string,
  raw: string,
  start: number,
): { quantities: Quantity[]; end: number } | undefined {
  // "三分之一", "四分之三": a share written in words (GUIDE.md §1 counts "近一半" as 0.5)
  if (!/^[0-9０-９]/.test(raw) && text.startsWith('分之', start + raw.length)) {
    const fraction = readChineseFraction(text, raw, start);
    if (fraction) {
      const one = readOne(text, fraction);
      return one
        ? { quantities: [one.quantity], end: one.quantity.span[1] }
        : { quantities: [], end: fraction.end };
    }
  }
  // Most Chinese numerals in prose are words (统一, 一批, 万众); only a unit after one may count.
  if (
    !/^[0-9０-９]/.test(raw) &&
    !CHINESE_NEXT.test(text[start + raw.length] ?? '') &&
    !(/^[百千万亿]+$/.test(raw) && endsWithAny(text, start, PREFIXES))
  ) {
    return undefined;
  }
  const tok = readNumeral(raw, start);
  if (!tok) return undefined;
  const before = text[start - 1] ?? '';
  // Arabic numerals glued to Latin letters or '+' are names: PM2.5, 5G, G60, "1+6" (GUIDE.md §1)
  if (!tok.chinese) {
    if (
      ASCII_NEIGHBOUR.test(before) ||
      (ASCII_NEIGHBOUR.test(text[tok.end] ?? '') && !LATIN_UNIT_AFTER.test(text.slice(tok.end, tok.end + 4)))
    )
      return { quantities: [], end: tok.end };
    if (before === '.' || before === '．') return { quantities: [], end: tok.end };
    if (text[tok.end] === '.' && /[0-9]/.test(text[tok.end + 1] ?? ''))
      return { quantities: [], end: tok.end + 2 };
  }
  // ordinals and ranks: 第六届, 第48届, 前五位
  if (before === '第' || before === '前' || before === '其') return { quantities: [], end: tok.end };

  // A year or a date: "2022年", "12月15日", "2021-2025年"
  if (isYear(tok)) {
    const after = text.slice(tok.end, tok.end + 6);
    const range = /^(?:[-－—–~～至到]{1,2})([0-9]{4})/.exec(after);
    if (/^(?:年|[-－—–~～至到、]{1,2}[0-9]{2,4}年)/.test(after))
      return { quantities: [], end: tok.end + (range ? range[0].length : 0) };
    if (range) return { quantities: [], end: tok.end + range[0].length };
  }
  const next = text[tok.end] ?? '';
  if (next === '月' || next === '日' || next === '号' || next === '时' || next === '点' || next === '秒') {
    return { quantities: [], end: tok.end };
  }

  // A fraction "约占全国1/10" is a share: 0.1 with no unit
  // (not a date like 2021/12/15: no slash on either side)
  if (!tok.chinese && next === '/' && before !== '/') {
    const m = /^\/([0-9]{1,4})(?![0-9.%％])/.exec(text.slice(tok.end, tok.end + 6));
    const den = Number(m?.[1]);
    if (
      m &&
      den > tok.value &&
      Number.isInteger(tok.value) &&
      !/[/／]/.test(text[tok.end + m[0].length] ?? '') &&
      !CJK_UNIT_AFTER.test(text[tok.end + m[0].length] ?? '')
    ) {
      const end = tok.end + m[0].length;
      return {
        quantities: [
          {
            span: [tok.start, end],
            numberSpan: [tok.start, end],
            chinese: false,
            value: tok.value / den,
            unit: '',
            comparator: '=',
            comparatorFrom: 'none',
          },
        ],
        end,
      };
    }
  }

  const first = readOne(text, tok);
  if (!first) return { quantities: [], end: tok.end };

  // Ranges "6%-6.5%", "6-6.5%": two items, ">=" then "<=" (GUIDE.md §1)
  const join = RANGE_JOIN.exec(text.slice(first.unitEnd, first.unitEnd + 2));
  if (join) {
    const at = first.unitEnd + join[0].length;
    const m = /^[0-9０-９]+(?:[.．][0-9０-９]+)?/.exec(text.slice(at, at + 20));
    if (m) {
      const tok2 = readNumeral(m[0], at);
      if (tok2) {
        const after2 = text[tok2.end] ?? '';
        if (after2 === '月' || after2 === '日' || after2 === '号')
          return { quantities: [], end: tok2.end + 1 };
        const second = readOne(text, tok2);
        if (second) {
          const unit = first.quantity.unit || second.quantity.unit;
          if (unit === second.quantity.unit) {
            const low: Quantity = { ...first.quantity, unit, comparator: '>=', comparatorFrom: 'range' };
            const high: Quantity = { ...second.quantity };
            if (high.comparatorFrom === 'none') {
              high.comparator = '<=';
              high.comparatorFrom = 'range';
            }
            return { quantities: [low, high], end: second.quantity.span[1] };
          }
        }
      }
    }
  }
  if (!first.accepted) return { quantities: [], end: first.unitEnd };
  return { quantities: [first.quantity], end: first.quantity.span[1] };
}

interface OneRead {
  quantity: Quantity;
  unitEnd: number;
  /** False when it may only stand as the low end of a range ("6-6.5%"). */
  accepted: boolean;
}

function readOne(text: string, tok: NumeralToken): OneRead | undefined {
  let unitRead = tok.fraction
    ? { unit: tok.fraction.unit, end: tok.end, base: tok.fraction.unit, more: false }
    : readUnit(text, tok.end, tok.unitPrefix);
  let value = tok.value;
  let unit = unitRead.unit;
  let comparator: Comparator = '=';
  let comparatorFrom: Quantity['comparatorFrom'] = 'none';
  let end = unitRead.end;
  let spanStart = tok.start;
  const before = text[tok.start - 1] ?? '';

  // Size classes: "千亿级产业集群" is 1000 亿元 with ">=" (GUIDE.md §1)
  const afterUnit = text.slice(end, end + 4);
  const sizedMoney = /[万亿](?:元|美元)$/.test(unit);
  if (afterUnit.startsWith('级') && ((/亿$/.test(unit) && !unitRead.base) || sizedMoney)) {
    // "千亿级" leaves 元 unsaid; "千亿元级" says it; "千万级人口城市" is no amount of money
    if (!sizedMoney) unit = unit + '元';
    end += 1;
    comparator = '>=';
    comparatorFrom = 'size';
  }

  let half = false;
  if (tok.chinese && !tok.fraction) {
    // "近一半" is 0.5 (GUIDE.md §1); a bare 一 is almost always an article (一批, 一流), but
    // "增长一倍" and "提高一个百分点" count
    if (value === 1 && tok.unitPrefix === '' && !tok.bareMagnitude) {
      const counted =
        /^(?:倍|个百分点)/.test(text.slice(tok.end, tok.end + 4)) && text[tok.start - 1] !== '第';
      if (text[tok.end] === '半') {
        value = 0.5;
        unit = '';
        end = tok.end + 1;
        unitRead = { unit: '', end, base: '', more: false };
        half = true;
      } else if (!counted) return undefined;
    }
    if (comparatorFrom !== 'size' && !half) {
      // a bare size may count any unit ("超千万人次"); it needs a verb or qualifier (below)
      // "出生人口超百万的省份": a bare size after a tight qualifier counts without a unit
      const sized = tok.bareMagnitude && (unitRead.base !== '' || endsWithAny(text, tok.start, PREFIXES));
      if (!CHINESE_COUNT_UNITS.has(unitRead.base) && !sized) return undefined;
      // "两位数增长" names a size class of growth, not a count (GUIDE.md §1)
      if (unitRead.base === '位' && text[end] === '数') return undefined;
      // "五年来", "三年行动": only "连续五年" counts a span of years
      if (unitRead.base === '年' && !text.startsWith('连续', tok.start - 2)) return undefined;
      // "五成" needs a qualifier ("超五成", "八成以上"); bare 成 is usually a verb
      if (unitRead.base === '成') {
        if (
          !endsWithAny(text, tok.start, PREFIXES) &&
          !text.startsWith('以上', end) &&
          !/[达占]$/.test(before)
        )
          return undefined;
      }
      // slogans in quotes: “七有”, “两个毫不动摇”; a quoted honour like “十连冠” still counts
      if (OPEN_QUOTE.test(before) && unitRead.base !== '连冠') return undefined;
      // counts that open a slogan or a list of the report's own parts: 两个“关键小事”, 四大机遇
      const follow = text[end] ?? '';
      if (OPEN_QUOTE.test(follow) || /[零〇一二两三四五六七八九十]/.test(follow)) return undefined;
      // "两个市场两种资源", "三城一区": counts in parallel are a slogan
      if (/[两二三四五六七八九十][个种项大条类次]/.test(text.slice(end, end + 5))) return undefined;
      if (
        /[两二三四五六七八九十][个种项大条类次][^，,。；、]{0,3}$/.test(
          text.slice(Math.max(0, tok.start - 6), tok.start),
        )
      )
        return undefined;
      // "中央八项规定": a numbered rule or principle is a name
      if (/^(?:规定|原则|准则)/.test(text.slice(end, end + 2))) return undefined;
      // "重点做好八项工作", "五项重点任务": the report counting its own parts (GUIDE.md §1)
      if (/^(?:重点)?(?:工作|任务|举措|措施|要求|目标)/.test(text.slice(end, end + 4))) return undefined;
      // the standing political formulas: 两个积极性, 两个大局, 两个确立, 两个维护, 两个循环
      if (
        /^(?:积极性|大局|确立|维护|毫不动摇|结合|循环|作用|文明|效益|轮子)/.test(text.slice(end, end + 3))
      ) {
        return undefined;
      }
      if (follow === '大' && !tok.bareMagnitude && !/元$/.test(unitRead.base)) return undefined;
      // place names (北七家, 西二旗) and vague counts (数十家, 几百个)
      if (/[东西南北数几]/.test(before)) return undefined;
      if (unitRead.base === '次' && /^(?:全会|会议|代表大会|产业)/.test(text.slice(end, end + 4)))
        return undefined;
      // a bare size (千座, 百万亩) counts after a verb of reaching or a tight qualifier only
      if (tok.bareMagnitude) {
        const hasVerb = MAGNITUDE_VERB.test(text.slice(Math.max(0, tok.start - 3), tok.start));
        const pre = endsWithAny(text, tok.start, PREFIXES);
        // "万元GDP能耗" is a per-unit label, "保持在千亿元以上" a size
        const suffix = startsWithAny(text, end, SUFFIXES);
        if (!hasVerb && !pre && !suffix) return undefined;
        if (!pre) {
          comparator = '>=';
          comparatorFrom = 'size';
        }
      }
    }
  } else if (!tok.fraction && !unitRead.base && !unitRead.unit) {
    // A bare Arabic number is a ratio only with a qualifier ("收入比保持在1.75左右"); else a label
    const suffix = startsWithAny(text, end, SUFFIXES);
    const decimalRatio =
      /[比数]/.test(text.slice(Math.max(0, tok.start - 8), tok.start)) &&
      /[.．]/.test(text.slice(tok.start, tok.end));
    // "三次产业比重为4.0∶37.7∶58.3": every part of a ratio chain, but not the 1 of "2.50:1"
    // (a clock time "8:30" is no ratio: a chain has a decimal or three parts)
    const behind = text.slice(Math.max(0, tok.start - 14), tok.start);
    const chained =
      /[∶:︰]/.test(before) &&
      /[0-9]/.test(text[tok.start - 2] ?? '') &&
      value !== 1 &&
      (/[.．]/.test(behind.replace(/^.*[^0-9.．∶:︰]/, '') + text.slice(tok.start, tok.end)) ||
        /[0-9][∶:︰][0-9.]+[∶:︰]$/.test(behind) ||
        /^[∶:︰][0-9]/.test(text.slice(end, end + 2)));
    // …and its head: "三次产业结构调整为8.2:45.6:46.2" (three parts, so no clock time like 8:30)
    const chainHead = /^[∶:︰][0-9]+(?:\.[0-9]+)?[∶:︰][0-9]/.test(text.slice(end, end + 14));
    if (!suffix && !decimalRatio && !chained && !chainHead) {
      return { quantity: make(), unitEnd: end, accepted: false };
    }
  }

  // "近14亿人口的发展中大国", "14亿中国人的饭碗": the size of a people describes who they are
  if (
    (unitRead.base === '人' && text.startsWith('口的', end)) ||
    (/^(?:万亿|亿|万)$/.test(unit) && /^(?:中国人|人口的|人民的)/.test(text.slice(end, end + 3)))
  )
    return undefined;
  // "建设56个民族共同团结奋斗…的美好家园": the nation's peoples are no measure of performance
  if (unitRead.base === '个' && text.startsWith('民族', end)) return undefined;
  // Things that name rather than measure: "八个方面", "五年行动计划", "50人论坛", "5.0版"
  if (NAME_AFTER.test(text.slice(end, end + 2)) && comparatorFrom !== 'size') return undefined;
  if (text[end] === '强' && !unitRead.base) return undefined;
  const base = unitRead.base;
  if (base === '%' || base === '％' || base === '‰') {
    const follow = text[end] ?? '';
    if (CJK.test(follow) && !AFTER_PERCENT_OK.test(follow)) return undefined;
  }
  // "24小时开放", "15分钟社区生活圈", "60岁以上人口", "500千伏输变电工程": a duration, age or grade used as a name (GUIDE.md §1)
  if (base === '小时' || base === '分钟' || base === '岁' || base === '千伏') {
    const rest = text.slice(end, end + 4).replace(/^(?:以内|之内|以上|以下|左右)/, '');
    if (CJK.test(rest[0] ?? '') && !rest.startsWith('内')) return undefined;
  }
  if (base === '年' && !text.startsWith('连续', tok.start - 2) && !tok.chinese) {
    return undefined;
  }
  // "满意度95.6分" is a score; "3分" before other words is not ("3分钱" and the like)
  if (base === '分' && CJK.test(text[end] ?? '') && !/^(?:以上|以内|左右)/.test(text.slice(end, end + 2))) {
    return undefined;
  }
  // “80条”, “33条”: a quoted number is the name of a policy package
  if (OPEN_QUOTE.test(before) && CLOSE_QUOTE.test(text[end] ?? '') && base !== '连冠') return undefined;

  if (unitRead.more) {
    comparator = '>';
    comparatorFrom = 'qualifier';
  }
  const gap = text[tok.start - 1] === ' ' || text[tok.start - 1] === '\u3000' ? 1 : 0;
  let pre = endsWithAny(text, tok.start - gap, PREFIXES);
  if (
    pre &&
    pre[0].length === 1 &&
    WORD_ENDING_IN_QUALIFIER.test(text.slice(Math.max(0, tok.start - gap - 2), tok.start - gap - 1))
  )
    pre = undefined;
  if (pre) {
    // 超 is also the first half of 超过; endsWithAny tries longer words first
    spanStart = tok.start - gap - pre[0].length;
    if (comparatorFrom === 'none' || comparatorFrom === 'size') {
      comparator = pre[1];
      comparatorFrom = 'qualifier';
    }
  }
  // text taken from PDFs may put a space before the qualifier: "增长 6.5% 左右"
  const pad = text[end] === ' ' || text[end] === '\u3000' ? 1 : 0;
  let suf = startsWithAny(text, end + pad, SUFFIXES);
  // "5个上下游企业" is not "about 5"
  if (suf?.[0] === '上下' && CJK.test(text[end + pad + 2] ?? '')) suf = undefined;
  if (suf) {
    end += pad + suf[0].length;
    // 左右/以上/以内 win over a verb or a prefix (GUIDE.md §1: 左右 wins over 达到)
    comparator = suf[1];
    comparatorFrom = 'qualifier';
  }
  if (comparatorFrom === 'none') {
    const verb = endsWithAny(text, spanStart - (text[spanStart - 1] === ' ' ? 1 : 0), VERBS);
    if (verb) {
      comparator = verb[1];
      comparatorFrom = 'verb';
    }
  }
  const quantity = make();
  return { quantity, unitEnd: unitRead.end > end ? unitRead.end : end, accepted: true };

  function make(): Quantity {
    const q: Quantity = {
      span: [spanStart, end],
      numberSpan: [tok.start, tok.end],
      chinese: tok.chinese,
      value,
      unit,
      comparator,
      comparatorFrom,
    };
    if (comparator === '<=') q.bound = 'upper';
    else if (comparator === '>=' || comparator === '>') q.bound = 'lower';
    return q;
  }
}
