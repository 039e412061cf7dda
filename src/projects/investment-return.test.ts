import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { applyInvestmentReturn, owesInvestmentMonth, returnDay } from './investment-return.js';
import type { InvestmentReturnLine } from './investment-return.js';
import { DEFAULT_STAGE_MODEL } from './stages.js';
import { sampleLibrary } from './test-fixtures.js';
import type { LibraryProject } from './types.js';

const library = sampleLibrary();
const owedIn = (month: string) => library.filter((p) => owesInvestmentMonth(p, month, DEFAULT_STAGE_MODEL));
const line = (projectId: number, amount: number | null, more: Partial<InvestmentReturnLine> = {}) => ({
  projectId,
  amount,
  progress: null,
  stats: null,
  ...more,
});

function refusal(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('not refused');
}

describe('owesInvestmentMonth', () => {
  it('owes projects under construction or planned for the year, in the library that month', () => {
    expect(owedIn('2022-09').map((p) => p.id)).toEqual([1, 3, 4]);
    // 3 finished on 2022-10-01; 5 is 谋划 with no plan; 2 is 入库 with no plan.
    expect(owedIn('2022-10').map((p) => p.id)).toEqual([1, 4]);
    expect(owedIn('2021-05').map((p) => p.id)).toEqual([]);
  });
});

describe('applyInvestmentReturn', () => {
  const owed = owedIn('2022-09');
  const today = '2022-10-08';

  it("records the month's figures, a new 形象进度 dated the month's end, and 入统 when first registered", () => {
    const changes = applyInvestmentReturn({
      month: '2022-09',
      today,
      owed,
      lines: [
        line(1, 5000, { progress: '主体结构施工', stats: { registered: true, on: null } }),
        line(3, 0),
        line(4, 120, { stats: { registered: true, on: '2022-09-12' } }),
      ],
    });
    const [one, three, four] = changes.map((c) => c.project);
    expect(one!.investments).toEqual([
      { month: '2022-08', amount: 3000 },
      { month: '2022-09', amount: 5000 },
    ]);
    expect(one!.progress).toEqual([{ date: '2022-09-30', note: '主体结构施工' }]);
    // Registered already (2022-09-20): kept.
    expect(one!.statsRegisteredOn).toBe('2022-09-20');
    expect(three!.investments).toEqual([{ month: '2022-09', amount: 0 }]);
    expect(four!.statsRegisteredOn).toBe('2022-09-12');
    expect(changes.map((c) => c.changed)).toEqual([
      { amount: true, progress: true, stats: false },
      { amount: true, progress: false, stats: false },
      { amount: true, progress: false, stats: true },
    ]);
  });

  it('replaces the month’s 形象进度 on a second return; the note carried from before the month adds nothing', () => {
    const base: LibraryProject = { ...owed[0]!, progress: [{ date: '2022-08-25', note: '基坑开挖完成' }] };
    const first = applyInvestmentReturn({
      month: '2022-09',
      today,
      owed: [base, owed[1]!, owed[2]!],
      lines: [line(1, 4500, { progress: '基坑开挖完成' }), line(3, 0), line(4, 0)],
    });
    expect(first[0]!.project.progress).toEqual(base.progress);
    expect(first[0]!.changed).toEqual({ amount: false, progress: false, stats: false });
    const second = applyInvestmentReturn({
      month: '2022-09',
      today,
      owed: [
        { ...base, progress: [...base.progress, { date: '2022-09-30', note: '底板浇筑' }] },
        owed[1]!,
        owed[2]!,
      ],
      lines: [line(1, 4500, { progress: '地下室顶板完成' }), line(3, 0), line(4, 0)],
    });
    expect(second[0]!.project.progress).toEqual([
      { date: '2022-08-25', note: '基坑开挖完成' },
      { date: '2022-09-30', note: '地下室顶板完成' },
    ]);
    // While the month runs, the return speaks for today.
    expect(returnDay('2022-10', '2022-10-08')).toBe('2022-10-08');
  });

  it('refuses the whole return with every problem at its line and field', () => {
    const error = refusal(() =>
      applyInvestmentReturn({
        month: '2022-09',
        today,
        owed,
        lines: [
          line(1, -5),
          line(2, 100),
          line(3, null),
          line(1, 10),
          line(4, 1, { stats: { registered: true, on: '2022-10-03' } }),
        ],
      }),
    );
    expect(error.code).toBe('BAD_INPUT');
    expect(error.details.map((d) => d.path)).toEqual([
      'lines.0.amount',
      'lines.1.projectId',
      'lines.2.amount',
      'lines.3.projectId',
      'lines.4.stats',
    ]);
    expect(error.details[1]!.message).toContain('不是本单位2022-09应报的项目');
    const missing = refusal(() =>
      applyInvestmentReturn({ month: '2022-09', today, owed, lines: [line(1, 1), line(3, 1)] }),
    );
    expect(missing.details).toEqual([
      { path: 'lines', message: expect.stringContaining('东坡老旧小区综合整治') },
    ]);
    const unregister = refusal(() =>
      applyInvestmentReturn({
        month: '2022-09',
        today,
        owed,
        lines: [line(1, 1, { stats: { registered: false } }), line(3, 1), line(4, 1)],
      }),
    );
    expect(unregister.details).toEqual([
      { path: 'lines.0.stats', message: expect.stringContaining('已于2022-09-20入统') },
    ]);
    expect(
      refusal(() => applyInvestmentReturn({ month: '2022-11', today, owed, lines: [] })).details[0]!.path,
    ).toBe('month');
  });
});
