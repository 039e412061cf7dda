import { isChineseLabel, isNameAfter } from './labels.js';
import {
  NUMERAL,
  NUMERAL_START,
  isArabic,
  readChineseFraction,
  readChinesePercentEnd,
  readNumeral,
} from './numerals.js';
import type { NumeralToken } from './numerals.js';
import { SUFFIXES, VERBS, endsWithAny, prefixBefore, startsWithAny } from './qualifiers.js';
import type { Comparator, Span } from './types.js';
import { CHINESE_COUNT_UNITS, LATIN_UNIT_AFTER, isStreak, readUnit } from './units.js';
import type { UnitRead } from './units.js';

export { parseArabic, parseChineseDecimal, parseChineseNumeral } from './numerals.js';

/**
 * Lexical reading of quantities: a numeral, its unit and the qualifier words tight around it,
 * ranges — and the labels that look like numbers but are not measurements (GUIDE.md §1 "Not
 * counted", labels.ts). Context (kind, period, metric) is items.ts's job.
 */

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
  /**
   * The size of the people or the place as it stands ("近14亿人口的发展中大国"): a fact of the
   * past year wherever it is written (GUIDE.md §1, background quantities).
   */
  background?: boolean;
  /** Second of two figures joined by 到 after a change ("累计提高40.5%到85.2%"): a level reached. */
  reached?: boolean;
}

// After "1/10" a unit means a date or a rate per unit ("3/4号线"), not a share.
const CJK_UNIT_AFTER = /[号月日年期次个]/;
// Arabic numerals glued to these are names: PM2.5, 5G, "1+6", "7×24小时".
const ASCII_NEIGHBOUR = /[A-Za-z+＋#·_@&×＊*]/;
// "6%-6.5%", "6%～7%", "6%至7%": a joiner right after the first number's unit. 到 after a unit is
// a second figure, not a range ("累计提高40.5%到85.2%"), unless the first has no unit ("6到8个").
const RANGE_JOIN = /^(?:[-－—–~～]{1,2}|至|到)/;
const CJK = /[\u4e00-\u9fff]/;
// After a percentage only these may follow; "1%人口抽样调查" names a survey (GUIDE.md §1).
const AFTER_PERCENT_OK =
  /^(?:[的和及与、以左上下内至到或为是并降提增减扩缩安计实达保分，。；：！？,.;:!?\s）)”’」』~～\-－—–]|一档)/;
// Verbs of reaching a size before a bare magnitude like 千座 ("提前建成千座公园城市").
const MAGNITUDE_VERB =
  /(?:建成|突破|跨入|跨越|迈上|跨上|站上|登上|跃上|迈入|达到|达|超过|形成|打造|培育|举办|开展|组织|带动|吸引|培训|服务|惠及|帮助|新增|引进|建设|实施)$/;
