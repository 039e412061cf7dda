/**
 * The generic JSON webhook, for platforms with their own message centre (京办, 浙政钉-style
 * government apps, an office's own bus): one signed JSON POST per message carrying the notice
 * as data, plain text and markdown, so the platform can show it however it shows messages.
 * Platforms that know when a message was read post a signed receipt back
 * (`parseWebhookReceipt`).
 *
 * Request: `POST url`, `content-type: application/json`, headers `X-Luoshi-Delivery` (the
 * message id, stable across retries), `X-Luoshi-Timestamp` (seconds) and, with a secret,
 * `X-Luoshi-Signature: sha256=<hex HMAC-SHA256(secret, timestamp + "." + body)>`. Any 2xx
 * is sent; 408, 425, 429 and 5xx are retried; other answers are not.
 */
import { z } from 'zod';
import { AppError } from '../errors.js';
import { failureOf, parseJsonBody, post } from './http.js';
import { renderMarkdown, renderText } from './render.js';
import { verifyWebhookSignature, webhookSignature } from './sign.js';
import type { ChannelAdapter, DeliveryResult, Notice, OutgoingMessage, Receipt } from './types.js';

/** The body the generic webhook posts. */
export interface WebhookPayload {
  /** The message id: the same on every retry; receivers dedupe on it. */
  id: string;
  kind: string;
  title: string;
  intro: string;
  text: string;
  markdown: string;
  link: string | null;
  items: { title: string; detail: string | null; dueOn: string | null; link: string }[];
  sender: string;
  severity: 'info' | 'warning' | 'urgent';
  /** The platform's own user ids, when the destination names them. */
  recipients: string[];
  /** ISO instant of this attempt. */
  sentAt: string;
}

export const WEBHOOK_HEADERS = {
  delivery: 'x-luoshi-delivery',
  timestamp: 'x-luoshi-timestamp',
  signature: 'x-luoshi-signature',
} as const;

/** The payload for one message. */
export function webhookPayload(
  id: string,
  notice: Notice,
  recipients: string[],
  sentAt: string,
): WebhookPayload {
  return {
    id,
    kind: notice.kind,
    title: notice.title,
    intro: notice.intro,
    text: renderText(notice),
    markdown: renderMarkdown(notice, 'dingtalk'),
    link: notice.link ?? null,
    items: notice.items.map((i) => ({
      title: i.title,
      detail: i.detail ?? null,
      dueOn: i.dueOn ?? null,
      link: i.link,
    })),
    sender: notice.sender,
    severity: notice.severity ?? 'info',
    recipients,
    sentAt,
  };
}

export interface WebhookOptions {
  timeoutMs?: number;
  now?: () => number;
}

/** The generic JSON webhook adapter. */
export function createWebhookChannel(options: WebhookOptions = {}): ChannelAdapter<'webhook'> {
  const now = options.now ?? Date.now;
  return {
    channel: 'webhook',
    async send(message: OutgoingMessage<'webhook'>, sendOptions = {}): Promise<DeliveryResult> {
      const { url, secret, recipients } = message.destination;
      try {
        new URL(url);
      } catch {
        return { status: 'failed', retryable: false, error: '推送地址不是有效的网址' };
      }
      const ms = now();
      const seconds = Math.floor(ms / 1000);
      const body = JSON.stringify(
        webhookPayload(message.id, message.notice, recipients ?? [], new Date(ms).toISOString()),
      );
      const headers: Record<string, string> = {
        'content-type': 'application/json; charset=utf-8',
        [WEBHOOK_HEADERS.delivery]: message.id,
        [WEBHOOK_HEADERS.timestamp]: String(seconds),
      };
      if (secret) headers[WEBHOOK_HEADERS.signature] = webhookSignature(secret, seconds, body);
      const outcome = await post(url, body, {
        headers,
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        ...(sendOptions.signal ? { signal: sendOptions.signal } : {}),
      });
      const failure = failureOf(outcome, '推送地址');
      if (failure || !outcome.ok) return failure!;
      const answer = parseJsonBody(outcome.body) as { messageId?: unknown; id?: unknown } | undefined;
      const providerId =
        typeof answer?.messageId === 'string'
          ? answer.messageId
          : typeof answer?.id === 'string'
            ? answer.id
            : undefined;
      return { status: 'sent', detail: `HTTP ${outcome.status}`, ...(providerId ? { providerId } : {}) };
    },
  };
}

/** A receipt as a platform posts it back. */
export const WebhookReceiptBody = z.object({
  id: z.string().min(1),
  status: z.enum(['delivered', 'read', 'failed']),
  at: z.iso.datetime({ offset: true }).optional(),
  detail: z.string().max(500).optional(),
});
export type WebhookReceiptBody = z.infer<typeof WebhookReceiptBody>;

/**
 * Reads a platform's signed receipt (read, delivered, failed). Throws UNAUTHENTICATED when the
 * signature or timestamp does not check out, BAD_INPUT naming the field when the body is wrong.
 */
export function parseWebhookReceipt(
  rawBody: string,
  headers: Record<string, string | string[] | undefined>,
  secret: string,
  nowMs: number,
): Receipt {
  const one = (name: string) => {
    const v = headers[name];
    return Array.isArray(v) ? v[0] : v;
  };
  const ok = verifyWebhookSignature(
    secret,
    { timestamp: one(WEBHOOK_HEADERS.timestamp), signature: one(WEBHOOK_HEADERS.signature) },
    rawBody,
    Math.floor(nowMs / 1000),
  );
  if (!ok)
    throw new AppError(
      'UNAUTHENTICATED',
      'The receipt is not signed with this webhook’s secret, or is too old',
    );
  const parsed = WebhookReceiptBody.safeParse(parseJsonBody(rawBody));
  if (!parsed.success) {
    throw new AppError(
      'BAD_INPUT',
      'The receipt is not { id, status, at? }',
      parsed.error.issues.map((i) => ({ path: i.path.join('.') || '(body)', message: i.message })),
    );
  }
  const { id, status, at, detail } = parsed.data;
  return {
    messageId: id,
    status,
    at: at ? new Date(at).toISOString() : new Date(nowMs).toISOString(),
    ...(detail ? { detail } : {}),
  };
}
