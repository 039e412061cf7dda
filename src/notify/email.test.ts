import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEmailChannel } from './email.js';
import { digest, oneItem } from './testing/notices.js';
import { startSmtpServer } from './testing/smtp.js';
import type { TestSmtpServer } from './testing/smtp.js';

describe('e-mail over SMTP, read from a real SMTP server', () => {
  let smtp: TestSmtpServer;
  beforeAll(async () => {
    smtp = await startSmtpServer({ user: 'duban', password: 'secret-pass' });
  });
  afterAll(async () => smtp.stop());

  const channel = () =>
    createEmailChannel({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      user: 'duban',
      password: 'secret-pass',
      from: '区政府督查室 <duban@example.gov.cn>',
      pool: false,
    });

  it('delivers a Chinese notice with its deep link, the message id as Message-ID, after logging in', async () => {
    const before = smtp.mails.length;
    const result = await channel().send({
      id: 'outbox-41',
      destination: { channel: 'email', to: 'zhangsan@unit.example.gov.cn', name: '张三' },
      notice: oneItem,
    });
    expect(result.status).toBe('sent');
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    expect(mail!.user).toBe('duban');
    expect(mail!.to).toEqual(['zhangsan@unit.example.gov.cn']);
    expect(mail!.parsed.subject).toBe('【催办】关于加快推进老旧小区综合整治的批示已到期');
    expect(mail!.parsed.messageId).toBe('<outbox-41@example.gov.cn>');
    expect(mail!.parsed.text).toContain('https://luoshi.example.gov.cn/work/instruction/12');
    expect(mail!.parsed.text).toContain('办理时限2024年5月10日');
    expect(mail!.parsed.html).toContain('href="https://luoshi.example.gov.cn/work/instruction/12"');
    expect(mail!.parsed.from?.value[0]).toEqual({ name: '区政府督查室', address: 'duban@example.gov.cn' });
    expect(mail!.parsed.headers.get('x-luoshi-kind')).toBe('chase.chaser');
    expect(mail!.raw).toMatch(/^Importance: High/im);
  });

  it('adds one-click unsubscribe headers to notices people subscribed to', async () => {
    const before = smtp.mails.length;
    const result = await channel().send({
      id: 'outbox-42',
      destination: { channel: 'email', to: 'citizen@example.com' },
      notice: { ...digest(2), kind: 'follow.digest', unsubscribeUrl: 'https://luoshi.example.gov.cn/u/abc' },
    });
    expect(result.status).toBe('sent');
    const [mail] = (await smtp.waitFor(before + 1)).slice(before);
    expect(mail!.raw).toMatch(/List-Unsubscribe: <https:\/\/luoshi\.example\.gov\.cn\/u\/abc>/);
    expect(mail!.raw).toMatch(/List-Unsubscribe-Post: List-Unsubscribe=One-Click/);
    expect(mail!.parsed.text).toContain('退订：https://luoshi.example.gov.cn/u/abc');
  });

  it('a recipient refused with 550 is failed for good; with 451 it is tried again', async () => {
    smtp.refuse('gone@unit.example.gov.cn', 550, 'Mailbox unavailable');
    smtp.refuse('busy@unit.example.gov.cn', 451, 'Try again later');
    const gone = await channel().send({
      id: 'o-1',
      destination: { channel: 'email', to: 'gone@unit.example.gov.cn' },
      notice: oneItem,
    });
    expect(gone).toMatchObject({ status: 'failed', retryable: false });
    const busy = await channel().send({
      id: 'o-2',
      destination: { channel: 'email', to: 'busy@unit.example.gov.cn' },
      notice: oneItem,
    });
    expect(busy).toMatchObject({ status: 'failed', retryable: true });
    expect(busy.status === 'failed' && busy.error).toContain('451');
  });

  it('a wrong password is retried (a setting to fix, not a bad message); a bad address is not', async () => {
    const wrong = createEmailChannel({
      host: '127.0.0.1',
      port: smtp.port,
      secure: false,
      user: 'duban',
      password: 'wrong',
      from: 'duban@example.gov.cn',
      pool: false,
    });
    const result = await wrong.send({
      id: 'o-3',
      destination: { channel: 'email', to: 'a@example.gov.cn' },
      notice: oneItem,
    });
    expect(result).toMatchObject({ status: 'failed', retryable: true });
    // The delivery log shows the reason to the office as it would write it.
    expect(result.status === 'failed' && result.error).toMatch(/^邮件服务器拒绝登录，请检查发信账号设置：/);
    const bad = await channel().send({
      id: 'o-4',
      destination: { channel: 'email', to: 'not-an-address' },
      notice: oneItem,
    });
    expect(bad).toMatchObject({
      status: 'failed',
      retryable: false,
      error: '“not-an-address”不是有效的电子邮箱地址',
    });
  });

  it('a mail server that is down is a retryable failure, and the same message goes through once it is back', async () => {
    const down = await startSmtpServer();
    const mail = createEmailChannel({
      host: '127.0.0.1',
      port: down.port,
      secure: false,
      from: 'duban@example.gov.cn',
      timeoutSeconds: 2,
      pool: false,
    });
    await down.stop();
    const first = await mail.send({
      id: 'o-5',
      destination: { channel: 'email', to: 'a@example.gov.cn' },
      notice: oneItem,
    });
    expect(first).toMatchObject({ status: 'failed', retryable: true });
    await down.restart();
    const second = await mail.send({
      id: 'o-5',
      destination: { channel: 'email', to: 'a@example.gov.cn' },
      notice: oneItem,
    });
    expect(second.status).toBe('sent');
    const [arrived] = await down.waitFor(1);
    expect(arrived!.parsed.messageId).toBe('<o-5@example.gov.cn>');
    await down.stop();
  });

  it('refuses a sender without an address', () => {
    expect(() => createEmailChannel({ host: 'h', port: 25, secure: false, from: '督查室' })).toThrow(
      /no address/,
    );
  });
});