// First characters of what may follow a Chinese numeral that counts (units.ts, 级, 半, 余/多).
const CHINESE_NEXT = /[个家所座项件条次名位处种台辆套户人元美倍成连年场栋艘部亩公平级半余多对只头岁番%]/;
// Comparisons a bare ratio follows ("收入倍差从2.01缩小至1.85", "男女之比1：1").
const RATIO_WORD = /比|倍差|系数|指数|比值/;
// Changes of a level ("累计提高40.5%到85.2%"), unlike a growth rate ("增长6%到7%" is a range).
const CHANGE_BEFORE = /(?:提高|提升|上升|增加|扩大|降低|下降|减少|缩小|压减|压降)$/;
// Verbs of change that make an age or a duration a value ("从80.1岁提升至82岁").
const CHANGE_AFTER =
  /^(?:提升|提高|增加|增长|延长|缩短|下降|降低|减少|降至|增至|到|至|以上|以内|左右|，|,|。|；|、)/;

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
  for (let i = Math.max(0, from); i < stop; i++) {
    if (NUMERAL_START[text.charCodeAt(i)] !== 1) continue;
    re.lastIndex = i;
    const m = re.exec(text);
    if (!m) continue;
    // A digit run is read once: its value and what follows are looked at a bounded distance
    // from its end, so a run of 200,000 digits costs one pass (issue 13, class 8).
    const got = m[0].length > 40 ? undefined : readAt(text, m[0], i);
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

function isYear(tok: NumeralToken): boolean {
  if (tok.chinese || tok.end - tok.start !== 4) return false;
  return tok.value >= 1900 && tok.value <= 2100 && Number.isInteger(tok.value);
}

interface Read {
  quantities: Quantity[];
  end: number;
}

function readAt(text: string, raw: string, start: number): Read | undefined {
  // "三分之一", "百分之六点八": a share written in words (GUIDE.md §1 counts "近一半" as 0.5)
  if (!isArabic(raw) && text.startsWith('分之', start + raw.length)) {
    const fraction = readChineseFraction(text, raw, start);
    if (!fraction) return { quantities: [], end: start + raw.length };
    const one = readOne(text, fraction);
    if (!one) return { quantities: [], end: fraction.end };
    return readRangeEnd(text, one) ?? { quantities: [one.quantity], end: one.quantity.span[1] };
  }
  // Most Chinese numerals in prose are words (统一, 一批, 万众); only a unit after one may count.
  const next = text[start + raw.length] ?? '';
  if (
    !isArabic(raw) &&
    !CHINESE_NEXT.test(next) &&
    !(/^[百千万亿]+$/.test(raw) && (prefixBefore(text, start) || isSizeAround(text, start, raw)))
  ) {
    return undefined;
  }
  const tok = readNumeral(raw, start);
  if (!tok) return undefined;
  const before = text[start - 1] ?? '';
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
  // ordinals, ranks and denominators: 第六届, 前五位, 每10万人口
  if (before === '第' || before === '前' || before === '其' || before === '每')
    return { quantities: [], end: tok.end };

  // A year or a date: "2022年", "12月15日", "2021-2025年"
  if (isYear(tok)) {
    const after = text.slice(tok.end, tok.end + 6);
    const range = /^(?:[-－—–~～至到]{1,2})([0-9]{4})/.exec(after);
    if (/^(?:年|[-－—–~～至到、]{1,2}[0-9]{2,4}年)/.test(after))
      return { quantities: [], end: tok.end + (range ? range[0].length : 0) };
    if (range) return { quantities: [], end: tok.end + range[0].length };
  }
  if (/[月日号时点秒]/.test(next) && !tok.chinese) return { quantities: [], end: tok.end };
  if (/[月日号时秒]/.test(next) && tok.chinese) return { quantities: [], end: tok.end };

  const share = readShare(text, tok);
  if (share) return share;
  const ratio = readTwoPartRatio(text, tok);
  if (ratio) return ratio;

  const first = readOne(text, tok);
  if (!first) return { quantities: [], end: tok.end };
  const range = readRangeEnd(text, first);
  if (range) return range;
  if (!first.accepted) return { quantities: [], end: first.unitEnd };
  return { quantities: [first.quantity], end: first.quantity.span[1] };
}

/**
 * A bare size after 上 ("上亿市场主体") or in 以X计 ("以千万计"), or — when a unit follows it —
 * after a counting verb ("举办千场", "带动万名"; not "形成万卡级").
 */
function isSizeAround(text: string, start: number, raw: string, withUnit = false): boolean {
  const before = text.slice(Math.max(0, start - 4), start);
  if (/(?<![成数千百万亿])上$/.test(before)) return true;
  if (withUnit && MAGNITUDE_VERB.test(before)) return true;
  return before.endsWith('以') && text[start + raw.length] === '计';
}

/** "约占全国1/10": a share, 0.1 with no unit (not a date like 2021/12/15). */
function readShare(text: string, tok: NumeralToken): Read | undefined {
  if (tok.chinese || text[tok.end] !== '/' || text[tok.start - 1] === '/') return undefined;
  const m = /^\/([0-9]{1,4})(?![0-9.%％])/.exec(text.slice(tok.end, tok.end + 6));
  const den = Number(m?.[1]);
  if (
    !m ||
    den <= tok.value ||
    !Number.isInteger(tok.value) ||
    /[/／]/.test(text[tok.end + m[0].length] ?? '') ||
    CJK_UNIT_AFTER.test(text[tok.end + m[0].length] ?? '')
  )
    return undefined;
  const end = tok.end + m[0].length;
  const q: Quantity = {
    span: [tok.start, end],
    numberSpan: [tok.start, end],
    chinese: false,
    value: tok.value / den,
    unit: '',
    comparator: '=',
    comparatorFrom: 'none',
  };
  return { quantities: [q], end };
}

/**
 * "男女之比1：1", "城乡收入比收窄至2：1以内": a ratio of two parts after a word of comparison, read
 * as its first part over a base of 1 (one item), or as two items when the base is not 1.
 */
function readTwoPartRatio(text: string, tok: NumeralToken): Read | undefined {
  if (tok.chinese || /[：:∶︰]/.test(text[tok.start - 1] ?? '')) return undefined;
  const m = /^[：:∶︰]([0-9]+(?:\.[0-9]+)?)(?![0-9.：:∶︰])/.exec(text.slice(tok.end, tok.end + 12));
  if (!m) return undefined;
  const suffix = startsWithAny(text, tok.end + m[0].length, SUFFIXES);
  const clause =
    text
      .slice(Math.max(0, tok.start - 16), tok.start)
      .split(/[，,。；;：:]/)
      .pop() ?? '';
  // a clock time (8:30) has no word of comparison before it and no qualifier after
  if (!RATIO_WORD.test(clause) && !suffix) return undefined;
  const base = Number(m[1]);
  const end = tok.end + m[0].length + (suffix ? suffix[0].length : 0);
  const comparator: Comparator = suffix ? suffix[1] : '=';
  const q = (span: Span, value: number): Quantity => ({
    span,
    numberSpan: [span[0], span[0] + (value === tok.value ? tok.end - tok.start : (m[1] ?? '').length)],
    chinese: false,
    value,
    unit: '',
    comparator,
    comparatorFrom: suffix ? 'qualifier' : 'none',
  });
  if (base === 1) return { quantities: [q([tok.start, end], tok.value)], end };
  const at = tok.end + 1;
  return { quantities: [q([tok.start, tok.end], tok.value), q([at, end], base)], end };
}

/** The words of the clause before `at`, up to 16 characters. */
function clauseBefore(text: string, at: number): string {
  return (
    text
      .slice(Math.max(0, at - 16), at)
      .split(/[，,。；;：:]/)
      .pop() ?? ''
  );
}

interface OneRead {
  quantity: Quantity;
  unitEnd: number;
  /** False when it may only stand as the low end of a range ("6-6.5%"). */
  accepted: boolean;
}

/** Ranges "6%-6.5%", "6-6.5%", "百分之八至九": two items, ">=" then "<=" (GUIDE.md §1). */
function readRangeEnd(text: string, first: OneRead): Read | undefined {
  const join = RANGE_JOIN.exec(text.slice(first.unitEnd, first.unitEnd + 2));
  if (!join) return undefined;
  const at = first.unitEnd + join[0].length;
  const fq = first.quantity;
  let tok2: NumeralToken | undefined;
  if (fq.chinese && fq.unit === '%') tok2 = readChinesePercentEnd(text, at);
  else {
    const m = /^[0-9０-９]+(?:[.．][0-9０-９]+)?/.exec(text.slice(at, at + 20));
    tok2 = m ? readNumeral(m[0], at) : undefined;
  }
  if (!tok2) return undefined;
  const after2 = text[tok2.end] ?? '';
  if (!tok2.chinese && (after2 === '月' || after2 === '日' || after2 === '号'))
    return { quantities: [], end: tok2.end + 1 };
  const second = readOne(text, tok2);
  if (!second) return undefined;
  const unit = fq.unit || second.quantity.unit;
  if (unit !== second.quantity.unit) return undefined;
  // "累计提高40.5%到85.2%": a change, then the level it reached — two figures, not a range
  if (
    join[0] === '到' &&
    fq.unit !== '' &&
    first.accepted &&
    CHANGE_BEFORE.test(clauseBefore(text, fq.span[0]))
  ) {
    const level: Quantity = { ...second.quantity, reached: true };
    return { quantities: [fq, level], end: second.quantity.span[1] };
  }
  const low: Quantity = { ...fq, unit, comparator: '>=', comparatorFrom: 'range', bound: 'lower' };
  const high: Quantity = { ...second.quantity };
  if (high.comparatorFrom === 'none') {
    high.comparator = '<=';
    high.comparatorFrom = 'range';
    high.bound = 'upper';
  }
  return { quantities: [low, high], end: second.quantity.span[1] };
}

function readOne(text: string, tok: NumeralToken): OneRead | undefined {
  let unitRead: UnitRead = tok.fraction
    ? { unit: tok.fraction.unit, end: tok.end, base: tok.fraction.unit, more: false }
    : readUnit(text, tok.end, tok.unitPrefix);
  let value = tok.value;
  let unit = unitRead.unit;
  let comparator: Comparator = '=';
  let comparatorFrom: Quantity['comparatorFrom'] = 'none';
  let end = unitRead.end;
  let spanStart = tok.start;
  let groupSize = false;
  const before = text[tok.start - 1] ?? '';
  const base = unitRead.base;

  // Size classes: "千亿级产业集群" is 1000 亿元 with ">=" (GUIDE.md §1)
  const sizedMoney = /[万亿](?:元|美元)$/.test(unit);
  if (text[end] === '级' && ((/亿$/.test(unit) && !base) || sizedMoney)) {
    // "千亿级" leaves 元 unsaid; "千亿元级" says it; "千万级人口城市" is no amount of money
    if (!sizedMoney) unit = unit + '元';
    end += 1;
    comparator = '>=';
    comparatorFrom = 'size';
  }

  if (tok.chinese && !tok.fraction) {
    // "近一半" is 0.5 (GUIDE.md §1); a bare 一 is almost always an article (一批, 一流), but
    // "增长一倍", "提高一个百分点" and "翻一番" count
    if (value === 1 && tok.unitPrefix === '' && !tok.bareMagnitude) {
      if (text[tok.end] === '半') {
        value = 0.5;
        unit = '';
        end = tok.end + 1;
        unitRead = { unit: '', end, base: '', more: false };
      } else if (!/^(?:倍|个百分点|番)/.test(text.slice(tok.end, tok.end + 4))) return undefined;
      // "翻一番" says 翻番, a word with no numeral (GUIDE.md §1); "翻两番" is 2 番
      else if (text[tok.end] === '番') return undefined;
    }
    if (comparatorFrom !== 'size' && value !== 0.5) {
      const sized = tok.bareMagnitude && (base !== '' || prefixBefore(text, tok.start) !== undefined);
      if (
        !CHINESE_COUNT_UNITS.has(base) &&
        !isStreak(base) &&
        !sized &&
        !isSizeAround(text, tok.start, text.slice(tok.start, tok.end), base !== '')
      )
        return undefined;
      if (isChineseLabel(text, tok, base, end)) return undefined;
      // a bare size (千座, 上亿) counts after a verb of reaching, 上, or a tight qualifier only
      if (tok.bareMagnitude) {
        const pre = prefixBefore(text, tok.start);
        const suffix = startsWithAny(text, end, SUFFIXES);
        if (!pre && !suffix && !isSizeAround(text, tok.start, text.slice(tok.start, tok.end), base !== ''))
          return undefined;
        if (!pre) {
          comparator = '>=';
          comparatorFrom = 'size';
          // "上亿市场主体", "以千万计": 上 and 以…计 are part of what is quoted; both describe the
          // size of a group as it stands, a background fact
          if (text[tok.start - 1] === '上' && !/[成数千百万亿]/.test(text[tok.start - 2] ?? '')) {
            spanStart = tok.start - 1;
            groupSize = true;
          }
          if (text[tok.start - 1] === '以' && text[end] === '计') {
            spanStart = tok.start - 1;
            end += 1;
            groupSize = true;
          }
        }
      }
    }
  } else if (!tok.fraction && !base && !unitRead.unit) {
    if (!isBareRatio(text, tok, end)) return { quantity: make(), unitEnd: end, accepted: false };
  }

  // "近14亿人口的发展中大国", "14亿中国人的饭碗": the size of the people, a background fact; in
  // 人口 the 人 belongs to the noun, so the unit is the bare multiplier ("14亿")
  if (base === '人' && text[end] === '口' && unit.length > 1) {
    unit = unit.slice(0, -1);
    end -= 1;
  }
  const background =
    groupSize || (/^(?:万亿|亿|万)$/.test(unit) && /^(?:中国人|人口|人民)/.test(text.slice(end, end + 3)));
  // "建设56个民族共同团结奋斗…的美好家园": the nation's peoples are no measure of performance
  if (base === '个' && text.startsWith('民族', end)) return undefined;
  if (isNameAfter(text, tok, base, end, comparatorFrom === 'size')) return undefined;
  if (base === '%' || base === '％' || base === '‰') {
    if (CJK.test(text[end] ?? '') && !AFTER_PERCENT_OK.test(text.slice(end, end + 2))) return undefined;
  }
  // "24小时开放", "15分钟社区生活圈", "60岁以上人口", "500千伏输变电工程": a duration, age or grade
  // used as a name (GUIDE.md §1) — but not "从80.1岁提升至82岁", where it is a value that changes
  if (base === '小时' || base === '分钟' || base === '岁' || base === '千伏') {
    const rest = text.slice(end, end + 4).replace(/^(?:以内|之内|以上|以下|左右)/, '');
    const changing = CHANGE_AFTER.test(text.slice(end, end + 2)) || /[从由至到]$/.test(before);
    if (CJK.test(rest[0] ?? '') && !rest.startsWith('内') && !changing) return undefined;
    if (/^以上/.test(text.slice(end, end + 2)) && CJK.test(text[end + 2] ?? '') && base === '岁')
      return undefined;
  }
  if (base === '年' && !text.startsWith('连续', tok.start - 2) && !tok.chinese) return undefined;
  // "满意度95.6分" is a score; "3分" before other words is not ("3分钱" and the like)
  if (base === '分' && CJK.test(text[end] ?? '') && !/^(?:以上|以内|左右)/.test(text.slice(end, end + 2))) {
    return undefined;
  }

  if (unitRead.more) {
    comparator = '>';
    comparatorFrom = 'qualifier';
  }
  const gap = text[tok.start - 1] === ' ' || text[tok.start - 1] === '\u3000' ? 1 : 0;
  const pre = spanStart === tok.start ? prefixBefore(text, tok.start - gap) : undefined;
  if (pre) {
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
  } else if (
    text[end] === '多' &&
    /^(?:倍|个百分点|百分点|番)$/.test(base) &&
    !CJK.test(text[end + 1] ?? '')
  ) {
    // "增长2倍多": 多 after the unit reads ">" like "620多万套"
    end += 1;
    comparator = '>';
    comparatorFrom = 'qualifier';
  }
  // "将近翻一番": the qualifier stands before 翻
  if (comparatorFrom === 'none' && base === '番') {
    const lead = /翻了?$/.exec(text.slice(Math.max(0, tok.start - 2), tok.start));
    const qualifier = lead ? prefixBefore(text, tok.start - lead[0].length) : undefined;
    if (qualifier) {
      comparator = qualifier[1];
      comparatorFrom = 'qualifier';
    }
  }
  if (comparatorFrom === 'none') {
    const verb = endsWithAny(text, spanStart - (text[spanStart - 1] === ' ' ? 1 : 0), VERBS);
    if (verb) {
      comparator = verb[1];
      comparatorFrom = 'verb';
    }
  }
  const quantity = make();
  if (background) quantity.background = true;
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

/**
 * A bare Arabic number is a value only as a ratio: with a qualifier ("收入比保持在1.75左右"),
 * after a word of comparison ("收入倍差从2.01缩小至1.85"), or in a chain ("4.0∶37.7∶58.3");
 * a decimal glued to a name is a version ("数字政府3.0").
 */
function isBareRatio(text: string, tok: NumeralToken, end: number): boolean {
  if (startsWithAny(text, end, SUFFIXES)) return true;
  const before = text[tok.start - 1] ?? '';
  const decimal = /[.．]/.test(text.slice(tok.start, tok.end));
  const clause =
    text
      .slice(Math.max(0, tok.start - 16), tok.start)
      .split(/[，,。；;]/)
      .pop() ?? '';
  if (decimal && RATIO_WORD.test(clause) && /[为至到在是从由比：:]$/.test(clause)) return true;
  // "三次产业比重为4.0∶37.7∶58.3": every part of a ratio chain, but not the 1 of "2.50:1"
  // (a clock time "8:30" is no ratio: a chain has a decimal or three parts)
  const behind = text.slice(Math.max(0, tok.start - 14), tok.start);
  const chained =
    /[∶:︰：]/.test(before) &&
    /[0-9]/.test(text[tok.start - 2] ?? '') &&
    tok.value !== 1 &&
    (/[.．]/.test(behind.replace(/^.*[^0-9.．∶:︰：]/, '') + text.slice(tok.start, tok.end)) ||
      /[0-9][∶:︰：][0-9.]+[∶:︰：]$/.test(behind) ||
      /^[∶:︰：][0-9]/.test(text.slice(end, end + 2)));
  // …and its head: "三次产业结构调整为8.2:45.6:46.2" (three parts, so no clock time like 8:30)
  const chainHead = /^[∶:︰：][0-9]+(?:\.[0-9]+)?[∶:︰：][0-9]/.test(text.slice(end, end + 14));
  return chained || chainHead;
}
