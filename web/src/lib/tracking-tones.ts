import type { NoticeUrgency } from '../api/tracking';
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
