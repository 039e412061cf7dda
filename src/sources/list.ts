/**
 * Imported lists (清单): rows read from an .xlsx or .docx table by src/documents, each with the
 * cell it came from, resolved here against the jurisdiction's units and turned into list
 * items — assigned when the row names a unit and a deadline, registered otherwise. Every
 * problem is named by its cell (`任务清单!C7`), all at once.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import type { Actor } from '../plan/audit.js';
import type { Unit } from '../plan/types.js';
import { beijingDate } from '../requests/calendar.js';
import type { ListItem, WorkList } from './types.js';
import { MAX_SOURCE_TEXT, registeredWork, requireSupervisor, sourceEvent } from './work.js';
import type { Transition } from './work.js';

/** A cell's text and where it is (`Sheet!C7`, or `表1第7行第3列` in a Word table). */
export interface CellText {
  text: string;
  cell: string;
}

/** One row as the document parser reads it. */
export interface ListRowDraft {
  /** Where the row is: `任务清单!7` or `表1第7行`. */
  origin: string;
  reference: string | null;
  title: CellText;
  leadUnit: CellText | null;
  /** Co-units as written, split on 、，, ; and spaces. */
  coUnits: CellText[];
  /** The deadline, already parsed to an ISO date, with its cell. */
  dueOn: { date: string; cell: string } | null;
  requirement: string | null;
}

/** A row resolved: units by id, ready to become a list item. */
export interface ResolvedListRow {
  origin: string;
  reference: string | null;
  title: string;
  leadUnitId: number | null;
  coUnitIds: number[];
  dueOn: string | null;
  requirement: string | null;
}

const SPACE = /[\s\u3000]+/g;

function normalize(name: string): string {
  return name.replace(SPACE, '').replace(/[（(].*?[）)]$/, '');
}

/**
 * The unit a list names: its exact name, or the one unit whose name ends with the words
 * written (水务局 → 区水务局). Undefined with the reason when none or several match.
 * @example
 * matchUnit('水务局', [{ id: 3, name: '区水务局', kind: 'department' }]) // { unit: { id: 3, … } }
 */
export function matchUnit(written: string, units: readonly Unit[]): { unit: Unit } | { problem: string } {
  const name = normalize(written);
  if (name === '') return { problem: '没有填写单位' };
  const exact = units.filter((u) => normalize(u.name) === name);
  if (exact.length === 1) return { unit: exact[0]! };
  const ending = units.filter((u) => normalize(u.name).endsWith(name));
  if (ending.length === 1) return { unit: ending[0]! };
  if (ending.length > 1) {
    return {
      problem: `“${written}”可能是${ending
        .slice(0, 4)
        .map((u) => u.name)
        .join('、')}：请填写单位全称`,
    };
  }
  return { problem: `“${written}”不在本辖区单位名单中，请填写单位全称` };
}

/**
 * Resolves the rows of a list. Throws BAD_INPUT listing every problem by cell: an empty title,
 * an unknown or ambiguous unit, a lead unit also among the co-units, a deadline in the past,
 * text too long, no rows at all.
 */
export function resolveListRows(
  rows: readonly ListRowDraft[],
  units: readonly Unit[],
  now: string,
): ResolvedListRow[] {
  const problems: ErrorDetail[] = [];
  const today = beijingDate(now);
  if (rows.length === 0) throw new AppError('BAD_INPUT', '清单中没有可导入的事项');
  const resolved = rows.map((row) => {
    if (row.title.text.trim() === '') problems.push({ path: row.title.cell, message: '事项不能为空' });
    if (row.title.text.length > MAX_SOURCE_TEXT)
      problems.push({ path: row.title.cell, message: `事项超过${MAX_SOURCE_TEXT}字：请精简` });
    let leadUnitId: number | null = null;
    if (row.leadUnit && row.leadUnit.text.trim() !== '') {
      const m = matchUnit(row.leadUnit.text, units);
      if ('unit' in m) leadUnitId = m.unit.id;
      else problems.push({ path: row.leadUnit.cell, message: m.problem });
    }
    const coUnitIds: number[] = [];
    for (const co of row.coUnits) {
      const m = matchUnit(co.text, units);
      if (!('unit' in m)) problems.push({ path: co.cell, message: m.problem });
      else if (m.unit.id === leadUnitId)
        problems.push({ path: co.cell, message: `${m.unit.name}已是牵头单位，不必再列为配合单位` });
      else if (!coUnitIds.includes(m.unit.id)) coUnitIds.push(m.unit.id);
    }
    if (row.dueOn && row.dueOn.date < today) {
      problems.push({ path: row.dueOn.cell, message: `完成时限${row.dueOn.date}已过` });
    }
    return {
      origin: row.origin,
      reference: row.reference?.trim() || null,
      title: row.title.text.trim(),
      leadUnitId,
      coUnitIds,
      dueOn: row.dueOn?.date ?? null,
      requirement: row.requirement?.trim() || null,
    };
  });
  if (problems.length > 0) {
    throw new AppError(
      'BAD_INPUT',
      `清单未导入：共${problems.length}处问题，${problems
        .slice(0, 3)
        .map((p) => `${p.path}：${p.message}`)
        .join('；')}`,
      problems,
    );
  }
  return resolved;
}

/**
 * A supervisor imports a list: the list and its items (assigned when a row names a unit and a
 * deadline, registered otherwise), with one audit event for the list.
 */
export function importWorkList(
  list: { id: number; name: string; fileName: string },
  rows: readonly ResolvedListRow[],
  firstItemId: number,
  actor: Actor,
  now: string,
): { list: WorkList; items: ListItem[]; event: Transition<WorkList>['event'] } {
  requireSupervisor(actor, 'import a list');
  if (list.name.trim() === '')
    throw new AppError('BAD_INPUT', 'The list needs a name', [{ path: 'name', message: 'required' }]);
  const next: WorkList = {
    id: list.id,
    name: list.name.trim(),
    fileName: list.fileName,
    importedBy: actor.userId,
    importedAt: now,
  };
  const items = rows.map((row, i): ListItem => {
    const assigned = row.leadUnitId !== null && row.dueOn !== null;
    return {
      ...registeredWork(firstItemId + i, actor, now),
      state: assigned ? 'assigned' : 'registered',
      leadUnitId: row.leadUnitId,
      coUnitIds: row.coUnitIds,
      dueOn: row.dueOn,
      requirement: row.requirement,
      listId: list.id,
      origin: row.origin,
      reference: row.reference,
      title: row.title,
    };
  });
  const summary = {
    ...next,
    items: items.length,
    assigned: items.filter((i) => i.state === 'assigned').length,
  };
  return {
    list: next,
    items,
    event: sourceEvent('work_list', null, summary, actor, now, 'work_list.import'),
  };
}
