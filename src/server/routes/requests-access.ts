/**
 * Who may do what in 接诉即办 (issue 7) over HTTP: the guards the request routes share. Admins
 * and supervisors are the 12345 centre; a reporter is a unit and acts only on the orders its
 * units hold; a leader reads; the public submits through the web form.
 */
import type { FastifyRequest } from 'fastify';
import { AppError } from '../../errors.js';
import type { User } from '../../plan/types.js';
import { holdsOrder, toRequestActor } from '../../requests/index.js';
import type { RequestActor, WorkOrder } from '../../requests/index.js';
import { allow, requireUser } from '../auth/actor.js';

export const tags = ['requests'];

/** The signed-in centre user (admin or supervisor), or 401/403. */
export function requireCentre(request: FastifyRequest): { user: User; actor: RequestActor } {
  const user = requireUser(request);
  const actor = toRequestActor(user);
  if (actor?.role !== 'center')
    throw new AppError('FORBIDDEN', `your role (${user.role}) is not the 12345 centre`);
  return { user, actor };
}

/** A signed-in user who may read all of requests (centre, leader), or a unit (own orders). */
export function requireStaff(request: FastifyRequest): { user: User; actor: RequestActor | undefined } {
  const user = requireUser(request);
  return { user, actor: toRequestActor(user) };
}

/** FORBIDDEN when a unit reads an order none of its units holds. */
export function checkCanRead(order: WorkOrder, actor: RequestActor | undefined): void {
  if (actor?.role === 'unit' && !holdsOrder(order, actor.unitIds)) {
    throw new AppError('FORBIDDEN', `工单 ${order.id} 不在本单位办理`);
  }
}

/**
 * Guards that run before validation, so the public gets 401 and other roles 403 rather than
 * 400. The centre is the roles that assign plan items (admin, supervisor); every role may read.
 */
export const centreOnly = allow('item:assign');
export const signedIn = allow('plan:read-draft');
