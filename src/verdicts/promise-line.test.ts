import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import {
  changePromise,
  checkVarianceExplanation,
  deriveDeadlineLine,
  deriveDeadlineSlip,
  derivePromiseView,
  deriveValueSlip,
  deriveVariance,
  resolveSlippageThresholds,
  startDeadlineLine,
  startValueLine,
} from './promise-line.js';
import type { DeadlineLine, ExtensionVersion, ValueLine } from './promise-line.js';
import { supervisor, unitReporter } from './test-fixtures.js';

const task = { type: 'task' as const, id: 7, planId: 1 };
const target = { type: 'target' as const, id: 3, planId: 1 };
const AT = '2022-02-20T09:00:00.000Z';
const LATER = '2022-06-03T09:00:00.000Z';
const EXPLAINED = '征地补偿方案调整后需重新公示，预计三季度末完成';

function deadline(date = '2022-06-30'): DeadlineLine {
  return startDeadlineLine(task, date, 'assignment', AT, 2);
}

function jobs(): ValueLine {
  // 新增城乡劳动力就业9000人: more is better.
  return startValueLine(target, 9000, '人', 'higher', AT);
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (isAppError(error)) return error.code;
    throw error;
  }
  return undefined;
}

describe('resolveSlippageThresholds', () => {
  it('merges a plan override onto the defaults', () => {
    expect(resolveSlippageThresholds({ days: 15 })).toEqual({ days: 15, percent: 5, minExplanation: 10 });
  });

  it('names every field out of range', () => {
    try {
      resolveSlippageThresholds({ days: -1, percent: 101, minExplanation: 0 });
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'BAD_INPUT')).toBe(true);
      expect((error as { details: { path: string }[] }).details.map((d) => d.path)).toEqual([
        'days',
        'percent',
        'minExplanation',
      ]);
    }
  });
});

