import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { act, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { ExplainView, LaggingList } from './health-panels';
import type { ExplainAnswer, ItemHealth } from '../api/tracking';

const behind: ItemHealth = {
  type: 'task',
  id: 7,
  health: 'at_risk',
  color: 'yellow',
  label: '存在风险',
  ratio: 0.8044,
  expected: 49.72,
  actual: 40,
  comparedAt: '2022-03-31',
  stale: false,
  why: {
    code: 'PROGRESS_VS_EXPECTED',
    params: { progress: 40, expected: 49.7238, date: '2022-03-31', ratio: 0.8044, stale: false },
  },
  reason: '40% against 49.72% expected by 2022-03-31: 80.4% of 序时进度',
  state: 'in_progress',
  progress: 40,
};

function renderList(lang: 'zh-CN' | 'en') {
  return render(
    <MemoryRouter>
      <LaggingList
        items={[behind]}
        labelOf={() => ({ text: '推进回天行动', href: '/plans/1/tasks/7' })}
        lang={lang}
      />
    </MemoryRouter>,
  );
}

afterEach(async () => {
  await act(async () => {
    await i18next.changeLanguage('zh-CN');
  });
});

describe('LaggingList', () => {
  it('says why in the reader’s language from the code, not the server’s English sentence', async () => {
    const zh = renderList('zh-CN');
    expect(screen.getByText('进度40%，截至2022年3月31日序时进度49.7%，为序时进度的80.4%')).toBeTruthy();
    expect(screen.queryByText(behind.reason)).toBeNull();
    zh.unmount();
    await act(async () => {
      await i18next.changeLanguage('en');
    });
    renderList('en');
    expect(
      screen.getByText('40% against 49.7% expected by Mar 31, 2022: 80.4% of expected progress'),
    ).toBeTruthy();
  });
});

describe('ExplainView', () => {
  it('writes the roll-up’s arithmetic in the reader’s language, naming what was left out', () => {
    const explanation = {
      id: 'plan',
      kind: 'rollup' as const,
      value: 40,
      coverage: 0.5,
      formula: '1 × 40 = 40 (no data, left out: task:8)',
      children: [
        {
          id: 'task:7',
          rawWeight: 1,
          weight: 1,
          share: 0.5,
          effectiveShare: 1,
          value: 40,
          coverage: 1,
          contribution: 40,
        },
        {
          id: 'task:8',
          rawWeight: null,
          weight: 1,
          share: 0.5,
          effectiveShare: 0,
          value: null,
          coverage: 0,
          contribution: 0,
        },
      ],
    };
    const answer: ExplainAnswer = {
      asOf: '2022-04-15',
      progress: explanation,
      expected: { ...explanation, value: 49.72, formula: '' },
      health: null,
    };
    render(
      <ExplainView answer={answer} lang="zh-CN" labelOf={(id) => (id === 'task:8' ? '建设科学城' : id)} />,
    );
    expect(screen.getByText('100% × 40 = 40（无数据，未计入：建设科学城）')).toBeTruthy();
  });
});
