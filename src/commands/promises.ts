/**
 * Baselines and slippage (issue 19): the plan's slippage thresholds, the promise lines of its
 * items (a deadline: assignment moves after publication and approved 延期; a target value: its
 * re-baselines), the guard every deadline move passes (a slip past the threshold needs a written
 * explanation), re-baselines by the plan office, and the public change log they feed. Load →
 * src/verdicts decides → store, in one transaction with the audit event.
 */
import { AppError } from '../errors.js';
import type { Actor } from '../plan/audit.js';
import { createAuditEvent } from '../plan/audit.js';
import { deriveGoodSide, deriveTargetMeasure } from '../plan/expected.js';
import type { ExtensionRequest } from '../plan/supervision.js';
import type { Plan, Target, Task } from '../plan/types.js';
import type { ChangeMeta, Store, Versioned } from '../store/types.js';
import type { ItemRef } from '../store/promises.js';
import {
  changePromise,
  checkVarianceExplanation,
  deriveDeadlineLine,
  derivePromiseView,
  getCurrent,
  resolveSlippageThresholds,
  startValueLine,
} from '../verdicts/index.js';
import type {
  ChangeKind,
  DeadlineLine,
  PromiseVersion,
  PromiseView,
  SlippageThresholds,
  ValueLine,
} from '../verdicts/index.js';

/** The plan's slippage thresholds: as saved, or the defaults. */
export async function loadSlippageThresholds(store: Store, planId: number): Promise<SlippageThresholds> {
  return resolveSlippageThresholds((await store.promises.findSettings(planId)) ?? {});
}

/** The plan office sets the thresholds (BAD_INPUT naming each field out of range). */
export async function saveSlippageThresholds(
  store: Store,
  planId: number,
  input: Partial<SlippageThresholds>,
  actor: Actor,
  now: string,
): Promise<SlippageThresholds> {
  if (actor.role !== 'supervisor' && actor.role !== 'admin') {
    throw new AppError('FORBIDDEN', 'Only the plan office sets the slippage thresholds');
  }
  const thresholds = resolveSlippageThresholds(input);
  return store.transaction(async (tx) => {
    await tx.plans.get(planId);
    const before = (await tx.promises.findSettings(planId)) ?? null;
    await tx.promises.saveSettings(planId, thresholds);
    await tx.audit.append(
      createAuditEvent({
        at: now,
        actor,
        entity: { type: 'plan', id: planId },
        planId,
        action: 'plan.slippage',
        before,
        after: thresholds,
      }),
    );
    return thresholds;
  });
}

/** When a plan's originals took effect: its publication (or creation, for a draft). */
function sinceOf(plan: Plan): string {
  return plan.publishedAt ?? plan.createdAt;
}

/** A target's value line from its stored versions, else its value as the report's original. */
function valueLineOf(plan: Plan, target: Target, stored: PromiseVersion<number>[] | undefined): ValueLine {
  const subject = { type: 'target' as const, id: target.id, planId: plan.id };
  const goodSide = deriveGoodSide(target, deriveTargetMeasure(target));
  const line = startValueLine(subject, target.value, target.unit, goodSide, sinceOf(plan));
  return stored && stored.length > 0 ? { ...line, versions: stored } : line;
}

/** Every promise line of a plan, for lists, details, the cockpit and the public page. */
export interface PromiseBook {
  plan: Plan;
  thresholds: SlippageThresholds;
  deadline(item: ItemRef): DeadlineLine | undefined;
  value(targetId: number): ValueLine | undefined;
  /** Original vs current, the slip, days left and overdue. */
  view(item: ItemRef, status: { today: string; finished: boolean }): PromiseView;
}

/**
 * Loads a plan's promise lines in four reads (plan, items unless given, extensions, stored
 * versions) whatever its size.
 */
export async function loadPromiseBook(
  store: Store,
  planId: number,
  given?: { tasks: readonly Task[]; targets: readonly Target[]; extensions?: readonly ExtensionRequest[] },
): Promise<PromiseBook> {
  const [plan, thresholds, items, extensions, deadlines, values] = await Promise.all([
    store.plans.get(planId),
    loadSlippageThresholds(store, planId),
    given ? Promise.resolve(given) : store.plans.getItems(planId),
    given?.extensions ? Promise.resolve(given.extensions) : store.supervision.list('extension', planId),
    store.promises.listVersions<string>(planId, 'deadline'),
    store.promises.listVersions<number>(planId, 'value'),
  ]);
  const key = (r: ItemRef) => `${r.type}:${r.id}`;
  const extensionsOf = new Map<string, ExtensionRequest[]>();
  for (const e of extensions) {
    if (e.subject.type !== 'task' && e.subject.type !== 'target') continue;
    const list = extensionsOf.get(key(e.subject as ItemRef)) ?? [];
    list.push(e);
    extensionsOf.set(key(e.subject as ItemRef), list);
  }
  const assigned = new Map(deadlines.map((l) => [key(l.subject), l.versions]));
  const storedValues = new Map(values.map((l) => [l.subject.id, l.versions]));
  const deadlineOf = new Map<string, string | null>();
  for (const t of items.tasks) deadlineOf.set(`task:${t.id}`, t.deadline);
  const targets = new Map(items.targets.map((t) => [t.id, t]));
  for (const t of items.targets) deadlineOf.set(`target:${t.id}`, t.deadline);
  const deadline = (item: ItemRef) =>
    deriveDeadlineLine(
      { ...item, planId },
      deadlineOf.get(key(item)) ?? null,
      sinceOf(plan),
      extensionsOf.get(key(item)) ?? [],
      assigned.get(key(item)) ?? [],
    );
  const value = (id: number) => {
    const target = targets.get(id);
    return target ? valueLineOf(plan, target, storedValues.get(id)) : undefined;
  };
  return {
    plan,
    thresholds,
    deadline,
    value,
    view: (item, status) =>
      derivePromiseView(
        deadline(item) ?? null,
        item.type === 'target' ? (value(item.id) ?? null) : null,
        status,
      ),
  };
}

