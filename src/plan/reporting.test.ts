import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import type { Actor } from './audit.js';
import { deriveReportingPeriods, getPeriod } from './periods.js';
import {
  correctFigure,
  deriveApprovedFigures,
  deriveCarryForward,
  deriveObligations,
  deriveReminders,
  validateUnitReport,
} from './reporting.js';
import type { ReportContext, UnitReport } from './reporting.js';
import { reviewReport, submitReport } from './report-lines.js';

const supervisor: Actor = { userId: 2, role: 'supervisor', unitIds: [] };
const unit11: Actor = { userId: 5, role: 'reporter', unitIds: [11] };
const unit12: Actor = { userId: 6, role: 'reporter', unitIds: [12] };

const periods = deriveReportingPeriods(2022);
const march = getPeriod(periods, '2022-03');
const april = getPeriod(periods, '2022-04');
const tasks = [
  { id: 8, leadUnitId: 12, coUnitIds: [], state: 'in_progress' as const },
  { id: 7, leadUnitId: 11, coUnitIds: [12], state: 'in_progress' as const },
  { id: 9, leadUnitId: 11, coUnitIds: [], state: 'closed' as const },
];
const targets = [
  { id: 3, leadUnitId: 11, coUnitIds: [], unit: '人' },
  { id: 4, leadUnitId: 12, coUnitIds: [11], unit: '亿元' },
];
const obligations = deriveObligations(march, tasks, targets);
const context = (unitId: number, lock: ReportContext['lock'] = null): ReportContext => ({
  period: march,
  lock,
  obligation: obligations.find((o) => o.unitId === unitId),
  targets,
});
const goodLines = {
  unitId: 11,
  tasks: [{ taskId: 7, progress: 30, state: 'in_progress' as const, note: ' 完成征地 ' }],
  targets: [
    { targetId: 3, value: 2100, unit: '人', note: '' },
    { targetId: 4, value: 12.5, unit: '亿元', note: '' },
  ],
};
const PDF = new TextEncoder().encode('%PDF-1.7');

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

function report(fields: Partial<UnitReport>): UnitReport {
  return {
    id: 1,
    planId: 1,
    periodKey: '2022-03',
    status: 'draft',
    evidence: [],
    carriedFrom: null,
    submittedBy: null,
    submittedAt: null,
    reviewedBy: null,
    reviewedAt: null,
    returnReason: null,
    ...goodLines,
    ...fields,
  };
}

describe('deriveObligations', () => {
  it('lists per unit the tasks it leads or co-handles and the targets it supplies, with staggered due dates', () => {
    expect(obligations).toEqual([
      {
        unitId: 11,
        periodKey: '2022-03',
        dueOn: '2022-04-03',
        items: [
          { type: 'task', id: 7, role: 'lead', dueOn: '2022-04-05' },
          { type: 'target', id: 3, role: 'lead', dueOn: '2022-04-05' },
          { type: 'target', id: 4, role: 'co', dueOn: '2022-04-03' },
        ],
      },
      {
        unitId: 12,
        periodKey: '2022-03',
        dueOn: '2022-04-03',
        items: [
          { type: 'task', id: 7, role: 'co', dueOn: '2022-04-03' },
          { type: 'task', id: 8, role: 'lead', dueOn: '2022-04-05' },
          { type: 'target', id: 4, role: 'lead', dueOn: '2022-04-05' },
        ],
      },
    ]);
  });

  it('leaves out closed tasks and never lists the lead unit as its own co-unit', () => {
    const o = deriveObligations(
      march,
      [{ id: 1, leadUnitId: 11, coUnitIds: [11], state: 'not_started' }],
      [],
    );
    expect(o).toEqual([
      {
        unitId: 11,
        periodKey: '2022-03',
        dueOn: '2022-04-05',
        items: [{ type: 'task', id: 1, role: 'lead', dueOn: '2022-04-05' }],
      },
    ]);
  });
});

