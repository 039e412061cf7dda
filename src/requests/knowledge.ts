/**
 * The knowledge base (知识库, issue 20): what a unit tells the 12345 centre so an operator can
 * answer a call on the spot (直接答复) instead of dispatching it. Each entry belongs to a unit,
 * has versions, and a version reaches operators only after the centre approves it (an
 * approver never approves their own edit). The owner unit reviews each entry by its review date;
 * past that date the entry is stale and flagged to the unit.
 *
 * Plain JSON in, plain JSON out: the store keeps entries as they come back, the search index
 * (knowledge-search.ts) is built from the versions in force.
 */
import { KNOWLEDGE_VERSION_STATUSES } from '../contract/constants.js';
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import { beijingDate } from './calendar.js';
import type { OrderEventInput, RequestActor } from './types.js';

/** What an entry says; every version carries all of it. */
export interface KnowledgeContent {
  /** The question as a citizen asks it (标准问题). */
  question: string;
  /** The answer an operator reads or inserts (标准答案). */
  answer: string;
  /** A category of the dispatch catalogue. */
  category: string;
  /** The street or town it is about; null for the whole jurisdiction. */
  area: string | null;
  /** The unit that keeps the entry and answers for it. */
  ownerUnitId: number;
  /** The document the answer rests on (文件名、文号 or web page). */
  source: string;
  /** First day (YYYY-MM-DD, Beijing) the answer holds. */
  validFrom: string;
  /** Last day it holds; null while the policy has no end. */
  validTo: string | null;
  /** The day by which the owner unit must confirm or revise it (复核日期). */
  reviewBy: string;
  /** Extra words a caller may use (别称、俗称), searched like the question. */
  keywords: string[];
}

/** The statuses live in the API's vocabulary (src/contract/constants.ts). */
export { KNOWLEDGE_VERSION_STATUSES };
export type KnowledgeVersionStatus = (typeof KNOWLEDGE_VERSION_STATUSES)[number];

export interface KnowledgeVersion extends KnowledgeContent {
  version: number;
  status: KnowledgeVersionStatus;
  editedBy: number | null;
  editedAt: string;
  submittedAt: string | null;
  /** Who approved or rejected it, when and why; null while undecided. */
  decision: { by: number | null; at: string; note: string } | null;
  /** Set on a version that only confirms the one before (复核确认): same content, new review date. */
  confirms: number | null;
}

export interface KnowledgeEntry {
  id: number;
  /** Oldest first; none is removed. */
  versions: KnowledgeVersion[];
  /** Set when the entry was withdrawn (停用): it no longer reaches operators. */
  retired: { at: string; by: number | null; reason: string } | null;
}

/** What the checks of a draft need to know of the deployment. */
export interface KnowledgeContext {
  categories: readonly string[];
  areas: readonly string[];
  unitIds: readonly number[];
  /** The latest review date allowed, in days after today (default 366). */
  maxReviewDays?: number;
}

export const KNOWLEDGE_LIMITS = {
  question: 200,
  answer: 4000,
  minAnswer: 10,
  source: 300,
  keywords: 20,
  keyword: 30,
} as const;

const ISO_DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DAY_MS = 86_400_000;

/** A real calendar day: 2025-02-30 matches the pattern but is no day. */
const isDate = (value: unknown): value is string =>
  typeof value === 'string' &&
  ISO_DATE.test(value) &&
  new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) === value;

/** Days from `from` to `to` (YYYY-MM-DD), negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/**
 * Every problem of an entry's content, each with its field path; empty when it may be saved.
 * The review date must lie after `today` and at most `maxReviewDays` ahead, so no entry goes a
 * year without a look.
 * @example
 * listKnowledgeProblems({ ...content, category: '不存在' }, ctx, '2025-03-01') // [{ path: 'category', … }]
 */
