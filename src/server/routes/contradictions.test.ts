/**
 * Contradictions after import (issue 14.6) over HTTP: the plan office lists the rows whose state
 * their own quote contradicts; one resolved (the stage moved) is no longer listed; a reporter is
 * refused; on both engines.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';

const V1 = '/api/v1';

interface Listed {
  items: {
    rule: string;
    subject: { type: string; id: number };
    name: string;
    quote: string;
    stated: string;
    implied: string;
  }[];
  total: number;
}

describe.each(DIALECTS)('contradictions of an imported plan on %s', (dialect) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(dialect);
  });

  it('lists a project at 储备 beside "主体结构封顶" until the office moves its stage', async () => {
    const planId = t.published.plan.id;
    const url = `${V1}/plans/${planId}/contradictions`;
    expect((await t.request('reporter', { url })).statusCode).toBe(403);
    const first = json<Listed>(await t.request('supervisor', { url }));
    const hospital = first.items.find((c) => c.name.includes('国际研究型医院'));
    expect(hospital).toMatchObject({
      rule: 'stage_behind_quote',
      subject: { type: 'project' },
      stated: '储备',
      implied: '开工',
    });
    expect(hospital?.quote).toContain('封顶');
    expect(first.total).toBe(first.items.length);

    const project = await t.store.projects.get(planId, hospital!.subject.id);
    const moved = await t.request('admin', {
      method: 'PATCH',
      url: `${V1}/plans/${planId}/projects/${project.id}`,
      payload: { currentStage: '开工', stageDates: { 开工: '2022-01-01' }, version: project.version },
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const after = json<Listed>(await t.request('supervisor', { url }));
    expect(after.items.map((c) => c.subject.id)).not.toContain(project.id);
    expect(after.total).toBe(first.total - 1);
  });

  it('answers 404 for a plan that does not exist', async () => {
    expect((await t.request('admin', { url: `${V1}/plans/99999/contradictions` })).statusCode).toBe(404);
  });
});
