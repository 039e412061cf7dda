/**
 * 企业诉求's writes (issue 17): a request taken in by the enterprise's 服务管家 (or the office),
 * then moved like a 接诉即办 order — dispatched to a unit, signed, paused and resumed, replied,
 * closed with the enterprise's satisfaction, reopened — on the loaded working calendar, each
 * with its event and audit entry in one transaction.
 */
import { AppError } from '../errors.js';
import type { Actor } from '../plan/audit.js';
import type { User } from '../plan/types.js';
import {
  REQUEST_EVENT_ROLES,
  applyEnterpriseRequestEvent,
  deriveServiceActor,
  isButler,
  receiveEnterpriseRequest,
} from '../projects/index.js';
import type {
  EnterpriseRequest,
  EnterpriseRequestEventInput,
  EnterpriseRequestIntake,
} from '../projects/index.js';
import { staleVersion } from '../store/rows.js';
import type { Store } from '../store/types.js';
import { changeEvent, checkVersion, metaOf, withId } from './frame.js';
import { loadWorkCalendar } from './requests-setup.js';

/**
 * Takes a request in at `now`. The office names the 服务管家; a unit's user takes it in only as
 * the 服务管家 of one of the enterprise's 服务包 (FORBIDDEN otherwise). The enterprise must exist,
 * and the package, when named, be the enterprise's.
 */
export async function takeEnterpriseRequest(
  store: Store,
  intake: Omit<EnterpriseRequestIntake, 'butler'> & { butler?: string },
  user: User,
  now: string,
): Promise<EnterpriseRequest> {
  const office = user.role === 'admin' || user.role === 'supervisor';
  if (!office && user.role !== 'reporter')
    throw new AppError('FORBIDDEN', '只有服务管家或营商办可以受理企业诉求');
  return store.transaction(async (tx) => {
    await tx.services.getEnterprise(intake.enterpriseId);
    const packages = await tx.services.listPackages({
      holder: { kind: 'enterprise', id: intake.enterpriseId },
    });
    const looksAfter = packages.find((p) => isButler(user, p.butler));
    if (!office && !looksAfter)
      throw new AppError('FORBIDDEN', '只有该企业的服务管家或营商办可以受理企业诉求');
    const butler = office ? (intake.butler ?? '') : looksAfter!.butler;
    if (
      intake.packageId !== undefined &&
      intake.packageId !== null &&
      !packages.some((p) => p.id === intake.packageId)
    )
      throw new AppError('BAD_INPUT', '服务包不属于该企业', [
        { path: 'packageId', message: 'not the enterprise’s package' },
      ]);
    const { id: _id, ...fresh } = receiveEnterpriseRequest(0, { ...intake, butler }, now);
    const saved = await tx.enterpriseRequests.insert(fresh);
    await tx.audit.append(
      withId(
        changeEvent(
          { type: 'enterprise_request', id: 0 },
          null,
          null,
          { status: saved.status, enterpriseId: saved.enterpriseId, butler },
          metaOf(actorOf(user), now, 'enterprise_request.receive'),
        ),
        saved.id,
      ),
    );
    return saved;
  });
}

function actorOf(user: User): Actor {
  return { userId: user.id, role: user.role, unitIds: [...user.unitIds] };
}

/** One event of a request by `user` (the domain decides who may: see REQUEST_EVENT_ROLES). */
export async function moveEnterpriseRequest(
  store: Store,
  id: number,
  input: EnterpriseRequestEventInput,
  expectedVersion: number | undefined,
  user: User,
  now: string,
): Promise<EnterpriseRequest> {
  return store.transaction(async (tx) => {
    const current = await tx.enterpriseRequests.get(id);
    checkVersion(current, expectedVersion, `enterprise request ${id}`);
    const actor = deriveServiceActor(user, current.butler, REQUEST_EVENT_ROLES[input.type]);
    if (!actor)
      throw new AppError('FORBIDDEN', `your role (${user.role}) may not act on an enterprise request`);
    if (
      input.type === 'dispatched' &&
      !(await tx.units.findExistingIds([input.unitId], tx.enterpriseRequests.jurisdictionId)).has(
        input.unitId,
      )
    )
      throw new AppError('BAD_INPUT', `unknown unit ${input.unitId}`, [
        { path: 'unitId', message: 'unknown unit' },
      ]);
    const { request, event } = applyEnterpriseRequestEvent(current, input, actor, now, {
      calendar: await loadWorkCalendar(tx),
    });
    if (!(await tx.enterpriseRequests.update(request, event, current.version, user.id)))
      throw staleVersion('enterprise request', id);
    await tx.audit.append(
      changeEvent(
        { type: 'enterprise_request', id },
        null,
        { status: current.status, leadUnitId: current.leadUnitId },
        { status: request.status, leadUnitId: request.leadUnitId, satisfaction: request.satisfaction },
        metaOf(
          actorOf(user),
          now,
          `enterprise_request.${input.type}`,
          'reason' in input ? input.reason : null,
        ),
      ),
    );
    return request;
  });
}