/** Appends a public change when the plan is published (the follows and the feed tell it). */
export async function recordPublicChange(
  store: Store,
  plan: Plan,
  subject: ItemRef,
  kind: ChangeKind,
  before: string | number | null,
  after: string | number | null,
  at: string,
): Promise<void> {
  if (plan.state !== 'published' || before === after) return;
  const item =
    subject.type === 'task'
      ? await store.tasks.get(plan.id, subject.id)
      : await store.targets.get(plan.id, subject.id);
  // The chapter (the outline's top node) the item sits under, for those who follow a chapter.
  let chapterId: number | null = null;
  if (item.outlineNodeId !== null) {
    const byId = new Map((await store.plans.listOutline(plan.id)).map((n) => [n.id, n]));
    let node = byId.get(item.outlineNodeId);
    while (node && node.parentId !== null) node = byId.get(node.parentId);
    chapterId = node?.id ?? null;
  }
  await store.promises.appendChange({ planId: plan.id, subject, chapterId, kind, before, after, at });
}

/** What a deadline move carries besides the date: why, and the explanation a slip may need. */
export interface MoveNote {
  reason?: string | null;
  explanation?: string | null;
}

/**
 * The guard of a deadline set by assignment (PATCH of a task or target). Before publication,
 * or for a first deadline, nothing to check. After publication a move is a re-baseline:
 * BAD_INPUT at `deadline` when the item has an approved 延期 (move it by a re-baseline then),
 * at `explanation` when the slip from the original passes the threshold without one. Answers
 * what to write once the item is updated (its line's versions and the public change), or
 * undefined.
 */
export async function prepareDeadlineMove(
  tx: Store,
  planId: number,
  item: ItemRef & { deadline: string | null },
  next: string | null | undefined,
  note: MoveNote,
  meta: ChangeMeta | undefined,
): Promise<(() => Promise<void>) | undefined> {
  if (next === undefined || next === item.deadline || item.deadline === null || next === null)
    return undefined;
  const plan = await tx.plans.get(planId);
  if (plan.state !== 'published') return undefined;
  const [extensions, stored, thresholds] = await Promise.all([
    tx.supervision.list('extension', planId, { subject: item }),
    tx.promises.listVersions<string>(planId, 'deadline', item),
    loadSlippageThresholds(tx, planId),
  ]);
  if (extensions.some((e) => e.state === 'approved')) {
    throw new AppError(
      'BAD_INPUT',
      'The deadline was extended: move it by a re-baseline of the plan office',
      [{ path: 'deadline', message: 'an approved extension stands: use a re-baseline with its reason' }],
    );
  }
  const assigned = stored[0]?.versions ?? [];
  const line = deriveDeadlineLine({ ...item, planId }, item.deadline, sinceOf(plan), [], assigned)!;
  checkVarianceExplanation(line, next, note.explanation, thresholds);
  const at = meta?.at ?? new Date().toISOString();
  const versions: PromiseVersion<string>[] = [
    ...(assigned.length === 0 ? [getCurrent(line)] : []),
    {
      value: next,
      source: 'assignment',
      at,
      by: meta?.actor?.userId ?? null,
      reason: note.reason?.trim() || meta?.reason || null,
      explanation: note.explanation?.trim() || null,
      basis: null,
      extensionId: null,
    },
  ];
  return async () => {
    await tx.promises.appendVersions(planId, item, 'deadline', assigned.length, versions);
    await recordPublicChange(tx, plan, item, 'deadline', item.deadline, next, at);
  };
}

/**
 * The plan office re-baselines a deadline by a decision (常务会议议定, 领导批示): recorded as a 延期
 * approved at once (`origin: 'decision'`), so the deadline in force moves everywhere health reads
 * it. CONFLICT before publication (assign the deadline then) or without a deadline; FORBIDDEN,
 * BAD_INPUT as `changePromise`.
 */