describe('validateUnitReport', () => {
  it('accepts a complete report from its unit and gives it normalised', () => {
    const content = validateUnitReport(goodLines, context(11), unit11, '2022-04-02T09:00:00.000Z');
    expect(content.tasks).toEqual([{ taskId: 7, progress: 30, state: 'in_progress', note: '完成征地' }]);
    expect(content.targets[1]).toEqual({ targetId: 4, value: 12.5, unit: '亿元', note: '' });
  });

  it('refuses a reporter of another unit', () => {
    expect(
      caught(() => validateUnitReport(goodLines, context(11), unit12, '2022-04-02T09:00:00.000Z')).code,
    ).toBe('FORBIDDEN');
  });

  it('refuses a locked period and one not started, saying why', () => {
    const lock = { key: '2022-03', lockedAt: '2022-04-10T00:00:00.000Z', lockedBy: 2 };
    const e = caught(() =>
      validateUnitReport(goodLines, context(11, lock), unit11, '2022-04-11T09:00:00.000Z'),
    );
    expect(e.code).toBe('CONFLICT');
    expect(e.message).toBe('2022年3月的填报已锁定：如需修改，请联系督查室说明原因后更正');
    const early = caught(() =>
      validateUnitReport(goodLines, { ...context(11), period: april }, unit11, '2022-03-20T09:00:00.000Z'),
    );
    expect(early.message).toBe('2022年4月的填报尚未开始：2022-04-01起可以填报');
  });

  it('refuses lines for another unit’s items as FORBIDDEN, listing them with every other problem', () => {
    const e = caught(() =>
      validateUnitReport(
        {
          ...goodLines,
          tasks: [...goodLines.tasks, { taskId: 8, progress: 120, state: 'in_progress', note: '' }],
        },
        context(11),
        unit11,
        '2022-04-02T09:00:00.000Z',
      ),
    );
    expect(e.code).toBe('FORBIDDEN');
    expect(e.details).toEqual([
      { path: 'tasks.1.taskId', message: '第2项任务不是本单位2022年3月应报的事项' },
      { path: 'tasks.1.progress', message: '第2项任务的完成进度应为0至100之间的数，填的是120' },
    ]);
  });

  it('refuses bad values as BAD_INPUT, each with its path', () => {
    const e = caught(() =>
      validateUnitReport(
        {
          unitId: 11,
          tasks: [{ taskId: 7, progress: 90, state: 'done', note: '' }],
          targets: [
            { targetId: 3, value: 0.21, unit: '万人', note: '' },
            { targetId: 3, value: Number.NaN, unit: '人', note: '' },
          ],
        },
        context(11),
        unit11,
        '2022-04-02T09:00:00.000Z',
        { evidence: [{ name: 'a.exe', mimeType: 'application/pdf', size: 5, head: PDF }] },
      ),
    );
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toBe('2022年3月的填报有6处问题：第1项任务填为“已完成”，完成进度应为100%');
    expect(e.details).toEqual([
      { path: 'tasks.0.state', message: '第1项任务填为“已完成”，完成进度应为100%' },
      { path: 'targets.0.unit', message: '第1项指标的计量单位应为“人”，填的是“万人”' },
      { path: 'targets.1.targetId', message: '第2项指标与前面的指标重复，每项指标只填一次' },
      { path: 'targets.1.value', message: '第2项指标的完成值应填数字' },
      { path: 'targets', message: '本期应报的指标还有1项未填报' },
      {
        path: 'evidence.0.name',
        code: 'type',
        message: expect.stringMatching(/^“a\.exe”的类型\.exe不能作为佐证材料/),
      },
    ]);
  });

  it('refuses a negative percent, a closed state, progress with not_started', () => {
    const e = caught(() =>
      validateUnitReport(
        {
          unitId: 12,
          tasks: [
            { taskId: 7, progress: -5, state: 'in_progress', note: '' },
            { taskId: 8, progress: 100, state: 'closed', note: '' },
          ],
          targets: [{ targetId: 4, value: 3, unit: '亿元', note: '' }],
        },
        context(12),
        unit12,
        '2022-04-02T09:00:00.000Z',
      ),
    );
    expect(e.details.map((d) => `${d.path}: ${d.message}`)).toEqual([
      'tasks.0.progress: 第1项任务的完成进度应为0至100之间的数，填的是-5',
      'tasks.1.state: 第2项任务不能通过填报关闭：已完成的任务请申请销号',
    ]);
    const started = caught(() =>
      validateUnitReport(
        { unitId: 12, tasks: [{ taskId: 8, progress: 10, state: 'not_started', note: '' }], targets: [] },
        context(12),
        unit12,
        '2022-04-02T09:00:00.000Z',
        { complete: false },
      ),
    );
    expect(started.details).toEqual([
      { path: 'tasks.0.state', message: '第1项任务填为“未启动”，完成进度应为0' },
    ]);
  });

  it('accepts a partial draft when completeness is not asked', () => {
    const partial = { unitId: 11, tasks: [], targets: [{ targetId: 3, value: 2100, unit: '人', note: '' }] };
    expect(
      validateUnitReport(partial, context(11), unit11, '2022-03-25T09:00:00.000Z', { complete: false })
        .targets,
    ).toHaveLength(1);
  });
});

