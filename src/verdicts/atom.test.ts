import { describe, expect, it } from 'vitest';
import { deriveFeedEntries, deriveTagBase, escapeXml, renderAtomFeed } from './atom.js';
import type { AtomFeed } from './atom.js';
import type { ChangeEvent } from './follow.js';
import { infoKey } from './messages.js';
import type { SubjectInfo } from './messages.js';
import { checkAtom } from './testing/atom-check.js';

const BASE = 'https://luoshi.example.gov.cn';
const TAG = deriveTagBase(BASE, '2022-01-01');

function change(id: number, patch: Partial<ChangeEvent> = {}): ChangeEvent {
  return {
    id,
    planId: 1,
    subject: { type: 'task', id: 7 },
    chapterId: 2,
    kind: 'deadline',
    at: `2022-06-0${id}T09:00:00.000Z`,
    before: '2022-06-30',
    after: '2022-09-30',
    ...patch,
  };
}

const subjects = new Map<string, SubjectInfo>([
  [
    infoKey(1, { type: 'task', id: 7 }),
    { title: '完成老旧小区综合整治<12个>', dueOn: '2022-09-30', url: `${BASE}/public/1/tasks/7` },
  ],
  [
    infoKey(1, { type: 'target', id: 3 }),
    { title: '新增城乡劳动力就业', unit: '人', url: `${BASE}/public/1/targets/3` },
  ],
]);

function feed(entries: AtomFeed['entries']): string {
  return renderAtomFeed({
    id: `${TAG}:feed:plan:1`,
    title: '2022年政府工作报告承诺事项动态',
    subtitle: '进展评估、办理状态、完成时限和公开佐证材料的变化',
    updated: '2022-03-01T00:00:00.000Z',
    selfUrl: `${BASE}/api/v1/public/plans/1/feed.atom`,
    pageUrl: `${BASE}/public/1`,
    author: '区政府督查室',
    entries,
  });
}

describe('the Atom feed', () => {
  it('is valid Atom with the right entries, newest first', () => {
    const changes = [
      change(1, { kind: 'verdict', before: 'not_rated', after: 'on_track' }),
      change(2),
      change(3, { subject: { type: 'target', id: 3 }, kind: 'value', before: 9000, after: 8000 }),
      change(4, { kind: 'evidence', before: 1, after: 3 }),
    ];
    const xml = feed(deriveFeedEntries(changes, subjects, TAG));
    const check = checkAtom(xml);
    expect(check.problems).toEqual([]);
    expect(check.feed).toMatchObject({ id: `${TAG}:feed:plan:1`, updated: '2022-06-04T09:00:00.000Z' });
    expect(check.feed?.selfLink).toBe(`${BASE}/api/v1/public/plans/1/feed.atom`);
    expect(check.entries.map((e) => [e.id, e.title, e.category])).toEqual([
      [`${TAG}:change:4`, '完成老旧小区综合整治<12个>：公开佐证材料新增2份', 'evidence'],
      [`${TAG}:change:3`, '新增城乡劳动力就业：目标值由9000人调整为8000人', 'value'],
      [
        `${TAG}:change:2`,
        '完成老旧小区综合整治<12个>：完成时限由2022年6月30日调整为2022年9月30日',
        'deadline',
      ],
      [`${TAG}:change:1`, '完成老旧小区综合整治<12个>：进展评估由“尚未评估”调整为“按计划推进”', 'verdict'],
    ]);
    expect(check.entries[0]!.link).toBe(`${BASE}/public/1/tasks/7`);
    expect(check.entries[2]!.summary).toBe(
      '完成时限由2022年6月30日调整为2022年9月30日。当前完成时限：2022年9月30日。',
    );
  });

  it('an empty feed is valid and takes the given updated', () => {
    const check = checkAtom(feed([]));
    expect(check.problems).toEqual([]);
    expect(check.feed?.updated).toBe('2022-03-01T00:00:00.000Z');
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    expect(escapeXml('A&B <"C"> \u0001\uFFFE')).toBe('A&amp;B &lt;&quot;C&quot;&gt; ');
    const xml = feed(
      deriveFeedEntries(
        [change(1)],
        new Map([
          [
            infoKey(1, { type: 'task', id: 7 }),
            { title: '标题\u0000带控制符&<b>', url: `${BASE}/p?a=1&b=2` },
          ],
        ]),
        TAG,
      ),
    );
    const check = checkAtom(xml);
    expect(check.problems).toEqual([]);
    expect(check.entries[0]!.title).toBe('标题带控制符&<b>：完成时限由2022年6月30日调整为2022年9月30日');
    expect(check.entries[0]!.link).toBe(`${BASE}/p?a=1&b=2`);
  });

  it('leaves out changes of commitments no longer public, and keeps at most `limit` entries', () => {
    const hidden = change(5, { subject: { type: 'task', id: 99 } });
    const entries = deriveFeedEntries([change(1), change(2), change(3), hidden], subjects, TAG, 2);
    expect(entries.map((e) => e.id)).toEqual([`${TAG}:change:3`, `${TAG}:change:2`]);
  });

  it('the checker itself fails broken feeds', () => {
    expect(checkAtom('<feed xmlns="http://www.w3.org/2005/Atom"><id>x</feed>').problems[0]).toMatch(
      /not well-formed/,
    );
    const noIds = feed([
      { id: 'not an iri', title: 't', updated: '2022-06-01T00:00:00.000Z', link: `${BASE}/x`, summary: 's' },
    ]);
    expect(checkAtom(noIds).problems).toEqual(['atom:entry 1: id "not an iri" is not an absolute IRI']);
    const twice = feed([
      { id: `${TAG}:a`, title: 't', updated: '2022-06-01T00:00:00.000Z', link: `${BASE}/x`, summary: 's' },
      { id: `${TAG}:a`, title: 't', updated: '2022-06-01T00:00:00.000Z', link: `${BASE}/x`, summary: 's' },
    ]);
    expect(checkAtom(twice).problems).toEqual([`atom:entry 2: id "${TAG}:a" repeats`]);
  });

  it('derives a tag: URI base from the public address', () => {
    expect(deriveTagBase('https://luoshi.example.gov.cn/app', '2022-01-01')).toBe(
      'tag:luoshi.example.gov.cn,2022-01-01:luoshi',
    );
  });
});
