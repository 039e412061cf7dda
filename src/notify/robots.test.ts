import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { byteLength } from './render.js';
import { createDingtalkChannel, createWecomChannel } from './robots.js';
import { digest, oneItem } from './testing/notices.js';
import { startReceiver } from './testing/receiver.js';
import type { ReceivedRequest, TestReceiver } from './testing/receiver.js';

const SECRET = 'SEC0123456789abcdef';
const NOW = 1_715_300_000_000;

/** What DingTalk checks: sign = urlencode(base64(HmacSHA256(secret, timestamp + "\n" + secret))). */
function dingtalkSignatureOk(request: ReceivedRequest): boolean {
  const timestamp = request.query.get('timestamp');
  const sign = request.query.get('sign');
  if (!timestamp || !sign) return false;
  const expected = createHmac('sha256', SECRET).update(`${timestamp}\n${SECRET}`).digest('base64');
  // The sign travels URL-encoded: + / = must arrive escaped, not as spaces.
  return sign === expected && request.url.includes(`sign=${encodeURIComponent(expected)}`);
}

describe('DingTalk custom robot, against a local receiver', () => {
  let robot: TestReceiver;
  beforeAll(async () => {
    robot = await startReceiver();
  });
  afterAll(async () => robot.stop());
  beforeEach(() => {
    robot.requests.length = 0;
    robot.answer((r) =>
      dingtalkSignatureOk(r)
        ? { body: { errcode: 0, errmsg: 'ok' } }
        : { body: { errcode: 310000, errmsg: 'sign not match' } },
    );
  });
  const webhook = () => `${robot.url}/robot/send?access_token=tok123`;

  it('posts a signed actionCard with a button to the item for a one-item notice', async () => {
    const channel = createDingtalkChannel({ now: () => NOW });
    const result = await channel.send({
      id: 'm1',
      destination: { channel: 'dingtalk', webhook: webhook(), secret: SECRET, atMobiles: ['13800000001'] },
      notice: oneItem,
    });
    expect(result).toEqual({ status: 'sent', detail: 'errcode 0 ok' });
    const [request] = robot.requests;
    expect(request!.method).toBe('POST');
    expect(request!.headers['content-type']).toContain('application/json');
    expect(request!.query.get('access_token')).toBe('tok123');
    expect(request!.query.get('timestamp')).toBe(String(NOW));
    const body = JSON.parse(request!.body);
    expect(body.msgtype).toBe('actionCard');
    expect(body.actionCard.title).toBe(oneItem.title);
    expect(body.actionCard.singleTitle).toBe('立即查看');
    expect(body.actionCard.singleURL).toBe('https://luoshi.example.gov.cn/work/instruction/12');
    expect(body.actionCard.text).toContain(
      '[关于加快推进老旧小区综合整治的批示](https://luoshi.example.gov.cn/work/instruction/12)',
    );
    expect(body.actionCard.text).toContain('@13800000001');
    expect(body.at).toEqual({ atMobiles: ['13800000001'], isAtAll: false });
  });

  it('posts markdown for a digest without one page to open, each item linked', async () => {
    const notice = { ...digest(3), link: undefined };
    const result = await createDingtalkChannel().send({
      id: 'm2',
      destination: { channel: 'dingtalk', webhook: webhook(), secret: SECRET },
      notice,
    });
    expect(result.status).toBe('sent');
    const body = JSON.parse(robot.requests[0]!.body);
    expect(body.msgtype).toBe('markdown');
    expect(body.markdown.title).toBe('【提醒】3项工作将于3个工作日内到期');
    for (let i = 1; i <= 3; i++)
      expect(body.markdown.text).toContain(`(https://luoshi.example.gov.cn/tasks/${i})`);
  });

  it('a wrong secret is refused for good (310000); too fast (130101) is retried after a minute', async () => {
    const wrong = await createDingtalkChannel().send({
      id: 'm3',
      destination: { channel: 'dingtalk', webhook: webhook(), secret: 'SECwrong' },
      notice: oneItem,
    });
    expect(wrong).toMatchObject({ status: 'failed', retryable: false });
    expect(wrong.status === 'failed' && wrong.error).toContain('310000');
    robot.answer(() => ({ body: { errcode: 130101, errmsg: 'send too fast, exceed 20 times per minute' } }));
    const fast = await createDingtalkChannel().send({
      id: 'm4',
      destination: { channel: 'dingtalk', webhook: webhook(), secret: SECRET },
      notice: oneItem,
    });
    expect(fast).toMatchObject({ status: 'failed', retryable: true, retryAfterMs: 60_000 });
  });

  it('an HTTP 502 or a robot that is down is retried, and no error shows the token', async () => {
    robot.answer(() => ({ status: 502, body: 'bad gateway' }));
    const bad = await createDingtalkChannel().send({
      id: 'm5',
      destination: { channel: 'dingtalk', webhook: webhook() },
      notice: oneItem,
    });
    expect(bad).toMatchObject({ status: 'failed', retryable: true });
    const closed = await startReceiver();
    await closed.stop();
    const down = await createDingtalkChannel({ timeoutMs: 2000 }).send({
      id: 'm6',
      destination: { channel: 'dingtalk', webhook: `${closed.url}/robot/send?access_token=tok123` },
      notice: oneItem,
    });
    expect(down).toMatchObject({ status: 'failed', retryable: true });
    expect(down.status === 'failed' && down.error).not.toContain('tok123');
  });
});

