/**
 * Who is reached how (issue 18): a person's own settings (e-mail, mobile, the channels they
 * want, digest, quiet hours), a unit's (its group robots and webhooks, its leader for
 * escalations), and the office's (who signs). The shapes and the defaults; stored as JSON by
 * scope (`user:5`, `unit:3`, `office:notify`).
 */
import type { QuietHours } from '../chase/types.js';
import type { Destination } from './types.js';

/** The channels a person can be reached by directly. */
export const PERSONAL_CHANNELS = ['email', 'sms'] as const;
export type PersonalChannel = (typeof PERSONAL_CHANNELS)[number];

export interface UserNotifySettings {
  email: string | null;
  /** Mobile number (11 digits, +86 optional). */
  phone: string | null;
  /** Channels this person wants messages on; none: in the app only. */
  channels: PersonalChannel[];
  /** null: the source's policy decides; true/false: this person's own choice. */
  digest: boolean | null;
  /** undefined in storage means "the source's policy"; null: none (any hour); else their hours. */
  quietHours: QuietHours | null | 'policy';
}

export const DEFAULT_USER_SETTINGS: UserNotifySettings = Object.freeze({
  email: null,
  phone: null,
  channels: [],
  digest: null,
  quietHours: 'policy',
});

/** A unit's group robot or a platform webhook: where the unit's group reads its messages. */
export interface UnitRobot {
  channel: 'dingtalk' | 'wecom' | 'webhook';
  /** As the office names it: 区水务局工作群. */
  name: string;
  url: string;
  /** DingTalk 加签 secret, or the webhook's signing secret. */
  secret: string | null;
  /** Messages of these kinds go to it: the unit's own work, and/or escalations. */
  enabled: boolean;
}

export interface UnitNotifySettings {
  /** The unit's leader (a user), who is told of escalations (升级督办). */
  leaderUserId: number | null;
  robots: UnitRobot[];
  /**
   * Hours the named handler has to read a notice before the unit's people and robots get it
   * (issue 20); null: the jurisdiction's, else 4.
   */
  inboxAfterHours?: number | null;
}

export const DEFAULT_UNIT_SETTINGS: UnitNotifySettings = Object.freeze({ leaderUserId: null, robots: [] });

export interface OfficeNotifySettings {
  /** Who signs every message: 区政府督查室. */
  sender: string;
}

export const DEFAULT_OFFICE_SETTINGS: OfficeNotifySettings = Object.freeze({ sender: '督查室' });

/** The destinations of a person by their settings (each wanted channel with an address). */
export function userDestinations(settings: UserNotifySettings): Destination[] {
  const out: Destination[] = [];
  if (settings.channels.includes('email') && settings.email)
    out.push({ channel: 'email', to: settings.email });
  if (settings.channels.includes('sms') && settings.phone)
    out.push({ channel: 'sms', phone: settings.phone });
  return out;
}

/** The destination of a unit's robot. */
export function robotDestination(robot: UnitRobot): Destination {
  switch (robot.channel) {
    case 'dingtalk':
      return { channel: 'dingtalk', webhook: robot.url, ...(robot.secret ? { secret: robot.secret } : {}) };
    case 'wecom':
      return { channel: 'wecom', webhook: robot.url };
    case 'webhook':
      return { channel: 'webhook', url: robot.url, ...(robot.secret ? { secret: robot.secret } : {}) };
  }
}

/**
 * A secret or a robot URL's token as an admin sees it again: the last four characters.
 * @example
 * maskSecret('SEC0123456789') // '••••6789'
 */
export function maskSecret(secret: string | null): string | null {
  if (!secret) return null;
  return `••••${secret.slice(-4)}`;
}

/** A robot URL with its token or key masked. */
export function maskRobotUrl(raw: string): string {
  try {
    const url = new URL(raw);
    for (const key of ['access_token', 'key', 'token']) {
      const value = url.searchParams.get(key);
      if (value) url.searchParams.set(key, maskSecret(value)!);
    }
    return decodeURI(url.toString());
  } catch {
    return raw;
  }
}
