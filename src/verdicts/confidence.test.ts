import { describe, expect, it } from 'vitest';
import { isAppError } from '../errors.js';
import {
  assessConfidence,
  CONFIDENCE_LABELS,
  CONFIDENCE_LEVELS,
  deriveConfidenceView,
} from './confidence.js';
import type { ConfidenceAssessment, ConfidenceLevel } from './confidence.js';
import { otherReporter, supervisor, unitReporter } from './test-fixtures.js';

const subject = { type: 'task' as const, id: 7, planId: 1, leadUnitId: 11 };
const NOW = '2022-07-02T09:00:00.000Z';

let nextId = 1;
function given(
  source: 'lead_unit' | 'independent',
  level: ConfidenceLevel,
  periodKey = '2022-06',
  at = NOW,
): ConfidenceAssessment {
  return {
    id: nextId++,
    subject,
    periodKey,
    source,
    level,
    comment: level === 'green' || level === 'amber_green' ? null : '征拆进度慢',
    by: source === 'lead_unit' ? 5 : 2,
    at,
  };
}

function errorOf(fn: () => unknown): { code: string; paths: string[] } {
  try {
    fn();
  } catch (error) {
    if (isAppError(error)) return { code: error.code, paths: error.details.map((d) => d.path) };
    throw error;
  }
  throw new Error('did not throw');
}

describe('assessConfidence', () => {
  it('takes the lead unit’s own confidence from a reporter of the lead unit', () => {
    const { assessment, event } = assessConfidence(
      {
        id: 1,
        subject,
        periodKey: '2022-06',
        source: 'lead_unit',
        level: 'amber',
        comment: ' 拆迁进度慢于预期 ',
      },
      unitReporter,
      NOW,
      [],
    );
    expect(assessment).toMatchObject({ level: 'amber', comment: '拆迁进度慢于预期', by: 5, at: NOW });
    expect(event).toMatchObject({ action: 'confidence.assess', before: null, after: { level: 'amber' } });
  });

  it('refuses the lead unit’s confidence from a co-unit, and the independent one from a unit', () => {
    const input = { id: 1, subject, periodKey: '2022-06', comment: null } as const;
    expect(
      errorOf(() =>
        assessConfidence({ ...input, source: 'lead_unit', level: 'green' }, otherReporter, NOW, []),
      ).code,
    ).toBe('FORBIDDEN');
    expect(
      errorOf(() =>
        assessConfidence({ ...input, source: 'independent', level: 'green' }, unitReporter, NOW, []),
      ).code,
    ).toBe('FORBIDDEN');
  });

  it('requires a comment from 存在风险 down, and a real period key', () => {
    expect(
      errorOf(() =>
        assessConfidence(
          { id: 1, subject, periodKey: 'June', source: 'independent', level: 'amber_red', comment: '' },
          supervisor,
          NOW,
          [],
        ),
      ),
    ).toEqual({ code: 'BAD_INPUT', paths: ['comment', 'periodKey'] });
  });

  it('a second assessment in the same period shows the first as before', () => {
    const first = given('independent', 'amber');
    const { event } = assessConfidence(
      { id: 9, subject, periodKey: '2022-06', source: 'independent', level: 'red', comment: '已无法按期' },
      supervisor,
      NOW,
      [first],
    );
    expect(event).toMatchObject({
      action: 'confidence.assess_independent',
      before: { level: 'amber' },
      after: { level: 'red' },
    });
  });

  it('every level has its words', () => {
    for (const level of CONFIDENCE_LEVELS) expect(CONFIDENCE_LABELS[level].name).toMatch(/把握|风险|难以/);
  });
});

describe('deriveConfidenceView', () => {
  it('agreement: no disagreement, nothing missing', () => {
    const view = deriveConfidenceView(
      [given('lead_unit', 'amber_green'), given('independent', 'amber')],
      subject,
      'on_track',
      '2022-06',
    );
    expect(view.disagreements).toEqual([]);
    expect(view.unitMissing).toBe(false);
  });

  it('the unit says 很有把握 while the figures say behind: optimistic against health', () => {
    const view = deriveConfidenceView([given('lead_unit', 'green')], subject, 'behind', '2022-06');
    expect(view.disagreements).toEqual([{ kind: 'unit_vs_health', direction: 'optimistic', gap: 3 }]);
  });

  it('the unit and the 督查室 two levels apart disagree; one level apart do not', () => {
    const apart = deriveConfidenceView(
      [given('lead_unit', 'amber_green'), given('independent', 'amber_red')],
      subject,
      'at_risk',
      '2022-06',
    );
    expect(apart.disagreements).toEqual([{ kind: 'unit_vs_independent', direction: 'optimistic', gap: 2 }]);
    const near = deriveConfidenceView(
      [given('lead_unit', 'amber_green'), given('independent', 'amber')],
      subject,
      'at_risk',
      '2022-06',
    );
    expect(near.disagreements).toEqual([]);
  });

  it('a pessimistic unit against good figures is shown too', () => {
    const view = deriveConfidenceView([given('lead_unit', 'red')], subject, 'on_track', '2022-06');
    expect(view.disagreements).toEqual([{ kind: 'unit_vs_health', direction: 'pessimistic', gap: 2 }]);
  });

  it('the independent confidence against health', () => {
    const view = deriveConfidenceView([given('independent', 'green')], subject, 'behind', '2022-06');
    expect(view.disagreements).toEqual([{ kind: 'independent_vs_health', direction: 'optimistic', gap: 3 }]);
  });

  it('done, no data and not started compare with nothing', () => {
    for (const health of ['done', 'no_data', 'not_started'] as const) {
      expect(
        deriveConfidenceView([given('lead_unit', 'red')], subject, health, '2022-06').disagreements,
      ).toEqual([]);
    }
  });

  it('takes the latest up to the current period; a unit silent this period is missing', () => {
    const may = given('lead_unit', 'green', '2022-05', '2022-06-02T09:00:00.000Z');
    const july = given('lead_unit', 'red', '2022-07', '2022-08-02T09:00:00.000Z');
    const view = deriveConfidenceView([may, july], subject, 'on_track', '2022-06');
    expect(view.unit?.id).toBe(may.id);
    expect(view.unitMissing).toBe(true);
  });

  it('ignores other commitments’ assessments', () => {
    const other = { ...given('lead_unit', 'red'), subject: { ...subject, id: 8 } };
    expect(deriveConfidenceView([other], subject, 'on_track', '2022-06').unit).toBeNull();
  });
});
