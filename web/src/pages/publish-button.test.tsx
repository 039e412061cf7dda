import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { Plan, Role, Me } from '../api/types';
import { keys } from '../hooks/use-plan-data';
import { SessionProvider } from '../hooks/use-session';
import { PublishButton, type PublishButtonProps } from './publish-button';

const DRAFT = { id: 7, state: 'draft', version: 3 } as const satisfies PublishButtonProps['plan'];

/** antd puts a space between two Chinese characters on a button: 发布 reads "发 布". */
const spaced = (text: string) => new RegExp(`^${[...text].join('\\s?')}$`);

function renderButton(role: Role, props: PublishButtonProps) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const session: Me = {
    user: {
      id: 1,
      username: role,
      displayName: role,
      role,
      unitIds: [],
      disabled: false,
      jurisdictionId: 1,
      seesDescendants: false,
    },
    csrfToken: 'csrf',
  };
  client.setQueryData(keys.me, session);
  render(
    <QueryClientProvider client={client}>
      <SessionProvider>
        <App>
          <PublishButton {...props} />
        </App>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

/** The server, answering every request with `status` and `body`; the calls are recorded. */
function stubServer(status: number, body: unknown) {
  const fetch = vi.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
  );
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

async function click(element: HTMLElement) {
  await act(async () => {
    fireEvent.click(element);
  });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('PublishButton', () => {
  it('asks before publishing a draft, then sends its version and says it is public', async () => {
    const published: Partial<Plan> = { ...DRAFT, state: 'published' };
    const fetch = stubServer(200, published);
    renderButton('supervisor', { plan: DRAFT, withdraw: false });
    await click(screen.getByRole('button', { name: spaced('发布') }));
    const dialog = await screen.findByRole('dialog');
    expect(
      within(dialog).getByText('发布后，公众无需登录即可查看本计划的每一项承诺。确定发布？'),
    ).toBeTruthy();
    const patches = () => fetch.mock.calls.filter(([, init]) => init?.method === 'PATCH');
    expect(patches()).toHaveLength(0);
    await click(within(dialog).getByRole('button', { name: spaced('发布') }));
    expect(await screen.findByText('已发布，公众可在公开页面查看')).toBeTruthy();
    const [url, init] = patches()[0] ?? [];
    expect(url).toBe('/api/v1/plans/7');
    expect(JSON.parse(String(init?.body))).toEqual({ state: 'published', version: 3 });
  });

  it('shows the server’s refusal in the user’s words', async () => {
    stubServer(409, { error: { code: 'CONFLICT', message: 'plan 7 was changed', details: [] } });
    renderButton('admin', { plan: DRAFT });
    await click(screen.getByRole('button', { name: spaced('发布') }));
    await click(within(await screen.findByRole('dialog')).getByRole('button', { name: spaced('发布') }));
    expect(await screen.findByText('其他人刚刚修改了这条内容，请重新加载后再改。')).toBeTruthy();
  });

  it('offers to withdraw a published plan only where asked to', async () => {
    stubServer(200, {});
    renderButton('admin', { plan: { ...DRAFT, state: 'published' } });
    expect(screen.getByRole('button', { name: '撤回发布' })).toBeTruthy();
    cleanup();
    renderButton('admin', { plan: { ...DRAFT, state: 'published' }, withdraw: false });
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('is not there for those who may not publish', () => {
    stubServer(200, {});
    for (const role of ['reporter', 'leader'] as const) renderButton(role, { plan: DRAFT });
    expect(screen.queryByRole('button')).toBeNull();
  });
});
