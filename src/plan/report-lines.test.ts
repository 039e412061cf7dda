import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import type { Actor } from './audit.js';
import { deriveApprovedFigures, deriveReminders } from './figures.js';
import { deriveReportingPeriods, getPeriod } from './periods.js';
import { deriveCarryForward, deriveObligations } from './reporting.js';
import type { ReportContext, UnitReport } from './reporting.js';
import {
  applyDraftLines,
  checkDraftBase,
  checkDraftFields,
  deriveReportStatus,
  reviewReport,
  submitReport,
  withReportLines,
} from './report-lines.js';
import type { DraftLine } from './report-lines.js';

const supervisor: Actor = { userId: 2, role: 'supervisor', unitIds: [] };
const unit11: Actor = { userId: 5, role: 'reporter', unitIds: [11] };
const periods = deriveReportingPeriods(2022);
const march = getPeriod(periods, '2022-03');
const tasks = [
  { id: 7, leadUnitId: 11, coUnitIds: [], state: 'in_progress' as const },
  { id: 8, leadUnitId: 11, coUnitIds: [], state: 'in_progress' as const },
];
const targets = [{ id: 3, leadUnitId: 11, coUnitIds: [], unit: '人' }];
const obligations = deriveObligations(march, tasks, targets);
const context: ReportContext = { period: march, lock: null, obligation: obligations[0], targets };
const line7 = { taskId: 7, progress: 30, state: 'in_progress' as const, note: '征地' };
const line8 = { taskId: 8, progress: 50, state: 'in_progress' as const, note: '开工' };
const line3 = { targetId: 3, value: 2100, unit: '人', note: '' };
const all = { tasks: [line7, line8], targets: [line3] };
const at = (day: number) => `2022-04-0${day}T09:00:00.000Z`;

const shell: UnitReport = {
  id: 1,
  planId: 1,
  unitId: 11,
  periodKey: '2022-03',
  status: 'draft',
  tasks: [],
  targets: [],
  evidence: [],
  carriedFrom: null,
  submittedBy: null,
  submittedAt: null,
  reviewedBy: null,
  reviewedAt: null,
  returnReason: null,
};

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('a report line by line', () => {
  it('hands in one task; the rest stays open; a line handed in twice is a CONFLICT', () => {
    const one = submitReport(shell, all, context, unit11, at(2), { only: [{ type: 'task', id: 7 }] }).next;
    expect(one.tasks).toEqual([{ ...line7, status: 'submitted', returnReason: null }]);
    expect(one.targets).toEqual([]);
    expect(one.status).toBe('submitted');
    const again = caught(() =>
      submitReport(one, all, context, unit11, at(2), { only: [{ type: 'task', id: 7 }] }),
    );
    expect(again.code).toBe('CONFLICT');
    // Handing in the rest takes lines 8 and 3 and leaves 7 as it was.
    const rest = submitReport(one, all, context, unit11, at(3)).next;
    expect(rest.tasks.map((l) => [l.taskId, l.status])).toEqual([
      [7, 'submitted'],
      [8, 'submitted'],
    ]);
    expect(rest.targets[0]).toMatchObject({ targetId: 3, status: 'submitted' });
    // A line named but not sent says which.
    expect(
      caught(() =>
        submitReport(shell, { tasks: [], targets: [] }, context, unit11, at(2), {
          only: [{ type: 'task', id: 8 }],
        }),
      ).details,
    ).toEqual([{ path: 'only', message: '要报送的事项还没有填写内容：请先填写再报送' }]);
  });

  it('returns one line with its own reason and approves another; the report follows its lines', () => {
    const submitted = submitReport(shell, all, context, unit11, at(2)).next;
    const returned = reviewReport(
      submitted,
      { type: 'return', lines: [{ type: 'task', id: 7, reason: '请补充协议' }] },
      supervisor,
      at(6),
      { period: march, lock: null, obligation: obligations[0] },
    ).next;
    expect(returned.tasks[0]).toMatchObject({ status: 'returned', returnReason: '请补充协议' });
    expect(returned.status).toBe('submitted');
    const approved = reviewReport(returned, { type: 'approve' }, supervisor, at(6), {
      period: march,
      lock: null,
      obligation: obligations[0],
    }).next;
    expect(approved.tasks.map((l) => l.status)).toEqual(['returned', 'approved']);
    expect(approved.status).toBe('returned');
    // A return names a reason for every line, saying which one lacks it.
    expect(
      caught(() =>
        reviewReport(submitted, { type: 'return', lines: [{ type: 'task', id: 8 }] }, supervisor, at(6)),
      ).details,
    ).toEqual([{ path: 'lines.0.reason', message: '退回第1项须说明原因' }]);
    // Only the figures of approved lines count.
    const figures = deriveApprovedFigures([approved], periods, { tasks, targets });
    expect(figures.tasks.get(7)).toBeUndefined();
    expect(figures.tasks.get(8)).toEqual([{ progress: 50, state: 'in_progress', asOf: '2022-03-31' }]);
    expect(figures.targets.get(3)).toEqual([{ value: 2100, asOf: '2022-03-31' }]);
  });

  it('names every problem at once when handing in everything: a bad line and the lines missing', () => {
    const bad = { tasks: [{ ...line7, progress: 120 }], targets: [] };
    expect(caught(() => submitReport(shell, bad, context, unit11, at(2))).details).toEqual([
      { path: 'tasks.0.progress', message: '第1项任务的完成进度应为0至100之间的数，填的是120' },
      { path: 'tasks', message: '本期应报的任务还有1项未填报' },
      { path: 'targets', message: '本期应报的指标还有1项未填报' },
    ]);
  });

  it('derives the report status from its lines', () => {
    expect(deriveReportStatus(['approved', 'submitted'])).toBe('submitted');
    expect(deriveReportStatus(['approved', 'returned'])).toBe('returned');
    expect(deriveReportStatus(['approved', 'approved'], 3)).toBe('draft');
    expect(deriveReportStatus(['approved', 'approved', 'approved'], 3)).toBe('approved');
    expect(deriveReportStatus([])).toBe('draft');
  });

  it('reminds of the lines not handed in yet, not of the whole report', () => {
    const one = submitReport(shell, all, context, unit11, at(2), { only: [{ type: 'task', id: 7 }] }).next;
    const [reminder] = deriveReminders(march, obligations, [one], at(4).slice(0, 10));
    expect(reminder?.missing.map((i) => `${i.type}:${i.id}`)).toEqual(['task:8', 'target:3']);
  });
});

