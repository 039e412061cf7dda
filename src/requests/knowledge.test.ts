import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.js';
import {
  confirmKnowledgeEntry,
  createKnowledgeEntry,
  decideKnowledgeEntry,
  deriveDirectAnswer,
  findVersionInForce,
  listKnowledgeProblems,
  listKnowledgeUpkeep,
  moveKnowledgeOwner,
  proposeReviewDate,
  retireKnowledgeEntry,
  reviseKnowledgeEntry,
  submitKnowledgeEntry,
} from './knowledge.js';
import type { KnowledgeContent, KnowledgeContext, KnowledgeEntry } from './knowledge.js';
import type { RequestActor } from './types.js';

const unitUser: RequestActor = { userId: 21, role: 'unit', unitIds: [203] };
const otherUnit: RequestActor = { userId: 22, role: 'unit', unitIds: [204] };
const approver: RequestActor = { userId: 1, role: 'center', unitIds: [] };
const ctx: KnowledgeContext = {
  categories: ['供暖', '供水', '积水'],
  areas: ['回龙观街道', '城北街道'],
  unitIds: [203, 204],
};
const NOW = '2025-03-03T02:00:00.000Z'; // Mon 10:00 Beijing

const content: KnowledgeContent = {
  question: '居民供暖费怎么缴纳？',
  answer: '可到各供热服务站窗口缴纳，也可通过供热公司微信公众号在线缴费，工作时间为周一至周五9:00至17:00。',
  category: '供暖',
  area: null,
  ownerUnitId: 203,
  source: '《供热采暖管理办法》',
  validFrom: '2025-01-01',
  validTo: null,
  reviewBy: '2025-06-30',
  keywords: ['暖气费', ' 取暖费 '],
};

function errorOf(fn: () => unknown): AppError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
}

/** An entry with version 1 approved by the centre. */
function approved(draft: Partial<KnowledgeContent> = {}, now = NOW): KnowledgeEntry {
  const editor = draft.ownerUnitId === 204 ? otherUnit : unitUser;
  const created = createKnowledgeEntry(7, { ...content, ...draft }, editor, ctx, now);
  return decideKnowledgeEntry(submitKnowledgeEntry(created, editor, now), { approve: true }, approver, now);
}

describe('listKnowledgeProblems', () => {
  it('names every bad field of a draft with its path', () => {
    const problems = listKnowledgeProblems(
      {
        ...content,
        question: ' ',
        answer: '太短',
        category: '不存在',
        area: '别处街道',
        ownerUnitId: 999,
        source: '',
        validFrom: '2025-02-30',
        validTo: '2024-12-31',
        reviewBy: '2025-03-01',
        keywords: ['', 'x'.repeat(31)],
      },
      ctx,
      '2025-03-03',
    );
    expect(problems.map((p) => p.path)).toEqual([
      'question',
      'answer',
      'category',
      'area',
      'ownerUnitId',
      'source',
      'validFrom',
      'reviewBy',
      'keywords.0',
      'keywords.1',
    ]);
    expect(problems.find((p) => p.path === 'category')?.message).toBe('派单目录中没有分类「不存在」');
  });

  it('refuses a lapse before the start and a review more than a year ahead', () => {
    const problems = listKnowledgeProblems(
      { ...content, validTo: '2024-12-31', reviewBy: '2026-06-01' },
      ctx,
      '2025-03-03',
    );
    expect(problems).toEqual([
      { path: 'validTo', message: '失效日期不能早于生效日期' },
      { path: 'reviewBy', message: '复核日期不能晚于366天之后' },
    ]);
  });

  it('accepts a complete draft', () => {
    expect(listKnowledgeProblems(content, ctx, '2025-03-03')).toEqual([]);
  });
});

