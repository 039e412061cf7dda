import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import { createTestApp, json, multipart } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';

/**
 * What the reader says of an imported report reaches the plan office before anything is published
 * (issue 13): the structure warnings in the import's answer, and each thing's confidence for the
 * review mode.
 */
const V1 = '/api/v1';
const example = readFileSync(new URL('../../../examples/2022-beijing-changping.txt', import.meta.url));
// A report whose five-year review has no chapter heading: its numbers stand before chapter 一.
const misread = [
  '2026年某省政府工作报告',
  '各位代表：',
  '过去五年，全省生产总值年均增长5.5%，城镇新增就业520万人，粮食产量稳定在1400万吨以上，森林覆盖率提高到58%，城镇化率达到66%。',
  '一、2026年工作安排',
  '全省生产总值增长5%左右。推进制造业高质量发展，新增专精特新企业500家。',
].join('\n');

interface Warned {
  plan: { id: number };
  warnings: { code: string; message: string; span?: [number, number]; excerpt: string }[];
}

describe.each(DIALECTS)('reader warnings and doubts through the API on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });

  it('answers an import with the structure warnings and the words each points at', async () => {
    const response = await t.request('admin', {
      method: 'POST',
      url: `${V1}/plans`,
      ...multipart({ name: 'province.txt', content: misread }),
    });
    expect(response.statusCode).toBe(201);
    const body = json<Warned>(response);
    const w = body.warnings.find((x) => x.code === 'NUMBERS_BEFORE_FIRST_CHAPTER');
    expect(w?.excerpt).toContain('过去五年');
    expect(w?.span).toEqual([0, misread.indexOf('一、2026年')]);
  });

  it('answers the import of a well-formed report with no warning', async () => {
    const response = await t.request('supervisor', {
      method: 'POST',
      url: `${V1}/plans`,
      ...multipart({ name: 'changping.txt', content: example }),
    });
    expect(response.statusCode).toBe(201);
    expect(json<Warned>(response).warnings).toEqual([]);
  });

  it("gives the confidence of each item, project and heading of a plan's report by span", async () => {
    const response = await t.request('admin', { url: `${V1}/plans/${t.draft.plan.id}/doubts` });
    expect(response.statusCode).toBe(200);
    const body =
      json<
        Record<'items' | 'projects' | 'outline', { span: number[]; confidence: number; doubts: string[] }[]>
      >(response);
    expect(body.items.length).toBeGreaterThan(100);
    expect(body.projects.length).toBeGreaterThan(10);
    for (const d of [...body.items, ...body.projects, ...body.outline]) {
      expect(d.confidence).toBeGreaterThanOrEqual(0);
      expect(d.confidence).toBeLessThanOrEqual(1);
      expect(d.confidence < 1).toBe(d.doubts.length > 0);
    }
    const targets = await t.store.targets.list(t.draft.plan.id, { limit: 1000 });
    const spans = new Set(body.items.map((d) => d.span.join(':')));
    expect(targets.items.filter((x) => spans.has(x.span.join(':'))).length).toBeGreaterThan(
      targets.items.length / 2,
    );
  });

  it('refuses the doubts of a plan that does not exist with 404', async () => {
    const response = await t.request('admin', { url: `${V1}/plans/999999/doubts` });
    expect(response.statusCode).toBe(404);
  });
});
