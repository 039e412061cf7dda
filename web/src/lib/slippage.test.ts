import { describe, expect, it } from 'vitest';
import { daysFrom, explanationProblem, serverExplanationProblem, validateSlippage } from './slippage';

const THRESHOLDS = { days: 30, percent: 5, minExplanation: 10 };

describe('slippage thresholds in the settings page', () => {
  it('accepts the server’s ranges and names each field out of them', () => {
    expect(validateSlippage({ days: '30', percent: '5.5', minExplanation: '10' })).toEqual({});
    expect(validateSlippage({ days: '0', percent: '100', minExplanation: '500' })).toEqual({});
    expect(validateSlippage({ days: '-1', percent: '101', minExplanation: '0' })).toEqual({
      days: { key: 'baseline.settings.daysInvalid' },
      percent: { key: 'baseline.settings.percentInvalid' },
      minExplanation: { key: 'baseline.settings.minInvalid' },
    });
    expect(Object.keys(validateSlippage({ days: '1.5', percent: '', minExplanation: 'ten' }))).toEqual([
      'days',
      'percent',
      'minExplanation',
    ]);
  });
});

describe('the explanation a 延期 past the threshold needs', () => {
  it('counts days from the original deadline, not the one in force', () => {
    expect(daysFrom('2022-06-30', '2022-09-30')).toBe(92);
    expect(daysFrom('2022-06-30', '2022-06-01')).toBe(-29);
  });

  it('asks for it only past the threshold, and for the plan’s shortest length', () => {
    expect(explanationProblem('2022-06-30', '2022-07-30', '', THRESHOLDS)).toBeUndefined();
    expect(explanationProblem('2022-06-30', '2022-07-31', '', THRESHOLDS)).toEqual({
      key: 'baseline.explanation.needed',
      values: { days: 31, threshold: 30, min: 10, original: '2022-06-30' },
    });
    expect(explanationProblem('2022-06-30', '2022-09-30', '  太短了  ', THRESHOLDS)).toEqual({
      key: 'baseline.explanation.tooShort',
      values: { min: 10, count: 3 },
    });
    expect(
      explanationProblem('2022-06-30', '2022-09-30', '征地补偿方案调整，需重新公示', THRESHOLDS),
    ).toBeUndefined();
    // Nothing known yet (thresholds or original still loading): the server decides.
    expect(explanationProblem(undefined, '2022-09-30', '', THRESHOLDS)).toBeUndefined();
    expect(explanationProblem('2022-06-30', '2022-09-30', '', undefined)).toBeUndefined();
  });

  it('reads the server’s refusal into the office’s words', () => {
    expect(
      serverExplanationProblem(
        'an explanation of at least 10 characters is required: the change is 92 days later than the original (threshold 30)',
      ),
    ).toEqual({ key: 'baseline.explanation.neededServer', values: { days: 92, threshold: 30, min: 10 } });
    expect(serverExplanationProblem('must be a date')).toBeUndefined();
  });
});
