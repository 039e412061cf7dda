/**
 * Pure helpers that turn the server's health answers into what the dashboard shows: outline
 * health by node id, the items behind and why, units ranked by on-time reporting and lagging
 * items, and the months a trend is drawn at.
 */
import type { ItemHealth, OutlineHealth, PeriodRow, UnitReport } from '../api/tracking';
import type { Health } from '../api/types';

/** `outline:12` (or 12) → 12; undefined for `plan` and anything else. */
export function outlineIdOf(id: string | number): number | undefined {
  if (typeof id === 'number') return id;
  const match = /^(?:outline:)?(\d+)$/.exec(id);
  return match ? Number(match[1]) : undefined;
}

export function outlineHealthMap(rows: readonly OutlineHealth[]): Map<number, OutlineHealth> {
  const map = new Map<number, OutlineHealth>();
  for (const row of rows) {
    const id = outlineIdOf(row.id);
    if (id !== undefined) map.set(id, row);
  }
  return map;
}

const RANK: Record<Health, number> = {
  behind: 0,
  at_risk: 1,
  no_data: 2,
  not_started: 3,
  on_track: 4,
  done: 5,
};

/** Items behind, then at risk, worst ratio first. */
export function laggingItems(items: readonly ItemHealth[]): ItemHealth[] {
  return items
    .filter((item) => item.health === 'behind' || item.health === 'at_risk')
    .sort((a, b) => RANK[a.health] - RANK[b.health] || (a.ratio ?? 0) - (b.ratio ?? 0) || a.id - b.id);
}

export interface UnitRow {
  unitId: number;
  /** Items it leads. */
  items: number;
  /** Of those, behind or at risk. */
  lagging: number;
  /**
   * Of those, with no approved figure although a report was due: counted red with the
   * lagging ones, so a unit that never reports never ranks above one that does.
   */
  unreported: number;
  /** Reports it owed in periods already due, and how many came by the due date. */
  due: number;
  onTime: number;
  /** onTime / due, null when nothing was due. */
  rate: number | null;
}

/**
 * Units ranked: best on-time rate first, then the smaller share of its items lagging or
 * unreported (an item with no approved figure after a report was due counts red). A unit
 * appears when it leads an item. A report counts on time when submitted on or before its
 * period's due date.
 */
export function rankUnits(
  owned: readonly { type: 'task' | 'target'; id: number; leadUnitId: number | null }[],
  health: { task: Map<number, ItemHealth>; target: Map<number, ItemHealth> },
  reports: readonly UnitReport[],
  periods: readonly PeriodRow[],
  today: string,
): UnitRow[] {
  const rows = new Map<number, UnitRow>();
  const row = (unitId: number) => {
    let entry = rows.get(unitId);
    if (!entry) {
      entry = { unitId, items: 0, lagging: 0, unreported: 0, due: 0, onTime: 0, rate: null };
      rows.set(unitId, entry);
    }
    return entry;
  };
  const duePeriods = periods.filter((p) => p.dueOn <= today);
  for (const item of owned) {
    if (item.leadUnitId === null) continue;
    const entry = row(item.leadUnitId);
    entry.items += 1;
    const h = health[item.type].get(item.id)?.health;
    if (h === 'behind' || h === 'at_risk') entry.lagging += 1;
    else if (h === 'no_data' && duePeriods.length > 0) entry.unreported += 1;
  }
  const byKey = new Map(reports.map((r) => [`${r.unitId}:${r.periodKey}`, r]));
  for (const entry of rows.values()) {
    for (const period of duePeriods) {
      entry.due += 1;
      const report = byKey.get(`${entry.unitId}:${period.key}`);
      if (report?.submittedAt && report.submittedAt.slice(0, 10) <= period.dueOn) entry.onTime += 1;
    }
    entry.rate = entry.due > 0 ? entry.onTime / entry.due : null;
  }
  const redShare = (r: UnitRow) => (r.items > 0 ? (r.lagging + r.unreported) / r.items : 0);
  return [...rows.values()].sort(
    (a, b) =>
      (b.rate ?? -1) - (a.rate ?? -1) ||
      redShare(a) - redShare(b) ||
      a.unreported - b.unreported ||
      a.unitId - b.unitId,
  );
}
