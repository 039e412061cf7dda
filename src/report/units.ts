/**
 * Units after a numeral, with the multiplier written in them ("万户", "亿元", "万千瓦"), and the
 * units a Chinese numeral may count (GUIDE.md §1: "两次", "十连冠", "五成" count; "两区" does not).
 */

export const LATIN_UNITS = ['TWh', 'GWh', 'MWh', 'kWh', 'GW', 'MW', 'kW', 'km²', 'km', 'kg', 'm²', 'm³'];
/** A Latin unit right after the number, not the start of a longer word ("5G", "3D" are names). */
export const LATIN_UNIT_AFTER = new RegExp(`^(?:${LATIN_UNITS.join('|')})(?![A-Za-z])`);

// Units after a numeral; the regex tries longer ones first, so 平方公里 wins over 公里, 人次 over 人.
const BASE_UNITS = [
  // Latin units some reports keep ("装机容量500MW", "高速公路120km")
  ...LATIN_UNITS,
  '微克/立方米',
  '毫克/立方米',
  '微克每立方米',
  '毫克每立方米',
  '个百分点',
  '百分点',
  '个千分点',
  '千分点',
  '平方公里',
  '平方千米',
  '平方米',
  '立方米',
  '千瓦时',
  '千伏安',
  '标准箱',
  '标箱',
  '吨标准煤',
  '吨公里',
  '人公里',
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
  '航次',
  '批次',
  '兆瓦时',
  '兆瓦',
  '吉瓦',
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
  '小时',
  '分钟',
  ...'斤吨亩米元人户家个项所座栋幢套间宗条件张辆台部场次天倍种名位处篇只头艘架列片块棵株根孔盏笔份款类支例床年岁度升瓦分对册眼起批轮羽尾匹趟门首颗箱成番'.split(
    '',
  ),
  '%',
  '％',
  '‰',
];
// A streak: "九连增", "二十连丰", "十一连冠" (GUIDE.md §1 counts "十一连冠" as 11 连冠).
const STREAK = '连[增丰冠胜涨升稳跳降]';
// Units that begin common words: "5群30只" but not "5万群众"; "20发" but not "20发展"; "12期。"
// counts sessions but "二期工程" names a phase.
const GUARDED = ['群(?![众体落岛组英星])', '发(?=[，。、；,;）)\\s]|$)', '期(?=[，。、；,;）)\\s]|$)'];
const escape = (u: string): string => u.replace(/[/%]/g, (c) => '\\' + c);
const UNIT_RE = new RegExp(
  '^([ \\u3000]?)([余多])?(万亿|亿|万|千|百)?([余多])?(' +
    [STREAK, ...GUARDED, ...[...BASE_UNITS].sort((a, b) => b.length - a.length).map(escape)].join('|') +
    ')?(?:/(人|年|月|日|天|吨|亩|户|平方米|立方米|千瓦时|平方公里|公里))?((?:（间）|\\(间\\)))?',
);
const UNIT_NO_MULT_RE = new RegExp(UNIT_RE.source.replace('(万亿|亿|万|千|百)?', '()'));
const THOUSAND_UNIT = /^[ \u3000]?(?:千瓦|千伏|千米|千克|百分点|千分点)/;
// "2个多百分点", "3个多月": 多/余 inside the unit still reads "more than".
const COUNTED_MORE = /^[ \u3000]?个([多余])(百分点|千分点|月|工作日)/;

/** Chinese numerals may count only these; anything else after them ("两区", "七有") is a label. */
export const CHINESE_COUNT_UNITS = new Set([
  '个百分点',
  '百分点',
  '个千分点',
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
  '人次',
  '元',
  '美元',
  '倍',
  '成',
  '年',
  '场',
  '场次',
  '栋',
  '艘',
  '部',
  '亩',
  '公里',
  '公顷',
  '平方公里',
  '只',
  '头',
  '岁',
  '%',
  '番',
]);

/** A unit read after a numeral. */
export interface UnitRead {
  unit: string;
  end: number;
  base: string;
  /** 余/多 between number and unit: "300余种" reads ">" (GUIDE.md §1). */
  more: boolean;
}

export const isStreak = (base: string): boolean => base.length === 2 && base[0] === '连';

/**
 * Reads the unit after a numeral at `at`; `prefixFromNumeral` is a 万/亿 the numeral carried.
 * @example readUnit('1.2万户', 3, '') // { unit: '万户', base: '户', end: 5, more: false }
 */
export function readUnit(text: string, at: number, prefixFromNumeral: string): UnitRead {
  const window = text.slice(at, at + 12);
  const counted = COUNTED_MORE.exec(window);
  if (counted) {
    const base = `个${counted[2] ?? ''}`;
    return { unit: prefixFromNumeral + base, end: at + counted[0].length, base, more: true };
  }
  // "500千伏", "214万千瓦": a unit that starts like a multiplier is the unit itself
  const m = (THOUSAND_UNIT.test(window) ? UNIT_NO_MULT_RE : UNIT_RE).exec(window);
  if (!m) return { unit: prefixFromNumeral, end: at, base: '', more: false };
  const [, space = '', more1 = '', mult = '', more2 = '', written = '', per = '', jian = ''] = m;
  // "620多万套" and "1.2万余户" both say "more than"
  const more = more1 + more2;
  // a multiplier with no base ("人口2487万") still is a unit; nothing at all means no unit
  if (!mult && !written) return { unit: prefixFromNumeral, end: at, base: '', more: false };
  // "30微克每立方米" is written out; the unit is the same as "微克/立方米"
  const base = written;
  const unit = prefixFromNumeral + mult + base + (per ? '/' + per : '') + jian;
  return {
    unit,
    end:
      at + space.length + mult.length + more.length + base.length + (per ? per.length + 1 : 0) + jian.length,
    base,
    more: more !== '',
  };
}
