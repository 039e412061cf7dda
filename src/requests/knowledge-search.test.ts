import { describe, expect, it } from 'vitest';
import { generateKnowledgeContents } from './knowledge-generator.js';
import {
  buildKnowledgeIndex,
  deadShare,
  removeKnowledgeDoc,
  searchKnowledge,
  textPairs,
  upsertKnowledgeDoc,
} from './knowledge-search.js';
import type { KnowledgeDoc } from './knowledge-search.js';

const base = {
  area: null,
  ownerUnitId: 203,
  keywords: [] as string[],
  validFrom: '2025-01-01',
  validTo: null,
  reviewBy: '2025-12-31',
  version: 1,
};

const DOCS: KnowledgeDoc[] = [
  {
    ...base,
    entryId: 1,
    question: '社保卡丢失如何补办？',
    answer: '携带身份证到社保经办窗口申请补办，费用20元，10个工作日制卡完成。',
    category: '社保',
  },
  {
    ...base,
    entryId: 2,
    question: '供暖费怎么缴纳？',
    answer: '可到供热服务站窗口缴纳，也可在供热公司公众号在线缴费。',
    category: '供暖',
    keywords: ['暖气费', '取暖费'],
  },
  {
    ...base,
    entryId: 3,
    question: '暖气不热怎么报修？',
    answer: '拨打供热公司24小时热线报修，工作人员24小时内上门检测室温。',
    category: '供暖',
  },
  {
    ...base,
    entryId: 4,
    question: '城北街道便民服务大厅几点上班？',
    answer: '城北街道便民服务大厅工作时间为周一至周五9:00至17:00。',
    category: '政务服务',
    area: '城北街道',
  },
  {
    ...base,
    entryId: 5,
    question: '回龙观街道便民服务大厅几点上班？',
    answer: '回龙观街道便民服务大厅工作时间为周一至周六8:30至17:30。',
    category: '政务服务',
    area: '回龙观街道',
  },
  {
    ...base,
    entryId: 6,
    question: '2024年供暖补贴怎么申请？',
    answer: '2024年供暖季补贴已于去年底结束申请。',
    category: '供暖',
    validTo: '2024-12-31',
    validFrom: '2024-01-01',
  },
];

const ids = (hits: { entryId: number }[]) => hits.map((h) => h.entryId);

describe('textPairs', () => {
  it('makes pairs of neighbouring word characters, broken by punctuation, full-width folded', () => {
    const pairs = textPairs('社保卡，ＡＢ');
    const code = (s: string) => (s.charCodeAt(0) * 65536 + s.charCodeAt(1)) as number;
    expect(pairs).toEqual([code('社保'), code('保卡'), code('ab')]);
  });
});

