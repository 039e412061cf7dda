/**
 * Units (departments, streets, towns) as the plan office keeps them: what makes a unit valid,
 * which offices govern an area (属地), what still refers to a unit before it may go, and how a
 * merge (机构改革) moves an item's units. Pure: the commands load and store (src/commands/units.ts).
 */
import { UNIT_KINDS as UNIT_KIND_CODES, UNIT_USAGE_KEYS } from '../contract/constants.js';
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import type { Unit, UnitKind } from './types.js';

export const UNIT_KINDS: readonly UnitKind[] = UNIT_KIND_CODES;
/** The kinds of unit that govern an area (街道办事处, 镇人民政府): 属地 dispatch looks for them. */
export const TERRITORIAL_KINDS: readonly UnitKind[] = ['street', 'town'];

/** What refers to a unit, by kind of reference: a unit is in use while any count is above 0. */
export interface UnitUsage {
  tasksLed: number;
  tasksCoLed: number;
  targetsLed: number;
  targetsCoLed: number;
  /** Users who act for the unit. */
  users: number;
  reports: number;
  /** 督办单, extension requests and closing applications about the unit's items. */
  supervision: number;
  evidenceFiles: number;
  requestOrdersLed: number;
  requestOrdersCoHandled: number;
  requestFollowUps: number;
  requestThemes: number;
  requestExemptions: number;
  /** Rows of the dispatch catalogue in force now or later that route orders to the unit. */
  catalogueRows: number;
  /** 知识库 entries the unit keeps (issue 20): they move with a merge. */
  knowledgeEntries: number;
}

/** Every key of UnitUsage, in the order messages list them (the API's vocabulary, src/contract). */
export { UNIT_USAGE_KEYS };
// The list and the interface name the same keys: a key added to one and not the other fails here.
const _everyKey: readonly (keyof UnitUsage)[] = UNIT_USAGE_KEYS;
const _everyListed = (key: keyof UnitUsage): (typeof UNIT_USAGE_KEYS)[number] => key;
void _everyKey;
void _everyListed;

/** How each count reads in an error message: "3 tasks it leads". */
const USAGE_WORDS: Record<keyof UnitUsage, string> = {
  tasksLed: 'tasks it leads',
  tasksCoLed: 'tasks it co-leads',
  targetsLed: 'targets it leads',
  targetsCoLed: 'targets it co-leads',
  users: 'users who act for it',
  reports: 'progress reports',
  supervision: 'supervision records (notices, extensions, closings)',
  evidenceFiles: 'evidence files',
  requestOrdersLed: 'work orders it holds',
  requestOrdersCoHandled: 'work orders it co-handles',
  requestFollowUps: 'follow-up records',
  requestThemes: 'monthly themes',
  requestExemptions: 'ranking exemptions',
  catalogueRows: 'rows of the dispatch catalogue in force',
  knowledgeEntries: 'knowledge-base entries',
};

/** True when any count is above 0. */
export function isUnitInUse(usage: UnitUsage): boolean {
  return UNIT_USAGE_KEYS.some((key) => usage[key] > 0);
}

/**
 * One detail per non-zero count, `usage.<key>`: "3 tasks it leads".
 * @example describeUnitUsage({ ...none, tasksLed: 3 }) // [{ path: 'usage.tasksLed', message: '3 tasks it leads' }]
 */
export function describeUnitUsage(
  usage: UnitUsage,
  keys: readonly (keyof UnitUsage)[] = UNIT_USAGE_KEYS,
): ErrorDetail[] {
  return keys
    .filter((key) => usage[key] > 0)
    .map((key) => ({ path: `usage.${key}`, message: `${usage[key]} ${USAGE_WORDS[key]}` }));
}

/** Only a street or town office governs an area (属地 dispatch looks among them). */
export function checkUnitArea(kind: UnitKind, area: string | undefined): ErrorDetail[] {
  return area && !TERRITORIAL_KINDS.includes(kind)
    ? [{ path: 'area', message: `a ${kind} governs no area: only a street or town office does` }]
    : [];
}

/** Problems with a unit's name and kind (each given one only), each naming its field. */
export function checkUnitFields(fields: {
  name?: string | undefined;
  kind?: UnitKind | undefined;
}): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  if (fields.name !== undefined && !fields.name)
    problems.push({ path: 'name', message: 'must not be empty' });
  if (fields.kind !== undefined && !UNIT_KINDS.includes(fields.kind))
    problems.push({ path: 'kind', message: `must be one of ${UNIT_KINDS.join(', ')}` });
  return problems;
}

