import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { App } from 'antd';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { CommentSection } from './comment-section';

function renderSection() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <App>
        <CommentSection subject={{ planId: 3, type: 'task', id: 21 }} />
      </App>
    </QueryClientProvider>,
  );
}

const reply = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the comment section of a public page', () => {
  it('shows the published comments with the lead unit’s answer, no commenter named', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async (url: string) =>
        url.includes('sessions')
          ? reply(200, { signedIn: false })
          : reply(200, {
              count: 1,
              items: [
                {
                  id: 5,
                  body: '路口施工何时结束？电话〔已隐去〕',
                  on: '2022-07-10',
                  answer: { unit: '区交通委', text: '预计8月底完工。', on: '2022-07-12' },
                },
              ],
            }),
      ),
    );
    renderSection();
    expect(await screen.findByText('路口施工何时结束？电话〔已隐去〕')).toBeTruthy();
    expect(screen.getByText('共 1 条留言')).toBeTruthy();
    expect(screen.getByText('区交通委答复（2022-07-12）')).toBeTruthy();
    expect(screen.getByText('预计8月底完工。')).toBeTruthy();
  });

  it('verifies a mobile by a code, then takes the comment and says it waits for review', async () => {
    let signedIn = false;
    const fetch = vi.fn(async (url: string, init?: RequestInit) => {
      if (url.endsWith('/comment-sessions/current')) return reply(200, { signedIn });
      if (url.endsWith('/comment-codes'))
        return reply(202, { challengeId: 8, message: '验证码已发送至您的手机，10分钟内有效。' });
      if (url.endsWith('/comment-sessions')) {
        const body = JSON.parse(init!.body as string) as { code: string };
        if (body.code !== '123456')
          return reply(400, {
            error: { code: 'BAD_INPUT', message: 'x', details: [{ path: 'code', message: 'wrong' }] },
          });
        signedIn = true;
        return reply(200, { message: '验证成功，您现在可以留言。' });
      }
      if (init?.method === 'POST') return reply(202, { message: '留言已提交，经审核后公开。' });
      return reply(200, { count: 0, items: [] });
    });
    vi.stubGlobal('fetch', fetch);
    renderSection();
    const phone = await screen.findByLabelText('手机号码', { selector: 'input' });
    fireEvent.change(phone, { target: { value: '1380013' } });
    fireEvent.click(screen.getByRole('button', { name: '获取验证码' }));
    expect(await screen.findByText('请输入11位手机号码')).toBeTruthy();
    fireEvent.change(phone, { target: { value: '138 0013 8000' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '获取验证码' }));
    });
    expect(await screen.findByText('验证码已发送至您的手机，10分钟内有效。')).toBeTruthy();
    const code = screen.getByLabelText('验证码');
    fireEvent.change(code, { target: { value: '654321' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /^验\s?证$/ }));
    });
    expect(await screen.findByText('验证码不正确或已失效，请重新获取。')).toBeTruthy();
    fireEvent.change(code, { target: { value: '123456' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /^验\s?证$/ }));
    });
    const body = await screen.findByLabelText('留言内容');
    fireEvent.change(body, { target: { value: '建议在路口增设信号灯。' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '提交留言' }));
    });
    expect(await screen.findByText('留言已提交，经审核后公开。')).toBeTruthy();
    const sent = fetch.mock.calls.find(
      ([url, init]) => url.endsWith('/task/21/comments') && init?.method === 'POST',
    );
    expect(JSON.parse(sent![1]!.body as string)).toEqual({ body: '建议在路口增设信号灯。' });
    expect(
      JSON.stringify(fetch.mock.calls.filter(([url]) => url.endsWith('/comment-codes'))[0]![1]!.body),
    ).toContain('138 0013 8000');
  });
});
