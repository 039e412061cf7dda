/**
 * Account commands: create a user and change one (role, units, name, password, disabled), each
 * checked first (BAD_INPUT naming every field at fault) and written in one transaction.
 * Disabling a user ends its sessions; an admin cannot disable itself or give up its own role.
 */
import { AppError } from '../errors.js';
import type { ErrorDetail } from '../errors.js';
import type { Role, User } from '../plan/types.js';
import { isUniqueViolation } from '../store/rows.js';
import { deriveUnitKind } from '../plan/units.js';
import { createUnitMatcher } from '../jurisdictions/units.js';
import type { Store } from '../store/types.js';
import { createUnit } from './units.js';

const ROLES: readonly Role[] = ['admin', 'supervisor', 'reporter', 'leader'];

/** Problems for unit ids that do not exist (or are not integers), at `path`. */
export async function checkUnitsExist(
  store: Store,
  unitIds: readonly (number | null | undefined)[],
  path: string,
  jurisdictionId?: number,
): Promise<ErrorDetail[]> {
  const bad = unitIds.filter((id) => id !== null && id !== undefined && !Number.isInteger(id));
  if (bad.length) return [{ path, message: 'unit ids must be integers' }];
  const ids = [...new Set(unitIds.filter((id): id is number => typeof id === 'number'))];
  // A unit of another jurisdiction is not there for this one: unknown, as if it did not exist.
  const known = await store.units.findExistingIds(ids, jurisdictionId);
  const missing = ids.filter((id) => !known.has(id));
  return missing.length ? [{ path, message: `no unit with id ${missing.join(', ')}` }] : [];
}

/**
 * Creates an account acting for `unitIds` (its password already hashed). BAD_INPUT for a
 * username of other than 1–64 letters, digits and `. _ @ -`, an unknown role, an empty hash or an
 * unknown unit; CONFLICT (`username`) when the username is taken.
 */
export async function createUser(
  store: Store,
  input: {
    username: string;
    displayName: string;
    role: Role;
    unitIds: number[];
    passwordHash: string;
    /** The jurisdiction the account belongs to; its units must be that jurisdiction's. */
    jurisdictionId: number;
    /** Granted the jurisdictions below (a city's 督查室). */
    seesDescendants?: boolean;
  },
): Promise<User> {
  const username = input.username.trim();
  const problems: ErrorDetail[] = [];
  if (!/^[\w.@-]{1,64}$/.test(username)) {
    problems.push({ path: 'username', message: 'use 1–64 letters, digits, . _ @ -' });
  }
  if (!ROLES.includes(input.role))
    problems.push({ path: 'role', message: `must be one of ${ROLES.join(', ')}` });
  if (!input.passwordHash) problems.push({ path: 'passwordHash', message: 'must not be empty' });
  problems.push(...(await checkUnitsExist(store, input.unitIds, 'unitIds', input.jurisdictionId)));
  if (problems.length) throw new AppError('BAD_INPUT', 'invalid user', problems);
  const taken = () =>
    new AppError('CONFLICT', `username ${username} is taken: a user named ${username} already exists`, [
      { path: 'username', message: 'already taken' },
    ]);
  return store.transaction(async (tx) => {
    if (await tx.users.findByUsername(username)) throw taken();
    let id: number;
    try {
      id = await tx.users.insert({
        username,
        displayName: input.displayName.trim() || username,
        role: input.role,
        passwordHash: input.passwordHash,
        jurisdictionId: input.jurisdictionId,
        seesDescendants: input.seesDescendants ?? false,
      });
    } catch (error) {
      throw isUniqueViolation(error) ? taken() : error;
    }
    await tx.users.setUnits(id, input.unitIds);
    return tx.users.get(id);
  });
}

/**
 * Changes an account; `unitIds` replaces its units, `disabled: true` or a new password also
 * ends its sessions and revokes its API tokens.
 * BAD_INPUT for an unknown role or unit or an empty password hash; NOT_FOUND for an unknown
 * user; CONFLICT when `actor` (the admin acting) would disable itself or give up its admin role.
 */
export async function updateUser(
  store: Store,
  id: number,
  patch: Partial<Pick<User, 'displayName' | 'role' | 'unitIds' | 'disabled' | 'seesDescendants'>> & {
    passwordHash?: string;
  },
  actor?: Pick<User, 'id'>,
): Promise<User> {
  const problems: ErrorDetail[] = [];
  if (patch.role !== undefined && !ROLES.includes(patch.role)) {
    problems.push({ path: 'role', message: `must be one of ${ROLES.join(', ')}` });
  }
  if (patch.passwordHash !== undefined && !patch.passwordHash) {
    problems.push({ path: 'passwordHash', message: 'must not be empty' });
  }
  if (patch.unitIds) {
    const { jurisdictionId } = await store.users.get(id);
    problems.push(...(await checkUnitsExist(store, patch.unitIds, 'unitIds', jurisdictionId)));
  }
  if (problems.length) throw new AppError('BAD_INPUT', 'invalid user', problems);
  if (actor?.id === id && (patch.disabled === true || (patch.role !== undefined && patch.role !== 'admin'))) {
    // Keeps at least the acting admin: nobody locks the office out by accident.
    throw new AppError('CONFLICT', 'you cannot disable yourself or give up your own admin role');
  }
  return store.transaction(async (tx) => {
    const { unitIds, ...columns } = patch;
    if (!(await tx.users.update(id, columns))) await tx.users.get(id);
    if (unitIds) await tx.users.setUnits(id, unitIds);
    // A disabled account or a new password ends every session and token: re-enabling the
    // account later revives none of them, and a stolen session or token dies with the old password.
    if (patch.disabled === true || patch.passwordHash !== undefined) {
      await tx.sessions.deleteOfUser(id);
      await tx.sessions.deleteTokensOfUser(id);
    }
    return tx.users.get(id);
  });
}

/**
 * Creates an account acting for the units named (createUser), creating the units that do not
 * exist yet (their kind from their name), in one transaction.
 */
export async function createUserForUnitNames(
  store: Store,
  input: { username: string; displayName: string; role: Role; passwordHash: string; jurisdictionId: number },
  unitNames: readonly string[],
): Promise<User> {
  return store.transaction(async (tx) => {
    const { jurisdictionId } = input;
    const [jurisdiction, units] = await Promise.all([
      tx.jurisdictions.get(jurisdictionId),
      tx.units.list([jurisdictionId]),
    ]);
    // 回龙观街道 finds 回龙观街道办事处: one set of units (src/jurisdictions/units.ts).
    const matcher = createUnitMatcher(units, jurisdiction.name);
    const unitIds: number[] = [];
    for (const name of unitNames) {
      const unit =
        matcher.match(name)?.unit ??
        (await createUnit(tx, { jurisdictionId, name, kind: deriveUnitKind(name) }));
      unitIds.push(unit.id);
    }
    return createUser(tx, { ...input, unitIds });
  });
}

/** A new password (already hashed) for the user `username`; NOT_FOUND (`username`) when there is none. */
export async function setPassword(store: Store, username: string, passwordHash: string): Promise<User> {
  const user = await store.users.findByUsername(username);
  if (!user)
    throw new AppError('NOT_FOUND', `no user ${username}`, [{ path: 'username', message: 'unknown' }]);
  return updateUser(store, user.id, { passwordHash });
}
