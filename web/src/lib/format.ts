/**
 * Numbers, dates and units in the user's language (Intl). Values from the report stay as
 * written in Chinese; in English, a unit with a 万/亿 multiplier becomes a scaled number with
 * an English unit name where we know one ("1270亿元" → "127B yuan").
 */
export type Lang = 'zh-CN' | 'en';

const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(lang: Lang, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(lang, { maximumFractionDigits: 2, ...options });
    numberFormats.set(key, format);
  }
  return format;
}

/**
 * Date formats by language and options, made once: a new Intl.DateTimeFormat costs about a
 * millisecond of script (more on a slow phone), and the public page formats a date on each of
 * its rows (issue 15.4: 160 ms of its first render on a 4× slower CPU).
 */
const dateFormats = new Map<string, Intl.DateTimeFormat>();
function dateFormat(lang: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${lang}|${JSON.stringify(options)}`;
  let format = dateFormats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, options);
    dateFormats.set(key, format);
  }
  return format;
}

/** 12345.6 → "12,345.6" (both languages group by thousands). */
export function formatNumber(value: number, lang: Lang): string {
  return numberFormat(lang).format(value);
}

/** 0.625 → "62.5%" */
export function formatPercent(ratio: number, lang: Lang): string {
  return numberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(ratio);
}

/** "2022-06-30" → "2022年6月30日" / "Jun 30, 2022"; undefined or invalid → "—". */
export function formatDate(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  // A bare date is a calendar day, not a UTC instant: read it as local noon.
  const date = /^\d{4}-\d{2}-\d{2}$/.test(iso) ? new Date(`${iso}T12:00:00`) : new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormat(lang, { year: 'numeric', month: 'short', day: 'numeric' }).format(date);
}

/**
 * A file's size in the user's language, in steps of 1024 (the upload limit of 20 MB is 20 MiB).
 * @example formatBytes(1_310_720, 'zh-CN') // "1.3 MB"
 * @example formatBytes(512, 'en') // "512 bytes"
 */
export function formatBytes(bytes: number, lang: Lang): string {
  // "byte" is short for bytes in English ("512 byte"): the long name reads right in both.
  if (bytes < 1024)
    return numberFormat(lang, { style: 'unit', unit: 'byte', unitDisplay: 'long' }).format(bytes);
  const kib = bytes / 1024;
  const [value, unit] = kib < 1024 ? [kib, 'kilobyte'] : [kib / 1024, 'megabyte'];
  const options: Intl.NumberFormatOptions = { style: 'unit', unit, maximumFractionDigits: 1 };
  return numberFormat(lang, options).format(value);
}

const QUARTERS_ZH = ['一', '二', '三', '四'];

/**
 * A reporting period's key as offices write it: "2022-03" → "2022年3月" / "Mar 2022",
 * "2022-Q1" → "2022年第一季度" / "Q1 2022"; any other key as it is.
 * @example periodLabel('2022-12', 'zh-CN') // "2022年12月"
 */
export function periodLabel(key: string, lang: Lang): string {
  const month = /^(\d{4})-(\d{2})$/.exec(key);
  if (month) {
    const [year, m] = [Number(month[1]), Number(month[2])];
    if (lang !== 'en') return `${year}年${m}月`;
    return dateFormat('en', { year: 'numeric', month: 'short' }).format(new Date(year, m - 1, 15));
  }
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  if (quarter) {
    const q = Number(quarter[2]);
    return lang === 'en' ? `Q${q} ${quarter[1]}` : `${quarter[1]}年第${QUARTERS_ZH[q - 1]}季度`;
  }
  return key;
}

/** Date and time, for as-of stamps. */
export function formatDateTime(iso: string | null | undefined, lang: Lang): string {
  if (!iso) return '—';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dateFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

const MULTIPLIERS: [string, number][] = [
  ['万亿', 1e12],
  ['亿', 1e8],
  ['万', 1e4],
  ['千', 1e3],
];

const ENGLISH_UNITS: Record<string, string> = {
  元: 'yuan',
  美元: 'US dollars',
  人: 'people',
  人次: 'person-times',
  户: 'households',
  个: '',
  家: 'firms',
  项: 'items',
  所: 'schools',
  条: '',
  处: 'sites',
  套: 'units',
  间: 'rooms',
  辆: 'vehicles',
  吨: 'tonnes',
  千瓦: 'kW',
  平方米: 'm²',
  平方公里: 'km²',
  公里: 'km',
  米: 'm',
  亩: 'mu',
  公顷: 'ha',
  岁: 'years',
  年: 'years',
  天: 'days',
  倍: '×',
  张: '',
  棵: 'trees',
  株: 'trees',
  座: '',
  片: 'areas',
  台: 'units',
  所学校: 'schools',
  '%': '%',
  '‰': '‰',
  '': '',
};

/** Splits "万平方米" into [1e4, "平方米"]; no multiplier → [1, unit]. */
export function splitUnit(unit: string): [number, string] {
  for (const [prefix, factor] of MULTIPLIERS) {
    if (unit.startsWith(prefix) && unit.length > prefix.length) return [factor, unit.slice(prefix.length)];
  }
  return [1, unit];
}

/**
 * A value with its unit, in the user's language.
 * @example formatQuantity(6.5, '%', 'en') // "6.5%"
 * @example formatQuantity(1270, '亿元', 'en') // "127B yuan"
 * @example formatQuantity(9000, '人', 'zh-CN') // "9,000人"
 */
export function formatQuantity(value: number, unit: string, lang: Lang): string {
  if (lang === 'zh-CN') return `${formatNumber(value, lang)}${unit}`;
  if (unit === '%' || unit === '‰') return `${formatNumber(value, lang)}${unit}`;
  const [factor, base] = splitUnit(unit);
  const english = ENGLISH_UNITS[base];
  if (english === undefined) return `${formatNumber(value, lang)} ${unit}`;
  const scaled = value * factor;
  const number =
    factor === 1 ? formatNumber(scaled, lang) : numberFormat(lang, { notation: 'compact' }).format(scaled);
  if (english === '×') return `${number}×`;
  return english ? `${number} ${english}` : number;
}

/**
 * A promised value with its comparator word, in the word order of each language:
 * "6.5%左右", "48.5%以上" but "超过175亿元" in Chinese; "about 6.5%", "over 17.5B yuan" in English.
 * `word` is the translated comparator (empty for an exact value).
 */
export function formatPromise(
  value: number,
  unit: string,
  comparator: string,
  word: string,
  lang: Lang,
): string {
  const quantity = formatQuantity(value, unit, lang);
  if (!word) return quantity;
  if (lang === 'zh-CN') return comparator === '>' ? `${word}${quantity}` : `${quantity}${word}`;
  return `${word} ${quantity}`;
}
