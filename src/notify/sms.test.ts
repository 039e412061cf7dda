import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createSmsChannel, parseSmsReceipt, sortedFieldString } from './sms.js';
import type { SmsGatewayConfigInput } from './sms.js';
import { digest, oneItem } from './testing/notices.js';
import { startReceiver } from './testing/receiver.js';
import type { TestReceiver } from './testing/receiver.js';

const SECRET = 'gateway-secret';
const NOW = 1_715_300_000_000;

describe('SMS through an HTTP gateway, against a local gateway', () => {
  let gateway: TestReceiver;
  beforeAll(async () => {
    gateway = await startReceiver();
  });
  afterAll(async () => gateway.stop());
  beforeEach(() => {
    gateway.requests.length = 0;
  });

  const jsonGateway = (): SmsGatewayConfigInput => ({
    url: `${gateway.url}/sms/send`,
    format: 'json',
    fields: { phone: 'mobile', text: 'content', messageId: 'outId', appKey: 'appKey' },
    appKey: 'luoshi',
    secret: SECRET,
    extra: { templateId: 'TPL_001' },
    signature: { canonical: 'body', encoding: 'hex', header: 'x-sign', timestampHeader: 'x-ts' },
    success: { field: 'code', values: ['0'] },
    retryableCodes: ['1001'],
    providerIdField: 'data.smsId',
    maxChars: 120,
  });

  it('posts JSON signed over timestamp.body, with our id, and reads the gateway id', async () => {
    gateway.answer((r) => {
      const expected = createHmac('sha256', SECRET).update(`${r.headers['x-ts']}.${r.body}`).digest('hex');
      if (r.headers['x-sign'] !== expected) return { body: { code: '401', msg: 'sign error' } };
      return { body: { code: '0', msg: 'ok', data: { smsId: 'S-778' } } };
    });
    const sms = createSmsChannel(jsonGateway(), { now: () => NOW });
    const result = await sms.send({
      id: 'o-1',
      destination: { channel: 'sms', phone: '138 0000 0001' },
      notice: oneItem,
    });
    expect(result).toEqual({ status: 'sent', detail: 'code 0', providerId: 'S-778' });
    const body = JSON.parse(gateway.requests[0]!.body);
    expect(body).toMatchObject({
      mobile: '13800000001',
      outId: 'o-1',
      appKey: 'luoshi',
      templateId: 'TPL_001',
    });
    expect(gateway.requests[0]!.headers['x-ts']).toBe(String(NOW / 1000));
    expect([...body.content].length).toBeLessThanOrEqual(120);
    expect(body.content).toMatch(/^【催办】关于加快推进老旧小区综合整治的批示/);
    expect(body.content).toMatch(/详见 https:\/\/luoshi\.example\.gov\.cn\/work\/instruction\/12$/);
  });

  it('posts a form signed over the sorted fields, the signature as a field', async () => {
    gateway.answer((r) => {
      const fields = Object.fromEntries(new URLSearchParams(r.body));
      const expected = createHmac('sha256', SECRET)
        .update(sortedFieldString(fields, 'sign'))
        .digest('base64');
      return { body: { result: { status: fields.sign === expected ? 'OK' : 'SIGN_ERROR' } } };
    });
    const sms = createSmsChannel({
      url: `${gateway.url}/send`,
      format: 'form',
      fields: { phone: 'to', text: 'msg', timestamp: 'ts', nonce: 'nonce' },
      secret: SECRET,
      signature: { canonical: 'sorted-fields', encoding: 'base64', field: 'sign' },
      success: { field: 'result.status', values: ['OK'] },
    });
    const result = await sms.send({
      id: 'o-2',
      destination: { channel: 'sms', phone: '+8613800000002' },
      notice: digest(5),
    });
    expect(result).toMatchObject({ status: 'sent' });
    expect(gateway.requests[0]!.headers['content-type']).toContain('application/x-www-form-urlencoded');
    const fields = Object.fromEntries(new URLSearchParams(gateway.requests[0]!.body));
    expect(fields.msg).toContain('等5项');
    expect(fields.msg).toContain('https://luoshi.example.gov.cn/my-work');
    expect(fields.ts).toMatch(/^\d+$/);
    expect(fields.nonce).toBeTruthy();
  });

  it('a refusal is failed for good, a busy code is retried, a bad number is not sent at all', async () => {
    gateway.answer(() => ({ body: { code: '2002', msg: 'blacklisted' } }));
    const sms = createSmsChannel(jsonGateway());
    const refused = await sms.send({
      id: 'o-3',
      destination: { channel: 'sms', phone: '13800000003' },
      notice: oneItem,
    });
    expect(refused).toMatchObject({ status: 'failed', retryable: false });
    expect(refused.status === 'failed' && refused.error).toMatch(/^短信网关拒收消息：code 2002/);
    gateway.answer(() => ({ body: { code: '1001', msg: 'busy' } }));
    const busy = await sms.send({
      id: 'o-4',
      destination: { channel: 'sms', phone: '13800000003' },
      notice: oneItem,
    });
    expect(busy).toMatchObject({ status: 'failed', retryable: true });
    const count = gateway.requests.length;
    const bad = await sms.send({
      id: 'o-5',
      destination: { channel: 'sms', phone: '010-1234' },
      notice: oneItem,
    });
    expect(bad).toMatchObject({ status: 'failed', retryable: false });
    expect(gateway.requests.length).toBe(count);
  });

  it('names every wrong setting by its path', () => {
    try {
      createSmsChannel({ url: 'not a url', secret: '', success: { field: 'code', values: [] } });
      expect.unreachable();
    } catch (error) {
      const paths = (error as { details: { path: string }[] }).details.map((d) => d.path);
      expect(paths).toEqual(expect.arrayContaining(['sms.url', 'sms.secret', 'sms.success.values']));
    }
  });

  it('reads delivery reports: delivered, read, failed, by our id', () => {
    const config = {
      ...jsonGateway(),
      receipt: {
        messageIdField: 'outId',
        statusField: 'stat',
        delivered: ['DELIVRD'],
        read: ['READ'],
        timeField: 'time',
      },
    };
    expect(
      parseSmsReceipt(
        config,
        { outId: 'o-1', stat: 'DELIVRD', time: '2024-05-10T08:00:00+08:00' },
        '2024-05-10T01:00:00.000Z',
      ),
    ).toEqual({
      messageId: 'o-1',
      status: 'delivered',
      at: '2024-05-10T00:00:00.000Z',
      detail: 'stat DELIVRD',
    });
    expect(parseSmsReceipt(config, { outId: 'o-1', stat: 'READ' }, '2024-05-10T01:00:00.000Z').status).toBe(
      'read',
    );
    expect(
      parseSmsReceipt(config, { outId: 'o-1', stat: 'UNDELIV' }, '2024-05-10T01:00:00.000Z').status,
    ).toBe('failed');
    expect(() => parseSmsReceipt(config, { stat: 'DELIVRD' }, '2024-05-10T01:00:00.000Z')).toThrow(
      /names no message/,
    );
  });
});
