/**
 * The monthly 通报 (issue 18): the month's data loaded (tasks of published plans and of the
 * ledgers with the date each was done, 督办单, 三率), judged by src/documents/bulletin.ts, the
 * draft the office edits (number, title, leaders' comments, requirements), and the issue:
 * a new revision kept as issued, readable by every unit it names, who are told.
 */
import { AppError } from '../errors.js';
import {
  DEFAULT_BULLETIN_RULES,
  deriveBulletin,
  deriveDoneDates,
  monthRange,
} from '../documents/bulletin.js';
import type {
  Bulletin,
  BulletinComment,
  BulletinInput,
  BulletinRequestRates,
  BulletinRules,
  BulletinTask,
} from '../documents/bulletin.js';
import type { WorkSource } from '../chase/types.js';
import type { Actor } from '../plan/audit.js';
import { createAuditEvent } from '../plan/audit.js';
import type { Role } from '../plan/types.js';
import { beijingDate } from '../requests/calendar.js';
import type { IssuedBulletin, Store } from '../store/types.js';
import { loadRecipients, loadSettings, queueNotice, saveSettings } from './notify.js';
import { listMonthlyScores } from './request-queries.js';
import type { RequestsSetup } from './requests-setup.js';

/** The office's standing choices: who issues, the red header, whom it is addressed to, the rules. */
export interface BulletinSettings {
  office: string;
  header: string;
  addressees: string;
  rules: BulletinRules;
}

export const DEFAULT_BULLETIN_SETTINGS: BulletinSettings = {
  office: '区人民政府督查室',
  header: '督查通报',
  addressees: '各镇人民政府、街道办事处，区政府各委、办、局',
  rules: DEFAULT_BULLETIN_RULES,
};

/** What the office writes for one month's issue. */
export interface BulletinDraft {
  number: string;
  title: string | null;
  comments: BulletinComment[];
  requirements: string[];
}

export const EMPTY_DRAFT: BulletinDraft = { number: '', title: null, comments: [], requirements: [] };

export const loadBulletinSettings = (store: Store, jurisdictionId: number) =>
  loadSettings<BulletinSettings>(store, jurisdictionId, 'office:bulletin', DEFAULT_BULLETIN_SETTINGS);

export async function saveBulletinSettings(
  store: Store,
  jurisdictionId: number,
  settings: BulletinSettings,
  expectedVersion: number,
  actor: Actor,
  now: string,
) {
  // Checked by the same rules an issue is (a month with nothing in it).
  deriveBulletin({
    ...settings,
    number: '—',
    month: '2000-01',
    issuedOn: '2000-01-01',
    units: [],
    tasks: [],
    notices: [],
    requests: [],
    comments: [],
    requirements: [],
  });
  return saveSettings(store, jurisdictionId, 'office:bulletin', settings, expectedVersion, actor, now);
}

export async function loadDraft(
  store: Store,
  jurisdictionId: number,
  month: string,
): Promise<{ data: BulletinDraft; version: number }> {
  monthRange(month);
  const saved = await store.bulletins.findDraft(jurisdictionId, month);
  return saved
    ? { data: { ...EMPTY_DRAFT, ...(saved.data as Partial<BulletinDraft>) }, version: saved.version }
    : { data: { ...EMPTY_DRAFT }, version: 0 };
}

export async function saveDraft(
  store: Store,
  jurisdictionId: number,
  month: string,
  draft: BulletinDraft,
  expectedVersion: number,
  actor: Actor,
  now: string,
): Promise<{ version: number }> {
  monthRange(month);
  return store.transaction(async (tx) => {
    if (!(await tx.bulletins.saveDraft(jurisdictionId, month, draft, expectedVersion, actor.userId, now))) {
      const said = `${month}的通报稿已被他人修改并保存：请刷新后核对，再重新保存`;
      throw new AppError('CONFLICT', said, [{ path: 'version', code: 'stale', message: said }]);
    }
    await tx.audit.append({
      ...createAuditEvent({
        at: now,
        actor,
        entity: { type: 'bulletin', id: month },
        action: 'bulletin.draft',
        after: draft,
      }),
      jurisdictionId,
    });
    return { version: expectedVersion + 1 };
  });
}

