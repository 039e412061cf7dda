/**
 * 服务包's writes (issue 17): enterprises (统一社会信用代码 checked), talents, a package per holder
 * and year, its commitments — opened on the 接诉即办 calendar, reassigned by the office, moved by
 * the responsible unit, the 服务管家 and the holder (src/projects/service.ts's state machine) —
 * each in one transaction with its audit event (and the commitment's own event).
 */
import { AppError } from '../errors.js';
import type { Actor } from '../plan/audit.js';
import type { User } from '../plan/types.js';
import {
  COMMITMENT_EVENT_ROLES,
  applyCommitmentEvent,
  checkEnterprise,
  checkServicePackage,
  checkTalent,
  deriveServiceActor,
  normaliseCreditCode,
  openCommitment,
  reassignCommitment,
} from '../projects/index.js';
import type {
  Commitment,
  CommitmentAssignment,
  CommitmentDraft,
  CommitmentEventInput,
  Enterprise,
  ServiceActor,
  ServicePackage,
  Talent,
} from '../projects/index.js';
import { staleVersion } from '../store/rows.js';
import type { Store, Versioned } from '../store/types.js';
import { changeEvent, checkVersion, metaOf, withId } from './frame.js';
import { loadWorkCalendar } from './requests-setup.js';
import { beijingDate } from '../requests/calendar.js';

function bad(message: string, details: { path: string; message: string }[]): never {
  throw new AppError('BAD_INPUT', message, details);
}

/** A new enterprise (checkEnterprise: a name, a valid code not held by another, a known size). */
export async function createEnterprise(
  store: Store,
  input: Omit<Enterprise, 'id'>,
  actor: Actor,
  now: string,
): Promise<Versioned<Enterprise>> {
  const enterprise = { ...input, name: input.name.trim(), creditCode: normaliseCreditCode(input.creditCode) };
  return store.transaction(async (tx) => {
    const problems = checkEnterprise(enterprise, await tx.services.listAllEnterprises());
    if (problems.length > 0) bad(`企业“${enterprise.name}”的信息有误`, problems);
    const saved = await tx.services.insertEnterprise(enterprise, now);
    await tx.audit.append(
      withId(
        changeEvent(
          { type: 'enterprise', id: 0 },
          null,
          null,
          saved,
          metaOf(actor, now, 'enterprise.create'),
        ),
        saved.id,
      ),
    );
    return saved;
  });
}

/** Edits an enterprise under its version; the same checks as a new one. */
export async function updateEnterprise(
  store: Store,
  id: number,
  patch: Partial<Omit<Enterprise, 'id'>>,
  expectedVersion: number | undefined,
  actor: Actor,
  now: string,
): Promise<Versioned<Enterprise>> {
  return store.transaction(async (tx) => {
    const current = await tx.services.getEnterprise(id);
    checkVersion(current, expectedVersion, `enterprise ${id}`);
    const { version: _v, ...before } = current;
    const next = {
      ...before,
      ...patch,
      ...(patch.creditCode !== undefined ? { creditCode: normaliseCreditCode(patch.creditCode) } : {}),
    };
    const problems = checkEnterprise(next, await tx.services.listAllEnterprises());
    if (problems.length > 0) bad(`企业“${next.name}”的信息有误`, problems);
    if (!(await tx.services.updateEnterprise(next, current.version, now)))
      throw staleVersion('enterprise', id);
    await tx.audit.append(
      changeEvent({ type: 'enterprise', id }, null, before, next, metaOf(actor, now, 'enterprise.update')),
    );
    return tx.services.getEnterprise(id);
  });
}

/** A new talent (checkTalent: a name and a category). */
export async function createTalent(
  store: Store,
  input: Omit<Talent, 'id'>,
  actor: Actor,
  now: string,
): Promise<Talent> {
  const problems = checkTalent(input);
  if (problems.length > 0) bad('人才信息有误', problems);
  return store.transaction(async (tx) => {
    if (input.enterpriseId !== null) await tx.services.getEnterprise(input.enterpriseId);
    const saved = await tx.services.insertTalent(input, now);
    await tx.audit.append(
      withId(
        changeEvent({ type: 'talent', id: 0 }, null, null, saved, metaOf(actor, now, 'talent.create')),
        saved.id,
      ),
    );
    return saved;
  });
}

/** A holder's 服务包 for a year (one per holder and year; the holder must exist). */
export async function createServicePackage(
  store: Store,
  input: Omit<ServicePackage, 'id'>,
  actor: Actor,
  now: string,
): Promise<ServicePackage> {
  return store.transaction(async (tx) => {
    if (input.holder.kind === 'enterprise') await tx.services.getEnterprise(input.holder.id);
    else if (!(await tx.services.listTalents()).some((t) => t.id === input.holder.id))
      throw new AppError('NOT_FOUND', `no talent with id ${input.holder.id}`);
    const problems = checkServicePackage(input, await tx.services.listPackages({ holder: input.holder }));
    if (problems.length > 0) {
      const taken = problems.some((p) => p.path === 'holder');
      throw new AppError(taken ? 'CONFLICT' : 'BAD_INPUT', '服务包信息有误', problems);
    }
    const saved = await tx.services.insertPackage({ ...input, butler: input.butler.trim() }, now);
    await tx.audit.append(
      withId(
        changeEvent(
          { type: 'service_package', id: 0 },
          null,
          null,
          saved,
          metaOf(actor, now, 'service_package.create'),
        ),
        saved.id,
      ),
    );
    return saved;
  });
}