export function listKnowledgeProblems(
  content: KnowledgeContent,
  ctx: KnowledgeContext,
  today: string,
): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const need = (ok: boolean, path: string, message: string) => {
    if (!ok) problems.push({ path, message });
  };
  const question = content.question.trim();
  need(question.length > 0, 'question', '请填写问题');
  need(question.length <= KNOWLEDGE_LIMITS.question, 'question', `问题不超过${KNOWLEDGE_LIMITS.question}字`);
  const answer = content.answer.trim();
  need(answer.length >= KNOWLEDGE_LIMITS.minAnswer, 'answer', `答案不少于${KNOWLEDGE_LIMITS.minAnswer}字`);
  need(answer.length <= KNOWLEDGE_LIMITS.answer, 'answer', `答案不超过${KNOWLEDGE_LIMITS.answer}字`);
  need(ctx.categories.includes(content.category), 'category', `派单目录中没有分类「${content.category}」`);
  need(
    content.area === null || ctx.areas.includes(content.area),
    'area',
    `辖区内没有街道（乡镇）「${content.area ?? ''}」`,
  );
  need(ctx.unitIds.includes(content.ownerUnitId), 'ownerUnitId', '所属单位不存在');
  const source = content.source.trim();
  need(source.length > 0, 'source', '请注明答案依据的文件或来源');
  need(source.length <= KNOWLEDGE_LIMITS.source, 'source', `来源不超过${KNOWLEDGE_LIMITS.source}字`);
  need(isDate(content.validFrom), 'validFrom', '生效日期应为 YYYY-MM-DD');
  need(content.validTo === null || isDate(content.validTo), 'validTo', '失效日期应为 YYYY-MM-DD');
  if (isDate(content.validFrom) && content.validTo !== null && isDate(content.validTo)) {
    need(content.validTo >= content.validFrom, 'validTo', '失效日期不能早于生效日期');
  }
  if (!isDate(content.reviewBy)) problems.push({ path: 'reviewBy', message: '复核日期应为 YYYY-MM-DD' });
  else {
    const max = ctx.maxReviewDays ?? 366;
    need(content.reviewBy > today, 'reviewBy', '复核日期应晚于今天');
    need(daysBetween(today, content.reviewBy) <= max, 'reviewBy', `复核日期不能晚于${max}天之后`);
  }
  need(
    content.keywords.length <= KNOWLEDGE_LIMITS.keywords,
    'keywords',
    `关键词不超过${KNOWLEDGE_LIMITS.keywords}个`,
  );
  content.keywords.forEach((word, i) => {
    const w = word.trim();
    need(w.length > 0 && w.length <= KNOWLEDGE_LIMITS.keyword, `keywords.${i}`, '关键词为1至30字');
  });
  return problems;
}

function clean(content: KnowledgeContent): KnowledgeContent {
  return {
    question: content.question.trim(),
    answer: content.answer.trim(),
    category: content.category,
    area: content.area,
    ownerUnitId: content.ownerUnitId,
    source: content.source.trim(),
    validFrom: content.validFrom,
    validTo: content.validTo,
    reviewBy: content.reviewBy,
    keywords: [...new Set(content.keywords.map((w) => w.trim()))],
  };
}

function refuse(code: 'CONFLICT' | 'FORBIDDEN' | 'BAD_INPUT', message: string, path = 'entry'): never {
  throw new AppError(code, message, [{ path, message }]);
}

function assertValid(content: KnowledgeContent, ctx: KnowledgeContext, now: string): void {
  const problems = listKnowledgeProblems(content, ctx, beijingDate(now));
  if (problems.length > 0) throw new AppError('BAD_INPUT', '知识条目填写有误', problems);
}

/** The centre edits any entry; a unit user only its own units' entries. */
function assertMayEdit(actor: RequestActor, ownerUnitId: number): void {
  if (actor.role === 'center' || actor.role === 'system') return;
  if (actor.role === 'unit' && actor.unitIds.includes(ownerUnitId)) return;
  refuse('FORBIDDEN', '只能维护本单位的知识条目', 'ownerUnitId');
}

const latest = (entry: KnowledgeEntry): KnowledgeVersion => {
  const last = entry.versions.at(-1);
  if (!last) return refuse('BAD_INPUT', '知识条目没有任何版本', 'versions');
  return last;
};

