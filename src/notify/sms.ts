/**
 * SMS through an HTTP gateway (政务短信平台, a carrier's or a cloud provider's SMS API). Every
 * gateway differs in field names and signature, so the adapter is configured rather than
 * written per provider: a JSON or form POST, named fields, an HMAC-SHA256 signature over the
 * body or over the sorted fields, in a header or a field, and a success rule read from the
 * answer. Delivery reports (状态报告) the gateway posts back are read by `parseSmsReceipt`.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../errors.js';
import { failureOf, parseJsonBody, post, valueAt } from './http.js';
import { renderSms } from './render.js';
import { hmacSha256 } from './sign.js';
import type { ChannelAdapter, DeliveryResult, OutgoingMessage, Receipt } from './types.js';

const Scalar = z.union([z.string(), z.number()]);

/** A gateway's description, as an office writes it in its settings file. */
export const SmsGatewayConfig = z.object({
  url: z.url(),
  format: z.enum(['json', 'form']).default('json'),
  /** Body field names. Only `phone` and `text` are required; others are sent when named. */
  fields: z
    .object({
      phone: z.string().min(1).default('phone'),
      text: z.string().min(1).default('content'),
      /** Our message id, which gateways echo in delivery reports (outId, extend, clientMsgId). */
      messageId: z.string().min(1).optional(),
      appKey: z.string().min(1).optional(),
      signName: z.string().min(1).optional(),
      timestamp: z.string().min(1).optional(),
      nonce: z.string().min(1).optional(),
    })
    .default({ phone: 'phone', text: 'content' }),
  appKey: z.string().optional(),
  secret: z.string().min(1),
  /** 短信签名, e.g. 【某区督查室】, where the gateway wants it as a field. */
  signName: z.string().optional(),
  /** Fixed fields sent with every message (templateId, channel codes). */
  extra: z.record(z.string(), z.string()).default({}),
  signature: z
    .object({
      /** `body`: HMAC of `timestamp.body` (timestamp in a header); `sorted-fields`: HMAC of `a=1&b=2` over every field but the signature. */
      canonical: z.enum(['body', 'sorted-fields']).default('body'),
      encoding: z.enum(['hex', 'base64']).default('hex'),
      /** Header carrying the signature; or `field` to send it as a body field. */
      header: z.string().min(1).optional(),
      field: z.string().min(1).optional(),
      /** Header carrying the timestamp (seconds) for `body` signing. */
      timestampHeader: z.string().min(1).default('x-timestamp'),
    })
    .default({ canonical: 'body', encoding: 'hex', timestampHeader: 'x-timestamp' }),
  /** Which answer means accepted: the value at `field` (dot path) is one of `values`. */
  success: z.object({ field: z.string().min(1), values: z.array(Scalar).min(1) }),
  /** Answer codes that mean "busy, try later" (rate limits). */
  retryableCodes: z.array(Scalar).default([]),
  /** Where the gateway's own id for the message is in the answer. */
  providerIdField: z.string().optional(),
  /** The longest text sent (a long SMS is joined from 67-character parts). */
  maxChars: z.number().int().min(20).max(1000).default(300),
  timeoutMs: z.number().int().positive().optional(),
  /** How delivery reports read: the id field (ours or theirs), the status field and its values. */
  receipt: z
    .object({
      messageIdField: z.string().min(1).optional(),
      providerIdField: z.string().min(1).optional(),
      statusField: z.string().min(1),
      delivered: z.array(Scalar).min(1),
      read: z.array(Scalar).default([]),
      timeField: z.string().min(1).optional(),
    })
    .optional(),
});
export type SmsGatewayConfig = z.infer<typeof SmsGatewayConfig>;
export type SmsGatewayConfigInput = z.input<typeof SmsGatewayConfig>;

const PHONE = /^(\+?86)?1[3-9]\d{9}$/;

/**
 * The string a `sorted-fields` signature is computed over: every field but the signature,
 * sorted by name, as `name=value` joined with `&` (values as sent, not URL-encoded).
 * @example
 * sortedFieldString({ b: '2', a: '1', sign: 'x' }, 'sign') // 'a=1&b=2'
 */
export function sortedFieldString(fields: Record<string, string>, skip?: string): string {
  return Object.keys(fields)
    .filter((k) => k !== skip)
    .sort()
    .map((k) => `${k}=${fields[k]}`)
    .join('&');
}