/** BAD_INPUT naming a unit, project or task a commitment refers to that does not exist. */
async function checkCommitmentRefs(
  store: Store,
  c: Pick<Commitment, 'responsibleUnitId' | 'links'>,
  base = '',
) {
  const problems: { path: string; message: string }[] = [];
  if (
    !(await store.units.findExistingIds([c.responsibleUnitId], store.services.jurisdictionId)).has(
      c.responsibleUnitId,
    )
  )
    problems.push({ path: `${base}responsibleUnitId`, message: `unknown unit ${c.responsibleUnitId}` });
  for (const [i, link] of c.links.entries()) {
    if (link.kind === 'project' && (await store.library.listByIds([link.projectId])).length === 0)
      problems.push({ path: `${base}links.${i}`, message: `unknown library project ${link.projectId}` });
  }
  if (problems.length > 0) bad('The commitment names what does not exist', problems);
}

/** Opens a commitment of a package: its deadline in working days on the loaded calendar, or a date. */
export async function addCommitment(
  store: Store,
  draft: CommitmentDraft,
  actor: Actor,
  now: string,
): Promise<Commitment> {
  return store.transaction(async (tx) => {
    await tx.services.getPackage(draft.packageId);
    const opened = openCommitment(0, draft, await loadWorkCalendar(tx));
    await checkCommitmentRefs(tx, opened);
    const { id: _id, ...fresh } = opened;
    const saved = await tx.services.insertCommitment(fresh, now);
    await tx.audit.append(
      withId(
        changeEvent(
          { type: 'commitment', id: 0 },
          null,
          null,
          saved,
          metaOf(actor, now, 'commitment.create'),
        ),
        saved.id,
      ),
    );
    return saved;
  });
}

/** The office changes a commitment's assignment (reassignCommitment) under its version. */
export async function assignCommitment(
  store: Store,
  id: number,
  patch: CommitmentAssignment,
  expectedVersion: number | undefined,
  actor: Actor,
  now: string,
): Promise<Commitment> {
  return store.transaction(async (tx) => {
    const current = await tx.services.getCommitment(id);
    checkVersion(current, expectedVersion, `commitment ${id}`);
    const next = reassignCommitment(current, patch, await loadWorkCalendar(tx));
    await checkCommitmentRefs(tx, next);
    if (!(await tx.services.updateCommitment(next, current.version, now)))
      throw staleVersion('commitment', id);
    await tx.audit.append(
      changeEvent({ type: 'commitment', id }, null, current, next, metaOf(actor, now, 'commitment.assign')),
    );
    return next;
  });
}

/**
 * Who may act on a commitment: the user as the domain's actor for the event (the office, the
 * package's 服务管家, a unit), or FORBIDDEN.
 */
export function serviceActorOf(user: User, butler: string, type: CommitmentEventInput['type']): ServiceActor {
  const actor = deriveServiceActor(user, butler, COMMITMENT_EVENT_ROLES[type]);
  if (!actor) throw new AppError('FORBIDDEN', `your role (${user.role}) may not act on a commitment`);
  return actor;
}

/**
 * One event of a commitment (started, delivered, confirmed, returned, reopened, linked,
 * unlinked) by `serviceActor`, on day `now`'s date: the domain's state machine and guards, the
 * commitment and its event written under its version, audited.
 */
export async function moveCommitment(
  store: Store,
  id: number,
  input: CommitmentEventInput,
  expectedVersion: number | undefined,
  who: { serviceActor: ServiceActor; userId: number | null; role: Actor['role'] | null },
  now: string,
): Promise<Commitment> {
  return store.transaction(async (tx) => {
    const current = await tx.services.getCommitment(id);
    checkVersion(current, expectedVersion, `commitment ${id}`);
    const { commitment, event } = applyCommitmentEvent(current, input, who.serviceActor, beijingDate(now), {
      calendar: await loadWorkCalendar(tx),
    });
    if (input.type === 'linked') await checkCommitmentRefs(tx, { ...commitment, links: [input.link] });
    if (!(await tx.services.updateCommitment(commitment, current.version, now)))
      throw staleVersion('commitment', id);
    await tx.services.appendCommitmentEvent(event, now, who.userId);
    await tx.audit.append(
      changeEvent(
        { type: 'commitment', id },
        null,
        { state: current.state, links: current.links, dueOn: current.dueOn },
        {
          state: commitment.state,
          links: commitment.links,
          dueOn: commitment.dueOn,
          satisfaction: commitment.satisfaction,
        },
        {
          actor: who.userId === null || who.role === null ? null : { userId: who.userId, role: who.role },
          at: now,
          action: `commitment.${input.type}`,
          reason: 'reason' in input ? input.reason : null,
        },
      ),
    );
    return commitment;
  });
}
