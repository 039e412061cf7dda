/**
 * The other sources of work (issue 18): registering 批示件, meetings and their decisions,
 * 建议提案 and imported lists, and moving them — load → the domain's transition (src/sources)
 * → store, in one transaction with its audit event, the plan task that carries the work kept
 * in step (created on assignment, done on answer, back in progress on a return or a 不满意,
 * closed on closing), and the notices it causes queued in the outbox in the same transaction.
 */
import { AppError } from '../errors.js';
import type { Recipient } from '../chase/types.js';
import { WORK_SOURCE_LABELS } from '../chase/types.js';
import type { Notice } from '../notify/types.js';
import type { Actor } from '../plan/audit.js';
import { createAuditEvent } from '../plan/audit.js';
import { beijingDate } from '../requests/calendar.js';
import { decisionTask, instructionTask, listTask, proposalTask } from '../sources/task-spec.js';
import type { SourceTaskSpec } from '../sources/task-spec.js';
import type { SourceRecord } from '../sources/types.js';
import type { Transition } from '../sources/work.js';
import type { Store, WorkItem } from '../store/types.js';
import { checkVersion, withId } from './frame.js';
import { createTask, updateTask } from './items.js';
import { loadOfficeSettings, loadRecipients, loadUserRecipient, ownerOf, queueNotice } from './notify.js';

/** What the work commands need beyond the store: where the site is, for deep links. */
export interface WorkContext {
  publicUrl: string;
}

/**
 * The jurisdiction work is registered for: the one given (the route checked the caller may
 * register for it), else the actor's own.
 */
export async function registeringFor(tx: Store, actor: Actor, jurisdictionId?: number): Promise<number> {
  return jurisdictionId ?? (await tx.users.get(actor.userId)).jurisdictionId;
}

/** The ledger plan of `year` (督查督办事项台账) of the jurisdiction, made on first use. */
export async function ensureLedger(
  tx: Store,
  jurisdictionId: number,
  year: number,
  now: string,
): Promise<number> {
  const found = await tx.work.findLedger(jurisdictionId, year);
  if (found !== undefined) return found;
  const published = (
    await tx.plans.list({ state: 'published', jurisdictionIds: [jurisdictionId], limit: 100 })
  ).items.find((p) => p.year === year);
  const place = published?.place ?? '';
  const planId = await tx.plans.insert(
    jurisdictionId,
    {
      plan: {
        title: `${year}年督查督办事项台账`,
        place,
        level: '',
        year,
        state: 'draft',
        meta: { title: `${year}年督查督办事项台账`, year, ...(place ? { place } : {}) },
        sourceName: '督查督办事项台账',
      },
      outline: [],
      achievements: [],
      tasks: [],
      targets: [],
      projectLists: [],
      projects: [],
    },
    '',
    now,
    'ledger',
  );
  await tx.work.insertLedger(jurisdictionId, year, planId, now);
  await tx.audit.append(
    createAuditEvent({
      at: now,
      actor: null,
      entity: { type: 'plan', id: planId },
      planId,
      action: 'plan.create_ledger',
      after: { year },
    }),
  );
  return planId;
}

/** The words a source's notices use for it: 领导批示“关于……”. */
function itemWords(item: SourceRecord): { label: string; title: string } {
  const label = WORK_SOURCE_LABELS[item.source];
  switch (item.source) {
    case 'instruction':
      return { label, title: `${item.leader}批示：${item.title}` };
    case 'decision':
      return { label, title: item.topic };
    case 'suggestion':
    case 'proposal':
      return { label, title: `${item.number} ${item.title}` };
    case 'list':
      return { label, title: item.title };
  }
}

