import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import { PromiseDetail } from './promise-detail-page';
import { COMMITMENT } from '../test-fixtures/cockpit';

function renderPage() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <App>
        <MemoryRouter>
          <PromiseDetail page={COMMITMENT} />
        </MemoryRouter>
      </App>
    </QueryClientProvider>,
  );
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('a commitment’s public page', () => {
  it('shows the current and the original deadline, the change with its explanation, the verdicts', () => {
    renderPage();
    expect(screen.getByText('完成时限：2022年10月31日')).toBeTruthy();
    expect(screen.getByText('原定：2022年6月30日')).toBeTruthy();
    expect(screen.getByText('推迟 123 天')).toBeTruthy();
    expect(screen.getByText(/调整说明：征收补偿方案调整，顺延四个月/)).toBeTruthy();
    expect(screen.getByText('2022-01-20 尚未评估')).toBeTruthy();
    expect(screen.getByText('2022-07-10 滞后：征地滞后')).toBeTruthy();
    expect(screen.getByText('留言 2 条')).toBeTruthy();
    expect(screen.getByText('正在加快推进')).toBeTruthy();
  });

  it('follows by e-mail: refuses a bad address, then sends the subject and says to confirm', async () => {
    // The comment section reads its comments and whether the visitor may comment.
    const fetch = vi.fn(async (url: string, _init?: RequestInit) =>
      url.includes('/comment')
        ? new Response(
            JSON.stringify(url.includes('sessions') ? { signedIn: false } : { count: 0, items: [] }),
            {
              status: 200,
              headers: { 'content-type': 'application/json' },
            },
          )
        : new Response(
            JSON.stringify({ message: '确认邮件已发送，请在48小时内打开邮件中的链接完成关注。' }),
            {
              status: 202,
              headers: { 'content-type': 'application/json' },
            },
          ),
    );
    const followCalls = () => fetch.mock.calls.filter(([url]) => url.includes('/public/follows'));
    vi.stubGlobal('fetch', fetch);
    renderPage();
    const input = screen.getByLabelText('电子邮箱');
    fireEvent.change(input, { target: { value: 'not-an-address' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /关\s?注/ }));
    });
    expect(await screen.findByText('请输入有效的电子邮箱')).toBeTruthy();
    expect(followCalls()).toEqual([]);
    fireEvent.change(input, { target: { value: 'citizen@example.cn' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /关\s?注/ }));
    });
    expect(await screen.findByText(/确认邮件已发送/)).toBeTruthy();
    const [url, init] = followCalls()[0]!;
    expect(url).toContain('/public/follows');
    expect(JSON.parse(init!.body as string)).toEqual({
      subject: { kind: 'task', id: 21, planId: 3 },
      email: 'citizen@example.cn',
      cadence: 'weekly',
    });
  });
});

describe('a commitment’s public evidence (issue 19.4)', () => {
  it('links each file a verdict made public to its copy, with its kind and size, under that verdict too', () => {
    const page = {
      ...COMMITMENT,
      verdict: {
        ...COMMITMENT.verdict,
        history: [
          ...COMMITMENT.verdict.history,
          {
            verdict: 'done' as const,
            label: '已完成',
            on: '2022-11-30',
            note: '已建成投用',
            newPromise: null,
            evidenceIds: [31, 32, 99],
          },
        ],
      },
      evidence: [
        {
          id: 31,
          name: '竣工验收报告.pdf',
          contentType: 'application/pdf',
          size: 1_310_720,
          version: '0123456789abcdef',
        },
        // Made public before copies were kept: named, not downloadable.
        { id: 32, name: '现场照片.jpg', contentType: 'image/jpeg', size: 2048, version: null },
      ],
    };
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <App>
          <MemoryRouter>
            <PromiseDetail page={page} />
          </MemoryRouter>
        </App>
      </QueryClientProvider>,
    );
    const [pdf, photo] = screen.getAllByTestId('public-evidence');
    expect(pdf!.textContent).toBe('竣工验收报告.pdf PDF文件，1.3 MB');
    const link = screen.getByRole('link', { name: '下载“竣工验收报告.pdf”' });
    expect(link.getAttribute('href')).toBe(
      `/api/v1/public/plans/${COMMITMENT.planId}/evidence/31?v=0123456789abcdef`,
    );
    expect(link.getAttribute('download')).toBe('竣工验收报告.pdf');
    expect(photo!.textContent).toBe('现场照片.jpg JPEG图片，2 kB，暂不提供下载');
    expect(photo!.querySelector('a')).toBeNull();
    // An id the page does not list (not public) is named nowhere.
    expect(screen.getByText('公开佐证材料：竣工验收报告.pdf、现场照片.jpg')).toBeTruthy();
  });
});
