/**
 * The dispatch catalogue (派单目录), versioned: each row names a request type, the unit that
 * owns it (by unit type and area) and its deadlines to sign, to contact the citizen and to
 * finish, each with its calendar. A new version takes effect from a date; orders keep the
 * version (and the rules) they were dispatched under, so a change never moves open deadlines.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import type { DeadlineRule, RequestUnit, WorkOrder } from './types.js';

/**
 * Who owns a request type:
 * - `territory`: the street or town office of the place (属地);
 * - `unit`: one named unit (a district department, a utility);
 * - `area`: a unit per area (e.g. one heating company per zone), with a fallback.
 */
export type OwnerRule =
  | { by: 'territory' }
  | { by: 'unit'; unitId: number }
  | { by: 'area'; units: Record<string, number>; fallbackUnitId: number };

export interface CatalogueRow {
  /** The request type as offices write it: '供暖', '积水'. */
  category: string;
  /** A stable ASCII code for APIs (Open311 service_code); the category when absent. */
  code?: string;
  /** Its group (大类), used as Open311 `group`. */
  group: string;
  description: string;
  /** Words that suggest this type, for the rules part of dispatch. */
  keywords: string[];
  owner: OwnerRule;
  /** A designated unit (指定单位) cannot return the order (no 退单). */
  designated: boolean;
  sign: DeadlineRule;
  contact: DeadlineRule;
  finish: DeadlineRule;
  /** Co-handling units' own deadline to report back to the lead; defaults to `finish`. */
  coFinish?: DeadlineRule;
}

export interface CatalogueVersion {
  version: number;
  /** ISO instant from which orders are dispatched under this version. */
  effectiveFrom: string;
  note: string;
  rows: CatalogueRow[];
}

/** Every version, oldest first; none is ever edited once added. */
export interface Catalogue {
  versions: CatalogueVersion[];
}

const wd = (amount: number): DeadlineRule => ({ amount, calendar: 'working_days' });
const hours = (amount: number): DeadlineRule => ({ amount, calendar: 'natural_hours' });

