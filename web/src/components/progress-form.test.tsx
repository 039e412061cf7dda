import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { ProgressForm, type OwedLabel } from './progress-form';
import type { OwedItem } from '../api/tracking';
import { parseNumber, toProgressValues, toReportWrite, validateProgress } from '../lib/progress';

const owed: OwedItem[] = [
  { type: 'task', id: 7, role: 'lead', dueOn: '2022-04-05' },
  { type: 'target', id: 9, role: 'co', dueOn: '2022-04-03' },
];
const labels = {
  task: new Map<number, OwedLabel>([[7, { text: '推进回天地区新一轮行动计划' }]]),
  target: new Map<number, OwedLabel>([[9, { text: '新增市场主体', goal: '1.2万户以上' }]]),
};
// Carried forward from February: 30%, in progress; the target's value still blank.
const draft = {
  tasks: [{ taskId: 7, progress: 30, state: 'in_progress' as const, note: '2月进展' }],
  targets: [{ targetId: 9, value: null, unit: '万户', note: '' }],
};

function renderForm(extra: Partial<Parameters<typeof ProgressForm>[0]> = {}) {
  const onSubmit = vi.fn();
  render(
    <ProgressForm
      owed={owed}
      labels={labels}
      initial={toProgressValues(draft)}
      carriedFrom="2022-02"
      onSubmit={onSubmit}
      {...extra}
    />,
  );
  return { onSubmit };
}

async function submit() {
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: /提交本期报送/ }));
  });
}

describe('ProgressForm', () => {
  it('starts from last period’s figures and says so', () => {
    renderForm();
    expect((screen.getByLabelText('完成进度') as HTMLInputElement).value).toBe('30');
    expect(
      (screen.getByLabelText('进展情况', { selector: '#task\\.7\\.note' }) as HTMLTextAreaElement).value,
    ).toBe('2月进展');
    expect(screen.getByText('已带入2022年2月的填报内容，只需修改变化的部分')).toBeTruthy();
    expect(screen.getByText('牵头')).toBeTruthy();
    expect(screen.getByText('配合')).toBeTruthy();
    // The day to report by as the page's header writes it, not 2022-04-05.
    expect(screen.getByText('2022年4月5日 前报送')).toBeTruthy();
  });

  it('checks the percent as the user types: not a number, over 100, then fine', async () => {
    renderForm();
    const percent = screen.getByLabelText('完成进度');
    fireEvent.change(percent, { target: { value: '4o' } });
    expect(await screen.findByText('请输入数字')).toBeTruthy();
    fireEvent.change(percent, { target: { value: '120' } });
    expect(await screen.findByText('完成进度须在 0 到 100 之间')).toBeTruthy();
    const item = percent.closest('.ant-form-item')!;
    expect(item.className).toContain('ant-form-item-has-error');
    fireEvent.change(percent, { target: { value: '45' } });
    expect(item.className).not.toContain('ant-form-item-has-error');
  });

  it('refuses to send a blank value, then sends everything at once', async () => {
    const { onSubmit } = renderForm();
    await submit();
    expect(onSubmit).not.toHaveBeenCalled();
    expect(screen.getByText('请填写累计完成值')).toBeTruthy();
    // Said at the top and beside the button.
    expect(screen.getAllByText('还有 1 处需要修改')).toHaveLength(2);
    fireEvent.change(screen.getByLabelText('完成进度'), { target: { value: '45' } });
    fireEvent.change(screen.getByLabelText('累计完成值'), { target: { value: '0.35' } });
    await submit();
    expect(onSubmit).toHaveBeenCalledTimes(1);
    const [values, evidence] = onSubmit.mock.calls[0]! as [ReturnType<typeof toProgressValues>, number[]];
    expect(evidence).toEqual([]);
    expect(toReportWrite(values, 11, '2022-03', evidence)).toEqual({
      unitId: 11,
      periodKey: '2022-03',
      tasks: [{ taskId: 7, progress: 45, state: 'in_progress', note: '2月进展', evidence: [] }],
      targets: [{ targetId: 9, value: 0.35, unit: '万户', note: '', evidence: [] }],
      evidence: [],
    });
  });

  it('shows why a report was returned, as text', () => {
    renderForm({ returnReason: '<b>口径有误</b>' });
    expect(screen.getByTestId('return-reason').textContent).toContain('<b>口径有误</b>');
    expect(screen.getByTestId('return-reason').querySelector('b')).toBeNull();
  });

  it('uploads evidence and sends its id with the report', async () => {
    const onUpload = vi.fn().mockResolvedValue({ id: 42, name: '3月台账.pdf' });
    const { onSubmit } = renderForm({ onUpload });
    const input = screen.getByTestId('evidence').querySelector('input[type=file]') as HTMLInputElement;
    const file = new File(['%PDF-1.7'], '3月台账.pdf', { type: 'application/pdf' });
    await act(async () => {
      fireEvent.change(input, { target: { files: [file] } });
    });
    expect(await screen.findByText('3月台账.pdf')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('累计完成值'), { target: { value: '0.35' } });
    await submit();
    expect(onSubmit.mock.calls[0]![1]).toEqual([42]);
  });

  it('keeps done and 100 together', () => {
    const values = toProgressValues(draft);
    values.tasks[0]!.state = 'done';
    values.tasks[0]!.progress = '80';
    values.targets[0]!.value = '1';
    expect(validateProgress(values)).toEqual({ 'task.7.progress': { key: 'todo.doneNeedsHundred' } });
    expect(parseNumber('1,200.5')).toBe(1200.5);
    expect(parseNumber('1e5')).toBeUndefined();
  });
});

describe('ProgressForm: grouped as the report is', () => {
  it('groups a chapter’s tasks by its sections, the chapter named once', () => {
    const grouped = {
      task: new Map<number, OwedLabel>([
        [7, { text: '推进回天地区新一轮行动计划', chapter: '2022年重点任务', section: '加快建设未来科学城' }],
        [8, { text: '建设国际研究型医院', chapter: '2022年重点任务', section: '加快建设未来科学城' }],
        [12, { text: '深化“放管服”改革', chapter: '2022年重点任务', section: '全面加强政府自身建设' }],
      ]),
      target: new Map<number, OwedLabel>(),
    };
    render(
      <ProgressForm
        owed={[7, 8, 12].map((id) => ({
          type: 'task' as const,
          id,
          role: 'lead' as const,
          dueOn: '2022-04-05',
        }))}
        labels={grouped}
        initial={toProgressValues({
          tasks: [7, 8, 12].map((taskId) => ({
            taskId,
            progress: 0,
            state: 'not_started' as const,
            note: '',
          })),
          targets: [],
        })}
        onSubmit={vi.fn()}
      />,
    );
    expect(screen.getAllByText('2022年重点任务')).toHaveLength(1);
    const first = screen.getByRole('region', { name: '加快建设未来科学城' });
    const last = screen.getByRole('region', { name: '全面加强政府自身建设' });
    expect(first.querySelectorAll('[data-testid^="task-line-"]')).toHaveLength(2);
    expect(last.querySelector('[data-testid="task-line-12"]')).not.toBeNull();
    expect(screen.getByRole('heading', { name: '全面加强政府自身建设' })).toBeTruthy();
  });
});
