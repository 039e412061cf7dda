import { describe, expect, it } from 'vitest';
import type { KnowledgeVersion } from '../api/desk';
import { diffKnowledgeVersions, findBaseVersion, splitChange } from './knowledge-diff';

const version = (n: number, status: KnowledgeVersion['status'], over: Partial<KnowledgeVersion> = {}) =>
  ({
    version: n,
    status,
    question: '居民供暖费怎么缴纳？',
    answer: '可在供热公司营业厅缴纳，每年11月15日前缴清。',
    category: '供暖',
    area: null,
    ownerUnitId: 3,
    source: '区供热管理办法',
    validFrom: '2024-01-01',
    validTo: null,
    reviewBy: '2024-12-31',
    keywords: ['供暖费'],
    editedBy: 7,
    editedAt: '2024-07-01T02:00:00.000Z',
    submittedAt: null,
    decision: null,
    confirms: null,
    ...over,
  }) satisfies KnowledgeVersion;

const names = (id: number) => (id === 3 ? '区城管委' : '区住建委');

describe('diffKnowledgeVersions', () => {
  it('lists only the fields a revision changes, with the changed middle of a text', () => {
    const base = version(1, 'approved');
    const next = version(2, 'pending', {
      answer: '可在供热公司营业厅或银行网点缴纳，每年11月15日前缴清。',
      reviewBy: '2025-06-30',
      ownerUnitId: 4,
    });
    const changes = diffKnowledgeVersions(base, next, names);
    expect(changes.map((c) => c.field)).toEqual(['answer', 'ownerUnitId', 'reviewBy']);
    expect(changes[0]!.parts).toEqual({
      head: '可在供热公司营业厅',
      removed: '',
      added: '或银行网点',
      tail: '缴纳，每年11月15日前缴清。',
    });
    expect(changes[1]).toMatchObject({ before: '区城管委', after: '区住建委' });
  });

  it('shows every filled field of a new entry, and judges an edit against the version in use', () => {
    const first = version(1, 'draft');
    expect(diffKnowledgeVersions(undefined, first, names).map((c) => c.field)).not.toContain('validTo');
    const versions = [version(1, 'approved'), version(2, 'rejected'), version(3, 'pending')];
    expect(findBaseVersion(versions)?.version).toBe(1);
    expect(findBaseVersion([version(1, 'approved')])).toBeUndefined();
  });

  it('splits texts by character, CJK included', () => {
    expect(splitChange('甲乙丙', '甲丁丙')).toEqual({ head: '甲', removed: '乙', added: '丁', tail: '丙' });
    expect(splitChange('同', '同')).toEqual({ head: '同', removed: '', added: '', tail: '' });
  });
});
