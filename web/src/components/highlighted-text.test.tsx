import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { HighlightedText } from './highlighted-text';
import type { Mark } from '../lib/spans';

// A real sentence from a district report, with a task around it and a target inside.
const TEXT = '全年主要预期目标是：地区生产总值增长6.5%左右。新增城乡劳动力就业9000人。';
const start = TEXT.indexOf('地区生产总值');
const end = TEXT.indexOf('。') + 1;
const gdp = TEXT.indexOf('增长6.5%左右');
const marks: Mark[] = [
  { key: 'task:1', kind: 'task', id: 1, start, end, label: TEXT.slice(start, end) },
  { key: 'target:7', kind: 'target', id: 7, start: gdp, end: gdp + 8, label: '增长6.5%左右' },
  {
    key: 'target:8',
    kind: 'target',
    id: 8,
    start: TEXT.indexOf('9000人'),
    end: TEXT.indexOf('9000人') + 5,
    label: '9000人',
  },
];

describe('HighlightedText', () => {
  it('renders the whole text exactly, once', () => {
    const { container } = render(<HighlightedText text={TEXT} marks={marks} />);
    expect(container.querySelector('.lx-report-text')!.textContent).toBe(TEXT);
  });

  it('nests a target mark inside its task mark', () => {
    const { container } = render(<HighlightedText text={TEXT} marks={marks} />);
    const target = container.querySelector('mark[data-key="target:7"]')!;
    expect(target.textContent).toBe('增长6.5%左右');
    expect(target.closest('mark[data-key="task:1"]')).not.toBeNull();
    expect(container.querySelectorAll('mark[data-key="target:8"]')).toHaveLength(1);
  });

  it('splits overlapping marks so both cover their own text', () => {
    const text = 'ABCDEFGH';
    const overlap: Mark[] = [
      { key: 'a', kind: 'target', id: 1, start: 0, end: 5, label: 'a' },
      { key: 'b', kind: 'project', id: 2, start: 3, end: 8, label: 'b' },
    ];
    const { container } = render(<HighlightedText text={text} marks={overlap} />);
    const covered = (key: string) =>
      [...container.querySelectorAll(`mark[data-key="${key}"]`)].map((node) => node.textContent).join('');
    expect(covered('a')).toBe('ABCDE');
    expect(covered('b')).toBe('DEFGH');
    expect(container.textContent).toBe(text);
  });

  it('reports the innermost mark and every mark covering the place clicked', () => {
    const onSelect = vi.fn();
    render(<HighlightedText text={TEXT} marks={marks} onSelect={onSelect} />);
    fireEvent.click(screen.getByRole('button', { name: '目标：增长6.5%左右' }));
    expect(onSelect).toHaveBeenCalledTimes(1);
    const [chosen, covering] = onSelect.mock.calls[0]!;
    expect(chosen.key).toBe('target:7');
    expect(covering.map((m: Mark) => m.key)).toEqual(['task:1', 'target:7']);
  });

  it('reports the task when its own text (outside any item) is clicked', () => {
    const onSelect = vi.fn();
    const { container } = render(<HighlightedText text={TEXT} marks={marks} onSelect={onSelect} />);
    fireEvent.click(container.querySelector('mark[data-key="task:1"]')!);
    expect(onSelect.mock.calls[0]![0].key).toBe('task:1');
  });

  it('says each mark’s kind in its name, not by the colour of its line alone', () => {
    render(<HighlightedText text={TEXT} marks={marks} />);
    const names = screen.getAllByRole('button').map((b) => b.getAttribute('aria-label') ?? '');
    expect(names.every((name) => /^(任务|目标|成绩|项目)：/.test(name))).toBe(true);
    expect(names.some((name) => name.startsWith('任务：'))).toBe(true);
  });

  it('opens a mark from the keyboard', () => {
    const onSelect = vi.fn();
    render(<HighlightedText text={TEXT} marks={marks} onSelect={onSelect} />);
    fireEvent.keyDown(screen.getByRole('button', { name: '目标：9000人' }), { key: 'Enter' });
    expect(onSelect.mock.calls[0]![0].key).toBe('target:8');
  });

  it('shows markup in the text as text, never as HTML', () => {
    const text = '<img src=x onerror=alert(1)>建设<b>项目</b>';
    const { container } = render(
      <HighlightedText
        text={text}
        marks={[{ key: 'p', kind: 'project', id: 1, start: 0, end: 10, label: 'p' }]}
      />,
    );
    expect(container.querySelector('img')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
    expect(container.textContent).toBe(text);
  });

  it('marks the selected item', () => {
    const { container } = render(<HighlightedText text={TEXT} marks={marks} selectedKey="target:8" />);
    expect(container.querySelector('mark[data-key="target:8"]')!.className).toContain('lx-mark-selected');
    expect(container.querySelector('mark[data-key="target:7"]')!.className).not.toContain('lx-mark-selected');
  });
});