describe('deriveCarryForward', () => {
  it('starts next period from last period’s lines for what is still owed, blank for the new', () => {
    const previous = { periodKey: '2022-03', tasks: goodLines.tasks, targets: goodLines.targets };
    const aprilObligation = {
      unitId: 11,
      periodKey: '2022-04',
      dueOn: '2022-05-05',
      items: [
        { type: 'task' as const, id: 7, role: 'lead' as const, dueOn: '2022-05-05' },
        { type: 'task' as const, id: 10, role: 'co' as const, dueOn: '2022-05-03' },
        { type: 'target' as const, id: 3, role: 'lead' as const, dueOn: '2022-05-05' },
        { type: 'target' as const, id: 5, role: 'lead' as const, dueOn: '2022-05-05' },
      ],
    };
    const draft = deriveCarryForward(previous, aprilObligation, [...targets, { id: 5, unit: '个' }]);
    expect(draft).toEqual({
      unitId: 11,
      periodKey: '2022-04',
      carriedFrom: '2022-03',
      tasks: [
        { taskId: 7, progress: 30, state: 'in_progress', note: ' 完成征地 ' },
        { taskId: 10, progress: 0, state: 'not_started', note: '' },
      ],
      targets: [
        { targetId: 3, value: 2100, unit: '人', note: '' },
        { targetId: 5, value: null, unit: '个', note: '' },
      ],
    });
    expect(draft.tasks[0]).not.toBe(previous.tasks[0]);
    expect(deriveCarryForward(null, aprilObligation, targets).carriedFrom).toBeNull();
  });
});

/** A fresh report's shell: its lines come in with the submission. */
const shell = (fields: Partial<UnitReport> = {}) => report({ tasks: [], targets: [], ...fields });
const content = { tasks: goodLines.tasks, targets: goodLines.targets };

