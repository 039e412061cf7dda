import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import { deriveHealthColor, HEALTH_LABELS } from './colors.js';
import { DEFAULT_HEALTH_CONFIG, resolveHealthConfig } from './thresholds.js';

function caught(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

describe('resolveHealthConfig', () => {
  it('gives the defaults: at risk below 0.9, behind below 0.7, 左右 ±5%', () => {
    expect(resolveHealthConfig()).toEqual({
      thresholds: { atRisk: 0.9, behind: 0.7 },
      tolerances: { approx: 0.05, exact: 0.001 },
    });
    expect(Object.isFrozen(DEFAULT_HEALTH_CONFIG.thresholds)).toBe(true);
  });

  it('merges a plan’s overrides field by field', () => {
    expect(resolveHealthConfig({ thresholds: { atRisk: 0.95 }, tolerances: { approx: 0.1 } })).toEqual({
      thresholds: { atRisk: 0.95, behind: 0.7 },
      tolerances: { approx: 0.1, exact: 0.001 },
    });
  });

  it('refuses values out of range and behind above at risk, listing each', () => {
    const e = caught(() =>
      resolveHealthConfig({ thresholds: { atRisk: 0.6, behind: 0.8 }, tolerances: { approx: -1 } }),
    );
    expect(e.code).toBe('BAD_INPUT');
    expect(e.details).toEqual([
      { path: 'tolerances.approx', message: 'must be a number from 0 to 1, got -1' },
      { path: 'thresholds.behind', message: 'must not be above thresholds.atRisk' },
    ]);
  });
});

describe('deriveHealthColor', () => {
  it('colours as offices do: 绿 on track and done, 黄 at risk, 红 behind, none otherwise', () => {
    expect(deriveHealthColor('on_track')).toBe('green');
    expect(deriveHealthColor('done')).toBe('green');
    expect(deriveHealthColor('at_risk')).toBe('yellow');
    expect(deriveHealthColor('behind')).toBe('red');
    expect(deriveHealthColor('no_data')).toBe('grey');
    expect(HEALTH_LABELS.behind).toBe('滞后');
  });
});