function draftVersion(content: KnowledgeContent, version: number, actor: RequestActor, at: string) {
  return {
    ...clean(content),
    version,
    status: 'draft' as const,
    editedBy: actor.userId,
    editedAt: at,
    submittedAt: null,
    decision: null,
    confirms: null,
  };
}

/**
 * A new entry with its first version as a draft. Throws BAD_INPUT with every problem, FORBIDDEN
 * when a unit user writes for another unit.
 * @example
 * createKnowledgeEntry(7, content, unitActor, ctx, '2025-03-01T02:00:00Z').versions[0]?.status // 'draft'
 */
export function createKnowledgeEntry(
  id: number,
  content: KnowledgeContent,
  actor: RequestActor,
  ctx: KnowledgeContext,
  now: string,
): KnowledgeEntry {
  assertMayEdit(actor, content.ownerUnitId);
  assertValid(content, ctx, now);
  return { id, versions: [draftVersion(content, 1, actor, new Date(now).toISOString())], retired: null };
}

/**
 * The entry with a new draft version (or the open draft replaced). A version waiting for
 * approval must be decided first (CONFLICT); a retired entry takes no edits. Moving an entry to
 * another unit is the centre's to do.
 */
export function reviseKnowledgeEntry(
  entry: KnowledgeEntry,
  content: KnowledgeContent,
  actor: RequestActor,
  ctx: KnowledgeContext,
  now: string,
): KnowledgeEntry {
  if (entry.retired) refuse('CONFLICT', '该条目已停用');
  const last = latest(entry);
  assertMayEdit(actor, last.ownerUnitId);
  if (content.ownerUnitId !== last.ownerUnitId && actor.role !== 'center')
    refuse('FORBIDDEN', '只有12345中心可以更改条目的所属单位', 'ownerUnitId');
  if (last.status === 'pending') refuse('CONFLICT', '有待审核的版本，审核后才能再修改');
  assertValid(content, ctx, now);
  const at = new Date(now).toISOString();
  if (last.status === 'draft') {
    return {
      ...entry,
      versions: [...entry.versions.slice(0, -1), draftVersion(content, last.version, actor, at)],
    };
  }
  return { ...entry, versions: [...entry.versions, draftVersion(content, last.version + 1, actor, at)] };
}

/** The entry with its draft sent for approval. CONFLICT when there is no draft. */
export function submitKnowledgeEntry(
  entry: KnowledgeEntry,
  actor: RequestActor,
  now: string,
): KnowledgeEntry {
  if (entry.retired) refuse('CONFLICT', '该条目已停用');
  const last = latest(entry);
  assertMayEdit(actor, last.ownerUnitId);
  if (last.status !== 'draft') refuse('CONFLICT', '没有待提交的草稿');
  const submitted = { ...last, status: 'pending' as const, submittedAt: new Date(now).toISOString() };
  return { ...entry, versions: [...entry.versions.slice(0, -1), submitted] };
}

/**
 * The centre's decision on the version waiting for approval. Only the centre decides, never on
 * its own edit (四眼原则); a rejection needs a note the unit reads. CONFLICT when nothing waits.
 */
export function decideKnowledgeEntry(
  entry: KnowledgeEntry,
  decision: { approve: boolean; note?: string },
  actor: RequestActor,
  now: string,
): KnowledgeEntry {
  if (actor.role !== 'center') refuse('FORBIDDEN', '只有12345中心可以审核知识条目');
  const last = latest(entry);
  if (last.status !== 'pending') refuse('CONFLICT', '没有待审核的版本');
  if (actor.userId !== null && last.editedBy === actor.userId)
    refuse('FORBIDDEN', '不能审核自己编辑的版本', 'decision');
  const note = decision.note?.trim() ?? '';
  if (!decision.approve && !note) refuse('BAD_INPUT', '退回时请写明理由', 'note');
  const decided: KnowledgeVersion = {
    ...last,
    status: decision.approve ? 'approved' : 'rejected',
    decision: { by: actor.userId, at: new Date(now).toISOString(), note },
  };
  return { ...entry, versions: [...entry.versions.slice(0, -1), decided] };
}