describe('report review', () => {
  it('goes draft → submitted → approved, each with an audit event', () => {
    const submitted = submitReport(shell(), content, context(11), unit11, '2022-04-02T09:00:00.000Z');
    expect(submitted.next).toMatchObject({ status: 'submitted', submittedBy: 5 });
    expect(submitted.next.tasks[0]?.note).toBe('完成征地');
    expect(submitted.event.action).toBe('report.submit');
    const approved = reviewReport(
      submitted.next,
      { type: 'approve' },
      supervisor,
      '2022-04-06T09:00:00.000Z',
    );
    expect(approved.next).toMatchObject({ status: 'approved', reviewedBy: 2 });
    expect(approved.event.before).toMatchObject({ status: 'submitted' });
  });

  it('returns with a reason, and the unit submits again', () => {
    const submitted = submitReport(shell(), content, context(11), unit11, '2022-04-02T09:00:00.000Z').next;
    const returned = reviewReport(
      submitted,
      { type: 'return', reason: '数据口径有误' },
      supervisor,
      '2022-04-06T09:00:00.000Z',
    );
    expect(returned.next).toMatchObject({ status: 'returned', returnReason: '数据口径有误' });
    const again = submitReport(returned.next, content, context(11), unit11, '2022-04-07T09:00:00.000Z');
    expect(again.next).toMatchObject({ status: 'submitted', returnReason: null });
  });

  it('refuses a second submission, review by a unit, a return without reason or after locking', () => {
    const submitted = submitReport(shell(), content, context(11), unit11, '2022-04-02T09:00:00.000Z').next;
    expect(
      caught(() => submitReport(submitted, content, context(11), unit11, '2022-04-02T09:01:00.000Z')).code,
    ).toBe('CONFLICT');
    expect(
      caught(() => reviewReport(submitted, { type: 'approve' }, unit11, '2022-04-06T00:00:00Z')).code,
    ).toBe('FORBIDDEN');
    expect(
      caught(() =>
        reviewReport(submitted, { type: 'return', reason: ' ' }, supervisor, '2022-04-06T00:00:00Z'),
      ).code,
    ).toBe('BAD_INPUT');
    const lock = { key: '2022-03', lockedAt: '2022-04-10T00:00:00.000Z', lockedBy: 2 };
    expect(
      caught(() =>
        reviewReport(submitted, { type: 'return', reason: '有误' }, supervisor, '2022-04-11T00:00:00Z', {
          period: march,
          lock,
        }),
      ).code,
    ).toBe('CONFLICT');
    const approved = reviewReport(submitted, { type: 'approve' }, supervisor, '2022-04-11T00:00:00Z').next;
    expect(
      caught(() => reviewReport(approved, { type: 'approve' }, supervisor, '2022-04-12T00:00:00Z')).code,
    ).toBe('CONFLICT');
  });

  it('refuses submitting an incomplete report or one for another period', () => {
    expect(
      caught(() =>
        submitReport(shell(), { ...content, targets: [] }, context(11), unit11, '2022-04-02T09:00:00.000Z'),
      ).details,
    ).toEqual([{ path: 'targets', message: '本期应报的指标还有2项未填报' }]);
    expect(
      caught(() =>
        submitReport(shell({ periodKey: '2022-02' }), content, context(11), unit11, '2022-04-02T09:00:00Z'),
      ).code,
    ).toBe('BAD_INPUT');
  });
});

describe('correctFigure', () => {
  const lock = { key: '2022-03', lockedAt: '2022-04-10T00:00:00.000Z', lockedBy: 2 };
  const input = {
    id: 1,
    planId: 1,
    periodKey: '2022-03',
    item: { type: 'target' as const, id: 3 },
    value: 2150,
    state: null,
    reason: '统计局修订',
  };

  it('records a correction after locking as a new audited entry with before and after', () => {
    const { next, event } = correctFigure(
      input,
      { period: march, lock, before: 2100 },
      supervisor,
      '2022-04-20T09:00:00.000Z',
    );
    expect(next).toMatchObject({ value: 2150, correctedBy: 2, correctedAt: '2022-04-20T09:00:00.000Z' });
    expect(event).toMatchObject({
      action: 'target.correct',
      before: { value: 2100 },
      after: { value: 2150 },
      reason: '统计局修订',
    });
  });

  it('refuses before locking, by a unit, or without a reason', () => {
    expect(
      caught(() =>
        correctFigure(input, { period: march, lock: null, before: 2100 }, supervisor, '2022-04-08T00:00:00Z'),
      ).code,
    ).toBe('CONFLICT');
    expect(
      caught(() =>
        correctFigure(input, { period: march, lock, before: 2100 }, unit11, '2022-04-20T00:00:00Z'),
      ).code,
    ).toBe('FORBIDDEN');
    const e = caught(() =>
      correctFigure(
        { ...input, item: { type: 'task', id: 7 }, value: 130, reason: '' },
        { period: march, lock, before: 30 },
        supervisor,
        '2022-04-20T00:00:00Z',
      ),
    );
    expect(e.details.map((d) => d.path)).toEqual(['reason', 'value']);
  });
});

