/**
 * The assignment fields of task and target updates (their schema: src/contract/plans.ts
 * `assignmentPatchShape`), and the rule that only roles allowed to assign may change them.
 */
import { AppError } from '../../errors.js';
import type { User } from '../../plan/types.js';
import type { AssignmentPatch as StoreAssignmentPatch, Store } from '../../store/types.js';
import { can } from '../auth/policy.js';
import { checkUnitIds } from '../context.js';

/** The assignment fields present in a body, as the store's patch (co-units deduplicated). */
export function pickAssignment(b: StoreAssignmentPatch): StoreAssignmentPatch {
  const patch: StoreAssignmentPatch = {};
  if (b.leadUnitId !== undefined) patch.leadUnitId = b.leadUnitId;
  if (b.coUnitIds !== undefined) patch.coUnitIds = [...new Set(b.coUnitIds)];
  if (b.leader !== undefined) patch.leader = b.leader;
  if (b.deadline !== undefined) patch.deadline = b.deadline;
  if (b.weight !== undefined) patch.weight = b.weight;
  return patch;
}

/** Why a published deadline moves, and its explanation (issue 19), when the body gives them. */
export function moveNoteOf(b: { reason?: string | undefined; explanation?: string | undefined }): {
  reason?: string;
  explanation?: string;
} {
  return {
    ...(b.reason === undefined ? {} : { reason: b.reason }),
    ...(b.explanation === undefined ? {} : { explanation: b.explanation }),
  };
}

/**
 * Checks a user may make this assignment change and that its units exist: FORBIDDEN naming
 * each assignment field for roles that may not assign, BAD_INPUT naming each unknown unit.
 */
export async function checkAssignment(
  store: Store,
  user: User,
  patch: StoreAssignmentPatch,
  jurisdictionId?: number,
): Promise<void> {
  const keys = Object.keys(patch);
  if (keys.length === 0) return;
  if (!can(user, 'item:assign')) {
    throw new AppError(
      'FORBIDDEN',
      `your role (${user.role}) may not change the assignment`,
      keys.map((key) => ({ path: `body.${key}`, message: 'only admins and supervisors assign' })),
    );
  }
  // The units of the item's own jurisdiction only.
  await checkUnitIds(
    store,
    { 'body.leadUnitId': [patch.leadUnitId], 'body.coUnitIds': patch.coUnitIds ?? [] },
    jurisdictionId,
  );
}
