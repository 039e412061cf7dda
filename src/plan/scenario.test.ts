/**
 * A whole plan year, 2022, on a small plan drawn from the Changping report, with a fake clock:
 * data calls, reports, a return, a correction after locking, a notice, an extension, 销号 with
 * a return, reopening — and the health of chosen items at chosen dates, computed by hand.
 * Day counts used below: 2022-01-01 → 03-31 is 90 days, → 04-30 120, → 05-20 140, → 06-30
 * 181, → 09-30 273, → 12-31 365 (inclusive).
 */
import { describe, expect, it } from 'vitest';
import { diff } from './audit.js';
import type { Actor, AuditEvent } from './audit.js';
import { deriveProjectListHealth, deriveTargetHealth, deriveTaskHealth } from './health.js';
import type { TargetLike } from './expected.js';
import { deriveReportingPeriods, findOpenPeriod, getPeriod, lockPeriod } from './periods.js';
import type { PeriodLock } from './periods.js';
import {
  correctFigure,
  deriveApprovedFigures,
  deriveCarryForward,
  deriveObligations,
  deriveReminders,
} from './reporting.js';
import { reviewReport, submitReport } from './report-lines.js';
import type { FigureCorrection, ReportContent, UnitReport } from './reporting.js';
import { deriveRollup } from './rollup.js';
import {
  applyForClosure,
  decideClosure,
  decideExtension,
  deriveEffectiveDeadline,
  deriveNoticeUrgency,
  issueNotice,
  reopenTask,
  requestExtension,
  transitionNotice,
} from './supervision.js';
import type { ClosableTask, ExtensionRequest } from './supervision.js';
import type { Project } from './types.js';

const supervisor: Actor = { userId: 2, role: 'supervisor', unitIds: [] };
const reporter = (unitId: number): Actor => ({ userId: 10 + unitId, role: 'reporter', unitIds: [unitId] });

// Units: 1 发改委, 2 市场监管局, 3 人社局, 4 投资促进局, 5 城管委.
const base = { period: '2022', direction: null, baseline: null, coUnitIds: [] as number[] };
const targets: (TargetLike & { id: number; leadUnitId: number; coUnitIds: number[] })[] = [
  { ...base, id: 1, leadUnitId: 1, comparator: '~', value: 6.5, unit: '%', metric: '地区生产总值增长' },
  { ...base, id: 2, leadUnitId: 2, comparator: '>', value: 1.2, unit: '万户', metric: '新增市场主体' },
  { ...base, id: 3, leadUnitId: 3, comparator: '<=', value: 5, unit: '%', metric: '城镇登记失业率' },
];
const target = (id: number) => targets.find((t) => t.id === id)!;

type PlanTask = ClosableTask & { coUnitIds: number[]; deadline: string };

class Year {
  periods = deriveReportingPeriods(2022);
  tasks: PlanTask[] = [
    {
      id: 1,
      planId: 1,
      state: 'in_progress',
      progress: 0,
      leadUnitId: 4,
      coUnitIds: [2],
      deadline: '2022-12-31',
    },
    {
      id: 2,
      planId: 1,
      state: 'in_progress',
      progress: 0,
      leadUnitId: 5,
      coUnitIds: [],
      deadline: '2022-06-30',
    },
  ];
  reports: UnitReport[] = [];
  locks: PeriodLock[] = [];
  corrections: FigureCorrection[] = [];
  extensions: ExtensionRequest[] = [];
  events: AuditEvent[] = [];

  task(id: number): PlanTask {
    return this.tasks.find((t) => t.id === id)!;
  }

  setTask(next: PlanTask): void {
    this.tasks = this.tasks.map((t) => (t.id === next.id ? next : t));
  }

  context(periodKey: string, unitId: number) {
    const period = getPeriod(this.periods, periodKey);
    return {
      period,
      lock: this.locks.find((l) => l.key === periodKey) ?? null,
      obligation: deriveObligations(period, this.tasks, targets).find((o) => o.unitId === unitId),
      targets,
    };
  }

