/**
 * User accounts with the units they act for, and their sessions and API tokens. Sessions and
 * tokens are kept by the SHA-256 of the secret, never the secret.
 */
import type { Role, User } from '../plan/types.js';
import { notFound, now, push } from './rows.js';
import type { Db } from './schema.js';
import type { UserWithSecret } from './types.js';

const USER_COLUMNS = [
  'id',
  'username',
  'display_name',
  'role',
  'disabled',
  'jurisdiction_id',
  'sees_descendants',
] as const;

function toUser(
  row: {
    id: number;
    username: string;
    display_name: string;
    role: string;
    disabled: number;
    jurisdiction_id: number;
    sees_descendants: number;
  },
  unitIds: number[],
): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    unitIds,
    disabled: Number(row.disabled) === 1,
    jurisdictionId: row.jurisdiction_id,
    seesDescendants: Number(row.sees_descendants) === 1,
  };
}

/** The columns an account change may write. */
export interface UserColumns {
  displayName?: string;
  role?: Role;
  disabled?: boolean;
  passwordHash?: string;
  seesDescendants?: boolean;
}

export class UserRepository {
  constructor(private readonly db: Db) {}

  /** Users of the jurisdictions given (every user when none are given), by id. */
  async list(jurisdictionIds?: readonly number[]): Promise<User[]> {
    let query = this.db.selectFrom('users').select(USER_COLUMNS).orderBy('id');
    if (jurisdictionIds !== undefined) query = query.where('jurisdiction_id', 'in', [...jurisdictionIds, -1]);
    const rows = await query.execute();
    const units = await this.unitsOf(rows.map((r) => r.id));
    return rows.map((r) => toUser(r, units.get(r.id) ?? []));
  }

  /** The user, or undefined. */
  async find(id: number): Promise<User | undefined> {
    const row = await this.db
      .selectFrom('users')
      .select(USER_COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) return undefined;
    const units = await this.unitsOf([id]);
    return toUser(row, units.get(id) ?? []);
  }

  /** The user; NOT_FOUND when there is none. */
  async get(id: number): Promise<User> {
    const row = await this.db
      .selectFrom('users')
      .select(USER_COLUMNS)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound('user', id);
    const units = await this.unitsOf([id]);
    return toUser(row, units.get(id) ?? []);
  }

  /** The user with its password hash, or undefined. */
  async findByUsername(username: string): Promise<UserWithSecret | undefined> {
    const row = await this.db
      .selectFrom('users')
      .select([...USER_COLUMNS, 'password_hash'])
      .where('username', '=', username)
      .executeTakeFirst();
    if (!row) return undefined;
    const units = await this.unitsOf([row.id]);
    return { ...toUser(row, units.get(row.id) ?? []), passwordHash: row.password_hash };
  }

