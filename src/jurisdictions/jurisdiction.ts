/**
 * Checking a jurisdiction's definition as a whole (every problem, each with its path, so the
 * parser can point at the cell), and turning it into what 接诉即办 runs on: the areas, the
 * units with the store's ids, the dispatch catalogue with unit ids.
 */
import { AppError, isAppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import type { Catalogue, CatalogueRow, OwnerRule } from '../requests/catalogue.js';
import type { Jurisdiction } from '../requests/places.js';
import type { RequestUnit } from '../requests/types.js';
import { addScoringScheme } from '../requests/scoring.js';
import { checkCode } from './codes.js';
import type { CatalogueRowDef, GeoPoint, JurisdictionDefinition, Ring } from './types.js';
import { LEVELS } from './types.js';
import { createUnitMatcher, listUnitConflicts } from './units.js';

/** The plausible box of China (incl. islands), to catch swapped latitude and longitude. */
const CHINA = { lat: [3, 54], long: [73, 136] } as const;

function checkPoint(point: GeoPoint, path: string, problems: ErrorDetail[]): void {
  const inChina = (lat: number, long: number) =>
    lat >= CHINA.lat[0] && lat <= CHINA.lat[1] && long >= CHINA.long[0] && long <= CHINA.long[1];
  if (!Number.isFinite(point.lat) || !Number.isFinite(point.long)) {
    problems.push({ path, message: '纬度和经度应为数字' });
  } else if (!inChina(point.lat, point.long)) {
    problems.push({
      path,
      message: inChina(point.long, point.lat)
        ? `纬度 ${point.lat}、经度 ${point.long} 像是填反了：纬度在前（如 40.07），经度在后（如 116.33）`
        : `纬度 ${point.lat}、经度 ${point.long} 不在中国境内`,
    });
  }
}

function checkRing(ring: Ring, path: string, problems: ErrorDetail[]): void {
  const first = ring[0];
  const last = ring.at(-1);
  if (ring.length < 4 || !first || !last || first[0] !== last[0] || first[1] !== last[1]) {
    problems.push({ path, message: '边界的每个环至少四个点，且首尾相同（闭合）' });
    return;
  }
  for (const [long, lat] of ring) {
    const before = problems.length;
    checkPoint({ lat, long }, path, problems);
    if (problems.length > before) return;
  }
}

/**
 * Every problem of a definition, each with its path (`areas.3.name`, `units.5.area`,
 * `catalogue.rows.2.owner`); an empty list when it is sound. Checks: name, level and code;
 * areas named once, with their communities once each, points in China, closed boundaries;
 * units named once under the naming rule, each office governing an area of the jurisdiction
 * and no area governed twice; catalogue categories and codes once, owners among the units,
 * 属地 rows only when every area has its office; Open311 services in the catalogue; the
 * scoring scheme's weights and credits.
 */
export function listJurisdictionProblems(def: JurisdictionDefinition): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (!def.name.trim()) problems.push({ path: 'name', message: '辖区名称不能为空' });
  if (!(LEVELS as readonly string[]).includes(def.level)) {
    problems.push({ path: 'level', message: `层级应为 ${LEVELS.join('、')} 之一` });
  } else {
    const codeProblem = checkCode(def.code, def.level);
    if (codeProblem) problems.push({ path: 'code', message: codeProblem });
  }
  if (def.parentCode !== undefined && !/^\d{6}$/.test(def.parentCode)) {
    problems.push({ path: 'parent', message: '上级的代码应为六位数字' });
  }

  const areaNames = new Map<string, number>();
  def.areas.forEach((area, i) => {
    const at = `areas.${i}`;
    if (!area.name.trim()) problems.push({ path: `${at}.name`, message: '街道（镇）名称不能为空' });
    const first = areaNames.get(area.name);
    if (first !== undefined)
      problems.push({ path: `${at}.name`, message: `「${area.name}」重复（第 ${first + 1} 个区域已有）` });
    else areaNames.set(area.name, i);
    const communities = new Set<string>();
    for (const c of area.communities) {
      if (communities.has(c)) problems.push({ path: `${at}.communities`, message: `社区（村）「${c}」重复` });
      communities.add(c);
    }
    if (area.centre) checkPoint(area.centre, `${at}.centre`, problems);
    if (area.boundary) {
      const polygons =
        area.boundary.type === 'Polygon' ? [area.boundary.coordinates] : area.boundary.coordinates;
      polygons.forEach((polygon, p) =>
        polygon.forEach((ring, r) => checkRing(ring, `${at}.boundary.${p}.${r}`, problems)),
      );
    }
  });

  problems.push(...listUnitConflicts(def.units, def.name));
  const governedBy = new Map<string, number>();
  def.units.forEach((unit, i) => {
    const at = `units.${i}`;
    if (!unit.name.trim()) problems.push({ path: `${at}.name`, message: '单位名称不能为空' });
    if (unit.area === undefined) return;
    if (unit.kind !== 'street' && unit.kind !== 'town') {
      problems.push({ path: `${at}.area`, message: '只有街道办事处和镇（乡）政府管辖街道、镇' });
    } else if (!areaNames.has(unit.area)) {
      problems.push({ path: `${at}.area`, message: `「${unit.area}」不是本辖区的街道或镇` });
    } else if (governedBy.has(unit.area)) {
      const other = def.units[governedBy.get(unit.area)!]!;
      problems.push({
        path: `${at}.area`,
        message: `「${unit.area}」已由「${other.name}」管辖，一个街道（镇）只有一个办事处（政府）`,
      });
    } else governedBy.set(unit.area, i);
  });

  if (def.catalogue) problems.push(...listCatalogueProblems(def, governedBy));
  for (const [i, code] of (def.open311.services ?? []).entries()) {
    const rows = def.catalogue?.rows ?? [];
    if (!rows.some((r) => (r.code ?? r.category) === code)) {
      problems.push({ path: `open311.services.${i}`, message: `派单目录中没有代码为「${code}」的类别` });
    }
  }
  if (def.scoring) {
    try {
      addScoringScheme({ schemes: [] }, def.scoring, def.scoring.effectiveFrom);
    } catch (error) {
      if (!isAppError(error)) throw error;
      problems.push(...error.details.map((d) => ({ path: `scoring.${d.path}`, message: d.message })));
    }
  }
  return problems;
}

