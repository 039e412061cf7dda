import type { ClosureApplication, ExtensionRequest, NoticeUrgency, SupervisionNotice } from '../api/tracking';
import type { Tone } from '../components/tags';

/** Tag tones of a unit report's status. */
export const STATUS_TONE: Record<string, Tone> = {
  draft: 'grey',
  submitted: 'blue',
  approved: 'green',
  returned: 'red',
};
/** 红/黄/蓝 督办. */
export const URGENCY_TONE: Record<NoticeUrgency, Tone> = { red: 'red', yellow: 'gold', blue: 'blue' };
/** Tag tones of a 督办单's state. */
export const NOTICE_TONE: Record<SupervisionNotice['state'], Tone> = {
  issued: 'gold',
  answered: 'blue',
  closed: 'green',
  escalated: 'red',
};
/** Tag tones of an extension request's state. */
export const EXTENSION_TONE: Record<ExtensionRequest['state'], Tone> = {
  requested: 'gold',
  approved: 'green',
  denied: 'red',
};
/** Tag tones of a 销号 application's state. */
export const CLOSURE_TONE: Record<ClosureApplication['state'], Tone> = {
  applied: 'gold',
  approved: 'purple',
  returned: 'red',
};
