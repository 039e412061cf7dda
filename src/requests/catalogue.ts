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
 * getCatalogueVersion(catalogue, '2024-06-01T00:00:00Z').version // 1
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
 * findCatalogueRow(catalogue.versions[0]!, '积水')?.owner // { by: 'unit', unitId: 203 }
 */
export function findCatalogueRow(version: CatalogueVersion, category: string): CatalogueRow | undefined {
  return version.rows.find((r) => r.category === category);
}

/**
 * A row by category; throws BAD_INPUT "unknown category" listing the known ones.
 * @example
 * getCatalogueRow(catalogue.versions[0]!, '供暖').finish // { amount: 48, calendar: 'natural_hours' }
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
 * addCatalogueVersion(catalogue, { effectiveFrom: '2025-01-01T00:00:00Z', note: '调整', rows }, units, now)
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
 * resolveOwner({ by: 'territory' }, '南口镇', units) // 110
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
 * deriveDispatchRules(catalogue, '噪声', '2024-06-01T00:00:00Z').rules.finish // { amount: 5, calendar: 'working_days' }
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