/** The request for one SMS: URL, headers and body, signed (exported for the tests' receiver). */
export function buildSmsRequest(
  config: SmsGatewayConfig,
  message: { id: string; phone: string; text: string },
  nowMs: number,
  nonce: string,
): { headers: Record<string, string>; body: string; fields: Record<string, string> } {
  const f = config.fields;
  const fields: Record<string, string> = {
    ...config.extra,
    [f.phone]: message.phone,
    [f.text]: message.text,
  };
  if (f.messageId) fields[f.messageId] = message.id;
  if (f.appKey && config.appKey) fields[f.appKey] = config.appKey;
  if (f.signName && config.signName) fields[f.signName] = config.signName;
  const seconds = String(Math.floor(nowMs / 1000));
  if (f.timestamp) fields[f.timestamp] = seconds;
  if (f.nonce) fields[f.nonce] = nonce;
  const sig = config.signature;
  const headers: Record<string, string> = {
    'content-type':
      config.format === 'json'
        ? 'application/json; charset=utf-8'
        : 'application/x-www-form-urlencoded; charset=utf-8',
  };
  const encode = (value: Record<string, string>) =>
    config.format === 'json' ? JSON.stringify(value) : new URLSearchParams(value).toString();
  if (sig.canonical === 'sorted-fields') {
    const signature = hmacSha256(config.secret, sortedFieldString(fields), sig.encoding);
    if (sig.field) fields[sig.field] = signature;
    if (sig.header || !sig.field) headers[sig.header ?? 'x-signature'] = signature;
    return { headers, body: encode(fields), fields };
  }
  const body = encode(fields);
  headers[sig.timestampHeader] = seconds;
  headers[sig.header ?? 'x-signature'] = hmacSha256(config.secret, `${seconds}.${body}`, sig.encoding);
  return { headers, body, fields };
}

function matches(value: unknown, allowed: readonly (string | number)[]): boolean {
  return value !== undefined && value !== null && allowed.some((a) => String(a) === String(value));
}

/**
 * An SMS gateway adapter. Throws BAD_INPUT listing every problem of the configuration (the
 * field path in the settings file).
 */
export function createSmsChannel(
  input: SmsGatewayConfigInput,
  options: { now?: () => number } = {},
): ChannelAdapter<'sms'> {
  const parsed = SmsGatewayConfig.safeParse(input);
  if (!parsed.success) {
    throw new AppError(
      'BAD_INPUT',
      'The SMS gateway settings are wrong',
      parsed.error.issues.map((i) => ({ path: `sms.${i.path.join('.')}`, message: i.message })),
    );
  }
  const config = parsed.data;
  const now = options.now ?? Date.now;
  return {
    channel: 'sms',
    async send(message: OutgoingMessage<'sms'>, sendOptions = {}): Promise<DeliveryResult> {
      const phone = message.destination.phone.replace(/[\s-]/g, '');
      if (!PHONE.test(phone))
        return {
          status: 'failed',
          retryable: false,
          error: `“${message.destination.phone}”不是有效的手机号码`,
        };
      const text = renderSms(message.notice, config.maxChars);
      const request = buildSmsRequest(config, { id: message.id, phone, text }, now(), randomUUID());
      const outcome = await post(config.url, request.body, {
        headers: request.headers,
        ...(config.timeoutMs ? { timeoutMs: config.timeoutMs } : {}),
        ...(sendOptions.signal ? { signal: sendOptions.signal } : {}),
      });
      const failure = failureOf(outcome, '短信网关');
      if (failure || !outcome.ok) return failure!;
      const answer = parseJsonBody(outcome.body);
      const code = valueAt(answer, config.success.field);
      if (matches(code, config.success.values)) {
        const providerId = config.providerIdField ? valueAt(answer, config.providerIdField) : undefined;
        return {
          status: 'sent',
          detail: `${config.success.field} ${String(code)}`,
          ...(providerId !== undefined && providerId !== null ? { providerId: String(providerId) } : {}),
        };
      }
      const retryable = matches(code, config.retryableCodes);
      return {
        status: 'failed',
        retryable,
        error: `短信网关拒收消息：${config.success.field} ${String(code)}（${outcome.body.slice(0, 200)}）`,
        ...(retryable ? { retryAfterMs: 60_000 } : {}),
      };
    },
  };
}

/**
 * Reads one delivery report the gateway posted back (JSON or form, as `format` says), by the
 * configured receipt fields: `read` or `delivered` by the configured values, anything else
 * `failed` (UNDELIV, EXPIRED…). Throws BAD_INPUT when no receipt rule is configured or the
 * report names no message.
 */
export function parseSmsReceipt(
  input: SmsGatewayConfigInput,
  fields: Record<string, unknown>,
  nowIso: string,
): Receipt {
  const config = SmsGatewayConfig.parse(input);
  const rule = config.receipt;
  if (!rule)
    throw new AppError('BAD_INPUT', 'This SMS gateway has no delivery report settings (sms.receipt)');
  const messageId = rule.messageIdField ? valueAt(fields, rule.messageIdField) : undefined;
  const providerId = rule.providerIdField ? valueAt(fields, rule.providerIdField) : undefined;
  if (messageId === undefined && providerId === undefined) {
    throw new AppError('BAD_INPUT', 'The delivery report names no message', [
      { path: rule.messageIdField ?? rule.providerIdField ?? 'receipt', message: 'missing' },
    ]);
  }
  const status = valueAt(fields, rule.statusField);
  const at = rule.timeField ? valueAt(fields, rule.timeField) : undefined;
  const atIso = typeof at === 'string' && !Number.isNaN(Date.parse(at)) ? new Date(at).toISOString() : nowIso;
  return {
    ...(messageId !== undefined ? { messageId: String(messageId) } : {}),
    ...(providerId !== undefined ? { providerId: String(providerId) } : {}),
    status: matches(status, rule.read) ? 'read' : matches(status, rule.delivered) ? 'delivered' : 'failed',
    at: atIso,
    detail: `${rule.statusField} ${String(status)}`,
  };
}
