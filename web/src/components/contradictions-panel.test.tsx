import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MockInstance } from 'vitest';
import { render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import { ContradictionsPanel } from './contradictions-panel';

let fetchSpy: MockInstance<typeof fetch>;
let asked: string[];
beforeEach(() => {
  asked = [];
  fetchSpy = vi.spyOn(globalThis, 'fetch').mockImplementation((input) => {
    asked.push(new URL(String(input), 'http://localhost').pathname);
    const items = [
      {
        rule: 'stage_behind_quote',
        subject: { type: 'project', id: 12 },
        name: '国际研究型医院',
        quote: '主体结构封顶',
        stated: '储备',
        implied: '开工',
      },
      {
        rule: 'direction_vs_metric',
        subject: { type: 'target', id: 5 },
        name: '单位GDP能耗下降',
        quote: '单位地区生产总值能耗下降3%',
        stated: 'rising',
        implied: 'falling',
      },
    ];
    return Promise.resolve(
      new Response(JSON.stringify({ items, total: 2 }), { headers: { 'content-type': 'application/json' } }),
    );
  });
});
afterEach(() => fetchSpy.mockRestore());

function renderPanel(enabled: boolean) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <ContradictionsPanel planId={3} enabled={enabled} />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

describe('ContradictionsPanel', () => {
  it('lists each contradiction in office words with the quote and a link to correct it', async () => {
    renderPanel(true);
    const panel = await screen.findByTestId('contradictions');
    expect(panel.textContent).toContain('导入后待核对：状态与原文不符 2 处');
    expect(panel.textContent).toContain('国际研究型医院 · 项目阶段落后于原文所述进度');
    expect(panel.textContent).toContain('原文：「主体结构封顶」');
    expect(panel.textContent).toContain('当前：储备 · 原文表明：开工');
    expect(panel.textContent).toContain('当前：提高 · 原文表明：下降');
    expect(panel.textContent).not.toContain('rising');
    expect(screen.getAllByRole('link', { name: '去修改' })[0]?.getAttribute('href')).toBe(
      '/plans/3/projects/12',
    );
    expect(asked).toEqual(['/api/v1/plans/3/contradictions']);
  });

  it('asks nothing and shows nothing for a reader who may not resolve them', () => {
    const { container } = renderPanel(false);
    expect(container.textContent).toBe('');
    expect(asked).toEqual([]);
  });
});