/** Rows of the example catalogue for Changping (units from CHANGPING_UNITS). */
export const CHANGPING_CATALOGUE_ROWS: CatalogueRow[] = [
  {
    category: '供暖',
    code: 'heating',
    group: '城市服务',
    description: '室内温度不达标、暖气不热、漏水等供热问题',
    keywords: ['供暖', '暖气', '供热', '室温', '不热', '采暖'],
    owner: { by: 'unit', unitId: 301 },
    designated: false,
    sign: hours(1),
    contact: hours(4),
    finish: hours(48),
  },
  {
    category: '积水',
    code: 'waterlogging',
    group: '城市服务',
    description: '道路、小区、下凹式立交桥等处积水',
    keywords: ['积水', '淹', '排水', '雨水', '内涝', '下水道'],
    owner: { by: 'unit', unitId: 203 },
    designated: false,
    sign: hours(1),
    contact: hours(4),
    finish: hours(72),
  },
  {
    category: '供水',
    code: 'water-supply',
    group: '城市服务',
    description: '停水、水压低、水质问题',
    keywords: ['停水', '水压', '自来水', '水质', '没水'],
    owner: { by: 'unit', unitId: 302 },
    designated: false,
    sign: hours(1),
    contact: hours(4),
    finish: hours(48),
  },
  {
    category: '物业',
    code: 'property',
    group: '住房',
    description: '物业服务、维修、收费纠纷',
    keywords: ['物业', '电梯', '维修', '物业费', '保安'],
    owner: { by: 'territory' },
    designated: false,
    sign: hours(2),
    contact: wd(1),
    finish: wd(7),
  },
  {
    category: '噪声',
    code: 'noise',
    group: '环境',
    description: '施工、商业、邻里噪声扰民',
    keywords: ['噪音', '噪声', '扰民', '施工', '夜间'],
    owner: { by: 'territory' },
    designated: false,
    sign: hours(2),
    contact: wd(1),
    finish: wd(5),
  },
  {
    category: '停车',
    code: 'parking',
    group: '交通',
    description: '乱停车、停车难、占用消防通道',
    keywords: ['停车', '车位', '乱停', '占道', '消防通道'],
    owner: { by: 'territory' },
    designated: false,
    sign: hours(2),
    contact: wd(1),
    finish: wd(7),
  },
  {
    category: '垃圾',
    code: 'refuse',
    group: '环境',
    description: '垃圾清运不及时、垃圾分类、堆放',
    keywords: ['垃圾', '清运', '分类', '堆放', '异味'],
    owner: { by: 'territory' },
    designated: false,
    sign: hours(2),
    contact: wd(1),
    finish: wd(5),
  },
  {
    category: '道路',
    code: 'roads',
    group: '交通',
    description: '道路破损、井盖缺失、路灯不亮',
    keywords: ['道路', '坑', '井盖', '路灯', '破损', '路面'],
    owner: { by: 'unit', unitId: 205 },
    designated: false,
    sign: hours(2),
    contact: wd(1),
    finish: wd(10),
  },
  {
    category: '拖欠工资',
    code: 'unpaid-wages',
    group: '劳动就业',
    description: '拖欠农民工工资、劳动报酬',
    keywords: ['工资', '拖欠', '欠薪', '农民工', '工钱'],
    owner: { by: 'unit', unitId: 204 },
    designated: true,
    sign: hours(2),
    contact: wd(1),
    finish: wd(15),
  },
  {
    category: '违法建设',
    code: 'illegal-building',
    group: '城市管理',
    description: '私搭乱建、违建',
    keywords: ['违建', '私搭乱建', '违法建设', '搭建', '加盖'],
    owner: { by: 'territory' },
    designated: false,
    sign: hours(2),
    contact: wd(1),
    finish: wd(15),
  },
  {
    category: '消费纠纷',
    code: 'consumer',
    group: '市场',
    description: '商家欺诈、预付卡、食品安全',
    keywords: ['退款', '预付卡', '商家', '消费', '食品', '办卡'],
    owner: { by: 'unit', unitId: 207 },
    designated: false,
    sign: hours(2),
    contact: wd(1),
    finish: wd(7),
  },
  {
    category: '教育',
    code: 'education',
    group: '公共服务',
    description: '入学、学位、校外培训',
    keywords: ['入学', '学位', '学校', '幼儿园', '培训'],
    owner: { by: 'unit', unitId: 208 },
    designated: false,
    sign: hours(2),
    contact: wd(1),
    finish: wd(10),
  },
  {
    category: '园林绿化',
    code: 'greening',
    group: '环境',
    description: '树木修剪、绿地养护、公园',
    keywords: ['树', '修剪', '绿地', '公园', '绿化', '树枝'],
    owner: { by: 'unit', unitId: 209 },
    designated: false,
    sign: hours(2),
    contact: wd(1),
    finish: wd(10),
  },
];

/** The example catalogue: one version in force from 2020-01-01 (Beijing). */
export const CHANGPING_CATALOGUE: Catalogue = {
  versions: [
    {
      version: 1,
      effectiveFrom: '2019-12-31T16:00:00.000Z',
      note: '昌平区派单目录（示例）',
      rows: CHANGPING_CATALOGUE_ROWS,
    },
  ],
};

function validateRows(rows: CatalogueRow[], units: RequestUnit[]): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const seen = new Set<string>();
  const codes = new Set<string>();
  const unitIds = new Set(units.map((u) => u.id));
  rows.forEach((row, i) => {
    const at = `rows.${i}`;
    if (!row.category.trim()) problems.push({ path: `${at}.category`, message: 'is empty' });
    if (seen.has(row.category))
      problems.push({ path: `${at}.category`, message: `「${row.category}」 appears twice` });
    seen.add(row.category);
    const code = row.code ?? row.category;
    if (codes.has(code)) problems.push({ path: `${at}.code`, message: `code ${code} appears twice` });
    codes.add(code);
    for (const key of ['sign', 'contact', 'finish', 'coFinish'] as const) {
      const rule = row[key];
      if (rule && (!Number.isInteger(rule.amount) || rule.amount <= 0)) {
        problems.push({ path: `${at}.${key}.amount`, message: 'must be a whole number > 0' });
      }
    }
    const owners =
      row.owner.by === 'unit'
        ? [row.owner.unitId]
        : row.owner.by === 'area'
          ? [...Object.values(row.owner.units), row.owner.fallbackUnitId]
          : [];
    for (const id of owners) {
      if (!unitIds.has(id)) problems.push({ path: `${at}.owner`, message: `unit ${id} does not exist` });
    }
  });
  return problems;
}

