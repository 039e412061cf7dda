/**
 * The channels (issue 18): one adapter interface (`ChannelAdapter`), e-mail over SMTP, SMS
 * through an HTTP gateway, DingTalk and WeCom group robots, a generic JSON webhook; the
 * rendering of a notice in each format; the retry rules of a queued message.
 */
export * from './types.js';
export {
  chineseDate,
  renderHtml,
  renderMarkdown,
  renderMarkdownWithin,
  renderSms,
  renderText,
} from './render.js';
export { createEmailChannel } from './email.js';
export type { EmailChannel, EmailConfig } from './email.js';
export { createSmsChannel, parseSmsReceipt, SmsGatewayConfig } from './sms.js';
export type { SmsGatewayConfigInput } from './sms.js';
export { createDingtalkChannel, createWecomChannel, dingtalkBody, wecomBody } from './robots.js';
export { createWebhookChannel, parseWebhookReceipt, WEBHOOK_HEADERS } from './webhook.js';
export type { WebhookPayload } from './webhook.js';
export { dingtalkSign, verifyWebhookSignature, webhookSignature } from './sign.js';
export { afterAttempt, DEFAULT_RETRY_POLICY, queuedState, requeueState, retryDelayMs } from './retry.js';
export type { AttemptRecord, DeliveryState, DeliveryStatus, RetryPolicy } from './retry.js';
export { createOutboxWorker } from './worker.js';
export type { ClaimedMessage, OutboxPort, OutboxWorker, OutboxWorkerOptions, WorkerLog } from './worker.js';
