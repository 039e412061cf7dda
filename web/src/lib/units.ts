/** Checks of the unit forms as the user types, and the server's refusals in the user's words. */
import { isApiError } from '../api/client';
import type { VersionedUnit, UnitUsage } from '../api/admin';
import { MAX_UNIT_NAME_LENGTH, UNIT_USAGE_KEYS } from '../../../src/contract/constants';
import type { UnitKind } from '../api/types';
import type { Problem } from './progress';

/** The longest unit name the server takes (the API's vocabulary). */
export const UNIT_NAME_MAX = MAX_UNIT_NAME_LENGTH;

/** Every kind of reference to a unit, in the order the server lists them. */
export const USAGE_KEYS: readonly (keyof UnitUsage)[] = UNIT_USAGE_KEYS;
const REQUEST_KEYS = new Set<string>(USAGE_KEYS.filter((key) => /^request|^catalogue/.test(key)));

/**
 * What is wrong with a unit name as typed, or undefined: required, at most 100 characters,
 * and not the name of another unit (`selfId`: the unit being renamed).
 * @example validateUnitName(' 区科委 ', [{ id: 2, name: '区科委' }]) // { key: 'admin.unitNameTaken', … }
 */
export function validateUnitName(
  name: string,
  units: readonly Pick<VersionedUnit, 'id' | 'name'>[],
  selfId?: number,
): Problem | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return { key: 'admin.required' };
  if (trimmed.length > UNIT_NAME_MAX) return { key: 'todo.noteTooLong', values: { max: UNIT_NAME_MAX } };
  const other = units.find((unit) => unit.id !== selfId && unit.name === trimmed);
  return other ? { key: 'admin.unitNameTaken', values: { name: trimmed } } : undefined;
}

/** True for the kinds of unit that govern an area (街道办事处, 镇人民政府): 属地 dispatch. */
export function isTerritorial(kind: UnitKind): boolean {
  return kind === 'street' || kind === 'town';
}

/** An area a unit may be given, and the other unit that governs it already (then not choosable). */
export interface AreaChoice {
  area: string;
  governedBy?: Pick<VersionedUnit, 'id' | 'name'>;
}

/**
 * The jurisdiction's areas as choices for unit `selfId`: each with the other unit that governs
 * it, if any (an area has one office). The unit's own area comes first when the list lacks it.
 * @example deriveAreaChoices(['城关街道'], [{ id: 2, name: '城关街道办事处', area: '城关街道' }], 1)
 * // [{ area: '城关街道', governedBy: { id: 2, name: '城关街道办事处' } }]
 */
export function deriveAreaChoices(
  areas: readonly string[],
  units: readonly Pick<VersionedUnit, 'id' | 'name' | 'area'>[],
  selfId?: number,
): AreaChoice[] {
  const own = units.find((unit) => unit.id === selfId)?.area;
  const names = own !== undefined && !areas.includes(own) ? [own, ...areas] : areas;
  return names.map((area) => {
    const other = units.find((unit) => unit.area === area && unit.id !== selfId);
    return other ? { area, governedBy: { id: other.id, name: other.name } } : { area };
  });
}

/**
 * What is wrong with the area chosen for a unit, or undefined: none chosen, or a kind that
 * governs none (the form then sends no area), is fine; else it must be one of `choices` that
 * no other unit governs (the list may have been read again since it was chosen).
 * @example validateUnitArea('西山街道', 'street', [{ area: '西山街道', governedBy: { id: 5, name: '西山街道办事处' } }])
 * // { key: 'admin.areaTaken', values: { area: '西山街道', name: '西山街道办事处' } }
 */
export function validateUnitArea(
  area: string | undefined,
  kind: UnitKind,
  choices: readonly AreaChoice[],
): Problem | undefined {
  if (area === undefined || !isTerritorial(kind)) return undefined;
  const choice = choices.find((c) => c.area === area);
  if (choice === undefined) return { key: 'admin.areaInvalid' };
  return choice.governedBy
    ? { key: 'admin.areaTaken', values: { area, name: choice.governedBy.name } }
    : undefined;
}

/**
 * Why the server refused to rename, delete or merge a unit, one line per reason (i18n keys):
 * each count of what still refers to it, periods both units reported for, a taken name, an
 * area it governs or that another unit governs, a dispatch catalogue version scheduled for
 * later that a merge's new version cannot precede (`catalogue.<version>`, its date as a Date for
 * i18next's `datetime` format), and a hint when 接诉即办 data is among the reasons. Empty when
 * the answer gives no reasons.
 */
export function deriveRefusal(error: unknown): Problem[] {
  if (!isApiError(error)) return [];
  const lines: Problem[] = [];
  let requests = false;
  for (const detail of error.details) {
    const usage = /^usage\.(\w+)$/.exec(detail.path)?.[1];
    const clash = /^reports\.\d+\.(.+)$/.exec(detail.path)?.[1];
    const scheduled = /^catalogue\.(\d+)$/.exec(detail.path)?.[1];
    if (usage !== undefined && (USAGE_KEYS as string[]).includes(usage)) {
      lines.push({ key: `admin.usage.${usage}`, values: { count: Number.parseInt(detail.message, 10) } });
      requests ||= REQUEST_KEYS.has(usage);
    } else if (clash !== undefined) {
      lines.push({ key: 'admin.reportClash', values: { period: clash } });
    } else if (scheduled !== undefined) {
      // src/store/unit-queries.ts moveRequestReferences: "scheduled for <effectiveFrom>".
      const at = new Date(/^scheduled for (.+)$/.exec(detail.message)?.[1] ?? Number.NaN);
      const version = Number.parseInt(scheduled, 10);
      lines.push(
        Number.isNaN(at.getTime())
          ? { key: 'admin.catalogueScheduledUndated', values: { version } }
          : { key: 'admin.catalogueScheduled', values: { version, at } },
      );
    } else if (detail.path === 'body.name') {
      lines.push({ key: 'admin.unitNameTakenServer' });
    } else if (detail.path === 'body.area') {
      const key = /^governed by/.test(detail.message)
        ? 'admin.areaTakenServer'
        : /governs no area/.test(detail.message)
          ? 'admin.areaNotTerritorial'
          : 'admin.areaInvalid';
      lines.push({ key });
    } else if (detail.path === 'area') {
      const area = /^governs (.+)$/.exec(detail.message)?.[1];
      if (area !== undefined) lines.push({ key: 'admin.governsArea', values: { area } });
    }
  }
  if (requests) lines.push({ key: 'admin.requestsHint' });
  return lines;
}

/** The non-zero counts of a merge's `moved`, as lines (i18n keys with their count). */
export function deriveMoved(moved: UnitUsage): Problem[] {
  return USAGE_KEYS.filter((key) => moved[key] > 0).map((key) => ({
    key: `admin.usage.${key}`,
    values: { count: moved[key] },
  }));
}
