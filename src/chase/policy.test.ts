import { describe, expect, it } from 'vitest';
import { afterQuietHours, beijingInstant, DEFAULT_CHASE_SETTINGS, parseChaseSettings } from './policy.js';

describe('chase policy', () => {
  it('accepts the defaults and names every problem by source and field', () => {
    expect(parseChaseSettings(DEFAULT_CHASE_SETTINGS)).toEqual(DEFAULT_CHASE_SETTINGS);
    const bad = {
      ...DEFAULT_CHASE_SETTINGS,
      instruction: {
        ...DEFAULT_CHASE_SETTINGS.instruction,
        chaseAfter: 3,
        escalateAfter: 2,
        remindBefore: [1, 1],
      },
      proposal: { ...DEFAULT_CHASE_SETTINGS.proposal, sendAt: '21:00' },
    };
    try {
      parseChaseSettings(bad);
      expect.unreachable();
    } catch (error) {
      const details = (error as { details: { path: string; message: string }[] }).details;
      expect(details).toEqual(
        expect.arrayContaining([
          { path: 'instruction.remindBefore', message: 'each day once' },
          { path: 'instruction.escalateAfter', message: 'escalation comes after the first chaser' },
          { path: 'proposal.sendAt', message: 'the send time falls in the quiet hours' },
        ]),
      );
    }
  });

  it('moves an instant out of quiet hours, across midnight and not otherwise', () => {
    const quiet = { from: '22:00', to: '07:30' };
    expect(afterQuietHours('2024-05-10T14:30:00.000Z', quiet)).toBe('2024-05-10T23:30:00.000Z');
    expect(afterQuietHours('2024-05-10T20:00:00.000Z', quiet)).toBe('2024-05-10T23:30:00.000Z');
    expect(afterQuietHours('2024-05-10T23:30:00.000Z', quiet)).toBe('2024-05-10T23:30:00.000Z');
    expect(afterQuietHours('2024-05-10T05:00:00.000Z', { from: '12:00', to: '14:00' })).toBe(
      '2024-05-10T06:00:00.000Z',
    );
    expect(afterQuietHours('2024-05-10T05:00:00.000Z', null)).toBe('2024-05-10T05:00:00.000Z');
    expect(beijingInstant('2024-05-10', '09:00')).toBe('2024-05-10T01:00:00.000Z');
  });
});
