/**
 * The channels of a deployment: e-mail when SMTP is configured, SMS when a gateway is, and the
 * robots and the generic webhook always (their addresses come with each unit's settings).
 */
import { createEmailChannel } from './email.js';
import type { EmailConfig } from './email.js';
import { createDingtalkChannel, createWecomChannel } from './robots.js';
import { createSmsChannel } from './sms.js';
import type { SmsGatewayConfigInput } from './sms.js';
import type { ChannelKind, ChannelSet } from './types.js';
import { createWebhookChannel } from './webhook.js';

export interface Channels {
  set: ChannelSet;
  /** The channels configured, for the settings page (e-mail and SMS need the deployment's settings). */
  available: ChannelKind[];
  close(): void;
}

/** Builds the channels. Throws BAD_INPUT (from the adapters) for a wrong SMS gateway or sender. */
export function createChannels(config: { email?: EmailConfig; sms?: SmsGatewayConfigInput }): Channels {
  const email = config.email ? createEmailChannel(config.email) : undefined;
  const set: ChannelSet = {
    dingtalk: createDingtalkChannel(),
    wecom: createWecomChannel(),
    webhook: createWebhookChannel(),
    ...(email ? { email } : {}),
    ...(config.sms ? { sms: createSmsChannel(config.sms) } : {}),
  };
  return {
    set,
    available: Object.keys(set) as ChannelKind[],
    close: () => email?.close(),
  };
}
