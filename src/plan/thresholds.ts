/**
 * The per-plan settings that turn figures into health: thresholds (红黄绿) and tolerances.
 * Defaults are chosen to match what 督查室 commonly use and are documented on each field;
 * a plan may override any of them (`resolveHealthConfig`).
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';

export interface HealthThresholds {
  /**
   * Below this attainment ratio (actual progress / expected progress) an item is at risk
   * (yellow). Default 0.9: "less than 90% of 序时进度".
   */
  atRisk: number;
  /** Below this ratio an item is behind (red). Default 0.7. */
  behind: number;
}

export interface HealthTolerances {
  /**
   * How far a 左右 (`~`) figure may sit from its target and still count, as a share of the
   * target value. Default 0.05: 6.5%左右 holds from 6.175% to 6.825%.
   */
  approx: number;
  /**
   * Same for an exact (`=`) figure; a small default (0.001) so that rounding never fails it.
   */
  exact: number;
}

export interface HealthConfig {
  thresholds: HealthThresholds;
  tolerances: HealthTolerances;
}

/** The defaults, frozen: at risk below 90% of expected, behind below 70%; 左右 ±5%. */
export const DEFAULT_HEALTH_CONFIG: Readonly<HealthConfig> = Object.freeze({
  thresholds: Object.freeze({ atRisk: 0.9, behind: 0.7 }),
  tolerances: Object.freeze({ approx: 0.05, exact: 0.001 }),
});

/** A plan's overrides, any field optional. */
export interface HealthConfigInput {
  thresholds?: Partial<HealthThresholds>;
  tolerances?: Partial<HealthTolerances>;
}

/**
 * A plan's overrides merged onto the defaults. Throws AppError BAD_INPUT listing every
 * problem (each with its path) when a value is out of range or `behind` is not below `atRisk`.
 * @example
 * resolveHealthConfig({ thresholds: { atRisk: 0.95 } }).thresholds // { atRisk: 0.95, behind: 0.7 }
 */
export function resolveHealthConfig(input: HealthConfigInput = {}): HealthConfig {
  const config: HealthConfig = {
    thresholds: { ...DEFAULT_HEALTH_CONFIG.thresholds, ...input.thresholds },
    tolerances: { ...DEFAULT_HEALTH_CONFIG.tolerances, ...input.tolerances },
  };
  const problems: ErrorDetail[] = [];
  const ratio = (path: string, value: number, max: number) => {
    if (!Number.isFinite(value) || value < 0 || value > max) {
      problems.push({ path, message: `must be a number from 0 to ${max}, got ${String(value)}` });
    }
  };
  ratio('thresholds.atRisk', config.thresholds.atRisk, 1);
  ratio('thresholds.behind', config.thresholds.behind, 1);
  ratio('tolerances.approx', config.tolerances.approx, 1);
  ratio('tolerances.exact', config.tolerances.exact, 1);
  if (config.thresholds.behind > config.thresholds.atRisk) {
    problems.push({ path: 'thresholds.behind', message: 'must not be above thresholds.atRisk' });
  }
  if (problems.length > 0) throw new AppError('BAD_INPUT', 'Invalid health settings', problems);
  return config;
}