/**
 * 复核确认: the owner unit confirms the approved version still holds and sets the next review
 * date. The content is unchanged, so the new version is approved at once (it names the version
 * it confirms). CONFLICT when a draft or a pending version is open, or nothing was approved.
 */
export function confirmKnowledgeEntry(
  entry: KnowledgeEntry,
  nextReviewBy: string,
  actor: RequestActor,
  ctx: KnowledgeContext,
  now: string,
): KnowledgeEntry {
  if (entry.retired) refuse('CONFLICT', '该条目已停用');
  const last = latest(entry);
  assertMayEdit(actor, last.ownerUnitId);
  if (last.status === 'draft' || last.status === 'pending')
    refuse('CONFLICT', '有未审核的修改，请先提交审核');
  const approved = entry.versions.findLast((v) => v.status === 'approved');
  if (!approved) return refuse('CONFLICT', '条目尚无审核通过的版本');
  const content = { ...approved, reviewBy: nextReviewBy };
  assertValid(content, ctx, now);
  const at = new Date(now).toISOString();
  const version: KnowledgeVersion = {
    ...clean(content),
    version: last.version + 1,
    status: 'approved',
    editedBy: actor.userId,
    editedAt: at,
    submittedAt: at,
    decision: { by: actor.userId, at, note: '复核确认，内容未变' },
    confirms: approved.version,
  };
  return { ...entry, versions: [...entry.versions, version] };
}

/** The entry withdrawn (停用) with its reason; it stays for the record and its history. */
export function retireKnowledgeEntry(
  entry: KnowledgeEntry,
  reason: string,
  actor: RequestActor,
  now: string,
): KnowledgeEntry {
  assertMayEdit(actor, latest(entry).ownerUnitId);
  if (entry.retired) refuse('CONFLICT', '该条目已停用');
  if (!reason.trim()) refuse('BAD_INPUT', '请说明停用理由', 'reason');
  return { ...entry, retired: { at: new Date(now).toISOString(), by: actor.userId, reason: reason.trim() } };
}

/**
 * The version operators read on `date` (YYYY-MM-DD): the last approved version whose validFrom
 * has come — an approved version that starts later leaves the one before in force until then —
 * unless it has lapsed (validTo passed) or the entry was retired. Undefined when none.
 * @example
 * findVersionInForce(entry, '2025-03-01')?.version // 2
 */
export function findVersionInForce(entry: KnowledgeEntry, date: string): KnowledgeVersion | undefined {
  if (entry.retired && beijingDate(entry.retired.at) <= date) return undefined;
  const found = entry.versions.findLast((v) => v.status === 'approved' && v.validFrom <= date);
  if (!found || (found.validTo !== null && found.validTo < date)) return undefined;
  return found;
}

export type KnowledgeUpkeepKind = 'stale' | 'expiring' | 'pending' | 'rejected';

/** One item of a unit's upkeep list (知识库维护提醒). */
export interface KnowledgeUpkeepItem {
  entryId: number;
  version: number;
  ownerUnitId: number;
  question: string;
  kind: KnowledgeUpkeepKind;
  /** stale: days past the review date; expiring: days left; pending/rejected: days waiting. */
  days: number;
  message: string;
}

/**
 * What each unit owes its knowledge base on `today`: entries in force past their review date
 * (stale, flagged to the unit), entries lapsing within `expiringDays` (default 30), versions
 * waiting for the centre, and versions the centre sent back. Most urgent first; pass `unitId`
 * for one unit's list.
 * @example
 * listKnowledgeUpkeep(entries, '2025-06-01').filter((i) => i.kind === 'stale')
 */