describe('knowledge entry versions and approval', () => {
  it('creates a draft with trimmed, unique keywords and refuses another unit’s entry', () => {
    const entry = createKnowledgeEntry(7, content, unitUser, ctx, NOW);
    expect(entry.versions).toHaveLength(1);
    expect(entry.versions[0]).toMatchObject({ version: 1, status: 'draft', editedBy: 21, decision: null });
    expect(entry.versions[0]?.keywords).toEqual(['暖气费', '取暖费']);
    const error = errorOf(() => createKnowledgeEntry(8, content, otherUnit, ctx, NOW));
    expect(error.code).toBe('FORBIDDEN');
  });

  it('reaches operators only once the centre approves, never by the editor themselves', () => {
    const draft = submitKnowledgeEntry(createKnowledgeEntry(7, content, approver, ctx, NOW), approver, NOW);
    expect(findVersionInForce(draft, '2025-03-03')).toBeUndefined();
    expect(errorOf(() => decideKnowledgeEntry(draft, { approve: true }, approver, NOW)).message).toBe(
      '不能审核自己编辑的版本',
    );
    expect(errorOf(() => decideKnowledgeEntry(draft, { approve: true }, unitUser, NOW)).code).toBe(
      'FORBIDDEN',
    );
    const decided = decideKnowledgeEntry(draft, { approve: true }, { ...approver, userId: 2 }, NOW);
    expect(findVersionInForce(decided, '2025-03-03')?.version).toBe(1);
  });

  it('sends a rejected version back with the note, and the next edit is a new version', () => {
    const pending = submitKnowledgeEntry(createKnowledgeEntry(7, content, unitUser, ctx, NOW), unitUser, NOW);
    expect(errorOf(() => decideKnowledgeEntry(pending, { approve: false }, approver, NOW)).code).toBe(
      'BAD_INPUT',
    );
    expect(errorOf(() => reviseKnowledgeEntry(pending, content, unitUser, ctx, NOW)).code).toBe('CONFLICT');
    const rejected = decideKnowledgeEntry(pending, { approve: false, note: '请注明收费标准' }, approver, NOW);
    expect(rejected.versions[0]?.status).toBe('rejected');
    const revised = reviseKnowledgeEntry(
      rejected,
      { ...content, answer: `${content.answer}标准为每平方米30元。` },
      unitUser,
      ctx,
      NOW,
    );
    expect(revised.versions.map((v) => [v.version, v.status])).toEqual([
      [1, 'rejected'],
      [2, 'draft'],
    ]);
  });

  it('replaces an open draft instead of stacking drafts', () => {
    const entry = createKnowledgeEntry(7, content, unitUser, ctx, NOW);
    const again = reviseKnowledgeEntry(entry, { ...content, question: '供暖费在哪交？' }, unitUser, ctx, NOW);
    expect(again.versions).toHaveLength(1);
    expect(again.versions[0]?.question).toBe('供暖费在哪交？');
  });

  it('lets only the centre move an entry to another unit', () => {
    const entry = approved();
    const moved = { ...content, ownerUnitId: 204 };
    expect(errorOf(() => reviseKnowledgeEntry(entry, moved, unitUser, ctx, NOW)).code).toBe('FORBIDDEN');
    expect(reviseKnowledgeEntry(entry, moved, approver, ctx, NOW).versions[1]?.ownerUnitId).toBe(204);
  });

  it('keeps a version in force until a later approved one starts, and none once it lapses', () => {
    const v1 = approved();
    const v2draft = reviseKnowledgeEntry(
      v1,
      {
        ...content,
        answer: `${content.answer}自4月起收费标准调整。`,
        validFrom: '2025-04-01',
        validTo: '2025-12-31',
      },
      unitUser,
      ctx,
      NOW,
    );
    const v2 = decideKnowledgeEntry(
      submitKnowledgeEntry(v2draft, unitUser, NOW),
      { approve: true },
      approver,
      NOW,
    );
    expect(findVersionInForce(v2, '2025-03-31')?.version).toBe(1);
    expect(findVersionInForce(v2, '2025-04-01')?.version).toBe(2);
    expect(findVersionInForce(v2, '2026-01-01')).toBeUndefined();
    expect(findVersionInForce(v2, '2024-12-31')).toBeUndefined();
  });

  it('confirms a review as a new approved version with the same content and a later review date', () => {
    const entry = approved();
    const confirmed = confirmKnowledgeEntry(entry, '2025-12-31', unitUser, ctx, '2025-07-01T02:00:00Z');
    const live = findVersionInForce(confirmed, '2025-07-01');
    expect(live).toMatchObject({ version: 2, status: 'approved', confirms: 1, reviewBy: '2025-12-31' });
    expect(live?.answer).toBe(content.answer);
    const withDraft = reviseKnowledgeEntry(entry, content, unitUser, ctx, NOW);
    expect(errorOf(() => confirmKnowledgeEntry(withDraft, '2025-12-31', unitUser, ctx, NOW)).code).toBe(
      'CONFLICT',
    );
  });

  it('withdraws a retired entry from operators from that day, with its reason kept', () => {
    const retired = retireKnowledgeEntry(approved(), '政策已废止', unitUser, '2025-05-01T02:00:00Z');
    expect(retired.retired).toEqual({ at: '2025-05-01T02:00:00.000Z', by: 21, reason: '政策已废止' });
    expect(findVersionInForce(retired, '2025-04-30')?.version).toBe(1);
    expect(findVersionInForce(retired, '2025-05-01')).toBeUndefined();
    expect(errorOf(() => reviseKnowledgeEntry(retired, content, unitUser, ctx, NOW)).code).toBe('CONFLICT');
    expect(errorOf(() => retireKnowledgeEntry(approved(), ' ', unitUser, NOW)).code).toBe('BAD_INPUT');
  });
});

