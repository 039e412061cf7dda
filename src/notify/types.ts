/**
 * The channels' common words: what a notice says (`Notice`), where it goes (`Destination`),
 * what a channel answers (`DeliveryResult`) and what it may report later (`Receipt`).
 * A notice is channel-neutral: each adapter renders it in its channel's own format (an
 * e-mail, a DingTalk markdown or actionCard, a WeCom markdown, a short SMS, a JSON body).
 */

/** The channels Luoshi sends through. `webhook` is the generic JSON webhook (京办, 浙政钉-style platforms). */
export const CHANNEL_KINDS = ['email', 'sms', 'dingtalk', 'wecom', 'webhook'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** One line of a notice: an item with a deep link to it. */
export interface NoticeItem {
  /** What the item is, as the office names it ("关于加快推进老旧小区改造的批示"). */
  title: string;
  /** One short line more: the unit, the state, "已逾期2个工作日". */
  detail?: string;
  /** The due date (ISO YYYY-MM-DD), shown as 2024年5月10日. */
  dueOn?: string;
  /** Absolute URL of the item's page. */
  link: string;
}

/**
 * What a message says, before any channel renders it. The same notice goes out by e-mail,
 * SMS and robot alike; the adapters decide the format.
 */
export interface Notice {
  /**
   * A stable code for the kind of notice: `chase.reminder`, `chase.chaser`, `chase.escalation`,
   * `follow.digest`, `follow.confirm`, `bulletin.issued`. Receivers may route on it.
   */
  kind: string;
  /** The heading, as an office writes it: "【催办】以下3项工作已到期未办结". */
  title: string;
  /** The opening sentence(s). */
  intro: string;
  /** The items the notice is about (one, or a digest of many). */
  items: NoticeItem[];
  /** The page to open for all of it (a list, or the one item); absolute URL. */
  link?: string;
  /** Who sends it, as signed at the end: "区政府督查室". */
  sender: string;
  /** urgent colours robot messages and marks e-mail as important. */
  severity?: 'info' | 'warning' | 'urgent';
  /** One-click unsubscribe (RFC 8058) for notices people subscribed to themselves. */
  unsubscribeUrl?: string;
}

/** Where one message goes. Robot webhooks carry their own address (and secret) per group. */
export type Destination =
  | { channel: 'email'; to: string; name?: string }
  | { channel: 'sms'; phone: string }
  | { channel: 'dingtalk'; webhook: string; secret?: string; atMobiles?: string[] }
  | { channel: 'wecom'; webhook: string; mentionedUserIds?: string[] }
  | { channel: 'webhook'; url: string; secret?: string; recipients?: string[] };

export type DestinationOf<K extends ChannelKind> = Extract<Destination, { channel: K }>;

/** One message to send: a notice to a destination, with the id that makes resending safe. */
export interface OutgoingMessage<K extends ChannelKind = ChannelKind> {
  /**
   * Stable for the life of the message (the outbox row's key): sent as the e-mail's Message-ID,
   * the webhook's delivery id, the SMS gateway's client id, so a retry after a crash is
   * recognisable as the same message by a receiver that dedupes.
   */
  id: string;
  destination: DestinationOf<K>;
  notice: Notice;
}

/** What a channel answered to one attempt. */
export type DeliveryResult =
  | {
      status: 'sent';
      /** The channel's own id for the message, when it gives one (SMTP queue id, SMS id). */
      providerId?: string;
      /** What the channel said, for the delivery log ("250 OK", "errcode 0"). */
      detail: string;
    }
  | {
      status: 'failed';
      /** True when trying again later may succeed (network down, rate limit, 5xx). */
      retryable: boolean;
      /** What went wrong, for the delivery log (never a secret, never a full robot URL). */
      error: string;
      /** The channel asked to wait this long (Retry-After, robot rate limits). */
      retryAfterMs?: number;
    };

/** A later report from a channel about a message it took: delivered to the phone, read. */
export interface Receipt {
  /** The message's id (ours) or the provider's id, whichever the channel reports. */
  messageId?: string;
  providerId?: string;
  status: 'delivered' | 'read' | 'failed';
  /** ISO instant the channel gives, else when the receipt arrived. */
  at: string;
  detail?: string;
}

/** One adapter per channel kind: renders the notice in the channel's format and sends it. */
export interface ChannelAdapter<K extends ChannelKind = ChannelKind> {
  readonly channel: K;
  /**
   * Messages a destination of this channel takes per minute (robots: 20); the worker spaces
   * sends to one destination accordingly. Undefined: no limit.
   */
  readonly perMinute?: number;
  /**
   * Sends one message. Never throws for a channel problem: every failure is a `failed` result
   * saying whether a retry may help. Throws only for a programming error (wrong channel).
   */
  send(message: OutgoingMessage<K>, options?: { signal?: AbortSignal }): Promise<DeliveryResult>;
}

/** The adapters a deployment has configured, by channel. */
export type ChannelSet = { [K in ChannelKind]?: ChannelAdapter<K> };

/**
 * A key naming one destination (for rate limits and the delivery log) without its secrets:
 * e-mail and phone as written, robots by host and path, never their token.
 * @example
 * destinationKey({ channel: 'sms', phone: '13800000000' }) // 'sms:13800000000'
 */
export function destinationKey(destination: Destination): string {
  switch (destination.channel) {
    case 'email':
      return `email:${destination.to.toLowerCase()}`;
    case 'sms':
      return `sms:${destination.phone}`;
    case 'dingtalk':
    case 'wecom':
      return `${destination.channel}:${robotId(destination.webhook)}`;
    case 'webhook':
      return `webhook:${redactUrl(destination.url)}`;
  }
}

/** A robot's webhook named by its token's last 6 characters: enough to tell robots apart. */
function robotId(webhook: string): string {
  try {
    const url = new URL(webhook);
    const token = url.searchParams.get('access_token') ?? url.searchParams.get('key') ?? '';
    return `${url.host}${url.pathname}#${token.slice(-6)}`;
  } catch {
    return 'invalid-url';
  }
}

/**
 * A URL for logs: scheme, host and path only (query strings carry robot tokens and keys).
 * @example
 * redactUrl('https://oapi.dingtalk.com/robot/send?access_token=abc') // 'https://oapi.dingtalk.com/robot/send'
 */
export function redactUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return 'invalid-url';
  }
}
