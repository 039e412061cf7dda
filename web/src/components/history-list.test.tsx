import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import { HistoryList } from './history-list';
import type { HistoryEntry } from '../api/tracking';

const entries: HistoryEntry[] = [
  {
    at: '2022-03-02T02:00:00.000Z',
    action: 'target.correct',
    actor: { role: 'supervisor' },
    reason: null,
    changes: [
      { path: 'comparator', kind: 'changed', before: '=', after: '>=' },
      { path: 'leadUnitId', kind: 'changed', before: 3, after: 4 },
      { path: 'someNewField', kind: 'added', after: 'x' },
    ],
  },
  { at: '2022-03-03T02:00:00.000Z', action: 'widget.frobnicate', actor: null, reason: '原因', changes: [] },
];

afterEach(async () => {
  await act(async () => {
    await i18next.changeLanguage('zh-CN');
  });
});

describe('HistoryList', () => {
  it('says each action and field in the reader’s language, the code kept as a tooltip', async () => {
    const zh = render(<HistoryList entries={entries} lang="zh-CN" />);
    const action = screen.getByText('目标审核更正');
    expect(action.closest('[data-action]')?.getAttribute('title')).toBe('target.correct');
    const comparator = screen.getByText('比较');
    expect(comparator.getAttribute('data-path')).toBe('comparator');
    expect(comparator.closest('li')?.textContent).toBe('比较 修改：= → >=');
    expect(screen.getByText('牵头单位')).toBeTruthy();
    // No words yet for an unknown field or action: the code itself, never an empty label.
    expect(screen.getByText('someNewField')).toBeTruthy();
    expect(screen.getByText('widget.frobnicate')).toBeTruthy();
    zh.unmount();

    await act(async () => {
      await i18next.changeLanguage('en');
    });
    render(<HistoryList entries={entries} lang="en" />);
    expect(screen.getByText('Target corrected in review')).toBeTruthy();
    expect(screen.getByText('Lead unit')).toBeTruthy();
  });
});
