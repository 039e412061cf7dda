/**
 * One set of units for plans and 接诉即办 (issue 14.5): a unit is found by its name, by one of
 * its aliases (简称), or by the naming rule below, so a plan's 「回龙观街道」 and the hotline's
 * 「回龙观街道办事处」 are the same unit.
 *
 * The rule (`unitKey`): two names are the same unit when they are equal after
 * 1. full-width letters and digits made half-width (NFKC) and spaces removed;
 * 2. the jurisdiction's own name at the start dropped, a department keeping the level word
 *    (「上海市静安区财政局」 and 「静安区财政局」 → 「区财政局」; 「静安区江宁路街道」 → 「江宁路街道」);
 * 3. a street or town office's title dropped: 「…街道办事处」 → 「…街道」, 「…镇人民政府」 and
 *    「…镇政府」 → 「…镇」 (乡 and 地区办事处 alike);
 * 4. a closing 「委员会」 written 「委」 (「区教育委员会」 → 「区教育委」).
 * Anything else (区发展改革委 for 区发展和改革委员会) is an alias the workbook lists.
 */
import type { ErrorDetail } from '../errors.js';
import type { JurisdictionUnit } from './types.js';

const OFFICE_TITLES: [RegExp, string][] = [
  [/街道办事处$/, '街道'],
  [/地区办事处$/, '地区'],
  [/镇(人民)?政府$/, '镇'],
  [/乡(人民)?政府$/, '乡'],
];

/** The components of a place name: 北京市昌平区 → [北京市, 昌平区]. */
function placeParts(place: string): string[] {
  return (
    place.match(/.+?(?:特别行政区|自治区|自治州|自治县|自治旗|新区|省|市|州|盟|地区|区|县|旗)/g) ?? [place]
  );
}

/**
 * The key two names of one unit share (the rule at the top of this file).
 * @example unitKey('静安区江宁路街道办事处', '上海市静安区') // '江宁路街道'
 * @example unitKey('上海市静安区财政局', '上海市静安区') // '区财政局'
 * @example unitKey('江宁路街道', '上海市静安区') // '江宁路街道'
 * @example unitKey('区教育委员会', '上海市静安区') // '区教育委'
 */
export function unitKey(name: string, place = ''): string {
  let key = name.normalize('NFKC').replace(/\s+/g, '');
  const parts = placeParts(place.normalize('NFKC').replace(/\s+/g, ''));
  const last = parts.at(-1) ?? '';
  const levelWord = /市$/.test(last) ? '市' : /县$/.test(last) ? '县' : /区$/.test(last) ? '区' : '';
  let prefixed = false;
  for (const prefix of [parts.join(''), last]) {
    if (levelWord && prefix.length > 1 && key.startsWith(prefix) && key.length > prefix.length) {
      key = key.slice(prefix.length);
      prefixed = true;
      break;
    }
  }
  for (const [title, short] of OFFICE_TITLES) key = key.replace(title, short);
  key = key.replace(/委员会$/, '委');
  // A street or town keeps its own name; a department of the place takes the level word (区财政局).
  return prefixed && !/(街道|地区|镇|乡)$/.test(key) ? levelWord + key : key;
}

/**
 * The office of a street or town under rules 3: 「回天街道」's office is
 * 「回天街道办事处」, a town's 「…镇人民政府」.
 * @example deriveOfficeName('江宁路街道') // '江宁路街道办事处'
 * @example deriveOfficeName('彭浦镇') // '彭浦镇人民政府'
 */
export function deriveOfficeName(area: string): string {
  if (/街道$/.test(area)) return `${area}办事处`;
  if (/地区$/.test(area)) return `${area}办事处`;
  if (/[镇乡]$/.test(area)) return `${area}人民政府`;
  return area;
}

/** How a name found its unit. */
export type UnitMatchKind = 'name' | 'alias' | 'rule';

export interface UnitMatch<U> {
  unit: U;
  by: UnitMatchKind;
}

/** Finds units by name, alias or rule (see the top of the file). */
export interface UnitMatcher<U> {
  match(name: string): UnitMatch<U> | undefined;
}

/**
 * A matcher over `units` of the jurisdiction named `place`. A name or alias another unit
 * holds is not a key of either (listUnitConflicts reports it); callers check first.
 * @example createUnitMatcher([{ name: '回天街道办事处', aliases: [] }], '某市某区').match('回天街道')?.by // 'rule'
 */
export function createUnitMatcher<U extends { name: string; aliases?: readonly string[] }>(
  units: readonly U[],
  place = '',
): UnitMatcher<U> {
  const byName = new Map<string, U>();
  const byAlias = new Map<string, U>();
  const byKey = new Map<string, U | null>();
  const addKey = (key: string, unit: U) => {
    const held = byKey.get(key);
    byKey.set(key, held === undefined || held === unit ? unit : null);
  };
  for (const unit of units) {
    byName.set(unit.name, unit);
    addKey(unitKey(unit.name, place), unit);
    for (const alias of unit.aliases ?? []) {
      byAlias.set(alias, unit);
      addKey(unitKey(alias, place), unit);
    }
  }
  return {
    match(name) {
      const trimmed = name.trim();
      const named = byName.get(trimmed);
      if (named) return { unit: named, by: 'name' };
      const aliased = byAlias.get(trimmed);
      if (aliased) return { unit: aliased, by: 'alias' };
      const keyed = byKey.get(unitKey(trimmed, place));
      return keyed ? { unit: keyed, by: 'rule' } : undefined;
    },
  };
}

/**
 * Names and aliases that would make two units one under the rule: each problem names both
 * (`path` is `units.i.name` or `units.i.aliases`, of the later unit).
 * @example listUnitConflicts([{ name: '回天街道', aliases: [], kind: 'street' }, { name: '回天街道办事处', aliases: [], kind: 'street' }], '')
 * // [{ path: 'units.1.name', message: '「回天街道办事处」与「回天街道」按命名规则是同一单位：合并为一行，另一个写作别名' }]
 */
export function listUnitConflicts(units: readonly JurisdictionUnit[], place: string): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const owner = new Map<string, { index: number; name: string }>();
  units.forEach((unit, index) => {
    const names: [string, string][] = [
      [unit.name, `units.${index}.name`],
      ...unit.aliases.map((a): [string, string] => [a, `units.${index}.aliases`]),
    ];
    const own = new Set<string>();
    for (const [name, path] of names) {
      const key = unitKey(name, place);
      if (own.has(key)) continue;
      own.add(key);
      const held = owner.get(key);
      if (held && held.index !== index) {
        problems.push({
          path,
          message: `「${name}」与「${held.name}」按命名规则是同一单位：合并为一行，另一个写作别名`,
        });
      } else owner.set(key, { index, name });
    }
  });
  return problems;
}