export function listKnowledgeUpkeep(
  entries: Iterable<KnowledgeEntry>,
  today: string,
  options: { unitId?: number; expiringDays?: number } = {},
): KnowledgeUpkeepItem[] {
  const expiringDays = options.expiringDays ?? 30;
  const items: KnowledgeUpkeepItem[] = [];
  for (const entry of entries) {
    if (entry.retired) continue;
    const last = entry.versions.at(-1);
    if (!last || (options.unitId !== undefined && last.ownerUnitId !== options.unitId)) continue;
    const base = { entryId: entry.id, ownerUnitId: last.ownerUnitId, question: last.question };
    if (last.status === 'pending' && last.submittedAt) {
      const days = daysBetween(beijingDate(last.submittedAt), today);
      items.push({
        ...base,
        version: last.version,
        kind: 'pending',
        days,
        message: `已提交${days}天，待中心审核`,
      });
    } else if (last.status === 'rejected' && last.decision) {
      const days = daysBetween(beijingDate(last.decision.at), today);
      const message = `中心退回：${last.decision.note}`;
      items.push({ ...base, version: last.version, kind: 'rejected', days, message });
    }
    const live = findVersionInForce(entry, today);
    if (!live) continue;
    if (live.reviewBy < today) {
      const days = daysBetween(live.reviewBy, today);
      const message = `复核日期 ${live.reviewBy} 已过${days}天，请复核确认或修改`;
      items.push({ ...base, version: live.version, kind: 'stale', days, message });
    }
    if (live.validTo !== null && daysBetween(today, live.validTo) <= expiringDays) {
      const days = daysBetween(today, live.validTo);
      const message = `将于 ${live.validTo} 失效（还有${days}天），如政策延续请修改失效日期`;
      items.push({ ...base, version: live.version, kind: 'expiring', days, message });
    }
  }
  const urgency: Record<KnowledgeUpkeepKind, number> = { stale: 0, rejected: 1, expiring: 2, pending: 3 };
  return items.sort(
    (a, b) =>
      urgency[a.kind] - urgency[b.kind] ||
      (a.kind === 'expiring' ? a.days - b.days : b.days - a.days) ||
      a.entryId - b.entryId,
  );
}

/**
 * The event that closes an order as 直接答复 from an entry: the operator answered the call from
 * the knowledge base, no unit is dispatched. The entry must be in force on the day and fit the
 * order's place (an entry of another street does not answer); `text` is the answer as read,
 * the entry's own when omitted. Throws CONFLICT otherwise.
 * @example
 * deriveDirectAnswer(entry, { area: '回龙观街道' }, '2025-03-01T02:00:00Z') // { type: 'answered_directly', entryId: 7, … }
 */
export function deriveDirectAnswer(
  entry: KnowledgeEntry,
  order: { area: string },
  now: string,
  text?: string,
): Extract<OrderEventInput, { type: 'answered_directly' }> {
  const live = findVersionInForce(entry, beijingDate(now));
  if (!live) return refuse('CONFLICT', '该知识条目今天不在有效期内，不能据此答复', 'entryId');
  if (live.area !== null && live.area !== order.area)
    refuse('CONFLICT', `该条目只适用于${live.area}，与诉求地点不符`, 'entryId');
  const answer = (text ?? live.answer).trim();
  if (!answer) refuse('BAD_INPUT', '答复内容不能为空', 'text');
  return {
    type: 'answered_directly',
    entryId: entry.id,
    entryVersion: live.version,
    unitId: live.ownerUnitId,
    text: answer,
  };
}

/** The review date `days` after `today`: what a form proposes for a new or confirmed entry. */
export function proposeReviewDate(today: string, days = 180): string {
  return addDays(today, days);
}

/**
 * 职责划转 of a unit merged away (机构改革): every version it owned names its successor, so
 * the successor keeps the entry up and its history reads as one. Other owners stay.
 * @example moveKnowledgeOwner(entry, 203, 204).versions.every((v) => v.ownerUnitId === 204) // true
 */
export function moveKnowledgeOwner(entry: KnowledgeEntry, from: number, to: number): KnowledgeEntry {
  return {
    ...entry,
    versions: entry.versions.map((v) => (v.ownerUnitId === from ? { ...v, ownerUnitId: to } : v)),
  };
}
