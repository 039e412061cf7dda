import { describe, expect, it } from 'vitest';
import { ORDER_SOURCES } from '../../api/requests';
import type { ScoringScheme } from '../../api/requests-admin';
import { toSchemeDraft, toSchemeForm, validateExemptionForm, validateSchemeForm } from './admin-scheme-rules';

describe('scheme forms', () => {
  const latest: ScoringScheme = {
    version: 1,
    effectiveFrom: '2024-01',
    note: '',
    weights: { response: 0.1, resolution: 0.6, satisfaction: 0.3 },
    satisfactionCredit: { 满意: 1, 基本满意: 0.8, 不满意: 0 },
    excludedSources: ['grid'],
    minVolume: 10,
    options: { directAnswer: 0, knowledgeUpkeep: 0, answerQuality: 0 },
  };
  const context = { currentMonth: '2026-11', latest, sources: ORDER_SOURCES };

  it('show weights as percentages and send them back as fractions adding up to 1', () => {
    const form = toSchemeForm(latest, '2026-12');
    expect(form.weights).toEqual({ response: '10', resolution: '60', satisfaction: '30' });
    form.weights = { response: '20', resolution: '50', satisfaction: '30' };
    expect(validateSchemeForm(form, context)).toEqual({ problems: {}, warnings: {} });
    const draft = toSchemeDraft(form);
    expect(draft.weights).toEqual({ response: 0.2, resolution: 0.5, satisfaction: 0.3 });
    expect(draft.weights.response + draft.weights.resolution + draft.weights.satisfaction).toBeCloseTo(1, 12);
  });

  it('say what the weights add up to when it is not 100%', () => {
    const form = {
      ...toSchemeForm(latest, '2026-12'),
      weights: { response: '10', resolution: '60', satisfaction: '25' },
    };
    expect(validateSchemeForm(form, context).problems.weights).toEqual({
      key: 'requests.admin.problems.weightsSum',
      values: { sum: 95 },
    });
  });

  it('refuse a past month, credits outside [0, 1] and excluding every source; warn on unordered credits', () => {
    const form = {
      ...toSchemeForm(latest, '2026-10'),
      credits: { 满意: '1', 基本满意: '0.8', 不满意: '-1' },
      excludedSources: [...ORDER_SOURCES],
    };
    const { problems, warnings } = validateSchemeForm(form, context);
    expect(Object.keys(problems).sort()).toEqual(['credits.不满意', 'effectiveFrom', 'excludedSources']);
    expect(problems.effectiveFrom?.key).toBe('requests.admin.problems.monthPast');
    expect(warnings).toEqual({});
    const unordered = {
      ...toSchemeForm(latest, '2026-12'),
      credits: { 满意: '0.7', 基本满意: '0.9', 不满意: '0' },
    };
    expect(validateSchemeForm(unordered, context).warnings.credits?.key).toBe(
      'requests.admin.problems.creditOrder',
    );
  });
  it('take the minimum volume from the latest version and accept only a whole number ≥ 0', () => {
    const form = toSchemeForm({ ...latest, minVolume: 6 }, '2026-12');
    expect(form.minVolume).toBe('6');
    expect(toSchemeForm(undefined, '2026-12').minVolume).toBe('10');
    for (const typed of ['', '-1', '2.5', 'ten']) {
      expect(validateSchemeForm({ ...form, minVolume: typed }, context).problems.minVolume?.key).toBe(
        'requests.admin.problems.wholeNonNegative',
      );
    }
    expect(validateSchemeForm({ ...form, minVolume: ' 0 ' }, context).problems).toEqual({});
    expect(toSchemeDraft({ ...form, minVolume: ' 0 ' }).minVolume).toBe(0);
  });
});

describe('validateExemptionForm', () => {
  it('needs a unit, a month and a reason, and refuses a unit already exempt that month', () => {
    expect(Object.keys(validateExemptionForm({ unitId: undefined, month: '', reason: ' ' }, []))).toEqual([
      'unitId',
      'month',
      'reason',
    ]);
    const existing = [
      {
        unitId: 5,
        unitName: '城关街道',
        month: '2026-11',
        reason: '机构改革',
        createdBy: 1,
        createdByName: '管理员',
        createdAt: '2026-11-01T00:00:00Z',
      },
    ];
    expect(validateExemptionForm({ unitId: 5, month: '2026-11', reason: '暴雨' }, existing).month?.key).toBe(
      'requests.admin.problems.alreadyExempt',
    );
    expect(validateExemptionForm({ unitId: 5, month: '2026-10', reason: '暴雨' }, existing)).toEqual({});
  });
});
