/**
 * What the 督查室 reads when reviewing a unit's report (issue 14): each line awaiting review
 * beside the unit's approved line of the period before, the change between them, and whether
 * anything changed at all (an unchanged "0% 未启动" line is hidden by default).
 */
import type { EvidenceRef, UnitReport } from '../api/tracking';

export interface ReviewLine {
  key: string;
  type: 'task' | 'target';
  id: number;
  status: 'submitted' | 'approved' | 'returned';
  returnReason: string | null;
  /** Progress (%) of a task, value of a target. */
  figure: number;
  unit: string;
  state: string | null;
  note: string;
  evidence: EvidenceRef[];
  /** The same line last period, when the unit had one. */
  before: { figure: number; state: string | null; note: string } | null;
  /** Figure now minus figure before; null without a line before. */
  delta: number | null;
  changed: boolean;
}

/**
 * The report's lines, each with its line of `previous` (the unit's report of an earlier
 * period, or null). A line is changed when its figure, state or note differ from before, or
 * when it has no line before and is more than a blank 0.
 * @example deriveReviewLines(march, february).filter((l) => l.changed)
 */
export function deriveReviewLines(report: UnitReport, previous: UnitReport | null): ReviewLine[] {
  const statusOf = (line: { status?: ReviewLine['status'] }) =>
    line.status ?? (report.status === 'draft' ? 'submitted' : report.status);
  const beforeTask = new Map((previous?.tasks ?? []).map((l) => [l.taskId, l]));
  const beforeTarget = new Map((previous?.targets ?? []).map((l) => [l.targetId, l]));
  const lines: ReviewLine[] = [];
  for (const l of report.tasks) {
    const b = beforeTask.get(l.taskId);
    const before = b ? { figure: b.progress, state: b.state as string, note: b.note } : null;
    lines.push({
      key: `task.${l.taskId}`,
      type: 'task',
      id: l.taskId,
      status: statusOf(l) as ReviewLine['status'],
      returnReason: l.returnReason ?? null,
      figure: l.progress,
      unit: '%',
      state: l.state,
      note: l.note,
      evidence: l.evidence ?? [],
      before,
      delta: before ? l.progress - before.figure : null,
      changed: before
        ? before.figure !== l.progress || before.state !== l.state || before.note !== l.note
        : l.progress > 0 || l.state !== 'not_started' || l.note !== '',
    });
  }
  for (const l of report.targets) {
    const b = beforeTarget.get(l.targetId);
    const before = b ? { figure: b.value, state: null, note: b.note } : null;
    lines.push({
      key: `target.${l.targetId}`,
      type: 'target',
      id: l.targetId,
      status: statusOf(l) as ReviewLine['status'],
      returnReason: l.returnReason ?? null,
      figure: l.value,
      unit: l.unit,
      state: null,
      note: l.note,
      evidence: l.evidence ?? [],
      before,
      delta: before ? Math.round((l.value - before.figure) * 1e6) / 1e6 : null,
      changed: before ? before.figure !== l.value || before.note !== l.note : true,
    });
  }
  return lines;
}

/** The unit's latest report of a period before `report`'s, from a list of its reports. */
export function previousReport(report: UnitReport, reports: readonly UnitReport[]): UnitReport | null {
  return (
    reports
      .filter((r) => r.unitId === report.unitId && r.periodKey < report.periodKey)
      .sort((a, b) => (a.periodKey < b.periodKey ? 1 : -1))[0] ?? null
  );
}