function dateWords(iso: string | null): string {
  if (!iso) return '';
  return `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;
}

/** Queues one notice about an item to the recipients given, deduped by the item, the step and its time. */
async function tell(
  tx: Store,
  ctx: WorkContext,
  item: WorkItem,
  step: string,
  recipients: readonly Recipient[],
  words: { title: string; intro: string; severity?: Notice['severity']; key?: string },
  now: string,
): Promise<void> {
  if (recipients.length === 0) return;
  const office = await loadOfficeSettings(tx, ownerOf(await tx.plans.get(item.planId)));
  const { label, title } = itemWords(item);
  const link = `${ctx.publicUrl.replace(/\/+$/, '')}/work/${item.source}/${item.id}`;
  const notice: Notice = {
    kind: `work.${step}`,
    title: words.title,
    intro: words.intro,
    items: [{ title, detail: label, ...(item.dueOn ? { dueOn: item.dueOn } : {}), link }],
    sender: office.data.sender,
    severity: words.severity ?? 'info',
  };
  await queueNotice(tx, {
    recipients,
    notice,
    dedupeBase: `work|${item.source}:${item.id}|${step}${words.key ? `|${words.key}` : ''}|${now}`,
    now,
    unitId: item.leadUnitId,
  });
}

/** The people of the lead unit and the co-units (their reporters and robots), in the item's jurisdiction. */
async function unitPeople(
  tx: Store,
  item: WorkItem,
  unitIds: readonly (number | null)[],
): Promise<Recipient[]> {
  const of = await loadRecipients(tx, ownerOf(await tx.plans.get(item.planId)));
  const seen = new Set<string>();
  return unitIds
    .filter((id): id is number => id !== null)
    .flatMap((id) => of(id, 'unit'))
    .filter((r) => (seen.has(r.key) ? false : (seen.add(r.key), true)));
}

/** The task spec of a record (a decision needs its meeting's name). */
async function taskSpec(tx: Store, item: WorkItem): Promise<SourceTaskSpec> {
  switch (item.source) {
    case 'instruction':
      return instructionTask(item);
    case 'decision':
      return decisionTask(item, await tx.work.getMeeting(item.meetingId));
    case 'suggestion':
    case 'proposal':
      return proposalTask(item);
    case 'list': {
      const list = (await tx.work.listLists(item.planId)).find((l) => l.id === item.listId);
      return listTask(item, list?.name ?? '清单');
    }
  }
}

/** Stores a registered record with its audit event. */
export async function insertRecord(
  tx: Store,
  planId: number,
  transition: Transition<SourceRecord>,
  now: string,
): Promise<WorkItem> {
  const saved = await tx.work.insertItem(planId, transition.next, now);
  await tx.audit.append(withId({ ...transition.event, planId }, saved.id));
  return saved;
}

/**
 * Applies a transition to a stored item: writes it under its version with its audit event,
 * keeps its task in step, and queues the notices of the step — all in one transaction.
 */
export async function applyTransition(
  tx: Store,
  ctx: WorkContext,
  current: WorkItem,
  transition: Transition<SourceRecord>,
  actor: Actor,
  now: string,
): Promise<WorkItem> {
  let next: SourceRecord = transition.next;
  const action = transition.event.action.split('.')[1] ?? '';
  if (current.taskId === null && next.state === 'assigned') {
    const spec = await taskSpec(tx, { ...current, ...next } as WorkItem);
    const task = await createTask(tx, current.planId, {
      text: spec.text,
      outlineNodeId: null,
      state: 'not_started',
      progress: 0,
      carriedFrom: null,
      leadUnitId: spec.leadUnitId,
      coUnitIds: spec.coUnitIds,
      leader: next.source === 'instruction' ? next.leader : null,
      deadline: spec.deadline,
      weight: 1,
    });
    await tx.audit.append(
      createAuditEvent({
        at: now,
        actor,
        entity: { type: 'task', id: task.id },
        planId: current.planId,
        action: 'task.create',
        after: { text: task.text, source: `${next.source}:${current.id}` },
      }),
    );
    next = { ...next, taskId: task.id } as SourceRecord;
  } else if (current.taskId !== null) {
    await syncTask(tx, current.planId, current.taskId, current, next, actor, now);
  }
  if (!(await tx.work.updateItem(next, current.version, now))) {
    throw new AppError(
      'CONFLICT',
      `${WORK_SOURCE_LABELS[current.source]} ${current.id} was changed by someone else: reload it and try again`,
      [{ path: 'version', message: 'stale version' }],
    );
  }
  await tx.audit.append(createAuditEvent({ ...transition.event, planId: current.planId, after: next }));
  const saved: WorkItem = {
    ...(next as SourceRecord),
    planId: current.planId,
    version: current.version + 1,
  } as WorkItem;
  await notifyStep(tx, ctx, current, saved, action, now);
  return saved;
}

/** The task follows its item: done on an answer, in progress again on a return, closed on closing. */
async function syncTask(
  tx: Store,
  planId: number,
  taskId: number,
  before: SourceRecord,
  after: SourceRecord,
  actor: Actor,
  now: string,
): Promise<void> {
  const task = await tx.tasks.get(planId, taskId).catch(() => undefined);
  if (!task) return;
  const meta = {
    actor: { userId: actor.userId, role: actor.role },
    at: now,
    action: 'task.update',
    reason: null,
  };
  const patch: Parameters<typeof updateTask>[3] = {};
  if (after.state === 'answered' && before.state !== 'answered')
    Object.assign(patch, { state: 'done', progress: 100 });
  if (after.state === 'assigned' && before.state !== 'assigned')
    Object.assign(patch, { state: 'in_progress', progress: Math.min(task.progress, 90) });
  if ((after.state === 'closed' || after.state === 'filed') && task.state !== 'closed')
    Object.assign(patch, { state: 'closed', progress: 100 });
  if (after.dueOn !== before.dueOn && after.dueOn !== null) patch.deadline = after.dueOn;
  if (Object.keys(patch).length > 0) await updateTask(tx, planId, taskId, patch, task.version, meta);
}

/** The notices of one step: assignment to the units, answer to who registered it, returns and closings to the lead unit. */
async function notifyStep(
  tx: Store,
  ctx: WorkContext,
  before: WorkItem,
  after: WorkItem,
  action: string,
  now: string,
): Promise<void> {
  const { title } = itemWords(after);
  const short = title.length > 30 ? `${title.slice(0, 29)}…` : title;
  const due = dateWords(after.dueOn);
  if (action === 'assign') {
    const lead = await unitPeople(tx, after, [after.leadUnitId]);
    await tell(
      tx,
      ctx,
      after,
      'assign',
      lead,
      {
        title: `【交办】${short}`,
        intro: `请于${due}前办理完毕并报送办理情况。${after.requirement ?? ''}`.trim(),
      },
      now,
    );
    const co = await unitPeople(tx, after, after.coUnitIds);
    const helping = co.filter((r) => !lead.some((l) => l.key === r.key));
    await tell(
      tx,
      ctx,
      after,
      'assign_co',
      helping,
      {
        title: `【协办】${short}`,
        intro: `请配合牵头单位于${due}前办理，${after.source === 'proposal' || after.source === 'suggestion' ? '并向主办单位提出会办意见。' : '按要求报送配合情况。'}`,
      },
      now,
    );
    return;
  }
  if (action === 'co_opinion' && after.source !== 'instruction' && 'coOpinions' in after) {
    // The 主办 unit is told each 会办意见 as it comes, with how many are still owed.
    const owed = after.coUnitIds.filter((id) => !after.coOpinions.some((o) => o.unitId === id)).length;
    await tell(
      tx,
      ctx,
      after,
      'co_opinion',
      await unitPeople(tx, after, [after.leadUnitId]),
      {
        key: `${after.coOpinions.at(-1)?.unitId ?? ''}`,
        title: `【会办意见】${short}`,
        intro:
          owed > 0
            ? `会办单位已提出意见，尚有${owed}个会办单位未提出。`
            : '会办单位意见已全部提出，请综合后答复。',
      },
      now,
    );
    return;
  }
  if (action === 'answer') {
    const registrar = await loadUserRecipient(tx, after.registeredBy);
    await tell(
      tx,
      ctx,
      after,
      'answer',
      registrar ? [registrar] : [],
      { title: `【已答复】${short}`, intro: '承办单位已报送办理情况，请审核。' },
      now,
    );
    return;
  }
  if (action === 'return' || action === 'reopen' || action === 'reopen_unsatisfied') {
    const why =
      action === 'reopen_unsatisfied'
        ? '代表委员对答复不满意，请重新办理'
        : action === 'return'
          ? '办理情况被退回，请重新办理'
          : '该事项已重新交办';
    await tell(
      tx,
      ctx,
      after,
      action,
      await unitPeople(tx, after, [after.leadUnitId]),
      { title: `【重新办理】${short}`, intro: `${why}，并于${due}前报送。`, severity: 'warning' },
      now,
    );
    return;
  }
  if ((action === 'close' || action === 'rate') && after.state === 'closed' && before.state !== 'closed') {
    await tell(
      tx,
      ctx,
      after,
      'close',
      await unitPeople(tx, after, [after.leadUnitId]),
      { title: `【已办结】${short}`, intro: '该事项已办结，感谢配合。' },
      now,
    );
  }
}

/** The year a registration goes into: the Beijing year of today. */
export function ledgerYear(now: string): number {
  return Number(beijingDate(now).slice(0, 4));
}

/** A stored item, checked against the version the client read. */
export async function loadItem(
  tx: Store,
  id: number,
  kinds: readonly SourceRecord['source'][],
  expectedVersion: number | undefined,
): Promise<WorkItem> {
  const item = await tx.work.getItem(id, kinds);
  checkVersion(item, expectedVersion, `${WORK_SOURCE_LABELS[item.source]} ${id}`);
  return item;
}
