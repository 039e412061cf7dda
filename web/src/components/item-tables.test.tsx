import { describe, expect, it } from 'vitest';
import { render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import type { Task } from '../api/types';
import { axeViolations } from '../test-fixtures/axe';
import { TaskTable } from './item-tables';

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
