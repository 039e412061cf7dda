import { describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import type { UnitReport } from '../api/tracking';
import { deriveReviewLines, previousReport } from '../lib/review-lines';
import { ReportReview } from './report-review';

const base = {
  planId: 1,
  unitId: 11,
  evidence: [],
  carriedFrom: null,
  submittedBy: 5,
  submittedAt: '2022-04-02T09:00:00.000Z',
  reviewedBy: null,
  reviewedAt: null,
  returnReason: null,
  version: 1,
};
const february = {
  ...base,
  id: 1,
  periodKey: '2022-02',
  status: 'approved',
  tasks: [
    { taskId: 7, progress: 30, state: 'in_progress', note: '征地' },
    { taskId: 8, progress: 0, state: 'not_started', note: '' },
  ],
  targets: [{ targetId: 3, value: 1.1, unit: '万户', note: '' }],
} as UnitReport;
const march = {
  ...base,
  id: 2,
  periodKey: '2022-03',
  status: 'submitted',
  tasks: [
    {
      taskId: 7,
      progress: 45,
      state: 'in_progress',
      note: '征地完成',
      status: 'submitted',
      evidence: [{ fileId: 42, name: '征地台账.pdf' }],
    },
    { taskId: 8, progress: 0, state: 'not_started', note: '', status: 'submitted' },
  ],
  targets: [{ targetId: 3, value: 1.3, unit: '万户', note: '', status: 'submitted' }],
} as UnitReport;

const names: Record<string, string> = {
  'task.7': '回天行动计划',
  'task.8': '国际研究型医院',
  'target.3': '新增市场主体',
};

describe('review of a report', () => {
  it('compares each line with the unit’s line last period', () => {
    expect(previousReport(march, [march, february])).toBe(february);
    const lines = deriveReviewLines(march, february);
    expect(lines.map((l) => [l.key, l.changed, l.delta])).toEqual([
      ['task.7', true, 15],
      ['task.8', false, 0],
      ['target.3', true, 0.2],
    ]);
  });

  it('shows changed lines by default with the change and evidence; approves or returns one line with a reason', async () => {
    const onApprove = vi.fn();
    const onReturn = vi.fn();
    render(
      <ReportReview
        report={march}
        previous={february}
        nameOf={(l) => names[`${l.type}.${l.id}`]!}
        evidenceUrl={(id) => `/files/${id}`}
        canAct
        onApprove={onApprove}
        onReturn={onReturn}
      />,
    );
    // The unchanged 0% 未启动 line is hidden until asked for.
    expect(screen.queryByText('国际研究型医院')).toBeNull();
    const line7 = screen.getByTestId('review-line-task.7');
    expect(line7.textContent).toContain('上期 30%');
    expect(line7.textContent).toContain('+15%');
    expect(line7.querySelector('a')?.getAttribute('href')).toBe('/files/42');
    // The words beside the switch switch it too.
    fireEvent.click(screen.getByText('显示与上期相同的 1 项'));
    expect(screen.getByText('国际研究型医院')).toBeTruthy();
    fireEvent.click(screen.getByRole('switch', { name: '显示与上期相同的 1 项' }));
    expect(screen.queryByText('国际研究型医院')).toBeNull();
    fireEvent.click(screen.getByRole('switch', { name: '显示与上期相同的 1 项' }));
    expect(screen.getByText('国际研究型医院')).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: '通过本项' })[2]!);
    expect(onApprove).toHaveBeenCalledWith([{ type: 'target', id: 3 }]);
    fireEvent.click(screen.getAllByRole('button', { name: '退回本项' })[0]!);
    const confirm = screen.getByRole('button', { name: '确认退回' });
    expect((confirm as HTMLButtonElement).disabled).toBe(true);
    fireEvent.change(screen.getByLabelText('退回理由'), { target: { value: '请补充征地协议' } });
    await act(async () => {
      fireEvent.click(confirm);
    });
    expect(onReturn).toHaveBeenCalledWith([{ type: 'task', id: 7, reason: '请补充征地协议' }]);
  });
});