describe('deriveApprovedFigures', () => {
  it('counts approved reports only, the lead unit’s line first, as of the period end, corrections replacing', () => {
    const approved11 = { periodKey: '2022-03', status: 'approved' as const, ...goodLines };
    const approved12 = {
      unitId: 12,
      periodKey: '2022-03',
      status: 'approved' as const,
      tasks: [{ taskId: 7, progress: 60, state: 'in_progress' as const, note: '配合' }],
      targets: [{ targetId: 4, value: 13, unit: '亿元', note: '' }],
    };
    const submitted11 = {
      unitId: 11,
      periodKey: '2022-04',
      status: 'submitted' as const,
      tasks: [{ taskId: 7, progress: 45, state: 'in_progress' as const, note: '' }],
      targets: [],
    };
    const feb = {
      ...approved11,
      periodKey: '2022-02',
      targets: [{ targetId: 3, value: 1300, unit: '人', note: '' }],
    };
    const correction = {
      id: 1,
      planId: 1,
      periodKey: '2022-03',
      item: { type: 'target' as const, id: 3 },
      value: 2150,
      state: null,
      reason: '修订',
      correctedBy: 2,
      correctedAt: '2022-04-20T09:00:00.000Z',
    };
    const figures = deriveApprovedFigures(
      [approved12, submitted11, approved11, feb],
      periods,
      { tasks, targets },
      [correction],
    );
    expect(figures.tasks.get(7)).toEqual([
      { progress: 30, state: 'in_progress', asOf: '2022-02-28' },
      { progress: 30, state: 'in_progress', asOf: '2022-03-31' },
    ]);
    expect(figures.targets.get(3)).toEqual([
      { value: 1300, asOf: '2022-02-28' },
      { value: 2150, asOf: '2022-03-31' },
    ]);
    expect(figures.targets.get(4)).toEqual([{ value: 13, asOf: '2022-03-31' }]);
    // Without the lead's approved report, the co-unit's 12.5 is no figure of target 4.
    const coOnly = deriveApprovedFigures([approved11], periods, { tasks, targets });
    expect(coOnly.targets.get(4)).toBeUndefined();
    const noLead = deriveApprovedFigures([approved11], periods, {
      tasks,
      targets: targets.map((t) => ({ ...t, leadUnitId: null })),
    });
    expect(noLead.targets.get(4)).toEqual([{ value: 12.5, asOf: '2022-03-31' }]);
  });
});

describe('deriveReminders', () => {
  it('reminds units due soon or overdue until their report is in', () => {
    const reports = [{ unitId: 12, periodKey: '2022-03', status: 'submitted' as const }];
    expect(deriveReminders(march, obligations, [], '2022-03-30')).toEqual([]);
    expect(deriveReminders(march, obligations, reports, '2022-04-01')).toEqual([
      {
        unitId: 11,
        periodKey: '2022-03',
        dueOn: '2022-04-03',
        kind: 'due_soon',
        daysLeft: 2,
        missing: obligations[0]?.items,
      },
    ]);
    expect(
      deriveReminders(march, obligations, [], '2022-04-04').map((r) => [r.unitId, r.kind, r.daysLeft]),
    ).toEqual([
      [11, 'overdue', -1],
      [12, 'overdue', -1],
    ]);
    const lock = { key: '2022-03', lockedAt: '2022-04-10T00:00:00.000Z', lockedBy: 2 };
    expect(deriveReminders(march, obligations, [], '2022-04-11', { lock })).toEqual([]);
  });
});