describe('WeCom group robot, against a local receiver', () => {
  let robot: TestReceiver;
  beforeAll(async () => {
    robot = await startReceiver();
  });
  afterAll(async () => robot.stop());
  beforeEach(() => {
    robot.requests.length = 0;
    robot.answer((r) => {
      if (r.query.get('key') !== 'key-1') return { body: { errcode: 93000, errmsg: 'invalid webhook url' } };
      const body = JSON.parse(r.body);
      if (body.msgtype !== 'markdown' || typeof body.markdown?.content !== 'string') {
        return { body: { errcode: 40008, errmsg: 'invalid message type' } };
      }
      if (byteLength(body.markdown.content) > 4096)
        return { body: { errcode: 40058, errmsg: 'markdown.content exceed max length 4096' } };
      return { body: { errcode: 0, errmsg: 'ok' } };
    });
  });
  const webhook = (key = 'key-1') => `${robot.url}/cgi-bin/webhook/send?key=${key}`;

  it('posts markdown with linked items, urgent in the warning colour, mentions as <@userid>', async () => {
    const result = await createWecomChannel().send({
      id: 'w1',
      destination: { channel: 'wecom', webhook: webhook(), mentionedUserIds: ['ZhangSan'] },
      notice: oneItem,
    });
    expect(result).toEqual({ status: 'sent', detail: 'errcode 0 ok' });
    const content: string = JSON.parse(robot.requests[0]!.body).markdown.content;
    expect(content).toMatch(/^### <font color="warning">【催办】/);
    expect(content).toContain(
      '[关于加快推进老旧小区综合整治的批示](https://luoshi.example.gov.cn/work/instruction/12)',
    );
    expect(content).toContain('办理时限2024年5月10日');
    expect(content).toContain('<@ZhangSan>');
  });

  it('keeps a digest of 300 items within 4,096 bytes, counting the items left out', async () => {
    const result = await createWecomChannel().send({
      id: 'w2',
      destination: { channel: 'wecom', webhook: webhook() },
      notice: digest(300),
    });
    expect(result.status).toBe('sent');
    const content: string = JSON.parse(robot.requests[0]!.body).markdown.content;
    expect(byteLength(content)).toBeLessThanOrEqual(4096);
    const shown = content.match(/\(https:\/\/luoshi\.example\.gov\.cn\/tasks\/\d+\)/g)!.length;
    expect(content).toContain(`另有${300 - shown}项`);
    expect(content).toContain('[查看全部](https://luoshi.example.gov.cn/my-work)');
  });

  it('a wrong key is failed for good; the rate limit (45009) is retried', async () => {
    const wrong = await createWecomChannel().send({
      id: 'w3',
      destination: { channel: 'wecom', webhook: webhook('nope') },
      notice: oneItem,
    });
    expect(wrong).toMatchObject({ status: 'failed', retryable: false });
    robot.answer(() => ({ body: { errcode: 45009, errmsg: 'api freq out of limit' } }));
    const limited = await createWecomChannel().send({
      id: 'w4',
      destination: { channel: 'wecom', webhook: webhook() },
      notice: oneItem,
    });
    expect(limited).toMatchObject({ status: 'failed', retryable: true, retryAfterMs: 60_000 });
  });
});
