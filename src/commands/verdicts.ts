/**
 * Delivery confidence and public verdicts (issue 19): load → src/verdicts decides → store, in
 * one transaction with the audit event and, for verdicts, the public change the followers and
 * the feed are told of. A verdict of 调整 carrying a new deadline or value re-baselines it.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import type { Actor } from '../plan/audit.js';
import { dateOf } from '../plan/dates.js';
import { findPeriodContaining } from '../plan/periods.js';
import type { Health, Plan, TaskState } from '../plan/types.js';
import type { ItemRef } from '../store/promises.js';
import type { Store } from '../store/types.js';
import {
  assessConfidence,
  deriveConfidenceView,
  getCurrentVerdict,
  giveVerdict,
  listPublicEvidence,
  startVerdictRecord,
} from '../verdicts/index.js';
import type {
  ConfidenceAssessment,
  ConfidenceLevel,
  ConfidenceSource,
  ConfidenceView,
  VerdictInput,
  VerdictRecord,
} from '../verdicts/index.js';
import { loadFrame } from './frame.js';
import { preparePublicCopies } from './public-evidence.js';
import { loadPromiseBook, rebaselineDeadline, rebaselineValue, recordPublicChange } from './promises.js';

const key = (r: ItemRef) => `${r.type}:${r.id}`;

/** An item of the plan with its lead unit; NOT_FOUND when it is not one. */
async function getItem(store: Store, planId: number, subject: ItemRef) {
  return subject.type === 'task'
    ? store.tasks.get(planId, subject.id)
    : store.targets.get(planId, subject.id);
}

/**
 * The reporting period holding `date` (the one a confidence is given for); before the plan's
 * year its first, after it its last.
 */
export async function currentPeriodKey(store: Store, planId: number, date: string): Promise<string> {
  const { periods } = await loadFrame(store, planId);
  const found = findPeriodContaining(periods, date);
  if (found) return found.key;
  return (date < periods[0]!.start ? periods[0]! : periods.at(-1)!).key;
}

/**
 * The lead unit (its own) or the plan office (independent) gives a confidence for the period
 * holding today unless `periodKey` names one.
 */
export async function assessItemConfidence(
  store: Store,
  planId: number,
  subject: ItemRef,
  input: { source: ConfidenceSource; level: ConfidenceLevel; comment?: string | null; periodKey?: string },
  actor: Actor,
  now: string,
): Promise<ConfidenceAssessment> {
  return store.transaction(async (tx) => {
    const item = await getItem(tx, planId, subject);
    const periodKey = input.periodKey ?? (await currentPeriodKey(tx, planId, dateOf(now)));
    const earlier = await tx.promises.listConfidence(planId, subject);
    const { assessment, event } = assessConfidence(
      {
        id: 0,
        subject: { ...subject, planId, leadUnitId: item.leadUnitId },
        periodKey,
        source: input.source,
        level: input.level,
        comment: input.comment ?? null,
      },
      actor,
      now,
      earlier,
    );
    const { id: _zero, ...fresh } = assessment;
    const saved = await tx.promises.insertConfidence(planId, fresh);
    await tx.audit.append(event, subject);
    return saved;
  });
}

/**
 * Each item's confidence view (latest of each source up to `period`, disagreements with each
 * other and with `health`), for the items given.
 */
export async function loadConfidenceViews(
  store: Store,
  planId: number,
  period: string,
  healthOf: (item: ItemRef) => Health | undefined,
): Promise<Map<string, ConfidenceView>> {
  const all = await store.promises.listConfidence(planId);
  const bySubject = new Map<string, ConfidenceAssessment[]>();
  for (const a of all) {
    const k = key(a.subject);
    const list = bySubject.get(k) ?? [];
    list.push(a);
    bySubject.set(k, list);
  }
  const out = new Map<string, ConfidenceView>();
  for (const [k, list] of bySubject) {
    const subject = list[0]!.subject;
    const health = healthOf(subject);
    if (health !== undefined) out.set(k, deriveConfidenceView(list, subject, health, period));
  }
  return out;
}

