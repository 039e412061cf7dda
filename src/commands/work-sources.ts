/**
 * One command per step of each source of work (issue 18): register and move a 批示件, a
 * meeting and its decisions, a 建议 or 提案, and import a list. Each goes through
 * `applyTransition` (src/commands/work.ts): one transaction with its audit event, its task and
 * its notices.
 */
import { AppError } from '../errors.js';
import type { Actor } from '../plan/audit.js';
import { registerDecision, registerMeeting, transitionDecision } from '../sources/decision.js';
import type { DecisionAction, DecisionInput, MeetingInput } from '../sources/decision.js';
import { registerInstruction, transitionInstruction } from '../sources/instruction.js';
import type { InstructionAction, InstructionInput } from '../sources/instruction.js';
import { importWorkList, resolveListRows } from '../sources/list.js';
import type { ListRowDraft } from '../sources/list.js';
import { registerProposal, transitionProposal } from '../sources/proposal.js';
import type { ProposalAction, ProposalInput } from '../sources/proposal.js';
import { listTask } from '../sources/task-spec.js';
import type { Instruction, Meeting, MeetingDecision, Proposal, SourceRecord } from '../sources/types.js';
import type { Transition } from '../sources/work.js';
import { createAuditEvent } from '../plan/audit.js';
import type { Store, WorkItem } from '../store/types.js';
import { createTask } from './items.js';
import { loadOfficeSettings, loadRecipients, queueNotice } from './notify.js';
import { applyTransition, ensureLedger, insertRecord, ledgerYear, loadItem, registeringFor } from './work.js';
import type { WorkContext } from './work.js';

/** Units of the jurisdiction whose ledger holds the work: no other's may lead or help. */
async function unitChecker(tx: Store, planId: number): Promise<(id: number) => boolean> {
  const { jurisdictionId } = await tx.plans.get(planId);
  const ids = new Set(
    (await tx.units.list(jurisdictionId === undefined ? undefined : [jurisdictionId])).map((u) => u.id),
  );
  return (id) => ids.has(id);
}

/** A scan or a letter must be a file of this ledger (uploaded as evidence to it). */
async function checkFile(
  tx: Store,
  planId: number,
  fileId: number | null | undefined,
  path: string,
): Promise<void> {
  if (fileId === null || fileId === undefined) return;
  await tx.tracking.getEvidence(planId, fileId).catch(() => {
    throw new AppError('BAD_INPUT', `file ${fileId} was not uploaded to this ledger`, [
      { path, message: 'upload the file first' },
    ]);
  });
}

/**
 * The command that moves an item of `kinds`: load it under the version the client read, take
 * the source's step (its units: the ledger's jurisdiction's), apply it — one transaction.
 */
function mover<A>(
  kinds: readonly SourceRecord['source'][],
  step: (
    tx: Store,
    current: WorkItem,
    action: A,
    actor: Actor,
    now: string,
    knownUnit: (id: number) => boolean,
  ) => Transition<SourceRecord> | Promise<Transition<SourceRecord>>,
) {
  return (
    store: Store,
    ctx: WorkContext,
    id: number,
    action: A,
    expectedVersion: number | undefined,
    actor: Actor,
    now: string,
  ): Promise<WorkItem> =>
    store.transaction(async (tx) => {
      const current = await loadItem(tx, id, kinds, expectedVersion);
      const t = await step(tx, current, action, actor, now, await unitChecker(tx, current.planId));
      return applyTransition(tx, ctx, current, t, actor, now);
    });
}

// ——— 批示件 ———

export async function registerInstructionItem(
  store: Store,
  input: InstructionInput,
  actor: Actor,
  now: string,
  jurisdictionId?: number,
): Promise<WorkItem> {
  return store.transaction(async (tx) => {
    const where = await registeringFor(tx, actor, jurisdictionId);
    const planId = await ensureLedger(tx, where, ledgerYear(now), now);
    await checkFile(tx, planId, input.scanFileId, 'scanFileId');
    const t = registerInstruction(0, input, actor, now);
    return insertRecord(tx, planId, { next: { ...t.next, source: 'instruction' }, event: t.event }, now);
  });
}

export const moveInstructionItem = mover<InstructionAction>(
  ['instruction'],
  (_tx, current, action, actor, now, known) =>
    tagged('instruction', transitionInstruction(current as Instruction, action, actor, now, known)),
);

// ——— 会议与议定事项 ———

export async function registerMeetingItem(
  store: Store,
  input: MeetingInput,
  actor: Actor,
  now: string,
  jurisdictionId?: number,
): Promise<Meeting & { planId: number }> {
  return store.transaction(async (tx) => {
    const where = await registeringFor(tx, actor, jurisdictionId);
    const planId = await ensureLedger(tx, where, ledgerYear(now), now);
    const t = registerMeeting(0, input, actor, now);
    const { id: _zero, ...fresh } = t.next;
    const saved = await tx.work.insertMeeting(planId, fresh, now);
    await tx.audit.append(
      createAuditEvent({ ...t.event, planId, entity: { type: 'meeting', id: saved.id }, after: saved }),
    );
    return { ...saved, planId };
  });
}

export async function registerDecisionItem(
  store: Store,
  meetingId: number,
  input: DecisionInput,
  actor: Actor,
  now: string,
): Promise<WorkItem> {
  return store.transaction(async (tx) => {
    const meeting = await tx.work.getMeeting(meetingId);
    const t = registerDecision(0, meeting, input, actor, now);
    return insertRecord(tx, meeting.planId, tagged('decision', t), now);
  });
}

