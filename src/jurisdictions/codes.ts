/**
 * The 行政区划代码 (GB/T 2260, six digits: province PP, city CC, county DD; GB/T 10114 adds
 * three digits TTT for a street or township) and the levels they stand for, and where a
 * jurisdiction may sit under another.
 */
import type { ErrorDetail } from '../errors.js';
import type { Level } from './types.js';
import { LEVELS } from './types.js';

/** The province-level codes of GB/T 2260 (PP of PP0000). */
const PROVINCES = new Set([
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
]);
/** 直辖市: Beijing, Tianjin, Shanghai, Chongqing. A municipality is a 市 at the level of a 省. */
const MUNICIPALITIES = new Set(['11', '12', '31', '50']);
/** The code datasets give the country as a whole (GB/T 2260 has none). */
export const NATIONAL_CODE = '100000';

/** 国家 0 … 街乡 4. */
export function levelRank(level: Level): number {
  return LEVELS.indexOf(level);
}

/**
 * What is wrong with a code for a level, or undefined. 国家 is 100000; a 省 is PP0000 (a
 * 直辖市 may also be given as 市, PP0000); a 市 PPCC00; a 区县 PPCCDD; a 街乡 the nine digits of
 * GB/T 10114 (its county's six, then three).
 * @example checkCode('110114', '区县') // undefined
 * @example checkCode('110100', '区县') // '区县的代码末两位不能是00（110100 是市一级的代码）'
 */
export function checkCode(code: string, level: Level): string | undefined {
  const digits = level === '街乡' ? 9 : 6;
  if (!new RegExp(`^\\d{${digits}}$`).test(code)) {
    return level === '街乡' ? '街乡的代码应为九位数字（县级代码六位加乡级三位）' : '行政区划代码应为六位数字';
  }
  if (level === '国家') return code === NATIONAL_CODE ? undefined : `国家一级的代码为 ${NATIONAL_CODE}`;
  const pp = code.slice(0, 2);
  const cc = code.slice(2, 4);
  const dd = code.slice(4, 6);
  if (!PROVINCES.has(pp)) return `前两位 ${pp} 不是省级代码`;
  switch (level) {
    case '省':
      return cc === '00' && dd === '00' ? undefined : `省级代码应为 ${pp}0000`;
    case '市':
      if (cc === '00' && dd === '00')
        return MUNICIPALITIES.has(pp) ? undefined : `${code} 是省级代码，不是市一级`;
      return cc !== '00' && dd === '00' ? undefined : `市级代码应为 ${pp}${cc}00`;
    case '区县':
      return cc !== '00' && dd !== '00' ? undefined : `区县的代码末两位不能是00（${code} 是市一级的代码）`;
    case '街乡':
      return cc !== '00' && dd !== '00' && code.slice(6) !== '000' ? undefined : `${code} 不是街乡一级的代码`;
  }
}

/** The digits of a code that every jurisdiction under it shares. */
function significantPrefix(code: string, level: Level): string {
  switch (level) {
    case '国家':
      return '';
    case '省':
      return code.slice(0, 2);
    case '市':
      // A municipality given as 市 (PP0000) holds its districts by its two digits.
      return code.slice(2, 4) === '00' ? code.slice(0, 2) : code.slice(0, 4);
    case '区县':
      return code.slice(0, 6);
    case '街乡':
      return code;
  }
}

/**
 * Problems with placing `child` under `parent`: the child's level must be below the parent's
 * and its code must begin with the parent's (a county of city 4403 is 4403DD).
 * @example checkParent({ code: '440307', level: '区县' }, { code: '440300', level: '市' }) // []
 */
export function checkParent(
  child: { code: string; level: Level },
  parent: { code: string; level: Level },
  path = 'parent',
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (levelRank(child.level) <= levelRank(parent.level)) {
    problems.push({ path, message: `${child.level}不能设在${parent.level}之下` });
  }
  const prefix = significantPrefix(parent.code, parent.level);
  if (!child.code.startsWith(prefix)) {
    problems.push({
      path,
      message: `代码 ${child.code} 不在上级 ${parent.code} 之内（应以 ${prefix} 开头）`,
    });
  }
  return problems;
}
