import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { ApiError } from '../api/client';
import type { DraftLine, Todo } from '../api/tracking';
import { readPending, writePending } from '../lib/draft-mirror';
import { ReportCard, type ReportCardProps, type SaveLineBody } from './report-card';
import type { OwedLabel } from './progress-form';

const scope = { planId: 1, unitId: 11, periodKey: '2022-03' };
const labels = {
  task: new Map<number, OwedLabel>([
    [7, { text: '推进回天地区新一轮行动计划', chapter: '一、2022年重点工作' }],
    [8, { text: '建设国际研究型医院', chapter: '一、2022年重点工作' }],
  ]),
  target: new Map<number, OwedLabel>(),
};

function todo(lines: Partial<Todo['draft']['tasks'][number]>[] = [{}, {}]): Todo {
  return {
    unitId: 11,
    dueOn: '2022-04-05',
    owed: [
      { type: 'task', id: 7, role: 'lead', dueOn: '2022-04-05' },
      { type: 'task', id: 8, role: 'lead', dueOn: '2022-04-05' },
    ],
    report: null,
    draft: {
      unitId: 11,
      periodKey: '2022-03',
      carriedFrom: null,
      tasks: [
        { taskId: 7, progress: 30, state: 'in_progress', note: '2月进展', ...lines[0] },
        { taskId: 8, progress: 10, state: 'in_progress', note: '', ...lines[1] },
      ],
      targets: [],
    },
  } as Todo;
}

const answer = (body: SaveLineBody, savedAt: string): DraftLine => ({
  item: body.item as DraftLine['item'],
  savedAt,
  savedBy: 5,
});

function renderCard(props: Partial<ReportCardProps> = {}) {
  const saveLine = vi.fn((body: SaveLineBody) => Promise.resolve(answer(body, '2022-04-02T09:00:01.000Z')));
  const submit = vi.fn().mockResolvedValue({});
  const reload = vi.fn();
  const view = render(
    <ReportCard
      planId={1}
      periodKey="2022-03"
      todo={todo()}
      labels={labels}
      saveLine={saveLine}
      submit={submit}
      reload={reload}
      delayMs={10}
      {...props}
    />,
  );
  return { saveLine: (props.saveLine as typeof saveLine | undefined) ?? saveLine, submit, reload, view };
}

const note7 = () =>
  screen.getByLabelText('进展情况', { selector: '#task\\.7\\.note' }) as HTMLTextAreaElement;
async function settle() {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 40));
  });
}

afterEach(() => {
  window.localStorage.clear();
});