/** Every commitment's verdict record: stored verdicts after 尚未评估 from the plan's publication. */
export async function loadVerdictRecords(
  store: Store,
  plan: Plan,
  subject?: ItemRef,
): Promise<Map<string, VerdictRecord>> {
  const since = plan.publishedAt ?? plan.createdAt;
  const rows = await store.promises.listVerdicts(plan.id, subject);
  const out = new Map<string, VerdictRecord>();
  for (const row of rows) {
    const k = key(row.subject);
    let record = out.get(k);
    if (!record) {
      record = startVerdictRecord({ ...row.subject, planId: plan.id }, since);
      out.set(k, record);
    }
    const { id: _id, subject: _subject, ...entry } = row;
    record.entries.push(entry);
  }
  return out;
}

/** One commitment's record (尚未评估 alone when none was given). */
export async function loadVerdictRecord(store: Store, plan: Plan, subject: ItemRef): Promise<VerdictRecord> {
  return (
    (await loadVerdictRecords(store, plan, subject)).get(key(subject)) ??
    startVerdictRecord({ ...subject, planId: plan.id }, plan.publishedAt ?? plan.createdAt)
  );
}

/**
 * The plan office gives a public verdict. CONFLICT on a draft plan (a verdict is public);
 * BAD_INPUT naming an evidence id that is not the plan's; UNPROCESSABLE naming a file that
 * cannot be published (personal data in it, a type whose metadata cannot be stripped); the
 * domain's rules otherwise. Each file it publishes keeps a public copy, metadata stripped. A 调整
 * with a new deadline or value re-baselines it (its note is the explanation).
 */
export async function giveItemVerdict(
  store: Store,
  planId: number,
  subject: ItemRef,
  input: VerdictInput,
  context: { health: Health; state?: TaskState },
  actor: Actor,
  now: string,
): Promise<VerdictRecord> {
  const evidenceIds = input.evidenceIds ?? [];
  // Stripped and checked before the transaction: reading a PDF or workbook takes a while.
  const copies = await preparePublicCopies(store, planId, evidenceIds);
  return store.transaction(async (tx) => {
    const plan = await tx.plans.get(planId);
    if (plan.state !== 'published')
      throw new AppError('CONFLICT', 'The plan is not published: verdicts are public');
    await getItem(tx, planId, subject);
    if (evidenceIds.length > 0) {
      const found = new Set((await tx.tracking.listEvidence(planId, evidenceIds)).map((e) => e.id));
      const problems: ErrorDetail[] = [];
      evidenceIds.forEach((id, i) => {
        if (!found.has(id))
          problems.push({ path: `evidenceIds.${i}`, message: `no evidence file ${id} in this plan` });
      });
      if (problems.length > 0) throw new AppError('BAD_INPUT', 'Unknown evidence', problems);
    }
    const record = await loadVerdictRecord(tx, plan, subject);
    const before = getCurrentVerdict(record);
    const publicBefore = listPublicEvidence(record).length;
    const { record: next, event } = giveVerdict(record, input, context, actor, now);
    const entry = getCurrentVerdict(next);
    await tx.promises.insertVerdict(planId, subject, entry);
    for (const copy of copies) await tx.tracking.savePublicCopy(planId, copy.fileId, copy, now);
    await tx.audit.append(event, subject);
    await recordPublicChange(tx, plan, subject, 'verdict', before.verdict, entry.verdict, now);
    const publicAfter = listPublicEvidence(next).length;
    if (publicAfter > publicBefore) {
      await recordPublicChange(tx, plan, subject, 'evidence', publicBefore, publicAfter, now);
    }
    if (entry.verdict === 'adjusted' && entry.newPromise) {
      const note = { reason: `公开评估调整：${entry.newPromise.text}`, explanation: entry.note };
      const book = await loadPromiseBook(tx, planId);
      const line = book.deadline(subject);
      const current = line?.versions.at(-1)?.value;
      if (entry.newPromise.deadline !== null && line && current !== entry.newPromise.deadline) {
        await rebaselineDeadline(
          tx,
          planId,
          subject,
          { deadline: entry.newPromise.deadline, ...note },
          actor,
          now,
        );
      }
      const value = subject.type === 'target' ? book.value(subject.id) : undefined;
      if (
        entry.newPromise.value !== null &&
        value &&
        value.versions.at(-1)?.value !== entry.newPromise.value
      ) {
        await rebaselineValue(
          tx,
          planId,
          subject.id,
          { value: entry.newPromise.value, ...note },
          actor,
          now,
          'verdict',
        );
      }
    }
    return next;
  });
}