/**
 * The version in force at an instant: the latest whose effectiveFrom ≤ at. Throws NOT_FOUND
 * before the first version.
 * @example
 * getCatalogueVersion(CHANGPING_CATALOGUE, '2024-06-01T00:00:00Z').version // 1
 */
export function getCatalogueVersion(catalogue: Catalogue, at: string): CatalogueVersion {
  const t = Date.parse(at);
  let found: CatalogueVersion | undefined;
  for (const v of catalogue.versions) if (Date.parse(v.effectiveFrom) <= t) found = v;
  if (!found) throw new AppError('NOT_FOUND', `No dispatch catalogue in force at ${at}`);
  return found;
}

/**
 * A row by category, or undefined.
 * @example
 * findCatalogueRow(CHANGPING_CATALOGUE.versions[0]!, '积水')?.owner // { by: 'unit', unitId: 203 }
 */
export function findCatalogueRow(version: CatalogueVersion, category: string): CatalogueRow | undefined {
  return version.rows.find((r) => r.category === category);
}

/**
 * A row by category; throws BAD_INPUT "unknown category" listing the known ones.
 * @example
 * getCatalogueRow(CHANGPING_CATALOGUE.versions[0]!, '供暖').finish // { amount: 48, calendar: 'natural_hours' }
 */
export function getCatalogueRow(version: CatalogueVersion, category: string): CatalogueRow {
  const row = findCatalogueRow(version, category);
  if (!row) {
    throw new AppError('BAD_INPUT', `未知的诉求类别「${category}」`, [
      { path: 'category', message: `unknown; known: ${version.rows.map((r) => r.category).join('、')}` },
    ]);
  }
  return row;
}

/**
 * A new catalogue with one more version. It must take effect at or after `now` (a catalogue is
 * never changed retroactively) and after the last version; rows are validated against the units.
 * Throws BAD_INPUT with every problem.
 * @example
 * addCatalogueVersion(CHANGPING_CATALOGUE, { effectiveFrom: '2025-01-01T00:00:00Z', note: '调整', rows }, units, now)
 */
export function addCatalogueVersion(
  catalogue: Catalogue,
  draft: Omit<CatalogueVersion, 'version'>,
  units: RequestUnit[],
  now: string,
): Catalogue {
  const problems = validateRows(draft.rows, units);
  const last = catalogue.versions.at(-1);
  const from = Date.parse(draft.effectiveFrom);
  if (Number.isNaN(from)) problems.push({ path: 'effectiveFrom', message: 'is not an ISO instant' });
  else {
    if (from < Date.parse(now))
      problems.push({
        path: 'effectiveFrom',
        message: 'is in the past: catalogues never change retroactively',
      });
    if (last && from <= Date.parse(last.effectiveFrom)) {
      problems.push({
        path: 'effectiveFrom',
        message: `must be after version ${last.version} (${last.effectiveFrom})`,
      });
    }
  }
  if (problems.length > 0) throw new AppError('BAD_INPUT', 'The catalogue version is not valid', problems);
  const version: CatalogueVersion = {
    version: (last?.version ?? 0) + 1,
    effectiveFrom: new Date(from).toISOString(),
    note: draft.note,
    rows: structuredClone(draft.rows),
  };
  return { versions: [...catalogue.versions, version] };
}

/**
 * The unit that owns a row in an area. Throws BAD_INPUT when no unit covers a territorial area.
 * @example
 * resolveOwner({ by: 'territory' }, '南口镇', CHANGPING_UNITS) // 110
 */
export function resolveOwner(owner: OwnerRule, area: string, units: RequestUnit[]): number {
  if (owner.by === 'unit') return owner.unitId;
  if (owner.by === 'area') return owner.units[area] ?? owner.fallbackUnitId;
  const unit = units.find((u) => (u.kind === 'street' || u.kind === 'town') && u.area === area);
  if (!unit)
    throw new AppError('BAD_INPUT', `No street or town office covers 「${area}」`, [
      { path: 'location.area', message: 'no territorial unit' },
    ]);
  return unit.id;
}

/** What a dispatch needs from the catalogue: the rules copied onto the order. */
export interface DispatchRules {
  catalogueVersion: number;
  designated: boolean;
  rules: NonNullable<WorkOrder['rules']>;
}

/**
 * The rules of a category under the version in force at `at`.
 * @example
 * deriveDispatchRules(CHANGPING_CATALOGUE, '噪声', '2024-06-01T00:00:00Z').rules.finish // { amount: 5, calendar: 'working_days' }
 */
