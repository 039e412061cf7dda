import { describe, expect, it } from 'vitest';
import { listHeldOut, readHeldOut, restrictTo } from '../../test/fixtures/reports/index.js';
import { itemAgrees, score } from '../../test/fixtures/reports/score.js';
import { extractReport } from './index.js';

/**
 * Held-back checks: reports the reader was not tuned on, annotated by hand under
 * the evaluation guide beside the gold files (GUIDE.md) (test/fixtures/reports/heldout, sources in SOURCES.md). Predictions are
 * restricted to the annotated paragraphs and scored with the GUIDE's rules; the outline is
 * annotated whole. Floors of issue 13: items F1 ≥ 0.97, projects F1 ≥ 0.90 (when there is a
 * project to score). `npm run eval` prints the same figures beside the shared gold files.
 */
const FLOOR = { items: 0.97, projects: 0.9 };
// Observed on the paragraphs of 2026-guangdong when they were annotated (issue 2): metric 0.953,
// period 0.992, comparator 1, outline 1; floors a little under.
const MORE: Record<string, { metric: number; period: number; comparator: number; outline: number }> = {
  '2026-guangdong': { metric: 0.93, period: 0.97, comparator: 0.97, outline: 0.98 },
};

describe('extractReport on held-back reports', () => {
  for (const name of listHeldOut()) {
    it(`${name}: the annotation's spans hold its quotes and contexts`, () => {
      const { fixture, text } = readHeldOut(name);
      for (const item of fixture.items) {
        expect(text.slice(...item.span)).toBe(item.quote);
        expect(item.context).toContain(item.quote);
      }
      for (const p of fixture.projects) expect(text.slice(...p.span)).toBe(p.name);
      for (const h of fixture.outline) expect(text.slice(...h.span)).toBe(h.title);
    });

    it(`${name}: items F1 ≥ ${FLOOR.items}, projects F1 ≥ ${FLOOR.projects}`, () => {
      const { fixture, text } = readHeldOut(name);
      const pred = restrictTo(fixture, extractReport(text));
      const s = score(fixture, pred);
      expect(
        s.items.f1,
        `missed ${s.missed.join(' | ')}; spurious ${s.spurious.join(' | ')}`,
      ).toBeGreaterThanOrEqual(FLOOR.items);
      if (fixture.projects.length || pred.projects.length)
        expect(s.projects.f1).toBeGreaterThanOrEqual(FLOOR.projects);
      const more = MORE[name];
      if (more) {
        expect(s.items.metric).toBeGreaterThanOrEqual(more.metric);
        expect(s.items.period).toBeGreaterThanOrEqual(more.period);
        expect(s.items.comparator).toBeGreaterThanOrEqual(more.comparator);
        expect(s.outline.f1).toBeGreaterThanOrEqual(more.outline);
      }
    });
  }
});

describe('doubt on held-back reports', () => {
  it('puts at least half of all item errors among the least confident tenth of the items', () => {
    const pool: { confidence: number; wrong: boolean }[] = [];
    for (const name of listHeldOut()) {
      const { fixture, text } = readHeldOut(name);
      const pred = restrictTo(fixture, extractReport(text));
      const s = score(fixture, pred);
      const matched = new Map(s.itemPairs.map(([g, p]) => [p, g]));
      pred.items.forEach((item, k) => {
        const g = matched.get(k);
        const wrong =
          g === undefined || !itemAgrees(fixture.items[g] as (typeof fixture.items)[number], item);
        pool.push({ confidence: (item as { confidence?: number }).confidence ?? 1, wrong });
      });
    }
    const errors = pool.filter((x) => x.wrong).length;
    const lowest = [...pool]
      .sort((a, b) => a.confidence - b.confidence)
      .slice(0, Math.ceil(pool.length / 10));
    expect(errors).toBeGreaterThan(0);
    expect(lowest.filter((x) => x.wrong).length * 2).toBeGreaterThanOrEqual(errors);
  });
});
