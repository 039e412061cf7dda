/**
 * The chase's settings: a policy per source of work with the office's defaults, checked as a
 * whole with every problem named by its path. Quiet hours: when they hold, and the first
 * instant after them.
 */
import { z } from 'zod';
import { AppError } from '../errors.js';
import { WORK_SOURCES } from './types.js';
import type { ChasePolicy, QuietHours, WorkSource } from './types.js';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const days = z.number().int().min(1).max(60);

export const QuietHoursBody = z.object({
  from: z.string().regex(HHMM, 'a time of day as HH:MM'),
  to: z.string().regex(HHMM, 'a time of day as HH:MM'),
});

export const ChasePolicyBody = z
  .object({
    remindBefore: z.array(days).max(5),
    chaseAfter: days.nullable(),
    chaseEvery: days.nullable(),
    escalateAfter: days.nullable(),
    digest: z.boolean(),
    quietHours: QuietHoursBody.nullable(),
    sendAt: z.string().regex(HHMM, 'a time of day as HH:MM'),
  })
  .superRefine((p, ctx) => {
    if (new Set(p.remindBefore).size !== p.remindBefore.length) {
      ctx.addIssue({ code: 'custom', path: ['remindBefore'], message: 'each day once' });
    }
    if (p.escalateAfter !== null && p.chaseAfter !== null && p.escalateAfter < p.chaseAfter) {
      ctx.addIssue({
        code: 'custom',
        path: ['escalateAfter'],
        message: 'escalation comes after the first chaser',
      });
    }
    if (p.quietHours && p.quietHours.from === p.quietHours.to) {
      ctx.addIssue({ code: 'custom', path: ['quietHours'], message: 'quiet hours must have a length' });
    }
    if (p.quietHours && isQuietAt(minutesOf(p.sendAt), p.quietHours)) {
      ctx.addIssue({ code: 'custom', path: ['sendAt'], message: 'the send time falls in the quiet hours' });
    }
  });

/** The office's settings: one policy per source. */
export const ChaseSettingsBody = z.object(
  Object.fromEntries(WORK_SOURCES.map((s) => [s, ChasePolicyBody])) as Record<
    WorkSource,
    typeof ChasePolicyBody
  >,
);
export type ChaseSettings = Record<WorkSource, ChasePolicy>;

const QUIET: QuietHours = { from: '20:00', to: '08:00' };

/**
 * The defaults: plan tasks reminded 5 and 1 working days ahead; 批示件 and 议定事项, whose
 * terms are short, 3 and 1; 建议/提案, answered within three months, 10 and 3. Chasers the
 * next working day and every 3 working days; escalation after 5 (批示件 after 3). Digests,
 * 09:00, quiet from 20:00 to 08:00.
 */
export const DEFAULT_CHASE_SETTINGS: ChaseSettings = Object.freeze({
  plan: {
    remindBefore: [5, 1],
    chaseAfter: 1,
    chaseEvery: 3,
    escalateAfter: 5,
    digest: true,
    quietHours: QUIET,
    sendAt: '09:00',
  },
  instruction: {
    remindBefore: [3, 1],
    chaseAfter: 1,
    chaseEvery: 2,
    escalateAfter: 3,
    digest: true,
    quietHours: QUIET,
    sendAt: '09:00',
  },
  decision: {
    remindBefore: [3, 1],
    chaseAfter: 1,
    chaseEvery: 3,
    escalateAfter: 5,
    digest: true,
    quietHours: QUIET,
    sendAt: '09:00',
  },
  suggestion: {
    remindBefore: [10, 3],
    chaseAfter: 1,
    chaseEvery: 5,
    escalateAfter: 10,
    digest: true,
    quietHours: QUIET,
    sendAt: '09:00',
  },
  proposal: {
    remindBefore: [10, 3],
    chaseAfter: 1,
    chaseEvery: 5,
    escalateAfter: 10,
    digest: true,
    quietHours: QUIET,
    sendAt: '09:00',
  },
  list: {
    remindBefore: [3, 1],
    chaseAfter: 1,
    chaseEvery: 3,
    escalateAfter: 5,
    digest: true,
    quietHours: QUIET,
    sendAt: '09:00',
  },
});

/**
 * Checks settings as an admin sends them. Throws BAD_INPUT listing every problem with its
 * path (`instruction.escalateAfter: escalation comes after the first chaser`).
 */
export function parseChaseSettings(input: unknown): ChaseSettings {
  const parsed = ChaseSettingsBody.safeParse(input);
  if (parsed.success) return parsed.data;
  const details = parsed.error.issues.map((i) => ({
    path: i.path.join('.') || '(settings)',
    message: i.message,
  }));
  throw new AppError(
    'BAD_INPUT',
    `The chase settings are wrong: ${details.map((d) => `${d.path}: ${d.message}`).join('; ')}`,
    details,
  );
}

/** Minutes since midnight of `HH:MM`. */
export function minutesOf(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
}

function isQuietAt(minute: number, quiet: QuietHours): boolean {
  const from = minutesOf(quiet.from);
  const to = minutesOf(quiet.to);
  return from < to ? minute >= from && minute < to : minute >= from || minute < to;
}

const MS_PER_MINUTE = 60_000;
const OFFSET_MINUTES = 8 * 60;

/**
 * The first instant at or after `instant` outside the quiet hours (Beijing time).
 * @example
 * afterQuietHours('2024-05-10T14:30:00.000Z', { from: '22:00', to: '07:30' }) // 22:30 Beijing → '2024-05-10T23:30:00.000Z' (07:30 next day)
 */
export function afterQuietHours(instant: string, quiet: QuietHours | null): string {
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) throw new AppError('BAD_INPUT', `Not an ISO instant: "${instant}"`);
  if (!quiet) return new Date(ms).toISOString();
  const local = Math.floor(ms / MS_PER_MINUTE) + OFFSET_MINUTES;
  const minute = ((local % 1440) + 1440) % 1440;
  if (!isQuietAt(minute, quiet)) return new Date(ms).toISOString();
  const to = minutesOf(quiet.to);
  const wait = (to - minute + 1440) % 1440;
  return new Date((local - OFFSET_MINUTES + wait) * MS_PER_MINUTE).toISOString();
}

/**
 * The instant of `HH:MM` Beijing time on a Beijing date.
 * @example
 * beijingInstant('2024-05-10', '09:00') // '2024-05-10T01:00:00.000Z'
 */
export function beijingInstant(date: string, hhmm: string): string {
  return new Date(
    Date.parse(`${date}T00:00:00Z`) + (minutesOf(hhmm) - OFFSET_MINUTES) * MS_PER_MINUTE,
  ).toISOString();
}
