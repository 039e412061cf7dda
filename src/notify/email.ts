/**
 * E-mail over SMTP (nodemailer). The message's id becomes the Message-ID, so a resend after a
 * crash is the same e-mail to any server that dedupes; notices people subscribed to carry a
 * one-click unsubscribe (RFC 8058).
 */
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport/index.js';
import { AppError } from '../errors.js';
import { renderHtml, renderText } from './render.js';
import type { ChannelAdapter, DeliveryResult, OutgoingMessage } from './types.js';

export interface EmailConfig {
  /** SMTP server host. */
  host: string;
  port: number;
  /** TLS from the start (465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  /** Refuse to send without TLS (STARTTLS required). */
  requireTls?: boolean;
  user?: string;
  password?: string;
  /** The sender as recipients see it: `区政府督查室 <duban@example.gov.cn>`. */
  from: string;
  /** Seconds before a connection or an answer is given up (default 20). */
  timeoutSeconds?: number;
  /** Keep connections open between messages (the worker's batches). Default true. */
  pool?: boolean;
  /** Accept a self-signed certificate (an office's internal relay). Default false. */
  allowSelfSigned?: boolean;
}

/**
 * The e-mail settings of an SMTP URL: `smtps://` is TLS from the start (465), `smtp://` takes
 * STARTTLS when offered (587, 25); user and password URL-encoded.
 * @example
 * emailConfigFromUrl('smtps://duban:p%40ss@smtp.example.gov.cn', '督查室 <duban@example.gov.cn>')
 * // { host: 'smtp.example.gov.cn', port: 465, secure: true, user: 'duban', password: 'p@ss', from: … }
 */
export function emailConfigFromUrl(raw: string, from: string): EmailConfig {
  const url = new URL(raw);
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username
      ? { user: decodeURIComponent(url.username), password: decodeURIComponent(url.password) }
      : {}),
    from,
  };
}

/** An e-mail adapter that can be closed (its pooled connections). */
export interface EmailChannel extends ChannelAdapter<'email'> {
  close(): void;
}

const ADDRESS = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/** The domain of the sender's address, for Message-IDs. */
function senderDomain(from: string): string {
  const m = /@([^>\s]+)>?\s*$/.exec(from);
  if (!m)
    throw new AppError('BAD_INPUT', `The mail sender "${from}" has no address`, [
      { path: 'from', message: 'no address' },
    ]);
  return m[1]!;
}

/** SMTP failures worth retrying: no connection, time-outs, 4xx answers, a refused login (a setting to fix). */
function classify(error: unknown): Extract<DeliveryResult, { status: 'failed' }> {
  const e = error as { code?: string; responseCode?: number; response?: string; message?: string };
  const said = e.response ?? e.message ?? String(error);
  // A refused login is the same for every message: kept and retried until the setting is fixed.
  if (e.code === 'EAUTH')
    return {
      status: 'failed',
      retryable: true,
      error: `邮件服务器拒绝登录，请检查发信账号设置：${said.slice(0, 200)}`,
    };
  if (typeof e.responseCode === 'number') {
    return {
      status: 'failed',
      retryable: e.responseCode < 500,
      error: `邮件服务器返回 ${e.responseCode}：${said.slice(0, 200)}`,
    };
  }
  return {
    status: 'failed',
    retryable: true,
    error: `邮件未发出（${e.code ?? 'error'}）：${said.slice(0, 200)}`,
  };
}

/**
 * An SMTP adapter. Throws BAD_INPUT when the sender has no address.
 * @example
 * const mail = createEmailChannel({ host: 'smtp.example.gov.cn', port: 465, secure: true,
 *   from: '区政府督查室 <duban@example.gov.cn>', user: 'duban', password: '…' });
 */
export function createEmailChannel(config: EmailConfig): EmailChannel {
  const domain = senderDomain(config.from);
  const timeout = (config.timeoutSeconds ?? 20) * 1000;
  const options: SMTPTransport.Options = {
    host: config.host,
    port: config.port,
    secure: config.secure,
    requireTLS: config.requireTls ?? false,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    ...(config.user ? { auth: { user: config.user, pass: config.password ?? '' } } : {}),
    ...(config.allowSelfSigned ? { tls: { rejectUnauthorized: false } } : {}),
  };
  const transport = nodemailer.createTransport(
    config.pool === false
      ? options
      : ({ ...options, pool: true, maxConnections: 2 } as SMTPTransport.Options),
  );
  return {
    channel: 'email',
    async send(message: OutgoingMessage<'email'>): Promise<DeliveryResult> {
      if (message.destination.channel !== 'email') throw new Error('not an e-mail destination');
      const { to, name } = message.destination;
      if (!ADDRESS.test(to))
        return { status: 'failed', retryable: false, error: `“${to}”不是有效的电子邮箱地址` };
      const { notice } = message;
      const headers: Record<string, string> = { 'X-Luoshi-Kind': notice.kind };
      if (notice.unsubscribeUrl) {
        headers['List-Unsubscribe'] = `<${notice.unsubscribeUrl}>`;
        headers['List-Unsubscribe-Post'] = 'List-Unsubscribe=One-Click';
      }
      try {
        const info = (await transport.sendMail({
          from: config.from,
          to: name ? { name, address: to } : to,
          subject: notice.title,
          text: renderText(notice),
          html: renderHtml(notice),
          messageId: `<${message.id}@${domain}>`,
          headers,
          ...(notice.severity === 'urgent' ? { priority: 'high' as const } : {}),
        })) as SMTPTransport.SentMessageInfo;
        if (info.rejected.length > 0) {
          return {
            status: 'failed',
            retryable: false,
            error: `邮件服务器拒收 ${to}：${info.response}`,
          };
        }
        return { status: 'sent', providerId: info.messageId, detail: info.response };
      } catch (error) {
        return classify(error);
      }
    },
    close: () => transport.close(),
  };
}