/**
 * The month's work and 督办单 as the bulletin counts them, from the jurisdiction's published
 * plans, ledgers and units (never another jurisdiction's).
 */
async function loadMonth(
  store: Store,
  jurisdictionId: number,
  month: string,
): Promise<Pick<BulletinInput, 'units' | 'tasks' | 'notices'>> {
  const { last } = monthRange(month);
  // The end of the month's last Beijing day.
  const until = new Date(Date.parse(`${last}T00:00:00Z`) + 16 * 3600_000).toISOString();
  const [units, published, ledgers] = await Promise.all([
    store.units.list([jurisdictionId]),
    store.plans.list({ state: 'published', limit: 1000, jurisdictionIds: [jurisdictionId] }),
    store.work.listLedgers(),
  ]);
  const own = ledgers.filter((l) => l.jurisdictionId === jurisdictionId);
  const planIds = [...new Set([...published.items.map((p) => p.id), ...own.map((l) => l.planId)])];
  const tasks: BulletinTask[] = [];
  const notices: BulletinInput['notices'] = [];
  for (const planId of planIds) {
    const [planTasks, changes, planNotices] = await Promise.all([
      store.tasks.listOfPlan(planId),
      store.audit.listTaskStates(planId, until),
      store.supervision.list('notice', planId),
    ]);
    const sources = await store.work.listItemsByTasks(planTasks.map((t) => t.id));
    const done = deriveDoneDates(changes);
    for (const t of planTasks) {
      if (t.leadUnitId === null || t.deadline === null) continue;
      const item = sources.get(t.id);
      tasks.push({
        id: t.id,
        unitId: t.leadUnitId,
        source: (item?.source ?? 'plan') as WorkSource,
        title: item
          ? 'title' in item
            ? item.title
            : item.topic
          : t.text.length > 50
            ? `${t.text.slice(0, 49)}…`
            : t.text,
        dueOn: t.deadline,
        doneOn: done.get(t.id) ?? null,
      });
    }
    for (const n of planNotices) {
      notices.push({
        id: n.id,
        unitId: n.unitId,
        issuedOn: beijingDate(n.issuedAt),
        dueOn: n.dueOn,
        answeredOn: n.answeredAt ? beijingDate(n.answeredAt) : null,
      });
    }
  }
  return { units: units.map((u) => ({ id: u.id, name: u.name })), tasks, notices };
}

/** The month's 三率 per unit, when 接诉即办 is set up (else none). */
async function loadRates(
  store: Store,
  setup: RequestsSetup | undefined,
  month: string,
): Promise<BulletinRequestRates[]> {
  // Before the first 12345 scoring scheme (a bulletin on a month before the hotline joined the
  // system), the bulletin has no 接诉即办 part rather than no bulletin at all.
  if (!setup || !setup.schemes.schemes.some((s) => s.effectiveFrom <= month)) return [];
  const scores = await listMonthlyScores(store, setup, month);
  return scores.map((s) => ({
    unitId: s.unitId,
    volume: s.volume,
    response: s.response.value,
    resolution: s.resolution.value,
    satisfaction: s.satisfaction.value,
  }));
}

/** The jurisdiction's bulletin of a month as it would be issued now (the builder's preview). */
export async function buildBulletin(
  store: Store,
  jurisdictionId: number,
  setup: RequestsSetup | undefined,
  month: string,
  now: string,
  draft?: BulletinDraft,
): Promise<Bulletin> {
  const [settings, saved, data, requests] = await Promise.all([
    loadBulletinSettings(store, jurisdictionId),
    draft ? undefined : loadDraft(store, jurisdictionId, month),
    loadMonth(store, jurisdictionId, month),
    loadRates(store, setup, month),
  ]);
  const d = draft ?? saved!.data;
  return deriveBulletin({
    ...settings.data,
    ...data,
    requests,
    month,
    number: d.number.trim() || '（待编号）',
    issuedOn: beijingDate(now),
    ...(d.title ? { title: d.title } : {}),
    comments: d.comments,
    requirements: d.requirements,
  });
}

/**
 * Issues the month's bulletin from its saved draft (checked at `expectedDraftVersion`): a new
 * revision, kept as issued, with the units it names; they are told. BAD_INPUT without a 文号.
 */
