/**
 * Numerals as written in reports: Arabic (half- or full-width, with thousands separators and a
 * decimal point), Chinese (一百零五, 两万, 千亿, 六点八), and shares written in words (三分之一,
 * 百分之六点八). Reading what the numeral counts is numbers.ts's job.
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
 * Parses "六点八" (6.8): a Chinese integer part, 点, then one digit per decimal place.
 * @example parseChineseDecimal('十一点八') // 11.8 — from "比上年增长百分之十一点八"
 */
export function parseChineseDecimal(s: string): number | undefined {
  const dot = s.indexOf('点');
  if (dot <= 0 || dot === s.length - 1) return undefined;
  const head = s.slice(0, dot);
  const whole = head === '零' || head === '〇' ? 0 : parseChineseNumeral(head);
  if (whole === undefined) return undefined;
  let decimals = '';
  for (const ch of s.slice(dot + 1)) {
    const d = DIGIT[ch];
    if (d === undefined) return undefined;
    decimals += String(d);
  }
  return Number(`${whole}.${decimals}`);
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

/** A numeral found in the text, with what its own characters say. */
export interface NumeralToken {
  start: number;
  end: number;
  value: number;
  chinese: boolean;
  /** 万/亿 written in a Chinese numeral, moved into the unit ("千亿元" → 1000, "亿元"). */
  unitPrefix: string;
  /** Only 十百千万亿, no digit: a size like 千亿, 百万. */
  bareMagnitude: boolean;
  /** A share written in words: "三分之一" (1/3, no unit) or "百分之六十" (60, %). */
  fraction?: { unit: string };
}

// "1,234.5": a half-width comma between groups of three digits is a thousands separator. A
// Chinese numeral may carry decimals ("六点八"); numbers.ts decides whether 点 is a decimal point.
export const NUMERAL =
  /[0-9]{1,3}(?:,[0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9０-９]+(?:[.．][0-9０-９]+)?|[零〇一二两三四五六七八九十百千万亿]+(?:点[零〇一二三四五六七八九]+)?/g;
/** 1 where a numeral may start: a table lookup is several times faster than a regex scan. */
export const NUMERAL_START = new Uint8Array(65536);
for (const c of '0123456789０１２３４５６７８９零〇一二两三四五六七八九十百千万亿')
  NUMERAL_START[c.charCodeAt(0)] = 1;

export const isArabic = (raw: string): boolean => /^[0-9０-９]/.test(raw);

/**
 * Reads a numeral's value; undefined when the characters are not one number ("十四五"). A
 * trailing 万/亿/万亿 of a Chinese numeral belongs to the unit as written ("千亿元": 1000 亿元).
 */
export function readNumeral(raw: string, start: number): NumeralToken | undefined {
  const end = start + raw.length;
  if (isArabic(raw)) {
    const value = parseArabic(raw);
    return value === undefined
      ? undefined
      : { start, end, value, chinese: false, unitPrefix: '', bareMagnitude: false };
  }
  if (raw.includes('点')) {
    const value = parseChineseDecimal(raw);
    return value === undefined
      ? undefined
      : { start, end, value, chinese: true, unitPrefix: '', bareMagnitude: false };
  }
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

const CHINESE_PART = /^[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?/;

/**
 * "三分之一" → 1/3; "百分之六点八" → 6.8 %; undefined unless a smaller numerator follows 分之.
 * `raw` is the denominator, read at `start`; 分之 follows it.
 */
export function readChineseFraction(text: string, raw: string, start: number): NumeralToken | undefined {
  const at = start + raw.length + 2;
  const m = CHINESE_PART.exec(text.slice(at, at + 10));
  const den = parseChineseNumeral(raw);
  const num = m ? (m[0].includes('点') ? parseChineseDecimal(m[0]) : parseChineseNumeral(m[0])) : undefined;
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

/**
 * The second end of a range written in words after a percentage: "百分之八至九" or
 * "百分之四至百分之五" (9 or 5, %), read at `at` (after the joiner).
 */
export function readChinesePercentEnd(text: string, at: number): NumeralToken | undefined {
  const lead = text.startsWith('百分之', at) ? 3 : 0;
  const m = CHINESE_PART.exec(text.slice(at + lead, at + lead + 8));
  if (!m) return undefined;
  const value = m[0].includes('点') ? parseChineseDecimal(m[0]) : parseChineseNumeral(m[0]);
  if (value === undefined || value >= 100) return undefined;
  return {
    start: at,
    end: at + lead + m[0].length,
    value,
    chinese: true,
    unitPrefix: '',
    bareMagnitude: false,
    fraction: { unit: '%' },
  };
}
