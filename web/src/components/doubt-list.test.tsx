import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { DoubtList, rankByDoubt } from './doubt-list';
import type { Mark } from '../lib/spans';

const marks: Mark[] = [
  { key: 'target:1', kind: 'target', id: 1, start: 10, end: 14, label: '6%左右' },
  { key: 'achievement:2', kind: 'achievement', id: 2, start: 30, end: 34, label: '98个' },
  { key: 'project:3', kind: 'project', id: 3, start: 50, end: 54, label: '雄安新区' },
  { key: 'target:4', kind: 'target', id: 4, start: 70, end: 74, label: '一项新增' },
  { key: 'task:5', kind: 'task', id: 5, start: 0, end: 80, label: '推进…' },
];
const doubts = {
  items: [
    { span: [10, 14] as [number, number], confidence: 1, doubts: [] },
    { span: [30, 34] as [number, number], confidence: 0.39, doubts: ['FLOW_OR_STOCK', 'NO_PERIOD'] },
  ],
  projects: [
    { span: [50, 54] as [number, number], confidence: 0.6, doubts: ['NOT_LISTED', 'STEP_BEFORE_ONLY'] },
  ],
};

describe('rankByDoubt', () => {
  it('pairs marks with their confidence by span, least sure first, without tasks; an added one counts as sure', () => {
    expect(rankByDoubt(marks, doubts).map((e) => [e.mark.key, e.confidence])).toEqual([
      ['achievement:2', 0.39],
      ['project:3', 0.6],
      ['target:1', 1],
      ['target:4', 1],
    ]);
  });
});

describe('DoubtList', () => {
  it('lists those under 80% first with their reasons, shows all on request, and selects one on click', () => {
    const chosen: Mark[] = [];
    render(<DoubtList marks={marks} doubts={doubts} onSelect={(m) => chosen.push(m)} />);
    const buttons = () =>
      screen.getAllByRole('button').filter((b) => /98个|雄安新区|6%左右|一项新增/.test(b.textContent ?? ''));
    expect(buttons().map((b) => b.textContent)).toEqual(['98个', '雄安新区']);
    expect(screen.getByText('五年回顾中难以判断是累计数还是期末数')).toBeTruthy();
    fireEvent.click(screen.getByText('把握程度低于 50%'));
    expect(buttons().map((b) => b.textContent)).toEqual(['98个']);
    fireEvent.click(screen.getByText('全部'));
    expect(buttons()).toHaveLength(4);
    fireEvent.click(buttons()[1] as HTMLElement);
    expect(chosen.map((m) => m.key)).toEqual(['project:3']);
  });
});
