/**
 * What a printed 督办单 says (src/documents/notice-docx.ts): its 文号 among the plan's notices,
 * the unit, the task or target by name, dates as offices write them. A reporter reads only
 * the notices of their own units (NOT_FOUND otherwise: a stranger learns nothing).
 */
import { AppError } from '../errors.js';
import type { Actor } from '../plan/audit.js';
import { deriveNoticeNumbers } from '../plan/notice-number.js';
import type { NoticeUrgency, SupervisionNotice } from '../plan/supervision.js';
import type { NoticeSheet } from '../documents/notice-docx.js';
import type { Store } from '../store/types.js';

const URGENCY: Record<NoticeUrgency, string> = { red: '红色督办', yellow: '黄色督办', blue: '蓝色督办' };
const STATE: Record<SupervisionNotice['state'], string> = {
  issued: '已下发，待答复',
  answered: '已答复',
  closed: '已办结',
  escalated: '已升级督办',
};

/** "2022年7月8日" from an ISO date or timestamp (the day as written, in Beijing time for a timestamp). */
function officeDate(iso: string): string {
  const day = iso.length > 10 ? new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 10) : iso;
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}

/** The 文号 of every notice of the plan, by id. */
export async function loadNoticeNumbers(store: Store, planId: number): Promise<Map<number, string>> {
  const [plan, notices] = await Promise.all([
    store.plans.get(planId),
    store.supervision.list('notice', planId),
  ]);
  return deriveNoticeNumbers(notices, plan.year);
}

export async function loadNoticeSheet(
  store: Store,
  planId: number,
  noticeId: number,
  viewer: Actor,
): Promise<NoticeSheet> {
  const notice = await store.supervision.get('notice', planId, noticeId);
  if (viewer.role === 'reporter' && !viewer.unitIds.includes(notice.unitId)) {
    throw new AppError('NOT_FOUND', `No notice ${noticeId} in plan ${planId}`);
  }
  const [numbers, unit, issuer] = await Promise.all([
    loadNoticeNumbers(store, planId),
    store.units.get(notice.unitId),
    store.users.get(notice.issuedBy),
  ]);
  const { type, id } = notice.subject;
  const subject =
    type === 'task'
      ? (await store.tasks.get(planId, id)).text
      : type === 'target'
        ? (await store.targets.get(planId, id)).metric
        : type === 'project'
          ? (await store.projects.get(planId, id)).name
          : '';
  return {
    number: numbers.get(notice.id)!,
    issuer: issuer.displayName,
    unitName: unit.name,
    subject,
    urgency: URGENCY[notice.urgency],
    content: notice.content,
    issuedOn: officeDate(notice.issuedAt),
    dueOn: officeDate(notice.dueOn),
    state: STATE[notice.state],
    answer: notice.answer,
    answeredOn: notice.answeredAt ? officeDate(notice.answeredAt) : null,
    closingNote: notice.closingNote,
  };
}
