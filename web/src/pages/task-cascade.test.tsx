import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Role, Task } from '../api/types';
import type { LowerPlan, TaskHandDown } from '../api/cascade';
import { renderSignedIn } from '../test-fixtures/session';
import { TaskCascadePanel } from './task-cascade';

const TASK = { id: 12, planId: 1, text: '推进城市更新' } as Task;

const LOWER: LowerPlan[] = [
  {
    id: 2,
    title: '2026年黄浦区政府工作报告',
    year: 2026,
    jurisdictionId: 2,
    jurisdictionName: '上海市黄浦区',
  },
  {
    id: 3,
    title: '2026年静安区政府工作报告',
    year: 2026,
    jurisdictionId: 3,
    jurisdictionName: '上海市静安区',
  },
];

const reply = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

/** The server: the plans below, where the task went (黄浦 already), and the hand-down. */
function stubServer() {
  const given: TaskHandDown[] = [
    {
      planId: 2,
      taskId: 21,
      jurisdictionId: 2,
      jurisdictionName: '上海市黄浦区',
      state: 'in_progress',
      progress: 40,
    },
  ];
  const sent: { url: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init?: RequestInit) => {
      if (url.includes('/lower-plans')) return reply(200, { items: LOWER, total: 2 });
      if (url.includes('/hand-downs')) return reply(200, { items: given, total: given.length });
      if (url.includes('/hand-down') && init?.method === 'POST') {
        sent.push({ url, body: JSON.parse(String(init.body)) });
        given.push({
          planId: 3,
          taskId: 31,
          jurisdictionId: 3,
          jurisdictionName: '上海市静安区',
          state: 'not_started',
          progress: 0,
        });
        return reply(201, { items: [], total: 1 });
      }
      return reply(404, { error: { code: 'NOT_FOUND', message: 'NOT_FOUND', details: [] } });
    }),
  );
  return sent;
}

function renderPanel(role: Role) {
  renderSignedIn(role, <TaskCascadePanel task={TASK} />);
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('下达到下级 on a task', () => {
  it('shows where the task went and hands it to another district with one click', async () => {
    const sent = stubServer();
    renderPanel('supervisor');
    const table = await screen.findByTestId('task-hand-down');
    await within(table).findByText('已下达（推进中，进度 40%）');
    await act(async () => {
      fireEvent.click(within(table).getByRole('button', { name: '下达 上海市静安区' }));
    });
    await waitFor(() =>
      expect(sent).toEqual([{ url: '/api/v1/plans/1/tasks/12/hand-down', body: { to: [{ planId: 3 }] } }]),
    );
    await within(table).findByText('已下达（未启动，进度 0%）');
    expect(within(table).queryByRole('button')).toBeNull();
  });

  it('is not offered to a leader', async () => {
    stubServer();
    renderPanel('leader');
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(screen.queryByTestId('task-hand-down')).toBeNull();
  });
});