describe('a deadline line', () => {
  it('keeps the first deadline as the original and shows no slip', () => {
    expect(deriveDeadlineSlip(deadline())).toEqual({
      original: '2022-06-30',
      current: '2022-06-30',
      days: 0,
      rebaselines: 0,
    });
  });

  it('refuses a deadline that is not a calendar date', () => {
    expect(codeOf(() => startDeadlineLine(task, '2022-02-30', 'assignment', AT, 2))).toBe('BAD_INPUT');
  });

  it('before publication, a change replaces the original (the office is still planning)', () => {
    const { line, variance, event } = changePromise(
      deadline(),
      { value: '2022-09-30', source: 'assignment' },
      supervisor,
      LATER,
      { published: false },
    );
    expect(line.versions).toHaveLength(1);
    expect(deriveDeadlineSlip(line)).toMatchObject({ original: '2022-09-30', days: 0 });
    expect(variance).toBeNull();
    expect(event.action).toBe('deadline.set');
  });

  it('after publication, a change is a re-baseline kept with who, when, why and basis', () => {
    const { line, variance, event } = changePromise(
      deadline(),
      {
        value: '2022-09-30',
        source: 'extension',
        extensionId: 4,
        reason: '征地手续未完成',
        explanation: EXPLAINED,
        basis: '延期申请第4号',
      },
      supervisor,
      LATER,
      { published: true },
    );
    expect(line.versions).toHaveLength(2);
    expect(line.versions[1]).toEqual({
      value: '2022-09-30',
      source: 'extension',
      at: LATER,
      by: 2,
      reason: '征地手续未完成',
      explanation: EXPLAINED,
      basis: '延期申请第4号',
      extensionId: 4,
    });
    expect(deriveDeadlineSlip(line)).toEqual({
      original: '2022-06-30',
      current: '2022-09-30',
      days: 92,
      rebaselines: 1,
    });
    expect(variance).toEqual({ field: 'deadline', days: 92, percent: null, overThreshold: true });
    expect(event).toMatchObject({
      action: 'deadline.rebaseline',
      entity: { type: 'task', id: 7 },
      before: { deadline: '2022-06-30' },
      after: { deadline: '2022-09-30', source: 'extension', extensionId: 4 },
      reason: '征地手续未完成',
    });
  });

  it('a slip past the threshold is refused without a written explanation, at the explanation field', () => {
    try {
      changePromise(
        deadline(),
        { value: '2022-09-30', source: 'extension', reason: '征地手续未完成', explanation: '延期' },
        supervisor,
        LATER,
        { published: true },
      );
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'BAD_INPUT')).toBe(true);
      const details = (error as { details: { path: string; message: string }[] }).details;
      expect(details).toHaveLength(1);
      expect(details[0]!.path).toBe('explanation');
      expect(details[0]!.message).toContain('92 days later');
    }
  });

  it('a slip within the threshold needs only the reason', () => {
    const { line, variance } = changePromise(
      deadline(),
      { value: '2022-07-30', source: 'decision', reason: '与汛期错开' },
      supervisor,
      LATER,
      { published: true },
    );
    expect(variance?.overThreshold).toBe(false);
    expect(line.versions[1]!.explanation).toBeNull();
  });

  it('counts the threshold from the original, so small steps cannot add up unexplained', () => {
    const thresholds = resolveSlippageThresholds({ days: 30 });
    const first = changePromise(
      deadline(),
      { value: '2022-07-25', source: 'extension', reason: '第一次延期' },
      supervisor,
      LATER,
      { published: true, thresholds },
    ).line;
    expect(
      codeOf(() =>
        changePromise(
          first,
          { value: '2022-08-20', source: 'extension', reason: '第二次延期' },
          supervisor,
          LATER,
          {
            published: true,
            thresholds,
          },
        ),
      ),
    ).toBe('BAD_INPUT');
  });

  it('the plan threshold decides: 100 days allowed by a lenient plan', () => {
    const { variance } = changePromise(
      deadline(),
      { value: '2022-09-30', source: 'extension', reason: '征地手续未完成' },
      supervisor,
      LATER,
      { published: true, thresholds: resolveSlippageThresholds({ days: 100 }) },
    );
    expect(variance?.overThreshold).toBe(false);
  });

  it('an earlier deadline never needs an explanation', () => {
    expect(deriveVariance(deadline(), '2022-03-31').overThreshold).toBe(false);
  });

  it('only the plan office re-baselines; a unit cannot move its own deadline', () => {
    expect(
      codeOf(() =>
        changePromise(
          deadline(),
          { value: '2022-07-01', source: 'decision', reason: 'x' },
          unitReporter,
          LATER,
          {
            published: true,
          },
        ),
      ),
    ).toBe('FORBIDDEN');
  });

  it('refuses a re-baseline without a reason, and one to the deadline in force', () => {
    expect(
      codeOf(() =>
        changePromise(
          deadline(),
          { value: '2022-07-01', source: 'decision', reason: '  ' },
          supervisor,
          LATER,
          {
            published: true,
          },
        ),
      ),
    ).toBe('BAD_INPUT');
    expect(
      codeOf(() =>
        changePromise(
          deadline(),
          { value: '2022-06-30', source: 'decision', reason: '无变化' },
          supervisor,
          LATER,
          {
            published: true,
          },
        ),
      ),
    ).toBe('CONFLICT');
  });
});

describe('a target value line', () => {
  it('lowering a "more is better" target eases it, in percent of the original', () => {
    const { line } = changePromise(
      jobs(),
      {
        value: 8000,
        source: 'decision',
        reason: '受疫情影响',
        explanation: '经区政府常务会议研究，结合上半年就业形势调整',
        basis: '区政府第12次常务会议',
      },
      supervisor,
      LATER,
      { published: true },
    );
    expect(deriveValueSlip(line)).toEqual({
      original: 9000,
      current: 8000,
      unit: '人',
      percent: -11.1,
      easing: true,
      rebaselines: 1,
    });
  });

  it('raising a "more is better" target tightens it: no explanation needed however far', () => {
    const v = deriveVariance(jobs(), 12000);
    expect(v).toEqual({ field: 'value', days: null, percent: 33.3, overThreshold: false });
  });

  it('raising a cap ("以内") eases it', () => {
    const cap = startValueLine(target, 5, '%', 'lower', AT);
    expect(deriveVariance(cap, 5.5).overThreshold).toBe(true);
    expect(deriveVariance(cap, 5.2).overThreshold).toBe(false);
  });

  it('for a "左右" value any move is a slip', () => {
    const near = startValueLine(target, 6.5, '%', 'near', AT);
    expect(deriveVariance(near, 7).overThreshold).toBe(true);
    expect(deriveVariance(near, 6).overThreshold).toBe(true);
  });

  it('checkVarianceExplanation names the percent and the threshold', () => {
    try {
      checkVarianceExplanation(jobs(), 8000, null);
      expect.unreachable();
    } catch (error) {
      expect((error as { details: { message: string }[] }).details[0]!.message).toContain(
        '11.1% off the original (threshold 5%)',
      );
    }
  });

  it('refuses a value that is not a number', () => {
    expect(
      codeOf(() =>
        changePromise(jobs(), { value: Number.NaN, source: 'decision', reason: 'x' }, supervisor, LATER, {
          published: true,
        }),
      ),
    ).toBe('BAD_INPUT');
  });
});

