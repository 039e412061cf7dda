import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import type { Target, Task } from '../api/types';
import { axeViolations } from '../test-fixtures/axe';
import { TargetTable, TaskTable } from './item-tables';

const task: Task = {
  id: 1,
  planId: 1,
  outlineNodeId: null,
  text: '推进回龙观、天通苑地区新一轮提升行动',
  span: [0, 18],
  state: 'in_progress',
  progress: 40,
  version: 1,
  carriedFrom: null,
  leadUnitId: null,
  coUnitIds: [],
  leader: null,
  deadline: '2022-12-31',
  weight: 1,
};

describe('TaskTable', () => {
  it('keeps the select-all checkbox out of the hidden measuring row (no focusable inside aria-hidden)', async () => {
    const { container } = render(
      <MemoryRouter>
        <TaskTable
          tasks={[task]}
          units={new Map()}
          lang="zh-CN"
          hrefOf={(id) => `/plans/1/tasks/${id}`}
          today="2022-06-01"
          selectedIds={[]}
          onSelectionChange={() => undefined}
        />
      </MemoryRouter>,
    );
    const hiddenRow = container.querySelector('tr[aria-hidden="true"]');
    expect(hiddenRow).not.toBeNull();
    // The copy of the header's checkbox in the measuring row is inert; the real one is not.
    for (const box of hiddenRow!.querySelectorAll('input')) expect(box.closest('[inert]')).not.toBeNull();
    expect(screen.getAllByRole('checkbox').length).toBeGreaterThan(0);
    expect(container.querySelector('thead input')?.closest('[inert]')).toBeNull();
    expect((await axeViolations(container)).filter((v) => v.startsWith('aria-hidden-focus'))).toEqual([]);
  });
});

describe('TaskTable with baselines (issue 19)', () => {
  const slip = (original: string, current: string, days: number) => ({
    deadline: { original, current, days, rebaselines: 1, overdue: false, daysLeft: 10 },
    value: null,
    changes: [],
  });
  const moved = { ...task, id: 2, text: '建成区域医疗中心', deadline: '2022-06-30' };
  const kept = { ...task, id: 3, text: '完成老旧小区综合整治' };
  const renderTable = () =>
    render(
      <MemoryRouter>
        <TaskTable
          tasks={[moved, kept]}
          units={new Map()}
          lang="zh-CN"
          hrefOf={(id) => `/plans/1/tasks/${id}`}
          today="2022-06-01"
          selectedIds={[]}
          onSelectionChange={() => undefined}
          slips={
            new Map([
              ['task:2', slip('2022-06-30', '2022-09-30', 92)],
              ['task:3', slip('2022-12-31', '2022-12-31', 0)],
            ])
          }
        />
      </MemoryRouter>,
    );

  it('shows the original deadline and the slip in a tag beside the current one, only where they differ', () => {
    const { container } = renderTable();
    const tags = screen.getAllByTestId('slip-tag');
    expect(tags).toHaveLength(1);
    expect(tags[0]!.textContent).toBe('原定2022年6月30日，推迟92天');
    // The current deadline is the one in force, in the same cell: no new column.
    const row = tags[0]!.closest('tr')!;
    expect(row.textContent).toContain('2022年9月30日');
    expect(container.querySelectorAll('thead th').length).toBe(
      render(
        <MemoryRouter>
          <TaskTable
            tasks={[kept]}
            units={new Map()}
            lang="zh-CN"
            hrefOf={(id) => `/plans/1/tasks/${id}`}
            today="2022-06-01"
            selectedIds={[]}
            onSelectionChange={() => undefined}
          />
        </MemoryRouter>,
      ).container.querySelectorAll('thead th').length,
    );
  });
});

describe('TargetTable with baselines (issue 19)', () => {
  it('shows the original target value and the change in percent where it was eased', () => {
    const target: Target = {
      id: 7,
      planId: 1,
      outlineNodeId: null,
      taskId: null,
      metric: '森林覆盖率',
      comparator: '>=',
      value: 48.5,
      unit: '%',
      period: '2022',
      direction: 'rising',
      span: [0, 5],
      quote: '森林覆盖率达到48.5%以上',
      sentence: '森林覆盖率达到48.5%以上。',
      baseline: null,
      version: 1,
      leadUnitId: null,
      coUnitIds: [],
      leader: null,
      deadline: null,
      weight: 1,
    };
    render(
      <MemoryRouter>
        <TargetTable
          targets={[target]}
          units={new Map()}
          lang="zh-CN"
          hrefOf={(id) => `/plans/1/targets/${id}`}
          today="2022-06-01"
          selectedIds={[]}
          onSelectionChange={() => undefined}
          slips={
            new Map([
              [
                'target:7',
                {
                  deadline: null,
                  value: {
                    original: 48.5,
                    current: 48,
                    unit: '%',
                    percent: -1,
                    easing: true,
                    rebaselines: 1,
                  },
                  changes: [],
                },
              ],
            ])
          }
        />
      </MemoryRouter>,
    );
    expect(screen.getByTestId('slip-tag').textContent).toBe('原定48.5%，调整-1%');
  });
});
