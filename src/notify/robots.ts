/**
 * Group robots: DingTalk's custom robot (自定义机器人: markdown or actionCard, 加签 with
 * timestamp + sign) and WeCom's group robot (企业微信群机器人: markdown within 4,096 bytes).
 * Both answer HTTP 200 with `{ errcode, errmsg }`; errcode 0 is sent, rate limits are retried
 * after a minute, anything else (a removed robot, a wrong key or signature) is not.
 */
import { failureOf, parseJsonBody, post } from './http.js';
import { renderMarkdownWithin } from './render.js';
import { dingtalkSign } from './sign.js';
import type { ChannelAdapter, DeliveryResult, Notice, OutgoingMessage } from './types.js';

/** Robots of both kinds take 20 messages a minute per group (their documented limit). */
const ROBOT_PER_MINUTE = 20;
/** DingTalk's limit is 20 KB a message; WeCom's markdown content 4,096 bytes. */
const DINGTALK_MAX_BYTES = 18_000;
const WECOM_MAX_BYTES = 4096;

/** errcodes that mean "too fast" or "busy": try again after a minute. */
const DINGTALK_RETRYABLE = new Set([-1, 130101, 130102, 410100]);
const WECOM_RETRYABLE = new Set([-1, 45009, 45033]);

export interface RobotOptions {
  timeoutMs?: number;
  /** The clock for DingTalk's timestamp (tests fix it). */
  now?: () => number;
}

function readErrcode(body: string): { errcode: number; errmsg: string } | undefined {
  const json = parseJsonBody(body) as { errcode?: unknown; errmsg?: unknown } | undefined;
  if (!json || typeof json.errcode !== 'number') return undefined;
  return { errcode: json.errcode, errmsg: typeof json.errmsg === 'string' ? json.errmsg : '' };
}

function robotResult(body: string, who: string, retryable: Set<number>): DeliveryResult {
  const answer = readErrcode(body);
  if (!answer)
    return {
      status: 'failed',
      retryable: true,
      error: `${who}的应答缺少 errcode：${body.slice(0, 200)}`,
    };
  if (answer.errcode === 0) return { status: 'sent', detail: `errcode 0 ${answer.errmsg}`.trim() };
  const again = retryable.has(answer.errcode);
  return {
    status: 'failed',
    retryable: again,
    error: `${who}拒收消息：errcode ${answer.errcode} ${answer.errmsg}`.trim(),
    ...(again ? { retryAfterMs: 60_000 } : {}),
  };
}

/**
 * The DingTalk body: an actionCard with one button when the notice points at one page (its
 * own link, or its only item), else markdown. Mentioned mobiles are written into the text, as
 * DingTalk requires for the mention to show.
 */
export function dingtalkBody(notice: Notice, atMobiles: string[] = []): Record<string, unknown> {
  const mentions = atMobiles.length ? `\n\n${atMobiles.map((m) => `@${m}`).join(' ')}` : '';
  const text = renderMarkdownWithin(notice, 'dingtalk', DINGTALK_MAX_BYTES - mentions.length * 3) + mentions;
  const at = { atMobiles, isAtAll: false };
  const target = notice.link ?? (notice.items.length === 1 ? notice.items[0]!.link : undefined);
  if (target) {
    return {
      msgtype: 'actionCard',
      actionCard: {
        title: notice.title,
        text,
        btnOrientation: '0',
        singleTitle: '立即查看',
        singleURL: target,
      },
      at,
    };
  }
  return { msgtype: 'markdown', markdown: { title: notice.title, text }, at };
}

/**
 * The signed URL of a DingTalk robot: the webhook with `timestamp` (ms) and `sign` added when
 * the robot has a secret (加签).
 */
export function signedDingtalkUrl(webhook: string, secret: string | undefined, nowMs: number): string {
  if (!secret) return webhook;
  const url = new URL(webhook);
  url.searchParams.set('timestamp', String(nowMs));
  url.searchParams.set('sign', dingtalkSign(nowMs, secret));
  return url.toString();
}

/** The DingTalk custom-robot adapter. */
export function createDingtalkChannel(options: RobotOptions = {}): ChannelAdapter<'dingtalk'> {
  const now = options.now ?? Date.now;
  return {
    channel: 'dingtalk',
    perMinute: ROBOT_PER_MINUTE,
    async send(message: OutgoingMessage<'dingtalk'>, sendOptions = {}): Promise<DeliveryResult> {
      const { webhook, secret, atMobiles } = message.destination;
      let url: string;
      try {
        url = signedDingtalkUrl(webhook, secret, now());
      } catch {
        return { status: 'failed', retryable: false, error: '钉钉机器人地址不是有效的网址' };
      }
      const outcome = await post(url, JSON.stringify(dingtalkBody(message.notice, atMobiles)), {
        headers: { 'content-type': 'application/json; charset=utf-8' },
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        ...(sendOptions.signal ? { signal: sendOptions.signal } : {}),
      });
      const failure = failureOf(outcome, '钉钉机器人');
      if (failure || !outcome.ok) return failure!;
      return robotResult(outcome.body, '钉钉机器人', DINGTALK_RETRYABLE);
    },
  };
}

/**
 * The WeCom body: markdown within 4,096 bytes. WeCom's markdown has no mention list: a member
 * is mentioned by writing `<@userid>` (their WeCom user id) into the content.
 */
export function wecomBody(notice: Notice, mentionedUserIds: string[] = []): Record<string, unknown> {
  const mentions = mentionedUserIds.length ? `\n${mentionedUserIds.map((id) => `<@${id}>`).join(' ')}` : '';
  const content =
    renderMarkdownWithin(notice, 'wecom', WECOM_MAX_BYTES - Buffer.byteLength(mentions)) + mentions;
  return { msgtype: 'markdown', markdown: { content } };
}

/** The WeCom group-robot adapter. */
export function createWecomChannel(options: RobotOptions = {}): ChannelAdapter<'wecom'> {
  return {
    channel: 'wecom',
    perMinute: ROBOT_PER_MINUTE,
    async send(message: OutgoingMessage<'wecom'>, sendOptions = {}): Promise<DeliveryResult> {
      const { webhook, mentionedUserIds } = message.destination;
      try {
        new URL(webhook);
      } catch {
        return { status: 'failed', retryable: false, error: '企业微信机器人地址不是有效的网址' };
      }
      const outcome = await post(webhook, JSON.stringify(wecomBody(message.notice, mentionedUserIds)), {
        headers: { 'content-type': 'application/json; charset=utf-8' },
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        ...(sendOptions.signal ? { signal: sendOptions.signal } : {}),
      });
      const failure = failureOf(outcome, '企业微信机器人');
      if (failure || !outcome.ok) return failure!;
      return robotResult(outcome.body, '企业微信机器人', WECOM_RETRYABLE);
    },
  };
}