/** CONFLICT naming the unit that already governs `area`. */
export function areaTaken(area: string, other: { id: number; name: string }): AppError {
  return new AppError('CONFLICT', `${other.name} (unit ${other.id}) already governs ${area}`, [
    { path: 'area', message: `governed by unit ${other.id}` },
  ]);
}

/** CONFLICT naming the unit that already has the name. */
export function unitNameTaken(name: string, otherId: number, sameAs?: string): AppError {
  return sameAs === undefined
    ? new AppError('CONFLICT', `a unit named ${name} already exists (unit ${otherId})`, [
        { path: 'name', message: 'already taken' },
      ])
    : new AppError('CONFLICT', `「${name}」与「${sameAs}」按命名规则是同一单位 (unit ${otherId})`, [
        { path: 'name', message: `same unit as ${sameAs} by the naming rule` },
      ]);
}

/** CONFLICT for deleting or merging away the office of an area: its orders would reach no one. */
export function governsArea(unit: Unit, area: string, action: 'delete' | 'merge'): AppError {
  const fix =
    action === 'delete'
      ? 'give the area to another unit first'
      : 'give the area to another unit first, or merge into a street or town office that governs none';
  return new AppError(
    'CONFLICT',
    `unit ${unit.name} governs ${area}, whose territorial orders (属地) it receives: ${fix}`,
    [{ path: 'area', message: `governs ${area}` }],
  );
}

/**
 * Why unit `from` cannot merge into `into`, or undefined when it can: both reported for the
 * same plan and period (a merge cannot combine two reports), or `from` governs an area that
 * `into` cannot take over (it governs one already, or is no street or town office).
 */
export function findMergeRefusal(
  from: Unit,
  into: Unit,
  clashes: readonly { planId: number; periodKey: string }[],
): AppError | undefined {
  if (clashes.length > 0) {
    return new AppError(
      'CONFLICT',
      `both units reported for the same period (${clashes
        .map((c) => `plan ${c.planId} ${c.periodKey}`)
        .join(', ')}): a merge cannot combine two reports`,
      clashes.map((c) => ({ path: `reports.${c.planId}.${c.periodKey}`, message: 'reported by both units' })),
    );
  }
  // The absorbing office governs the area from now on: it must be free to (one area each).
  if (from.area !== undefined && (into.area !== undefined || !TERRITORIAL_KINDS.includes(into.kind))) {
    return governsArea(from, from.area, 'merge');
  }
  return undefined;
}

/** A plan item's units: its lead unit and its co-units. */
export interface ItemUnits {
  leadUnitId: number | null;
  coUnitIds: number[];
}

/**
 * An item's units once unit `from` merged into `into`: `into` takes its place, as lead or
 * co-unit, once each, never co-unit of an item it leads; co-units in id order.
 * @example deriveMergedItemUnits({ leadUnitId: 2, coUnitIds: [5, 7] }, 5, 2) // { leadUnitId: 2, coUnitIds: [7] }
 */
export function deriveMergedItemUnits(item: ItemUnits, from: number, into: number): ItemUnits {
  const leadUnitId = item.leadUnitId === from ? into : item.leadUnitId;
  // The absorbing unit may already help with the item, or now lead it: one entry each.
  const coUnitIds = [...new Set(item.coUnitIds.map((u) => (u === from ? into : u)))]
    .filter((u) => u !== leadUnitId)
    .sort((a, b) => a - b);
  return { leadUnitId, coUnitIds };
}

/**
 * A unit's kind from its name, for units named where no kind is given (the command line, a
 * jurisdiction's unit table): …街道 or its 办事处 a street, …镇 or …乡 (or its 人民政府) a town,
 * a company a enterprise, else a department.
 * @example deriveUnitKind('回龙观街道') // 'street'
 * @example deriveUnitKind('彭浦镇人民政府') // 'town'
 */
export function deriveUnitKind(name: string): UnitKind {
  const core = name.trim().replace(/办事处$|(人民)?政府$/, '');
  if (/(街道|地区)$/.test(core)) return 'street';
  if (core.endsWith('镇') || core.endsWith('乡')) return 'town';
  if (/公司|集团/.test(name)) return 'enterprise';
  return 'department';
}