describe('ReportCard: a clerk’s typing survives', () => {
  it('saves a line on the server as the clerk types, based on the line as read, grouped by chapter', async () => {
    const { saveLine } = renderCard();
    expect(screen.getByRole('heading', { name: '一、2022年重点工作' })).toBeTruthy();
    fireEvent.change(note7(), { target: { value: '征地完成一半' } });
    // Kept on this device at once, before the server answers.
    expect(readPending(scope)['task.7']).toMatchObject({ values: { note: '征地完成一半' }, basedOn: null });
    await settle();
    expect(saveLine).toHaveBeenCalledTimes(1);
    expect(saveLine.mock.calls[0]![0]).toEqual({
      unitId: 11,
      periodKey: '2022-03',
      basedOn: null,
      item: { type: 'task', id: 7 },
      progress: 30,
      state: 'in_progress',
      note: '征地完成一半',
      evidence: [],
    });
    expect(await screen.findByText('已自动保存')).toBeTruthy();
    // Confirmed by the server: nothing left waiting on the device.
    expect(readPending(scope)['task.7']).toBeUndefined();
    // The next save builds on the one the server confirmed.
    fireEvent.change(note7(), { target: { value: '征地完成六成' } });
    await settle();
    expect(saveLine.mock.calls[1]![0]).toMatchObject({
      basedOn: '2022-04-02T09:00:01.000Z',
      note: '征地完成六成',
    });
  });

  it('finds what was typed before the tab closed or the session ran out, and sends it again', async () => {
    writePending(scope, 'task.8', {
      values: { taskId: 8, progress: '45', state: 'in_progress', note: '主体结构封顶', evidence: [] },
      basedOn: null,
    });
    const { saveLine } = renderCard();
    expect(
      (screen.getByLabelText('进展情况', { selector: '#task\\.8\\.note' }) as HTMLTextAreaElement).value,
    ).toBe('主体结构封顶');
    await settle();
    expect(saveLine.mock.calls[0]![0]).toMatchObject({
      item: { type: 'task', id: 8 },
      progress: 45,
      basedOn: null,
    });
  });

  it('keeps the typing on the device when the session is lost, and says so', async () => {
    const saveLine = vi.fn(() => Promise.reject(new ApiError(401, 'UNAUTHENTICATED', 'sign in')));
    renderCard({ saveLine });
    fireEvent.change(note7(), { target: { value: '不能丢' } });
    await settle();
    expect(await screen.findByText('暂存本机')).toBeTruthy();
    expect(readPending(scope)['task.7']?.values).toMatchObject({ note: '不能丢' });
    expect(note7().value).toBe('不能丢');
  });

  it('on a conflict keeps the clerk’s text, shows the other version, and saves theirs over it only when asked', async () => {
    const saveLine = vi.fn((body: SaveLineBody) =>
      body.basedOn === '2022-04-02T09:03:00.000Z'
        ? Promise.resolve(answer(body, '2022-04-02T09:04:00.000Z'))
        : Promise.reject(new ApiError(409, 'CONFLICT', 'saved by another writer')),
    );
    const reload = vi.fn();
    const { view } = renderCard({ saveLine, reload });
    fireEvent.change(note7(), { target: { value: '我的版本' } });
    await settle();
    expect(await screen.findByTestId('line-conflict')).toBeTruthy();
    expect(reload).toHaveBeenCalled();
    expect(note7().value).toBe('我的版本');
    // The reload brings the other writer's line.
    view.rerender(
      <ReportCard
        planId={1}
        periodKey="2022-03"
        todo={todo([{ note: '他人的版本', progress: 35, savedAt: '2022-04-02T09:03:00.000Z' }, {}])}
        labels={labels}
        saveLine={saveLine}
        submit={vi.fn()}
        reload={reload}
        delayMs={10}
      />,
    );
    expect(screen.getByTestId('line-conflict').textContent).toContain('他人的版本');
    expect(note7().value).toBe('我的版本');
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '保留我的填写' }));
    });
    await settle();
    expect(saveLine.mock.calls.at(-1)![0]).toMatchObject({
      note: '我的版本',
      basedOn: '2022-04-02T09:03:00.000Z',
    });
    expect(screen.queryByTestId('line-conflict')).toBeNull();
  });

  it('hands in one line by itself; a line with a problem is not sent and its field takes the focus', async () => {
    const { submit } = renderCard();
    const percent8 = screen.getByLabelText('完成进度', { selector: '#task\\.8\\.progress' });
    fireEvent.change(percent8, { target: { value: '120' } });
    const buttons = screen.getAllByRole('button', { name: '报送本项' });
    await act(async () => {
      fireEvent.click(buttons[1]!);
    });
    expect(submit).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(percent8);
    await act(async () => {
      fireEvent.click(buttons[0]!);
    });
    expect(submit).toHaveBeenCalledTimes(1);
    expect(submit.mock.calls[0]![0]).toMatchObject({
      only: [{ type: 'task', id: 7 }],
      tasks: [{ taskId: 7, progress: 30 }],
    });
  });

  it('attaches evidence to a task: saved with its line and handed in with it', async () => {
    const onUpload = vi.fn().mockResolvedValue({ id: 42, name: '征地台账.pdf' });
    const { saveLine, submit } = renderCard({ onUpload });
    const input = screen.getByTestId('task-line-7').querySelector('input[type=file]') as HTMLInputElement;
    await act(async () => {
      fireEvent.change(input, { target: { files: [new File(['%PDF-1.7'], '征地台账.pdf')] } });
    });
    expect(screen.getByTestId('task-line-7').textContent).toContain('征地台账.pdf');
    await settle();
    expect(saveLine.mock.calls[0]![0]).toMatchObject({ item: { type: 'task', id: 7 }, evidence: [42] });
    await act(async () => {
      fireEvent.click(screen.getAllByRole('button', { name: '报送本项' })[0]!);
    });
    expect(submit.mock.calls[0]![0]).toMatchObject({ tasks: [{ taskId: 7, evidence: [42] }] });
  });

  it('a failed submit of everything jumps to the first problem', async () => {
    const { submit } = renderCard();
    const percent8 = screen.getByLabelText('完成进度', { selector: '#task\\.8\\.progress' });
    fireEvent.change(percent8, { target: { value: 'abc' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /提交本期报送/ }));
    });
    expect(submit).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(percent8);
    expect(screen.getAllByText('还有 1 处需要修改')).toHaveLength(2);
  });

  it('shows a returned line with its reason and a handed-in line read-only', () => {
    renderCard({
      todo: todo([{ status: 'returned', returnReason: '请补充征地协议' }, { status: 'submitted' }]),
    });
    expect(screen.getByTestId('line-return-reason').textContent).toContain('请补充征地协议');
    expect(
      (screen.getByLabelText('完成进度', { selector: '#task\\.8\\.progress' }) as HTMLInputElement).disabled,
    ).toBe(true);
    expect(screen.getAllByRole('button', { name: '报送本项' })).toHaveLength(1);
  });
});