export async function issueBulletin(
  store: Store,
  jurisdictionId: number,
  setup: RequestsSetup | undefined,
  month: string,
  expectedDraftVersion: number,
  ctx: { publicUrl: string },
  actor: Actor,
  now: string,
): Promise<IssuedBulletin> {
  const draft = await loadDraft(store, jurisdictionId, month);
  if (draft.version !== expectedDraftVersion) {
    const said = '通报稿在您预览后又有修改：请重新查看预览，再印发';
    throw new AppError('CONFLICT', said, [{ path: 'version', code: 'stale', message: said }]);
  }
  if (draft.data.number.trim() === '') {
    const said = '印发前请填写通报的文号';
    throw new AppError('BAD_INPUT', said, [{ path: 'number', code: 'required', message: said }]);
  }
  const bulletin = await buildBulletin(store, jurisdictionId, setup, month, now, draft.data);
  return store.transaction(async (tx) => {
    const revision = await tx.bulletins.nextRevision(jurisdictionId, month);
    const issued = await tx.bulletins.insertIssued({
      jurisdictionId,
      month,
      revision,
      number: bulletin.number,
      title: bulletin.title,
      snapshot: bulletin,
      issuedBy: actor.userId,
      issuedAt: now,
      unitIds: bulletin.rows.map((r) => r.unitId),
    });
    await tx.audit.append({
      ...createAuditEvent({
        at: now,
        actor,
        entity: { type: 'bulletin', id: issued.id },
        action: 'bulletin.issue',
        after: { month, revision, number: bulletin.number },
      }),
      jurisdictionId,
    });
    const recipients = await loadRecipients(tx, jurisdictionId);
    const link = `${ctx.publicUrl.replace(/\/+$/, '')}/bulletins/${issued.id}`;
    for (const row of bulletin.rows) {
      const listed = bulletin.black.some((u) => u.unitId === row.unitId)
        ? '（列入黑榜）'
        : bulletin.red.some((u) => u.unitId === row.unitId)
          ? '（列入红榜）'
          : '';
      await queueNotice(tx, {
        recipients: recipients(row.unitId, 'unit'),
        notice: {
          kind: 'bulletin.issued',
          title: `【通报】${bulletin.title}${revision > 1 ? `（第${revision}版）` : ''}`,
          intro: `${bulletin.number}已印发。贵单位本月到期${row.due}项、按期完成${row.doneOnTime}项、逾期未完成${row.overdue}项${listed}，请查阅。`,
          items: [{ title: bulletin.title, detail: bulletin.number, link }],
          link,
          sender: bulletin.office,
          severity: bulletin.black.some((u) => u.unitId === row.unitId) ? 'urgent' : 'info',
        },
        dedupeBase: `bulletin|${issued.id}|${row.unitId}`,
        now,
        unitId: row.unitId,
      });
    }
    return issued;
  });
}

/** Who may read an issued bulletin: the office and leaders all; a unit those naming it. */
export function canReadBulletin(
  viewer: { role: Role; unitIds: readonly number[] },
  bulletin: Pick<IssuedBulletin, 'unitIds'>,
): boolean {
  if (viewer.role !== 'reporter') return true;
  return bulletin.unitIds.some((id) => viewer.unitIds.includes(id));
}

/** The jurisdiction's issued bulletins the viewer may read. */
export async function listIssuedBulletins(
  store: Store,
  jurisdictionId: number,
  viewer: { role: Role; unitIds: readonly number[] },
) {
  return store.bulletins.listIssued(jurisdictionId, viewer.role === 'reporter' ? viewer.unitIds : undefined);
}

/**
 * An issued bulletin of the jurisdiction; NOT_FOUND for another jurisdiction's, FORBIDDEN for a
 * unit it does not name.
 */
export async function getIssuedBulletin(
  store: Store,
  jurisdictionId: number,
  id: number,
  viewer: { role: Role; unitIds: readonly number[] },
): Promise<IssuedBulletin & { bulletin: Bulletin }> {
  const issued = await store.bulletins.getIssued(jurisdictionId, id);
  if (!canReadBulletin(viewer, issued)) throw new AppError('FORBIDDEN', '该通报未涉及贵单位，无权查看');
  return { ...issued, bulletin: issued.snapshot as Bulletin };
}