  /** A new account; answers its id. A username taken fails on its unique key. */
  async insert(input: {
    username: string;
    displayName: string;
    role: Role;
    passwordHash: string;
    jurisdictionId: number;
    seesDescendants?: boolean;
  }): Promise<number> {
    const stamp = now();
    const row = await this.db
      .insertInto('users')
      .values({
        username: input.username,
        display_name: input.displayName,
        role: input.role,
        password_hash: input.passwordHash,
        disabled: 0,
        jurisdiction_id: input.jurisdictionId,
        sees_descendants: input.seesDescendants ? 1 : 0,
        created_at: stamp,
        updated_at: stamp,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  }

  /** Writes the columns given; answers whether the user exists. */
  async update(id: number, columns: UserColumns): Promise<boolean> {
    const result = await this.db
      .updateTable('users')
      .set({
        updated_at: now(),
        ...(columns.displayName !== undefined ? { display_name: columns.displayName } : {}),
        ...(columns.role !== undefined ? { role: columns.role } : {}),
        ...(columns.disabled !== undefined ? { disabled: columns.disabled ? 1 : 0 } : {}),
        ...(columns.passwordHash !== undefined ? { password_hash: columns.passwordHash } : {}),
        ...(columns.seesDescendants !== undefined
          ? { sees_descendants: columns.seesDescendants ? 1 : 0 }
          : {}),
      })
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** The units the user acts for become `unitIds` (each once). */
  async setUnits(userId: number, unitIds: readonly number[]): Promise<void> {
    await this.db.deleteFrom('user_units').where('user_id', '=', userId).execute();
    const unique = [...new Set(unitIds)];
    if (unique.length) {
      await this.db
        .insertInto('user_units')
        .values(
          unique.map((unitId) => ({
            jurisdiction_id: this.db.selectFrom('units').select('jurisdiction_id').where('id', '=', unitId),
            user_id: userId,
            unit_id: unitId,
          })),
        )
        .execute();
    }
  }

  private async unitsOf(userIds: number[]): Promise<Map<number, number[]>> {
    const out = new Map<number, number[]>();
    if (userIds.length === 0) return out;
    const rows = await this.db
      .selectFrom('user_units')
      .select(['user_id', 'unit_id'])
      .where('user_id', 'in', userIds)
      .orderBy('unit_id')
      .execute();
    for (const r of rows) push(out, r.user_id, r.unit_id);
    return out;
  }
}

/** "read report" → ['read', 'report']. */
const splitScopes = (scopes: string): string[] => scopes.split(' ').filter((s) => s !== '');

export class SessionRepository {
  constructor(private readonly db: Db) {}

  async insert(input: {
    idHash: string;
    userId: number;
    csrfToken: string;
    expiresAt: string;
  }): Promise<void> {
    await this.db
      .insertInto('sessions')
      .values({
        id_hash: input.idHash,
        user_id: input.userId,
        csrf_token: input.csrfToken,
        expires_at: input.expiresAt,
        created_at: now(),
      })
      .execute();
  }

  /** The session, or undefined when unknown; the caller judges expiresAt with its own clock. */
  async find(idHash: string): Promise<{ userId: number; csrfToken: string; expiresAt: string } | undefined> {
    const row = await this.db
      .selectFrom('sessions')
      .select(['user_id', 'csrf_token', 'expires_at'])
      .where('id_hash', '=', idHash)
      .executeTakeFirst();
    return row ? { userId: row.user_id, csrfToken: row.csrf_token, expiresAt: row.expires_at } : undefined;
  }

  async delete(idHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('id_hash', '=', idHash).execute();
  }

  /** Ends every session of a user. */
  async deleteOfUser(userId: number): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  /**
   * A new API token by its hash, expiring at `expiresAt`, with its scopes (every scope when
   * none are given: tokens made by fixtures); a hash taken fails on its unique key.
   */
  async insertToken(input: {
    tokenHash: string;
    userId: number;
    name: string;
    expiresAt: string;
    scopes?: readonly string[];
  }): Promise<{ id: number }> {
    const row = await this.db
      .insertInto('api_tokens')
      .values({
        token_hash: input.tokenHash,
        user_id: input.userId,
        name: input.name,
        created_at: now(),
        expires_at: input.expiresAt,
        ...(input.scopes && { scopes: input.scopes.join(' ') }),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { id: row.id };
  }

  /** The token by its hash; the caller judges expiresAt with its own clock. */
  async findToken(
    tokenHash: string,
  ): Promise<{ id: number; userId: number; expiresAt: string | null; scopes: string[] } | undefined> {
    const row = await this.db
      .selectFrom('api_tokens')
      .select(['id', 'user_id', 'expires_at', 'scopes'])
      .where('token_hash', '=', tokenHash)
      .executeTakeFirst();
    return row
      ? { id: row.id, userId: row.user_id, expiresAt: row.expires_at, scopes: splitScopes(row.scopes) }
      : undefined;
  }

  /** A user's tokens, newest first: never their secrets. */
  async listTokens(
    userId: number,
  ): Promise<{ id: number; name: string; scopes: string[]; createdAt: string; expiresAt: string | null }[]> {
    const rows = await this.db
      .selectFrom('api_tokens')
      .select(['id', 'name', 'scopes', 'created_at', 'expires_at'])
      .where('user_id', '=', userId)
      .orderBy('id', 'desc')
      .execute();
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      scopes: splitScopes(r.scopes),
      createdAt: r.created_at,
      expiresAt: r.expires_at,
    }));
  }

  /** Revokes token `id` of the user; false when the user has no such token. */
  async deleteToken(userId: number, id: number): Promise<boolean> {
    const result = await this.db
      .deleteFrom('api_tokens')
      .where('user_id', '=', userId)
      .where('id', '=', id)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Revokes every token of a user (a new password, a disabled account). */
  async deleteTokensOfUser(userId: number): Promise<void> {
    await this.db.deleteFrom('api_tokens').where('user_id', '=', userId).execute();
  }
}