describe('drafts', () => {
  const saved: DraftLine = {
    item: { type: 'task', id: 7 },
    progress: 45,
    note: '已签协议',
    savedAt: at(2),
    savedBy: 5,
  };

  it('lays saved lines over the carried-forward start and over a returned line', () => {
    const start = deriveCarryForward(null, obligations[0]!, targets);
    const laid = applyDraftLines(start, [
      saved,
      { item: { type: 'target', id: 3 }, value: 1900, savedAt: at(3), savedBy: 5 },
    ]);
    expect(laid.tasks[0]).toEqual({
      taskId: 7,
      progress: 45,
      state: 'not_started',
      note: '已签协议',
      savedAt: at(2),
    });
    expect(laid.tasks[1]).toEqual({ taskId: 8, progress: 0, state: 'not_started', note: '' });
    expect(laid.targets[0]).toMatchObject({ value: 1900, savedAt: at(3) });
    const submitted = submitReport(shell, all, context, unit11, at(2)).next;
    const returned = reviewReport(submitted, { type: 'return', reason: '口径有误' }, supervisor, at(6)).next;
    const withLines = applyDraftLines(withReportLines(start, returned), [saved]);
    expect(withLines.tasks[0]).toMatchObject({ progress: 45, status: 'returned', returnReason: '口径有误' });
  });

  it('checks the fields of a saved line, each with its path; an out-of-range percent is kept to fix later', () => {
    expect(() => checkDraftFields({ progress: 120 }, { type: 'task', id: 7 })).not.toThrow();
    expect(caught(() => checkDraftFields({ value: 3 }, { type: 'task', id: 7 })).details).toEqual([
      { path: 'value', message: '任务填完成进度，不填完成值' },
    ]);
    expect(
      caught(() =>
        checkDraftFields({ progress: Number.NaN, note: 'x'.repeat(2001) }, { type: 'task', id: 7 }),
      ).details,
    ).toEqual([
      { path: 'progress', message: '完成进度应填数字' },
      { path: 'note', message: '进展说明不能超过2000字' },
    ]);
  });

  it('refuses a save based on a line that moved on since, and takes one based on the line as saved', () => {
    expect(() => checkDraftBase(saved, at(2))).not.toThrow();
    expect(() => checkDraftBase(undefined, null)).not.toThrow();
    expect(() => checkDraftBase(saved, undefined)).not.toThrow();
    expect(caught(() => checkDraftBase(saved, at(1))).code).toBe('CONFLICT');
    expect(caught(() => checkDraftBase(saved, null)).details).toEqual([
      { path: 'basedOn', message: `saved at ${at(2)} by user 5, not never` },
    ]);
    expect(caught(() => checkDraftBase(undefined, at(2))).code).toBe('CONFLICT');
  });
});