  submit(unitId: number, periodKey: string, content: ReportContent, now: string): UnitReport {
    const existing = this.reports.find((r) => r.unitId === unitId && r.periodKey === periodKey);
    const current: UnitReport = existing
      ? existing
      : {
          id: this.reports.length + 1,
          planId: 1,
          unitId,
          periodKey,
          status: 'draft',
          evidence: [],
          carriedFrom: null,
          submittedBy: null,
          submittedAt: null,
          reviewedBy: null,
          reviewedAt: null,
          returnReason: null,
          tasks: [],
          targets: [],
        };
    const { next, event } = submitReport(
      current,
      content,
      this.context(periodKey, unitId),
      reporter(unitId),
      now,
    );
    this.save(next, event);
    return next;
  }

  review(unitId: number, periodKey: string, now: string, reason?: string): UnitReport {
    const current = this.reports.find((r) => r.unitId === unitId && r.periodKey === periodKey)!;
    const action =
      reason === undefined ? ({ type: 'approve' } as const) : ({ type: 'return', reason } as const);
    const { next, event } = reviewReport(current, action, supervisor, now);
    this.save(next, event);
    if (next.status === 'approved') {
      // The store keeps each task's last approved progress and state on the task.
      for (const line of next.tasks) {
        const task = this.task(line.taskId);
        if (task.leadUnitId === unitId) this.setTask({ ...task, progress: line.progress, state: line.state });
      }
    }
    return next;
  }

  save(next: UnitReport, event: AuditEvent): void {
    this.reports = [...this.reports.filter((r) => r.id !== next.id), next];
    this.events.push(event);
  }

  lock(periodKey: string, now: string): void {
    const { next, event } = lockPeriod(getPeriod(this.periods, periodKey), null, supervisor, now, 1);
    this.locks.push(next);
    this.events.push(event);
  }

  figures() {
    return deriveApprovedFigures(
      this.reports,
      this.periods,
      { tasks: this.tasks, targets },
      this.corrections,
    );
  }

  targetHealth(id: number, date: string) {
    return deriveTargetHealth(target(id), this.figures().targets.get(id) ?? [], date);
  }

  taskHealth(id: number, date: string) {
    const deadline = deriveEffectiveDeadline(this.task(id).deadline, this.extensions).deadline!;
    const observations = this.figures().tasks.get(id) ?? [];
    return deriveTaskHealth(
      { state: this.task(id).state, observations },
      { start: '2022-01-01', deadline },
      date,
    );
  }
}

const line = (taskId: number, progress: number, note = '') => ({
  taskId,
  progress,
  state:
    progress >= 100 ? ('done' as const) : progress > 0 ? ('in_progress' as const) : ('not_started' as const),
  note,
});
const value = (targetId: number, v: number) => ({
  targetId,
  value: v,
  unit: target(targetId).unit,
  note: '',
});

function signed(count: number, month: number): Pick<Project, 'currentStage' | 'stageDates'>[] {
  const date = `2022-${String(month).padStart(2, '0')}-15`;
  return Array.from({ length: count }, () => ({ currentStage: '签约', stageDates: { 签约: date } }));
}

