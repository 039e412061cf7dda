/**
 * A chapter's Atom feed (issue 19.5) over HTTP on both engines: the public follows one chapter
 * of a published plan by its feed; the feed validates, holds that chapter's changes and no
 * other's, and a chapter not of the plan or a draft plan answers 404.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/factories.js';
import type { OutlineNode } from '../../contract/index.js';
import { giveItemVerdict } from '../../commands/verdicts.js';
import { deriveActor } from '../../plan/audit.js';
import { checkAtom } from '../../verdicts/testing/atom-check.js';
import { createTestApp, json } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';

describe.each(DIALECTS)('a chapter’s Atom feed on %s', (dialect) => {
  let t: TestApp;
  let chapterOfA: number;
  let otherChapter: number;
  const feed = (planId: number, chapterId: number) =>
    t.request('public', { url: `/api/v1/public/plans/${planId}/chapters/${chapterId}/feed.atom` });

  beforeAll(async () => {
    t = await createTestApp(dialect, { now: () => new Date('2022-07-10T09:00:00.000Z') });
    const outline = json<{ items: OutlineNode[] }>(
      await t.request('admin', { url: `/api/v1/plans/${t.published.plan.id}/outline?limit=1000` }),
    ).items;
    const byId = new Map(outline.map((n) => [n.id, n]));
    let node = byId.get(t.taskA.outlineNodeId!);
    while (node && node.parentId !== null) node = byId.get(node.parentId);
    chapterOfA = node!.id;
    otherChapter = outline.find((n) => n.parentId === null && n.id !== chapterOfA)!.id;
    await giveItemVerdict(
      t.store,
      t.published.plan.id,
      { type: 'task', id: t.taskA.id },
      { verdict: 'behind', note: '征地手续未完成，进度滞后' },
      { health: 'behind' },
      deriveActor(t.users.supervisor),
      '2022-07-10T09:00:00.000Z',
    );
  });

  it('validates and holds the chapter’s changes only', async () => {
    const mine = await feed(t.published.plan.id, chapterOfA);
    expect(mine.statusCode).toBe(200);
    expect(mine.headers['content-type']).toContain('application/atom+xml');
    const check = checkAtom(mine.body);
    expect(check.problems).toEqual([]);
    expect(check.feed?.selfLink).toMatch(
      new RegExp(`/api/v1/public/plans/${t.published.plan.id}/chapters/${chapterOfA}/feed\\.atom$`),
    );
    const verdict = check.entries.find((e) => e.category === 'verdict');
    expect(verdict?.link).toMatch(new RegExp(`/public/${t.published.plan.id}/promises/task/${t.taskA.id}$`));

    const other = checkAtom((await feed(t.published.plan.id, otherChapter)).body);
    expect(other.problems).toEqual([]);
    expect(other.feed?.id).not.toBe(check.feed?.id);
    expect(other.entries.filter((e) => e.link?.endsWith(`/task/${t.taskA.id}`))).toEqual([]);
  });

  it('answers 404 for a chapter not of the plan and for a draft plan', async () => {
    expect((await feed(t.published.plan.id, 999_999)).statusCode).toBe(404);
    const draftOutline = json<{ items: OutlineNode[] }>(
      await t.request('admin', { url: `/api/v1/plans/${t.draft.plan.id}/outline?limit=1000` }),
    ).items;
    const draftChapter = draftOutline.find((n) => n.parentId === null)!.id;
    expect((await feed(t.draft.plan.id, draftChapter)).statusCode).toBe(404);
    // A heading below a chapter is not a chapter.
    const outline = json<{ items: OutlineNode[] }>(
      await t.request('admin', { url: `/api/v1/plans/${t.published.plan.id}/outline?limit=1000` }),
    ).items;
    const section = outline.find((n) => n.parentId !== null);
    expect(section).toBeDefined();
    expect((await feed(t.published.plan.id, section!.id)).statusCode).toBe(404);
  });
});