function listCatalogueProblems(def: JurisdictionDefinition, governedBy: Map<string, number>): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const matcher = createUnitMatcher(def.units, def.name);
  const categories = new Set<string>();
  const codes = new Set<string>();
  if (Number.isNaN(Date.parse(def.catalogue!.effectiveFrom))) {
    problems.push({ path: 'catalogue.effectiveFrom', message: '生效时间不是日期' });
  }
  def.catalogue!.rows.forEach((row, i) => {
    const at = `catalogue.rows.${i}`;
    if (categories.has(row.category))
      problems.push({ path: `${at}.category`, message: `类别「${row.category}」重复` });
    categories.add(row.category);
    const code = row.code ?? row.category;
    if (codes.has(code)) problems.push({ path: `${at}.code`, message: `代码「${code}」重复` });
    codes.add(code);
    for (const key of ['sign', 'contact', 'finish', 'coFinish'] as const) {
      const rule = row[key];
      if (rule && (!Number.isInteger(rule.amount) || rule.amount <= 0)) {
        problems.push({ path: `${at}.${key}`, message: '时限应为正整数' });
      }
    }
    const named = ownerNames(row);
    for (const name of named) {
      if (!matcher.match(name)) problems.push({ path: `${at}.owner`, message: `单位表中没有「${name}」` });
    }
    if (row.owner.by === 'area') {
      for (const area of Object.keys(row.owner.units)) {
        if (!def.areas.some((a) => a.name === area)) {
          problems.push({ path: `${at}.owner`, message: `「${area}」不是本辖区的街道或镇` });
        }
      }
    }
    if (row.owner.by === 'territory') {
      const without = def.areas.filter((a) => !governedBy.has(a.name)).map((a) => a.name);
      if (without.length > 0) {
        problems.push({
          path: `${at}.owner`,
          message: `属地派单需要每个街道（镇）都有办事处（政府）：${without.join('、')} 没有`,
        });
      }
    }
  });
  return problems;
}