describe('listKnowledgeUpkeep', () => {
  it('flags stale entries to their unit, most overdue first, with lapsing, waiting and returned ones', () => {
    const stale = { ...approved({ reviewBy: '2025-04-01' }), id: 1 };
    const staler = { ...approved({ reviewBy: '2025-03-10' }), id: 2 };
    const lapsing = { ...approved({ validTo: '2025-05-10', reviewBy: '2025-09-01' }), id: 3 };
    const waiting = {
      ...submitKnowledgeEntry(createKnowledgeEntry(4, content, unitUser, ctx, NOW), unitUser, NOW),
      id: 4,
    };
    const returned = {
      ...decideKnowledgeEntry(waiting, { approve: false, note: '来源不清' }, approver, NOW),
      id: 5,
    };
    const elsewhere = { ...approved({ ownerUnitId: 204, reviewBy: '2025-03-20' }), id: 6 };
    const items = listKnowledgeUpkeep([stale, staler, lapsing, waiting, returned, elsewhere], '2025-05-01', {
      unitId: 203,
    });
    expect(items.map((i) => [i.entryId, i.kind, i.days])).toEqual([
      [2, 'stale', 52],
      [1, 'stale', 30],
      [5, 'rejected', 59],
      [3, 'expiring', 9],
      [4, 'pending', 59],
    ]);
    expect(items[0]?.message).toBe('复核日期 2025-03-10 已过52天，请复核确认或修改');
    expect(items[2]?.message).toBe('中心退回：来源不清');
    expect(listKnowledgeUpkeep([elsewhere], '2025-05-01').map((i) => i.ownerUnitId)).toEqual([204]);
  });

  it('says nothing of a fresh entry or a retired one', () => {
    const fresh = approved({ reviewBy: '2025-09-01' });
    const retired = retireKnowledgeEntry(approved({ reviewBy: '2025-03-10' }), '合并', unitUser, NOW);
    expect(listKnowledgeUpkeep([fresh, retired], '2025-05-01')).toEqual([]);
  });
});

describe('deriveDirectAnswer', () => {
  it('answers from the version in force, with its owner unit, or the words the operator said', () => {
    const entry = approved();
    expect(deriveDirectAnswer(entry, { area: '回龙观街道' }, NOW)).toEqual({
      type: 'answered_directly',
      entryId: 7,
      entryVersion: 1,
      unitId: 203,
      text: content.answer,
    });
    expect(deriveDirectAnswer(entry, { area: '回龙观街道' }, NOW, ' 已告知缴费渠道 ').text).toBe(
      '已告知缴费渠道',
    );
  });

  it('refuses an entry of another street or out of force', () => {
    const local = approved({ area: '城北街道' });
    expect(errorOf(() => deriveDirectAnswer(local, { area: '回龙观街道' }, NOW)).message).toBe(
      '该条目只适用于城北街道，与诉求地点不符',
    );
    const later = approved({ validFrom: '2025-04-01' });
    expect(errorOf(() => deriveDirectAnswer(later, { area: '城北街道' }, NOW)).code).toBe('CONFLICT');
  });
});

describe('proposeReviewDate', () => {
  it('proposes half a year ahead by default', () => {
    expect(proposeReviewDate('2025-03-03')).toBe('2025-08-30');
    expect(proposeReviewDate('2025-03-03', 30)).toBe('2025-04-02');
  });
});

describe('moveKnowledgeOwner', () => {
  it('hands every version of a merged unit to its successor', () => {
    const moved = moveKnowledgeOwner(approved(), 203, 204);
    expect(moved.versions.map((v) => v.ownerUnitId)).toEqual([204]);
    expect(moveKnowledgeOwner(approved(), 101, 204).versions.map((v) => v.ownerUnitId)).toEqual([203]);
  });
});