describe('derivePromiseView', () => {
  const moved = () =>
    changePromise(
      deadline(),
      { value: '2022-09-30', source: 'extension', reason: '征地手续未完成', explanation: EXPLAINED },
      supervisor,
      LATER,
      { published: true },
    ).line;

  it('shows original beside current, the slip and the days left', () => {
    const view = derivePromiseView(moved(), null, { today: '2022-09-20', finished: false });
    expect(view.deadline).toEqual({
      original: '2022-06-30',
      current: '2022-09-30',
      days: 92,
      rebaselines: 1,
      overdue: false,
      daysLeft: 10,
    });
    expect(view.changes).toEqual([
      {
        field: 'deadline',
        on: '2022-06-03',
        from: '2022-06-30',
        to: '2022-09-30',
        source: 'extension',
        explanation: EXPLAINED,
        basis: null,
      },
    ]);
  });

  it('marks overdue when the deadline in force passed and the work is not finished', () => {
    expect(derivePromiseView(moved(), null, { today: '2022-10-08', finished: false }).deadline).toMatchObject(
      {
        overdue: true,
        daysLeft: null,
      },
    );
    expect(derivePromiseView(moved(), null, { today: '2022-10-08', finished: true }).deadline?.overdue).toBe(
      false,
    );
  });

  it('never names who moved it, and gives the reason when no explanation was written', () => {
    const line = changePromise(
      deadline(),
      { value: '2022-07-10', source: 'decision', reason: '与汛期错开' },
      supervisor,
      LATER,
      { published: true },
    ).line;
    const view = derivePromiseView(line, null, { today: '2022-06-05', finished: false });
    expect(JSON.stringify(view)).not.toContain('"by"');
    expect(view.changes[0]!.explanation).toBe('与汛期错开');
  });
});

describe('deriveDeadlineLine', () => {
  const extension = (id: number, patch: Partial<ExtensionVersion> = {}): ExtensionVersion => ({
    id,
    state: 'approved',
    reason: '征地手续未完成',
    decidedBy: 2,
    decidedAt: '2022-06-03T09:00:00.000Z',
    approvedDeadline: '2022-09-30',
    decisionNote: null,
    ...patch,
  });

  it('the assigned deadline is the original; approved 延期 are re-baselines in the order decided', () => {
    const line = deriveDeadlineLine(task, '2022-06-30', '2022-03-01T00:00:00.000Z', [
      extension(5, {
        decidedAt: '2022-09-20T09:00:00.000Z',
        approvedDeadline: '2022-11-30',
        origin: 'decision',
        decisionNote: '区政府常务会议议定',
      }),
      extension(4, { explanation: EXPLAINED }),
      extension(6, { state: 'denied', approvedDeadline: null }),
      extension(7, { state: 'requested', decidedAt: null, decidedBy: null, approvedDeadline: null }),
    ])!;
    expect(line.versions.map((v) => [v.value, v.source, v.extensionId])).toEqual([
      ['2022-06-30', 'assignment', null],
      ['2022-09-30', 'extension', 4],
      ['2022-11-30', 'decision', 5],
    ]);
    expect(line.versions[1]).toMatchObject({ by: 2, reason: '征地手续未完成', explanation: EXPLAINED });
    expect(line.versions[2]!.basis).toBe('区政府常务会议议定');
    expect(deriveDeadlineSlip(line)).toMatchObject({
      original: '2022-06-30',
      current: '2022-11-30',
      days: 153,
    });
  });

  it('no deadline and no extension: no line', () => {
    expect(deriveDeadlineLine(task, null, '2022-03-01T00:00:00.000Z', [])).toBeUndefined();
  });
});