describe('a plan year with a fake clock', () => {
  const y = new Year();

  it('opens March’s data call on April 1st and reminds the co-unit first', () => {
    expect(findOpenPeriod(y.periods, '2022-04-01')?.key).toBe('2022-03');
    const march = getPeriod(y.periods, '2022-03');
    const obligations = deriveObligations(march, y.tasks, targets);
    expect(obligations.map((o) => [o.unitId, o.dueOn])).toEqual([
      [1, '2022-04-05'],
      [2, '2022-04-03'],
      [3, '2022-04-05'],
      [4, '2022-04-05'],
      [5, '2022-04-05'],
    ]);
    expect(deriveReminders(march, obligations, [], '2022-04-01').map((r) => r.unitId)).toEqual([2]);
  });

  it('collects March: one report per unit, one returned and resubmitted, then locked', () => {
    y.submit(1, '2022-03', { tasks: [], targets: [value(1, 4.8)] }, '2022-04-02T09:00:00.000Z');
    y.submit(
      2,
      '2022-03',
      { tasks: [line(1, 10, '配合招商')], targets: [value(2, 0.25)] },
      '2022-04-02T10:00:00.000Z',
    );
    y.submit(3, '2022-03', { tasks: [], targets: [value(3, 4.6)] }, '2022-04-03T09:00:00.000Z');
    y.submit(4, '2022-03', { tasks: [line(1, 20)], targets: [] }, '2022-04-03T10:00:00.000Z');
    y.submit(5, '2022-03', { tasks: [line(2, 40)], targets: [] }, '2022-04-05T09:00:00.000Z');
    for (const unit of [1, 2, 3, 4]) y.review(unit, '2022-03', '2022-04-06T09:00:00.000Z');
    expect(y.review(5, '2022-03', '2022-04-06T10:00:00.000Z', '进度与佐证不符').status).toBe('returned');
    // Only approved figures count: task 2 has none yet.
    expect(y.taskHealth(2, '2022-04-06').health).toBe('no_data');
    y.submit(5, '2022-03', { tasks: [line(2, 35)], targets: [] }, '2022-04-07T09:00:00.000Z');
    y.review(5, '2022-03', '2022-04-08T09:00:00.000Z');
    y.lock('2022-03', '2022-04-12T09:00:00.000Z');
    expect(() =>
      y.submit(2, '2022-03', { tasks: [line(1, 10)], targets: [value(2, 0.3)] }, '2022-04-13T09:00:00.000Z'),
    ).toThrow('2022年3月的填报已锁定：如需修改，请联系督查室说明原因后更正');
  });

  it('judges mid-April health against 序时进度 by hand', () => {
    // 6.5%左右 is a rate: 1 − (6.5 − 4.8)/6.5 = 0.7385 → at risk.
    const gdp = y.targetHealth(1, '2022-04-15');
    expect(gdp.health).toBe('at_risk');
    expect(gdp.ratio).toBeCloseTo(1 - 1.7 / 6.5, 12);
    // 1.2万户 is a flow: expected by 03-31 is 1.2 × 90/365 = 0.29589; 0.25 gives 0.8449 → at risk.
    const firms = y.targetHealth(2, '2022-04-15');
    expect(firms.expected).toBeCloseTo((1.2 * 90) / 365, 12);
    expect(firms.ratio).toBeCloseTo(0.25 / ((1.2 * 90) / 365), 12);
    expect(firms.health).toBe('at_risk');
    expect(y.targetHealth(3, '2022-04-15').health).toBe('on_track');
    // Task 2, due 06-30: expected by 03-31 is 90/181 = 49.72%; 35% gives 0.7039 → at risk.
    const task2 = y.taskHealth(2, '2022-04-15');
    expect(task2.ratio).toBeCloseTo(35 / ((100 * 90) / 181), 12);
    expect(task2.health).toBe('at_risk');
  });

  it('rolls progress up the outline and explains the figure', () => {
    const figures = y.figures();
    const progress = (id: number) => figures.tasks.get(id)?.at(-1)?.progress ?? null;
    const rollup = deriveRollup([
      { id: 'root', parentId: null },
      { id: 'ch1', parentId: 'root', label: '一、推动高质量发展' },
      { id: 'task:1', parentId: 'ch1', weight: 2, value: progress(1) },
      { id: 'task:2', parentId: 'ch1', weight: 1, value: progress(2) },
      { id: 'ch2', parentId: 'root' },
      { id: 'task:3', parentId: 'ch2', value: null },
    ]);
    // Task 1 counts its lead unit's 20%, not the co-unit's 10%: (2 × 20 + 35)/3 = 25.
    expect(rollup.findFigure('ch1')?.value).toBeCloseTo(25, 12);
    expect(rollup.explain('ch1').formula).toBe('0.6667 × 20 + 0.3333 × 35 = 25');
    expect(rollup.findFigure('root')).toEqual({ value: 25, coverage: 0.5 });
  });

  it('takes a correction after locking as a new audited entry that changes health', () => {
    const { next, event } = correctFigure(
      {
        id: 1,
        planId: 1,
        periodKey: '2022-03',
        item: { type: 'target', id: 2 },
        value: 0.3,
        state: null,
        reason: '登记数据补录',
      },
      { period: getPeriod(y.periods, '2022-03'), lock: y.locks[0]!, before: 0.25 },
      supervisor,
      '2022-04-20T09:00:00.000Z',
    );
    y.corrections.push(next);
    y.events.push(event);
    // 0.3 / 0.29589 = 1.0139 → on track.
    expect(y.targetHealth(2, '2022-04-21').health).toBe('on_track');
    expect(diff(event.before, event.after)).toEqual([
      { path: 'state', kind: 'added', after: null },
      { path: 'value', kind: 'changed', before: 0.25, after: 0.3 },
    ]);
  });

  it('turns a silent unit red, issues a red notice, and an extension moves the expectation', () => {
    // No April report from unit 5: the March figure is 50 days old on 05-20, so it is judged
    // against 05-20: 140/181 = 77.35% expected, 35/77.35 = 0.4525 → behind.
    const silent = y.taskHealth(2, '2022-05-20');
    expect(silent).toMatchObject({ health: 'behind', stale: true, comparedAt: '2022-05-20' });
    expect(silent.ratio).toBeCloseTo(35 / ((100 * 140) / 181), 12);

    const notice = issueNotice(
      {
        id: 1,
        planId: 1,
        subject: { type: 'task', id: 2 },
        unitId: 5,
        content: '请说明滞后原因并加快推进',
        dueOn: '2022-05-27',
        urgency: deriveNoticeUrgency(silent.health),
      },
      supervisor,
      '2022-05-20T09:00:00.000Z',
    );
    expect(notice.next.urgency).toBe('red');
    const answered = transitionNotice(
      notice.next,
      { type: 'answer', text: '征地延误，已申请延期' },
      reporter(5),
      '2022-05-25T09:00:00.000Z',
    );
    y.submit(5, '2022-04', { tasks: [line(2, 55)], targets: [] }, '2022-05-25T10:00:00.000Z');
    const asked = requestExtension(
      {
        id: 1,
        planId: 1,
        subject: { type: 'task', id: 2 },
        unitId: 5,
        previousDeadline: '2022-06-30',
        requestedDeadline: '2022-09-30',
        reason: '征地手续延误',
      },
      reporter(5),
      '2022-05-25T11:00:00.000Z',
    );
    const closed = transitionNotice(
      answered.next,
      { type: 'close', note: '同意' },
      supervisor,
      '2022-05-26T09:00:00.000Z',
    );
    y.review(5, '2022-04', '2022-05-26T09:30:00.000Z');
    // Before the extension: 120/181 = 66.30% expected by 04-30, 55% → 0.8296 → at risk.
    expect(y.taskHealth(2, '2022-05-26').ratio).toBeCloseTo(55 / ((100 * 120) / 181), 12);
    expect(y.taskHealth(2, '2022-05-26').health).toBe('at_risk');
    const approved = decideExtension(asked.next, { type: 'approve' }, supervisor, '2022-05-26T10:00:00.000Z');
    y.extensions.push(approved.next);
    y.events.push(notice.event, answered.event, asked.event, closed.event, approved.event);
    // After: 120/273 = 43.96% expected by 04-30, 55% → 1.2513 → on track.
    const extended = y.taskHealth(2, '2022-05-26');
    expect(extended.ratio).toBeCloseTo(55 / ((100 * 120) / 273), 12);
    expect(extended.health).toBe('on_track');
    expect(deriveEffectiveDeadline('2022-06-30', y.extensions)).toMatchObject({
      deadline: '2022-09-30',
      extended: true,
    });
  });

  it('counts the project list’s signings against the 40 promised', () => {
    const projects = [
      ...signed(10, 3),
      ...signed(12, 6),
      ...signed(16, 9),
      ...Array.from({ length: 2 }, () => ({ currentStage: '储备' as const, stageDates: {} })),
    ];
    const schedule = { start: '2022-01-01', deadline: '2022-12-31' };
    // By 06-30: 22 signed against 40 × 181/365 = 19.84 → 1.109 → on track.
    const mid = deriveProjectListHealth({ stage: '签约落地', count: 40 }, projects, schedule, '2022-06-30');
    expect(mid.reached).toBe(22);
    expect(mid.ratio).toBeCloseTo(22 / ((40 * 181) / 365), 12);
    expect(mid.health).toBe('on_track');
    // By 12-31: 38 of 40 = 0.95 → on track; the day after the deadline, short of 40 → behind.
    expect(
      deriveProjectListHealth({ stage: '签约落地', count: 40 }, projects, schedule, '2022-12-31').ratio,
    ).toBe(0.95);
    expect(
      deriveProjectListHealth({ stage: '签约落地', count: 40 }, projects, schedule, '2023-01-02').health,
    ).toBe('behind');
  });

  it('closes task 2 through 销号 after a return, drops it from data calls, and reopens it', () => {
    const draft = deriveCarryForward(
      y.reports.find((r) => r.unitId === 5 && r.periodKey === '2022-04')!,
      y.context('2022-09', 5).obligation!,
      targets,
    );
    expect(draft.tasks).toEqual([{ taskId: 2, progress: 55, state: 'in_progress', note: '' }]);
    y.submit(5, '2022-09', { tasks: [line(2, 100, '已竣工')], targets: [] }, '2022-10-03T09:00:00.000Z');
    y.review(5, '2022-09', '2022-10-06T09:00:00.000Z');
    expect(y.taskHealth(2, '2022-10-06').health).toBe('done');

    const evidence = [{ fileId: 'f1', name: '竣工验收报告.pdf' }];
    const first = applyForClosure(
      y.task(2),
      { id: 1, evidence, note: '已竣工' },
      reporter(5),
      '2022-10-08T09:00:00.000Z',
    );
    const returned = decideClosure(
      first.next,
      y.task(2),
      { type: 'return', reason: '缺少验收签字页' },
      supervisor,
      '2022-10-09T09:00:00.000Z',
    );
    expect(returned.task.state).toBe('done');
    const second = applyForClosure(
      y.task(2),
      { id: 2, evidence, note: '补充签字页' },
      reporter(5),
      '2022-10-10T09:00:00.000Z',
      [returned.next],
    );
    const approved = decideClosure(
      second.next,
      y.task(2),
      { type: 'approve' },
      supervisor,
      '2022-10-12T09:00:00.000Z',
    );
    y.setTask(approved.task);
    y.events.push(first.event, returned.event, second.event, approved.event, approved.taskEvent!);
    expect(y.task(2).state).toBe('closed');
    expect(y.context('2022-10', 5).obligation).toBeUndefined();

    const reopened = reopenTask(y.task(2), '复查发现遗留问题', supervisor, '2022-11-01T09:00:00.000Z');
    y.setTask(reopened.next);
    y.events.push(reopened.event);
    expect(y.context('2022-11', 5).obligation?.items).toEqual([
      { type: 'task', id: 2, role: 'lead', dueOn: '2022-12-05' },
    ]);
  });

  it('ends the year: achieved targets done, a missed one behind', () => {
    y.submit(1, '2022-12', { tasks: [], targets: [value(1, 6.6)] }, '2023-01-04T09:00:00.000Z');
    y.submit(2, '2022-12', { tasks: [line(1, 95)], targets: [value(2, 1.15)] }, '2023-01-03T09:00:00.000Z');
    y.submit(3, '2022-12', { tasks: [], targets: [value(3, 4.9)] }, '2023-01-04T10:00:00.000Z');
    for (const unit of [1, 2, 3]) y.review(unit, '2022-12', '2023-01-06T09:00:00.000Z');
    expect(y.targetHealth(1, '2023-01-10').health).toBe('done');
    const firms = y.targetHealth(2, '2023-01-10');
    expect(firms.health).toBe('behind');
    expect(firms.reason).toMatch(/misses > 1.2万户/);
    expect(y.targetHealth(3, '2023-01-10').health).toBe('done');
  });

  it('keeps an audit trail of every step, in order', () => {
    const notices = y.events.filter((e) => e.entity.type === 'notice').map((e) => e.action);
    expect(notices).toEqual(['notice.issue', 'notice.answer', 'notice.close']);
    const unit5March = y.events
      .filter(
        (e) =>
          e.entity.type === 'report' && e.after?.['unitId'] === 5 && e.after?.['periodKey'] === '2022-03',
      )
      .map((e) => e.action);
    expect(unit5March).toEqual(['report.submit', 'report.return', 'report.submit', 'report.approve']);
    expect(y.events.filter((e) => e.entity.type === 'task').map((e) => e.action)).toEqual([
      'task.close',
      'task.reopen',
    ]);
    const answer = y.events.find((e) => e.action === 'notice.answer')!;
    expect(diff(answer.before, answer.after).map((c) => c.path)).toEqual([
      'answer',
      'answeredAt',
      'answeredBy',
      'state',
    ]);
  });
});