function ownerNames(row: CatalogueRowDef): string[] {
  switch (row.owner.by) {
    case 'territory':
      return [];
    case 'unit':
      return [row.owner.unit];
    case 'area':
      return [...Object.values(row.owner.units), row.owner.fallback];
  }
}

/**
 * Throws BAD_INPUT listing every problem of the definition; returns it when sound.
 * @example assertJurisdiction(definition).name // '北京市某区'
 */
export function assertJurisdiction(def: JurisdictionDefinition): JurisdictionDefinition {
  const problems = listJurisdictionProblems(def);
  if (problems.length > 0) {
    throw new AppError(
      'BAD_INPUT',
      `辖区「${def.name}」的设置有 ${problems.length} 处问题，未建立`,
      problems,
    );
  }
  return def;
}

/**
 * The areas as 接诉即办 checks and routes locations.
 * @example toRequestJurisdiction(def).areas[0]?.name // '江宁路街道'
 */
export function toRequestJurisdiction(def: Pick<JurisdictionDefinition, 'name' | 'areas'>): Jurisdiction {
  return {
    name: def.name,
    areas: def.areas.map((a) => ({
      name: a.name,
      kind: a.kind,
      communities: [...a.communities],
      ...(a.centre ? { lat: a.centre.lat, long: a.centre.long } : {}),
      ...(a.boundary ? { boundary: a.boundary } : {}),
    })),
  };
}

/**
 * The units with the ids `idOf` gives them (the store's, or 1… for a test), in order.
 * @example toRequestUnits(def, (_, i) => 101 + i)[0]?.id // 101
 */
export function toRequestUnits(
  def: Pick<JurisdictionDefinition, 'units'>,
  idOf: (unit: JurisdictionDefinition['units'][number], index: number) => number,
): RequestUnit[] {
  return def.units.map((u, i) => ({
    id: idOf(u, i),
    name: u.name,
    kind: u.kind,
    ...(u.area !== undefined ? { area: u.area } : {}),
  }));
}

/**
 * The catalogue (version 1) with owners resolved through the naming rule to `units`' ids.
 * Throws BAD_INPUT for an owner no unit matches (listJurisdictionProblems reports it first).
 * @example toCatalogue(def, units).versions[0]?.rows[0]?.owner // { by: 'unit', unitId: 301 }
 */
export function toCatalogue(
  def: Pick<JurisdictionDefinition, 'name' | 'catalogue'>,
  units: readonly { id: number; name: string; aliases?: readonly string[] }[],
): Catalogue {
  if (!def.catalogue) return { versions: [] };
  const matcher = createUnitMatcher(units, def.name);
  const idOf = (name: string, path: string): number => {
    const found = matcher.match(name);
    if (!found)
      throw new AppError('BAD_INPUT', `单位表中没有「${name}」`, [{ path, message: 'unknown unit' }]);
    return found.unit.id;
  };
  const rows = def.catalogue.rows.map((row, i): CatalogueRow => {
    const path = `catalogue.rows.${i}.owner`;
    const owner: OwnerRule =
      row.owner.by === 'territory'
        ? { by: 'territory' }
        : row.owner.by === 'unit'
          ? { by: 'unit', unitId: idOf(row.owner.unit, path) }
          : {
              by: 'area',
              units: Object.fromEntries(Object.entries(row.owner.units).map(([a, n]) => [a, idOf(n, path)])),
              fallbackUnitId: idOf(row.owner.fallback, path),
            };
    const { owner: _owner, ...rest } = row;
    return { ...structuredClone(rest), owner };
  });
  return {
    versions: [
      {
        version: 1,
        effectiveFrom: new Date(def.catalogue.effectiveFrom).toISOString(),
        note: def.catalogue.note,
        rows,
      },
    ],
  };
}
