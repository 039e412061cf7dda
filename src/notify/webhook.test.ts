import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import { webhookSignature } from './sign.js';
import { digest, oneItem } from './testing/notices.js';
import { startReceiver } from './testing/receiver.js';
import type { TestReceiver } from './testing/receiver.js';
import { createWebhookChannel, parseWebhookReceipt } from './webhook.js';

const SECRET = 'platform-shared-secret';
const NOW = 1_715_300_000_000;

describe('generic JSON webhook, against a local platform', () => {
  let platform: TestReceiver;
  beforeAll(async () => {
    platform = await startReceiver();
  });
  afterAll(async () => platform.stop());
  beforeEach(() => {
    platform.requests.length = 0;
    platform.answer((r) => {
      const ts = String(r.headers['x-luoshi-timestamp']);
      const expected = 'sha256=' + createHmac('sha256', SECRET).update(`${ts}.${r.body}`).digest('hex');
      if (r.headers['x-luoshi-signature'] !== expected)
        return { status: 401, body: { message: 'bad signature' } };
      return { status: 202, body: { messageId: `jb-${r.headers['x-luoshi-delivery']}` } };
    });
  });

  it('posts the notice as signed JSON with text, markdown, items, recipients and the delivery id', async () => {
    const channel = createWebhookChannel({ now: () => NOW });
    const result = await channel.send({
      id: 'out-9',
      destination: {
        channel: 'webhook',
        url: `${platform.url}/api/messages`,
        secret: SECRET,
        recipients: ['jb-user-1'],
      },
      notice: digest(2),
    });
    expect(result).toEqual({ status: 'sent', detail: 'HTTP 202', providerId: 'jb-out-9' });
    const [request] = platform.requests;
    expect(request!.headers['x-luoshi-delivery']).toBe('out-9');
    expect(request!.headers['x-luoshi-timestamp']).toBe(String(NOW / 1000));
    const body = JSON.parse(request!.body);
    expect(body).toMatchObject({
      id: 'out-9',
      kind: 'chase.reminder',
      title: '【提醒】2项工作将于3个工作日内到期',
      link: 'https://luoshi.example.gov.cn/my-work',
      sender: '区政府督查室',
      severity: 'warning',
      recipients: ['jb-user-1'],
      sentAt: new Date(NOW).toISOString(),
    });
    expect(body.items[1]).toEqual({
      title: '重点任务第2项：推进城市更新与基础设施建设',
      detail: '区发展改革委牵头',
      dueOn: '2024-05-15',
      link: 'https://luoshi.example.gov.cn/tasks/2',
    });
    expect(body.text).toContain('https://luoshi.example.gov.cn/tasks/1');
    expect(body.markdown).toContain('[重点任务第1项');
  });

  it('a refused signature (401) is not retried; 503 and 429 are, with Retry-After kept', async () => {
    const wrong = await createWebhookChannel().send({
      id: 'out-10',
      destination: { channel: 'webhook', url: `${platform.url}/api/messages`, secret: 'other' },
      notice: oneItem,
    });
    expect(wrong).toMatchObject({ status: 'failed', retryable: false });
    platform.answer(() => ({ status: 429, headers: { 'retry-after': '120' }, body: {} }));
    const limited = await createWebhookChannel().send({
      id: 'out-11',
      destination: { channel: 'webhook', url: platform.url },
      notice: oneItem,
    });
    expect(limited).toMatchObject({ status: 'failed', retryable: true, retryAfterMs: 120_000 });
    platform.answer(() => ({ status: 503, body: 'maintenance' }));
    const down = await createWebhookChannel().send({
      id: 'out-12',
      destination: { channel: 'webhook', url: platform.url },
      notice: oneItem,
    });
    expect(down).toMatchObject({ status: 'failed', retryable: true });
  });

  it('reads a signed read receipt and refuses a forged or replayed one', () => {
    const body = JSON.stringify({ id: 'out-9', status: 'read', at: '2024-05-10T02:00:00Z' });
    const ts = Math.floor(NOW / 1000);
    const headers = {
      'x-luoshi-timestamp': String(ts),
      'x-luoshi-signature': webhookSignature(SECRET, ts, body),
    };
    expect(parseWebhookReceipt(body, headers, SECRET, NOW)).toEqual({
      messageId: 'out-9',
      status: 'read',
      at: '2024-05-10T02:00:00.000Z',
    });
    const forged = { ...headers, 'x-luoshi-signature': webhookSignature('guess', ts, body) };
    expect(() => parseWebhookReceipt(body, forged, SECRET, NOW)).toThrow(/not signed/);
    expect(() => parseWebhookReceipt(body, headers, SECRET, NOW + 10 * 60_000)).toThrow(/too old/);
    const bad = JSON.stringify({ id: 'out-9', status: 'opened' });
    try {
      parseWebhookReceipt(
        bad,
        { ...headers, 'x-luoshi-signature': webhookSignature(SECRET, ts, bad) },
        SECRET,
        NOW,
      );
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error, 'BAD_INPUT')).toBe(true);
      expect((error as { details: { path: string }[] }).details[0]!.path).toBe('status');
    }
  });
});