export async function rebaselineDeadline(
  store: Store,
  planId: number,
  subject: ItemRef,
  input: { deadline: string; reason: string; explanation?: string | null; basis?: string | null },
  actor: Actor,
  now: string,
): Promise<Versioned<ExtensionRequest>> {
  return store.transaction(async (tx) => {
    const plan = await tx.plans.get(planId);
    const item =
      subject.type === 'task'
        ? await tx.tasks.get(planId, subject.id)
        : await tx.targets.get(planId, subject.id);
    if (plan.state !== 'published') {
      throw new AppError('CONFLICT', 'The plan is not published: set the deadline in the assignment');
    }
    const book = await loadPromiseBook(tx, planId, {
      tasks: subject.type === 'task' ? [item as Task] : [],
      targets: subject.type === 'target' ? [item as Target] : [],
    });
    const line = book.deadline(subject);
    if (!line) throw new AppError('CONFLICT', 'The item has no deadline yet: assign one first');
    const { event } = changePromise(
      line,
      {
        value: input.deadline,
        source: 'decision',
        reason: input.reason,
        explanation: input.explanation ?? null,
        basis: input.basis ?? null,
      },
      actor,
      now,
      { published: true, thresholds: book.thresholds },
    );
    const previous = getCurrent(line).value;
    const record: Omit<ExtensionRequest, 'id'> = {
      planId,
      subject,
      unitId: item.leadUnitId ?? 0,
      previousDeadline: previous,
      requestedDeadline: input.deadline,
      reason: input.reason.trim(),
      state: 'approved',
      requestedBy: actor.userId,
      requestedAt: now,
      decidedBy: actor.userId,
      decidedAt: now,
      approvedDeadline: input.deadline,
      decisionNote: input.basis?.trim() || null,
      explanation: input.explanation?.trim() || null,
      origin: 'decision',
    };
    const saved = await tx.supervision.insert('extension', record);
    await tx.audit.append(event, subject);
    await recordPublicChange(tx, plan, subject, 'deadline', previous, input.deadline, now);
    return saved;
  });
}

/**
 * The plan office re-baselines a target's value by a decision: the line keeps the report's
 * original and each re-baseline; the target's value becomes the new one (health judges it).
 */
export async function rebaselineValue(
  store: Store,
  planId: number,
  targetId: number,
  input: { value: number; reason: string; explanation?: string | null; basis?: string | null },
  actor: Actor,
  now: string,
  source: 'decision' | 'verdict' = 'decision',
): Promise<Target> {
  return store.transaction(async (tx) => {
    const plan = await tx.plans.get(planId);
    const target = await tx.targets.get(planId, targetId);
    const stored = await tx.promises.listVersions<number>(planId, 'value', { type: 'target', id: targetId });
    const line = valueLineOf(plan, target, stored[0]?.versions);
    const thresholds = await loadSlippageThresholds(tx, planId);
    const { line: next, event } = changePromise(
      line,
      {
        value: input.value,
        source,
        reason: input.reason,
        explanation: input.explanation ?? null,
        basis: input.basis ?? null,
      },
      actor,
      now,
      { published: plan.state === 'published', thresholds },
    );
    const subject = { type: 'target' as const, id: targetId };
    if (plan.state === 'published') {
      const from = stored[0]?.versions.length ?? 0;
      await tx.promises.appendVersions(planId, subject, 'value', from, next.versions.slice(from));
    }
    if (
      !(await tx.targets.update(planId, targetId, { value: input.value }, undefined, target.version, now))
    ) {
      throw new AppError(
        'CONFLICT',
        `target ${targetId} was changed by someone else: reload it and try again`,
      );
    }
    await tx.audit.append(event, subject);
    await recordPublicChange(tx, plan, subject, 'value', getCurrent(line).value, input.value, now);
    return tx.targets.get(planId, targetId);
  });
}

/**
 * BAD_INPUT at `explanation` when moving an item's deadline to `proposed` slips past the plan's
 * threshold from its original without a written explanation (a 延期 asked or approved). Items
 * other than tasks and targets (projects, lists) have no line of their own: nothing to check.
 */
export async function checkDeadlineSlip(
  tx: Store,
  planId: number,
  subject: { type: string; id: number },
  deadline: string | null,
  extensions: readonly ExtensionRequest[],
  proposed: string,
  explanation: string | null | undefined,
): Promise<void> {
  if (subject.type !== 'task' && subject.type !== 'target') return;
  const item = subject as ItemRef;
  const [plan, stored, thresholds] = await Promise.all([
    tx.plans.get(planId),
    tx.promises.listVersions<string>(planId, 'deadline', item),
    loadSlippageThresholds(tx, planId),
  ]);
  const line = deriveDeadlineLine(
    { ...item, planId },
    deadline,
    sinceOf(plan),
    extensions,
    stored[0]?.versions ?? [],
  );
  if (line) checkVarianceExplanation(line, proposed, explanation, thresholds);
}