describe('searchKnowledge', () => {
  const index = buildKnowledgeIndex(DOCS);

  it('finds the entry for what a caller says in their own words', () => {
    const hits = searchKnowledge(index, { text: '我的社保卡丢了，想问一下怎么补办', date: '2025-03-01' });
    expect(hits[0]?.entryId).toBe(1);
    // 社保卡丢 and 补办: the spans of the question the caller's words cover.
    expect(hits[0]?.highlights).toEqual([
      [0, 4],
      [7, 9],
    ]);
  });

  it('matches a half-typed query and a keyword the question lacks', () => {
    expect(searchKnowledge(index, { text: '暖气', date: '2025-03-01' }).map((h) => h.entryId)).toContain(3);
    expect(searchKnowledge(index, { text: '取暖费', date: '2025-03-01' })[0]?.entryId).toBe(2);
  });

  it('leaves out entries of another street and lifts the call’s own street', () => {
    const hits = searchKnowledge(index, {
      text: '便民服务大厅几点上班',
      date: '2025-03-01',
      area: '城北街道',
    });
    expect(ids(hits)).toEqual([4]);
    expect(hits[0]?.areaMatch).toBe(true);
    expect(ids(searchKnowledge(index, { text: '便民服务大厅几点上班', date: '2025-03-01' }))).toEqual([4, 5]);
  });

  it('lifts the chosen category over a closer wording in another', () => {
    const plain = searchKnowledge(index, { text: '暖气费 怎么报修', date: '2025-03-01' });
    const chosen = searchKnowledge(index, { text: '暖气费 怎么报修', date: '2025-03-01', category: '供暖' });
    expect(chosen.every((h) => h.category === '供暖')).toBe(true);
    expect(chosen[0]?.categoryMatch).toBe(true);
    expect(plain.length).toBeGreaterThan(0);
  });

  it('returns nothing out of force on the day', () => {
    expect(ids(searchKnowledge(index, { text: '供暖补贴怎么申请', date: '2025-03-01' }))).not.toContain(6);
    expect(ids(searchKnowledge(index, { text: '供暖补贴怎么申请', date: '2024-06-01' }))[0]).toBe(6);
  });

  it('needs two shared pairs, so one stray pair finds nothing', () => {
    expect(searchKnowledge(index, { text: '怎么样才能去公园', date: '2025-03-01' })).toEqual([]);
    expect(searchKnowledge(index, { text: '', date: '2025-03-01' })).toEqual([]);
  });

  it('takes an entry in and out without a rebuild', () => {
    const local = buildKnowledgeIndex(DOCS);
    upsertKnowledgeDoc(local, {
      ...base,
      entryId: 7,
      question: '共享单车乱停放找谁？',
      answer: '请拨打运营企业客服电话，企业30分钟内清理。',
      category: '停车',
    });
    expect(searchKnowledge(local, { text: '共享单车乱停放', date: '2025-03-01' })[0]?.entryId).toBe(7);
    upsertKnowledgeDoc(local, { ...DOCS[0]!, version: 2, question: '社保卡丢失怎样挂失补办？' });
    const hits = searchKnowledge(local, { text: '社保卡挂失', date: '2025-03-01' });
    expect(hits.map((h) => [h.entryId, h.version])).toEqual([[1, 2]]);
    removeKnowledgeDoc(local, 7);
    expect(searchKnowledge(local, { text: '共享单车乱停放', date: '2025-03-01' })).toEqual([]);
    expect(deadShare(local)).toBeCloseTo(2 / 8, 6);
  });

  it('prunes without changing the best five: the same as scoring every entry', () => {
    const docs = [
      ...generateKnowledgeContents({
        seed: 5,
        count: 4000,
        categories: ['供暖', '物业', '道路'],
        areas: ['城北街道', '南口镇'],
        unitIds: [101],
      }),
    ].map((c, i): KnowledgeDoc => ({ ...c, entryId: i + 1, version: 1 }));
    const generated = buildKnowledgeIndex(docs);
    for (const doc of docs.slice(0, 60)) {
      const query = {
        text: doc.question,
        date: '2024-06-01',
        area: doc.area ?? undefined,
        category: doc.category,
      };
      // A limit of every entry never prunes: its first five are the exact best five.
      const all = searchKnowledge(generated, { ...query, limit: docs.length }).slice(0, 5);
      const pruned = searchKnowledge(generated, query);
      expect(pruned.map((h) => h.score)).toEqual(all.map((h) => h.score));
    }
  });

  it('finds each of 3,000 generated entries by its own question among the first three', () => {
    const docs = [
      ...generateKnowledgeContents({
        seed: 11,
        count: 3000,
        categories: ['供暖', '供水', '物业', '停车', '垃圾', '道路', '教育'],
        areas: ['城北街道', '城南街道', '回龙观街道', '南口镇'],
        unitIds: [101, 102, 203],
      }),
    ].map((c, i): KnowledgeDoc => ({ ...c, entryId: i + 1, version: 1 }));
    const generated = buildKnowledgeIndex(docs);
    let found = 0;
    for (const doc of docs.slice(0, 300)) {
      const hits = searchKnowledge(generated, {
        text: doc.question,
        date: '2024-06-01',
        area: doc.area ?? undefined,
        limit: 3,
      });
      // Generated questions repeat (same subject, aspect and street): any equal question counts.
      if (hits.some((h) => h.question === doc.question)) found++;
    }
    expect(found).toBeGreaterThanOrEqual(297);
  });
});