export const moveDecisionItem = mover<DecisionAction>(
  ['decision'],
  (_tx, current, action, actor, now, known) =>
    tagged('decision', transitionDecision(current as MeetingDecision, action, actor, now, known)),
);

// ——— 建议提案 ———

export async function registerProposalItem(
  store: Store,
  input: ProposalInput,
  actor: Actor,
  now: string,
  jurisdictionId?: number,
): Promise<WorkItem> {
  return store.transaction(async (tx) => {
    const where = await registeringFor(tx, actor, jurisdictionId);
    const planId = await ensureLedger(tx, where, ledgerYear(now), now);
    const t = registerProposal(0, input, actor, now);
    return insertRecord(tx, planId, tagged(t.next.kind, t), now);
  });
}

export const moveProposalItem = mover<ProposalAction>(
  ['suggestion', 'proposal'],
  async (tx, current, action, actor, now, known) => {
    if (action.type === 'answer') await checkFile(tx, current.planId, action.letterFileId, 'letterFileId');
    const t = transitionProposal(current as Proposal, action, actor, now, known);
    return tagged(t.next.kind, t);
  },
);

// ——— 清单 ———

/**
 * Imports a list read from a file: its rows resolved against the units (BAD_INPUT naming every
 * bad cell), stored as items, those with a unit and a deadline given their tasks at once; each
 * unit told once of all its items.
 */
export async function importWorkListItems(
  store: Store,
  ctx: WorkContext,
  input: { name: string; fileName: string; rows: readonly ListRowDraft[] },
  actor: Actor,
  now: string,
  jurisdictionId?: number,
): Promise<{ listId: number; planId: number; items: WorkItem[] }> {
  return store.transaction(async (tx) => {
    const where = await registeringFor(tx, actor, jurisdictionId);
    const units = await tx.units.list([where]);
    const resolved = resolveListRows(input.rows, units, now);
    const planId = await ensureLedger(tx, where, ledgerYear(now), now);
    const draft = importWorkList(
      { id: 0, name: input.name, fileName: input.fileName },
      resolved,
      0,
      actor,
      now,
    );
    const { id: _zero, ...fresh } = draft.list;
    const list = await tx.work.insertList(planId, fresh);
    await tx.audit.append(
      createAuditEvent({
        ...draft.event,
        planId,
        entity: { type: 'work_list', id: list.id },
        after: { ...draft.event.after, id: list.id },
      }),
    );
    const items: WorkItem[] = [];
    for (const item of draft.items) {
      let record: SourceRecord = { ...item, listId: list.id, source: 'list' };
      let saved = await tx.work.insertItem(planId, record, now);
      if (saved.state === 'assigned') {
        const spec = listTask({ ...item, id: saved.id, listId: list.id }, list.name);
        const task = await createTask(tx, planId, {
          text: spec.text,
          outlineNodeId: null,
          state: 'not_started',
          progress: 0,
          carriedFrom: null,
          leadUnitId: spec.leadUnitId,
          coUnitIds: spec.coUnitIds,
          leader: null,
          deadline: spec.deadline,
          weight: 1,
        });
        record = { ...saved, taskId: task.id } as SourceRecord;
        await tx.work.updateItem(record, saved.version, now);
        saved = { ...saved, taskId: task.id, version: saved.version + 1 };
      }
      items.push(saved);
    }
    await tellUnitsOfList(tx, ctx, where, list.name, items, now);
    return { listId: list.id, planId, items };
  });
}

/** One notice per lead unit listing its items of the list. */
async function tellUnitsOfList(
  tx: Store,
  ctx: WorkContext,
  jurisdictionId: number,
  listName: string,
  items: readonly WorkItem[],
  now: string,
): Promise<void> {
  const recipients = await loadRecipients(tx, jurisdictionId);
  const office = await loadOfficeSettings(tx, jurisdictionId);
  const base = ctx.publicUrl.replace(/\/+$/, '');
  const byUnit = new Map<number, WorkItem[]>();
  for (const item of items) {
    if (item.leadUnitId === null || item.state !== 'assigned') continue;
    byUnit.set(item.leadUnitId, [...(byUnit.get(item.leadUnitId) ?? []), item]);
  }
  for (const [unitId, mine] of byUnit) {
    await queueNotice(tx, {
      recipients: recipients(unitId, 'unit'),
      notice: {
        kind: 'work.assign',
        title: `【交办】${listName}：贵单位牵头${mine.length}项`,
        intro: '请对照清单逐项明确措施，按时限办理并报送办理情况。',
        items: mine.map((i) => ({
          title: i.source === 'list' ? i.title : '',
          ...(i.dueOn ? { dueOn: i.dueOn } : {}),
          link: `${base}/work/list/${i.id}`,
        })),
        link: `${base}/todo`,
        sender: office.data.sender,
        severity: 'info',
      },
      dedupeBase: `work|list-import|${items[0]?.id ?? 0}|${unitId}`,
      now,
      unitId,
    });
  }
}

/** A transition of a source's own type, tagged with its kind for storage. */
function tagged<S extends Omit<SourceRecord, 'source'>>(
  source: SourceRecord['source'],
  t: Transition<S>,
): Transition<SourceRecord> {
  return { next: { ...t.next, source } as unknown as SourceRecord, event: t.event };
}
