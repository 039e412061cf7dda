import { describe, expect, it } from 'vitest';
import { generateLibrary } from './generator.js';
import { deriveIdleLists, listStaleProjects } from './lists.js';
import { checkProject } from './project.js';
import { DEFAULT_LIBRARIES, DEFAULT_STAGE_MODEL, stageIndex } from './stages.js';

const M = DEFAULT_STAGE_MODEL;

describe('generateLibrary', () => {
  const projects = [...generateLibrary({ seed: 7, count: 3000 })];

  it('is deterministic by seed, and a longer run starts with a shorter one', () => {
    const short = [...generateLibrary({ seed: 7, count: 40 })];
    expect(short).toEqual(projects.slice(0, 40));
    expect([...generateLibrary({ seed: 8, count: 1 })][0]).not.toEqual(projects[0]);
    expect(projects.map((p) => p.id).slice(0, 3)).toEqual([1, 2, 3]);
    expect([...generateLibrary({ seed: 7, count: 2, firstId: 101 })].map((p) => p.id)).toEqual([101, 102]);
  });

  it('makes records the domain accepts, with unique names', () => {
    for (const p of projects) {
      const { id: _id, ...draft } = p;
      expect(checkProject(draft, M, DEFAULT_LIBRARIES), p.name).toEqual([]);
    }
    expect(new Set(projects.map((p) => p.name)).size).toBe(projects.length);
  });

  it('spreads over the span like a real library: every stage, libraries by weight, some back, some gone', () => {
    const stages = new Map<string, number>();
    for (const p of projects)
      stages.set(p.history.at(-1)!.stage, (stages.get(p.history.at(-1)!.stage) ?? 0) + 1);
    for (const s of M.stages) expect(stages.get(s.id) ?? 0, s.id).toBeGreaterThan(0);
    const share = (code: string) => projects.filter((p) => p.library === code).length / projects.length;
    expect(share('major')).toBeGreaterThan(share('science'));
    expect(
      projects.some((p) =>
        p.history.some((e, i) => i > 0 && stageIndex(M, e.stage) < stageIndex(M, p.history[i - 1]!.stage)),
      ),
    );
    expect(projects.filter((p) => p.exited).length).toBeGreaterThan(0);
    expect(projects.filter((p) => p.targets.length > 0).length).toBeGreaterThan(0);
  });

  it('runs monthly investment over the building months, inside the ten years', () => {
    const months = projects.flatMap((p) => p.investments.map((m) => m.month));
    expect(months.length).toBeGreaterThan(projects.length * 5);
    expect(months.every((m) => m >= '2014-01' && m <= '2025-12')).toBe(true);
    expect(months.some((m) => m.startsWith('2016-'))).toBe(true);
    expect(months.some((m) => m.startsWith('2025-'))).toBe(true);
    for (const p of projects.slice(0, 300)) {
      const started = p.history.find((e) => stageIndex(M, e.stage) >= stageIndex(M, '开工'))?.date;
      for (const m of p.investments)
        expect(started !== undefined && m.month >= started.slice(0, 7), p.name).toBe(true);
    }
  });

  it('feeds the lists: 三未 and stale projects on any day of the span', () => {
    const lists = deriveIdleLists(projects, M, '2020-06-30');
    expect(lists.approved_not_started.length).toBeGreaterThan(0);
    expect(lists.building_not_finished.length).toBeGreaterThan(0);
    expect(lists.approved_not_started.some((e) => e.late)).toBe(true);
    expect(listStaleProjects(projects, M, '2020-06-30', 6).length).toBeGreaterThan(0);
  });
});