export function deriveDispatchRules(catalogue: Catalogue, category: string, at: string): DispatchRules {
  const version = getCatalogueVersion(catalogue, at);
  const row = getCatalogueRow(version, category);
  return {
    catalogueVersion: version.version,
    designated: row.designated,
    rules: { sign: row.sign, contact: row.contact, finish: row.finish, coFinish: row.coFinish ?? row.finish },
  };
}

/**
 * True when an owner rule routes orders to unit `unitId` (its own, one of its areas' offices,
 * or its fallback).
 * @example ownerNamesUnit({ by: 'unit', unitId: 4 }, 4) // true
 */
export function ownerNamesUnit(owner: OwnerRule, unitId: number): boolean {
  if (owner.by === 'unit') return owner.unitId === unitId;
  if (owner.by === 'area')
    return owner.fallbackUnitId === unitId || Object.values(owner.units).includes(unitId);
  return false;
}

/**
 * The owner rule with every unit id mapped by `id` (a merge's successor, or the store's ids of
 * the jurisdiction's units on first setup).
 * @example mapOwnerUnits({ by: 'unit', unitId: 4 }, (id) => (id === 4 ? 9 : id)) // { by: 'unit', unitId: 9 }
 */
export function mapOwnerUnits(owner: OwnerRule, id: (unitId: number) => number): OwnerRule {
  if (owner.by === 'unit') return { by: 'unit', unitId: id(owner.unitId) };
  if (owner.by === 'area') {
    return {
      by: 'area',
      units: Object.fromEntries(Object.entries(owner.units).map(([area, u]) => [area, id(u)])),
      fallbackUnitId: id(owner.fallbackUnitId),
    };
  }
  return owner;
}

/**
 * How many catalogue rows route orders to unit `unitId`, in the version in force at `at` and
 * in every version that takes effect later (older versions only explain orders dispatched).
 */
export function countRowsNamingUnit(catalogue: Catalogue, unitId: number, at: string): number {
  const when = Date.parse(at);
  const current =
    catalogue.versions.filter((v) => Date.parse(v.effectiveFrom) <= when).at(-1)?.version ?? -Infinity;
  return catalogue.versions
    .filter((v) => v.version >= current)
    .reduce((total, v) => total + v.rows.filter((row) => ownerNamesUnit(row.owner, unitId)).length, 0);
}

/**
 * The catalogue version a merge of unit `from` into `into` (机构改革) publishes at `at`: the
 * version in force with `into` in the place of `from`, effective at once (versions are never
 * edited; open orders keep theirs). Undefined when the catalogue does not route to `from`.
 * CONFLICT when a version scheduled after `at` exists and the catalogue names `from`: a version
 * effective now cannot be published before it.
 */
export function deriveMergedCatalogueVersion(
  catalogue: Catalogue,
  from: { id: number; name: string },
  into: { id: number; name: string },
  at: string,
  reason: string,
  units: RequestUnit[],
): CatalogueVersion | undefined {
  const when = Date.parse(at);
  const inForce = catalogue.versions.filter((v) => Date.parse(v.effectiveFrom) <= when).at(-1);
  const later = catalogue.versions.filter((v) => Date.parse(v.effectiveFrom) > when);
  const naming = [...(inForce ? [inForce] : []), ...later].filter((v) =>
    v.rows.some((row) => ownerNamesUnit(row.owner, from.id)),
  );
  const next = later[0];
  if (naming.length > 0 && next !== undefined) {
    throw new AppError(
      'CONFLICT',
      `catalogue version ${next.version} takes effect at ${next.effectiveFrom} and the catalogue routes ` +
        `orders to unit ${from.name}: a version without it cannot be published before that one; ` +
        'merge after it takes effect',
      [{ path: `catalogue.${next.version}`, message: `scheduled for ${next.effectiveFrom}` }],
    );
  }
  if (inForce === undefined || !naming.includes(inForce)) return undefined;
  const id = (unitId: number) => (unitId === from.id ? into.id : unitId);
  const rows = inForce.rows.map((row) => ({ ...row, owner: mapOwnerUnits(row.owner, id) }));
  const note = `${reason}（版本 ${inForce.version} 中的 ${from.name} 由 ${into.name} 承接）`;
  return addCatalogueVersion(catalogue, { effectiveFrom: at, note, rows }, units, at).versions.at(-1);
}
